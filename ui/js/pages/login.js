// login: e-mail and password; wrong credentials and too many attempts are
// said plainly. The demo accounts are listed to get started.
import { t } from '../i18n.js';
import { signIn } from '../session.js';
import { h, field } from '../dom.js';

const ROLES = ['admin', 'manager', 'sales', 'recruiter', 'tech', 'consultant'];

export async function render(ctx) {
  ctx.setTitle(t('login.title'));
  const email = h('input', { type: 'email', name: 'email', autocomplete: 'username', required: true, autofocus: true });
  const password = h('input', { type: 'password', name: 'password', autocomplete: 'current-password', required: true });
  const message = h('div', { class: 'form-summary', role: 'alert', hidden: true });
  const submit = h('button', { type: 'submit', class: 'btn btn-primary btn-block' }, t('login.submit'));

  const form = h('form', { class: 'login-form', novalidate: true, onsubmit: async (ev) => {
    ev.preventDefault();
    message.hidden = true;
    if (!email.value.trim() || !password.value) {
      message.textContent = t('login.missing');
      message.hidden = false;
      (email.value.trim() ? password : email).focus();
      return;
    }
    submit.disabled = true;
    submit.textContent = t('login.submitting');
    try {
      await signIn(email.value.trim(), password.value);
      ctx.signedIn();
    } catch (e) {
      message.textContent = e.status === 429 ? t('login.tooMany') : e.status === 401 ? t('login.wrong') : e.message;
      message.hidden = false;
      password.value = '';
      password.focus();
    } finally {
      submit.disabled = false;
      submit.textContent = t('login.submit');
    }
  } },
  message,
  field(t('login.email'), email),
  field(t('login.password'), password),
  submit);

  const demo = h('details', { class: 'demo-accounts' },
    h('summary', null, t('login.demoTitle')),
    h('p', null, t('login.demoText')),
    h('ul', { class: 'demo-list' }, ROLES.map((r) => h('li', null,
      h('button', { type: 'button', class: 'link-btn', 'data-role': r, onclick: () => {
        email.value = `${r}@demo.alliance.example`;
        password.value = 'alliance-demo';
        password.focus();
      } }, `${r}@demo.alliance.example`),
      h('span', { class: 'muted' }, ` — ${t(`role.${r}`)}`)))),
    h('p', { class: 'muted' }, t('login.demoPassword'), ' ', h('code', null, 'alliance-demo')));

  const reset = ctx.query.get('reset') === 'done'
    ? h('p', { class: 'notice', role: 'status', id: 'reset-done' }, t('reset.done')) : null;
  ctx.main.append(h('section', { class: 'login' },
    h('div', { class: 'login-card card' },
      h('h1', { class: 'page-title', tabindex: '-1' }, t('login.title')),
      h('p', { class: 'lead' }, t('login.lead')),
      reset,
      form,
      // a forgotten password: a link by e-mail (pages/password-forgot.js)
      h('p', { class: 'login-forgot' }, h('a', { href: '#/forgot', id: 'forgot-link' }, t('login.forgot')))),
    demo));
  email.focus();
}
