// team: the firm's accounts (GET /api/v1/team), loaded once per page, and
// a group of checkboxes to pick some of them (participants).
import { t } from './i18n.js';
import { api } from './api.js';
import { h, nextId } from './dom.js';

export async function loadTeam() {
  return (await api('GET', '/api/v1/team')).items;
}

// A fieldset of checkboxes named field (for the server's errors); value()
// gives the chosen ids.
export function memberPicker(team, chosenIds, { field, legend, hint }) {
  const chosen = new Set((chosenIds || []).map(Number));
  const boxes = team.map((u) => {
    const id = nextId('member');
    const box = h('input', { type: 'checkbox', id, value: String(u.id), checked: chosen.has(u.id) });
    return { box, row: h('label', { class: 'check', for: id }, box, h('span', null, u.name, h('span', { class: 'muted small' }, ` · ${t(`role.${u.role}`)}`))) };
  });
  const group = h('div', { class: 'member-picks check-list', role: 'group' }, boxes.map((b) => b.row));
  group.dataset.field = field;
  group.tabIndex = -1;
  const legendId = nextId('legend');
  group.setAttribute('aria-labelledby', legendId);
  return {
    el: h('div', { class: 'field field-wide' }, h('span', { class: 'label', id: legendId }, legend), group,
      hint ? h('p', { class: 'hint' }, hint) : null),
    value: () => boxes.filter((b) => b.box.checked).map((b) => Number(b.box.value)),
  };
}
