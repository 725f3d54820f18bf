// incidents-list: the incidents ("hot potatoes"), active ones first by
// default; filters: status, mine, overdue. Severity and lateness badges.
// An incident opened or changed by anyone shows up without a reload.
import { t, getLang } from '../i18n.js';
import { api, withQuery } from '../api.js';
import { h, loading, empty, errorBox, pageHeader, select, debounce } from '../dom.js';
import { whileAlive } from '../live.js';
import { INCIDENT_STATUSES, severityBadge, incidentStatusBadge, overdueBadge } from '../labels.js';
import { pagerBar } from '../pager.js';
import { can, isClient } from '../session.js';

const PAGE = 25;

export async function render(ctx) {
  ctx.setTitle(t('incidents.title'));
  const state = { view: ctx.query.get('view') || 'active', cursor: ctx.query.get('cursor') || '' };
  const stack = [];
  const results = h('div', { class: 'results', 'aria-live': 'polite' });
  const views = [['active', t('incidents.viewActive')], ['mine', t('incidents.viewMine')], ['overdue', t('incidents.viewOverdue')],
    ['all', t('incidents.viewAll')], ...INCIDENT_STATUSES.map((s) => [s, t(`incidentStatus.${s}`)])];
  const view = select(views, state.view);
  view.id = 'incidents-view';
  view.addEventListener('change', () => {
    state.view = view.value;
    state.cursor = '';
    stack.length = 0;
    history.replaceState(null, '', withQuery('#/incidents', { view: state.view === 'active' ? '' : state.view }));
    load();
  });
  ctx.main.append(
    pageHeader(t('incidents.title'), can('incidents.write') ? h('a', { class: 'btn btn-primary', href: '#/incidents/new', id: 'new-incident' }, t('incidents.new')) : null),
    h('p', { class: 'muted' }, t(isClient() ? 'incidents.introClient' : 'incidents.intro')),
    h('form', { class: 'filters filters-one', role: 'search', onsubmit: (e) => e.preventDefault() },
      h('div', { class: 'field' }, h('label', { for: view.id }, t('incidents.show')), view)),
    results);

  function query() {
    const v = state.view;
    if (v === 'active') return { active: 'true' };
    if (v === 'mine') return { mine: 'true', active: 'true' };
    if (v === 'overdue') return { overdue: 'true' };
    if (v === 'all') return {};
    return { status: v };
  }

  // quiet: a live refresh keeps the table on screen until the new one is there
  async function load(quiet) {
    if (quiet !== true) results.replaceChildren(loading());
    let page;
    try {
      page = await api('GET', withQuery('/api/v1/incidents', { ...query(), cursor: state.cursor, limit: PAGE }));
    } catch (e) {
      if (ctx.alive()) results.replaceChildren(errorBox(e, load));
      return;
    }
    if (!ctx.alive()) return;
    if (!page.items.length) {
      results.replaceChildren(empty(state.view === 'active' ? t('incidents.noneActive') : t('incidents.none')));
      return;
    }
    results.replaceChildren(incidentTable(page.items, t('incidents.title')),
      pagerBar({ cursor: state.cursor, nextCursor: page.next_cursor, stack, shown: page.items.length,
        go: (c) => { state.cursor = c; load(); } }));
  }
  const later = debounce(() => load(true), 300);
  for (const type of INCIDENT_EVENTS) whileAlive(ctx, type, later);
  await load();
}

// What the live stream says of incidents (also followed by the client page).
export const INCIDENT_EVENTS = ['incident.created', 'incident.updated', 'incident.status'];

// The table of incidents, shared with the ritual agenda.
export function incidentTable(items, caption) {
  const cols = [t('incident.title'), t('incident.client'), t('incident.severity'), t('incident.status'), t('incident.owner'), t('incident.due')];
  return h('div', { class: 'table-wrap' }, h('table', { class: 'table incidents-table' },
    h('caption', { class: 'sr-only' }, caption),
    h('thead', null, h('tr', null, cols.map((c) => h('th', { scope: 'col' }, c)))),
    h('tbody', null, items.map((i) => h('tr', { 'data-incident-id': i.id, class: i.overdue ? 'row-overdue' : null },
      h('td', { 'data-label': cols[0] }, h('a', { href: `#/incidents/${i.id}`, class: 'row-link' }, i.title)),
      h('td', { 'data-label': cols[1] }, can('clients.read') ? h('a', { href: `#/clients/${i.client_id}`, class: 'muted-link' }, i.client_name) : i.client_name),
      h('td', { 'data-label': cols[2] }, severityBadge(i.severity)),
      h('td', { 'data-label': cols[3] }, h('span', { class: 'badges' }, incidentStatusBadge(i.status), i.overdue ? overdueBadge() : null,
        !i.accepted_at && (i.status === 'open' || i.status === 'in_progress') ? h('span', { class: 'badge badge-warn' }, t('incident.toAccept')) : null)),
      h('td', { 'data-label': cols[4] }, i.owner_name || '—'),
      h('td', { 'data-label': cols[5], class: 'nowrap' }, formatDateTime(i.due_at)))))));
}

// "2 déc. 2026, 21:02" in Paris time: deadlines are met in the office's time.
export function formatDateTime(iso) {
  if (!iso) return '—';
  return new Intl.DateTimeFormat(getLang() === 'en' ? 'en-GB' : 'fr-FR',
    { day: 'numeric', month: 'short', year: 'numeric', hour: '2-digit', minute: '2-digit', timeZone: 'Europe/Paris' }).format(new Date(iso));
}

