// listbox: the suggestions under a text field, as an ARIA listbox whose
// active option the field names with aria-activedescendant. Arrows move
// (and wrap), Enter (and Tab when asked) picks, Escape closes; the mouse
// picks too, without taking the focus from the field. Used by the skill
// type-ahead (skill-picker.js) and the @handle / #channel completion of the
// post boxes (mention-complete.js).
import { h, nextId } from './dom.js';

// suggestions(field, {label, option(item) -> children, data(item) -> attributes,
//   empty (text when nothing matches, or null to close), onPick(item),
//   pickWithTab, reopen() (ArrowDown on a closed list)}).
// Returns {el, open(items), close(), isOpen(), items()}.
export function suggestions(field, { label, option, data = () => ({}), empty = null, onPick, pickWithTab = false, reopen }) {
  const id = nextId('suggest');
  const list = h('ul', { id, role: 'listbox', class: 'combo-list', hidden: true, 'aria-label': label });
  field.setAttribute('aria-controls', id);
  field.setAttribute('aria-autocomplete', 'list');
  const combobox = field.getAttribute('role') === 'combobox'; // aria-expanded belongs to a combobox only
  if (combobox) field.setAttribute('aria-expanded', 'false');
  let items = [];
  let active = -1;

  function close() {
    list.hidden = true;
    if (combobox) field.setAttribute('aria-expanded', 'false');
    field.removeAttribute('aria-activedescendant');
    active = -1;
  }

  function highlight(i) {
    active = i;
    [...list.children].forEach((li, k) => li.setAttribute('aria-selected', String(k === i)));
    const li = list.children[i];
    if (li && li.id) { field.setAttribute('aria-activedescendant', li.id); li.scrollIntoView({ block: 'nearest' }); }
    else field.removeAttribute('aria-activedescendant');
  }

  function pick(item) {
    close();
    onPick(item);
  }

  function open(next) {
    items = next;
    if (!items.length && empty === null) { close(); return; }
    list.replaceChildren(...(items.length ? items.map((it, k) => h('li', {
      role: 'option', id: `${id}-${k}`, class: 'combo-option', 'aria-selected': 'false', ...data(it),
      onmousedown: (e) => { e.preventDefault(); pick(it); },
    }, option(it))) : [h('li', { class: 'combo-empty', role: 'presentation' }, empty)]));
    list.hidden = false;
    if (combobox) field.setAttribute('aria-expanded', 'true');
    active = -1;
    if (items.length) highlight(0);
  }

  field.addEventListener('keydown', (e) => {
    const shown = !list.hidden;
    if (e.key === 'ArrowDown') {
      if (!shown) { if (reopen) { e.preventDefault(); reopen(); } return; }
      e.preventDefault();
      if (items.length) highlight((active + 1) % items.length);
    } else if (e.key === 'ArrowUp') {
      if (!shown) return;
      e.preventDefault();
      if (items.length) highlight((active - 1 + items.length) % items.length);
    } else if ((e.key === 'Enter' && !e.ctrlKey && !e.metaKey) || (e.key === 'Tab' && pickWithTab && !e.shiftKey)) {
      if (shown && active >= 0 && items[active]) {
        e.preventDefault();
        e.stopImmediatePropagation(); // the box's own Enter (send, new line) does not run
        pick(items[active]);
      }
    } else if (e.key === 'Escape') {
      if (shown) { e.preventDefault(); e.stopPropagation(); close(); }
    }
  });
  field.addEventListener('blur', () => setTimeout(close, 100));

  return { el: list, open, close, isOpen: () => !list.hidden, items: () => items };
}
