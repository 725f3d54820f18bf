// waiting: the recruiter's home — candidates who have waited longer than
// the response delay for an answer (GET /api/v1/alerts), oldest wait
// first, with the time-to-first-answer figures and the delay itself
// (managers change it here).
import { t, formatDate, formatNumber } from '../i18n.js';
import { api } from '../api.js';
import { can, session } from '../session.js';
import { h, loading, empty, errorBox, pageHeader, toast, field, showErrors, clearErrors, formSummary } from '../dom.js';

// Hours shown as days when long: "36 h" / "4,5 j".
function duration(hours) {
  if (hours === null || hours === undefined) return '—';
  return hours < 48 ? t('waiting.hours', { n: formatNumber(hours, 1) }) : t('waiting.days', { n: formatNumber(hours / 24, 1) });
}

/** The list of waiting candidates (also used at the top of the needs list). */
export function waitingTable(items, { showOwner = true } = {}) {
  const cols = [t('waiting.person'), t('waiting.need'), t('waiting.stage'), t('waiting.since'), t('waiting.days.col')];
  if (showOwner) cols.push(t('waiting.owner'));
  return h('div', { class: 'table-wrap' }, h('table', { class: 'table', id: 'waiting-table' },
    h('caption', { class: 'sr-only' }, t('waiting.title')),
    h('thead', null, h('tr', null, cols.map((c, i) => h('th', { scope: 'col', class: i === 4 ? 'num' : null }, c)))),
    h('tbody', null, items.map((a) => h('tr', { 'data-candidacy-id': a.candidacy_id },
      h('td', { 'data-label': cols[0] }, h('a', { href: `#/people/${a.person.id}`, class: 'row-link' }, a.person.name)),
      h('td', { 'data-label': cols[1] }, h('a', { href: `#/needs/${a.need.id}` }, a.need.title)),
      h('td', { 'data-label': cols[2] }, t(`stage.${a.stage}`)),
      h('td', { 'data-label': cols[3], class: 'nowrap' }, formatDate(a.waiting_since.slice(0, 10))),
      h('td', { 'data-label': cols[4], class: 'num' }, h('strong', null, String(a.working_days_waiting))),
      showOwner ? h('td', { 'data-label': cols[5] }, a.owner ? a.owner.name : h('span', { class: 'muted' }, t('waiting.noOwner'))) : null)))));
}

function slaForm(ctx, settings, onSaved) {
  const input = h('input', { type: 'number', min: '1', max: '60', step: '1', value: String(settings.response_sla_days), inputmode: 'numeric' });
  const submit = h('button', { type: 'submit', class: 'btn btn-secondary', id: 'sla-save' }, t('action.save'));
  const form = h('form', { class: 'inline-form', id: 'sla-form', novalidate: true },
    formSummary(),
    field(t('waiting.slaLabel'), input, { name: 'response_sla_days', hint: t('waiting.slaHint') }), submit);
  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    clearErrors(form);
    submit.disabled = true;
    try {
      const saved = await api('PATCH', '/api/v1/settings', { body: { response_sla_days: Number(input.value) }, version: settings.version });
      toast(t('waiting.slaSaved', { n: saved.response_sla_days }), 'success');
      onSaved();
    } catch (err) {
      if (err.status === 412) { toast(t('error.stale'), 'error'); onSaved(); return; }
      showErrors(form, err);
    } finally {
      submit.disabled = false;
    }
  });
  return form;
}

export async function render(ctx) {
  ctx.setTitle(t('waiting.title'));
  const mineOnly = session.user?.role === 'recruiter';
  const results = h('div', { class: 'results', 'aria-live': 'polite' }, loading());
  const figures = h('div', { class: 'figures', id: 'first-answer' });
  const settingsBox = h('div', { id: 'sla-box' });
  const templates = can('mail_templates.read') ? h('a', { class: 'btn btn-secondary', href: '#/mail-templates', id: 'open-templates' }, t('waiting.templates')) : null;
  ctx.main.append(pageHeader(t('waiting.title'), templates), h('p', { class: 'lead' }, t(mineOnly ? 'waiting.leadMine' : 'waiting.lead')),
    figures, results, settingsBox);

  async function load() {
    results.replaceChildren(loading());
    let r, s;
    try {
      [r, s] = await Promise.all([api('GET', `/api/v1/alerts${mineOnly ? '?mine=1' : ''}`), api('GET', '/api/v1/settings')]);
    } catch (e) {
      if (ctx.alive()) results.replaceChildren(errorBox(e, load));
      return;
    }
    if (!ctx.alive()) return;
    const fa = r.summary.first_answer;
    figures.replaceChildren(
      h('div', { class: 'figure' }, h('span', { class: 'figure-value', id: 'overdue-count' }, String(r.summary.overdue)), h('span', { class: 'figure-label' }, t('waiting.overdue', { n: r.summary.response_sla_days }))),
      h('div', { class: 'figure' }, h('span', { class: 'figure-value', id: 'median-answer' }, duration(fa.median_hours)), h('span', { class: 'figure-label' }, t('waiting.median'))),
      h('div', { class: 'figure' }, h('span', { class: 'figure-value', id: 'p90-answer' }, duration(fa.p90_hours)), h('span', { class: 'figure-label' }, t('waiting.p90', { n: fa.candidacies, days: fa.window_days }))));
    results.replaceChildren(r.items.length ? waitingTable(r.items, { showOwner: !mineOnly }) : empty(t('waiting.none')));
    settingsBox.replaceChildren(can('settings.write') ? h('section', { class: 'card', 'aria-labelledby': 'sla-title' },
      h('h2', { id: 'sla-title' }, t('waiting.slaTitle')), slaForm(ctx, s, load))
      : h('p', { class: 'muted' }, t('waiting.slaIs', { n: s.response_sla_days })));
  }
  await load();
}
