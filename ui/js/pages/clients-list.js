// clients-list: the firm's clients, searched by name (or SIRET).
import { t } from '../i18n.js';
import { api, withQuery } from '../api.js';
import { can } from '../session.js';
import { h, loading, empty, errorBox, pageHeader, debounce } from '../dom.js';
import { pagerBar } from '../pager.js';

const PAGE = 25;

export async function render(ctx) {
  ctx.setTitle(t('clients.title'));
  const state = { q: ctx.query.get('q') || '', cursor: ctx.query.get('cursor') || '' };
  const stack = [];
  const results = h('div', { class: 'results', 'aria-live': 'polite' });
  const q = h('input', { type: 'search', id: 'clients-q', value: state.q, placeholder: t('clients.searchPlaceholder'), autocomplete: 'off' });
  const newBtn = () => (can('clients.write') ? h('a', { class: 'btn btn-primary', href: '#/clients/new', id: 'new-client' }, t('clients.new')) : null);

  const reload = () => {
    history.replaceState(null, '', withQuery('#/clients', { q: state.q, cursor: state.cursor }));
    load();
  };
  q.addEventListener('input', debounce(() => { state.q = q.value.trim(); state.cursor = ''; stack.length = 0; reload(); }, 250));

  ctx.main.append(
    pageHeader(t('clients.title'), newBtn()),
    h('form', { class: 'filters filters-one', role: 'search', onsubmit: (e) => e.preventDefault() },
      h('div', { class: 'field' }, h('label', { for: q.id }, t('clients.search')), q)),
    results);

  async function load() {
    results.replaceChildren(loading());
    let page;
    try {
      page = await api('GET', withQuery('/api/v1/clients', { q: state.q, cursor: state.cursor, limit: PAGE }));
    } catch (e) {
      if (ctx.alive()) results.replaceChildren(errorBox(e, load));
      return;
    }
    if (!ctx.alive()) return;
    if (!page.items.length) {
      results.replaceChildren(empty(state.q ? t('clients.noneFiltered') : t('clients.none'), state.q ? null : newBtn()));
      return;
    }
    const cols = [t('client.name'), t('client.sector'), t('client.siret'), t('client.owner')];
    const table = h('table', { class: 'table' },
      h('caption', { class: 'sr-only' }, t('clients.title')),
      h('thead', null, h('tr', null, cols.map((c) => h('th', { scope: 'col' }, c)))),
      h('tbody', null, page.items.map((c) => h('tr', { 'data-client-id': c.id },
        h('td', { 'data-label': cols[0] }, h('a', { href: `#/clients/${c.id}`, class: 'row-link' }, c.name)),
        h('td', { 'data-label': cols[1] }, c.sector || h('span', { class: 'muted' }, '—')),
        h('td', { 'data-label': cols[2], class: 'nowrap mono' }, c.siret || h('span', { class: 'muted' }, '—')),
        h('td', { 'data-label': cols[3] }, c.owner_name || h('span', { class: 'muted' }, '—'))))));
    results.replaceChildren(h('div', { class: 'table-wrap' }, table),
      pagerBar({ cursor: state.cursor, nextCursor: page.next_cursor, stack, shown: page.items.length,
        go: (c) => { state.cursor = c; reload(); results.scrollIntoView({ block: 'start' }); } }));
  }
  await load();
}
