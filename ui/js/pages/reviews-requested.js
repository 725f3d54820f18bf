// reviews-requested: the tech lead's home: deals whose sales asked for a
// feasibility review, oldest first as the server sends them.
import { t, formatDate, formatCents } from '../i18n.js';
import { api } from '../api.js';
import { h, loading, empty, errorBox, pageHeader } from '../dom.js';
import { dealStageBadge } from '../labels.js';

export async function render(ctx) {
  ctx.setTitle(t('reviews.title'));
  const results = h('div', { class: 'results', 'aria-live': 'polite' }, loading());
  ctx.main.append(pageHeader(t('reviews.title')), h('p', { class: 'lead' }, t('reviews.lead')), results);

  async function load() {
    results.replaceChildren(loading());
    let r;
    try {
      r = await api('GET', '/api/v1/reviews/requested');
    } catch (e) {
      if (ctx.alive()) results.replaceChildren(errorBox(e, load));
      return;
    }
    if (!ctx.alive()) return;
    if (!r.items.length) { results.replaceChildren(empty(t('reviews.none'))); return; }
    const cols = [t('deal.title'), t('deal.client'), t('deal.stage'), t('deal.amount'), t('deal.expectedClose'), t('deal.owner')];
    results.replaceChildren(h('div', { class: 'table-wrap' }, h('table', { class: 'table', id: 'requested-reviews' },
      h('caption', { class: 'sr-only' }, t('reviews.title')),
      h('thead', null, h('tr', null, cols.map((c, i) => h('th', { scope: 'col', class: i === 3 ? 'num' : null }, c)))),
      h('tbody', null, r.items.map((d) => h('tr', { 'data-deal-id': d.id },
        h('td', { 'data-label': cols[0] }, h('a', { href: `#/deals/${d.id}`, class: 'row-link' }, d.title)),
        h('td', { 'data-label': cols[1] }, d.client_name || '—'),
        h('td', { 'data-label': cols[2] }, dealStageBadge(d.stage)),
        h('td', { 'data-label': cols[3], class: 'num' }, formatCents(d.amount) || '—'),
        h('td', { 'data-label': cols[4], class: 'nowrap' }, formatDate(d.expected_close) || '—'),
        h('td', { 'data-label': cols[5] }, d.owner_name || '—')))))));
  }
  await load();
}
