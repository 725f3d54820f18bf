// skill-picker: a type-ahead over GET /api/v1/skills?q= (ARIA combobox).
// Arrows move, Enter picks, Escape closes; labels come in the chosen language.
import { t } from './i18n.js';
import { api, withQuery } from './api.js';
import { h, nextId, debounce } from './dom.js';

export function skillPicker({ id, label, skill } = {}) {
  const listId = nextId('skills');
  const input = h('input', {
    type: 'text', id: id || nextId('skill'), role: 'combobox', autocomplete: 'off', spellcheck: 'false',
    'aria-autocomplete': 'list', 'aria-expanded': 'false', 'aria-controls': listId, class: 'combo-input',
    placeholder: t('skill.placeholder'), value: label || skill || '',
  });
  if (skill) { input.dataset.skillId = skill; input.dataset.skillLabel = label || skill; }
  const list = h('ul', { id: listId, role: 'listbox', class: 'combo-list', hidden: true, 'aria-label': t('skill.suggestions') });
  const wrap = h('div', { class: 'combo' }, input, list);
  let items = [];
  let active = -1;
  let seq = 0;

  function close() {
    list.hidden = true;
    input.setAttribute('aria-expanded', 'false');
    input.removeAttribute('aria-activedescendant');
    active = -1;
  }

  function highlight(i) {
    active = i;
    [...list.children].forEach((li, k) => li.setAttribute('aria-selected', String(k === i)));
    const li = list.children[i];
    if (li && li.id) { input.setAttribute('aria-activedescendant', li.id); li.scrollIntoView({ block: 'nearest' }); }
    else input.removeAttribute('aria-activedescendant');
  }

  function pick(item) {
    input.value = item.label;
    input.dataset.skillId = item.id;
    input.dataset.skillLabel = item.label;
    close();
    input.dispatchEvent(new CustomEvent('skillpicked', { bubbles: true, detail: item }));
  }

  function show() {
    list.replaceChildren(...(items.length ? items.map((it, k) => h('li', {
      role: 'option', id: `${listId}-${k}`, class: 'combo-option', 'aria-selected': 'false', 'data-skill-id': it.id,
      onmousedown: (e) => { e.preventDefault(); pick(it); },
    }, h('span', { class: 'combo-label' }, it.label), it.category ? h('span', { class: 'combo-cat' }, t(`category.${it.category}`)) : null))
      : [h('li', { class: 'combo-empty', role: 'presentation' }, t('skill.noMatch'))]));
    list.hidden = false;
    input.setAttribute('aria-expanded', 'true');
    active = -1;
    if (items.length) highlight(0);
  }

  const search = debounce(async () => {
    const q = input.value.trim();
    const mine = ++seq;
    if (!q) { items = []; close(); return; }
    try {
      const r = await api('GET', withQuery('/api/v1/skills', { q, limit: 8 }));
      if (mine !== seq || document.activeElement !== input) return;
      items = r.items;
      show();
    } catch { close(); }
  }, 150);

  input.addEventListener('input', () => {
    if (input.value !== input.dataset.skillLabel) delete input.dataset.skillId;
    search();
  });
  input.addEventListener('keydown', (e) => {
    if (e.key === 'ArrowDown') {
      e.preventDefault();
      if (list.hidden) { if (items.length) show(); else search(); return; }
      if (items.length) highlight((active + 1) % items.length);
    } else if (e.key === 'ArrowUp') {
      e.preventDefault();
      if (!list.hidden && items.length) highlight((active - 1 + items.length) % items.length);
    } else if (e.key === 'Enter') {
      if (!list.hidden && active >= 0 && items[active]) { e.preventDefault(); pick(items[active]); }
    } else if (e.key === 'Escape') {
      if (!list.hidden) { e.preventDefault(); e.stopPropagation(); close(); }
    }
  });
  input.addEventListener('blur', () => setTimeout(close, 100));

  return {
    el: wrap,
    input,
    // The skill id when one was picked, else the typed text (the server
    // also understands labels and aliases, and names the closest skills).
    value: () => (input.dataset.skillId && input.value === input.dataset.skillLabel ? input.dataset.skillId : input.value.trim()),
  };
}
