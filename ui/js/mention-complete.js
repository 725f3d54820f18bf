// mention-complete: in a post box, "@" followed by letters proposes people
// (GET /api/v1/team?q=&channel_id=: the channel's members first, only them
// in a private channel) and "#" followed by letters proposes channels
// (GET /api/v1/channels?q=). Arrows move, Enter or Tab chooses, Escape
// closes (listbox.js); the choice replaces the word being typed with
// "@handle " or "#slug ". A screen reader hears how many were found.
import { t } from './i18n.js';
import { api, withQuery } from './api.js';
import { h, debounce } from './dom.js';
import { suggestions } from './listbox.js';

// The "@word" or "#word" that ends at the caret, as the server reads a
// reference (domain/mentions.c): the sigil starts the text or follows a
// character that cannot end a word or an address ("jean@acme.fr" is not
// one). Letters may carry accents here: the search ignores them.
const TOKEN = /(^|[^A-Za-z0-9._\-@#/&+:=\\\u{80}-\u{10FFFF}])([@#])([\p{L}\p{N}][\p{L}\p{N}._-]{0,63})$/u;

export function wordAt(text, caret) {
  const m = TOKEN.exec(text.slice(0, caret));
  if (!m) return null;
  return { sigil: m[2], query: m[3], start: caret - m[3].length - 1 };
}

const SOURCES = {
  '@': (query, channelId) => api('GET', withQuery('/api/v1/team', { q: query, channel_id: channelId || undefined, limit: 8 }))
    .then((r) => r.items.map((u) => ({ insert: `@${u.handle}`, main: `@${u.handle}`, detail: u.name, member: u.member }))),
  '#': (query) => api('GET', withQuery('/api/v1/channels', { q: query, limit: 8 }))
    .then((r) => r.items.map((c) => ({ insert: `#${c.slug}`, main: `#${c.slug}`, detail: c.name }))),
};

// Wraps area (a textarea) in a box that holds its list; returns that box,
// to put where the area was. channelId: the channel written in (its
// members come first).
export function completeMentions(area, { channelId } = {}) {
  const status = h('span', { class: 'sr-only', role: 'status', 'aria-live': 'polite' });
  let word = null;
  let seq = 0;
  const list = suggestions(area, {
    label: t('complete.label'),
    pickWithTab: true,
    option: (it) => [h('span', { class: 'combo-label' }, it.main),
      h('span', { class: 'combo-cat' }, it.detail, it.member ? ` · ${t('complete.member')}` : '')],
    onPick: (it) => {
      if (!word) return;
      const before = area.value.slice(0, word.start), after = area.value.slice(area.selectionStart);
      const text = `${it.insert}${after.startsWith(' ') ? '' : ' '}`;
      area.value = before + text + after;
      const caret = before.length + text.length;
      area.setSelectionRange(caret, caret);
      word = null;
      status.textContent = '';
      area.dispatchEvent(new Event('input', { bubbles: true }));
    },
  });
  const lookUp = debounce(async (w) => {
    const mine = ++seq;
    let items;
    try {
      items = await SOURCES[w.sigil](w.query, channelId);
    } catch { items = []; }
    if (mine !== seq || document.activeElement !== area || !word || word.start !== w.start) return;
    list.open(items);
    status.textContent = items.length ? t('complete.found', { n: items.length }) : '';
  }, 120);
  const follow = () => {
    const w = area.selectionStart === area.selectionEnd ? wordAt(area.value, area.selectionStart) : null;
    word = w;
    if (!w) { ++seq; list.close(); status.textContent = ''; return; }
    lookUp(w);
  };
  area.addEventListener('input', follow);
  area.addEventListener('click', follow);
  area.addEventListener('keyup', (e) => { if (e.key === 'ArrowLeft' || e.key === 'ArrowRight' || e.key === 'Home' || e.key === 'End') follow(); });
  return h('div', { class: 'combo mention-box' }, area, list.el, status);
}
