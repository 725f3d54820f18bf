// deal-detail: a deal, the needs it covers and its feasibility gate. "Won"
// is shown disabled with its reason until a go / go-with-conditions review
// exists; sales can ask the tech leads for a review; tech leads and
// managers record one here. The review history closes the page.
import { t, formatDate, formatCents, formatNumber } from '../i18n.js';
import { api, withQuery } from '../api.js';
import { can } from '../session.js';
import { h, loading, errorBox, empty, pageHeader, toast, field, formSummary, showErrors, clearErrors, nextId } from '../dom.js';
import { VERDICTS, wonBlocker, dealStageBadge, verdictBadge, statusBadge } from '../labels.js';
import { text } from '../form-util.js';
import { reasonDialog } from '../reason-dialog.js';
import { channelButton } from '../object-channel.js';

const OPEN = ['lead', 'qualified', 'proposal', 'negotiation'];

export async function render(ctx) {
  const id = Number(ctx.params[0]);
  ctx.main.append(loading());
  const deal = await api('GET', `/api/v1/deals/${id}`);
  if (!ctx.alive()) return;
  ctx.main.replaceChildren();
  await draw(ctx, deal);
}

async function draw(ctx, deal) {
  ctx.setTitle(deal.title);
  const fact = (label, value) => h('div', null, h('dt', null, label), h('dd', null, value === '' || value == null ? '—' : value));
  const needsBody = h('div', null, loading());
  const historyBody = h('div', null, loading());
  const reload = async () => {
    const fresh = await api('GET', `/api/v1/deals/${deal.id}`);
    if (!ctx.alive()) return;
    ctx.main.replaceChildren();
    await draw(ctx, fresh);
  };

  ctx.main.append(...[
    h('nav', { class: 'crumbs', 'aria-label': t('nav.crumbs') }, h('a', { href: '#/deals' }, t('deals.title')), ' / ', deal.title),
    pageHeader(deal.title,
      channelButton('deal', deal.id),
      can('deals.write') ? h('a', { class: 'btn', href: `#/deals/${deal.id}/edit`, id: 'edit-deal' }, t('action.edit')) : null),
    h('section', { class: 'card need-summary', id: 'deal-summary' },
      h('div', { class: 'need-summary-head' }, dealStageBadge(deal.stage),
        h('a', { class: 'client-name', href: `#/clients/${deal.client_id}` }, deal.client_name)),
      h('dl', { class: 'facts' },
        fact(t('deal.amount'), h('span', { class: 'amount', id: 'deal-amount' }, formatCents(deal.amount))),
        fact(t('deal.expectedClose'), formatDate(deal.expected_close)),
        fact(t('deal.owner'), deal.owner_name),
        deal.stage === 'lost' ? fact(t('deal.lostReason'), deal.lost_reason) : null)),
    gateSection(ctx, deal, reload),
    h('section', { class: 'section', id: 'deal-needs', 'aria-labelledby': 'dn-title' },
      h('h2', { id: 'dn-title' }, t('deal.needs')), needsBody),
    can('reviews.write') && OPEN.includes(deal.stage) ? reviewForm(ctx, deal, reload) : null,
    h('section', { class: 'section', id: 'review-history', 'aria-labelledby': 'rh-title' },
      h('h2', { id: 'rh-title' }, t('review.history')), historyBody),
  ].filter(Boolean));

  await Promise.all([
    Promise.all((deal.need_ids || []).map((nid) => api('GET', `/api/v1/needs/${nid}`))).then((needs) => {
      if (!ctx.alive()) return;
      needsBody.replaceChildren(needs.length
        ? h('ul', { class: 'plain-list' }, needs.map((n) => h('li', { class: 'card row-card', 'data-need-id': n.id },
          h('a', { href: `#/needs/${n.id}` }, n.title), statusBadge(n.status),
          n.qualification && n.qualification.missing && n.qualification.missing.length
            ? h('span', { class: 'muted small' }, t(n.status === 'qualified' ? 'qual.missingOpen' : 'qual.missingList', { list: n.qualification.missing.map((m) => t(`qual.short.${m}`)).join(', ') }))
            : null)))
        : empty(t('deal.noNeeds')));
    }, (e) => needsBody.replaceChildren(errorBox(e))),
    api('GET', withQuery(`/api/v1/deals/${deal.id}/reviews`, { limit: 50 })).then((r) => {
      if (!ctx.alive()) return;
      historyBody.replaceChildren(r.items.length
        ? h('ol', { class: 'plain-list review-list' }, r.items.map(reviewItem))
        : empty(t('review.none')));
    }, (e) => historyBody.replaceChildren(errorBox(e))),
  ]);
}

function reviewItem(r) {
  return h('li', { class: 'card review-item', 'data-verdict': r.verdict },
    h('div', { class: 'review-head' }, verdictBadge(r.verdict),
      h('span', null, t('review.by', { name: r.reviewer_name || '—', date: formatDate(r.created_at) })),
      r.effort_days != null ? h('span', { class: 'muted' }, t('review.effortN', { n: formatNumber(r.effort_days, 1) })) : null),
    r.conditions ? h('p', null, h('strong', null, `${t('review.conditions')} : `), r.conditions) : null,
    r.risks ? h('p', null, h('strong', null, `${t('review.risks')} : `), r.risks) : null);
}

// The stage actions with the gate: won is disabled (with its reason) until
// a favourable review; lost asks for a reason.
function gateSection(ctx, deal, reload) {
  const writable = can('deals.write');
  const blocker = wonBlocker(deal);
  const latest = deal.latest_review;
  const reasonId = nextId('gate');
  const status = h('div', { class: `gate gate-${blocker || 'ok'}`, id: 'feasibility-gate' },
    h('p', { class: 'gate-title' }, blocker ? t(`gate.${blocker}`) : t('gate.ok')),
    h('p', { class: 'gate-text', id: reasonId },
      blocker === 'required' ? (deal.review_requested ? t('gate.requiredWaiting') : t('gate.requiredText'))
        : blocker === 'noGo' ? t('gate.noGoText') : t('gate.okText')),
    latest ? h('p', { class: 'gate-latest' }, verdictBadge(latest.verdict), ' ',
      t('review.by', { name: latest.reviewer_name || '—', date: formatDate(latest.created_at) }),
      latest.conditions ? h('span', { class: 'muted' }, ` · ${latest.conditions}`) : null) : null);

  const actions = [];
  if (writable && OPEN.includes(deal.stage)) {
    const stageSel = h('select', { id: 'deal-stage', 'aria-label': t('deal.stage') },
      OPEN.map((s) => h('option', { value: s, selected: s === deal.stage }, t(`deal.stage.${s}`))));
    const move = h('button', { type: 'button', class: 'btn', id: 'move-stage' }, t('deal.moveStage'));
    move.addEventListener('click', () => { if (stageSel.value !== deal.stage) patch({ stage: stageSel.value }, move); });
    const won = h('button', { type: 'button', class: 'btn btn-success', id: 'mark-won', disabled: !!blocker, 'aria-describedby': reasonId }, t('deal.markWon'));
    won.addEventListener('click', () => patch({ stage: 'won' }, won));
    const lost = h('button', { type: 'button', class: 'btn btn-danger-ghost', id: 'mark-lost' }, t('deal.markLost'));
    lost.addEventListener('click', async () => {
      const reason = await lostDialog.ask(t('deal.lostTitle'));
      if (reason !== null) patch({ stage: 'lost', lost_reason: reason }, lost);
    });
    actions.push(h('div', { class: 'gate-actions' },
      h('div', { class: 'inline-field' }, stageSel, move), won, lost));
  }
  if (writable && blocker && OPEN.includes(deal.stage)) {
    const ask = h('button', { type: 'button', class: 'btn btn-primary', id: 'request-review', disabled: !!deal.review_requested },
      deal.review_requested ? t('review.requested') : t('review.request'));
    ask.addEventListener('click', async () => {
      ask.disabled = true;
      try {
        await api('POST', `/api/v1/deals/${deal.id}/review-request`);
        toast(t('review.requestSent'), 'success');
        await reload();
      } catch (e) {
        toast(e.message, 'error');
        ask.disabled = false;
      }
    });
    status.append(h('div', { class: 'gate-request' }, ask));
  }

  async function patch(body, btn) {
    btn.disabled = true;
    try {
      await api('PATCH', `/api/v1/deals/${deal.id}`, { body, version: deal.version });
      toast(t('deal.movedTo', { stage: t(`deal.stage.${body.stage}`) }), 'success');
      await reload();
    } catch (e) {
      if (e.status === 412) { toast(t('error.stale'), 'error'); await reload(); return; } // show the current deal
      toast(e.message, 'error');
      btn.disabled = false;
    }
  }

  const lostDialog = reasonDialog({ prefix: 'lost', label: t('deal.lostReason'), requiredMessage: t('deal.lostReasonRequired') });

  return h('section', { class: 'section', id: 'deal-gate', 'aria-labelledby': 'gate-h' },
    h('h2', { id: 'gate-h' }, t('gate.title')),
    h('div', { class: actions.length ? 'card gate-card' : 'card gate-card gate-card-one' }, status, actions),
    lostDialog.el);
}

// Tech leads and managers record a review: verdict, effort, risks and, for
// "go with conditions", the conditions.
function reviewForm(ctx, deal, reload) {
  const name = nextId('verdict');
  const radios = VERDICTS.map((v) => {
    const input = h('input', { type: 'radio', name, value: v, id: `verdict-${v}` });
    return { v, input, label: h('label', { class: `check verdict-choice verdict-choice-${v}`, for: input.id }, input, verdictBadge(v), h('span', { class: 'muted small' }, t(`verdict.help.${v}`))) };
  });
  radios[0].input.dataset.field = 'verdict';
  const effort = h('input', { type: 'number', min: '0', max: '10000', step: '0.5', inputmode: 'decimal' });
  const risks = h('textarea', { rows: '3', maxlength: '5000' });
  const conditions = h('textarea', { rows: '3', maxlength: '5000' });
  const conditionsField = field(t('review.conditions'), conditions, { name: 'conditions', wide: true, hint: t('review.conditionsHint') });
  const condReq = h('span', { class: 'req', 'aria-hidden': 'true', hidden: true }, ' *');
  conditionsField.querySelector('label').append(condReq);
  const submit = h('button', { type: 'submit', class: 'btn btn-primary', id: 'review-submit' }, t('review.submit'));
  const sync = () => {
    const gwc = radios.find((r) => r.input.checked)?.v === 'go_with_conditions';
    condReq.hidden = !gwc;
    conditions.required = gwc;
  };
  radios.forEach((r) => r.input.addEventListener('change', sync));

  const form = h('form', { class: 'form card', id: 'review-form', novalidate: true },
    formSummary(),
    h('div', { class: 'form-grid' },
      h('fieldset', { class: 'radio-group field-wide' },
        h('legend', null, t('review.verdict'), h('span', { class: 'req', 'aria-hidden': 'true' }, ' *')),
        radios.map((r) => r.label)),
      field(t('review.effort'), effort, { name: 'effort_days', hint: t('review.effortHint') }),
      h('div', { class: 'field field-spacer', 'aria-hidden': 'true' }),
      field(t('review.risks'), risks, { name: 'risks', wide: true }),
      conditionsField),
    h('div', { class: 'form-actions' }, submit));

  form.addEventListener('submit', async (ev) => {
    ev.preventDefault();
    clearErrors(form);
    const verdict = radios.find((r) => r.input.checked)?.v || null;
    const e = effort.value.trim();
    const body = { verdict, effort_days: e === '' ? null : Number(e), risks: text(risks), conditions: text(conditions) };
    submit.disabled = true;
    try {
      await api('POST', `/api/v1/deals/${deal.id}/reviews`, { body });
      toast(t('review.saved'), 'success');
      await reload();
    } catch (err) {
      showErrors(form, err);
      submit.disabled = false;
    }
  });

  return h('section', { class: 'section', id: 'deal-review', 'aria-labelledby': 'rv-title' },
    h('div', { class: 'section-head' }, h('h2', { id: 'rv-title' }, t('review.record')),
      h('p', { class: 'muted small' }, t('review.recordHelp'))),
    form);
}
