// cv-panel: a person's CVs and the skills proposed from them, on the person
// page. Recruiters send a CV (read by the server: PDF, DOCX, ODT, text), then
// confirm each proposed skill with a level, or dismiss it.
import { t, formatDate } from './i18n.js';
import { api } from './api.js';
import { can } from './session.js';
import { h, loading, errorBox, toast, select } from './dom.js';

const LEVELS = [1, 2, 3, 4, 5];

// panel(person, onPerson): the section; onPerson(fresh) is called when
// confirming skills changed the person (new version, new skills).
export function cvPanel(person, onPerson) {
  let current = person;
  const docs = h('div', null, loading());
  const proposals = h('div', { id: 'skill-proposals' }, loading());
  const section = h('section', { class: 'card', id: 'cv-panel', 'aria-labelledby': 'cv-panel-title' },
    h('h2', { class: 'h3', id: 'cv-panel-title' }, t('cv.title')),
    can('people.write') ? uploadForm() : null,
    docs,
    h('h3', { class: 'h4' }, t('cv.proposals')),
    proposals);

  function uploadForm() {
    const file = h('input', { type: 'file', name: 'cv', id: 'cv-file', accept: '.pdf,.docx,.odt,.txt', required: true });
    const send = h('button', { type: 'submit', class: 'btn' }, t('cv.send'));
    const status = h('p', { class: 'hint', role: 'status', id: 'cv-status' }, t('cv.hint'));
    return h('form', { class: 'cv-upload', id: 'cv-upload', onsubmit: async (e) => {
      e.preventDefault();
      if (!file.files.length) { status.textContent = t('cv.choose'); file.focus(); return; }
      const fd = new FormData();
      fd.append('cv', file.files[0]);
      send.disabled = true;
      status.textContent = t('cv.reading');
      try {
        const r = await api('POST', `/api/v1/people/${current.id}/cv`, { form: fd });
        status.textContent = t('cv.read', { n: r.proposed });
        file.value = '';
        await refresh();
      } catch (err) {
        status.textContent = err.message;
        status.className = 'hint error';
      } finally {
        send.disabled = false;
      }
    } },
    h('label', { for: 'cv-file' }, t('cv.file')), file, send, status);
  }

  async function decide(body, row) {
    for (const b of row.querySelectorAll('button, select')) b.disabled = true;
    try {
      const fresh = await api('POST', `/api/v1/people/${current.id}/skill-proposals`, { body, version: current.version });
      current = fresh;
      onPerson(fresh);
      drawProposals(fresh.proposals);
      toast(body.confirm ? t('cv.confirmed') : t('cv.dismissed'), 'success');
    } catch (err) {
      toast(err.message, 'error');
      if (err.status === 412) await refresh(true);
      else for (const b of row.querySelectorAll('button, select')) b.disabled = false;
    }
  }

  function drawProposals(items) {
    if (!items.length) return proposals.replaceChildren(h('p', { class: 'muted' }, t('cv.noProposals')));
    const write = can('people.write');
    proposals.replaceChildren(h('table', { class: 'table table-compact' },
      h('thead', null, h('tr', null, [t('skill.skill'), t('cv.evidence'), write ? t('skill.level') : null, write ? h('span', { class: 'sr-only' }, t('cv.actions')) : null]
        .filter(Boolean).map((c) => h('th', { scope: 'col' }, c)))),
      h('tbody', null, items.map((p) => {
        const level = select(LEVELS.map((l) => [l, `${l} · ${t(`level.${l}`)}`]), 3);
        level.setAttribute('aria-label', t('cv.levelOf', { skill: p.label }));
        const row = h('tr', { 'data-skill': p.skill },
          h('td', null, p.label),
          h('td', { class: 'muted small' }, p.evidence ? `« ${p.evidence} »` : '—'),
          write ? h('td', null, level) : null,
          write ? h('td', { class: 'row-actions' },
            h('button', { type: 'button', class: 'btn btn-small', onclick: () => decide({ confirm: [{ skill: p.skill, level: Number(level.value) }] }, row) }, t('cv.confirm')),
            h('button', { type: 'button', class: 'btn btn-ghost btn-small', onclick: () => decide({ dismiss: [p.skill] }, row) }, t('cv.dismiss'))) : null);
        return row;
      }))));
  }

  async function refresh(person = false) {
    try {
      if (person) { current = await api('GET', `/api/v1/people/${current.id}`); onPerson(current); }
      const [d, p] = await Promise.all([
        api('GET', `/api/v1/people/${current.id}/documents`),
        api('GET', `/api/v1/people/${current.id}/skill-proposals`)]);
      docs.replaceChildren(d.items.length
        ? h('ul', { class: 'plain-list', id: 'cv-documents' }, d.items.map((x) => h('li', null,
          h('a', { href: `/api/v1/documents/${x.id}`, download: x.file_name, class: 'doc-link' }, x.file_name), ' ',
          h('span', { class: 'muted small' }, `${x.type.toUpperCase()}${x.pages ? ` · ${t('cv.pages', { n: x.pages })}` : ''} · ${formatDate(x.created_at)}`))))
        : h('p', { class: 'muted' }, t('cv.none')));
      drawProposals(p.items);
    } catch (err) {
      proposals.replaceChildren(errorBox(err, () => refresh()));
    }
  }
  refresh();
  return section;
}
