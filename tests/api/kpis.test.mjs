// KPIs and shared objectives: changes made through the API (a hire, a deal
// won, a survey answered) move the right KPI of their client; events of
// features still to come (incidents), written by hand, are counted; bad
// filters are refused with a clear problem; objectives are set by managers
// and carry their progress.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, assertProblem, assertFieldError, cli } from './harness.mjs';

let srv, sales, rec, tech, manager, consultant, client, contact;
const kpis = async (query, as = manager) => {
  const r = await srv.get(`/api/v1/kpis?${query}`, { as });
  assert.equal(r.status, 200, r.text);
  return Object.fromEntries(r.json.items.map((k) => [k.name, k]));
};
const mine = () => kpis(`client_id=${client.id}`);
const form = (fields) => new URLSearchParams(fields).toString();

before(async () => {
  srv = await startServer();
  [sales, rec, tech, manager, consultant] = [await srv.as('sales'), await srv.as('recruiter'), await srv.as('tech'),
    await srv.as('manager'), await srv.as('consultant')];
  client = (await srv.post('/api/v1/clients', { name: `Client KPI ${Date.now()}` }, { as: sales })).json;
  contact = (await srv.post(`/api/v1/clients/${client.id}/contacts`, { name: 'Claire Indicateur', email: 'claire@kpi.example', consent: true }, { as: sales })).json;
});
after(() => srv.stop());

async function openNeed(title) {
  const n = (await srv.post('/api/v1/needs', { title, client_id: client.id, location: 'Lyon', start_date: '2027-02-01',
    skills: [{ skill: 'java', min_level: 3 }] }, { as: sales })).json;
  let r = await srv.patch(`/api/v1/needs/${n.id}`, { status: 'qualified' }, { as: sales, ifMatch: `"${n.version}"` });
  assert.equal(r.status, 200, r.text);
  r = await srv.patch(`/api/v1/needs/${n.id}`, { status: 'open' }, { as: sales, ifMatch: r.headers.get('etag') });
  assert.equal(r.status, 200, r.text);
  return r.json;
}

test('a client with no events has no value, and says how many events are behind each figure', async () => {
  const k = await mine();
  assert.equal(k.time_to_fill.value, null);
  assert.equal(k.win_rate.value, null);
  assert.equal(k.nps.value, null);
  assert.equal(k.time_to_fill.events, 0);
  assert.match(k.time_to_fill.definition, /ouverture d'un besoin/);
  const en = await srv.get(`/api/v1/kpis?client_id=${client.id}`, { as: manager, headers: { 'Accept-Language': 'en' } });
  assert.match(en.json.items.find((i) => i.name === 'time_to_fill').definition, /need's opening/);
});

test('moving a candidacy to hired moves time to fill, the funnel and the first answer', async () => {
  const need = await openNeed('Besoin KPI');
  const p = (await srv.post('/api/v1/people', { kind: 'candidate', first_name: 'Kim', last_name: 'Indicateur' }, { as: rec })).json;
  const c = (await srv.post('/api/v1/candidacies', { person_id: p.id, need_id: need.id }, { as: rec })).json;
  let k = await mine();
  assert.equal(k.funnel.details.steps[0].reached_from, 1);
  assert.equal(k.first_answer.value, null, 'not answered yet');
  let r = await srv.patch(`/api/v1/candidacies/${c.id}`, { stage: 'contacted' }, { as: rec, ifMatch: '"1"' });
  r = await srv.patch(`/api/v1/candidacies/${c.id}`, { stage: 'hired' }, { as: rec, ifMatch: r.headers.get('etag') });
  assert.equal(r.status, 200, r.text);
  k = await mine();
  assert.equal(k.time_to_fill.count, 1);
  assert.ok(k.time_to_fill.value >= 0 && k.time_to_fill.value < 1, 'hired minutes after the opening');
  assert.equal(k.funnel.value, 100);
  assert.equal(k.first_answer.count, 1);
  // the need is staffed: the fill rate follows
  const cur = await srv.get(`/api/v1/needs/${need.id}`, { as: sales });
  r = await srv.patch(`/api/v1/needs/${need.id}`, { status: 'staffed' }, { as: sales, ifMatch: cur.headers.get('etag') });
  assert.equal(r.status, 200, r.text);
  const other = await openNeed('Besoin KPI annulé');
  const cur2 = await srv.get(`/api/v1/needs/${other.id}`, { as: sales });
  await srv.patch(`/api/v1/needs/${other.id}`, { status: 'closed' }, { as: sales, ifMatch: cur2.headers.get('etag') });
  k = await mine();
  assert.equal(k.fill_rate.value, 50);
  assert.equal(k.fill_rate.events, 2);
  // the series has the hire in today's bucket
  const s = await srv.get(`/api/v1/kpis/time_to_fill/series?interval=day&client_id=${client.id}`, { as: manager });
  assert.equal(s.status, 200, s.text);
  assert.equal(s.json.points.length, 90);
  assert.equal(s.json.points.at(-1).count, 1);
  assert.equal(s.json.points.slice(0, -1).filter((x) => x.value !== null).length, 0);
});

test('winning and losing deals move the win rate, the amount won and the share won with a go', async () => {
  const mk = async (title, amount) => (await srv.post('/api/v1/deals', { client_id: client.id, title, amount }, { as: sales })).json;
  const win = async (d, stage) => {
    const cur = await srv.get(`/api/v1/deals/${d.id}`, { as: sales });
    const body = stage === 'lost' ? { stage, lost_reason: 'Budget' } : { stage };
    const r = await srv.patch(`/api/v1/deals/${d.id}`, body, { as: sales, ifMatch: cur.headers.get('etag') });
    assert.equal(r.status, 200, r.text);
  };
  const a = await mk('Affaire KPI gagnée', 5000000);
  assert.equal((await srv.post(`/api/v1/deals/${a.id}/review-request`, null, { as: sales })).status < 300, true);
  assert.equal((await srv.post(`/api/v1/deals/${a.id}/reviews`, { verdict: 'go', effort_days: 10 }, { as: tech })).status, 201);
  await win(a, 'won');
  let k = await mine();
  assert.equal(k.win_rate.value, 100);
  assert.equal(k.won_amount.value, 50000);
  assert.equal(k.won_with_go.value, 100);
  assert.equal(k.review_turnaround.count, 1);
  const b = await mk('Affaire KPI perdue', 900000);
  await win(b, 'lost');
  k = await mine();
  assert.equal(k.win_rate.value, 50);
  assert.equal(k.won_amount.value, 50000);
  // the sales team's view has the deal KPIs, not the recruitment ones
  const team = await kpis(`client_id=${client.id}&team=sales`);
  assert.ok(team.win_rate && !team.funnel);
});

test('answering a satisfaction survey moves the NPS', async () => {
  const answer = async (score) => {
    const s = (await srv.post('/api/v1/surveys', { contact_id: contact.id }, { as: sales })).json;
    const r = await srv.req('POST', s.url, { raw: form({ score: String(score) }), contentType: 'application/x-www-form-urlencoded' });
    assert.equal(r.status, 200, r.text);
  };
  await answer(10);
  assert.equal((await mine()).nps.value, 100);
  await answer(3);
  const k = await mine();
  assert.equal(k.nps.value, 0);
  assert.equal(k.nps.events, 2);
});

test('rebuilding the KPI rows from the log gives the same figures as following it', async () => {
  const before = await mine();
  const r = cli(['kpis', 'rebuild', '--db', srv.db]);
  assert.equal(r.status, 0, r.stderr);
  assert.match(r.stdout, /rebuilt/);
  assert.deepEqual(await mine(), before);
  assert.equal(cli(['kpis', 'rebuild', '--nope']).status, 2);
  assert.equal(cli(['kpis']).status, 2);
});

test('incident events (written by hand until incidents exist, then folded by a rebuild) are counted', async () => {
  const now = new Date();
  const at = (min) => new Date(now.getTime() - min * 60000).toISOString().replace(/\.\d+Z$/, 'Z');
  srv.sqlExec(`INSERT INTO events (at, type, object_type, object_id, client_id, before_json, after_json) VALUES
    ('${at(3000)}', 'incident.created', 'incident', 9001, ${client.id}, NULL, '{"severity":"high","status":"open"}'),
    ('${at(120)}', 'incident.status', 'incident', 9001, ${client.id}, '{"severity":"high","status":"in_progress"}', '{"severity":"high","status":"resolved"}')`);
  assert.equal((await mine()).incidents_opened.value, 0, 'written behind the store: not seen yet');
  assert.equal(cli(['kpis', 'rebuild', '--db', srv.db]).status, 0);
  const k = await mine();
  assert.equal(k.incidents_opened.value, 1);
  assert.equal(k.incidents_resolved.value, 1);
  assert.ok(Math.abs(k.time_to_resolve.value - 2) < 0.01, `${k.time_to_resolve.value} days`);
});

test('CSV export of the tiles and of a series', async () => {
  const r = await srv.get(`/api/v1/kpis?client_id=${client.id}&format=csv`, { as: manager });
  assert.equal(r.status, 200);
  assert.match(r.headers.get('content-type'), /^text\/csv/);
  assert.match(r.headers.get('content-disposition'), /kpis\.csv/);
  const lines = r.text.trim().split('\r\n');
  assert.equal(lines[0], '"name","label","value","unit","p90","events","count","previous","trend"');
  assert.ok(lines.some((l) => l.startsWith('"win_rate","Taux de gain","50.00","percent"')), lines.join('\n'));
  const s = await srv.get(`/api/v1/kpis/nps/series?interval=month&format=csv&from=2026-01-01&to=2026-03-31`, { as: manager });
  assert.equal(s.status, 200);
  assert.deepEqual(s.text.trim().split('\r\n').map((l) => l.split(',')[0]), ['"start"', '"2026-01-01"', '"2026-02-01"', '"2026-03-01"']);
});

test('weeks of a series start on Monday in Paris and are cut to the period', async () => {
  const s = await srv.get('/api/v1/kpis/funnel/series?interval=week&from=2026-03-25&to=2026-04-08', { as: manager });
  assert.equal(s.status, 200, s.text);
  assert.deepEqual(s.json.points.map((p) => [p.start, p.end]),
    [['2026-03-25', '2026-03-29'], ['2026-03-30', '2026-04-05'], ['2026-04-06', '2026-04-08']]);
});

test('bad filters are refused with a problem naming them', async () => {
  const bad = [
    ['/api/v1/kpis?from=2026-13-01', 400, /from/],
    ['/api/v1/kpis?from=yesterday', 400, /from/],
    ['/api/v1/kpis?from=2026-05-02&to=2026-05-01', 400, /from/],
    ['/api/v1/kpis?from=2000-01-01&to=2026-01-01', 400, /1096/],
    ['/api/v1/kpis?team=marketing', 400, /team/],
    ['/api/v1/kpis?client_id=abc', 400, /client_id/],
    ['/api/v1/kpis?client_id=999999', 404, null],
    ['/api/v1/kpis?format=xml', 400, /format/],
    ['/api/v1/kpis/nope/series', 404, null],
    ['/api/v1/kpis/skill_coverage/series', 400, /historique/],
    ['/api/v1/kpis/nps/series?interval=year', 400, /interval/],
    ['/api/v1/kpis/nps/series?interval=day&from=2025-01-01&to=2026-06-01', 400, /400/],
    [`/api/v1/kpis?from=${'9'.repeat(5000)}`, 400, null],
  ];
  for (const [path, status, detail] of bad) {
    const r = await srv.get(path, { as: manager });
    assertProblem(r, status);
    if (detail) assert.match(r.json.detail, detail, path);
  }
});

test('each role sees the KPIs its permissions allow', async () => {
  const c = await kpis('', consultant);
  assert.ok(c.fill_rate && !c.win_rate && !c.funnel && !c.nps);
  assert.equal((await srv.get('/api/v1/kpis/win_rate/series', { as: consultant })).status, 403);
  assert.equal((await srv.get('/api/v1/kpis')).status, 401);
});

test('managers set shared objectives with live progress; everyone reads; others may not write', async () => {
  const body = { kpi: 'win_rate', target: 60, period_start: '2026-01-01', period_end: '2026-12-31',
    teams: ['sales', 'delivery'], client_id: client.id };
  assert.equal((await srv.post('/api/v1/objectives', body, { as: sales })).status, 403);
  assertFieldError(await srv.post('/api/v1/objectives', { ...body, teams: ['sales'] }, { as: manager }), 'teams');
  assertFieldError(await srv.post('/api/v1/objectives', { ...body, teams: ['sales', 'sales'] }, { as: manager }), 'teams');
  assertFieldError(await srv.post('/api/v1/objectives', { ...body, teams: ['sales', 'legal'] }, { as: manager }), 'teams');
  assertFieldError(await srv.post('/api/v1/objectives', { ...body, kpi: 'happiness' }, { as: manager }), 'kpi');
  assertFieldError(await srv.post('/api/v1/objectives', { ...body, target: '60' }, { as: manager }), 'target');
  assertFieldError(await srv.post('/api/v1/objectives', { ...body, period_end: '2025-12-31' }, { as: manager }), 'period_end');
  assertFieldError(await srv.post('/api/v1/objectives', { ...body, client_id: 999999 }, { as: manager }), 'client_id');
  assertFieldError(await srv.post('/api/v1/objectives', { ...body, extra: 1 }, { as: manager }), 'extra');
  const r = await srv.post('/api/v1/objectives', body, { as: manager });
  assert.equal(r.status, 201, r.text);
  const o = r.json;
  assert.deepEqual(o.teams, ['sales', 'delivery']);
  assert.equal(o.lower_is_better, false);
  if (new Date().toISOString().slice(0, 4) === '2026') {
    assert.equal(o.progress.value, 50);
    assert.equal(o.progress.met, false);
    assert.ok(Math.abs(o.progress.ratio - 50 / 60) < 0.01);
  }
  assert.match(o.progress.forecast_method, /least-squares/);
  const read = await srv.get(`/api/v1/objectives/${o.id}`, { as: consultant });
  assert.equal(read.status, 200);
  assert.equal(read.json.progress.restricted, true, 'a consultant does not see deal figures');
  const list = await srv.get('/api/v1/objectives', { as: rec });
  assert.ok(list.json.items.some((x) => x.id === o.id));
  assertProblem(await srv.patch(`/api/v1/objectives/${o.id}`, { target: 40 }, { as: manager }), 428);
  assertProblem(await srv.patch(`/api/v1/objectives/${o.id}`, { target: 40 }, { as: manager, ifMatch: '"7"' }), 412);
  const p = await srv.patch(`/api/v1/objectives/${o.id}`, { target: 40, teams: ['sales', 'recruitment', 'delivery'] }, { as: manager, ifMatch: '"1"' });
  assert.equal(p.status, 200, p.text);
  assert.equal(p.json.version, 2);
  assert.equal(p.json.target, 40);
  if (new Date().toISOString().slice(0, 4) === '2026') assert.equal(p.json.progress.met, true);
  assert.equal((await srv.del(`/api/v1/objectives/${o.id}`, { as: tech })).status, 403);
  assert.equal((await srv.del(`/api/v1/objectives/${o.id}`, { as: manager })).status, 204);
  assert.equal((await srv.get(`/api/v1/objectives/${o.id}`, { as: manager })).status, 404);
});

test('a lower-is-better objective: time to fill under 15 days for sales and recruitment', async () => {
  const r = await srv.post('/api/v1/objectives', { kpi: 'time_to_fill', target: 15, period_start: '2026-01-01',
    period_end: '2026-12-31', teams: ['sales', 'recruitment'] }, { as: manager });
  assert.equal(r.status, 201, r.text);
  assert.equal(r.json.lower_is_better, true);
  assert.equal(r.json.target, 15);
  await srv.del(`/api/v1/objectives/${r.json.id}`, { as: manager });
});
