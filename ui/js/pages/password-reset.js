// password-reset: the page of the link a reset mail carries (#/reset/TOKEN):
// a new password, twice; the link works once and expires (the server says
// so plainly when it does not work any more).
import { t } from '../i18n.js';
import { api } from '../api.js';
import { h, field } from '../dom.js';

export async function render(ctx) {
  ctx.setTitle(t('reset.title'));
  const token = ctx.params[0];
  const password = h('input', { type: 'password', name: 'password', autocomplete: 'new-password', required: true, minlength: '12' });
  const again = h('input', { type: 'password', name: 'again', autocomplete: 'new-password', required: true });
  const message = h('div', { class: 'form-summary', role: 'alert', hidden: true, id: 'reset-message' });
  const submit = h('button', { type: 'submit', class: 'btn btn-primary btn-block' }, t('reset.submit'));
  const say = (text, focus) => { message.textContent = text; message.hidden = false; focus.focus(); };
  const form = h('form', { class: 'login-form', novalidate: true, onsubmit: async (ev) => {
    ev.preventDefault();
    message.hidden = true;
    if (password.value.length < 12) return say(t('reset.short'), password);
    if (password.value !== again.value) return say(t('reset.mismatch'), again);
    submit.disabled = true;
    try {
      await api('POST', '/api/v1/password-reset', { body: { token, password: password.value }, signIn: true });
      ctx.navigate('#/login?reset=done');
    } catch (e) {
      if (e.status === 400) say(t('reset.invalid'), password);
      else say((e.errors[0] && e.errors[0].message) || e.message, password);
    } finally {
      submit.disabled = false;
    }
  } }, message,
  field(t('reset.password'), password, { hint: t('reset.hint') }),
  field(t('reset.again'), again),
  submit);
  ctx.main.append(h('section', { class: 'login' },
    h('div', { class: 'login-card card' },
      h('h1', { class: 'page-title', tabindex: '-1' }, t('reset.title')),
      h('p', { class: 'lead' }, t('reset.lead')),
      form,
      h('p', null, h('a', { href: '#/forgot' }, t('reset.another'))))));
  password.focus();
}
