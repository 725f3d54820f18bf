// privacy-register: the register of processing activities (GDPR art. 30)
// for admins and managers, as the server states it (GET
// /api/v1/privacy/register): what is kept, why, on which basis, for whom,
// how long; the retention durations are changed here (PATCH /api/v1/settings).
import { t, formatDate, formatNumber } from '../i18n.js';
import { api } from '../api.js';
import { can } from '../session.js';
import { h, fill, loading, pageHeader, field, formSummary, showErrors, clearErrors, toast } from '../dom.js';

function activity(a) {
  const list = (items) => h('ul', null, items.map((x) => h('li', null, x)));
  const row = (label, value) => [h('dt', null, label), h('dd', null, value)];
  return h('section', { class: 'card register-activity', id: `register-${a.id}`, 'aria-labelledby': `register-${a.id}-title` },
    h('h2', { class: 'h3', id: `register-${a.id}-title` }, a.name),
    h('dl', null,
      row(t('register.purposes'), a.purposes),
      row(t('register.subjects'), [a.data_subjects, ' ', h('span', { class: 'muted register-count' }, t('register.people', { n: formatNumber(a.people) }))]),
      row(t('register.bases'), list(a.legal_bases.map((b) => b.label))),
      row(t('register.categories'), list(a.data_categories.map((c) => c.label))),
      row(t('register.recipients'), list(a.recipients.map((r) => (r.host ? `${r.label} : ${r.host}` : r.label)))),
      row(t('register.retention'), [a.retention.label, ' ',
        h('span', { class: a.retention.automatic_erasure ? 'badge badge-ok' : 'badge' }, t(a.retention.automatic_erasure ? 'register.auto' : 'register.manual'))])));
}

function settingsForm(ctx, settings, redraw) {
  const num = (value, min, max) => h('input', { type: 'number', min: String(min), max: String(max), step: '1', value: String(value), inputmode: 'numeric' });
  const rejected = num(settings.rejected_retention_months, 1, 24);
  const pool = num(settings.talent_pool_retention_months, 1, 24);
  const warning = num(settings.retention_warning_days, 7, 60);
  const submit = h('button', { type: 'submit', class: 'btn btn-primary' }, t('action.save'));
  const form = h('form', { novalidate: true, id: 'retention-form' }, formSummary(),
    h('div', { class: 'form-grid form-grid-3' },
      field(t('register.rejectedMonths'), rejected, { name: 'rejected_retention_months', hint: t('register.rejectedHint') }),
      field(t('register.poolMonths'), pool, { name: 'talent_pool_retention_months', hint: t('register.poolHint') }),
      field(t('register.warningDays'), warning, { name: 'retention_warning_days', hint: t('register.warningHint') })),
    h('div', { class: 'form-actions' }, submit));
  form.addEventListener('submit', async (ev) => {
    ev.preventDefault();
    clearErrors(form);
    submit.disabled = true;
    const n = (el) => (el.value.trim() === '' ? null : Number(el.value));
    try {
      await api('PATCH', '/api/v1/settings', {
        version: settings.version,
        body: { rejected_retention_months: n(rejected), talent_pool_retention_months: n(pool), retention_warning_days: n(warning) },
      });
      toast(t('register.saved'), 'success');
      redraw();
    } catch (e) {
      if (e.status === 412) { toast(t('error.stale'), 'error'); redraw(); return; }
      showErrors(form, e);
    } finally {
      submit.disabled = false;
    }
  });
  return h('section', { class: 'card section', id: 'register-settings', 'aria-labelledby': 'retention-title' },
    h('h2', { class: 'h3', id: 'retention-title' }, t('register.settingsTitle')),
    h('p', { class: 'muted' }, t('register.settingsLead')),
    form);
}

export async function render(ctx) {
  ctx.setTitle(t('register.title'));
  ctx.main.append(loading());
  const draw = async () => {
    const [r, s] = await Promise.all([api('GET', '/api/v1/privacy/register'), api('GET', '/api/v1/settings')]);
    if (!ctx.alive()) return;
    const purge = r.purge.automatic
      ? t('register.purgeOn', { hour: r.purge.hour_utc, last: r.purge.last_run ? formatDate(r.purge.last_run) : t('register.never') })
      : t('register.purgeOff');
    fill(ctx.main,
      pageHeader(t('register.title'), h('button', { type: 'button', class: 'btn btn-ghost', id: 'register-print', onclick: () => window.print() }, t('register.print'))),
      h('p', { class: 'lead' }, t('register.lead', { firm: r.controller.name })),
      h('p', { class: 'notice', id: 'register-purge', role: 'status' }, purge, ' ', t('register.erased', { n: formatNumber(r.people_erased) })),
      can('settings.write') ? settingsForm(ctx, s, draw) : null,
      ...r.activities.map(activity),
      h('section', { class: 'card section', 'aria-labelledby': 'register-measures-title' },
        h('h2', { class: 'h3', id: 'register-measures-title' }, t('register.measures')),
        h('ul', { id: 'register-measures' }, r.measures.map((m) => h('li', null, m.label)))),
      h('p', { class: 'muted small' }, t('register.generated', { date: formatDate(r.generated_at) })));
  };
  await draw();
}
