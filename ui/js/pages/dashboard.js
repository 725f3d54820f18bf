// dashboard: one page for the three teams: the shared objectives with their
// progress, the KPI tiles (with their definition behind "?", the trend
// against the previous equal period), the charts, filters by period,
// client and team, CSV export and a printable view. Everyone sees the same
// page; the server leaves out what a role may not read.
import { t, getLang, formatDate, formatNumber } from '../i18n.js';
import { api, withQuery } from '../api.js';
import { can } from '../session.js';
import { h, loading, empty, errorBox, pageHeader, field, select, formSummary, showErrors, toast } from '../dom.js';
import { loadChart } from '../charts.js';

const TEAMS = ['sales', 'recruitment', 'delivery'];
const PERIODS = [['30', 30], ['90', 90], ['365', 365]];

function parisToday() {
  // the firm's periods are Paris days (the server counts them so too)
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Paris' }).format(new Date());
}

function addDays(iso, n) {
  const d = new Date(`${iso}T12:00:00Z`);
  d.setUTCDate(d.getUTCDate() + n);
  return d.toISOString().slice(0, 10);
}

// The value of a KPI in its unit ("12,5 j", "87 %", "1 250 000 €").
export function formatKpi(value, unit) {
  if (value === null || value === undefined) return '—';
  switch (unit) {
    case 'days': return t('kpi.unit.days', { n: formatNumber(value, 1) });
    case 'percent': return t('kpi.unit.percent', { n: formatNumber(value, 1) });
    case 'eur': return new Intl.NumberFormat(getLang() === 'en' ? 'en-GB' : 'fr-FR', { style: 'currency', currency: 'EUR', maximumFractionDigits: 0 }).format(value);
    case 'score': return (value > 0 ? '+' : '') + formatNumber(value, 0);
    default: return formatNumber(value, 0);
  }
}

function readFilters(query) {
  const to = /^\d{4}-\d\d-\d\d$/.test(query.get('to') || '') ? query.get('to') : parisToday();
  const days = Number(query.get('days')) || 90;
  const from = /^\d{4}-\d\d-\d\d$/.test(query.get('from') || '') ? query.get('from') : addDays(to, 1 - days);
  return { from, to, days, client_id: query.get('client_id') || '', team: TEAMS.includes(query.get('team')) ? query.get('team') : '' };
}

export async function render(ctx) {
  ctx.setTitle(t('dash.title'));
  const f = readFilters(ctx.query);
  const started = performance.now();
  // the period stays as chosen: a number of days to today, or two dates
  const chosen = ctx.query.get('from') ? { from: f.from, to: f.to } : { days: f.days };
  const go = (next) => {
    const q = new URLSearchParams();
    const all = { ...chosen, client_id: f.client_id, team: f.team, ...next };
    for (const [k, v] of Object.entries(all)) if (v !== '' && v !== null && v !== undefined) q.set(k, v);
    ctx.navigate(`#/dashboard?${q}`);
  };

  const periodSel = select([...PERIODS.map(([v]) => [v, t(`dash.period.${v}`)]), ['custom', t('dash.period.custom')]],
    ctx.query.get('from') ? 'custom' : String(f.days));
  periodSel.id = 'dash-period';
  const fromIn = h('input', { type: 'date', id: 'dash-from', value: f.from, max: f.to });
  const toIn = h('input', { type: 'date', id: 'dash-to', value: f.to });
  const custom = h('div', { class: 'dash-custom', hidden: periodSel.value !== 'custom' },
    field(t('dash.from'), fromIn), field(t('dash.to'), toIn),
    h('button', { type: 'button', class: 'btn', id: 'dash-apply', onclick: () => go({ from: fromIn.value, to: toIn.value, days: '' }) }, t('dash.apply')));
  periodSel.addEventListener('change', () => {
    if (periodSel.value === 'custom') { custom.hidden = false; fromIn.focus(); return; }
    go({ days: periodSel.value, from: '', to: '' });
  });
  const clientSel = select([['', t('dash.allClients')]], f.client_id);
  clientSel.id = 'dash-client';
  clientSel.addEventListener('change', () => go({ client_id: clientSel.value }));
  const teamSel = select([['', t('dash.allTeams')], ...TEAMS.map((x) => [x, t(`team.${x}`)])], f.team);
  teamSel.id = 'dash-team';
  teamSel.addEventListener('change', () => go({ team: teamSel.value }));

  const csvHref = withQuery('/api/v1/kpis', { from: f.from, to: f.to, client_id: f.client_id, team: f.team, format: 'csv' });
  const objectivesBody = h('div', { id: 'objectives' }, loading());
  const tilesBody = h('div', { id: 'kpi-tiles', 'aria-live': 'polite' }, loading());
  const chartsBody = h('div', { class: 'dash-charts', id: 'kpi-charts' });
  const timing = h('p', { class: 'muted small dash-timing', id: 'dash-timing' });

  ctx.main.replaceChildren(
    pageHeader(t('dash.title'),
      h('a', { class: 'btn', href: csvHref, download: 'kpis.csv', id: 'dash-csv' }, t('dash.csv')),
      h('button', { type: 'button', class: 'btn', id: 'dash-print', onclick: () => window.print() }, t('dash.print'))),
    h('p', { class: 'dash-period-text', id: 'dash-period-text' },
      t('dash.periodText', { from: formatDate(f.from), to: formatDate(f.to) })),
    h('form', { class: 'filters dash-filters', role: 'search', 'aria-label': t('dash.filters'), onsubmit: (e) => e.preventDefault() },
      field(t('dash.period'), periodSel), field(t('dash.client'), clientSel), field(t('dash.team'), teamSel), custom),
    h('section', { class: 'section', 'aria-labelledby': 'obj-title' },
      h('div', { class: 'section-head' }, h('h2', { id: 'obj-title' }, t('dash.objectives'))), objectivesBody),
    h('section', { class: 'section', 'aria-labelledby': 'kpi-title' },
      h('div', { class: 'section-head' }, h('h2', { id: 'kpi-title' }, t('dash.kpis')),
        h('p', { class: 'muted small' }, t('dash.trendHint'))), tilesBody),
    h('section', { class: 'section', 'aria-labelledby': 'charts-title' },
      h('h2', { id: 'charts-title' }, t('dash.charts')), chartsBody),
    timing);

  api('GET', withQuery('/api/v1/clients', { limit: 200 })).then((r) => {
    for (const c of r.items) clientSel.append(h('option', { value: String(c.id), selected: String(c.id) === f.client_id }, c.name));
  }, () => {});

  const q = { from: f.from, to: f.to, client_id: f.client_id, team: f.team };
  let kpis;
  try {
    [kpis] = await Promise.all([
      api('GET', withQuery('/api/v1/kpis', q)),
      loadObjectives(ctx, objectivesBody, f),
    ]);
  } catch (e) {
    if (ctx.alive()) tilesBody.replaceChildren(errorBox(e, () => render(ctx)));
    return;
  }
  if (!ctx.alive()) return;
  const byName = Object.fromEntries(kpis.items.map((k) => [k.name, k]));
  if (can('objectives.write')) objectivesBody.append(objectiveForm(ctx, kpis.items));
  tilesBody.replaceChildren(kpis.items.length
    ? h('ul', { class: 'kpi-tiles' }, kpis.items.map(tile))
    : empty(t('dash.noKpis')));
  await drawCharts(ctx, chartsBody, byName, q, f);
  if (ctx.alive()) timing.textContent = t('dash.loadedIn', { ms: Math.round(performance.now() - started) });
}

function shortDate(iso) {
  return new Intl.DateTimeFormat(getLang() === 'en' ? 'en-GB' : 'fr-FR', { day: 'numeric', month: 'short', timeZone: 'UTC' })
    .format(new Date(`${iso}T00:00:00Z`));
}

let tipId = 0;
function tile(k) {
  const id = `kpi-def-${++tipId}`;
  const def = h('p', { class: 'kpi-def', id, hidden: true }, k.definition);
  const help = h('button', {
    type: 'button', class: 'kpi-help', 'aria-expanded': 'false', 'aria-controls': id,
    'aria-label': t('dash.definitionOf', { name: k.label }), title: t('dash.definition'),
  }, '?');
  help.addEventListener('click', () => {
    const open = help.getAttribute('aria-expanded') !== 'true';
    help.setAttribute('aria-expanded', String(open));
    def.hidden = !open;
  });
  const arrow = { up: '↑', down: '↓', flat: '→' }[k.trend] || '';
  const mood = k.improving === true ? 'good' : k.improving === false && k.trend !== 'flat' ? 'bad' : 'flat';
  return h('li', { class: 'card kpi-tile', 'data-kpi': k.name },
    h('div', { class: 'kpi-head' }, h('h3', { class: 'kpi-label' }, k.label), help),
    h('p', { class: 'kpi-value', 'data-value': k.value ?? '' }, formatKpi(k.value, k.unit),
      k.p90 !== null ? h('span', { class: 'kpi-p90 muted small' }, ` ${t('dash.p90', { v: formatKpi(k.p90, k.unit) })}`) : null),
    k.trend ? h('p', { class: `kpi-trend trend-${mood}` },
      h('span', { 'aria-hidden': 'true' }, arrow), ' ',
      t(`dash.trend.${k.trend}`, { prev: formatKpi(k.previous, k.unit) })) : h('p', { class: 'kpi-trend muted small' }, k.history ? t('dash.noPrevious') : t('dash.currentState')),
    h('p', { class: 'kpi-events muted small' }, t('dash.events', { n: formatNumber(k.events) })),
    k.name === 'first_answer' && k.details ? h('p', { class: 'muted small' }, t('dash.overdue', { n: k.details.overdue })) : null,
    k.name === 'bench_days' && k.details ? h('p', { class: 'muted small' }, t('dash.benchNow', { n: k.details.without_mission_today, total: k.details.consultants })) : null,
    def);
}

async function loadObjectives(ctx, body, f) {
  const list = await api('GET', withQuery('/api/v1/objectives', { limit: 100 }));
  if (!ctx.alive()) return;
  const items = list.items.filter((o) => (!f.client_id || String(o.client_id ?? '') === f.client_id || o.client_id === null)
    && (!f.team || o.teams.includes(f.team)));
  body.replaceChildren(items.length ? h('ul', { class: 'objectives' }, items.map((o) => objectiveCard(ctx, o))) : empty(t('dash.noObjectives')));
}

function objectiveCard(ctx, o) {
  const p = o.progress || {};
  const pct = p.ratio === null || p.ratio === undefined ? 0 : Math.round(p.ratio * 100);
  const status = p.restricted ? t('dash.obj.restricted') : !p.started ? t('dash.obj.notStarted')
    : p.met ? t('dash.obj.met') : t('dash.obj.notMet');
  const bar = h('progress', { max: '100', value: String(pct), 'aria-label': t('dash.obj.progress', { label: o.label }) });
  return h('li', { class: `card objective ${p.met ? 'objective-met' : ''}`, 'data-objective': o.id },
    h('div', { class: 'objective-head' },
      h('h3', null, o.label, ' ', h('span', { class: 'muted' }, `${o.lower_is_better ? '≤' : '≥'} ${formatKpi(o.target, o.unit)}`)),
      h('ul', { class: 'chips' }, o.teams.map((x) => h('li', { class: 'chip' }, t(`team.${x}`))))),
    h('p', { class: 'muted small' }, t('dash.obj.period', { from: formatDate(o.period_start), to: formatDate(o.period_end) })),
    p.restricted ? null : bar,
    p.restricted ? h('p', { class: 'objective-figures muted' }, status) : h('p', { class: 'objective-figures' },
      h('strong', null, formatKpi(p.value ?? null, o.unit)), ' · ', status,
      p.forecast !== undefined && p.forecast !== null
        ? h('span', { class: `objective-forecast ${p.forecast_met ? 'trend-good' : 'trend-bad'}` }, ` · ${t('dash.obj.forecast', { v: formatKpi(p.forecast, o.unit) })}`)
        : null),
    p.forecast_method && !p.restricted ? h('p', { class: 'muted small objective-method' }, t('dash.obj.method')) : null,
    can('objectives.write') ? h('button', {
      type: 'button', class: 'btn btn-small btn-ghost objective-delete',
      onclick: async () => {
        if (!window.confirm(t('dash.obj.confirmDelete'))) return;
        try { await api('DELETE', `/api/v1/objectives/${o.id}`); ctx.navigate(location.hash); } catch (e) { toast(e.message, 'error'); }
      },
    }, t('dash.obj.delete')) : null);
}

// kpis: the KPIs this role reads, with their labels (from the server).
function objectiveForm(ctx, kpis) {
  const kpi = select(kpis.map((k) => [k.name, k.label]), 'time_to_fill');
  const target = h('input', { type: 'number', step: 'any', required: true });
  const start = h('input', { type: 'date', value: `${parisToday().slice(0, 4)}-01-01`, required: true });
  const end = h('input', { type: 'date', value: `${parisToday().slice(0, 4)}-12-31`, required: true });
  const teams = TEAMS.map((x) => h('label', { class: 'check' }, h('input', { type: 'checkbox', value: x, checked: x !== 'delivery' }), t(`team.${x}`)));
  const teamsBox = h('fieldset', { class: 'objective-teams', 'data-field': 'teams' }, h('legend', null, t('dash.obj.teams')), teams);
  const form = h('form', { class: 'form objective-form', id: 'objective-form', novalidate: true },
    formSummary(),
    h('div', { class: 'form-grid' },
      field(t('dash.obj.kpi'), kpi, { name: 'kpi', required: true }),
      field(t('dash.obj.target'), target, { name: 'target', required: true }),
      field(t('dash.obj.start'), start, { name: 'period_start', required: true }),
      field(t('dash.obj.end'), end, { name: 'period_end', required: true }),
      h('div', { class: 'field field-wide' }, teamsBox)),
    h('div', { class: 'form-actions' }, h('button', { type: 'submit', class: 'btn btn-primary' }, t('dash.obj.create'))));
  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    const body = {
      kpi: kpi.value, target: target.value === '' ? null : Number(target.value),
      period_start: start.value, period_end: end.value,
      teams: teams.map((l) => l.querySelector('input')).filter((i) => i.checked).map((i) => i.value),
    };
    const client = ctx.query.get('client_id');
    if (client) body.client_id = Number(client);
    try {
      await api('POST', '/api/v1/objectives', { body });
      toast(t('dash.obj.created'));
      ctx.navigate(location.hash);
    } catch (err) { showErrors(form, err); }
  });
  return h('details', { class: 'objective-new' }, h('summary', { class: 'btn', id: 'objective-new' }, t('dash.obj.new')), form);
}

async function drawCharts(ctx, body, byName, q, f) {
  const long = (new Date(f.to) - new Date(f.from)) / 86400000 > 120;
  const wanted = [
    ['funnel', null], ['time_to_fill', 'week'], ['first_answer', 'week'], ['win_rate', long ? 'month' : 'week'], ['nps', long ? 'month' : 'week'],
  ].filter(([n]) => byName[n]);
  if (!wanted.length) { body.replaceChildren(empty(t('dash.noCharts'))); return; }
  const boxes = wanted.map(([n]) => {
    const canvas = h('canvas', { role: 'img', 'aria-label': t(`dash.chart.${n}`) });
    const box = h('figure', { class: 'card dash-chart', 'data-chart': n },
      h('figcaption', null, t(`dash.chart.${n}`)), h('div', { class: 'chart-box' }, canvas));
    return { n, canvas, box };
  });
  body.replaceChildren(...boxes.map((b) => b.box));
  let Chart;
  const series = Promise.all(wanted.map(([n, iv]) => (iv ? api('GET', withQuery(`/api/v1/kpis/${n}/series`, { ...q, team: '', interval: iv })) : null)));
  try {
    [Chart] = await Promise.all([loadChart(), series]);
  } catch (e) {
    if (ctx.alive()) body.replaceChildren(errorBox(e));
    return;
  }
  const data = await series;
  if (!ctx.alive()) return;
  const css = getComputedStyle(document.documentElement);
  const color = (v, fb) => css.getPropertyValue(v).trim() || fb;
  const primary = color('--primary', '#3451b2'), ok = color('--ok', '#1a7f45'), warn = color('--warn', '#9a5b00');
  Chart.defaults.font.family = getComputedStyle(document.body).fontFamily;
  Chart.defaults.plugins.legend.labels.usePointStyle = true;
  Chart.defaults.animation = false; // printable at once, and no motion for those who asked
  boxes.forEach((b, i) => {
    const k = byName[b.n];
    if (b.n === 'funnel') {
      const steps = k.details.steps;
      const labels = [steps[0].from, ...steps.map((s) => s.to)].map((s) => t(`stage.${s}`));
      const values = [steps[0].reached_from, ...steps.map((s) => s.reached_to)];
      new Chart(b.canvas, { type: 'bar', data: { labels, datasets: [{ label: t('dash.chart.reached'), data: values, backgroundColor: primary }] },
        options: { indexAxis: 'y', maintainAspectRatio: false, plugins: { legend: { display: false } } } });
      return;
    }
    const pts = data[i].points;
    const labels = pts.map((p) => shortDate(p.start));
    const datasets = [{ label: k.label, data: pts.map((p) => p.value), borderColor: primary, backgroundColor: primary, spanGaps: true, tension: 0.25 }];
    if (b.n === 'time_to_fill' || b.n === 'first_answer') {
      datasets.push({ label: t('dash.chart.p90'), data: pts.map((p) => p.p90), borderColor: warn, backgroundColor: warn, borderDash: [4, 4], spanGaps: true, tension: 0.25 });
    }
    if (b.n === 'first_answer') {
      datasets.push({ label: t('dash.chart.overdue'), type: 'bar', data: pts.map((p) => p.details.overdue), backgroundColor: 'rgba(200, 60, 50, .35)', yAxisID: 'y2' });
    }
    const scales = { y: { beginAtZero: true } };
    if (b.n === 'first_answer') scales.y2 = { beginAtZero: true, position: 'right', grid: { drawOnChartArea: false } };
    // few deals and answers a month: bars, not a line that would invent the months between
    const bars = b.n === 'nps' || b.n === 'win_rate';
    if (b.n === 'nps') { scales.y = { min: -100, max: 100 }; datasets[0].backgroundColor = ok; }
    if (b.n === 'win_rate') scales.y = { min: 0, max: 100 };
    new Chart(b.canvas, { type: bars ? 'bar' : 'line', data: { labels, datasets }, options: { maintainAspectRatio: false, scales } });
  });
}
