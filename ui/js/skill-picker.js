// skill-picker: a type-ahead over GET /api/v1/skills?q= (ARIA combobox;
// the list and its keys are listbox.js). Labels come in the chosen language.
import { t } from './i18n.js';
import { api, withQuery } from './api.js';
import { h, nextId, debounce } from './dom.js';
import { suggestions } from './listbox.js';

export function skillPicker({ id, label, skill } = {}) {
  const input = h('input', {
    type: 'text', id: id || nextId('skill'), role: 'combobox', autocomplete: 'off', spellcheck: 'false',
    class: 'combo-input', placeholder: t('skill.placeholder'), value: label || skill || '',
  });
  if (skill) { input.dataset.skillId = skill; input.dataset.skillLabel = label || skill; }
  let seq = 0;
  const search = debounce(async () => {
    const q = input.value.trim();
    const mine = ++seq;
    if (!q) { list.open([]); list.close(); return; }
    try {
      const r = await api('GET', withQuery('/api/v1/skills', { q, limit: 8 }));
      if (mine !== seq || document.activeElement !== input) return;
      list.open(r.items);
    } catch { list.close(); }
  }, 150);
  const list = suggestions(input, {
    label: t('skill.suggestions'),
    empty: t('skill.noMatch'),
    data: (it) => ({ 'data-skill-id': it.id }),
    option: (it) => [h('span', { class: 'combo-label' }, it.label),
      it.category ? h('span', { class: 'combo-cat' }, t(`category.${it.category}`)) : null],
    onPick: (item) => {
      input.value = item.label;
      input.dataset.skillId = item.id;
      input.dataset.skillLabel = item.label;
      input.dispatchEvent(new CustomEvent('skillpicked', { bubbles: true, detail: item }));
    },
    reopen: () => (list.items().length ? list.open(list.items()) : search()),
  });
  const wrap = h('div', { class: 'combo' }, input, list.el);

  input.addEventListener('input', () => {
    if (input.value !== input.dataset.skillLabel) delete input.dataset.skillId;
    search();
  });

  return {
    el: wrap,
    input,
    // The skill id when one was picked, else the typed text (the server
    // also understands labels and aliases, and names the closest skills).
    value: () => (input.dataset.skillId && input.value === input.dataset.skillLabel ? input.dataset.skillId : input.value.trim()),
  };
}
