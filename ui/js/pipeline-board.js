// pipeline-board: the candidacies of one need as a kanban, one column per
// stage. Cards move by drag and drop (SortableJS) or with the stage select
// on each card; exits (rejected, withdrawn) ask for a reason first.
import { t, formatDate } from './i18n.js';
import { api, withQuery } from './api.js';
import { h, loading, errorBox, toast } from './dom.js';
import { STAGES, EXITS, kindBadge } from './labels.js';
import { reasonDialog as makeReasonDialog } from './reason-dialog.js';
import { interviewDialog as makeInterviewDialog } from './interview-dialog.js';

export function pipelineBoard({ needId, editable, onChange }) {
  const el = h('div', { class: 'board-wrap' }, loading());
  const reasonDialog = makeReasonDialog({ prefix: 'exit', label: t('board.reason'), requiredMessage: t('board.reasonRequired'),
    message: { label: t('board.candidateMessage'), hint: t('board.candidateMessageHint') } });
  const interviewDialog = editable ? makeInterviewDialog() : null;
  let items = [];
  let sortables = [];
  let justDragged = false;

  async function load() {
    try {
      const page = await api('GET', withQuery('/api/v1/candidacies', { need_id: needId, limit: 200 }));
      items = page.items;
      draw();
    } catch (e) {
      el.replaceChildren(errorBox(e, load));
    }
    onChange?.();
  }

  function draw(focusId) {
    sortables.forEach((s) => s.destroy());
    sortables = [];
    const columns = STAGES.map((stage) => {
      const cards = items.filter((c) => c.stage === stage);
      const list = h('ul', { class: 'board-list', 'data-stage': stage, 'aria-labelledby': `col-${needId}-${stage}` },
        cards.map((c) => card(c)));
      return h('section', { class: `board-col stage-${stage}`, 'data-stage': stage },
        h('h3', { class: 'board-col-title', id: `col-${needId}-${stage}` },
          h('span', null, t(`stage.${stage}`)), h('span', { class: 'count', 'aria-label': t('board.count', { n: cards.length }) }, String(cards.length))),
        list);
    });
    const board = h('div', { class: 'board', role: 'group', 'aria-label': t('board.label') }, columns);
    el.replaceChildren(...(items.length ? [] : [h('p', { class: 'muted board-empty' }, t('board.empty'))]), ...[board, reasonDialog.el, interviewDialog?.el].filter(Boolean));
    if (editable && window.Sortable) {
      for (const list of board.querySelectorAll('.board-list')) {
        sortables.push(window.Sortable.create(list, {
          group: `pipeline-${needId}`,
          sort: false,
          forceFallback: true,
          fallbackTolerance: 3,
          animation: 120,
          filter: 'select, .is-locked',
          preventOnFilter: false,
          emptyInsertThreshold: 24,
          ghostClass: 'card-ghost',
          chosenClass: 'card-chosen',
          dragClass: 'card-drag',
          onEnd: (evt) => {
            justDragged = true;
            setTimeout(() => { justDragged = false; }, 50);
            if (evt.from === evt.to) return;
            const c = items.find((x) => String(x.id) === evt.item.dataset.candidacyId);
            const from = evt.from;
            const index = evt.oldIndex;
            const revert = () => { from.insertBefore(evt.item, from.children[index] || null); };
            move(c, evt.to.dataset.stage, revert);
          },
        }));
      }
    }
    if (focusId) el.querySelector(`[data-candidacy-id="${focusId}"] select`)?.focus();
  }

  function card(c) {
    const locked = c.stage === 'hired' || !editable;
    const stageSelect = h('select', { class: 'card-stage', 'aria-label': t('board.stageOf', { name: c.person.name }), disabled: locked },
      STAGES.map((s) => h('option', { value: s, selected: s === c.stage }, t(`stage.${s}`))));
    stageSelect.addEventListener('change', () => move(c, stageSelect.value, () => { stageSelect.value = c.stage; }, true));
    return h('li', { class: `card board-card${locked ? ' is-locked' : ''}`, 'data-candidacy-id': c.id, 'data-person-id': c.person_id },
      h('div', { class: 'card-head' },
        h('a', { href: `#/people/${c.person_id}`, class: 'card-name', onclick: (e) => { if (justDragged) e.preventDefault(); } }, c.person.name)),
      h('div', { class: 'card-meta' }, kindBadge(c.person.kind), h('span', { class: 'muted small' }, t('board.since', { date: formatDate(c.updated_at) }))),
      c.reason ? h('p', { class: 'card-reason' }, c.reason) : null,
      stageSelect,
      interviewDialog && !locked && !EXITS.includes(c.stage)
        ? h('button', { type: 'button', class: 'link-btn small plan-interview', 'data-plan-interview': c.id, onclick: () => plan(c) }, t('interview.plan'))
        : null);
  }

  // an interview: the candidate and the interviewers get the invitation by e-mail
  async function plan(c) {
    const iv = await interviewDialog.ask(c);
    if (iv) toast(t('interview.planned', { name: c.person.name }), 'success');
  }

  async function move(c, to, revert, fromSelect = false) {
    if (!c || c.stage === to) { revert(); return; }
    let exit;
    if (EXITS.includes(to)) {
      exit = await reasonDialog.ask(t(`board.exitTitle.${to}`), t('board.exitIntro', { name: c.person.name }));
      if (exit === null) { revert(); return; }
    }
    // the reason stays internal; the message goes into the candidate's mail
    const body = exit ? { stage: to, reason: exit.reason, candidate_message: exit.message } : { stage: to };
    try {
      const updated = await api('PATCH', `/api/v1/candidacies/${c.id}`, { body, version: c.version });
      Object.assign(c, updated);
      toast(t('board.moved', { name: c.person.name, stage: t(`stage.${to}`) }), 'success');
      draw(fromSelect ? c.id : null);
      onChange?.();
    } catch (e) {
      if (e.status === 412) {
        toast(t('error.stale'), 'error');
        await load();
        return;
      }
      revert();
      toast(e.message, 'error');
    }
  }

  return { el, load, has: (personId) => items.some((c) => c.person_id === personId) };
}
