// skill-rows: the editable list of skills of a need (min level, weight,
// mandatory) or of a person (level, years), one row per skill.
import { t } from './i18n.js';
import { h, nextId } from './dom.js';
import { skillPicker } from './skill-picker.js';

const LEVELS = [1, 2, 3, 4, 5];

export function skillRows(kind, initial = []) {
  const rows = [];
  const body = h('div', { class: 'skill-rows', 'data-kind': kind });
  const isNeed = kind === 'need';
  const head = h('div', { class: `skill-row skill-head ${kind}`, 'aria-hidden': 'true' },
    h('span', null, t('skill.skill')),
    h('span', null, isNeed ? t('skill.minLevel') : t('skill.level')),
    h('span', null, isNeed ? t('skill.weight') : t('skill.years')),
    isNeed ? h('span', null, t('skill.mandatoryShort')) : null,
    h('span', null, ''));
  const emptyNote = h('p', { class: 'muted skill-empty' }, t('skill.none'));

  function levelSelect(value, labelKey, n) {
    const s = h('select', { 'aria-label': t(labelKey, { n }) },
      LEVELS.map((l) => h('option', { value: String(l), selected: l === value }, `${l} · ${t(`level.${l}`)}`)));
    return s;
  }

  function addRow(item = {}, focus = false) {
    const n = rows.length + 1;
    const picker = skillPicker({ skill: item.skill, label: item.label });
    picker.input.setAttribute('aria-label', t('skill.skillN', { n }));
    const row = { picker };
    const cells = [h('div', { class: 'field cell-skill' }, picker.el)];
    if (isNeed) {
      row.level = levelSelect(item.min_level || 3, 'skill.minLevelN', n);
      row.weight = h('select', { 'aria-label': t('skill.weightN', { n }) },
        LEVELS.map((w) => h('option', { value: String(w), selected: w === (item.weight || 3) }, String(w))));
      row.mandatory = h('input', { type: 'checkbox', checked: !!item.mandatory });
      cells.push(h('div', { class: 'field' }, row.level), h('div', { class: 'field' }, row.weight),
        h('div', { class: 'field cell-check' }, h('label', { class: 'check' }, row.mandatory, h('span', { class: 'check-text' }, t('skill.mandatory')))));
    } else {
      row.level = levelSelect(item.level || 3, 'skill.levelN', n);
      row.years = h('input', { type: 'number', min: '0', max: '60', step: '1', inputmode: 'numeric', value: item.years ?? '', 'aria-label': t('skill.yearsN', { n }) });
      cells.push(h('div', { class: 'field' }, row.level), h('div', { class: 'field' }, row.years));
    }
    const remove = h('button', { type: 'button', class: 'btn btn-icon', 'aria-label': t('skill.removeN', { n }), title: t('skill.remove'),
      onclick: () => {
        const i = rows.indexOf(row);
        rows.splice(i, 1);
        row.el.remove();
        refresh();
        (rows[i] || rows[i - 1])?.picker.input.focus() ?? addBtn.focus();
      } }, '×');
    cells.push(h('div', { class: 'cell-remove' }, remove));
    row.remove = remove;
    row.el = h('div', { class: `skill-row ${kind}`, 'data-skill-row': '' }, cells);
    for (const c of [row.level, row.weight, row.years, row.mandatory]) if (c) c.id = nextId('sk');
    rows.push(row);
    body.append(row.el);
    refresh();
    if (focus) picker.input.focus();
  }

  // Re-labels rows after a removal and names each control for the
  // server's errors (skills[i].skill), counting only filled rows.
  function refresh() {
    let i = 0;
    rows.forEach((r, k) => {
      const n = k + 1;
      r.picker.input.setAttribute('aria-label', t('skill.skillN', { n }));
      r.remove.setAttribute('aria-label', t('skill.removeN', { n }));
      const filled = r.picker.value() !== '';
      const at = filled ? `skills[${i}]` : null;
      const set = (el, f) => { if (!el) return; if (at) el.dataset.field = `${at}.${f}`; else delete el.dataset.field; };
      set(r.picker.input, 'skill');
      set(r.level, isNeed ? 'min_level' : 'level');
      set(r.weight, 'weight');
      set(r.years, 'years');
      set(r.mandatory, 'mandatory');
      if (filled) i += 1;
    });
    emptyNote.hidden = rows.length > 0;
    head.hidden = rows.length === 0;
  }

  const addBtn = h('button', { type: 'button', class: 'btn', id: `add-skill-${kind}`, onclick: () => addRow({}, true) }, `+ ${t('skill.add')}`);
  for (const item of initial) addRow(item);
  if (!initial.length) addRow();

  const el = h('fieldset', { class: 'skills-fieldset field-wide' },
    h('legend', null, isNeed ? t('need.skillsRequired') : t('person.skills')),
    h('p', { class: 'hint' }, isNeed ? t('need.skillsHint') : t('person.skillsHint')),
    head, body, emptyNote, h('div', { class: 'skill-actions' }, addBtn));

  return {
    el,
    values() {
      refresh();
      return rows.filter((r) => r.picker.value() !== '').map((r) => (isNeed
        ? { skill: r.picker.value(), min_level: Number(r.level.value), weight: Number(r.weight.value), mandatory: r.mandatory.checked }
        : { skill: r.picker.value(), level: Number(r.level.value), ...(r.years.value === '' ? {} : { years: Number(r.years.value) }) }));
    },
  };
}
