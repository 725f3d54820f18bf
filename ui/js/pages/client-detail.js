// client-detail: a client's card, its contacts (added and changed here),
// its needs, its deals, the people placed there and, once surveys exist,
// its satisfaction history.
import { t, formatDate, formatCents } from '../i18n.js';
import { api, withQuery } from '../api.js';
import { can } from '../session.js';
import { h, loading, errorBox, empty, pageHeader, field, formSummary, showErrors, clearErrors, toast, debounce } from '../dom.js';
import { whileAlive } from '../live.js';
import { INCIDENT_EVENTS } from './incidents-list.js';
import { statusBadge, dealStageBadge, severityBadge, incidentStatusBadge, overdueBadge } from '../labels.js';
import { text } from '../form-util.js';
import { channelButton } from '../object-channel.js';

export async function render(ctx) {
  const id = Number(ctx.params[0]);
  ctx.main.append(loading());
  const c = await api('GET', `/api/v1/clients/${id}`);
  if (!ctx.alive()) return;
  ctx.setTitle(c.name);
  const fact = (label, value) => h('div', null, h('dt', null, label), h('dd', null, value || '—'));
  const contacts = contactsSection(ctx, c);
  const incidents = incidentsSection(ctx, id);
  const needsBody = h('div', null, loading());
  const dealsBody = h('div', null, loading());
  const placedBody = h('div', null, loading());
  const satisfaction = h('section', { class: 'section', id: 'client-satisfaction', hidden: true, 'aria-labelledby': 'sat-title' },
    h('h2', { id: 'sat-title' }, t('client.satisfaction')), h('p', { class: 'muted' }, t('client.noSurveys')));

  ctx.main.replaceChildren(...[
    h('nav', { class: 'crumbs', 'aria-label': t('nav.crumbs') }, h('a', { href: '#/clients' }, t('clients.title')), ' / ', c.name),
    pageHeader(c.name,
      channelButton('client', c.id),
      can('deals.write') ? h('a', { class: 'btn', href: `#/deals/new?client_id=${id}` }, t('deals.new')) : null,
      can('needs.write') ? h('a', { class: 'btn', href: `#/needs/new?client_id=${id}` }, t('needs.new')) : null,
      can('clients.write') ? h('a', { class: 'btn', href: `#/clients/${id}/edit`, id: 'edit-client' }, t('action.edit')) : null),
    h('section', { class: 'card', id: 'client-details', 'aria-label': t('client.details') },
      h('dl', { class: 'facts' },
        fact(t('client.siret'), c.siret ? h('span', { class: 'mono' }, c.siret) : null),
        fact(t('client.sector'), c.sector),
        fact(t('client.owner'), c.owner_name),
        fact(t('client.address'), c.address ? h('span', { class: 'pre' }, c.address) : null)),
      c.notes ? h('p', { class: 'description' }, c.notes) : null),
    contacts.el,
    incidents.el,
    h('div', { class: 'two-col section' },
      h('section', { id: 'client-needs', 'aria-labelledby': 'cn-title' }, h('h2', { id: 'cn-title', class: 'section-title' }, t('client.needs')), needsBody),
      can('deals.read') ? h('section', { id: 'client-deals', 'aria-labelledby': 'cd-title' }, h('h2', { id: 'cd-title', class: 'section-title' }, t('client.deals')), dealsBody) : null),
    can('candidacies.read') ? h('section', { class: 'section', id: 'client-placed', 'aria-labelledby': 'cp-title' },
      h('h2', { id: 'cp-title', class: 'section-title' }, t('client.placed')), placedBody) : null,
    satisfaction,
  ].filter(Boolean));

  const needsP = api('GET', withQuery('/api/v1/needs', { client_id: id, limit: 100 }));
  await Promise.all([
    contacts.load(),
    incidents.load(),
    needsP.then((r) => {
      if (!ctx.alive()) return;
      needsBody.replaceChildren(r.items.length
        ? h('ul', { class: 'plain-list' }, r.items.map((n) => h('li', { class: 'card row-card' },
          h('a', { href: `#/needs/${n.id}` }, n.title), statusBadge(n.status),
          n.start_date ? h('span', { class: 'muted small' }, formatDate(n.start_date)) : null)))
        : empty(t('client.noNeeds')));
    }, (e) => needsBody.replaceChildren(errorBox(e))),
    can('deals.read') ? api('GET', withQuery('/api/v1/deals', { client_id: id, limit: 100 })).then((r) => {
      if (!ctx.alive()) return;
      dealsBody.replaceChildren(r.items.length
        ? h('ul', { class: 'plain-list' }, r.items.map((d) => h('li', { class: 'card row-card' },
          h('a', { href: `#/deals/${d.id}` }, d.title), dealStageBadge(d.stage),
          h('span', { class: 'num' }, formatCents(d.amount)))))
        : empty(t('client.noDeals')));
    }, (e) => dealsBody.replaceChildren(errorBox(e))) : null,
    can('candidacies.read') ? needsP.then(async (r) => {
      const lists = await Promise.all(r.items.map((n) => api('GET', withQuery('/api/v1/candidacies', { need_id: n.id, limit: 200 }))
        .then((p) => p.items.filter((x) => x.stage === 'hired').map((x) => ({ ...x, needTitle: n.title })))));
      if (!ctx.alive()) return;
      const placed = lists.flat();
      placedBody.replaceChildren(placed.length
        ? h('ul', { class: 'plain-list' }, placed.map((x) => h('li', { class: 'card row-card' },
          h('a', { href: `#/people/${x.person_id}` }, x.person.name),
          h('a', { href: `#/needs/${x.need_id}`, class: 'muted-link' }, x.needTitle),
          h('span', { class: 'muted small' }, formatDate(x.updated_at)))))
        : empty(t('client.noPlaced')));
    }).catch((e) => placedBody.replaceChildren(errorBox(e))) : null,
    surveys(ctx, id, satisfaction),
  ]);
}

// The satisfaction section appears only once the server knows surveys.
async function surveys(ctx, clientId, section) {
  let r;
  try {
    r = await api('GET', withQuery('/api/v1/surveys', { client_id: clientId, limit: 50 }));
  } catch {
    return; // no surveys on this server (yet): no section
  }
  if (!ctx.alive() || !r || !Array.isArray(r.items)) return;
  section.hidden = false;
  const answered = r.items.filter((s) => s.score !== null && s.score !== undefined);
  if (!answered.length) return;
  section.replaceChildren(h('h2', { id: 'sat-title' }, t('client.satisfaction')),
    h('ul', { class: 'plain-list' }, answered.map((s) => h('li', { class: 'card row-card' },
      h('span', { class: 'score-pill' }, `${s.score}/10`),
      h('span', { class: 'grow' }, s.comment || ''),
      h('span', { class: 'muted small' }, formatDate(s.answered_at || s.created_at))))));
}

function contactsSection(ctx, client) {
  const list = h('div', null, loading());
  const writable = can('clients.write');
  let items = [];
  let editing = null;

  const name = h('input', { type: 'text', maxlength: '200', autocomplete: 'off' });
  const role = h('input', { type: 'text', maxlength: '100', autocomplete: 'off' });
  const email = h('input', { type: 'email', maxlength: '254', autocomplete: 'off' });
  const phone = h('input', { type: 'tel', maxlength: '40', autocomplete: 'off' });
  const consent = h('input', { type: 'checkbox', id: 'contact-consent' });
  consent.dataset.field = 'consent';
  const formTitle = h('h3', { id: 'contact-form-title' });
  const submit = h('button', { type: 'submit', class: 'btn btn-primary', id: 'contact-save' });
  const form = h('form', { class: 'card contact-form', id: 'contact-form', novalidate: true, hidden: true, 'aria-labelledby': 'contact-form-title' },
    formTitle, formSummary(),
    h('div', { class: 'form-grid' },
      field(t('contact.name'), name, { name: 'name', required: true }),
      field(t('contact.role'), role, { name: 'role' }),
      field(t('contact.email'), email, { name: 'email' }),
      field(t('contact.phone'), phone, { name: 'phone' }),
      h('div', { class: 'field field-wide' },
        h('label', { class: 'check', for: consent.id }, consent, h('span', null, t('contact.consent'))),
        h('p', { class: 'hint' }, t('contact.consentHint')))),
    h('div', { class: 'form-actions' },
      h('button', { type: 'button', class: 'btn btn-ghost', onclick: () => close() }, t('action.cancel')), submit));
  const addBtn = writable ? h('button', { type: 'button', class: 'btn', id: 'add-contact', onclick: () => open(null) }, `+ ${t('contact.add')}`) : null;

  function open(contact) {
    editing = contact;
    clearErrors(form);
    formTitle.textContent = contact ? t('contact.editTitle', { name: contact.name }) : t('contact.newTitle');
    submit.textContent = contact ? t('action.save') : t('contact.create');
    name.value = contact?.name || '';
    role.value = contact?.role || '';
    email.value = contact?.email || '';
    phone.value = contact?.phone || '';
    consent.checked = !!contact?.consent;
    form.hidden = false;
    if (addBtn) addBtn.hidden = true;
    name.focus();
  }
  function close() {
    form.hidden = true;
    if (addBtn) { addBtn.hidden = false; addBtn.focus(); }
  }

  form.addEventListener('submit', async (ev) => {
    ev.preventDefault();
    clearErrors(form);
    const body = { name: name.value.trim(), role: text(role), email: text(email), phone: text(phone), consent: consent.checked };
    submit.disabled = true;
    try {
      if (editing) await api('PATCH', `/api/v1/contacts/${editing.id}`, { body, version: editing.version });
      else await api('POST', `/api/v1/clients/${client.id}/contacts`, { body });
      toast(editing ? t('contact.saved') : t('contact.created'), 'success');
      form.hidden = true;
      if (addBtn) addBtn.hidden = false;
      await load();
    } catch (e) {
      if (e.status === 412) { toast(t('error.stale'), 'error'); form.hidden = true; if (addBtn) addBtn.hidden = false; await load(); return; }
      showErrors(form, e);
    } finally {
      submit.disabled = false;
    }
  });

  async function load() {
    try {
      const r = await api('GET', withQuery(`/api/v1/clients/${client.id}/contacts`, { limit: 100 }));
      items = r.items;
    } catch (e) {
      list.replaceChildren(errorBox(e, load));
      return;
    }
    if (!ctx.alive()) return;
    if (!items.length) { list.replaceChildren(empty(t('contact.none'))); return; }
    const cols = [t('contact.name'), t('contact.role'), t('contact.email'), t('contact.phone'), t('contact.consentShort')];
    list.replaceChildren(h('div', { class: 'table-wrap' }, h('table', { class: 'table' },
      h('caption', { class: 'sr-only' }, t('client.contacts')),
      h('thead', null, h('tr', null, cols.map((c) => h('th', { scope: 'col' }, c)), writable ? h('th', { scope: 'col' }, h('span', { class: 'sr-only' }, t('action.edit'))) : null)),
      h('tbody', null, items.map((p) => h('tr', { 'data-contact-id': p.id },
        h('td', { 'data-label': cols[0] }, h('strong', null, p.name)),
        h('td', { 'data-label': cols[1] }, p.role || '—'),
        h('td', { 'data-label': cols[2] }, p.email ? h('a', { href: `mailto:${p.email}` }, p.email) : '—'),
        h('td', { 'data-label': cols[3] }, p.phone ? h('a', { href: `tel:${p.phone.replace(/\s/g, '')}` }, p.phone) : '—'),
        h('td', { 'data-label': cols[4] }, p.consent ? h('span', { class: 'badge badge-ok' }, t('contact.consentYes')) : h('span', { class: 'badge' }, t('contact.consentNo'))),
        writable ? h('td', { class: 'num' },
          h('button', { type: 'button', class: 'btn btn-small', 'aria-label': t('survey.sendN', { name: p.name }), 'data-survey-for': p.id, onclick: () => sendSurvey(p) }, t('survey.send')), ' ',
          h('button', { type: 'button', class: 'btn btn-small', 'aria-label': t('contact.editN', { name: p.name }), onclick: () => open(p) }, t('action.edit'))) : null))))));
  }

  // A satisfaction survey: the server answers the private link once; it is
  // shown here to be copied into a message to the contact.
  const surveyBox = h('div', { class: 'card survey-link', id: 'survey-link', hidden: true, role: 'status' });
  async function sendSurvey(contact) {
    try {
      const s = await api('POST', '/api/v1/surveys', { body: { contact_id: contact.id } });
      const link = h('input', { type: 'text', readonly: true, id: 'survey-url', value: `${location.origin}${s.url}`, 'aria-label': t('survey.link') });
      const copy = h('button', { type: 'button', class: 'btn btn-small', onclick: async () => {
        link.select();
        try { await navigator.clipboard.writeText(link.value); toast(t('survey.copied'), 'success'); } catch { /* selected: the user copies */ }
      } }, t('survey.copy'));
      surveyBox.replaceChildren(h('p', null, t('survey.created', { name: contact.name })), h('div', { class: 'inline-field' }, link, copy),
        h('p', { class: 'hint' }, t('survey.once')));
      surveyBox.hidden = false;
      link.focus();
      link.select();
    } catch (e) {
      toast(e.message, 'error');
    }
  }

  const el = h('section', { class: 'section', id: 'client-contacts', 'aria-labelledby': 'cc-title' },
    h('div', { class: 'section-head' }, h('h2', { id: 'cc-title' }, t('client.contacts')), addBtn),
    list, writable ? surveyBox : null, writable ? form : null);
  return { el, load };
}

// The client's incidents, active ones first; anyone may report one here.
function incidentsSection(ctx, clientId) {
  const list = h('div', null, loading());
  async function load() {
    let r;
    try {
      r = await api('GET', withQuery('/api/v1/incidents', { client_id: clientId, limit: 100 }));
    } catch (e) {
      list.replaceChildren(errorBox(e, load));
      return;
    }
    if (!ctx.alive()) return;
    const active = (i) => i.status === 'open' || i.status === 'in_progress';
    const items = [...r.items.filter(active), ...r.items.filter((i) => !active(i))];
    list.replaceChildren(items.length
      ? h('ul', { class: 'plain-list' }, items.map((i) => h('li', { class: 'card row-card', 'data-incident-id': i.id },
        severityBadge(i.severity), h('a', { href: `#/incidents/${i.id}` }, i.title), incidentStatusBadge(i.status),
        i.overdue ? overdueBadge() : null, h('span', { class: 'muted small' }, i.owner_name || ''))))
      : empty(t('client.noIncidents')));
  }
  const el = h('section', { class: 'section', id: 'client-incidents', 'aria-labelledby': 'ci-title' },
    h('div', { class: 'section-head' }, h('h2', { id: 'ci-title' }, t('client.incidents')),
      h('a', { class: 'btn', href: `#/incidents/new?client_id=${clientId}`, id: 'report-incident' }, `+ ${t('incidents.report')}`)),
    list);
  const later = debounce(load, 300); // an incident of this client opened or changed by anyone
  for (const type of INCIDENT_EVENTS) whileAlive(ctx, type, (d) => { if (d.client_id === clientId) later(); });
  return { el, load };
}
