// password-forgot: asks for the e-mail of an account and has a reset link
// mailed to it. The answer is the same whether or not the account exists.
import { t } from '../i18n.js';
import { api } from '../api.js';
import { h, field } from '../dom.js';

export async function render(ctx) {
  ctx.setTitle(t('forgot.title'));
  const email = h('input', { type: 'email', name: 'email', autocomplete: 'username', required: true });
  const message = h('div', { class: 'form-summary', role: 'alert', hidden: true, id: 'forgot-message' });
  const done = h('p', { class: 'notice', role: 'status', hidden: true, id: 'forgot-done' });
  const submit = h('button', { type: 'submit', class: 'btn btn-primary btn-block' }, t('forgot.submit'));
  const form = h('form', { class: 'login-form', novalidate: true, onsubmit: async (ev) => {
    ev.preventDefault();
    message.hidden = true;
    if (!email.value.trim()) {
      message.textContent = t('forgot.missing');
      message.hidden = false;
      email.focus();
      return;
    }
    submit.disabled = true;
    try {
      const r = await api('POST', '/api/v1/password-reset/request', { body: { email: email.value.trim() }, signIn: true });
      done.textContent = r.detail;
      done.hidden = false;
      form.hidden = true;
      done.focus?.();
    } catch (e) {
      message.textContent = e.status === 429 ? t('login.tooMany') : (e.errors[0] && e.errors[0].message) || e.message;
      message.hidden = false;
      email.focus();
    } finally {
      submit.disabled = false;
    }
  } }, message, field(t('login.email'), email), submit);
  ctx.main.append(h('section', { class: 'login' },
    h('div', { class: 'login-card card' },
      h('h1', { class: 'page-title', tabindex: '-1' }, t('forgot.title')),
      h('p', { class: 'lead' }, t('forgot.lead')),
      form, done,
      h('p', null, h('a', { href: '#/login', id: 'back-to-login' }, t('forgot.back'))))));
  email.focus();
}
