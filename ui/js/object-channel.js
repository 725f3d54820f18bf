// object-channel: the "Channel" button of a client, need or deal page; it
// finds the object's channel (GET /api/v1/channels?need_id=) and links to it.
import { t } from './i18n.js';
import { api } from './api.js';
import { h } from './dom.js';

export function channelButton(objectType, id) {
  const a = h('a', { class: 'btn', id: 'object-channel', hidden: true }, t('channels.objectChannel'));
  api('GET', `/api/v1/channels?${objectType}_id=${id}`).then((page) => {
    const c = page.items[0];
    if (!c) return;
    a.href = `#/channels/${c.id}`;
    a.hidden = false;
    if (c.unread) a.append(' ', h('span', { class: 'count-badge' }, String(c.unread)));
  }).catch(() => {});
  return a;
}
