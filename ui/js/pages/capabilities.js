// capabilities: "what we can deliver": per skill, consultants by level,
// how many are available, and candidates in the pipeline. Built for a
// sales person answering a client on the phone.
import { t, formatNumber } from '../i18n.js';
import { api, withQuery } from '../api.js';
import { h, loading, empty, errorBox, pageHeader, select, debounce } from '../dom.js';
import { skillPicker } from '../skill-picker.js';

const LEVELS = [1, 2, 3, 4, 5];

export async function render(ctx) {
  ctx.setTitle(t('cap.title'));
  const state = { skill: ctx.query.get('skill') || '', min: ctx.query.get('min_level') || '' };
  const results = h('div', { class: 'results', 'aria-live': 'polite' });
  const skill = skillPicker({ id: 'cap-skill', skill: state.skill || undefined });
  skill.input.placeholder = t('people.skillPlaceholder');
  skill.input.type = 'search';
  const min = select([['', t('cap.anyLevel')], ...LEVELS.map((l) => [l, `${l} · ${t(`level.${l}`)}`])], state.min);
  min.id = 'cap-min';

  const reload = () => {
    history.replaceState(null, '', withQuery('#/capabilities', { skill: state.skill, min_level: state.min }));
    load();
  };
  skill.input.addEventListener('skillpicked', () => { state.skill = skill.value(); reload(); });
  skill.input.addEventListener('input', debounce(() => { if (!skill.input.value.trim() && state.skill) { state.skill = ''; reload(); } }, 250));
  skill.input.addEventListener('keydown', (e) => {
    if (e.key === 'Enter' && skill.input.getAttribute('aria-expanded') !== 'true') { e.preventDefault(); state.skill = skill.value(); reload(); }
  });
  min.addEventListener('change', () => { state.min = min.value; reload(); });

  ctx.main.append(
    pageHeader(t('cap.title')),
    h('p', { class: 'lead' }, t('cap.lead')),
    h('form', { class: 'filters', role: 'search', onsubmit: (e) => e.preventDefault() },
      h('div', { class: 'field' }, h('label', { for: skill.input.id }, t('cap.skill')), skill.el),
      h('div', { class: 'field' }, h('label', { for: min.id }, t('cap.minLevel')), min)),
    results);

  async function load() {
    results.replaceChildren(loading());
    let r;
    try {
      r = await api('GET', withQuery('/api/v1/capabilities', { skill: state.skill, min_level: state.min }));
    } catch (e) {
      if (ctx.alive()) results.replaceChildren(errorBox(e, load));
      return;
    }
    if (!ctx.alive()) return;
    if (!r.items.length) { results.replaceChildren(empty(state.skill || state.min ? t('cap.noneFiltered') : t('cap.none'))); return; }
    const levelHead = LEVELS.map((l) => h('th', { scope: 'col', class: 'num', title: t(`level.${l}`) }, t('cap.levelN', { n: l })));
    const table = h('table', { class: 'table cap-table', id: 'capabilities' },
      h('caption', { class: 'sr-only' }, t('cap.title')),
      h('thead', null,
        h('tr', null,
          h('th', { scope: 'col', rowspan: '2' }, t('cap.skill')),
          h('th', { scope: 'colgroup', colspan: '6', class: 'group' }, t('cap.consultants')),
          h('th', { scope: 'col', rowspan: '2', class: 'num' }, t('cap.available')),
          h('th', { scope: 'col', rowspan: '2', class: 'num' }, t('cap.candidates'))),
        h('tr', null, h('th', { scope: 'col', class: 'num' }, t('cap.total')), levelHead)),
      h('tbody', null, r.items.map((c) => {
        const by = c.consultants.by_level || {};
        return h('tr', { 'data-skill': c.skill },
          h('th', { scope: 'row', 'data-label': t('cap.skill') }, c.label || c.skill),
          h('td', { class: 'num strong', 'data-label': t('cap.consultants') }, formatNumber(c.consultants.total)),
          LEVELS.map((l) => h('td', { class: by[l] ? 'num' : 'num muted', 'data-label': `${t('cap.levelN', { n: l })} · ${t(`level.${l}`)}` }, formatNumber(by[l] || 0))),
          h('td', { class: 'num', 'data-label': t('cap.available') },
            c.consultants.available ? h('span', { class: 'badge badge-ok' }, formatNumber(c.consultants.available)) : h('span', { class: 'muted' }, '0')),
          h('td', { class: 'num', 'data-label': t('cap.candidates') }, formatNumber(c.candidates_in_pipeline || 0)));
      })));
    results.replaceChildren(h('div', { class: 'table-wrap' }, table));
  }
  await load();
}
