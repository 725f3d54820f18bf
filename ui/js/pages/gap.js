// gap: what the needs ask for against who can do it, per skill: the skills
// to recruit or train for first, as a chart (Chart.js, loaded on first use)
// and as a table that says the same for keyboards and screen readers.
import { t, formatNumber } from '../i18n.js';
import { api, withQuery } from '../api.js';
import { h, loading, empty, errorBox, pageHeader, select } from '../dom.js';
import { loadChart } from '../charts.js';

const STATUSES = ['open', 'qualified', 'draft'];
const CHART_ROWS = 15;
const ACTION_BADGE = { recruit: 'badge-danger', train: 'badge-warn', covered: 'badge-ok' };

export async function render(ctx) {
  ctx.setTitle(t('gap.title'));
  const status = STATUSES.includes(ctx.query.get('status')) ? ctx.query.get('status') : 'open';
  const pick = select(STATUSES.map((s) => [s, t(`gap.status.${s}`)]), status);
  pick.id = 'gap-status';
  pick.addEventListener('change', () => { history.replaceState(null, '', withQuery('#/gap', { status: pick.value })); load(); });
  const results = h('div', { class: 'results', 'aria-live': 'polite' });
  ctx.main.append(
    pageHeader(t('gap.title')),
    h('p', { class: 'lead' }, t('gap.lead')),
    h('form', { class: 'filters', onsubmit: (e) => e.preventDefault() },
      h('div', { class: 'field' }, h('label', { for: pick.id }, t('gap.needsOf')), pick)),
    results);
  let chart = null;

  async function load() {
    results.replaceChildren(loading());
    let r;
    try {
      r = await api('GET', withQuery('/api/v1/gap', { status: pick.value }));
    } catch (e) {
      if (ctx.alive()) results.replaceChildren(errorBox(e, load));
      return;
    }
    if (!ctx.alive()) return;
    chart?.destroy();
    chart = null;
    if (!r.items.length) { results.replaceChildren(empty(t('gap.none'))); return; }
    const rows = r.items.slice(0, CHART_ROWS);
    const canvas = h('canvas', { id: 'gap-chart', role: 'img', 'aria-label': t('gap.chartLabel') });
    const box = h('div', { class: 'gap-chart' }, canvas);
    box.style.height = `${Math.max(160, 34 * rows.length + 60)}px`; // CSSOM: the CSP forbids style attributes
    const figure = h('figure', { class: 'gap-figure' }, box,
      h('figcaption', { class: 'muted small' }, t('gap.caption', { n: rows.length, total: r.items.length, needs: r.needs })));
    results.replaceChildren(figure, table(r.items));
    try {
      const Chart = await loadChart();
      if (!ctx.alive()) return;
      chart = new Chart(canvas, {
        type: 'bar',
        data: {
          labels: rows.map((i) => i.label),
          datasets: [
            { label: t('gap.demand'), data: rows.map((i) => i.needs), backgroundColor: '#c2410c', stack: 'demand' },
            { label: t('gap.available'), data: rows.map((i) => i.available), backgroundColor: '#15803d', stack: 'supply' },
            { label: t('gap.pipeline'), data: rows.map((i) => i.candidates_in_pipeline), backgroundColor: '#60a5fa', stack: 'supply' },
          ],
        },
        options: {
          indexAxis: 'y', responsive: true, maintainAspectRatio: false, animation: false,
          scales: { x: { beginAtZero: true, ticks: { precision: 0 } }, y: { stacked: true } },
          plugins: { legend: { position: 'bottom' } },
        },
      });
    } catch {
      figure.replaceChildren(errorBox(new Error(t('gap.chartFailed')), load)); // the table below still says it all
    }
  }

  function table(items) {
    return h('div', { class: 'table-wrap' }, h('table', { class: 'table', id: 'gap-table' },
      h('caption', { class: 'sr-only' }, t('gap.title')),
      h('thead', null, h('tr', null,
        h('th', { scope: 'col' }, t('cap.skill')),
        h('th', { scope: 'col', class: 'num' }, t('gap.needs')),
        h('th', { scope: 'col', class: 'num' }, t('gap.level')),
        h('th', { scope: 'col', class: 'num', title: t('gap.consultants') }, t('gap.consultantsShort')),
        h('th', { scope: 'col', class: 'num', title: t('gap.available') }, t('gap.availableShort')),
        h('th', { scope: 'col', class: 'num', title: t('gap.pipeline') }, t('gap.pipelineShort')),
        h('th', { scope: 'col', class: 'num', title: t('gap.trainableLong') }, t('gap.trainable')),
        h('th', { scope: 'col', class: 'num' }, t('gap.shortfall')),
        h('th', { scope: 'col' }, t('gap.action')))),
      h('tbody', null, items.map((i) => h('tr', { 'data-skill': i.skill },
        h('th', { scope: 'row', 'data-label': t('cap.skill') }, i.label),
        h('td', { class: 'num', 'data-label': t('gap.needs') }, formatNumber(i.needs),
          i.mandatory ? h('span', { class: 'muted small gap-mandatory' }, t(i.mandatory === 1 ? 'gap.mandatory1' : 'gap.mandatoryN', { n: i.mandatory })) : null),
        h('td', { class: 'num', 'data-label': t('gap.level') }, String(i.level)),
        h('td', { class: 'num', 'data-label': t('gap.consultants') }, formatNumber(i.consultants)),
        h('td', { class: 'num', 'data-label': t('gap.available') }, formatNumber(i.available)),
        h('td', { class: 'num', 'data-label': t('gap.pipeline') }, formatNumber(i.candidates_in_pipeline)),
        h('td', { class: 'num', 'data-label': t('gap.trainable') }, formatNumber(i.trainable)),
        h('td', { class: i.shortfall ? 'num strong' : 'num muted', 'data-label': t('gap.shortfall') }, formatNumber(i.shortfall)),
        h('td', { 'data-label': t('gap.action') }, h('span', { class: `badge ${ACTION_BADGE[i.action]}` }, t(`gap.action.${i.action}`))))))));
  }
  await load();
}
