// person-form: create or edit a candidate or consultant and their skills.
import { t } from '../i18n.js';
import { api } from '../api.js';
import { h, field, select, formSummary, pageHeader, loading } from '../dom.js';
import { KINDS } from '../labels.js';
import { skillRows } from '../skill-rows.js';
import { text, int, saveOnSubmit } from '../form-util.js';
import { can } from '../session.js';

export async function render(ctx) {
  const id = ctx.params[0];
  ctx.setTitle(id ? t('personForm.editTitle') : t('personForm.newTitle'));
  let person = null;
  if (id) {
    ctx.main.append(loading());
    person = await api('GET', `/api/v1/people/${id}`);
    if (!ctx.alive()) return;
    ctx.main.replaceChildren();
  }
  draw(ctx, person);
}

function draw(ctx, person) {
  const p = person || { kind: 'candidate', skills: [] };
  const kind = select(KINDS.map((k) => [k, t(`kind.${k}`)]), p.kind);
  // mail: the language of the messages this person receives
  const language = select([['fr', t('lang.fr')], ['en', t('lang.en')]], p.language || 'fr');
  const first = h('input', { type: 'text', maxlength: '100', value: p.first_name || '', autocomplete: 'off' });
  const last = h('input', { type: 'text', maxlength: '100', value: p.last_name || '', autocomplete: 'off' });
  const email = h('input', { type: 'email', maxlength: '254', value: p.email || '', autocomplete: 'off' });
  const phone = h('input', { type: 'tel', maxlength: '40', value: p.phone || '', autocomplete: 'off' });
  const location = h('input', { type: 'text', maxlength: '100', value: p.location || '', autocomplete: 'off' });
  const available = h('input', { type: 'date', value: p.available_from || '' });
  const rate = h('input', { type: 'number', min: '0', max: '100000', step: '10', inputmode: 'numeric', value: p.daily_rate ?? '' });
  const skills = skillRows('person', p.skills);
  const submit = h('button', { type: 'submit', class: 'btn btn-primary' }, person ? t('action.save') : t('personForm.create'));
  const cancel = h('a', { class: 'btn btn-ghost', href: person ? `#/people/${person.id}` : '#/people' }, t('action.cancel'));

  const form = h('form', { class: 'form card', novalidate: true, id: 'person-form' },
    formSummary(),
    h('div', { class: 'form-grid' },
      field(t('person.kind'), kind, { name: 'kind', required: true }),
      field(t('person.language'), language, { name: 'language', hint: t('person.languageHint') }),
      field(t('person.firstName'), first, { name: 'first_name', required: true }),
      field(t('person.lastName'), last, { name: 'last_name', required: true }),
      field(t('person.email'), email, { name: 'email' }),
      field(t('person.phone'), phone, { name: 'phone' }),
      field(t('person.location'), location, { name: 'location' }),
      field(t('person.available'), available, { name: 'available_from' }),
      // the daily rate: only for who may see it (the server refuses it from the others)
      can('money.read') ? field(t('person.rate'), rate, { name: 'daily_rate', hint: t('needForm.rateHint') }) : null,
      skills.el),
    h('div', { class: 'form-actions' }, cancel, submit));

  saveOnSubmit(ctx, form, submit, {
    collection: '/api/v1/people',
    route: '#/people',
    object: person,
    body: () => ({
      kind: kind.value, first_name: first.value.trim(), last_name: last.value.trim(),
      email: text(email), phone: text(phone), location: text(location),
      available_from: text(available), skills: skills.values(), language: language.value,
      ...(can('money.read') ? { daily_rate: int(rate) } : {}),
    }),
    saved: t('personForm.saved'),
    created: t('personForm.created'),
    redraw: (fresh) => draw(ctx, fresh),
  });

  ctx.main.append(
    h('nav', { class: 'crumbs', 'aria-label': t('nav.crumbs') }, h('a', { href: '#/people' }, t('people.title')),
      person ? [' / ', h('a', { href: `#/people/${person.id}` }, person.name)] : null),
    pageHeader(person ? t('personForm.editTitle') : t('personForm.newTitle')),
    form);
  (person ? first : kind).focus();
}
