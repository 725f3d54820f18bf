// The event log: every business change is one row, written in the same
// transaction as the change, never by a refused request, in commit order,
// with no personal data; the server follows it before answering.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer } from './harness.mjs';

let srv, rec, sales, tech;
before(async () => {
  srv = await startServer();
  [rec, sales, tech] = [await srv.as('recruiter'), await srv.as('sales'), await srv.as('tech')];
});
after(async () => {
  await srv.stop();
});

const lastId = () => srv.sqlValue('SELECT coalesce(max(id), 0) FROM events');
const eventsAfter = (id) => srv.sql(`SELECT * FROM events WHERE id > ${id} ORDER BY id`);

async function followedId() {
  const m = await srv.get('/metrics');
  return Number(/^alliance_events_followed_last_id (\d+)$/m.exec(m.text)[1]);
}

test('a stage move is one candidacy.stage event with before, after, actor and refs', async () => {
  const need = (await srv.post('/api/v1/needs', { title: 'Besoin journal' }, { as: sales })).json;
  const person = (await srv.post('/api/v1/people', { kind: 'candidate', first_name: 'Jeanne', last_name: 'Journal',
    email: 'jeanne.journal@example.org' }, { as: rec })).json;
  const mark = lastId();
  const c = await srv.post('/api/v1/candidacies', { person_id: person.id, need_id: need.id }, { as: rec });
  assert.equal(c.status, 201, c.text);
  const moved = await srv.patch(`/api/v1/candidacies/${c.json.id}`, { stage: 'contacted' }, { as: rec, ifMatch: '"1"' });
  assert.equal(moved.status, 200, moved.text);
  const ev = eventsAfter(mark);
  // the stage change also told the candidate (mail): a candidate-facing message
  assert.deepEqual(ev.map((e) => e.type), ['candidacy.created', 'candidacy.stage', 'candidate.message']);
  assert.deepEqual(JSON.parse(ev[2].after_json), { kind: 'stage_contacted', first_answer: true, interview_id: null });
  const [created, stage] = ev;
  assert.equal(created.object_type, 'candidacy');
  assert.equal(Number(created.object_id), c.json.id);
  assert.equal(Number(stage.need_id), need.id);
  assert.equal(Number(stage.person_id), person.id);
  assert.equal(Number(stage.actor_id), rec.user.id);
  assert.deepEqual(JSON.parse(stage.before_json), { stage: 'sourced' });
  assert.deepEqual(JSON.parse(stage.after_json), { reason: null, stage: 'contacted' });
  assert.ok(Number(stage.id) > Number(created.id));
  assert.match(stage.at, /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
});

test('a refused request (422, 412) writes no event', async () => {
  const mark = lastId();
  const bad = await srv.post('/api/v1/people', { kind: 'martian', first_name: 'X', last_name: 'Y' }, { as: rec });
  assert.equal(bad.status, 422);
  const stale = await srv.patch('/api/v1/needs/1', { title: 'Trop tard' }, { as: sales, ifMatch: '"999"' });
  assert.equal(stale.status, 412);
  assert.equal(lastId(), mark);
});

test('person events carry no personal data (the log outlives an erasure)', async () => {
  const mark = lastId();
  const p = (await srv.post('/api/v1/people', { kind: 'candidate', first_name: 'Zébulon', last_name: 'Secretissime',
    email: 'zebulon.secret@example.org', phone: '+33 6 11 22 33 44', location: 'Quimper' }, { as: rec })).json;
  await srv.patch(`/api/v1/people/${p.id}`, { location: 'Brest' }, { as: rec, ifMatch: '"1"' });
  assert.equal((await srv.del(`/api/v1/people/${p.id}`, { as: await srv.as('admin') })).status, 204);
  const ev = eventsAfter(mark);
  assert.deepEqual(ev.map((e) => e.type), ['person.created', 'person.updated', 'person.deleted']);
  const text = JSON.stringify(ev);
  for (const secret of ['Zébulon', 'Secretissime', 'zebulon.secret', '11 22 33', 'Quimper', 'Brest'])
    assert.ok(!text.includes(secret), `${secret} found in the event log`);
});

test('need status moves, deal stages and reviews are events; a won deal records the needs it opens', async () => {
  const client = (await srv.post('/api/v1/clients', { name: `Client journal ${Date.now()}` }, { as: sales })).json;
  const need = (await srv.post('/api/v1/needs', { title: 'Besoin gagné', client_id: client.id, location: 'Lyon',
    start_date: '2027-02-01', skills: [{ skill: 'java', min_level: 3 }] }, { as: sales })).json;
  const q = await srv.patch(`/api/v1/needs/${need.id}`, { status: 'qualified' }, { as: sales, ifMatch: `"${need.version}"` });
  assert.equal(q.status, 200, q.text);
  const deal = (await srv.post('/api/v1/deals', { client_id: client.id, title: 'Affaire journal', amount: 4200000,
    need_ids: [need.id] }, { as: sales })).json;
  assert.equal((await srv.post(`/api/v1/deals/${deal.id}/reviews`, { verdict: 'go', effort_days: 10 }, { as: tech })).status, 201);
  const mark = lastId();
  const cur = await srv.get(`/api/v1/deals/${deal.id}`, { as: sales });
  const won = await srv.patch(`/api/v1/deals/${deal.id}`, { stage: 'won' }, { as: sales, ifMatch: cur.headers.get('etag') });
  assert.equal(won.status, 200, won.text);
  const ev = eventsAfter(mark);
  assert.deepEqual(ev.map((e) => e.type), ['deal.stage', 'need.status']);
  assert.deepEqual(JSON.parse(ev[0].after_json), { amount: 4200000, stage: 'won' });
  assert.equal(JSON.parse(ev[1].before_json).status, 'qualified');
  assert.equal(JSON.parse(ev[1].after_json).status, 'open');
  assert.equal(Number(ev[1].client_id), client.id);
  const all = srv.sql(`SELECT type FROM events WHERE client_id = ${client.id} ORDER BY id`).map((e) => e.type);
  assert.deepEqual(all, ['client.created', 'need.created', 'need.status', 'deal.created', 'review.created', 'deal.stage', 'need.status']);
});

test('the server has followed its own write before answering it', async () => {
  const r = await srv.post('/api/v1/people', { kind: 'consultant', first_name: 'Suivi', last_name: 'Immédiat' }, { as: rec });
  assert.equal(r.status, 201);
  assert.equal(await followedId(), Number(lastId()));
});

test('concurrent writers: event ids follow commit order, one event per acknowledged write', async () => {
  const mark = lastId();
  const results = await Promise.all(Array.from({ length: 40 }, (_, i) =>
    srv.post('/api/v1/people', { kind: 'candidate', first_name: `Parallèle${i}`, last_name: 'Course' }, { as: rec })));
  const created = results.filter((r) => r.status === 201).map((r) => r.json.id);
  assert.equal(created.length, 40);
  const ev = eventsAfter(mark).filter((e) => e.type === 'person.created');
  assert.deepEqual(ev.map((e) => Number(e.object_id)).sort((a, b) => a - b), created.sort((a, b) => a - b));
  // commit order: SQLite runs one writer at a time, so object ids (assigned in the same
  // transactions) grow with the event ids too. PostgreSQL writers overlap
  // until the commit-order lock taken just before COMMIT: a sequence hands
  // out people ids at INSERT time, so two writers may commit in the other
  // order; there only the event ids are in commit order.
  if (!process.env.ALLIANCE_TEST_PG) {
    const objs = ev.map((e) => Number(e.object_id));
    assert.deepEqual(objs, [...objs].sort((a, b) => a - b));
  }
});
