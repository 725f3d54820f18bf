// interview-dialog: plans an interview for a candidacy (POST
// /api/v1/candidacies/{id}/interviews). The time is typed in the browser's
// time zone and sent as UTC; interviewers are chosen among the accounts
// that may interview. The candidate and the interviewers receive an
// invitation (.ics) by e-mail. ask(candidacy) resolves to the interview, or
// null when cancelled.
import { t } from './i18n.js';
import { api } from './api.js';
import { h, field, showErrors, clearErrors, formSummary } from './dom.js';

export function interviewDialog() {
  const dialog = h('dialog', { class: 'dialog dialog-wide', id: 'interview-dialog', 'aria-labelledby': 'interview-title' });
  let resolve = null;
  let people = null;
  dialog.addEventListener('close', () => { const r = resolve; resolve = null; r?.(dialog.returnValue === 'ok' ? dialog.saved : null); });

  async function ask(c) {
    if (!people) people = (await api('GET', '/api/v1/interviewers')).items;
    const when = h('input', { type: 'datetime-local', id: 'interview-start', required: true });
    const duration = h('select', { id: 'interview-duration' }, [30, 45, 60, 90, 120].map((m) => h('option', { value: String(m), selected: m === 60 }, t('interview.minutes', { n: m }))));
    const place = h('input', { type: 'text', id: 'interview-place', maxlength: '200', autocomplete: 'off' });
    const video = h('input', { type: 'url', id: 'interview-video', maxlength: '500', placeholder: 'https://', autocomplete: 'off' });
    const boxes = people.map((u) => h('label', { class: 'check' }, h('input', { type: 'checkbox', value: String(u.id), 'data-interviewer': u.id }), ` ${u.name} `, h('span', { class: 'muted small' }, t(`role.${u.role}`))));
    const who = h('fieldset', { class: 'checks', 'data-field': 'interviewers', tabindex: '-1' }, h('legend', null, t('interview.interviewers'), h('span', { class: 'req', 'aria-hidden': 'true' }, ' *')), boxes);
    const submit = h('button', { type: 'submit', class: 'btn btn-primary', id: 'interview-confirm' }, t('interview.send'));
    const form = h('form', { novalidate: true },
      h('h2', { id: 'interview-title' }, t('interview.title', { name: c.person.name })),
      h('p', { class: 'muted' }, t('interview.intro')),
      formSummary(),
      field(t('interview.start'), when, { name: 'starts_at', required: true, hint: t('interview.startHint') }),
      field(t('interview.duration'), duration, { name: 'duration_minutes' }),
      field(t('interview.place'), place, { name: 'place' }),
      field(t('interview.video'), video, { name: 'video_url' }),
      who,
      h('div', { class: 'form-actions' },
        h('button', { type: 'button', class: 'btn btn-ghost', id: 'interview-cancel', onclick: () => dialog.close('cancel') }, t('action.cancel')),
        submit));
    form.addEventListener('submit', async (e) => {
      e.preventDefault();
      clearErrors(form);
      const start = when.value ? new Date(when.value) : null;
      const body = {
        starts_at: start && !Number.isNaN(start.getTime()) ? start.toISOString().replace(/\.\d+Z$/, 'Z') : '',
        duration_minutes: Number(duration.value),
        place: place.value.trim() || null,
        video_url: video.value.trim() || null,
        interviewers: boxes.map((b) => b.querySelector('input')).filter((i) => i.checked).map((i) => Number(i.value)),
      };
      submit.disabled = true;
      try {
        dialog.saved = await api('POST', `/api/v1/candidacies/${c.id}/interviews`, { body });
        dialog.close('ok');
      } catch (err) {
        if (err.status === 409) { err.errors = [{ field: 'interviewers', message: err.detail || err.title }]; }
        showErrors(form, err);
      } finally {
        submit.disabled = false;
      }
    });
    dialog.replaceChildren(form);
    dialog.returnValue = '';
    dialog.saved = null;
    dialog.showModal();
    when.focus();
    return new Promise((r) => { resolve = r; });
  }
  return { el: dialog, ask };
}
