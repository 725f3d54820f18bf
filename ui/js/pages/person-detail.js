// person-detail: a person's card, skills, CVs, personal data (legal bases,
// retention, export, erasure) and where they are in pipelines.
import { t, formatDate, formatMoney } from '../i18n.js';
import { api, withQuery } from '../api.js';
import { can, isMe } from '../session.js';
import { h, fill, loading, pageHeader, errorBox } from '../dom.js';
import { kindBadge } from '../labels.js';
import { cvPanel } from '../cv-panel.js';
import { privacyPanel } from '../privacy-panel.js';

export async function render(ctx) {
  const id = Number(ctx.params[0]);
  ctx.main.append(loading());
  const p = await api('GET', `/api/v1/people/${id}`);
  if (!ctx.alive()) return;
  ctx.setTitle(p.name);
  const fact = (label, value) => h('div', null, h('dt', null, label), h('dd', null, value || '—'));
  // confirmed CV skills change the person: the skills card is drawn again
  const skillsCard = h('section', { class: 'card' });
  const drawSkills = (person) => fill(skillsCard,
    h('h2', { class: 'h3' }, t('person.skills')),
    person.skills.length
      ? h('table', { class: 'table table-compact', id: 'person-skills' },
        h('thead', null, h('tr', null, [t('skill.skill'), t('skill.level'), t('skill.years')].map((c) => h('th', { scope: 'col' }, c)))),
        h('tbody', null, [...person.skills].sort((a, b) => b.level - a.level).map((s) => h('tr', null,
          h('td', null, s.label),
          h('td', null, `${s.level} · ${t(`level.${s.level}`)}`),
          h('td', null, s.years != null ? t('person.yearsN', { n: s.years }) : '—')))))
      : h('p', { class: 'muted' }, t('person.noSkills')),
    // imports, exports, duplicates: keywords outside the reference, the resume export
    person.tags && person.tags.length ? h('div', { class: 'section', id: 'person-tags' },
      h('h3', { class: 'h3' }, t('person.tags')), h('ul', { class: 'chips' }, person.tags.map((x) => h('li', { class: 'chip' }, x)))) : null,
    h('p', { class: 'section' }, h('a', { href: `/api/v1/people/${id}/resume.json`, download: `resume-${id}.json`, id: 'person-resume' }, t('person.resume'))));
  drawSkills(p);
  const pipeline = h('div', null, loading());
  const pipelines = can('candidacies.read') || isMe(id);
  fill(ctx.main,
    can('people.read') ? h('nav', { class: 'crumbs', 'aria-label': t('nav.crumbs') }, h('a', { href: '#/people' }, t('people.title')), ' / ', p.name) : null,
    pageHeader(p.name, can('people.write') ? h('a', { class: 'btn', href: `#/people/${id}/edit`, id: 'edit-person' }, t('action.edit')) : null),
    // imports, exports, duplicates: likely duplicates and the resume export
    p.duplicates && p.duplicates.length ? h('div', { class: 'notice notice-warn', id: 'person-duplicates', role: 'status' },
      t('person.duplicates', { n: p.duplicates.length }), ' ', h('a', { href: '#/people/duplicates' }, t('person.duplicatesLink'))) : null,
    h('div', { class: 'two-col' },
      h('section', { class: 'card' },
        h('div', { class: 'need-summary-head' }, kindBadge(p.kind)),
        h('dl', { class: 'facts facts-2' },
          fact(t('person.email'), p.email ? h('a', { href: `mailto:${p.email}` }, p.email) : null),
          fact(t('person.phone'), p.phone ? h('a', { href: `tel:${p.phone.replace(/\s/g, '')}` }, p.phone) : null),
          fact(t('person.location'), p.location),
          fact(t('person.available'), formatDate(p.available_from)),
          can('money.read') ? fact(t('person.rate'), p.daily_rate != null ? formatMoney(p.daily_rate) : null) : null)),
      skillsCard),
    cvPanel(p, drawSkills),
    privacyPanel(p, () => ctx.navigate(`#/people/${id}`)), // personal data: retention, legal bases, export, erasure
    // staff see every pipeline the person is in; a consultant, on their own profile, their missions
    pipelines ? h('section', { class: 'section' }, h('h2', null, t(can('candidacies.read') ? 'person.pipelines' : 'person.missions')), pipeline) : null);
  if (!pipelines) return;
  try {
    const r = await api('GET', withQuery('/api/v1/candidacies', { person_id: id, limit: 200 }));
    if (!ctx.alive()) return;
    pipeline.replaceChildren(r.items.length
      ? h('ul', { class: 'plain-list' }, r.items.map((c) => h('li', { class: 'card row-card' },
        h('a', { href: `#/needs/${c.need_id}` }, c.need.title),
        h('span', { class: `badge stage-badge stage-${c.stage}` }, t(`stage.${c.stage}`)),
        h('span', { class: 'muted small' }, formatDate(c.updated_at)))))
      : h('p', { class: 'muted' }, t('person.noPipeline')));
  } catch (e) {
    pipeline.replaceChildren(errorBox(e));
  }
}
