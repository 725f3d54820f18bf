// feed: the home feed (#/feed): the caller's unread notifications, the
// channels with unread posts, then the posts of the caller's channels and
// the events worth seeing, newest first. It follows the live stream.
import { t, formatDateTime } from '../i18n.js';
import { api } from '../api.js';
import { h, loading, errorBox, empty, pageHeader, debounce } from '../dom.js';
import { whileAlive } from '../live.js';
import { refreshBadge } from '../badge.js';

const EVENT_TEXT = {
  'need.status': 'feed.needOpened', 'need.created': 'feed.needOpened', 'deal.stage': 'feed.dealWon',
  'candidacy.stage': 'feed.hired', 'incident.created': 'feed.incidentOpened', 'incident.opened': 'feed.incidentOpened',
};

function eventLink(ev) {
  if (ev.object_type === 'deal') return `#/deals/${ev.object_id}`;
  if (ev.need_id) return `#/needs/${ev.need_id}`;
  if (ev.object_type === 'incident') return `#/incidents/${ev.object_id}`;
  return null;
}

function notificationText(n) {
  return t(`notif.${n.kind}`, { who: n.actor_name || t('post.system') });
}

function notificationLink(n) {
  if (n.channel_id && n.post_id) return `#/channels/${n.channel_id}?post=${n.post_id}`;
  if (n.object_type === 'deal') return `#/deals/${n.object_id}`;
  if (n.object_type === 'client') return `#/clients/${n.object_id}`;
  if (n.object_type === 'need') return `#/needs/${n.object_id}`;
  if (n.object_type === 'incident') return `#/incidents/${n.object_id}`;
  return '#/feed';
}

export async function render(ctx) {
  ctx.setTitle(t('feed.title'));
  const notes = h('section', { class: 'section', 'aria-labelledby': 'notif-title' });
  const unread = h('section', { class: 'section', 'aria-labelledby': 'unread-title' });
  const list = h('section', { class: 'section', 'aria-labelledby': 'feed-list-title' }, loading());
  ctx.main.replaceChildren(
    pageHeader(t('feed.title'), h('a', { class: 'btn', href: '#/channels' }, t('channels.title'))),
    h('div', { class: 'feed-grid' }, h('div', { class: 'feed-side' }, notes, unread), list));

  async function load() {
    let feed, ns;
    try {
      [feed, ns] = await Promise.all([api('GET', '/api/v1/feed?limit=50'), api('GET', '/api/v1/notifications?unread=1&limit=20')]);
    } catch (e) {
      if (ctx.alive()) list.replaceChildren(errorBox(e, load));
      return;
    }
    if (!ctx.alive()) return;
    const markAll = async () => { await api('POST', '/api/v1/notifications/read'); load(); refreshBadge(); };
    notes.replaceChildren(
      h('div', { class: 'section-head' }, h('h2', { id: 'notif-title' }, t('notif.title')),
        ns.items.length ? h('button', { type: 'button', class: 'btn btn-ghost btn-small', id: 'notif-read-all', onclick: markAll }, t('notif.readAll')) : null),
      ns.items.length
        ? h('ul', { class: 'notif-list', id: 'notif-list' }, ns.items.map((n) => h('li', { class: 'notif' },
          h('a', { href: notificationLink(n), onclick: () => api('POST', `/api/v1/notifications/${n.id}/read`).then(refreshBadge) },
            h('strong', null, notificationText(n))), h('span', { class: `notif-text${n.text ? '' : ' muted'}` }, n.text || t('post.deleted')),
          h('time', { class: 'muted small', datetime: n.created_at }, formatDateTime(n.created_at)))))
        : h('p', { class: 'muted' }, t('notif.none')));
    unread.replaceChildren(h('h2', { id: 'unread-title' }, t('feed.unread')),
      feed.unread.channels.length
        ? h('ul', { class: 'unread-list' }, feed.unread.channels.map((c) => h('li', null,
          h('a', { href: `#/channels/${c.id}` }, c.name), ' ', h('span', { class: 'count-badge' }, String(c.unread)))))
        : h('p', { class: 'muted' }, t('feed.allRead')));
    list.replaceChildren(h('h2', { id: 'feed-list-title' }, t('feed.latest')),
      feed.items.length ? h('ul', { class: 'feed-list', id: 'feed-list' }, feed.items.map(item)) : empty(t('feed.empty')));
  }

  function item(x) {
    if (x.kind === 'post') {
      const p = x.post;
      const body = h('div', { class: 'post-body' });
      body.innerHTML = p.html; // server-rendered Markdown, safe (post-view.js)
      return h('li', { class: 'feed-item feed-post' },
        h('div', { class: 'post-head' }, h('span', { class: 'post-author' }, p.author ? p.author.name : t('post.system')),
          h('span', { class: 'muted small' }, ' · '), h('a', { href: `#/channels/${p.channel_id}` }, p.channel_name),
          h('time', { class: 'muted small', datetime: p.created_at }, ` · ${formatDateTime(p.created_at)}`)),
        body);
    }
    const ev = x.event;
    const link = eventLink(ev);
    const label = t(EVENT_TEXT[ev.type] || 'feed.event');
    return h('li', { class: 'feed-item feed-event' }, h('span', { class: 'event-dot', 'aria-hidden': 'true' }),
      h('span', null, label, ' : ', link ? h('a', { href: link }, ev.title || `#${ev.object_id}`) : (ev.title || '')),
      h('time', { class: 'muted small', datetime: x.at }, ` · ${formatDateTime(x.at)}`));
  }

  const reload = debounce(load, 300);
  for (const type of ['post.created', 'post.updated', 'post.deleted', 'notification.created', 'need.status', 'deal.stage',
    'candidacy.stage', 'incident.created'])
    whileAlive(ctx, type, reload);
  await load();
}
