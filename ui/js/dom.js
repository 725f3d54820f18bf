// dom: element building that never parses markup (text always goes in as
// text), plus the shared bits of page furniture: states, toasts, form errors.
import { t } from './i18n.js';

// h('a', {href: '#/x', class: 'link', onclick: fn}, 'text', child, [more])
export function h(tag, props, ...children) {
  const el = document.createElement(tag);
  if (props) {
    for (const [k, v] of Object.entries(props)) {
      if (v === undefined || v === null || v === false) continue;
      if (k === 'class') el.className = v;
      else if (k === 'text') el.textContent = v;
      else if (k.startsWith('on') && typeof v === 'function') el.addEventListener(k.slice(2), v);
      else if (k === 'value' || k === 'checked' || k === 'selected' || k === 'disabled') el[k] = v;
      else el.setAttribute(k, v === true ? '' : String(v));
    }
  }
  append(el, children);
  return el;
}

function append(el, children) {
  for (const c of children) {
    if (c === null || c === undefined || c === false) continue;
    if (Array.isArray(c)) append(el, c);
    else el.append(c instanceof Node ? c : document.createTextNode(String(c)));
  }
}

/** Replaces el's children, skipping null, undefined and false as h() does
 * (the DOM's own replaceChildren would write them out as text). */
export function fill(el, ...children) {
  clear(el);
  append(el, children);
  return el;
}

export function clear(el) {
  while (el.firstChild) el.removeChild(el.firstChild);
  return el;
}

let uid = 0;
export function nextId(prefix = 'f') { uid += 1; return `${prefix}-${uid}`; }

export function loading() {
  return h('p', { class: 'state state-loading', role: 'status' }, h('span', { class: 'spinner', 'aria-hidden': 'true' }), t('state.loading'));
}

export function empty(message, action) {
  return h('div', { class: 'state state-empty' }, h('p', null, message), action || null);
}

export function errorBox(err, retry) {
  return h('div', { class: 'state state-error', role: 'alert' },
    h('p', null, err && err.message ? err.message : t('error.generic')),
    retry ? h('button', { type: 'button', class: 'btn', onclick: retry }, t('action.retry')) : null);
}

export function toast(message, kind = 'info') {
  const box = document.getElementById('toasts');
  const item = h('div', { class: `toast toast-${kind}` }, message);
  box.append(item);
  setTimeout(() => item.remove(), kind === 'error' ? 8000 : 4000);
}

export function badge(text, kind) {
  return h('span', { class: `badge badge-${kind}` }, text);
}

// A labelled form field. control gets the id; data-field names it for the
// server's errors[].field.
export function field(label, control, { hint, name, required, wide } = {}) {
  const id = control.id || nextId('f');
  control.id = id;
  if (name) control.dataset.field = name;
  if (required) control.required = true;
  const hintEl = hint ? h('p', { class: 'hint', id: `${id}-hint` }, hint) : null;
  if (hintEl) control.setAttribute('aria-describedby', hintEl.id);
  return h('div', { class: wide ? 'field field-wide' : 'field' },
    h('label', { for: id }, label, required ? h('span', { class: 'req', 'aria-hidden': 'true' }, ' *') : null),
    control, hintEl);
}

export function select(options, value) {
  const s = h('select', null);
  for (const [v, label] of options) s.append(h('option', { value: v, selected: String(v) === String(value ?? '') }, label));
  return s;
}

export function clearErrors(form) {
  form.querySelectorAll('.field-error').forEach((e) => e.remove());
  form.querySelectorAll('[aria-invalid]').forEach((e) => {
    e.removeAttribute('aria-invalid');
    const d = (e.getAttribute('aria-describedby') || '').split(' ').filter((x) => !x.endsWith('-error')).join(' ');
    if (d) e.setAttribute('aria-describedby', d); else e.removeAttribute('aria-describedby');
  });
  const summary = form.querySelector('.form-summary');
  if (summary) { clear(summary); summary.hidden = true; }
}

// Puts each server message next to its field ([data-field="skills[1].skill"]);
// what has no field on screen goes to the summary at the top of the form.
export function showErrors(form, err) {
  clearErrors(form);
  const summary = form.querySelector('.form-summary');
  const loose = [];
  let first = null;
  for (const e of err.errors || []) {
    const control = form.querySelector(`[data-field="${CSS.escape(e.field)}"]`);
    if (!control) { loose.push(`${e.field} : ${e.message}`); continue; }
    const id = `${control.id}-error`;
    const msg = h('p', { class: 'field-error', id }, e.message);
    const host = control.closest('.field') || control.parentElement;
    host.append(msg);
    control.setAttribute('aria-invalid', 'true');
    const clearOne = () => {
      msg.remove();
      control.removeAttribute('aria-invalid');
      if (summary && !loose.length && !form.querySelector('[aria-invalid="true"]')) summary.hidden = true;
    };
    control.addEventListener('input', clearOne, { once: true });
    control.addEventListener('change', clearOne, { once: true });
    control.setAttribute('aria-describedby', [control.getAttribute('aria-describedby'), id].filter(Boolean).join(' '));
    if (!first) first = control;
  }
  if (summary) {
    summary.append(h('p', { class: 'form-summary-title' }, err.errors && err.errors.length ? t('form.fixErrors') : err.message));
    if (loose.length) summary.append(h('ul', null, loose.map((m) => h('li', null, m))));
    summary.hidden = false;
  }
  (first || summary)?.focus?.();
}

export function formSummary() {
  return h('div', { class: 'form-summary', role: 'alert', tabindex: '-1', hidden: true });
}

export function pageHeader(title, ...actions) {
  return h('div', { class: 'page-header' },
    h('h1', { tabindex: '-1', class: 'page-title' }, title),
    actions.length ? h('div', { class: 'page-actions' }, actions) : null);
}

export function debounce(fn, ms) {
  let timer;
  return (...args) => { clearTimeout(timer); timer = setTimeout(() => fn(...args), ms); };
}
