// client-form: create or edit a client. A duplicate (same SIRET or same
// name) comes back as a 409 naming the existing client: the form links to it.
import { t } from '../i18n.js';
import { api } from '../api.js';
import { h, field, formSummary, pageHeader, loading, clear } from '../dom.js';
import { text, saveOnSubmit } from '../form-util.js';
import { session } from '../session.js';

export async function render(ctx) {
  const id = ctx.params[0];
  ctx.setTitle(id ? t('clientForm.editTitle') : t('clientForm.newTitle'));
  let client = null;
  if (id) {
    ctx.main.append(loading());
    client = await api('GET', `/api/v1/clients/${id}`);
    if (!ctx.alive()) return;
    ctx.main.replaceChildren();
  }
  draw(ctx, client);
}

function draw(ctx, client) {
  const c = client || {};
  const name = h('input', { type: 'text', maxlength: '200', value: c.name || '', autocomplete: 'organization' });
  const siret = h('input', { type: 'text', maxlength: '20', inputmode: 'numeric', value: c.siret || '', autocomplete: 'off', class: 'mono' });
  const sector = h('input', { type: 'text', maxlength: '100', value: c.sector || '', autocomplete: 'off' });
  const address = h('textarea', { rows: '3', maxlength: '500' });
  address.value = c.address || '';
  const notes = h('textarea', { rows: '4', maxlength: '10000' });
  notes.value = c.notes || '';
  const submit = h('button', { type: 'submit', class: 'btn btn-primary' }, client ? t('action.save') : t('clientForm.create'));
  const cancel = h('a', { class: 'btn btn-ghost', href: client ? `#/clients/${client.id}` : '#/clients' }, t('action.cancel'));

  const form = h('form', { class: 'form card', novalidate: true, id: 'client-form' },
    formSummary(),
    h('div', { class: 'form-grid' },
      field(t('client.name'), name, { name: 'name', required: true, wide: true }),
      field(t('client.siret'), siret, { name: 'siret', hint: t('clientForm.siretHint') }),
      field(t('client.sector'), sector, { name: 'sector' }),
      field(t('client.address'), address, { name: 'address', wide: true }),
      field(t('client.notes'), notes, { name: 'notes', wide: true })),
    h('div', { class: 'form-actions' }, cancel, submit));

  saveOnSubmit(ctx, form, submit, {
    collection: '/api/v1/clients',
    route: '#/clients',
    object: client,
    body: () => ({
      name: name.value.trim(),
      siret: siret.value.replace(/\s+/g, '') || null,
      sector: text(sector),
      address: text(address),
      notes: text(notes),
      // A sales person or manager creating a client is its account owner.
      ...(!client && ['sales', 'manager'].includes(session.user?.role) && session.user.id ? { owner_id: session.user.id } : {}),
    }),
    saved: t('clientForm.saved'),
    created: t('clientForm.created'),
    redraw: (fresh) => draw(ctx, fresh),
    onError: (e, f) => {
      if (e.status !== 409 || !/duplicate-client$/.test(e.type)) return false;
      const summary = f.querySelector('.form-summary');
      clear(summary);
      summary.append(h('p', { class: 'form-summary-title' }, t('clientForm.duplicate')),
        e.existing_id ? h('p', null, h('a', { href: `#/clients/${e.existing_id}`, id: 'open-existing' }, t('clientForm.openExisting'))) : null);
      summary.hidden = false;
      summary.focus();
      return true;
    },
  });

  ctx.main.append(
    h('nav', { class: 'crumbs', 'aria-label': t('nav.crumbs') }, h('a', { href: '#/clients' }, t('clients.title')),
      client ? [' / ', h('a', { href: `#/clients/${client.id}` }, client.name)] : null),
    pageHeader(client ? t('clientForm.editTitle') : t('clientForm.newTitle')),
    form);
  name.focus();
}
