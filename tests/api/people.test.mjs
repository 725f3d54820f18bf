// People: candidates and consultants (API.md "Person").
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, assertProblem, assertFieldError, assertHealthy } from './harness.mjs';

let srv, admin, rec;
before(async () => {
  srv = await startServer();
  admin = await srv.as('admin');
  // a manager: the fixtures carry a daily rate, which recruiters may neither
  // see nor send (domain/visibility.h; tests/api/access_matrix.test.mjs)
  rec = await srv.as('manager');
});
after(async () => {
  await srv.stop();
});

const AWA = {
  kind: 'candidate', first_name: 'Awa', last_name: 'Diallo', email: 'awa@example.org', phone: '+33 6 12 34 56 78',
  location: 'Lyon', available_from: '2026-12-01', daily_rate: 550,
  skills: [{ skill: 'java', level: 4, years: 6 }, { skill: 'sql', level: 3 }],
};

test('creating a person answers 201 with Location, ETag and every field', async () => {
  const r = await srv.post('/api/v1/people', AWA, { as: rec });
  assert.equal(r.status, 201, r.text);
  assert.equal(r.headers.get('location'), `/api/v1/people/${r.json.id}`);
  assert.equal(r.headers.get('etag'), '"1"');
  const p = r.json;
  for (const k of ['kind', 'first_name', 'last_name', 'email', 'phone', 'location', 'available_from', 'daily_rate']) assert.equal(p[k], AWA[k], k);
  assert.equal(p.version, 1);
  assert.deepEqual(p.skills.map(({ skill, level, years }) => ({ skill, level, years })), [
    { skill: 'java', level: 4, years: 6 }, { skill: 'sql', level: 3, years: null }]);
  const g = await srv.get(`/api/v1/people/${p.id}`, { as: rec });
  assert.equal(g.status, 200);
  assert.deepEqual(g.json, p);
  assert.equal(srv.sqlValue(`SELECT count(*) FROM person_skills WHERE person_id = ${p.id}`), 2);
});

test('a person is read, changed with If-Match, deleted (204) and then gone (404)', async () => {
  const p = (await srv.post('/api/v1/people', AWA, { as: rec })).json;
  const u = await srv.patch(`/api/v1/people/${p.id}`, { kind: 'consultant', daily_rate: 600, email: null }, { as: rec, ifMatch: '"1"' });
  assert.equal(u.status, 200, u.text);
  assert.equal(u.json.kind, 'consultant');
  assert.equal(u.json.daily_rate, 600);
  assert.equal(u.json.email, null);
  assert.equal(u.json.version, 2);
  assert.equal(u.headers.get('etag'), '"2"');
  const d = await srv.del(`/api/v1/people/${p.id}`, { as: admin });
  assert.equal(d.status, 204);
  assert.equal(d.text, '');
  assertProblem(await srv.get(`/api/v1/people/${p.id}`, { as: admin }), 404);
  assertProblem(await srv.del(`/api/v1/people/${p.id}`, { as: admin }), 404);
  assertProblem(await srv.patch(`/api/v1/people/${p.id}`, { daily_rate: 1 }, { as: rec, ifMatch: '"2"' }), 404);
  assert.equal(srv.sqlValue(`SELECT count(*) FROM person_skills WHERE person_id = ${p.id}`), 0, 'skills deleted with the person');
});

test('deleting a person removes their candidacies too', async () => {
  const p = (await srv.post('/api/v1/people', AWA, { as: rec })).json;
  const c = await srv.post('/api/v1/candidacies', { person_id: p.id, need_id: 1 }, { as: rec });
  assert.equal(c.status, 201);
  assert.equal((await srv.del(`/api/v1/people/${p.id}`, { as: admin })).status, 204);
  assertProblem(await srv.get(`/api/v1/candidacies/${c.json.id}`, { as: admin }), 404);
});

test('the list filters by kind', async () => {
  for (const kind of ['candidate', 'consultant']) {
    const r = await srv.get(`/api/v1/people?kind=${kind}&limit=200`, { as: rec });
    assert.equal(r.status, 200);
    assert.ok(r.json.items.length > 0);
    assert.ok(r.json.items.every((p) => p.kind === kind));
    assert.equal(r.json.items.length, srv.sqlValue(`SELECT count(*) FROM people WHERE kind = '${kind}'`));
  }
  assertProblem(await srv.get('/api/v1/people?kind=employee', { as: rec }), 400);
});

test('the list filters by q on names and e-mail, without regard to case', async () => {
  const p = (await srv.post('/api/v1/people', { ...AWA, first_name: 'Zéphyrine', last_name: 'Quenouille', email: 'zq@unique.example' }, { as: rec })).json;
  for (const q of ['Quenouille', 'quenouille', 'QUENOUILLE', 'Zéphyrine Quenouille', 'Quenouille Zéphyrine', 'zq@unique']) {
    const r = await srv.get(`/api/v1/people?q=${encodeURIComponent(q)}`, { as: rec });
    assert.equal(r.status, 200);
    assert.deepEqual(r.json.items.map((x) => x.id), [p.id], q);
  }
});

test('the q filter finds people by name without regard to accents', async () => {
  const p = (await srv.post('/api/v1/people', { ...AWA, first_name: 'Hélène', last_name: 'Çağlar' }, { as: rec })).json;
  for (const q of ['helene', 'HÉLÈNE', 'caglar']) {
    const r = await srv.get(`/api/v1/people?q=${encodeURIComponent(q)}`, { as: rec });
    assert.ok(r.json.items.some((x) => x.id === p.id), q);
  }
});

test('the list filters by skill, given by id or alias', async () => {
  const r = await srv.get('/api/v1/people?skill=kubernetes&limit=200', { as: rec });
  assert.equal(r.status, 200);
  assert.ok(r.json.items.length > 0);
  assert.ok(r.json.items.every((p) => p.skills.some((s) => s.skill === 'kubernetes')));
  assert.equal(r.json.items.length, srv.sqlValue("SELECT count(*) FROM person_skills WHERE skill = 'kubernetes'"));
  const alias = await srv.get('/api/v1/people?skill=k8s&limit=200', { as: rec });
  assert.deepEqual(alias.json.items.map((p) => p.id), r.json.items.map((p) => p.id));
  const both = await srv.get('/api/v1/people?skill=java&kind=consultant&limit=200', { as: rec });
  assert.ok(both.json.items.every((p) => p.kind === 'consultant' && p.skills.some((s) => s.skill === 'java')));
  assert.deepEqual((await srv.get('/api/v1/people?skill=notaskillatall', { as: rec })).json.items, []);
});

test('cursor pagination over people visits everyone once', async () => {
  const total = srv.sqlValue('SELECT count(*) FROM people');
  const seen = [];
  let cursor = null;
  do {
    const r = await srv.get(`/api/v1/people?limit=7${cursor ? `&cursor=${cursor}` : ''}`, { as: rec });
    assert.equal(r.status, 200);
    seen.push(...r.json.items.map((p) => p.id));
    cursor = r.json.next_cursor;
  } while (cursor !== null);
  assert.equal(seen.length, total);
  assert.equal(new Set(seen).size, total);
  for (const qs of ['limit=0', 'limit=201', 'limit=abc']) assertProblem(await srv.get(`/api/v1/people?${qs}`, { as: rec }), 400, qs);
});

test('an invalid e-mail is refused and a valid one accepted', async () => {
  assertFieldError(await srv.post('/api/v1/people', { ...AWA, email: 'awa.example.org' }, { as: rec }), 'email');
  assertFieldError(await srv.patch('/api/v1/people/1', { email: 'a@b' }, { as: rec, ifMatch: '"1"' }), 'email');
  const r = await srv.post('/api/v1/people', { ...AWA, email: 'awa.diallo+cv@sub.example.org' }, { as: rec });
  assert.equal(r.status, 201);
});

test('2026-02-30 is not a date (422), on create and on update', async () => {
  const before = srv.snapshot();
  assertFieldError(await srv.post('/api/v1/people', { ...AWA, available_from: '2026-02-30' }, { as: rec }), 'available_from');
  assertFieldError(await srv.patch('/api/v1/people/1', { available_from: '2026-02-30' }, { as: rec, ifMatch: '"1"' }), 'available_from');
  assert.deepEqual(srv.snapshot(), before);
});

test('a daily rate out of bounds is refused', async () => {
  assertFieldError(await srv.post('/api/v1/people', { ...AWA, daily_rate: -1 }, { as: rec }), 'daily_rate');
  assertFieldError(await srv.post('/api/v1/people', { ...AWA, daily_rate: 100001 }, { as: rec }), 'daily_rate');
});

test('skills are replaced as a whole by a PATCH and cleared by an empty list', async () => {
  const p = (await srv.post('/api/v1/people', AWA, { as: rec })).json;
  const r = await srv.patch(`/api/v1/people/${p.id}`, { skills: [{ skill: 'Postgres', level: 5 }] }, { as: rec, ifMatch: '"1"' });
  assert.equal(r.status, 200);
  assert.deepEqual(r.json.skills.map((s) => s.skill), ['postgresql']);
  const e = await srv.patch(`/api/v1/people/${p.id}`, { skills: [] }, { as: rec, ifMatch: '"2"' });
  assert.deepEqual(e.json.skills, []);
  assert.equal(srv.sqlValue(`SELECT count(*) FROM person_skills WHERE person_id = ${p.id}`), 0);
});

test('a stale If-Match on a person is a 412 and keeps the first change', async () => {
  const p = (await srv.post('/api/v1/people', AWA, { as: rec })).json;
  assert.equal((await srv.patch(`/api/v1/people/${p.id}`, { location: 'Nantes' }, { as: rec, ifMatch: '"1"' })).status, 200);
  assertProblem(await srv.patch(`/api/v1/people/${p.id}`, { location: 'Brest' }, { as: admin, ifMatch: '"1"' }), 412);
  assert.equal(srv.sqlValue(`SELECT location FROM people WHERE id = ${p.id}`), 'Nantes');
});

test('skill labels follow Accept-Language', async () => {
  const p = (await srv.post('/api/v1/people', { ...AWA, skills: [{ skill: 'machine-learning', level: 3 }] }, { as: rec })).json;
  const fr = await srv.get(`/api/v1/people/${p.id}`, { as: rec });
  const en = await srv.get(`/api/v1/people/${p.id}`, { as: rec, headers: { 'Accept-Language': 'en' } });
  assert.equal(en.json.skills[0].label, 'Machine learning');
  assert.notEqual(fr.json.skills[0].label, en.json.skills[0].label);
});

test('the server still answers /healthz', async () => {
  await assertHealthy(srv);
});
