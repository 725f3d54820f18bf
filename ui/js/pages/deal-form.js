// deal-form: create or edit a deal: client, title, the client's needs it
// covers, amount in euros (sent in cents), expected close and stage. "Won"
// stays unavailable until a favourable feasibility review exists; "lost"
// asks for the reason.
import { t } from '../i18n.js';
import { api, withQuery } from '../api.js';
import { h, field, select, formSummary, pageHeader, loading, nextId } from '../dom.js';
import { DEAL_STAGES, wonBlocker, statusBadge } from '../labels.js';
import { text, saveOnSubmit } from '../form-util.js';
import { session } from '../session.js';

export async function render(ctx) {
  const id = ctx.params[0];
  ctx.setTitle(id ? t('dealForm.editTitle') : t('dealForm.newTitle'));
  ctx.main.append(loading());
  const [clients, deal] = await Promise.all([
    api('GET', withQuery('/api/v1/clients', { limit: 200 })),
    id ? api('GET', `/api/v1/deals/${id}`) : Promise.resolve(null),
  ]);
  if (!ctx.alive()) return;
  ctx.main.replaceChildren();
  draw(ctx, clients.items, deal);
}

// "12 500,50" or "12500.5" → 1250050 cents; anything else goes to the
// server as typed so that it names the mistake.
export function eurosToCents(raw) {
  const s = raw.replace(/[\s\u00a0\u202f€]/g, '').replace(',', '.');
  if (s === '') return null;
  if (!/^-?\d+(\.\d{1,2})?$/.test(s)) return raw;
  return Math.round(Number(s) * 100);
}

function draw(ctx, clients, deal) {
  const d = deal || { stage: 'lead', need_ids: [], client_id: Number(ctx.query.get('client_id')) || null };
  const blocker = deal ? wonBlocker(deal) : 'required';
  const title = h('input', { type: 'text', maxlength: '200', value: d.title || '', autocomplete: 'off' });
  const client = select([['', t('dealForm.chooseClient')], ...clients.map((c) => [c.id, c.name])], d.client_id);
  const amount = h('input', { type: 'text', inputmode: 'decimal', maxlength: '20', autocomplete: 'off', class: 'num-input',
    value: d.amount != null ? String(d.amount / 100).replace('.', ',') : '' });
  const close = h('input', { type: 'date', value: d.expected_close || '' });
  const stage = h('select', null, DEAL_STAGES.map((s) => h('option', {
    value: s, selected: s === d.stage, disabled: s === 'won' && blocker && d.stage !== 'won',
  }, s === 'won' && blocker && d.stage !== 'won' ? `${t('deal.stage.won')} — ${t(`gate.${blocker}`)}` : t(`deal.stage.${s}`))));
  const lostReason = h('textarea', { rows: '3', maxlength: '2000' });
  lostReason.value = d.lost_reason || '';
  const lostField = field(t('deal.lostReason'), lostReason, { name: 'lost_reason', required: true, wide: true });
  const needsBox = h('div', { class: 'check-list', role: 'group', id: 'deal-needs' });
  needsBox.dataset.field = 'need_ids';
  const needsLabelId = nextId('needs');
  const needsField = h('div', { class: 'field field-wide' },
    h('span', { class: 'label', id: needsLabelId }, t('deal.needs')), needsBox,
    h('p', { class: 'hint' }, t('dealForm.needsHint')));
  needsBox.setAttribute('aria-labelledby', needsLabelId);
  const submit = h('button', { type: 'submit', class: 'btn btn-primary' }, deal ? t('action.save') : t('dealForm.create'));
  const cancel = h('a', { class: 'btn btn-ghost', href: deal ? `#/deals/${deal.id}` : '#/deals' }, t('action.cancel'));
  const chosen = new Set((d.need_ids || []).map(Number));
  let seq = 0;

  async function loadNeeds() {
    const mine = ++seq;
    if (!client.value) { needsBox.replaceChildren(h('p', { class: 'muted small' }, t('dealForm.needsPickClient'))); return; }
    needsBox.replaceChildren(h('p', { class: 'muted small' }, t('state.loading')));
    let r;
    try {
      r = await api('GET', withQuery('/api/v1/needs', { client_id: client.value, limit: 100 }));
    } catch (e) {
      if (mine === seq) needsBox.replaceChildren(h('p', { class: 'field-error' }, e.message));
      return;
    }
    if (mine !== seq || !ctx.alive()) return;
    needsBox.replaceChildren(...(r.items.length ? r.items.map((n) => {
      const box = h('input', { type: 'checkbox', value: String(n.id), checked: chosen.has(n.id), id: nextId('need') });
      box.addEventListener('change', () => { if (box.checked) chosen.add(n.id); else chosen.delete(n.id); });
      return h('label', { class: 'check check-row', for: box.id }, box, h('span', null, n.title), statusBadge(n.status));
    }) : [h('p', { class: 'muted small' }, t('dealForm.noNeeds'))]));
  }
  client.addEventListener('change', () => { chosen.clear(); loadNeeds(); });
  const showLost = () => { lostField.hidden = stage.value !== 'lost'; };
  stage.addEventListener('change', showLost);
  showLost();

  const form = h('form', { class: 'form card', novalidate: true, id: 'deal-form' },
    formSummary(),
    h('div', { class: 'form-grid' },
      field(t('deal.title'), title, { name: 'title', required: true, wide: true }),
      field(t('deal.client'), client, { name: 'client_id', required: true }),
      field(t('deal.amountEuros'), amount, { name: 'amount', hint: t('dealForm.amountHint') }),
      field(t('deal.expectedClose'), close, { name: 'expected_close' }),
      field(t('deal.stage'), stage, { name: 'stage', hint: blocker ? t('dealForm.wonHint') : null }),
      lostField,
      needsField),
    h('div', { class: 'form-actions' }, cancel, submit));

  saveOnSubmit(ctx, form, submit, {
    collection: '/api/v1/deals',
    route: '#/deals',
    object: deal,
    body: () => ({
      title: title.value.trim(),
      client_id: client.value ? Number(client.value) : null,
      amount: eurosToCents(amount.value),
      expected_close: text(close),
      stage: stage.value,
      lost_reason: stage.value === 'lost' ? text(lostReason) : null,
      need_ids: [...chosen],
      // A sales person or manager creating a deal owns it.
      ...(!deal && ['sales', 'manager'].includes(session.user?.role) && session.user.id ? { owner_id: session.user.id } : {}),
    }),
    saved: t('dealForm.saved'),
    created: t('dealForm.created'),
    redraw: (fresh) => draw(ctx, clients, fresh),
  });

  ctx.main.append(
    h('nav', { class: 'crumbs', 'aria-label': t('nav.crumbs') }, h('a', { href: '#/deals' }, t('deals.title')),
      deal ? [' / ', h('a', { href: `#/deals/${deal.id}` }, deal.title)] : null),
    pageHeader(deal ? t('dealForm.editTitle') : t('dealForm.newTitle')),
    form);
  loadNeeds();
  title.focus();
}
