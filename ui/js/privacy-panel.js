// privacy-panel: a person's personal data, on their page: until when the
// firm keeps it and why, the legal bases it holds it on (a consent renewed
// or withdrawn here), a basis obtained another way, the exports (JSON, or
// zip with the files) and the erasure. The server computes every date.
import { t, formatDate } from './i18n.js';
import { api } from './api.js';
import { can, isMe } from './session.js';
import { h, fill, field, select, formSummary, showErrors, clearErrors, toast, errorBox, loading } from './dom.js';
import { reasonDialog } from './reason-dialog.js';

const PURPOSES = ['recruitment', 'talent_pool', 'employment'];
const BASES = ['consent', 'pre_contract', 'legitimate_interest', 'contract', 'legal_obligation'];
const SOURCES = ['email', 'phone', 'recruiter', 'contract'];
const STATE_KIND = { kept: 'badge badge-ok', expiring: 'badge badge-warn', expired: 'badge badge-danger', erased: 'badge' };

function summary(p) {
  const lines = [h('span', { class: STATE_KIND[p.state] || 'badge', id: 'privacy-state' }, t(`privacy.state.${p.state}`))];
  if (p.erased_at) lines.push(' ', t('privacy.erasedOn', { date: formatDate(p.erased_at) }));
  else if (p.retention_until) lines.push(' ', h('span', { id: 'privacy-until' }, t('privacy.until', { date: formatDate(p.retention_until) })), ` — ${p.retention_reason_label}`);
  else lines.push(' ', h('span', { id: 'privacy-until' }, p.retention_reason_label));
  return [h('p', { class: 'privacy-summary' }, lines),
    p.warned_at ? h('p', { class: 'muted small', id: 'privacy-warned' }, t('privacy.warned', { date: formatDate(p.warned_at) })) : null];
}

function basesTable(p, reload) {
  if (!p.legal_bases.length) return h('p', { class: 'muted' }, t('privacy.noBasis'));
  const action = (b, kind) => h('button', {
    type: 'button', class: 'btn btn-small', 'data-basis': b.id, 'data-action': kind,
    onclick: async (e) => {
      e.currentTarget.disabled = true;
      try {
        await api('POST', `/api/v1/legal-bases/${b.id}/${kind}`);
        toast(t(kind === 'renew' ? 'privacy.renewed' : 'privacy.withdrawn'), 'success');
      } catch (err) { toast(err.message, 'error'); }
      reload();
    },
  }, t(`privacy.${kind}`));
  return h('table', { class: 'table table-compact', id: 'legal-bases' },
    h('thead', null, h('tr', null, ['purpose', 'basis', 'obtained', 'source', 'until', 'status', 'actions']
      .map((c) => h('th', { scope: 'col' }, c === 'actions' ? h('span', { class: 'sr-only' }, t('privacy.col.actions')) : t(`privacy.col.${c}`))))),
    h('tbody', null, p.legal_bases.map((b) => h('tr', { 'data-purpose': b.purpose },
      h('td', null, b.purpose_label),
      h('td', null, b.basis_label),
      h('td', null, formatDate(b.obtained_at), b.renewed_at ? h('span', { class: 'muted small' }, ` · ${t('privacy.renewedOn', { date: formatDate(b.renewed_at) })}`) : null),
      h('td', null, b.source_label, b.note ? h('span', { class: 'muted small basis-note' }, b.note) : null),
      h('td', null, b.retention_until ? formatDate(b.retention_until) : '—'),
      h('td', null, h('span', { class: b.status === 'active' ? 'badge badge-ok' : 'badge' }, t(`privacy.status.${b.status}`))),
      h('td', { class: 'actions' }, b.revocable && can('legal_bases.write') ? [action(b, 'renew'), ' ', action(b, 'withdraw')] : null)))));
}

function recordForm(person, reload) {
  const purpose = select(PURPOSES.map((x) => [x, t(`privacy.purpose.${x}`)]), 'talent_pool');
  const basis = select(BASES.map((x) => [x, t(`privacy.basis.${x}`)]), 'consent');
  const source = select(SOURCES.map((x) => [x, t(`privacy.source.${x}`)]), 'email');
  const on = h('input', { type: 'date', max: new Date().toISOString().slice(0, 10) });
  const note = h('textarea', { rows: '2', maxlength: '500' });
  const submit = h('button', { type: 'submit', class: 'btn btn-primary' }, t('privacy.record'));
  const form = h('form', { novalidate: true, id: 'legal-basis-form' }, formSummary(),
    h('div', { class: 'form-grid' },
      field(t('privacy.col.purpose'), purpose, { name: 'purpose', required: true }),
      field(t('privacy.col.basis'), basis, { name: 'basis', required: true, hint: t('privacy.basisHint') }),
      field(t('privacy.col.source'), source, { name: 'source', required: true }),
      field(t('privacy.obtainedOn'), on, { name: 'obtained_on', hint: t('privacy.obtainedHint') }),
      field(t('privacy.note'), note, { name: 'note', wide: true })),
    h('div', { class: 'form-actions' }, submit));
  // the talent pool is a consent, an employment a contract: follow the purpose
  purpose.addEventListener('change', () => {
    basis.value = { talent_pool: 'consent', employment: 'contract', recruitment: 'legitimate_interest' }[purpose.value];
  });
  form.addEventListener('submit', async (ev) => {
    ev.preventDefault();
    clearErrors(form);
    submit.disabled = true;
    const body = { purpose: purpose.value, basis: basis.value, source: source.value };
    if (on.value) body.obtained_on = on.value;
    if (note.value.trim()) body.note = note.value.trim();
    try {
      await api('POST', `/api/v1/people/${person.id}/legal-bases`, { body });
      toast(t('privacy.recorded'), 'success');
      reload();
    } catch (e) {
      showErrors(form, e);
    } finally {
      submit.disabled = false;
    }
  });
  return h('details', { class: 'section', id: 'legal-basis-new' }, h('summary', null, t('privacy.recordTitle')), form);
}

function exportsAndErasure(person, onErased) {
  const out = [];
  if (can('people.export')) {
    out.push(h('a', { class: 'btn btn-ghost', href: `/api/v1/people/${person.id}/export`, download: `person-${person.id}.json`, id: 'person-export' }, t('privacy.export')));
    out.push(h('a', { class: 'btn btn-ghost', href: `/api/v1/people/${person.id}/export?format=zip`, download: `person-${person.id}.zip`, id: 'person-export-zip' }, t('privacy.exportZip')));
  }
  if (can('people.erase') && !person.erased_at) {
    const dialog = reasonDialog({ prefix: 'erase', label: t('privacy.eraseReason'), requiredMessage: t('privacy.eraseReasonRequired') });
    out.push(dialog.el, h('button', { type: 'button', class: 'btn btn-danger', id: 'person-erase', onclick: async () => {
      const reason = await dialog.ask(t('privacy.eraseTitle', { name: person.name }), t('privacy.eraseIntro'));
      if (!reason) return;
      try {
        await api('POST', `/api/v1/people/${person.id}/erase`, { body: { reason } });
        toast(t('privacy.erased'), 'success');
        onErased();
      } catch (e) { toast(e.message, 'error'); }
    } }, t('privacy.erase')));
  }
  return out.length ? h('div', { class: 'section page-actions', id: 'privacy-actions' }, out) : null;
}

export function privacyPanel(person, onErased) {
  const card = h('section', { class: 'card section', id: 'person-privacy', 'aria-labelledby': 'privacy-title' }, loading());
  // staff, and a consultant on their own profile (their right of access)
  if (!can('legal_bases.read') && !isMe(person.id)) return null;
  const draw = async () => {
    try {
      const p = await api('GET', `/api/v1/people/${person.id}/privacy`);
      fill(card,
        h('h2', { class: 'h3', id: 'privacy-title' }, t('privacy.title')),
        ...summary(p),
        basesTable(p, draw),
        can('legal_bases.write') && !p.erased_at ? recordForm(person, draw) : null,
        exportsAndErasure({ ...person, erased_at: p.erased_at }, onErased));
    } catch (e) {
      card.replaceChildren(errorBox(e, draw));
    }
  };
  draw();
  return card;
}
