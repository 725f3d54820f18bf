// Money (daily_rate, daily_rate_max, salary_*) is for sales, managers and
// admins only (src/domain/visibility.h): other roles neither receive it nor
// reach it another way — a filter, a sort, a body, a CSV column, the
// matching engine's ranking and factors, or the live stream.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, assertProblem, assertHealthy } from './harness.mjs';
import { openStream } from './sse.mjs';

let srv, sales, manager, rec, tech, cons, client;
before(async () => {
  srv = await startServer();
  [sales, manager, rec, tech, cons, client] = await Promise.all(['sales', 'manager', 'recruiter', 'tech', 'consultant', 'client'].map((r) => srv.as(r)));
});
after(async () => {
  await srv.stop();
});

const BLIND = () => [rec, tech, cons];
const needId = () => Number(srv.sqlValue("SELECT min(id) FROM needs WHERE status = 'open' AND daily_rate_max IS NOT NULL"));

test('no filter, sort or order by money for who may not see it: 403, for sales it is no secret', async () => {
  const queries = ['sort=daily_rate', 'sort=-daily_rate', 'order=daily_rate_max', 'order_by=salary_max', 'daily_rate=500',
    'daily_rate_max=600', 'salary_min=40000', 'rate_max=1'];
  for (const who of BLIND())
    for (const q of queries) {
      const r = await srv.get(`/api/v1/needs?${q}`, { as: who });
      assertProblem(r, 403, `${who.user.role} ?${q}`);
      assert.equal(r.json.type, '/problems/forbidden-field');
    }
  for (const q of queries) assert.equal((await srv.get(`/api/v1/needs?${q}`, { as: sales })).status, 200, q);
});

test('who may not see a rate may not send one: a person or a need with money is a 403 and nothing is written', async () => {
  const before = srv.snapshot();
  const body = { kind: 'candidate', first_name: 'Lou', last_name: 'Tarif', daily_rate: 500 };
  assertProblem(await srv.post('/api/v1/people', body, { as: rec }), 403);
  assertProblem(await srv.post('/api/v1/people', { ...body, daily_rate: null }, { as: tech }), 403, 'not even to clear it');
  assertProblem(await srv.patch('/api/v1/people/1', { daily_rate: 1 }, { as: rec, ifMatch: '"1"' }), 403);
  assert.deepEqual(srv.snapshot(), before);
  // without the field the same write goes through
  const ok = await srv.post('/api/v1/people', { kind: 'candidate', first_name: 'Lou', last_name: 'Tarif' }, { as: rec });
  assert.equal(ok.status, 201, ok.text);
  assert.equal('daily_rate' in ok.json, false);
  // sales and managers set and read it
  const m = await srv.patch(`/api/v1/people/${ok.json.id}`, { daily_rate: 610 }, { as: manager, ifMatch: `"${ok.json.version}"` });
  assert.equal(m.status, 200, m.text);
  assert.equal(m.json.daily_rate, 610);
  assert.equal((await srv.get(`/api/v1/people/${ok.json.id}`, { as: sales })).json.daily_rate, 610);
  assert.equal('daily_rate' in (await srv.get(`/api/v1/people/${ok.json.id}`, { as: rec })).json, false);
});

test('the CSV export has no daily_rate column for a recruiter, and a recruiter cannot import one', async () => {
  const r = await srv.get('/api/v1/export/people.csv?bom=0', { as: rec });
  assert.equal(r.status, 200);
  const [head, row] = r.text.split('\r\n');
  assert.equal(head, 'kind;first_name;last_name;email;phone;location;available_from;skills');
  assert.equal(row.split(';').length >= 8, true);
  const a = await srv.get('/api/v1/export/people.csv?bom=0', { as: manager });
  assert.equal(a.text.split('\r\n')[0], 'kind;first_name;last_name;email;phone;location;available_from;daily_rate;skills');
  const before = srv.snapshot();
  const csv = 'kind,first_name,last_name,daily_rate\ncandidate,Zoé,Import,550\n';
  const imp = await srv.req('POST', '/api/v1/import/people.csv', { as: rec, raw: csv, contentType: 'text/csv' });
  assertProblem(imp, 403);
  assert.equal(imp.json.type, '/problems/forbidden-field');
  assert.deepEqual(srv.snapshot(), before);
  const tjm = 'kind;first_name;last_name;TJM\ncandidate;Zoé;Import;550\n'; // the French name of the same column
  assert.equal((await srv.req('POST', '/api/v1/import/people.csv?dry_run=1', { as: manager, raw: tjm, contentType: 'text/csv' })).status, 200);
  assertProblem(await srv.req('POST', '/api/v1/import/people.csv?dry_run=1', { as: rec, raw: tjm, contentType: 'text/csv' }), 403);
});

test('matches: no rate and no rate factor for a recruiter, ranked as if the need named no rate', async () => {
  const id = needId();
  const forRec = (await srv.get(`/api/v1/needs/${id}/matches?limit=50`, { as: rec })).json.items;
  const forSales = (await srv.get(`/api/v1/needs/${id}/matches?limit=50`, { as: sales })).json.items;
  assert.ok(forRec.length > 3);
  assert.ok(forSales.some((m) => m.factors.some((f) => f.name === 'rate')), 'sales see the rate factor');
  for (const m of forRec) {
    assert.ok(!m.factors.some((f) => f.name === 'rate'), JSON.stringify(m.factors));
    assert.equal('daily_rate' in m.person, false);
  }
  // the recruiter's ranking is the one of the same need without a rate: nothing hints at one
  const need = (await srv.get(`/api/v1/needs/${id}`, { as: sales })).json;
  const copy = await srv.post('/api/v1/needs', {
    title: `${need.title} (copie)`, client_id: need.client_id, location: need.location, remote: need.remote,
    start_date: need.start_date, skills: need.skills.map(({ skill, min_level, weight, mandatory }) => ({ skill, min_level, weight, mandatory })),
  }, { as: sales });
  assert.equal(copy.status, 201, copy.text);
  const noRate = (await srv.get(`/api/v1/needs/${copy.json.id}/matches?limit=50`, { as: sales })).json.items;
  assert.deepEqual(forRec.map((m) => [m.person.id, m.score]), noRate.map((m) => [m.person.id, m.score]));
  // and the other way round: needs for a person
  const pid = forRec[0].person.id;
  const needs = (await srv.get(`/api/v1/people/${pid}/matches`, { as: rec })).json.items;
  for (const m of needs) assert.ok(!m.factors.some((f) => f.name === 'rate'));
});

test('the live stream: a client contact gets their client\'s incidents only, no stream carries money', async () => {
  const clientId = client.user.client_id;
  const other = Number(srv.sqlValue(`SELECT min(id) FROM clients WHERE id <> ${clientId}`));
  const mark = Number(srv.sqlValue('SELECT coalesce(max(id), 0) FROM events'));
  const [cs, ts, cons2] = await Promise.all([openStream(srv.base, client), openStream(srv.base, tech), openStream(srv.base, cons)]);
  assert.equal(cs.status, 200);
  const theirs = (await srv.post('/api/v1/incidents', { title: 'Chez le client', client_id: clientId }, { as: manager })).json;
  const notTheirs = (await srv.post('/api/v1/incidents', { title: 'Chez un autre', client_id: other }, { as: manager })).json;
  const need = (await srv.post('/api/v1/needs', { title: 'Besoin chiffré', client_id: other, daily_rate_max: 640 }, { as: sales })).json;
  await ts.until((ms) => ms.some((m) => m.json?.object_id === need.id && m.event.startsWith('need.')), 5000, 'the need reaches staff');
  await ts.until((ms) => ms.some((m) => m.json?.object_id === notTheirs.id), 5000, 'incidents reach staff');
  await cs.until((ms) => ms.some((m) => m.json?.object_id === theirs.id && m.event === 'incident.created'), 5000, 'their incident');
  await new Promise((r) => setTimeout(r, 300));
  for (const s of [cs, ts, cons2]) assert.ok(!s.messages.some((m) => /daily_rate|salary/.test(m.data)), 'no money in any message');
  const seen = cs.messages.filter((m) => m.json && m.json.id > mark);
  assert.ok(seen.every((m) => m.event.startsWith('incident.') || m.event === 'notification.created'), seen.map((m) => m.event).join());
  assert.ok(!seen.some((m) => m.json.object_id === notTheirs.id && m.event.startsWith('incident.')), 'not another client\'s incident');
  assert.ok(!seen.some((m) => m.event.startsWith('need.') || m.event.startsWith('post.')), 'nothing internal');
  assert.ok(!cons2.messages.some((m) => m.event.startsWith('candidacy.')), 'consultants do not see the pipeline');
  for (const s of [cs, ts, cons2]) s.close();
  // catching up with Last-Event-ID is filtered the same way
  const again = await openStream(srv.base, client, { lastEventId: mark });
  await again.until((ms) => ms.some((m) => m.json?.object_id === theirs.id), 5000, 'the backlog');
  assert.ok(!again.messages.some((m) => m.json && m.json.object_id === notTheirs.id && m.event.startsWith('incident.')));
  assert.ok(!again.messages.some((m) => m.event.startsWith('need.')));
  again.close();
});

test('the server still answers /healthz', async () => {
  await assertHealthy(srv);
});
