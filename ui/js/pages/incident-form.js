// incident-form: open an incident (anyone) or change one (those involved):
// client, title, severity (its SLA shown), what happened, the need it is
// about, the owner (by default the client's account owner, who is asked to
// accept) and participants.
import { t } from '../i18n.js';
import { api, withQuery } from '../api.js';
import { h, field, select, formSummary, pageHeader, loading } from '../dom.js';
import { SEVERITIES } from '../labels.js';
import { text, saveOnSubmit } from '../form-util.js';
import { loadTeam, memberPicker } from '../team.js';

export async function render(ctx) {
  const id = ctx.params[0];
  ctx.setTitle(id ? t('incidentForm.editTitle') : t('incidentForm.newTitle'));
  ctx.main.append(loading());
  const [clients, team, sla, incident] = await Promise.all([
    api('GET', withQuery('/api/v1/clients', { limit: 200 })),
    loadTeam(),
    api('GET', '/api/v1/incident-sla'),
    id ? api('GET', `/api/v1/incidents/${id}`) : Promise.resolve(null),
  ]);
  if (!ctx.alive()) return;
  ctx.main.replaceChildren();
  draw(ctx, clients.items, team, sla, incident);
}

function slaText(sla, severity) {
  const hours = sla[`${severity}_hours`];
  return hours % 24 === 0 ? t('sla.days', { n: hours / 24 }) : t('sla.hours', { n: hours });
}

function draw(ctx, clients, team, sla, incident) {
  const i = incident || { severity: 'medium', participant_ids: [], client_id: Number(ctx.query.get('client_id')) || null };
  const title = h('input', { type: 'text', maxlength: '200', value: i.title || '', autocomplete: 'off', id: 'incident-title' });
  const client = select([['', t('incidentForm.chooseClient')], ...clients.map((c) => [c.id, c.name])], i.client_id);
  client.id = 'incident-client';
  const severity = select(SEVERITIES.map((s) => [s, `${t(`severity.${s}`)} — ${slaText(sla, s)}`]), i.severity);
  severity.id = 'incident-severity';
  const description = h('textarea', { rows: '5', maxlength: '10000', id: 'incident-description' });
  description.value = i.description || '';
  const need = select([['', t('incidentForm.noNeed')]], i.need_id);
  need.id = 'incident-need';
  const owner = select([['', t('incidentForm.ownerDefault')], ...team.map((u) => [u.id, `${u.name} · ${t(`role.${u.role}`)}`])], incident ? i.owner_id : '');
  owner.id = 'incident-owner';
  const participants = memberPicker(team, i.participant_ids, { field: 'participant_ids', legend: t('incident.participants'), hint: t('incidentForm.participantsHint') });
  const submit = h('button', { type: 'submit', class: 'btn btn-primary', id: 'incident-save' }, incident ? t('action.save') : t('incidentForm.create'));
  const cancel = h('a', { class: 'btn btn-ghost', href: incident ? `#/incidents/${incident.id}` : '#/incidents' }, t('action.cancel'));

  let seq = 0;
  async function loadNeeds() {
    const mine = ++seq;
    const cid = Number(client.value);
    need.replaceChildren(h('option', { value: '' }, t('incidentForm.noNeed')));
    if (!cid) return;
    try {
      const r = await api('GET', withQuery('/api/v1/needs', { client_id: cid, limit: 200 }));
      if (mine !== seq || !ctx.alive()) return;
      for (const n of r.items) need.append(h('option', { value: n.id, selected: n.id === i.need_id }, n.title));
    } catch { /* the need stays optional */ }
  }
  client.addEventListener('change', loadNeeds);

  const form = h('form', { class: 'card form', novalidate: true, id: 'incident-form' },
    formSummary(),
    h('div', { class: 'form-grid' },
      field(t('incident.client'), client, { name: 'client_id', required: true }),
      field(t('incident.severity'), severity, { name: 'severity', required: true, hint: t('incidentForm.severityHint') }),
      field(t('incident.title'), title, { name: 'title', required: true, wide: true }),
      field(t('incident.description'), description, { name: 'description', wide: true, hint: t('incidentForm.descriptionHint') }),
      field(t('incident.need'), need, { name: 'need_id' }),
      field(t('incident.owner'), owner, { name: 'owner_id', hint: incident ? t('incidentForm.ownerChangeHint') : t('incidentForm.ownerHint') }),
      participants.el),
    h('div', { class: 'form-actions' }, cancel, submit));
  ctx.main.append(
    h('nav', { class: 'crumbs', 'aria-label': t('nav.crumbs') }, h('a', { href: '#/incidents' }, t('incidents.title')), ' / ',
      incident ? incident.title : t('incidentForm.newTitle')),
    pageHeader(incident ? t('incidentForm.editTitle') : t('incidentForm.newTitle')), form);
  saveOnSubmit(ctx, form, submit, {
    collection: '/api/v1/incidents', route: '#/incidents', object: incident,
    body: () => {
      const b = { title: title.value.trim(), client_id: Number(client.value) || null, severity: severity.value,
        description: text(description), need_id: Number(need.value) || null, participant_ids: participants.value() };
      if (owner.value) b.owner_id = Number(owner.value);
      return b;
    },
    saved: t('incident.saved'), created: t('incident.created'),
    redraw: (fresh) => draw(ctx, clients, team, sla, fresh),
  });
  loadNeeds();
  title.focus();
}
