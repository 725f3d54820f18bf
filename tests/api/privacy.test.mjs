// The rights of the people the firm keeps data on: access (one JSON
// document with everything) and erasure (personal data gone from every
// table, proven on a dump of the whole database; facts kept).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { PG, startServer, assertProblem, assertFieldError, assertHealthy } from './harness.mjs';

let srv, rec, manager;
before(async () => {
  srv = await startServer();
  rec = await srv.as('recruiter');
  manager = await srv.as('manager');
});
after(async () => {
  await srv.stop();
});

// words that belong to this person only, to look for afterwards
const SECRET = { first: 'Zéphyrin', last: 'Quastelbaum', email: 'zephyrin.quastelbaum@unique-mail.example', phone: '+33 6 98 76 54 32', city: 'Trifouilly-les-Oies' };

/** The whole database as text: sqlite3 .dump or pg_dump. */
function dump() {
  const r = PG ? spawnSync('pg_dump', ['--data-only', srv.db], { encoding: 'utf8' })
    : spawnSync('sqlite3', [srv.db, '.dump'], { encoding: 'utf8' });
  assert.equal(r.status, 0, r.stderr);
  assert.ok(r.stdout.length > 10000, 'a real dump');
  return r.stdout;
}

async function makePerson() {
  const p = await srv.post('/api/v1/people', {
    kind: 'candidate', first_name: SECRET.first, last_name: SECRET.last, email: SECRET.email, phone: SECRET.phone,
    location: SECRET.city, daily_rate: 612, skills: [{ skill: 'kafka', level: 4 }],
  }, { as: manager }); // a manager: recruiters may not send a rate (domain/visibility.h)
  assert.equal(p.status, 201, p.text);
  const need = srv.sql(`SELECT id FROM needs ORDER BY id LIMIT 1`)[0].id;
  const c = await srv.post('/api/v1/candidacies', { person_id: p.json.id, need_id: need }, { as: rec });
  assert.equal(c.status, 201, c.text);
  const moved = await srv.patch(`/api/v1/candidacies/${c.json.id}`, { stage: 'rejected', reason: `${SECRET.last} préfère Trifouilly-les-Oies` },
    { as: rec, ifMatch: c.json.version });
  assert.equal(moved.status, 200, moved.text);
  return { person: p.json, candidacy: moved.json };
}

test('the export is one JSON document with the person, candidacies, events and audit, as a download', async () => {
  const { person, candidacy } = await makePerson();
  const r = await srv.get(`/api/v1/people/${person.id}/export`, { as: rec });
  assert.equal(r.status, 200, r.text);
  assert.match(r.headers.get('content-disposition'), new RegExp(`^attachment; filename="person-${person.id}\\.json"$`));
  const d = r.json;
  assert.equal(d.format, 'alliance.person-export/1');
  assert.equal(d.person.email, SECRET.email);
  assert.equal(d.erased_at, null);
  assert.deepEqual(d.candidacies.map((c) => [c.id, c.stage, c.reason]), [[candidacy.id, 'rejected', candidacy.reason]]);
  assert.ok(d.events.some((e) => e.type === 'person.created'));
  assert.ok(d.events.some((e) => e.type === 'candidacy.stage' && e.after.stage === 'rejected'));
  assert.ok(d.audit.some((a) => a.action === 'POST /api/v1/people'));
  assertProblem(await srv.get(`/api/v1/people/${person.id}/export`, { as: await srv.as('sales') }), 403);
  assertProblem(await srv.get('/api/v1/people/999999/export', { as: rec }), 404);
  assert.equal((await srv.post(`/api/v1/people/${person.id}/erase`, { reason: 'end of the export test' }, { as: manager })).status, 200);
});

test('erasure: admin or manager, with a reason; personal data is gone from every table, the facts stay', async () => {
  const { person, candidacy } = await makePerson();
  const text = dump();
  for (const w of Object.values(SECRET)) assert.ok(text.includes(w), `${w} is in the dump before`);
  assertProblem(await srv.post(`/api/v1/people/${person.id}/erase`, { reason: 'asked by e-mail' }, { as: rec }), 403);
  assertFieldError(await srv.post(`/api/v1/people/${person.id}/erase`, {}, { as: manager }), 'reason');
  assertFieldError(await srv.post(`/api/v1/people/${person.id}/erase`, { reason: '   ' }, { as: manager }), 'reason');
  const r = await srv.post(`/api/v1/people/${person.id}/erase`, { reason: 'demande du candidat (art. 17)' }, { as: manager });
  assert.equal(r.status, 200, r.text);
  assert.ok(r.json.events_redacted >= 3);
  // nothing of them anywhere
  const after = dump().toLowerCase();
  for (const w of Object.values(SECRET)) { const i = after.indexOf(w.toLowerCase()); assert.ok(i < 0, `${w} is still in the database: ...${after.slice(Math.max(0, i - 300), i + 100)}`); }
  assert.ok(!after.includes('quastelbaum'));
  // nor in the folded forms other features keep (duplicate keys, search text)
  for (const w of ['zephyrin', '0698765432', '698765432', 'trifouilly'])
    assert.ok(!after.includes(w), `${w} (folded) is still in the database: ...${after.slice(Math.max(0, after.indexOf(w) - 300), after.indexOf(w) + 100)}`);
  // facts: the row, the candidacy and its stage, the events' types and stages
  const g = await srv.get(`/api/v1/people/${person.id}`, { as: manager }); // who may see the (erased) rate
  assert.equal(g.status, 200);
  assert.deepEqual([g.json.email, g.json.phone, g.json.location, g.json.daily_rate, g.json.skills], [null, null, null, null, []]);
  assert.equal(g.json.kind, 'candidate');
  const c = await srv.get(`/api/v1/candidacies/${candidacy.id}`, { as: rec });
  assert.equal(c.json.stage, 'rejected');
  assert.equal(c.json.reason, null);
  const ev = srv.sql(`SELECT type, after_json FROM events WHERE person_id = ${person.id} ORDER BY id`);
  const types = ev.map((e) => e.type);
  for (const t of ['person.created', 'candidacy.created', 'candidacy.stage', 'person.erased']) assert.ok(types.includes(t), `${t} in ${types}`);
  const stage = ev.find((e) => e.type === 'candidacy.stage');
  assert.deepEqual(JSON.parse(stage.after_json), { stage: 'rejected' }, 'the fact stays, the reason goes');
  const x = await srv.get(`/api/v1/people/${person.id}/export`, { as: rec });
  assert.ok(x.json.erased_at);
  assert.deepEqual(x.json.erasures.map((e) => e.reason), ['demande du candidat (art. 17)']);
  assert.equal(x.json.erasures[0].actor_id, manager.user.id);
  assertProblem(await srv.post(`/api/v1/people/${person.id}/erase`, { reason: 'again' }, { as: manager }), 409);
  assertProblem(await srv.post('/api/v1/people/999999/erase', { reason: 'x' }, { as: manager }), 404);
  // the search forgets the person at once
  const s = await srv.get(`/api/v1/people?q=${encodeURIComponent(SECRET.last)}`, { as: rec });
  assert.deepEqual(s.json.items, []);
});

test('a refused erasure changes nothing', async () => {
  const { person } = await makePerson();
  const before = srv.snapshot();
  await srv.post(`/api/v1/people/${person.id}/erase`, { reason: 'x'.repeat(501) }, { as: manager });
  await srv.post(`/api/v1/people/${person.id}/erase`, { reason: 'ok', extra: 1 }, { as: manager });
  assert.deepEqual(srv.snapshot(), before);
  assert.equal(srv.sqlValue(`SELECT count(*) FROM erasures WHERE person_id = ${person.id}`), 0);
});

test('the server is healthy', async () => {
  await assertHealthy(srv);
});

test('a request is recorded with its deadline, answered with If-Match, and an erasure answers it', async () => {
  const { person } = await makePerson();
  const made = await srv.post('/api/v1/privacy/requests', { kind: 'erasure', requester: 'e-mail du candidat', person_id: person.id, received_on: '2024-01-31' }, { as: manager });
  assert.equal(made.status, 201, made.text);
  assert.equal(made.json.due_on, '2024-02-29');
  assert.equal(made.json.overdue, true);
  assert.equal(made.headers.get('location'), `/api/v1/privacy/requests/${made.json.id}`);
  const access = await srv.post('/api/v1/privacy/requests', { kind: 'access', requester: 'téléphone' }, { as: manager });
  assert.equal(access.status, 201);
  assert.equal(access.json.received_on, new Date().toISOString().slice(0, 10), 'received today by default');
  assert.equal(access.json.overdue, false);
  assert.equal(access.json.person_id, null);
  // open ones, answered ones
  const open = await srv.get('/api/v1/privacy/requests?open=true', { as: manager });
  assert.ok(open.json.items.some((x) => x.id === made.json.id) && open.json.items.some((x) => x.id === access.json.id));
  const answered = await srv.patch(`/api/v1/privacy/requests/${access.json.id}`, { answered_on: access.json.received_on, answer: 'export envoyé' },
    { as: manager, ifMatch: access.json.version });
  assert.equal(answered.status, 200, answered.text);
  assertProblem(await srv.patch(`/api/v1/privacy/requests/${access.json.id}`, { answer: 'x' }, { as: manager, ifMatch: access.json.version }), 412);
  // the erasure answers the erasure request of that person
  const e = await srv.post(`/api/v1/people/${person.id}/erase`, { reason: 'request ' + made.json.id }, { as: manager });
  assert.equal(e.json.requests_answered, 1);
  const still = (await srv.get('/api/v1/privacy/requests?open=true', { as: manager })).json.items.map((x) => x.id);
  assert.ok(!still.includes(made.json.id) && !still.includes(access.json.id));
  // checks at the door
  assertFieldError(await srv.post('/api/v1/privacy/requests', { kind: 'deletion', requester: 'x' }, { as: manager }), 'kind');
  assertFieldError(await srv.post('/api/v1/privacy/requests', { kind: 'access' }, { as: manager }), 'requester');
  assertFieldError(await srv.post('/api/v1/privacy/requests', { kind: 'access', requester: 'x', received_on: '2999-01-01' }, { as: manager }), 'received_on');
  assertFieldError(await srv.post('/api/v1/privacy/requests', { kind: 'access', requester: 'x', received_on: '2024-02-30' }, { as: manager }), 'received_on');
  assertFieldError(await srv.post('/api/v1/privacy/requests', { kind: 'access', requester: 'x', person_id: 999999 }, { as: manager }), 'person_id');
  assertFieldError(await srv.post('/api/v1/privacy/requests', { kind: 'access', requester: 'x', received_on: '2024-03-01', answered_on: '2024-02-01' }, { as: manager }), 'answered_on');
  assertProblem(await srv.get('/api/v1/privacy/requests?open=maybe', { as: manager }), 400);
  assertProblem(await srv.get('/api/v1/privacy/requests', { as: rec }), 403);
  assertProblem(await srv.post('/api/v1/privacy/requests', { kind: 'access', requester: 'x' }, { as: rec }), 403);
});
