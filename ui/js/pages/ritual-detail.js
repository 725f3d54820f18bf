// ritual-detail: a ritual and the agenda of its next occurrence, built from
// the data (needs nobody is on, candidates waiting, deals waiting for a
// review, incidents, new hires) plus the points participants add; after the
// meeting, its notes and decisions go to the ritual's channel. It follows
// the live stream: the ritual's changes, new points, the data behind the
// agenda and the thread's posts show up without a reload.
import { t, formatDate } from '../i18n.js';
import { api } from '../api.js';
import { can, session } from '../session.js';
import { h, loading, errorBox, empty, pageHeader, toast, field, formSummary, showErrors, clearErrors, debounce } from '../dom.js';
import { whileAlive } from '../live.js';
import { threadView } from '../thread-view.js';
import { formatDateTime, incidentTable } from './incidents-list.js';
import { ritualWhen } from './rituals-list.js';

export async function render(ctx) {
  const id = Number(ctx.params[0]);
  ctx.main.append(loading());
  const r = await api('GET', `/api/v1/rituals/${id}`);
  if (!ctx.alive()) return;
  ctx.setTitle(r.name);
  const me = session.user.id;
  const involvedIn = (x) => ['admin', 'manager'].includes(session.user.role) || x.created_by === me || x.participant_ids.includes(me);
  const head = h('div', { id: 'ritual-head' });
  const agendaTitle = h('h2', { id: 'agenda-title' });
  const agenda = can('agenda.read') ? agendaView(ctx, r, involvedIn(r)) : { el: h('p', { class: 'muted' }, t('ritual.agendaStaff')), refresh() {} };
  // the thread of the channel its notes go to (its own, or a team channel);
  // drawn again when the ritual moves to another one
  let thread = null, threadChannel = null;
  const threadBox = h('div', null, empty(t('incident.noThread')));
  const showThread = (channelId) => {
    if (!channelId) return;
    if (channelId === threadChannel) { thread.refresh(); return; }
    threadChannel = channelId;
    thread = threadView(ctx, channelId);
    threadBox.replaceChildren(thread.el);
  };
  const minutesPosted = (channelId) => showThread(channelId);
  const fact = (label, value) => h('div', null, h('dt', null, label), h('dd', null, value || '—'));
  // "Fil des comptes rendus": a link to the channel, or why it cannot be read
  const channelFact = h('dd', { id: 'ritual-channel' }, '—');
  let channelSeq = 0;
  const drawChannel = async (x) => {
    const ticket = ++channelSeq;
    if (!x.channel_id) { channelFact.replaceChildren('—'); return; }
    const c = await api('GET', `/api/v1/channels/${x.channel_id}`).catch(() => null);
    if (!ctx.alive() || ticket !== channelSeq) return;
    channelFact.replaceChildren(c
      ? h('a', { href: `#/channels/${c.id}` }, x.channel_dedicated ? t('ritualForm.ownChannel') : c.name)
      : h('span', { class: 'muted' }, t('thread.private')));
  };
  const drawHead = (x) => {
    ctx.setTitle(x.name);
    drawChannel(x);
    showThread(x.channel_id);
    agendaTitle.textContent = x.next_occurrence ? t('ritual.agendaOf', { date: formatDate(x.next_occurrence.date) }) : t('ritual.agenda');
    head.replaceChildren(
      h('nav', { class: 'crumbs', 'aria-label': t('nav.crumbs') }, h('a', { href: '#/rituals' }, t('rituals.title')), ' / ', x.name),
      pageHeader(x.name, involvedIn(x) && can('rituals.write') ? h('a', { class: 'btn', href: `#/rituals/${x.id}/edit`, id: 'edit-ritual' }, t('action.edit')) : null),
      h('section', { class: 'card', id: 'ritual-details', 'aria-label': t('ritual.details') },
        h('dl', { class: 'facts' },
          fact(t('ritual.when'), ritualWhen(x)),
          fact(t('ritual.next'), x.next_occurrence ? formatDateTime(x.next_occurrence.starts_at) : null),
          fact(t('ritual.participants'), x.participants.map((p) => p.name).join(', ')),
          h('div', null, h('dt', null, t('ritual.channel')), channelFact)),
        x.description ? h('p', { class: 'description pre' }, x.description) : null));
  };
  drawHead(r);
  ctx.main.replaceChildren(...[
    head,
    h('section', { class: 'section', 'aria-labelledby': 'agenda-title' }, agendaTitle, agenda.el),
    involvedIn(r) && can('agenda.write') ? minutesForm(r, minutesPosted) : null,
    h('section', { class: 'section', id: 'ritual-thread', 'aria-labelledby': 'rthread-title' }, h('h2', { id: 'rthread-title' }, t('ritual.thread')), threadBox),
  ].filter(Boolean));

  // live: the ritual changed (time, participants…), a point was added, or
  // the data the agenda is built from moved (incidents, needs, candidacies, deals)
  let seq = 0;
  const reloadHead = debounce(async () => {
    const ticket = ++seq;
    const fresh = await api('GET', `/api/v1/rituals/${id}`).catch(() => null);
    if (fresh && ctx.alive() && ticket === seq) {
      drawHead(fresh);
      agenda.refresh();
    }
  }, 150);
  whileAlive(ctx, 'ritual.updated', (d) => { if (d.object_id === id) reloadHead(); });
  const reloadAgenda = debounce(() => agenda.refresh(), 300);
  whileAlive(ctx, 'ritual.point', (d) => { if (d.object_id === id) reloadAgenda(); });
  for (const type of AGENDA_SOURCES) whileAlive(ctx, type, reloadAgenda);
}

// The events that can change what an agenda lists.
const AGENDA_SOURCES = ['incident.created', 'incident.updated', 'incident.status', 'need.created', 'need.status', 'need.updated',
  'candidacy.created', 'candidacy.stage', 'deal.stage', 'review.created'];

function section(id, title, items, row, none) {
  return h('section', { class: 'agenda-section', id },
    h('h3', null, title, h('span', { class: 'count-pill' }, String(items.length))),
    items.length ? h('ul', { class: 'plain-list' }, items.map((x) => h('li', { class: 'card row-card' }, row(x)))) : h('p', { class: 'muted' }, none));
}

// { el, refresh }: the agenda's sections, drawn again by refresh(), and
// below them the form to add a point, which stays as typed.
function agendaView(ctx, r, involved) {
  const box = h('div', { id: 'ritual-agenda' }, loading());
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
      pointInput.value = '';
      refresh();
    } catch (err) { showErrors(pointForm, err); }
  });
  let seq = 0;
  async function refresh() {
    const ticket = ++seq;
    let a;
    try {
      a = await api('GET', `/api/v1/rituals/${r.id}/agenda`);
    } catch (e) {
      if (ctx.alive() && ticket === seq) box.replaceChildren(errorBox(e, refresh));
      return;
    }
    if (!ctx.alive() || ticket !== seq) return;
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
    ].filter(Boolean));
  }
  refresh();
  return { el: h('div', null, box, involved && can('agenda.write') ? pointForm : null), refresh };
}

// onPosted(channel id) once the minutes are in the ritual's channel.
function minutesForm(r, onPosted) {
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
      onPosted(res.channel_id);
    } catch (err) { showErrors(form, err); } finally { submit.disabled = false; }
  });
  return h('section', { class: 'section', id: 'ritual-minutes', 'aria-labelledby': 'minutes-title' },
    h('h2', { id: 'minutes-title' }, t('minutes.title')), form);
}
