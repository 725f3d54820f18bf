// reason-dialog: the <dialog> that asks why something ends (a candidacy
// leaving the pipeline, a deal lost). The reason is required; ask() resolves
// to the trimmed reason, or null when cancelled. Element ids start with
// prefix (prefix-reason, prefix-title, prefix-cancel, prefix-confirm).
// With `message` ({label, hint}), a second, optional text (prefix-message)
// is asked for, e.g. the words the candidate reads in the mail, and ask()
// resolves to {reason, message} (message null when left empty).
import { t } from './i18n.js';
import { h } from './dom.js';

export function reasonDialog({ prefix, label, requiredMessage, message }) {
  const textarea = h('textarea', { id: `${prefix}-reason`, rows: '3', maxlength: '2000', required: true });
  const second = message ? h('textarea', { id: `${prefix}-message`, rows: '4', maxlength: '2000', 'aria-describedby': `${prefix}-message-hint` }) : null;
  const title = h('h2', { id: `${prefix}-title` });
  const intro = h('p', { class: 'muted' });
  const error = h('p', { class: 'field-error', hidden: true, id: `${prefix}-reason-error` }, requiredMessage);
  let resolve = null;
  const dialog = h('dialog', { class: 'dialog', 'aria-labelledby': `${prefix}-title` });
  const form = h('form', { method: 'dialog', novalidate: true },
    title, intro,
    h('div', { class: 'field' }, h('label', { for: `${prefix}-reason` }, label, h('span', { class: 'req', 'aria-hidden': 'true' }, ' *')), textarea, error),
    second ? h('div', { class: 'field' }, h('label', { for: second.id }, message.label), second,
      h('p', { class: 'hint', id: `${prefix}-message-hint` }, message.hint)) : null,
    h('div', { class: 'form-actions' },
      h('button', { type: 'button', class: 'btn btn-ghost', id: `${prefix}-cancel`, onclick: () => dialog.close('cancel') }, t('action.cancel')),
      h('button', { type: 'submit', class: 'btn btn-primary', id: `${prefix}-confirm` }, t('action.confirm'))));
  form.addEventListener('submit', (e) => {
    if (!textarea.value.trim()) {
      e.preventDefault();
      error.hidden = false;
      textarea.setAttribute('aria-invalid', 'true');
      textarea.setAttribute('aria-describedby', error.id);
      textarea.focus();
      return;
    }
    dialog.returnValue = 'ok';
  });
  dialog.append(form);
  dialog.addEventListener('close', () => {
    const r = resolve;
    resolve = null;
    if (dialog.returnValue !== 'ok') { r?.(null); return; }
    const reason = textarea.value.trim();
    r?.(second ? { reason, message: second.value.trim() || null } : reason);
  });
  return {
    el: dialog,
    ask(titleText, introText = '') {
      title.textContent = titleText;
      intro.textContent = introText;
      intro.hidden = !introText;
      textarea.value = '';
      if (second) second.value = '';
      error.hidden = true;
      textarea.removeAttribute('aria-invalid');
      dialog.returnValue = '';
      dialog.showModal();
      textarea.focus();
      return new Promise((r) => { resolve = r; });
    },
  };
}
