// people-list: candidates and consultants; search by name, kind and skill.
import { t, formatDate, formatMoney } from '../i18n.js';
import { api, withQuery } from '../api.js';
import { can } from '../session.js';
import { h, loading, empty, errorBox, pageHeader, select, debounce } from '../dom.js';
import { KINDS, kindBadge, skillChips } from '../labels.js';
import { skillPicker } from '../skill-picker.js';
import { pagerBar } from '../pager.js';

const PAGE = 25;

export async function render(ctx) {
  ctx.setTitle(t('people.title'));
  const state = { q: ctx.query.get('q') || '', kind: ctx.query.get('kind') || '', skill: ctx.query.get('skill') || '', cursor: ctx.query.get('cursor') || '' };
  const stack = [];
  const results = h('div', { class: 'results', 'aria-live': 'polite' });
  const q = h('input', { type: 'search', id: 'people-q', value: state.q, placeholder: t('people.searchPlaceholder'), autocomplete: 'off' });
  const kind = select([['', t('people.allKinds')], ...KINDS.map((k) => [k, t(`kind.${k}s`)])], state.kind);
  kind.id = 'people-kind';
  const skill = skillPicker({ id: 'people-skill', skill: state.skill || undefined });
  skill.input.placeholder = t('people.skillPlaceholder');
  skill.input.type = 'search';

  const reload = () => {
    history.replaceState(null, '', withQuery('#/people', { q: state.q, kind: state.kind, skill: state.skill, cursor: state.cursor }));
    load();
  };
  const restart = () => { state.cursor = ''; stack.length = 0; reload(); };
  q.addEventListener('input', debounce(() => { state.q = q.value.trim(); restart(); }, 250));
  kind.addEventListener('change', () => { state.kind = kind.value; restart(); });
  skill.input.addEventListener('skillpicked', () => { state.skill = skill.value(); restart(); });
  skill.input.addEventListener('input', debounce(() => { if (!skill.input.value.trim() && state.skill) { state.skill = ''; restart(); } }, 250));
  skill.input.addEventListener('keydown', (e) => {
    if (e.key === 'Enter' && skill.input.getAttribute('aria-expanded') !== 'true') { e.preventDefault(); state.skill = skill.value(); restart(); }
  });

  ctx.main.append(
    pageHeader(t('people.title'),
      h('a', { class: 'btn', href: '#/people/duplicates', id: 'people-duplicates' }, t('dup.title')),
      can('people.import') ? h('a', { class: 'btn', href: '#/people/import', id: 'people-import' }, t('import.title')) : null,
      can('people.export') ? h('a', { class: 'btn', href: '/api/v1/export/people.csv', download: 'personnes.csv', id: 'people-export',
        title: t('export.hint') }, t('export.button')) : null,
      can('people.write') ? h('a', { class: 'btn btn-primary', href: '#/people/new' }, t('people.new')) : null),
    h('form', { class: 'filters', role: 'search', onsubmit: (e) => e.preventDefault() },
      h('div', { class: 'field' }, h('label', { for: q.id }, t('people.search')), q),
      h('div', { class: 'field' }, h('label', { for: kind.id }, t('people.kind')), kind),
      h('div', { class: 'field' }, h('label', { for: skill.input.id }, t('people.skill')), skill.el)),
    results);

  async function load() {
    results.replaceChildren(loading());
    let page;
    try {
      page = await api('GET', withQuery('/api/v1/people', { q: state.q, kind: state.kind, skill: state.skill, cursor: state.cursor, limit: PAGE }));
    } catch (e) {
      if (ctx.alive()) results.replaceChildren(errorBox(e, load));
      return;
    }
    if (!ctx.alive()) return;
    if (!page.items.length) {
      const filtered = state.q || state.kind || state.skill;
      results.replaceChildren(empty(filtered ? t('people.noneFiltered') : t('people.none'),
        !filtered && can('people.write') ? h('a', { class: 'btn btn-primary', href: '#/people/new' }, t('people.new')) : null));
      return;
    }
    const money = can('money.read'); // daily rates are for sales, managers and admins
    const cols = [t('person.name'), t('person.kind'), t('person.skills'), t('person.location'), t('person.available'), money ? t('person.rate') : null].filter(Boolean);
    const table = h('table', { class: 'table' },
      h('caption', { class: 'sr-only' }, t('people.title')),
      h('thead', null, h('tr', null, cols.map((c, i) => h('th', { scope: 'col', class: i === 5 ? 'num' : null }, c)))),
      h('tbody', null, page.items.map((p) => {
        const top = [...p.skills].sort((a, b) => b.level - a.level);
        return h('tr', { 'data-person-id': p.id },
          h('td', { 'data-label': cols[0] }, h('a', { href: `#/people/${p.id}`, class: 'row-link' }, p.name)),
          h('td', { 'data-label': cols[1] }, kindBadge(p.kind)),
          h('td', { 'data-label': cols[2] }, p.skills.length ? skillChips(top, { max: 4, level: true }) : h('span', { class: 'muted' }, '—')),
          h('td', { 'data-label': cols[3] }, p.location || '—'),
          h('td', { 'data-label': cols[4], class: 'nowrap' }, formatDate(p.available_from) || '—'),
          money ? h('td', { 'data-label': cols[5], class: 'num' }, p.daily_rate != null ? formatMoney(p.daily_rate) : '—') : null);
      })));
    results.replaceChildren(h('div', { class: 'table-wrap' }, table),
      pagerBar({ cursor: state.cursor, nextCursor: page.next_cursor, stack, shown: page.items.length,
        go: (c) => { state.cursor = c; reload(); results.scrollIntoView({ block: 'start' }); } }));
  }
  await load();
}
