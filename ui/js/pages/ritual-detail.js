// ritual-detail: a ritual and the agenda of its next occurrence, built from
// the data (needs nobody is on, candidates waiting, deals waiting for a
// review, incidents, new hires) plus the points participants add; after the
// meeting, its notes and decisions go to the ritual's channel.
import { t, formatDate } from '../i18n.js';
import { api } from '../api.js';
import { can, session } from '../session.js';
import { h, loading, errorBox, empty, pageHeader, toast, field, formSummary, showErrors, clearErrors } from '../dom.js';
import { formatDateTime, incidentTable } from './incidents-list.js';
import { ritualWhen } from './rituals-list.js';
import { loadThread } from './incident-detail.js';

export async function render(ctx) {
  const id = Number(ctx.params[0]);
  ctx.main.append(loading());
  const r = await api('GET', `/api/v1/rituals/${id}`);
  if (!ctx.alive()) return;
  ctx.setTitle(r.name);
  const me = session.user.id;
  const involved = ['admin', 'manager'].includes(session.user.role) || r.created_by === me || r.participant_ids.includes(me);
  const agenda = h('div', { id: 'ritual-agenda' }, can('agenda.read') ? loading() : h('p', { class: 'muted' }, t('ritual.agendaStaff')));
  const thread = h('div', null, r.channel_id ? loading() : empty(t('incident.noThread')));
  const fact = (label, value) => h('div', null, h('dt', null, label), h('dd', null, value || '—'));
  ctx.main.replaceChildren(...[
    h('nav', { class: 'crumbs', 'aria-label': t('nav.crumbs') }, h('a', { href: '#/rituals' }, t('rituals.title')), ' / ', r.name),
    pageHeader(r.name, involved && can('rituals.write') ? h('a', { class: 'btn', href: `#/rituals/${r.id}/edit`, id: 'edit-ritual' }, t('action.edit')) : null),
    h('section', { class: 'card', id: 'ritual-details', 'aria-label': t('ritual.details') },
      h('dl', { class: 'facts' },
        fact(t('ritual.when'), ritualWhen(r)),
        fact(t('ritual.next'), r.next_occurrence ? formatDateTime(r.next_occurrence.starts_at) : null),
        fact(t('ritual.participants'), r.participants.map((p) => p.name).join(', '))),
      r.description ? h('p', { class: 'description pre' }, r.description) : null),
    h('section', { class: 'section', 'aria-labelledby': 'agenda-title' },
      h('h2', { id: 'agenda-title' }, r.next_occurrence ? t('ritual.agendaOf', { date: formatDate(r.next_occurrence.date) }) : t('ritual.agenda')), agenda),
    involved && can('agenda.write') ? minutesForm(ctx, r, thread) : null,
    h('section', { class: 'section', id: 'ritual-thread', 'aria-labelledby': 'rthread-title' }, h('h2', { id: 'rthread-title' }, t('ritual.thread')), thread),
  ].filter(Boolean));
  if (can('agenda.read')) loadAgenda(ctx, r, agenda, involved);
  if (r.channel_id) loadThread(ctx, r.channel_id, thread);
}

function section(id, title, items, row, none) {
  return h('section', { class: 'agenda-section', id },
    h('h3', null, title, h('span', { class: 'count-pill' }, String(items.length))),
    items.length ? h('ul', { class: 'plain-list' }, items.map((x) => h('li', { class: 'card row-card' }, row(x)))) : h('p', { class: 'muted' }, none));
}

async function loadAgenda(ctx, r, box, involved) {
  let a;
  try {
    a = await api('GET', `/api/v1/rituals/${r.id}/agenda`);
  } catch (e) {
    if (ctx.alive()) box.replaceChildren(errorBox(e, () => loadAgenda(ctx, r, box, involved)));
    return;
  }
  if (!ctx.alive()) return;
  const pointInput = h('input', { type: 'text', maxlength: '2000', id: 'point-body', autocomplete: 'off' });
  const pointForm = h('form', { class: 'card', id: 'point-form', novalidate: true },
    formSummary(), field(t('ritual.addPoint'), pointInput, { name: 'body' }),
    h('div', { class: 'form-actions' }, h('button', { type: 'submit', class: 'btn btn-primary', id: 'point-add' }, t('ritual.addPointButton'))));
  pointForm.addEventListener('submit', async (e) => {
    e.preventDefault();
    clearErrors(pointForm);
    try {
      await api('POST', `/api/v1/rituals/${r.id}/agenda/points`, { body: { body: pointInput.value } });
      toast(t('ritual.pointAdded'), 'success');
      loadAgenda(ctx, r, box, involved);
    } catch (err) { showErrors(pointForm, err); }
  });
  box.replaceChildren(...[
    a.incidents_overdue ? h('p', { class: 'notice notice-danger', id: 'agenda-overdue' }, t('incidents.overdueBannerN', { n: a.incidents_overdue })) : null,
    h('section', { class: 'agenda-section', id: 'agenda-incidents' },
      h('h3', null, t('agenda.incidents'), h('span', { class: 'count-pill' }, String(a.incidents.length))),
      a.incidents.length ? incidentTable(a.incidents, t('agenda.incidents')) : h('p', { class: 'muted' }, t('agenda.noIncidents'))),
    section('agenda-needs', t('agenda.needs'), a.needs_without_candidacy,
      (n) => [h('a', { href: `#/needs/${n.need_id}` }, n.title), h('span', { class: 'muted small' }, n.client_name || '')], t('agenda.noNeeds')),
    section('agenda-waiting', t('agenda.waiting', { n: a.response_sla_days }), a.candidacies_waiting,
      (c) => [h('a', { href: `#/people/${c.person_id}` }, c.person_name), h('a', { href: `#/needs/${c.need_id}`, class: 'muted-link' }, c.need_title),
        h('span', { class: 'badge' }, t(`stage.${c.stage}`)), h('span', { class: 'muted small' }, t('agenda.since', { date: formatDate(c.since) }))], t('agenda.noWaiting')),
    section('agenda-reviews', t('agenda.reviews'), a.deals_awaiting_review,
      (d) => [h('a', { href: `#/deals/${d.deal_id}` }, d.title), h('span', { class: 'muted small' }, d.client_name)], t('agenda.noReviews')),
    section('agenda-hires', t('agenda.hires', { n: a.new_hire_days }), a.new_hires,
      (c) => [h('a', { href: `#/people/${c.person_id}` }, c.person_name), h('a', { href: `#/needs/${c.need_id}`, class: 'muted-link' }, c.need_title),
        h('span', { class: 'muted small' }, formatDate(c.start_date))], t('agenda.noHires')),
    section('agenda-points', t('agenda.points'), a.points,
      (p) => [h('span', { class: 'grow' }, p.body), h('span', { class: 'muted small' }, p.author_name || '')], t('agenda.noPoints')),
    involved && can('agenda.write') ? pointForm : null].filter(Boolean));
}

function minutesForm(ctx, r, thread) {
  const notes = h('textarea', { rows: '4', maxlength: '10000', id: 'minutes-notes' });
  const decisions = h('textarea', { rows: '3', id: 'minutes-decisions' });
  const submit = h('button', { type: 'submit', class: 'btn btn-primary', id: 'minutes-post' }, t('minutes.post'));
  const form = h('form', { class: 'card', id: 'minutes-form', novalidate: true },
    formSummary(),
    field(t('minutes.notes'), notes, { name: 'notes', required: true, wide: true, hint: t('minutes.notesHint') }),
    field(t('minutes.decisions'), decisions, { name: 'decisions', wide: true, hint: t('minutes.decisionsHint') }),
    h('div', { class: 'form-actions' }, submit));
  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    clearErrors(form);
    const list = decisions.value.split('\n').map((x) => x.trim()).filter(Boolean);
    submit.disabled = true;
    try {
      const res = await api('POST', `/api/v1/rituals/${r.id}/minutes`, { body: { notes: notes.value, decisions: list } });
      toast(t('minutes.posted'), 'success');
      notes.value = '';
      decisions.value = '';
      loadThread(ctx, res.channel_id, thread);
    } catch (err) { showErrors(form, err); } finally { submit.disabled = false; }
  });
  return h('section', { class: 'section', id: 'ritual-minutes', 'aria-labelledby': 'minutes-title' },
    h('h2', { id: 'minutes-title' }, t('minutes.title')), form);
}
