// need-form: create or edit a need, its skills included. On edit, the
// version read is sent as If-Match; a 412 reloads the need.
import { t } from '../i18n.js';
import { api, withQuery } from '../api.js';
import { h, field, select, formSummary, pageHeader, loading } from '../dom.js';
import { NEED_STATUSES, REMOTE } from '../labels.js';
import { skillRows } from '../skill-rows.js';
import { text, int, saveOnSubmit } from '../form-util.js';

export async function render(ctx) {
  const id = ctx.params[0];
  ctx.setTitle(id ? t('needForm.editTitle') : t('needForm.newTitle'));
  ctx.main.append(loading());
  const [clients, need] = await Promise.all([
    api('GET', withQuery('/api/v1/clients', { limit: 200 })),
    id ? api('GET', `/api/v1/needs/${id}`) : Promise.resolve(null),
  ]);
  if (!ctx.alive()) return;
  ctx.main.replaceChildren();
  draw(ctx, clients.items, need);
}

function draw(ctx, clients, need) {
  const n = need || { status: 'draft', remote: 'none', skills: [] };
  const title = h('input', { type: 'text', maxlength: '200', value: n.title || '', autocomplete: 'off' });
  const client = select([['', t('needForm.noClient')], ...clients.map((c) => [c.id, c.name])], n.client_id);
  const status = select(NEED_STATUSES.map((s) => [s, t(`status.${s}`)]), n.status);
  const description = h('textarea', { rows: '5', maxlength: '10000' });
  description.value = n.description || '';
  const location = h('input', { type: 'text', maxlength: '100', value: n.location || '', autocomplete: 'off' });
  const remote = select(REMOTE.map((r) => [r, t(`remote.${r}`)]), n.remote);
  const start = h('input', { type: 'date', value: n.start_date || '' });
  const duration = h('input', { type: 'number', min: '1', max: '3650', step: '1', inputmode: 'numeric', value: n.duration_days ?? '' });
  const rate = h('input', { type: 'number', min: '0', max: '100000', step: '10', inputmode: 'numeric', value: n.daily_rate_max ?? '' });
  const skills = skillRows('need', n.skills);
  const submit = h('button', { type: 'submit', class: 'btn btn-primary' }, need ? t('action.save') : t('needForm.create'));
  const cancel = h('a', { class: 'btn btn-ghost', href: need ? `#/needs/${need.id}` : '#/needs' }, t('action.cancel'));

  const form = h('form', { class: 'form card', novalidate: true, id: 'need-form' },
    formSummary(),
    h('div', { class: 'form-grid' },
      field(t('need.title'), title, { name: 'title', required: true, wide: true }),
      field(t('need.client'), client, { name: 'client_id' }),
      field(t('need.status'), status, { name: 'status', hint: t('needForm.statusHint') }),
      field(t('need.description'), description, { name: 'description', wide: true }),
      field(t('need.location'), location, { name: 'location' }),
      field(t('need.remote'), remote, { name: 'remote' }),
      field(t('need.start'), start, { name: 'start_date' }),
      field(t('need.duration'), duration, { name: 'duration_days', hint: t('needForm.durationHint') }),
      field(t('need.rateMaxLong'), rate, { name: 'daily_rate_max', hint: t('needForm.rateHint') }),
      skills.el),
    h('div', { class: 'form-actions' }, cancel, submit));

  saveOnSubmit(ctx, form, submit, {
    collection: '/api/v1/needs',
    route: '#/needs',
    object: need,
    body: () => ({
      title: title.value.trim(),
      client_id: client.value ? Number(client.value) : null,
      status: status.value,
      description: text(description),
      location: text(location),
      remote: remote.value,
      start_date: text(start),
      duration_days: int(duration),
      daily_rate_max: int(rate),
      skills: skills.values(),
    }),
    saved: t('needForm.saved'),
    created: t('needForm.created'),
    redraw: (fresh) => draw(ctx, clients, fresh),
  });

  ctx.main.append(
    h('nav', { class: 'crumbs', 'aria-label': t('nav.crumbs') }, h('a', { href: '#/needs' }, t('needs.title')),
      need ? [' / ', h('a', { href: `#/needs/${need.id}` }, need.title)] : null),
    pageHeader(need ? t('needForm.editTitle') : t('needForm.newTitle')),
    form);
  title.focus();
}
