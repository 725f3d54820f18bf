// rituals-list: the team rituals (daily, weekly, monthly at a Paris time)
// with their next occurrence, and the personal calendar address to
// subscribe to them from Outlook, Thunderbird or Google Calendar.
import { t } from '../i18n.js';
import { api, withQuery } from '../api.js';
import { can } from '../session.js';
import { h, loading, empty, errorBox, pageHeader, toast } from '../dom.js';
import { formatDateTime } from './incidents-list.js';

export async function render(ctx) {
  ctx.setTitle(t('rituals.title'));
  const results = h('div', { class: 'results', 'aria-live': 'polite' }, loading());
  ctx.main.append(
    pageHeader(t('rituals.title'), can('rituals.write') ? h('a', { class: 'btn btn-primary', href: '#/rituals/new', id: 'new-ritual' }, t('rituals.new')) : null),
    h('p', { class: 'muted' }, t('rituals.intro')),
    results,
    calendarCard());
  let page;
  try {
    page = await api('GET', withQuery('/api/v1/rituals', { limit: 200 }));
  } catch (e) {
    if (ctx.alive()) results.replaceChildren(errorBox(e, () => ctx.navigate('#/rituals')));
    return;
  }
  if (!ctx.alive()) return;
  if (!page.items.length) {
    results.replaceChildren(empty(t('rituals.none'), can('rituals.write') ? h('a', { class: 'btn btn-primary', href: '#/rituals/new' }, t('rituals.new')) : null));
    return;
  }
  const cols = [t('ritual.name'), t('ritual.when'), t('ritual.next'), t('ritual.participants')];
  results.replaceChildren(h('div', { class: 'table-wrap' }, h('table', { class: 'table' },
    h('caption', { class: 'sr-only' }, t('rituals.title')),
    h('thead', null, h('tr', null, cols.map((c) => h('th', { scope: 'col' }, c)))),
    h('tbody', null, page.items.map((r) => h('tr', { 'data-ritual-id': r.id },
      h('td', { 'data-label': cols[0] }, h('a', { href: `#/rituals/${r.id}`, class: 'row-link' }, r.name)),
      h('td', { 'data-label': cols[1] }, ritualWhen(r)),
      h('td', { 'data-label': cols[2], class: 'nowrap' }, r.next_occurrence ? formatDateTime(r.next_occurrence.starts_at) : '—'),
      h('td', { 'data-label': cols[3] }, r.participants.map((p) => p.name).join(', ') || '—')))))));
}

// "Chaque jour ouvré à 09:30 · 15 min"
export function ritualWhen(r) {
  const day = r.frequency === 'weekly' ? t(`weekday.${r.weekday}`) : r.frequency === 'monthly' ? t('ritual.monthDay', { n: r.month_day }) : '';
  return t(`ritual.when.${r.frequency}`, { day, time: r.time, minutes: r.duration_minutes });
}

// The personal calendar address, from /api/v1/me: copy it into a calendar
// program; a new address (the old one stops working) or turning it off.
function calendarCard() {
  const out = h('div', { id: 'calendar-address' }, loading());
  const actions = h('div', { class: 'incident-actions' });
  const call = async (method, confirmText) => {
    if (confirmText && !window.confirm(confirmText)) return;
    try {
      await api(method, '/api/v1/me/calendar');
      toast(t(method === 'POST' ? 'calendar.renewed' : 'calendar.revoked'), 'success');
      show(await api('GET', '/api/v1/me'));
    } catch (e) { toast(e.message, 'error'); }
  };
  function show(me) {
    if (!me.calendar_url) {
      out.replaceChildren(h('p', { class: 'muted' }, t('calendar.off')));
      actions.replaceChildren(h('button', { type: 'button', class: 'btn btn-primary', id: 'calendar-make', onclick: () => call('POST') }, t('calendar.make')));
      return;
    }
    const input = h('input', { type: 'text', readonly: true, id: 'calendar-url', class: 'input', value: me.calendar_url, 'aria-label': t('calendar.address'),
      onfocus: () => input.select() });
    const copy = h('button', { type: 'button', class: 'btn btn-small', id: 'calendar-copy', onclick: async () => {
      input.select();
      try { await navigator.clipboard.writeText(input.value); toast(t('survey.copied'), 'success'); } catch { /* selected: the user copies */ }
    } }, t('survey.copy'));
    out.replaceChildren(h('label', { for: input.id }, t('calendar.address')), h('div', { class: 'inline-field' }, input, copy),
      h('p', { class: 'hint' }, t('calendar.how')));
    actions.replaceChildren(
      h('button', { type: 'button', class: 'btn', id: 'calendar-renew', onclick: () => call('POST', t('calendar.renewConfirm')) }, t('calendar.renew')),
      h('button', { type: 'button', class: 'btn btn-ghost', id: 'calendar-revoke', onclick: () => call('DELETE', t('calendar.revokeConfirm')) }, t('calendar.revoke')));
  }
  api('GET', '/api/v1/me').then(show, (e) => out.replaceChildren(errorBox(e)));
  return h('section', { class: 'section card', id: 'calendar-card', 'aria-labelledby': 'cal-title' },
    h('h2', { id: 'cal-title' }, t('calendar.title')), h('p', null, t('calendar.intro')), out, actions);
}
