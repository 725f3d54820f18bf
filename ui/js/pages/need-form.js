// need-form: create or edit a need, its skills included. On edit, the
// version read is sent as If-Match; a 412 reloads the need.
import { t } from '../i18n.js';
import { api, withQuery } from '../api.js';
import { h, field, select, formSummary, pageHeader, loading } from '../dom.js';
import { can } from '../session.js';
import { NEED_STATUSES, REMOTE, ACCEPTABLE } from '../labels.js';
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
  // The deals covering this need: when there are some, "open" also needs a
  // favourable feasibility review.
  let deals = [];
  if (need && need.client_id && can('deals.read')) {
    try {
      const r = await api('GET', withQuery('/api/v1/deals', { client_id: need.client_id, limit: 200 }));
      deals = r.items.filter((d) => (d.need_ids || []).map(Number).includes(need.id));
    } catch { /* the checklist then relies on the server's qualification */ }
  }
  if (!ctx.alive()) return;
  ctx.main.replaceChildren();
  draw(ctx, clients.items, need, deals);
}

// The qualification checklist, computed from the form as the user types.
// The review item only shows when the need belongs to a deal.
function checklist(read, need, deals) {
  const missingReview = need?.qualification?.missing?.includes('review');
  const inDeal = deals.length > 0 || missingReview;
  const reviewOk = deals.some((d) => ACCEPTABLE.includes(d.latest_review?.verdict)) || (need && !missingReview && deals.length > 0);
  const items = {
    skills: h('li', { 'data-check': 'skills', 'data-field': 'skills' }),
    start_date: h('li', { 'data-check': 'start_date' }),
    location: h('li', { 'data-check': 'location' }),
    client_id: h('li', { 'data-check': 'client_id' }),
    review: inDeal ? h('li', { 'data-check': 'review', 'data-field': 'review' }) : null,
  };
  const headline = h('p', { class: 'qual-head', 'aria-live': 'polite', id: 'qual-head' });
  const el = h('div', { class: 'field field-wide qual', id: 'qualification', role: 'group', 'aria-labelledby': 'qual-title' },
    h('p', { class: 'qual-title', id: 'qual-title' }, t('qual.title')),
    headline,
    h('ul', { class: 'qual-list' }, Object.values(items)));
  function update() {
    const v = read();
    const ok = {
      skills: v.skills.length > 0,
      start_date: !!v.start_date,
      location: !!v.location || v.remote === 'full',
      client_id: !!v.client_id,
      review: !inDeal || !!reviewOk,
    };
    for (const [k, li] of Object.entries(items)) {
      if (!li) continue;
      li.className = ok[k] ? 'qual-ok' : 'qual-missing';
      li.replaceChildren(h('span', { class: 'qual-mark', 'aria-hidden': 'true' }, ok[k] ? '✓' : '○'),
        h('span', null, t(`qual.item.${k}`)),
        h('span', { class: 'sr-only' }, ok[k] ? t('qual.done') : t('qual.todo')));
    }
    const qualified = ok.skills && ok.start_date && ok.location && ok.client_id;
    headline.className = `qual-head ${qualified && ok.review ? 'qual-ready-open' : qualified ? 'qual-ready' : 'qual-not'}`;
    headline.textContent = qualified && ok.review ? t('qual.readyOpen') : qualified ? t('qual.readyQualified') : t('qual.notReady');
  }
  return { el, update };
}

function draw(ctx, clients, need, deals = []) {
  const n = need || { status: 'draft', remote: 'none', skills: [], client_id: Number(ctx.query.get('client_id')) || null };
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
  // careers page: published while open, with an optional yearly salary band
  const published = h('input', { type: 'checkbox', checked: !!n.published });
  const salaryMin = h('input', { type: 'number', min: '1', max: '10000000', step: '1000', inputmode: 'numeric', value: n.salary_min ?? '' });
  const salaryMax = h('input', { type: 'number', min: '1', max: '10000000', step: '1000', inputmode: 'numeric', value: n.salary_max ?? '' });
  const skills = skillRows('need', n.skills);
  const submit = h('button', { type: 'submit', class: 'btn btn-primary' }, need ? t('action.save') : t('needForm.create'));
  const cancel = h('a', { class: 'btn btn-ghost', href: need ? `#/needs/${need.id}` : '#/needs' }, t('action.cancel'));

  const qual = checklist(() => ({
    skills: skills.values(), start_date: start.value, location: location.value.trim(), remote: remote.value, client_id: client.value,
  }), need, deals);
  const form = h('form', { class: 'form card', novalidate: true, id: 'need-form' },
    formSummary(),
    h('div', { class: 'form-grid' },
      field(t('need.title'), title, { name: 'title', required: true, wide: true }),
      field(t('need.client'), client, { name: 'client_id' }),
      field(t('need.status'), status, { name: 'status', hint: t('needForm.statusHint') }),
      qual.el,
      field(t('need.description'), description, { name: 'description', wide: true }),
      field(t('need.location'), location, { name: 'location' }),
      field(t('need.remote'), remote, { name: 'remote' }),
      field(t('need.start'), start, { name: 'start_date' }),
      field(t('need.duration'), duration, { name: 'duration_days', hint: t('needForm.durationHint') }),
      field(t('need.rateMaxLong'), rate, { name: 'daily_rate_max', hint: t('needForm.rateHint') }),
      field(t('need.salaryMin'), salaryMin, { name: 'salary_min' }),
      field(t('need.salaryMax'), salaryMax, { name: 'salary_max', hint: t('needForm.salaryHint') }),
      field(t('need.published'), published, { name: 'published', hint: t('needForm.publishedHint'), wide: true }),
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
      published: published.checked,
      salary_min: int(salaryMin),
      salary_max: int(salaryMax),
      skills: skills.values(),
    }),
    saved: t('needForm.saved'),
    created: t('needForm.created'),
    redraw: (fresh) => draw(ctx, clients, fresh, deals),
  });
  const recheck = () => qual.update();
  form.addEventListener('input', recheck);
  form.addEventListener('change', recheck);
  form.addEventListener('skillpicked', recheck);
  form.addEventListener('click', (e) => { if (e.target.closest('button')) setTimeout(recheck, 0); });
  qual.update();

  ctx.main.append(
    h('nav', { class: 'crumbs', 'aria-label': t('nav.crumbs') }, h('a', { href: '#/needs' }, t('needs.title')),
      need ? [' / ', h('a', { href: `#/needs/${need.id}` }, need.title)] : null),
    pageHeader(need ? t('needForm.editTitle') : t('needForm.newTitle')),
    form);
  title.focus();
}
