// needs-list: client needs with status filter, title search and pages.
import { t, formatDate, formatMoney } from '../i18n.js';
import { api, withQuery } from '../api.js';
import { can, session } from '../session.js';
import { h, loading, empty, errorBox, pageHeader, select, debounce } from '../dom.js';
import { NEED_STATUSES, statusBadge, skillChips } from '../labels.js';
import { pagerBar } from '../pager.js';
import { incidentBanner } from '../incident-banner.js';

const PAGE = 25;

export async function render(ctx) {
  ctx.setTitle(t('needs.title'));
  // Recruiters work on open needs: that is their list by default.
  // ("status=all" in the address keeps their choice of every status.)
  const recruiter = session.user?.role === 'recruiter';
  const asked = ctx.query.get('status');
  const state = { status: asked === 'all' ? '' : asked || (recruiter ? 'open' : ''), q: ctx.query.get('q') || '', cursor: ctx.query.get('cursor') || '' };
  const stack = [];
  const results = h('div', { class: 'results', 'aria-live': 'polite' });

  const status = select([['', t('needs.allStatuses')], ...NEED_STATUSES.map((s) => [s, t(`status.${s}`)])], state.status);
  status.id = 'needs-status';
  const q = h('input', { type: 'search', id: 'needs-q', value: state.q, placeholder: t('needs.searchPlaceholder'), autocomplete: 'off' });

  const reload = () => {
    const hash = withQuery('#/needs', { status: state.status || (recruiter ? 'all' : ''), q: state.q, cursor: state.cursor });
    history.replaceState(null, '', hash);
    load();
  };
  status.addEventListener('change', () => { state.status = status.value; state.cursor = ''; stack.length = 0; reload(); });
  q.addEventListener('input', debounce(() => { state.q = q.value.trim(); state.cursor = ''; stack.length = 0; reload(); }, 250));

  const requested = can('reviews.write') ? h('div', { id: 'requested-banner', hidden: true }) : null;
  if (requested) ctx.main.append(requested);
  ctx.main.append(incidentBanner(ctx)); /* incidents late or waiting for me */
  // no ghosting: a recruiter's waiting candidates come first
  const waitingBox = can('candidacies.read') ? h('div', { id: 'waiting-banner', hidden: true }) : null;
  if (waitingBox) ctx.main.append(waitingBox);
  ctx.main.append(
    pageHeader(t('needs.title'), can('needs.write') ? h('a', { class: 'btn btn-primary', href: '#/needs/new' }, t('needs.new')) : null),
    h('form', { class: 'filters', role: 'search', onsubmit: (e) => e.preventDefault() },
      h('div', { class: 'field' }, h('label', { for: q.id }, t('needs.search')), q),
      h('div', { class: 'field' }, h('label', { for: status.id }, t('needs.status')), status)),
    results);

  async function load() {
    results.replaceChildren(loading());
    let page;
    try {
      page = await api('GET', withQuery('/api/v1/needs', { status: state.status, q: state.q, cursor: state.cursor, limit: PAGE }));
    } catch (e) {
      if (ctx.alive()) results.replaceChildren(errorBox(e, load));
      return;
    }
    if (!ctx.alive()) return;
    if (!page.items.length) {
      results.replaceChildren(empty(state.q || state.status ? t('needs.noneFiltered') : t('needs.none'),
        can('needs.write') && !state.q && !state.status ? h('a', { class: 'btn btn-primary', href: '#/needs/new' }, t('needs.new')) : null));
      return;
    }
    const money = can('money.read'); // the client's maximum rate is for sales, managers and admins
    const table = h('table', { class: 'table' },
      h('caption', { class: 'sr-only' }, t('needs.title')),
      h('thead', null, h('tr', null,
        [t('need.title'), t('need.client'), t('need.status'), t('need.skills'), t('need.location'), t('need.start'), money ? t('need.rateMax') : null]
          .filter(Boolean).map((c, i) => h('th', { scope: 'col', class: i === 6 ? 'num' : null }, c)))),
      h('tbody', null, page.items.map((n) => h('tr', { 'data-need-id': n.id },
        h('td', { 'data-label': t('need.title') }, h('a', { href: `#/needs/${n.id}`, class: 'row-link' }, n.title)),
        h('td', { 'data-label': t('need.client') }, n.client_name || h('span', { class: 'muted' }, '—')),
        h('td', { 'data-label': t('need.status') }, statusBadge(n.status)),
        h('td', { 'data-label': t('need.skills') }, n.skills.length ? skillChips(n.skills, { max: 4 }) : h('span', { class: 'muted' }, '—')),
        h('td', { 'data-label': t('need.location') }, n.location || '—', n.remote !== 'none' ? h('span', { class: 'muted small' }, ` · ${t(`remote.short.${n.remote}`)}`) : null),
        h('td', { 'data-label': t('need.start'), class: 'nowrap' }, formatDate(n.start_date) || '—'),
        money ? h('td', { 'data-label': t('need.rateMax'), class: 'num' }, n.daily_rate_max != null ? formatMoney(n.daily_rate_max) : '—') : null))));
    results.replaceChildren(h('div', { class: 'table-wrap' }, table),
      pagerBar({ cursor: state.cursor, nextCursor: page.next_cursor, stack, shown: page.items.length,
        go: (c) => { state.cursor = c; reload(); results.scrollIntoView({ block: 'start' }); } }));
  }
  if (waitingBox) {
    api('GET', `/api/v1/alerts${recruiter ? '?mine=1' : ''}`).then((r) => {
      if (!ctx.alive() || !r.items.length) return;
      const first = r.items.slice(0, 5);
      waitingBox.replaceChildren(h('div', { class: 'notice notice-warn banner waiting-banner' },
        h('strong', null, t('waiting.bannerN', { n: r.summary.overdue })), ' ',
        h('a', { href: '#/home', id: 'waiting-link' }, t('waiting.open')),
        h('ul', null, first.map((a) => h('li', null, h('a', { href: `#/people/${a.person.id}` }, a.person.name), ` — ${a.need.title} (${t('waiting.days', { n: a.working_days_waiting })})`)))));
      waitingBox.hidden = false;
    }).catch(() => {});
  }
  if (requested) {
    api('GET', '/api/v1/reviews/requested').then((r) => {
      if (!ctx.alive() || !r.items.length) return;
      requested.replaceChildren(h('div', { class: 'notice notice-info banner' },
        h('strong', null, t('reviews.bannerN', { n: r.items.length })), ' ',
        h('a', { href: '#/reviews', id: 'requested-link' }, t('reviews.open'))));
      requested.hidden = false;
    }, () => {});
  }
  await load();
}
