// deals-board: the sales pipeline, one column per stage with the sum of the
// amounts, and the totals (open pipeline, won, everything shown).
import { t, formatDate, formatCents } from '../i18n.js';
import { api, withQuery } from '../api.js';
import { can } from '../session.js';
import { h, loading, empty, errorBox, pageHeader } from '../dom.js';
import { DEAL_STAGES, verdictBadge } from '../labels.js';

const OPEN = ['lead', 'qualified', 'proposal', 'negotiation'];

export async function render(ctx) {
  ctx.setTitle(t('deals.title'));
  const results = h('div', { class: 'results', 'aria-live': 'polite' }, loading());
  const newBtn = () => (can('deals.write') ? h('a', { class: 'btn btn-primary', href: '#/deals/new', id: 'new-deal' }, t('deals.new')) : null);
  ctx.main.append(pageHeader(t('deals.title'), newBtn()), results);

  async function load() {
    results.replaceChildren(loading());
    const items = [];
    try {
      let cursor = '';
      for (let i = 0; i < 20; i++) { // at most 20 pages of 200 deals
        const page = await api('GET', withQuery('/api/v1/deals', { cursor, limit: 200 }));
        items.push(...page.items);
        if (!page.next_cursor) break;
        cursor = page.next_cursor;
      }
    } catch (e) {
      if (ctx.alive()) results.replaceChildren(errorBox(e, load));
      return;
    }
    if (!ctx.alive()) return;
    if (!items.length) { results.replaceChildren(empty(t('deals.none'), newBtn())); return; }
    const sum = (list) => list.reduce((a, d) => a + (Number(d.amount) || 0), 0);
    const openDeals = items.filter((d) => OPEN.includes(d.stage));
    const totals = h('dl', { class: 'totals', id: 'deal-totals' },
      h('div', null, h('dt', null, t('deals.totalOpen')), h('dd', { 'data-total': 'open' }, formatCents(sum(openDeals)))),
      h('div', null, h('dt', null, t('deals.totalWon')), h('dd', { 'data-total': 'won' }, formatCents(sum(items.filter((d) => d.stage === 'won'))))),
      h('div', null, h('dt', null, t('deals.totalAll', { n: items.length })), h('dd', { 'data-total': 'all' }, formatCents(sum(items)))));
    const columns = DEAL_STAGES.map((stage) => {
      const deals = items.filter((d) => d.stage === stage);
      return h('section', { class: `board-col deal-col deal-col-${stage}`, 'data-stage': stage, 'aria-labelledby': `deal-col-${stage}` },
        h('h2', { class: 'board-col-title', id: `deal-col-${stage}` },
          h('span', null, t(`deal.stage.${stage}`)), h('span', { class: 'count', 'aria-label': t('deals.count', { n: deals.length }) }, String(deals.length))),
        h('p', { class: 'col-sum', 'data-sum': stage }, formatCents(sum(deals))),
        h('ul', { class: 'board-list' }, deals.map(dealCard)));
    });
    results.replaceChildren(totals, h('div', { class: 'board deal-board', role: 'group', 'aria-label': t('deals.board') }, columns));
  }

  function dealCard(d) {
    const r = d.latest_review;
    return h('li', { class: 'card board-card deal-card', 'data-deal-id': d.id },
      h('a', { href: `#/deals/${d.id}`, class: 'card-name' }, d.title),
      h('span', { class: 'muted small' }, d.client_name),
      h('div', { class: 'card-meta' },
        h('strong', { class: 'num' }, formatCents(d.amount)),
        d.expected_close ? h('span', { class: 'muted small' }, formatDate(d.expected_close)) : null),
      r ? verdictBadge(r.verdict) : (d.review_requested ? h('span', { class: 'badge badge-warn' }, t('review.requested')) : null));
  }
  await load();
}
