// need-detail: a need's fields, its ranked matches (each can join the
// pipeline) and the pipeline board of the need.
import { t, formatDate, formatMoney, formatNumber } from '../i18n.js';
import { api, withQuery } from '../api.js';
import { can, session } from '../session.js';
import { h, loading, errorBox, empty, pageHeader, toast } from '../dom.js';
import { statusBadge, kindBadge } from '../labels.js';
import { pipelineBoard } from '../pipeline-board.js';
import { channelButton } from '../object-channel.js';
import { whileAlive } from '../live.js';
import { debounce } from '../dom.js';

export async function render(ctx) {
  const id = Number(ctx.params[0]);
  ctx.main.append(loading());
  const need = await api('GET', `/api/v1/needs/${id}`);
  if (!ctx.alive()) return;
  ctx.setTitle(need.title);
  ctx.main.replaceChildren(
    h('nav', { class: 'crumbs', 'aria-label': t('nav.crumbs') }, h('a', { href: '#/needs' }, t('needs.title')), ' / ', need.title),
    pageHeader(need.title,
      channelButton('need', id),
      can('needs.write') ? h('a', { class: 'btn', href: `#/needs/${id}/edit`, id: 'edit-need' }, t('action.edit')) : null),
    summary(need));

  const coverage = can('capabilities.read') ? coverageSection(ctx, need) : null;
  if (coverage) ctx.main.append(coverage.el);
  let board = null;
  let matches = null;
  if (can('candidacies.read')) {
    board = pipelineBoard({ needId: id, editable: can('candidacies.write'), onChange: () => matches?.refreshButtons() });
  }
  if (can('matches.read')) matches = matchesSection(ctx, need, board);
  if (board) {
    ctx.main.append(h('section', { class: 'section', id: 'pipeline', 'aria-labelledby': 'pipeline-title' },
      h('div', { class: 'section-head' },
        h('h2', { id: 'pipeline-title' }, t('board.title')),
        can('candidacies.write') ? h('p', { class: 'muted small' }, t('board.help')) : null),
      board.el));
  }
  if (matches) ctx.main.append(matches.el);
  if (board) { /* the kanban follows moves made by others, live; never in the middle of a drag */
    const again = debounce(() => (document.querySelector('.card-chosen, .card-drag') ? again() : board.load()), 300);
    for (const type of ['candidacy.created', 'candidacy.stage'])
      whileAlive(ctx, type, (d) => { if (d.need_id === id && d.actor_id !== session.user?.id) again(); });
  }
  await Promise.all([board?.load(), matches?.load(), coverage?.load()]);
}

// Coverage: for each required skill, how many consultants and candidates
// meet it; the skills nobody meets are what recruitment must source.
function coverageSection(ctx, need) {
  const body = h('div', null, loading());
  const el = h('section', { class: 'section', id: 'coverage', 'aria-labelledby': 'coverage-title' },
    h('div', { class: 'section-head' }, h('h2', { id: 'coverage-title' }, t('gap.title')),
      h('p', { class: 'muted small' }, t('gap.help'))),
    body);
  async function load() {
    let r;
    try {
      r = await api('GET', `/api/v1/needs/${need.id}/gap`);
    } catch (e) {
      if (ctx.alive()) body.replaceChildren(errorBox(e, load));
      return;
    }
    if (!ctx.alive()) return;
    if (!r.items.length) { body.replaceChildren(empty(t('gap.noSkills'))); return; }
    const unmet = new Set(r.unmet || []);
    const labels = new Map(r.items.map((i) => [i.skill, i.label || i.skill]));
    const cols = [t('skill.skill'), t('skill.minLevel'), t('gap.consultants'), t('gap.candidates'), t('gap.status')];
    body.replaceChildren(
      unmet.size
        ? h('div', { class: 'notice notice-warn', id: 'gap-unmet', role: 'note' },
          h('strong', null, t('gap.toSource')), ' ',
          h('span', { class: 'chips-inline' }, [...unmet].map((s) => h('span', { class: 'chip chip-missing' }, labels.get(s) || s))))
        : h('div', { class: 'notice notice-ok', role: 'note' }, t('gap.allCovered')),
      h('div', { class: 'table-wrap' }, h('table', { class: 'table table-gap' },
        h('caption', { class: 'sr-only' }, t('gap.title')),
        h('thead', null, h('tr', null, cols.map((c, i) => h('th', { scope: 'col', class: i === 2 || i === 3 ? 'num' : null }, c)))),
        h('tbody', null, r.items.map((g) => h('tr', { 'data-skill': g.skill },
          h('td', { 'data-label': cols[0] }, g.label || g.skill),
          h('td', { 'data-label': cols[1] }, `${g.min_level} · ${t(`level.${g.min_level}`)}`),
          h('td', { 'data-label': cols[2], class: 'num' }, formatNumber(g.consultants_meeting)),
          h('td', { 'data-label': cols[3], class: 'num' }, formatNumber(g.candidates_meeting)),
          h('td', { 'data-label': cols[4] }, unmet.has(g.skill)
            ? h('span', { class: 'badge badge-danger' }, t('gap.unmet'))
            : g.consultants_meeting ? h('span', { class: 'badge badge-ok' }, t('gap.inHouse')) : h('span', { class: 'badge badge-warn' }, t('gap.candidatesOnly')))))))));
  }
  return { el, load };
}

function summary(n) {
  const fact = (label, value) => h('div', null, h('dt', null, label), h('dd', null, value === '' || value == null ? '—' : value));
  return h('section', { class: 'card need-summary' },
    h('div', { class: 'need-summary-head' }, statusBadge(n.status),
      n.client_name ? h('span', { class: 'client-name' }, n.client_name) : null),
    h('dl', { class: 'facts' },
      fact(t('need.location'), n.location),
      fact(t('need.remote'), t(`remote.${n.remote}`)),
      fact(t('need.start'), formatDate(n.start_date)),
      fact(t('need.duration'), n.duration_days != null ? t('need.days', { n: n.duration_days }) : ''),
      can('money.read') ? fact(t('need.rateMax'), n.daily_rate_max != null ? formatMoney(n.daily_rate_max) : '') : null,
      fact(t('need.published'), n.careers_url ? h('a', { href: n.careers_url, target: '_blank', rel: 'noopener', id: 'careers-link' }, t('need.seeOffer'))
        : n.published ? t('need.publishedWhenOpen') : t('need.notPublished'))),
    n.qualification && n.qualification.missing && n.qualification.missing.length && ['draft', 'qualified'].includes(n.status)
      ? h('p', { class: 'notice notice-warn', id: 'need-missing' }, t(n.status === 'qualified' ? 'qual.missingOpen' : 'qual.missingList', { list: n.qualification.missing.map((m) => t(`qual.short.${m}`)).join(', ') }))
      : null,
    n.description ? h('p', { class: 'description' }, n.description) : null,
    h('h2', { class: 'h3' }, t('need.skillsRequired')),
    n.skills.length
      ? h('table', { class: 'table table-compact req-table' },
        h('thead', null, h('tr', null, [t('skill.skill'), t('skill.minLevel'), t('skill.weight'), t('skill.mandatoryShort')].map((c) => h('th', { scope: 'col' }, c)))),
        h('tbody', null, n.skills.map((s) => h('tr', null,
          h('td', null, s.label),
          h('td', null, `${s.min_level} · ${t(`level.${s.min_level}`)}`),
          h('td', null, String(s.weight)),
          h('td', null, s.mandatory ? h('span', { class: 'badge badge-warn' }, t('skill.mandatory')) : h('span', { class: 'muted' }, t('skill.optional')))))))
      : h('p', { class: 'muted' }, t('need.noSkills')));
}

function matchesSection(ctx, need, board) {
  const list = h('div', { class: 'matches-body' }, loading());
  const el = h('section', { class: 'section', id: 'matches', 'aria-labelledby': 'matches-title' },
    h('div', { class: 'section-head' }, h('h2', { id: 'matches-title' }, t('matches.title')),
      h('p', { class: 'muted small', id: 'matches-total' })),
    list);
  const buttons = new Map();

  function refreshButtons() {
    for (const [personId, btn] of buttons) {
      const inside = board?.has(personId);
      btn.disabled = !!inside;
      btn.textContent = inside ? t('matches.inPipeline') : t('matches.add');
    }
  }

  async function add(m, btn) {
    btn.disabled = true;
    try {
      await api('POST', '/api/v1/candidacies', { body: { person_id: m.person.id, need_id: need.id } });
      toast(t('matches.added', { name: m.person.name }), 'success');
      await board?.load();
    } catch (e) {
      toast(e.message, 'error');
      btn.disabled = false;
    }
  }

  async function load() {
    let r;
    try {
      r = await api('GET', withQuery(`/api/v1/needs/${need.id}/matches`, { limit: 20 }));
    } catch (e) {
      list.replaceChildren(errorBox(e, load));
      return;
    }
    if (!ctx.alive()) return;
    el.querySelector('#matches-total').textContent = r.items.length ? t('matches.total', { shown: r.items.length, total: r.total }) : '';
    if (!r.items.length) {
      list.replaceChildren(empty(need.skills.length ? t('matches.none') : t('matches.noSkills')));
      return;
    }
    buttons.clear();
    list.replaceChildren(h('ol', { class: 'matches' }, r.items.map((m, i) => matchItem(m, i))));
    refreshButtons();
  }

  function matchItem(m, i) {
    const p = m.person;
    let btn = null;
    if (can('candidacies.write')) {
      btn = h('button', { type: 'button', class: 'btn btn-primary btn-small add-to-pipeline' }, t('matches.add'));
      btn.addEventListener('click', () => add(m, btn));
      buttons.set(p.id, btn);
    }
    const bar = h('span', { class: 'score-fill' });
    bar.style.width = `${Math.max(0, Math.min(100, m.score))}%`;
    const labels = new Map(m.skills.map((s) => [s.skill, s.label]));
    return h('li', { class: 'match card', 'data-person-id': p.id, 'data-score': String(m.score), 'data-mandatory-met': String(m.mandatory_met) },
      h('div', { class: 'match-rank', 'aria-hidden': 'true' }, String(i + 1)),
      h('div', { class: 'match-who' },
        h('a', { href: `#/people/${p.id}`, class: 'match-name' }, p.name),
        h('div', { class: 'match-meta' }, kindBadge(p.kind),
          p.location ? h('span', null, p.location) : null,
          p.available_from ? h('span', null, t('matches.available', { date: formatDate(p.available_from) })) : null),
        h('div', { class: 'match-flags' },
          m.mandatory_met ? h('span', { class: 'badge badge-ok' }, t('matches.mandatoryMet')) : h('span', { class: 'badge badge-danger' }, t('matches.mandatoryMissing')),
          m.missing.length ? h('span', { class: 'missing' }, t('matches.missing'), ' ',
            m.missing.map((s) => h('span', { class: 'chip chip-missing' }, labels.get(s) || s))) : null)),
      h('div', { class: 'match-score' },
        h('span', { class: 'score-value' }, formatNumber(m.score, 1), h('span', { class: 'score-max' }, '/100')),
        h('span', { class: 'score-bar', role: 'img', 'aria-label': t('matches.scoreOf', { score: formatNumber(m.score, 1) }) }, bar)),
      h('ul', { class: 'match-skills', 'aria-label': t('matches.detail') }, m.skills.map(skillLine)),
      factorsLine(m.factors),
      btn ? h('div', { class: 'match-action' }, btn) : null);
  }

  return { el, load, refreshButtons };
}

// matching engine: the parts of the score, "Compétences 61,3/70 · Expérience 8/10 · ..."
function factorsLine(factors) {
  if (!factors || !factors.length) return null;
  return h('p', { class: 'match-factors muted small', 'aria-label': t('matches.factors') },
    factors.map((f) => `${t(`factor.${f.name}`)} ${formatNumber(f.points, 1)}/${formatNumber(f.weight, 1)}`).join(' · '));
}

function skillLine(s) {
  const segs = [1, 2, 3, 4, 5].map((k) => h('span', {
    class: ['seg', k <= s.level ? (s.level >= s.required_level ? 'seg-on' : 'seg-low') : '', k === s.required_level ? 'seg-req' : ''].join(' ').trim(),
  }));
  return h('li', { class: s.level || s.via ? 'ms' : 'ms ms-missing' },
    h('span', { class: 'ms-label' }, s.label,
      s.via ? h('span', { class: 'ms-via muted small' }, ` ${t('matches.via', { skill: s.via_label, level: s.via_level })}`) : null),
    h('span', { class: 'levels', role: 'img', 'aria-label': t('matches.levelOf', { level: s.level, required: s.required_level }) }, segs),
    h('span', { class: 'ms-num', 'aria-hidden': 'true' }, `${s.level}/${s.required_level}`),
    h('span', { class: 'ms-contrib', title: t('matches.contribution') }, `+${formatNumber(s.contribution, 1)}`));
}
