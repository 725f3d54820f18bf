// Duplicates flagged on create, change and import; merging two people.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, assertProblem, assertFieldError, assertHealthy } from './harness.mjs';

let srv, rec, admin, sales, tech;
before(async () => {
  srv = await startServer();
  rec = await srv.as('recruiter');
  admin = await srv.as('admin');
  sales = await srv.as('sales');
  tech = await srv.as('tech');
});
after(async () => {
  await srv.stop();
});

let seq = 0;
const person = async (fields, who = rec) => {
  seq++;
  const r = await srv.post('/api/v1/people', { kind: 'candidate', first_name: `Solo${seq}`, last_name: `Unique${seq}`, ...fields }, { as: who });
  assert.equal(r.status, 201, r.text);
  return r.json;
};
const pairs = async () => (await srv.get('/api/v1/people/duplicates?limit=200', { as: rec })).json.items;
const pairOf = async (a, b) => (await pairs()).find((p) => (p.a.id === a && p.b.id === b) || (p.a.id === b && p.b.id === a));

test('the same e-mail, whatever its case, is flagged on create', async () => {
  const a = await person({ email: 'awa.dup@example.org' });
  assert.deepEqual(a.duplicates, []);
  const b = await person({ email: ' AWA.Dup@Example.ORG ' });
  assert.deepEqual(b.duplicates.map((d) => [d.person_id, d.reasons]), [[a.id, ['email']]]);
  const p = await pairOf(a.id, b.id);
  assert.ok(p, 'listed');
  assert.deepEqual(p.reasons, ['email']);
  assert.equal(p.a.id, Math.min(a.id, b.id));
  const again = (await srv.get(`/api/v1/people/${a.id}`, { as: rec })).json;
  assert.equal(again.duplicates[0].person_id, b.id, 'both sides know');
});

test('the same phone written nationally or internationally is flagged', async () => {
  const a = await person({ phone: '+33 6 98 76 54 32' });
  const b = await person({ phone: '06.98.76.54.32' });
  const c = await person({ phone: '0033 (0)6 98 76 54 32' });
  assert.deepEqual(b.duplicates.map((d) => d.person_id), [a.id]);
  assert.deepEqual(c.duplicates.map((d) => d.person_id).sort(), [a.id, b.id].sort());
  assert.deepEqual((await pairOf(a.id, c.id)).reasons, ['phone']);
});

test('a very similar name in the same city is flagged; in another city, or a short different name, it is not', async () => {
  const a = await person({ first_name: 'Jean-Éric', last_name: 'Delacroix', location: 'Saint-Étienne' });
  const typo = await person({ first_name: 'jean eric', last_name: 'Delacroux', location: 'saint etienne' });
  const swapped = await person({ first_name: 'Delacroix', last_name: 'Jean-Eric', location: 'Saint Etienne' });
  const elsewhere = await person({ first_name: 'Jean-Éric', last_name: 'Delacroix', location: 'Lyon' });
  assert.deepEqual(typo.duplicates.map((d) => [d.person_id, d.reasons]), [[a.id, ['name']]]);
  assert.ok(swapped.duplicates.some((d) => d.person_id === a.id), 'first and last name swapped');
  assert.ok(!elsewhere.duplicates.some((d) => d.person_id === a.id), 'another city');
  const li = await person({ first_name: 'Li', last_name: 'Wu', location: 'Lille' });
  const xu = await person({ first_name: 'Li', last_name: 'Xu', location: 'Lille' });
  assert.ok(!xu.duplicates.some((d) => d.person_id === li.id), 'short names must be equal');
  const middle = await person({ first_name: 'Jean Pierre', last_name: 'Martin', location: 'Lille' });
  const short = await person({ first_name: 'Jean', last_name: 'Martin', location: 'Lille' });
  assert.ok(short.duplicates.some((d) => d.person_id === middle.id), 'a middle name left out');
});

test('a change that makes two people alike flags them (PATCH)', async () => {
  const a = await person({ email: 'patch.one@example.org' });
  const b = await person({});
  const u = await srv.patch(`/api/v1/people/${b.id}`, { email: 'PATCH.one@example.org' }, { as: rec, ifMatch: '"1"' });
  assert.equal(u.status, 200, u.text);
  assert.deepEqual(u.json.duplicates.map((d) => d.person_id), [a.id]);
});

test('imports flag duplicates of known people and between rows', async () => {
  const known = await person({ email: 'known.csv@example.org' });
  const file = 'kind,first_name,last_name,email,phone\n' +
    'candidate,Known,Again,known.csv@example.org,\n' +
    'candidate,Row,Three,,07 11 11 11 11\n' +
    'candidate,Row,Four,,+33711111111\n';
  const r = await srv.req('POST', '/api/v1/import/people.csv', { as: rec, raw: file, contentType: 'text/csv' });
  assert.equal(r.status, 200, r.text);
  assert.deepEqual(r.json.duplicates, [
    { row: 2, reasons: ['email'], duplicate_of: known.id },
    { row: 4, reasons: ['phone'], duplicate_of_row: 3 },
  ]);
  assert.ok(await pairOf(known.id, r.json.ids[0]));
  assert.ok(await pairOf(r.json.ids[1], r.json.ids[2]));
  const j = await srv.post('/api/v1/import/jsonresume', { basics: { name: 'Resume Known', email: 'Known.CSV@example.org' } }, { as: rec });
  assert.equal(j.status, 201, j.text);
  assert.ok(j.json.person.duplicates.some((d) => d.person_id === known.id));
});

test('a pair found to be two people is dismissed and not listed again', async () => {
  const a = await person({ email: 'twins@example.org' });
  const b = await person({ email: 'twins@example.org' });
  const p = await pairOf(a.id, b.id);
  assertProblem(await srv.del(`/api/v1/duplicates/${p.id}`, { as: tech }), 403);
  const d = await srv.del(`/api/v1/duplicates/${p.id}`, { as: rec });
  assert.equal(d.status, 204);
  assert.equal(await pairOf(a.id, b.id), undefined);
  await srv.patch(`/api/v1/people/${b.id}`, { location: 'Brest' }, { as: rec, ifMatch: '"1"' });
  assert.equal(await pairOf(a.id, b.id), undefined, 'a later change does not bring it back');
  assertProblem(await srv.del(`/api/v1/duplicates/${p.id}`, { as: rec }), 404);
});

test('a merge unites skills (higher level), fills blanks, moves candidacies, keeps the most advanced, then deletes', async () => {
  const keep = await person({ email: 'merge.keep@example.org', skills: [{ skill: 'java', level: 2, years: 8 }, { skill: 'sql', level: 4 }] });
  // made by an admin: a recruiter may not send a rate, though their merge fills it (domain/visibility.h)
  const from = await person({ email: 'MERGE.keep@example.org', phone: '0601020304', location: 'Nantes', daily_rate: 480,
    skills: [{ skill: 'java', level: 5, years: 3 }, { skill: 'docker', level: 3 }] }, admin);
  // need 1: both in the pipeline, the merged one further; need 2: only the merged one; need 3: only the kept one, further
  const c1k = (await srv.post('/api/v1/candidacies', { person_id: keep.id, need_id: 1, stage: 'contacted' }, { as: rec })).json;
  const c1f = (await srv.post('/api/v1/candidacies', { person_id: from.id, need_id: 1, stage: 'client_interview' }, { as: rec })).json;
  const c2f = (await srv.post('/api/v1/candidacies', { person_id: from.id, need_id: 2 }, { as: rec })).json;
  const c3k = (await srv.post('/api/v1/candidacies', { person_id: keep.id, need_id: 3, stage: 'offer' }, { as: rec })).json;
  const c3f = (await srv.post('/api/v1/candidacies', { person_id: from.id, need_id: 3, stage: 'rejected', reason: 'non' }, { as: rec })).json;
  srv.sqlExec(`INSERT INTO application_links (token_hash, candidacy_id, created_at) VALUES ('hash-merge-test', ${c1k.id}, '2026-01-01T00:00:00Z')`);
  const v = (await srv.get(`/api/v1/people/${keep.id}`, { as: rec })).json.version;
  const m = await srv.post(`/api/v1/people/${keep.id}/merge`, { from_id: from.id }, { as: rec, ifMatch: `"${v}"` });
  assert.equal(m.status, 200, m.text);
  assert.equal(m.headers.get('etag'), `"${v + 1}"`);
  const p = m.json.person;
  assert.equal(p.email, 'merge.keep@example.org', 'the kept value stays');
  assert.equal(p.phone, '0601020304');
  assert.equal(p.location, 'Nantes');
  assert.equal('daily_rate' in p, false, 'the recruiter does not see the rate the merge kept');
  assert.equal((await srv.get(`/api/v1/people/${p.id}`, { as: admin })).json.daily_rate, 480);
  assert.deepEqual(m.json.filled.sort(), ['location', 'phone'], 'not even that a rate was filled');
  assert.deepEqual(p.skills.map((s) => [s.skill, s.level, s.years]).sort(), [['docker', 3, null], ['java', 5, 8], ['sql', 4, null]]);
  assert.deepEqual(p.duplicates, []);
  const byNeed = Object.fromEntries(m.json.candidacies.map((c) => [c.need_id, c]));
  assert.equal(byNeed[1].outcome, 'kept_most_advanced');
  assert.equal(byNeed[1].candidacy_id, c1f.id);
  assert.equal(byNeed[1].dropped_candidacy_id, c1k.id);
  assert.equal(byNeed[2].outcome, 'moved');
  assert.equal(byNeed[3].candidacy_id, c3k.id, 'an open offer beats a rejection');
  const left = srv.sql(`SELECT id, need_id, stage FROM candidacies WHERE person_id = ${keep.id} ORDER BY need_id`);
  assert.deepEqual(left.map((c) => [c.id, c.need_id, c.stage]), [[c1f.id, 1, 'client_interview'], [c2f.id, 2, 'sourced'], [c3k.id, 3, 'offer']]);
  assert.equal(srv.sqlValue(`SELECT count(*) FROM candidacies WHERE id IN (${c1k.id}, ${c3f.id})`), 0);
  assert.equal(srv.sqlValue("SELECT candidacy_id FROM application_links WHERE token_hash = 'hash-merge-test'"), c1f.id, 'the status link still works');
  assertProblem(await srv.get(`/api/v1/people/${from.id}`, { as: rec }), 404);
  assert.equal(srv.sqlValue(`SELECT count(*) FROM person_skills WHERE person_id = ${from.id}`), 0);
  // history: the merge record keeps the merged person; audit rows for both
  const rec1 = srv.sql(`SELECT into_id, from_id, merged FROM person_merges WHERE id = ${m.json.merge_id}`)[0];
  assert.equal(rec1.into_id, keep.id);
  assert.equal(JSON.parse(rec1.merged).merged.email, 'MERGE.keep@example.org');
  assert.equal(srv.sqlValue(`SELECT count(*) FROM audit_log WHERE object_type = 'person' AND object_id = ${keep.id} AND action = 'POST /api/v1/people/{id}/merge'`), 1);
  assert.equal(srv.sqlValue(`SELECT count(*) FROM audit_log WHERE object_id = ${from.id} AND action = 'merged into person ${keep.id}'`), 1);
  // the event log: the merge, the person gone, each candidacy moved or dropped
  const ev = srv.sql(`SELECT type, object_type, object_id, person_id, after_json FROM events WHERE id > (SELECT max(id) - 10 FROM events) ORDER BY id`);
  const merged = ev.find((e) => e.type === 'person.merged');
  assert.equal(merged.object_id, keep.id);
  assert.equal(JSON.parse(merged.after_json).from_id, from.id);
  assert.ok(ev.some((e) => e.type === 'person.deleted' && e.object_id === from.id && JSON.parse(e.after_json).merged_into === keep.id));
  assert.deepEqual(ev.filter((e) => e.type === 'candidacy.person').map((e) => e.object_id).sort(), [c1f.id, c2f.id].sort());
  assert.deepEqual(ev.filter((e) => e.type === 'candidacy.deleted').map((e) => e.object_id).sort(), [c1k.id, c3f.id].sort());
  assert.ok(!ev.some((e) => /merge\.keep@/i.test(e.after_json || '')), 'no personal data in events');
});

test('merge errors: itself, unknown ids, stale or missing If-Match, bad bodies, roles — and nothing is written', async () => {
  const a = await person({});
  const b = await person({});
  const before = srv.snapshot();
  assertFieldError(await srv.post(`/api/v1/people/${a.id}/merge`, { from_id: a.id }, { as: rec, ifMatch: '"1"' }), 'from_id');
  assertFieldError(await srv.post(`/api/v1/people/${a.id}/merge`, { from_id: 999999 }, { as: rec, ifMatch: '"1"' }), 'from_id');
  assertProblem(await srv.post('/api/v1/people/999999/merge', { from_id: b.id }, { as: rec, ifMatch: '"1"' }), 404);
  assertProblem(await srv.post(`/api/v1/people/${a.id}/merge`, { from_id: b.id }, { as: rec, ifMatch: '"7"' }), 412);
  assertProblem(await srv.post(`/api/v1/people/${a.id}/merge`, { from_id: b.id }, { as: rec }), 428);
  assertFieldError(await srv.post(`/api/v1/people/${a.id}/merge`, { from_id: 'x' }, { as: rec, ifMatch: '"1"' }), 'from_id');
  assertFieldError(await srv.post(`/api/v1/people/${a.id}/merge`, {}, { as: rec, ifMatch: '"1"' }), 'from_id');
  assertFieldError(await srv.post(`/api/v1/people/${a.id}/merge`, { from_id: b.id, extra: 1 }, { as: rec, ifMatch: '"1"' }), 'extra');
  assertProblem(await srv.post(`/api/v1/people/${a.id}/merge`, { from_id: b.id }, { as: sales, ifMatch: '"1"' }), 403);
  assertProblem(await srv.post(`/api/v1/people/${a.id}/merge`, { from_id: b.id }, { as: tech, ifMatch: '"1"' }), 403);
  assert.deepEqual(srv.snapshot(), before);
  const ok = await srv.post(`/api/v1/people/${a.id}/merge`, { from_id: b.id }, { as: admin, ifMatch: '"1"' });
  assert.equal(ok.status, 200, ok.text);
});

test('the server is still healthy', async () => {
  await assertHealthy(srv);
});
