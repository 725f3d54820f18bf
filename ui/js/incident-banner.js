// incident-banner: on the home page (the needs list), what no one should
// miss: the incidents past their due date (for everyone) and those that
// wait for me (I own them and have not accepted them yet, or I am on them).
// It follows the live stream: an incident opened or changed, or a
// notification for me, redraws it without a reload.
import { t } from './i18n.js';
import { api, withQuery } from './api.js';
import { session } from './session.js';
import { h } from './dom.js';
import { whileAlive } from './live.js';
import { severityBadge, overdueBadge } from './labels.js';

export function incidentBanner(ctx) {
  const box = h('div', { id: 'incident-banner', hidden: true, 'aria-live': 'polite' });
  let seq = 0;
  const refresh = () => draw(ctx, box, ++seq, () => seq);
  refresh();
  for (const type of ['incident.created', 'incident.updated', 'incident.status', 'notification.created']) whileAlive(ctx, type, refresh);
  return box;
}

// ticket: this drawing's number; only the latest one is shown.
function draw(ctx, box, ticket, latest) {
  Promise.all([
    api('GET', withQuery('/api/v1/incidents', { overdue: 'true', limit: 200 })),
    api('GET', withQuery('/api/v1/incidents', { mine: 'true', active: 'true', limit: 20 })),
  ]).then(([late, mine]) => {
    if (!ctx.alive() || ticket !== latest()) return;
    const parts = [];
    if (late.items.length)
      parts.push(h('div', { class: 'notice notice-danger banner', id: 'overdue-banner', role: 'status' },
        h('strong', null, t('incidents.overdueBannerN', { n: late.items.length })), ' ',
        h('a', { href: '#/incidents?view=overdue', id: 'overdue-link' }, t('incidents.seeOverdue'))));
    const waiting = mine.items.filter((i) => i.owner_id === session.user.id && !i.accepted_at);
    const others = mine.items.filter((i) => !waiting.includes(i));
    if (mine.items.length)
      parts.push(h('div', { class: 'notice notice-warn banner', id: 'my-incidents' },
        h('strong', null, waiting.length ? t('incidents.toAcceptN', { n: waiting.length }) : t('incidents.mineN', { n: mine.items.length })),
        h('ul', { class: 'banner-list' }, [...waiting, ...others].slice(0, 5).map((i) => h('li', { 'data-incident-id': i.id },
          severityBadge(i.severity), ' ', h('a', { href: `#/incidents/${i.id}` }, i.title), h('span', { class: 'muted' }, ` · ${i.client_name}`),
          waiting.includes(i) ? h('span', { class: 'badge badge-warn' }, t('incident.toAccept')) : null, i.overdue ? overdueBadge() : null)))));
    box.replaceChildren(...parts);
    box.hidden = !parts.length;
  }, () => { /* the banner is a convenience: the page works without it */ });
}
