// pager: "previous / next page" over cursor pagination. The cursors already
// visited are kept per list so "previous" can go back.
import { t } from './i18n.js';
import { h } from './dom.js';

export function pagerBar({ cursor, nextCursor, stack, go, shown }) {
  const prev = h('button', { type: 'button', class: 'btn', disabled: !cursor, onclick: () => go(stack.pop() || '') },
    stack.length || !cursor ? t('page.previous') : t('page.first'));
  const next = h('button', { type: 'button', class: 'btn', disabled: !nextCursor, 'data-testid': 'next-page', onclick: () => { stack.push(cursor || ''); go(nextCursor); } },
    t('page.next'));
  return h('nav', { class: 'pager', 'aria-label': t('page.label') },
    h('span', { class: 'muted' }, t('page.shown', { n: shown })), h('div', { class: 'pager-buttons' }, prev, next));
}
