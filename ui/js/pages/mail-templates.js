// mail-templates: the messages candidates receive, per kind, in French and
// English. Managers reword them (PUT with If-Match); the server refuses a
// placeholder it does not know and says which field.
import { t } from '../i18n.js';
import { api } from '../api.js';
import { can } from '../session.js';
import { h, loading, errorBox, pageHeader, toast, field, showErrors, clearErrors, formSummary } from '../dom.js';

const LANGS = ['fr', 'en'];

function editor(ctx, tpl, onSaved) {
  const editable = can('mail_templates.write');
  const controls = {};
  const sections = LANGS.map((lang) => {
    controls[`subject_${lang}`] = h('input', { type: 'text', maxlength: '200', value: tpl[`subject_${lang}`], readonly: !editable, lang });
    controls[`body_${lang}`] = h('textarea', { rows: '12', maxlength: '10000', readonly: !editable, lang }, tpl[`body_${lang}`]);
    return h('fieldset', { class: 'tpl-lang' }, h('legend', null, t(`lang.${lang}`)),
      field(t('tpl.subject'), controls[`subject_${lang}`], { name: `subject_${lang}`, required: true, wide: true }),
      field(t('tpl.body'), controls[`body_${lang}`], { name: `body_${lang}`, required: true, wide: true }));
  });
  const submit = editable ? h('button', { type: 'submit', class: 'btn btn-primary', id: 'tpl-save' }, t('action.save')) : null;
  const form = h('form', { class: 'tpl-form', id: 'tpl-form', novalidate: true },
    h('h2', { id: 'tpl-title' }, t(`tpl.kind.${tpl.kind}`)),
    h('p', { class: 'muted', id: 'tpl-state' }, tpl.customized ? t('tpl.customized') : t('tpl.default')),
    h('p', { class: 'hint' }, t('tpl.placeholders'), ' ', tpl.placeholders.map((p) => h('code', { class: 'placeholder' }, `{{${p}}}`))),
    formSummary(), h('div', { class: 'tpl-langs' }, sections),
    submit ? h('div', { class: 'form-actions' }, submit) : null);
  if (editable) form.addEventListener('submit', async (e) => {
    e.preventDefault();
    clearErrors(form);
    const body = Object.fromEntries(Object.entries(controls).map(([k, el]) => [k, el.value]));
    submit.disabled = true;
    try {
      const saved = await api('PUT', `/api/v1/mail-templates/${tpl.kind}`, { body, version: tpl.version });
      toast(t('tpl.saved'), 'success');
      onSaved(saved);
    } catch (err) {
      if (err.status === 412) { toast(t('error.stale'), 'error'); onSaved(await api('GET', `/api/v1/mail-templates/${tpl.kind}`)); return; }
      showErrors(form, err);
    } finally {
      submit.disabled = false;
    }
  });
  return form;
}

export async function render(ctx) {
  ctx.setTitle(t('tpl.title'));
  const body = h('div', { class: 'tpl-layout' }, loading());
  ctx.main.append(pageHeader(t('tpl.title')), h('p', { class: 'lead' }, t('tpl.lead')), body);
  let items;
  try {
    items = (await api('GET', '/api/v1/mail-templates')).items;
  } catch (e) {
    body.replaceChildren(errorBox(e, () => ctx.navigate('#/mail-templates')));
    return;
  }
  if (!ctx.alive()) return;
  let current = items.find((x) => x.kind === ctx.query.get('kind')) || items[0];
  const pane = h('div', { class: 'tpl-pane' });
  const list = h('nav', { class: 'tpl-list', 'aria-label': t('tpl.kinds') });
  function draw() {
    list.replaceChildren(...items.map((x) => h('a', {
      href: `#/mail-templates?kind=${x.kind}`, class: 'tpl-link', 'aria-current': x.kind === current.kind ? 'true' : null,
      onclick: (e) => { e.preventDefault(); current = x; history.replaceState(null, '', `#/mail-templates?kind=${x.kind}`); draw(); pane.querySelector('h2')?.focus?.(); },
    }, t(`tpl.kind.${x.kind}`), x.customized ? h('span', { class: 'badge stage-badge tpl-badge' }, t('tpl.edited')) : null)));
    pane.replaceChildren(editor(ctx, current, (saved) => {
      items = items.map((x) => (x.kind === saved.kind ? saved : x));
      current = saved;
      draw();
    }));
  }
  draw();
  body.replaceChildren(list, pane);
}
