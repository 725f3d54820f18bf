// Candidacies: a person in the pipeline of a need (API.md "Candidacy").
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, assertProblem, assertFieldError, assertHealthy } from './harness.mjs';

let srv, rec, admin, need;
const newPerson = async (name = 'Pipe') =>
  (await srv.post('/api/v1/people', { kind: 'candidate', first_name: name, last_name: 'Line' }, { as: rec })).json;

before(async () => {
  srv = await startServer();
  rec = await srv.as('recruiter');
  admin = await srv.as('admin');
  need = (await srv.post('/api/v1/needs', { title: 'Besoin pipeline' }, { as: admin })).json;
});
after(async () => {
  await srv.stop();
});

test('creating a candidacy answers 201, stage sourced by default, with ETag', async () => {
  const p = await newPerson();
  const r = await srv.post('/api/v1/candidacies', { person_id: p.id, need_id: need.id }, { as: rec });
  assert.equal(r.status, 201, r.text);
  assert.equal(r.headers.get('etag'), '"1"');
  const c = r.json;
  assert.equal(c.stage, 'sourced');
  assert.equal(c.person_id, p.id);
  assert.equal(c.need_id, need.id);
  assert.equal(c.version, 1);
  assert.equal(typeof c.updated_at, 'string');
  assert.equal(c.reason, null);
  const g = await srv.get(`/api/v1/candidacies/${c.id}`, { as: rec });
  assert.deepEqual(g.json, c);
  assert.equal(srv.sqlValue(`SELECT stage FROM candidacies WHERE id = ${c.id}`), 'sourced');
});

test('the same person twice on the same need is a 409 and adds nothing', async () => {
  const p = await newPerson();
  assert.equal((await srv.post('/api/v1/candidacies', { person_id: p.id, need_id: need.id }, { as: rec })).status, 201);
  const before = srv.snapshot();
  const r = await srv.post('/api/v1/candidacies', { person_id: p.id, need_id: need.id, stage: 'contacted' }, { as: rec });
  assertProblem(r, 409);
  assert.deepEqual(srv.snapshot(), before);
  // the same person on another need is fine
  const other = (await srv.post('/api/v1/needs', { title: 'Autre besoin' }, { as: admin })).json;
  assert.equal((await srv.post('/api/v1/candidacies', { person_id: p.id, need_id: other.id }, { as: rec })).status, 201);
});

test('a candidacy moves across the stages with If-Match, each move +1 version', async () => {
  const p = await newPerson();
  const c = (await srv.post('/api/v1/candidacies', { person_id: p.id, need_id: need.id }, { as: rec })).json;
  let etag = '"1"';
  for (const stage of ['contacted', 'interview', 'client_interview', 'offer', 'hired']) {
    const r = await srv.patch(`/api/v1/candidacies/${c.id}`, { stage }, { as: rec, ifMatch: etag });
    assert.equal(r.status, 200, `${stage}: ${r.text}`);
    assert.equal(r.json.stage, stage);
    etag = r.headers.get('etag');
  }
  assert.equal(etag, '"6"');
  assert.equal(srv.sqlValue(`SELECT stage || '/' || version FROM candidacies WHERE id = ${c.id}`), 'hired/6');
});

test('hired is final: any other stage is a 409', async () => {
  const p = await newPerson();
  const c = (await srv.post('/api/v1/candidacies', { person_id: p.id, need_id: need.id, stage: 'hired' }, { as: rec })).json;
  assert.equal(c.stage, 'hired');
  for (const stage of ['offer', 'sourced', 'rejected', 'withdrawn']) {
    const before = srv.snapshot();
    const r = await srv.patch(`/api/v1/candidacies/${c.id}`, { stage, reason: 'changement' }, { as: rec, ifMatch: '"1"' });
    assertProblem(r, 409, stage);
    assert.deepEqual(srv.snapshot(), before);
  }
  assert.equal(srv.sqlValue(`SELECT stage FROM candidacies WHERE id = ${c.id}`), 'hired');
});

test('rejected or withdrawn without a reason is a 422 on reason', async () => {
  const p = await newPerson();
  const c = (await srv.post('/api/v1/candidacies', { person_id: p.id, need_id: need.id }, { as: rec })).json;
  for (const stage of ['rejected', 'withdrawn']) {
    const before = srv.snapshot();
    assertFieldError(await srv.patch(`/api/v1/candidacies/${c.id}`, { stage }, { as: rec, ifMatch: '"1"' }), 'reason', stage);
    assertFieldError(await srv.patch(`/api/v1/candidacies/${c.id}`, { stage, reason: '   ' }, { as: rec, ifMatch: '"1"' }), 'reason', stage);
    assertFieldError(await srv.patch(`/api/v1/candidacies/${c.id}`, { stage, reason: null }, { as: rec, ifMatch: '"1"' }), 'reason', stage);
    assert.deepEqual(srv.snapshot(), before);
  }
  const p2 = await newPerson();
  assertFieldError(await srv.post('/api/v1/candidacies', { person_id: p2.id, need_id: need.id, stage: 'rejected' }, { as: rec }), 'reason');
});

test('rejected with a reason is accepted and the reason kept; another stage drops the reason', async () => {
  const p = await newPerson();
  const c = (await srv.post('/api/v1/candidacies', { person_id: p.id, need_id: need.id }, { as: rec })).json;
  const r = await srv.patch(`/api/v1/candidacies/${c.id}`, { stage: 'rejected', reason: 'Profil trop junior' }, { as: rec, ifMatch: '"1"' });
  assert.equal(r.status, 200, r.text);
  assert.equal(r.json.reason, 'Profil trop junior');
  assert.equal(srv.sqlValue(`SELECT reason FROM candidacies WHERE id = ${c.id}`), 'Profil trop junior');
  const w = await srv.patch(`/api/v1/candidacies/${c.id}`, { stage: 'withdrawn', reason: 'A accepté une autre offre' }, { as: rec, ifMatch: '"2"' });
  assert.equal(w.status, 200);
  const back = await srv.patch(`/api/v1/candidacies/${c.id}`, { stage: 'interview' }, { as: rec, ifMatch: '"3"' });
  assert.equal(back.status, 200);
  assert.equal(back.json.reason, null);
});

test('a stage move needs If-Match (428) and a current one (412)', async () => {
  const p = await newPerson();
  const c = (await srv.post('/api/v1/candidacies', { person_id: p.id, need_id: need.id }, { as: rec })).json;
  assertProblem(await srv.patch(`/api/v1/candidacies/${c.id}`, { stage: 'contacted' }, { as: rec }), 428);
  assert.equal((await srv.patch(`/api/v1/candidacies/${c.id}`, { stage: 'contacted' }, { as: rec, ifMatch: '"1"' })).status, 200);
  assertProblem(await srv.patch(`/api/v1/candidacies/${c.id}`, { stage: 'interview' }, { as: admin, ifMatch: '"1"' }), 412);
  assert.equal(srv.sqlValue(`SELECT stage FROM candidacies WHERE id = ${c.id}`), 'contacted');
});

test('an unknown stage is refused (422 on stage) and changes nothing', async () => {
  const p = await newPerson();
  const c = (await srv.post('/api/v1/candidacies', { person_id: p.id, need_id: need.id }, { as: rec })).json;
  assertFieldError(await srv.patch(`/api/v1/candidacies/${c.id}`, { stage: 'signed' }, { as: rec, ifMatch: '"1"' }), 'stage');
  assertFieldError(await srv.patch(`/api/v1/candidacies/${c.id}`, { stage: 3 }, { as: rec, ifMatch: '"1"' }), 'stage');
  assertFieldError(await srv.patch(`/api/v1/candidacies/${c.id}`, { person_id: 1 }, { as: rec, ifMatch: '"1"' }), 'person_id');
  assert.equal(srv.sqlValue(`SELECT stage || '/' || version FROM candidacies WHERE id = ${c.id}`), 'sourced/1');
});

test('the list filters by need_id, person_id and stage', async () => {
  const n = (await srv.post('/api/v1/needs', { title: 'Liste' }, { as: admin })).json;
  const ids = [];
  for (let i = 0; i < 3; i++) {
    const p = await newPerson(`L${i}`);
    ids.push((await srv.post('/api/v1/candidacies', { person_id: p.id, need_id: n.id, stage: i === 2 ? 'interview' : 'sourced' }, { as: rec })).json.id);
  }
  const r = await srv.get(`/api/v1/candidacies?need_id=${n.id}`, { as: rec });
  assert.equal(r.status, 200);
  assert.deepEqual(r.json.items.map((c) => c.id).sort((a, b) => a - b), ids);
  assert.ok(r.json.items.every((c) => c.need_id === n.id));
  const s = await srv.get(`/api/v1/candidacies?need_id=${n.id}&stage=interview`, { as: rec });
  assert.deepEqual(s.json.items.map((c) => c.id), [ids[2]]);
  const demo = await srv.get('/api/v1/candidacies?stage=hired', { as: rec });
  assert.ok(demo.json.items.length > 0 && demo.json.items.every((c) => c.stage === 'hired'));
  for (const qs of ['need_id=abc', 'need_id=0', 'person_id=x', 'stage=won', 'limit=0', 'limit=201']) {
    assertProblem(await srv.get(`/api/v1/candidacies?${qs}`, { as: rec }), 400, qs);
  }
  assert.deepEqual((await srv.get('/api/v1/candidacies?need_id=999999', { as: rec })).json.items, []);
});

test('unknown person or need in a candidacy are 422s; unknown candidacy is a 404', async () => {
  const before = srv.snapshot();
  assertFieldError(await srv.post('/api/v1/candidacies', { person_id: 999999, need_id: need.id }, { as: rec }), 'person_id');
  assertFieldError(await srv.post('/api/v1/candidacies', { person_id: 1, need_id: 999999 }, { as: rec }), 'need_id');
  assertProblem(await srv.get('/api/v1/candidacies/999999', { as: rec }), 404);
  assertProblem(await srv.patch('/api/v1/candidacies/999999', { stage: 'contacted' }, { as: rec, ifMatch: '"1"' }), 404);
  assert.deepEqual(srv.snapshot(), before);
});

test('a tech lead may read candidacies but not move them', async () => {
  const tech = await srv.as('tech');
  assert.equal((await srv.get('/api/v1/candidacies', { as: tech })).status, 200);
  assertProblem(await srv.patch('/api/v1/candidacies/1', { stage: 'contacted' }, { as: tech, ifMatch: '"1"' }), 403);
});

test('the server still answers /healthz', async () => {
  await assertHealthy(srv);
});
