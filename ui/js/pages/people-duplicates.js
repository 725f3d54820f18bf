// people-duplicates: pairs of people that are probably one, side by side;
// the recruiter keeps one and merges the other into it (after a
// confirmation), or says they are two different people.
import { t, formatDate, formatMoney } from '../i18n.js';
import { api } from '../api.js';
import { can } from '../session.js';
import { h, loading, empty, errorBox, pageHeader, toast } from '../dom.js';
import { kindBadge, skillChips } from '../labels.js';

function confirmDialog() {
  const title = h('h2', { id: 'merge-title' });
  const text = h('p');
  const dialog = h('dialog', { class: 'dialog', 'aria-labelledby': 'merge-title', id: 'merge-dialog' });
  let resolve = null;
  dialog.append(h('form', { method: 'dialog' }, title, text,
    h('div', { class: 'form-actions' },
      h('button', { type: 'button', class: 'btn btn-ghost', id: 'merge-cancel', onclick: () => dialog.close('cancel') }, t('action.cancel')),
      h('button', { type: 'submit', class: 'btn btn-primary', id: 'merge-confirm', value: 'ok' }, t('dup.merge')))));
  dialog.addEventListener('close', () => { const r = resolve; resolve = null; r?.(dialog.returnValue === 'ok'); });
  return {
    el: dialog,
    ask(kept, merged) {
      title.textContent = t('dup.confirmTitle');
      const label = (p) => t('dup.label', { name: p.name, id: p.id });
      text.textContent = t('dup.confirmText', { kept: label(kept), merged: label(merged) });
      dialog.returnValue = '';
      dialog.showModal();
      dialog.querySelector('#merge-cancel').focus();
      return new Promise((r) => { resolve = r; });
    },
  };
}

function side(p, other) {
  const fact = (label, value, otherValue) => h('div', { class: value && otherValue && value !== otherValue ? 'differs' : null },
    h('dt', null, label), h('dd', null, value || '—'));
  return h('div', { class: 'dup-side' },
    h('h3', { class: 'h3' }, h('a', { href: `#/people/${p.id}` }, p.name), ' ', kindBadge(p.kind)),
    h('dl', { class: 'facts facts-2' },
      fact(t('person.email'), p.email, other.email),
      fact(t('person.phone'), p.phone, other.phone),
      fact(t('person.location'), p.location, other.location),
      fact(t('person.available'), formatDate(p.available_from)),
      can('money.read') ? fact(t('person.rate'), p.daily_rate != null ? formatMoney(p.daily_rate) : null) : null,
      fact(t('dup.created'), formatDate(p.created_at.slice(0, 10)))),
    p.skills.length ? skillChips([...p.skills].sort((a, b) => b.level - a.level), { max: 6, level: true }) : h('p', { class: 'muted' }, t('person.noSkills')));
}

export async function render(ctx) {
  ctx.setTitle(t('dup.title'));
  const list = h('div', { 'aria-live': 'polite' });
  const dialog = confirmDialog();
  ctx.main.append(
    h('nav', { class: 'crumbs', 'aria-label': t('nav.crumbs') }, h('a', { href: '#/people' }, t('people.title')), ' / ', t('dup.title')),
    pageHeader(t('dup.title')),
    h('p', { class: 'lead muted' }, t('dup.intro')),
    list, dialog.el);

  async function merge(kept, merged, card) {
    if (!(await dialog.ask(kept, merged))) return;
    try {
      const r = await api('POST', `/api/v1/people/${kept.id}/merge`, { body: { from_id: merged.id }, version: kept.version });
      const folded = r.candidacies.filter((c) => c.outcome === 'kept_most_advanced').length;
      toast(folded ? t('dup.mergedFolded', { name: kept.name, n: folded }) : t('dup.merged', { name: kept.name }), 'success');
      card.remove();
      load();
    } catch (e) {
      toast(e.status === 412 ? t('dup.stale') : e.message, 'error');
      if (e.status === 412 || e.status === 404) load();
    }
  }

  async function dismiss(pair, card) {
    try {
      await api('DELETE', `/api/v1/duplicates/${pair.id}`);
      toast(t('dup.dismissed'), 'success');
      card.remove();
      if (!list.querySelector('.dup-pair')) load();
    } catch (e) {
      toast(e.message, 'error');
    }
  }

  async function load() {
    list.replaceChildren(loading());
    let page;
    try {
      page = await api('GET', '/api/v1/people/duplicates?limit=50');
    } catch (e) {
      if (ctx.alive()) list.replaceChildren(errorBox(e, load));
      return;
    }
    if (!ctx.alive()) return;
    if (!page.items.length) { list.replaceChildren(empty(t('dup.none'))); return; }
    list.replaceChildren(...page.items.map((pair) => {
      const card = h('section', { class: 'card dup-pair', 'data-pair-id': pair.id, 'aria-label': `${pair.a.name} / ${pair.b.name}` });
      const actions = can('people.merge') ? h('div', { class: 'dup-actions' },
        h('button', { type: 'button', class: 'btn btn-primary btn-small', 'data-keep': pair.a.id, onclick: () => merge(pair.a, pair.b, card) }, t('dup.keepLeft')),
        h('button', { type: 'button', class: 'btn btn-ghost btn-small', 'data-dismiss': pair.id, onclick: () => dismiss(pair, card) }, t('dup.notDuplicates')),
        h('button', { type: 'button', class: 'btn btn-primary btn-small', 'data-keep': pair.b.id, onclick: () => merge(pair.b, pair.a, card) }, t('dup.keepRight'))) : null;
      card.append(
        h('p', { class: 'dup-why' }, t('dup.why'), ' ', pair.reasons.map((r) => h('span', { class: 'badge badge-warn' }, t(`dup.reason.${r}`)))),
        h('div', { class: 'two-col' }, side(pair.a, pair.b), side(pair.b, pair.a)),
        actions);
      return card;
    }));
  }
  await load();
}
