// Input validation of every write route: malformed bodies, media types,
// sizes, field rules, references, If-Match; each refused write leaves the
// database exactly as it was.
import { test, before, after, beforeEach } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, assertProblem, assertFieldError, assertHealthy, INVALID_UTF8 } from './harness.mjs';

let srv, admin, person, need, cand, user, client;

before(async () => {
  srv = await startServer();
  admin = await srv.as('admin');
  client = (await srv.post('/api/v1/clients', { name: 'Client de test' }, { as: admin })).json;
  person = (await srv.post('/api/v1/people', { kind: 'candidate', first_name: 'Val', last_name: 'Idation' }, { as: admin })).json;
  need = (await srv.post('/api/v1/needs', { title: 'Besoin de test', client_id: client.id }, { as: admin })).json;
  cand = (await srv.post('/api/v1/candidacies', { person_id: person.id, need_id: need.id }, { as: admin })).json;
  user = (await srv.post('/api/v1/users', { email: 'target@x.example', name: 'Target', role: 'sales', password: 'a-long-password' }, { as: admin })).json;
  assert.ok(client.id && person.id && need.id && cand.id && user.id, 'fixtures created');
});
after(async () => {
  await srv.stop();
});

const WRITES = () => [
  { m: 'POST', p: '/api/v1/clients' },
  { m: 'POST', p: '/api/v1/people' },
  { m: 'PATCH', p: `/api/v1/people/${person.id}` },
  { m: 'POST', p: '/api/v1/needs' },
  { m: 'PATCH', p: `/api/v1/needs/${need.id}` },
  { m: 'POST', p: '/api/v1/candidacies' },
  { m: 'PATCH', p: `/api/v1/candidacies/${cand.id}` },
  { m: 'POST', p: '/api/v1/users' },
  { m: 'PATCH', p: `/api/v1/users/${user.id}` },
  { m: 'POST', p: '/api/v1/session' },
];
const NAMES = ['POST clients', 'POST people', 'PATCH people/{id}', 'POST needs', 'PATCH needs/{id}', 'POST candidacies',
  'PATCH candidacies/{id}', 'POST users', 'PATCH users/{id}', 'POST session'];

// The database state last seen by refused(): reused while a test makes only
// refused writes (each sqlite3 run costs a process), forgotten between tests.
let known = null;
beforeEach(() => {
  known = null;
});

/** Sends, asserts the status, asserts nothing was written. Call it before
 * any successful write of the same test, or reset `known` after one. */
async function refused(method, path, opts, status, msg) {
  const before = known ?? srv.snapshot();
  const r = await srv.req(method, path, { as: admin, ifMatch: method === 'PATCH' ? '"1"' : undefined, ...opts });
  assertProblem(r, status, msg);
  known = srv.snapshot();
  assert.deepEqual(known, before, `${msg || path}: nothing written`);
  return r;
}

const BAD_BODIES = [
  ['malformed JSON', '{"name": ', 400],
  ['a truncated object', '{"name": "x"', 400],
  ['an empty body', '', 400],
  ['a JSON array', '[1, 2]', 400],
  ['a JSON string', '"text"', 400],
  ['a JSON number', '42', 400],
  ['JSON null', 'null', 400],
  ['duplicate keys', '{"name": "a", "name": "b"}', 400],
  ['a NUL escape inside a string', '{"name": "a\\u0000b"}', 400],
  ['JSON nested 100000 deep', '['.repeat(100000), 400],
];

NAMES.forEach((name, i) => {
  for (const [what, raw, status] of BAD_BODIES) {
    test(`${name} with ${what} is a ${status}`, async () => {
      const w = WRITES()[i];
      const r = await refused(w.m, w.p, { raw }, status, `${name} ${what}`);
      if (status === 400) assert.equal(r.json.type, '/problems/malformed-json');
    });
  }
  test(`${name} with invalid UTF-8 bytes is a 400`, async () => {
    const w = WRITES()[i];
    const r = await refused(w.m, w.p, { raw: INVALID_UTF8 }, 400);
    assert.equal(r.json.type, '/problems/invalid-utf8');
  });
  test(`${name} with a 2 MiB body is a 413`, async () => {
    const w = WRITES()[i];
    const big = JSON.stringify({ name: 'x'.repeat(2 * 1024 * 1024) });
    await refused(w.m, w.p, { raw: big }, 413);
  });
  test(`${name} with Content-Type text/plain is a 415`, async () => {
    const w = WRITES()[i];
    await refused(w.m, w.p, { raw: '{"name":"x"}', contentType: 'text/plain' }, 415);
    await refused(w.m, w.p, { raw: '{"name":"x"}', contentType: 'application/x-www-form-urlencoded' }, 415);
    await refused(w.m, w.p, { raw: '{"name":"x"}', contentType: 'application/jsonp' }, 415);
  });
  test(`${name} without Content-Type is a 415`, async () => {
    const w = WRITES()[i];
    await refused(w.m, w.p, { raw: '{"name":"x"}', contentType: null }, 415);
  });
});

test('a body of exactly 1 MiB is not refused as too large', async () => {
  const before = srv.snapshot();
  const pad = 1024 * 1024 - JSON.stringify({ name: '' }).length;
  const r = await srv.req('POST', '/api/v1/clients', { as: admin, raw: JSON.stringify({ name: ' '.repeat(pad) }) });
  assertFieldError(r, 'name'); // blank once trimmed: 422, not 413
  assert.deepEqual(srv.snapshot(), before);
});

// ---- field rules: people

const P = (extra = {}) => ({ kind: 'candidate', first_name: 'Awa', last_name: 'Diallo', ...extra });

test('POST people without required fields is a 422 naming each of them', async () => {
  const r = await refused('POST', '/api/v1/people', { body: {} }, 422);
  for (const f of ['kind', 'first_name', 'last_name']) assert.ok(r.json.errors.some((e) => e.field === f), f);
});

test('POST people with wrong types is a 422 with errors[].field', async () => {
  const cases = [
    [{ first_name: 12 }, 'first_name'],
    [{ last_name: ['x'] }, 'last_name'],
    [{ daily_rate: '500' }, 'daily_rate'],
    [{ daily_rate: 500.5 }, 'daily_rate'],
    [{ daily_rate: true }, 'daily_rate'],
    [{ email: 42 }, 'email'],
    [{ kind: 'employee' }, 'kind'],
    [{ skills: 'java' }, 'skills'],
    [{ skills: ['java'] }, 'skills[0]'],
    [{ skills: [{ skill: 'java', level: '3' }] }, 'skills[0].level'],
    [{ skills: [{ skill: 'java', level: 3, years: 'six' }] }, 'skills[0].years'],
    [{ skills: [{ skill: 42, level: 3 }] }, 'skills[0].skill'],
    [{ skills: [{ level: 3 }] }, 'skills[0].skill'],
    [{ skills: [{ skill: 'java' }] }, 'skills[0].level'],
  ];
  for (const [extra, field] of cases) {
    const before = srv.snapshot();
    assertFieldError(await srv.post('/api/v1/people', P(extra), { as: admin }), field, JSON.stringify(extra));
    assert.deepEqual(srv.snapshot(), before);
  }
});

test('POST people with an unknown field is a 422 naming it', async () => {
  const r = await refused('POST', '/api/v1/people', { body: P({ salary: 1000 }) }, 422);
  assertFieldError(r, 'salary');
  assertFieldError(await refused('POST', '/api/v1/people', { body: P({ skills: [{ skill: 'java', level: 3, note: 'x' }] }) }, 422),
    'skills[0].note');
});

test('an unknown skill is a 422 naming skills[0].skill and offering close skills (jaav → Java)', async () => {
  const r = await refused('POST', '/api/v1/people', { body: P({ skills: [{ skill: 'jaav', level: 3 }] }) }, 422);
  const e = assertFieldError(r, 'skills[0].skill');
  assert.match(e.message, /Java\b|\(java\)/, `suggestions: ${e.message}`);
  const n = await refused('POST', '/api/v1/needs', { body: { title: 'x', skills: [{ skill: 'kubernets', min_level: 3 }] } }, 422);
  const ne = assertFieldError(n, 'skills[0].skill');
  assert.match(ne.message, /kubernetes/i, `suggestions: ${ne.message}`);
});

test('an unknown skill far from every known one is still a 422 on that field', async () => {
  const r = await refused('POST', '/api/v1/people', { body: P({ skills: [{ skill: 'java', level: 2 }, { skill: 'zzqqxxwwvv', level: 3 }] }) }, 422);
  assertFieldError(r, 'skills[1].skill');
});

test('skill levels 0 and 6 are refused (422), 1 and 5 accepted', async () => {
  for (const level of [0, 6, -1]) {
    assertFieldError(await refused('POST', '/api/v1/people', { body: P({ skills: [{ skill: 'java', level }] }) }, 422), 'skills[0].level');
  }
  for (const min_level of [0, 6]) {
    assertFieldError(await refused('POST', '/api/v1/needs', { body: { title: 't', skills: [{ skill: 'java', min_level }] } }, 422),
      'skills[0].min_level');
  }
  for (const weight of [0, 6]) {
    assertFieldError(await refused('POST', '/api/v1/needs', { body: { title: 't', skills: [{ skill: 'java', min_level: 3, weight }] } }, 422),
      'skills[0].weight');
  }
  const ok = await srv.post('/api/v1/people', P({ skills: [{ skill: 'java', level: 1 }, { skill: 'python', level: 5 }] }), { as: admin });
  assert.equal(ok.status, 201, ok.text);
});

test('skills given by alias or label ("k8s", "Postgres", "JAVA") resolve to their ids', async () => {
  const r = await srv.post('/api/v1/people', P({ skills: [{ skill: 'k8s', level: 3 }, { skill: 'Postgres', level: 2 }, { skill: 'JAVA', level: 4 }] }), { as: admin });
  assert.equal(r.status, 201, r.text);
  assert.deepEqual(r.json.skills.map((s) => s.skill).sort(), ['java', 'kubernetes', 'postgresql']);
  assert.deepEqual(srv.sql(`SELECT skill FROM person_skills WHERE person_id = ${r.json.id} ORDER BY skill`).map((x) => x.skill),
    ['java', 'kubernetes', 'postgresql']);
  const n = await srv.post('/api/v1/needs', { title: 'Alias', skills: [{ skill: ' kubernetes ', min_level: 3 }, { skill: 'postgres', min_level: 2 }] }, { as: admin });
  assert.equal(n.status, 201, n.text);
  assert.deepEqual(n.json.skills.map((s) => s.skill), ['kubernetes', 'postgresql']);
});

test('the same skill twice in one list (even as id and alias) is a 422', async () => {
  assertFieldError(await refused('POST', '/api/v1/people', { body: P({ skills: [{ skill: 'java', level: 3 }, { skill: 'JAVA', level: 2 }] }) }, 422),
    'skills[1].skill');
  assertFieldError(await refused('POST', '/api/v1/needs', { body: { title: 't', skills: [{ skill: 'kubernetes', min_level: 3 }, { skill: 'k8s', min_level: 2 }] } }, 422),
    'skills[1].skill');
});

test('names over 100 characters are refused; exactly 100 (even multibyte) are accepted', async () => {
  assertFieldError(await refused('POST', '/api/v1/people', { body: P({ first_name: 'a'.repeat(101) }) }, 422), 'first_name');
  assertFieldError(await refused('POST', '/api/v1/people', { body: P({ last_name: 'é'.repeat(101) }) }, 422), 'last_name');
  const r = await srv.post('/api/v1/people', P({ first_name: 'é'.repeat(100), last_name: 'b'.repeat(100) }), { as: admin });
  assert.equal(r.status, 201, r.text);
  assert.equal(r.json.first_name, 'é'.repeat(100));
});

test('blank required strings are refused and strings are trimmed', async () => {
  assertFieldError(await refused('POST', '/api/v1/people', { body: P({ first_name: '   ' }) }, 422), 'first_name');
  assertFieldError(await refused('POST', '/api/v1/people', { body: P({ first_name: null }) }, 422), 'first_name');
  const r = await srv.post('/api/v1/people', P({ first_name: '  Awa  ', location: '\tLyon \n' }), { as: admin });
  assert.equal(r.status, 201);
  assert.equal(r.json.first_name, 'Awa');
  assert.equal(r.json.location, 'Lyon');
  assert.equal(srv.sqlValue(`SELECT first_name FROM people WHERE id = ${r.json.id}`), 'Awa');
});

test('an invalid e-mail is a 422 on email', async () => {
  for (const email of ['not-an-email', 'a@b', '@x.example', 'a@@x.example', 'a b@x.example', 'a@x.example.', 'a@.example']) {
    assertFieldError(await refused('POST', '/api/v1/people', { body: P({ email }) }, 422), 'email', email);
  }
});

test('an impossible date (2026-02-30) is a 422; 2028-02-29 is accepted', async () => {
  for (const d of ['2026-02-30', '2026-13-01', '2026-00-10', '2026-1-5', '05/01/2027', '2026-04-31', '2027-02-29']) {
    assertFieldError(await refused('POST', '/api/v1/people', { body: P({ available_from: d }) }, 422), 'available_from', d);
  }
  const r = await srv.post('/api/v1/people', P({ available_from: '2028-02-29' }), { as: admin });
  assert.equal(r.status, 201);
  assert.equal(r.json.available_from, '2028-02-29');
});

test('SQL-looking and HTML strings are stored and returned verbatim', async () => {
  const sqlish = "'; DROP TABLE people; --";
  const html = '<script>alert(1)</script>';
  const r = await srv.post('/api/v1/people', P({ first_name: sqlish, last_name: html, location: 'Robert"); DELETE FROM needs;--' }), { as: admin });
  assert.equal(r.status, 201, r.text);
  const g = await srv.get(`/api/v1/people/${r.json.id}`, { as: admin });
  assert.equal(g.json.first_name, sqlish);
  assert.equal(g.json.last_name, html);
  assert.equal(g.json.location, 'Robert"); DELETE FROM needs;--');
  assert.equal(srv.sqlValue(`SELECT last_name FROM people WHERE id = ${r.json.id}`), html);
  assert.ok(srv.sqlValue('SELECT count(*) FROM people') > 0);
  assert.ok(srv.sqlValue('SELECT count(*) FROM needs') > 0);
  const n = await srv.post('/api/v1/needs', { title: html, description: sqlish }, { as: admin });
  assert.equal(n.status, 201);
  assert.equal((await srv.get(`/api/v1/needs/${n.json.id}`, { as: admin })).json.title, html);
  // searching with them is harmless too
  const q = await srv.get(`/api/v1/people?q=${encodeURIComponent(sqlish)}`, { as: admin });
  assert.equal(q.status, 200);
  assert.ok(q.json.items.some((p) => p.id === r.json.id));
  const pct = await srv.get(`/api/v1/people?q=${encodeURIComponent('%')}`, { as: admin });
  assert.equal(pct.status, 200);
  assert.equal(pct.json.items.length, 0, "'%' matches itself, not everything");
});

// ---- field rules: needs

test('POST needs: title over 200 and description over 10000 characters are refused; the maxima are accepted', async () => {
  assertFieldError(await refused('POST', '/api/v1/needs', { body: { title: 't'.repeat(201) } }, 422), 'title');
  assertFieldError(await refused('POST', '/api/v1/needs', { body: { title: 't', description: 'd'.repeat(10001) } }, 422), 'description');
  assertFieldError(await refused('POST', '/api/v1/needs', { body: { title: 't', location: 'l'.repeat(101) } }, 422), 'location');
  const r = await srv.post('/api/v1/needs', { title: 't'.repeat(200), description: 'd'.repeat(10000) }, { as: admin });
  assert.equal(r.status, 201, r.text);
});

test('POST needs: missing title, wrong types, bad enums and unknown fields are 422s', async () => {
  assertFieldError(await refused('POST', '/api/v1/needs', { body: {} }, 422), 'title');
  const cases = [
    [{ title: 42 }, 'title'],
    [{ client_id: '3' }, 'client_id'],
    [{ client_id: 0 }, 'client_id'],
    [{ status: 'won' }, 'status'],
    [{ remote: 'sometimes' }, 'remote'],
    [{ start_date: '2027-02-30' }, 'start_date'],
    [{ duration_days: 0 }, 'duration_days'],
    [{ duration_days: '10' }, 'duration_days'],
    [{ daily_rate_max: -1 }, 'daily_rate_max'],
    [{ skills: {} }, 'skills'],
    [{ skills: [{ skill: 'java', min_level: 3, mandatory: 'yes' }] }, 'skills[0].mandatory'],
    [{ skills: Array.from({ length: 51 }, (_, i) => ({ skill: 'java', min_level: 1 + (i % 5) })) }, 'skills'],
    [{ owner: 'me' }, 'owner'],
    [{ created_by: 1 }, 'created_by'],
  ];
  for (const [extra, field] of cases) {
    assertFieldError(await refused('POST', '/api/v1/needs', { body: { title: 'Besoin', ...extra } }, 422), field, JSON.stringify(extra).slice(0, 80));
  }
});

test('POST needs: every broken field is reported at once', async () => {
  const r = await refused('POST', '/api/v1/needs', { body: { title: '', remote: 'x', duration_days: 0, skills: [{ skill: 'jaav', min_level: 9 }] } }, 422);
  const fields = r.json.errors.map((e) => e.field);
  for (const f of ['title', 'remote', 'duration_days', 'skills[0].min_level']) assert.ok(fields.includes(f), `${f} in ${fields}`);
});

test('a client_id that does not exist is a 422 on client_id (create and update)', async () => {
  assertFieldError(await refused('POST', '/api/v1/needs', { body: { title: 'x', client_id: 999999 } }, 422), 'client_id');
  const cur = await srv.get(`/api/v1/needs/${need.id}`, { as: admin });
  assertFieldError(await refused('PATCH', `/api/v1/needs/${need.id}`, { body: { client_id: 999999 }, ifMatch: cur.headers.get('etag') }, 422), 'client_id');
});

test('PATCH needs with status or remote set to null is refused, not silently reset', async () => {
  // Qualified needs a client, a start date and a skill with a level (issue 5); remote full stands for a location.
  const n = (await srv.post('/api/v1/needs', { title: 'Null status', status: 'draft', remote: 'full', client_id: 1, start_date: '2027-01-05', skills: [{ skill: 'java', min_level: 3 }] }, { as: admin })).json;
  const q = await srv.patch(`/api/v1/needs/${n.id}`, { status: 'qualified' }, { as: admin, ifMatch: '"1"' });
  assert.equal(q.status, 200);
  const before = srv.snapshot();
  const r = await srv.patch(`/api/v1/needs/${n.id}`, { status: null }, { as: admin, ifMatch: '"2"' });
  assertFieldError(r, 'status');
  const r2 = await srv.patch(`/api/v1/needs/${n.id}`, { remote: null }, { as: admin, ifMatch: '"2"' });
  assertFieldError(r2, 'remote');
  assert.deepEqual(srv.snapshot(), before);
  assert.equal(srv.sqlValue(`SELECT status || '/' || remote FROM needs WHERE id = ${n.id}`), 'qualified/full');
});

// ---- field rules: candidacies, users, clients, session

test('POST candidacies: missing ids, wrong types, unknown fields and bad stage are 422s', async () => {
  const r = await refused('POST', '/api/v1/candidacies', { body: {} }, 422);
  for (const f of ['person_id', 'need_id']) assert.ok(r.json.errors.some((e) => e.field === f), f);
  assertFieldError(await refused('POST', '/api/v1/candidacies', { body: { person_id: String(person.id), need_id: need.id } }, 422), 'person_id');
  assertFieldError(await refused('POST', '/api/v1/candidacies', { body: { person_id: person.id, need_id: need.id, stage: 'won' } }, 422), 'stage');
  assertFieldError(await refused('POST', '/api/v1/candidacies', { body: { person_id: person.id, need_id: need.id, score: 3 } }, 422), 'score');
  assertFieldError(await refused('POST', '/api/v1/candidacies', { body: { person_id: person.id, need_id: need.id, reason: 'r'.repeat(2001), stage: 'rejected' } }, 422), 'reason');
});

test('person_id and need_id that do not exist are 422s on those fields', async () => {
  const p = await srv.post('/api/v1/people', P({ first_name: 'Ref' }), { as: admin });
  known = null;
  assertFieldError(await refused('POST', '/api/v1/candidacies', { body: { person_id: 999999, need_id: need.id } }, 422), 'person_id');
  assertFieldError(await refused('POST', '/api/v1/candidacies', { body: { person_id: p.json.id, need_id: 999999 } }, 422), 'need_id');
  const both = await refused('POST', '/api/v1/candidacies', { body: { person_id: 999998, need_id: 999999 } }, 422);
  assert.deepEqual(both.json.errors.map((e) => e.field).sort(), ['need_id', 'person_id']);
});

test('POST users: short password, bad e-mail, unknown role, long name, unknown field are 422s', async () => {
  const U = (x) => ({ email: 'new.user@x.example', name: 'New User', role: 'sales', password: 'long-enough-1', ...x });
  assertFieldError(await refused('POST', '/api/v1/users', { body: U({ password: 'short' }) }, 422), 'password');
  assertFieldError(await refused('POST', '/api/v1/users', { body: U({ password: '123456789' }) }, 422), 'password');
  assertFieldError(await refused('POST', '/api/v1/users', { body: U({ email: 'nope' }) }, 422), 'email');
  assertFieldError(await refused('POST', '/api/v1/users', { body: U({ role: 'root' }) }, 422), 'role');
  assertFieldError(await refused('POST', '/api/v1/users', { body: U({ role: 'Admin' }) }, 422), 'role');
  assertFieldError(await refused('POST', '/api/v1/users', { body: U({ name: 'n'.repeat(101) }) }, 422), 'name');
  assertFieldError(await refused('POST', '/api/v1/users', { body: U({ disabled: false }) }, 422), 'disabled');
  const r = await refused('POST', '/api/v1/users', { body: {} }, 422);
  for (const f of ['email', 'name', 'role', 'password']) assert.ok(r.json.errors.some((e) => e.field === f), f);
});

test('POST clients: missing, blank or over-200 name and unknown fields are 422s', async () => {
  assertFieldError(await refused('POST', '/api/v1/clients', { body: {} }, 422), 'name');
  assertFieldError(await refused('POST', '/api/v1/clients', { body: { name: ' ' } }, 422), 'name');
  assertFieldError(await refused('POST', '/api/v1/clients', { body: { name: 'c'.repeat(201) } }, 422), 'name');
  assertFieldError(await refused('POST', '/api/v1/clients', { body: { name: 'ok', siret: '1' } }, 422), 'siret');
  const r = await srv.post('/api/v1/clients', { name: 'c'.repeat(200) }, { as: admin });
  assert.equal(r.status, 201);
});

test('POST session: wrong types are 422s', async () => {
  assertFieldError(await srv.post('/api/v1/session', { email: 1, password: 'x' }), 'email');
  assertFieldError(await srv.post('/api/v1/session', { email: 'a@x.example', password: 1 }), 'password');
  assertFieldError(await srv.post('/api/v1/session', { email: 'a@x.example', password: 'x', remember: true }), 'remember');
});

// ---- paths and If-Match on every PATCH

const PATCHES = () => [
  ['people', `/api/v1/people/${person.id}`, { location: 'Nantes' }],
  ['needs', `/api/v1/needs/${need.id}`, { location: 'Nantes' }],
  ['candidacies', `/api/v1/candidacies/${cand.id}`, { stage: 'contacted' }],
  ['users', `/api/v1/users/${user.id}`, { name: 'Target Renamed' }],
];

for (const [i, what] of ['people', 'needs', 'candidacies', 'users'].entries()) {
  test(`PATCH ${what}/{id} on an id that does not exist is a 404`, async () => {
    const [, , body] = PATCHES()[i];
    await refused('PATCH', `/api/v1/${what}/999999`, { body, ifMatch: '"1"' }, 404);
  });
  test(`GET ${what}/{id} on an id that does not exist, 0 or not a number is a 404`, async () => {
    for (const id of ['999999', '0', 'abc', '1x', '-1', '99999999999999999999']) {
      assertProblem(await srv.get(`/api/v1/${what}/${id}`, { as: admin }), 404, id);
    }
  });
  test(`PATCH ${what}/{id} without If-Match is a 428`, async () => {
    const [, path, body] = PATCHES()[i];
    await refused('PATCH', path, { body, ifMatch: undefined, headers: {} }, 428);
  });
  test(`PATCH ${what}/{id} with a stale If-Match is a 412`, async () => {
    const [, path, body] = PATCHES()[i];
    await refused('PATCH', path, { body, ifMatch: '"99"' }, 412);
    await refused('PATCH', path, { body, ifMatch: '"0"' }, 412);
  });
  test(`PATCH ${what}/{id} with an unreadable If-Match is refused (412)`, async () => {
    const [, path, body] = PATCHES()[i];
    for (const h of ['abc', '"1', 'W/"x"', '""', '"-1"', '"99999999999999999999999"']) {
      await refused('PATCH', path, { body, ifMatch: h }, 412, `If-Match: ${h}`);
    }
  });
  test(`PATCH ${what}/{id} ignores id and version sent in the body`, async () => {
    const [, path, body] = PATCHES()[i];
    const cur = await srv.get(path, { as: admin });
    const r = await srv.patch(path, { ...body, id: 424242, version: 77 }, { as: admin, ifMatch: cur.headers.get('etag') });
    assert.equal(r.status, 200, r.text);
    assert.equal(r.json.id, cur.json.id);
    assert.equal(r.json.version, cur.json.version + 1);
    assert.equal(r.headers.get('etag'), `"${cur.json.version + 1}"`);
  });
}

test('PATCH people with a partial body keeps the other fields and the skills', async () => {
  const p = (await srv.post('/api/v1/people', P({ email: 'keep@x.example', skills: [{ skill: 'java', level: 4, years: 3 }] }), { as: admin })).json;
  const r = await srv.patch(`/api/v1/people/${p.id}`, { phone: '+33 1 23 45 67 89' }, { as: admin, ifMatch: '"1"' });
  assert.equal(r.status, 200);
  assert.equal(r.json.email, 'keep@x.example');
  assert.deepEqual(r.json.skills.map((s) => [s.skill, s.level, s.years]), [['java', 4, 3]]);
  known = null;
  const bad = await refused('PATCH', `/api/v1/people/${p.id}`, { body: { skills: [{ skill: 'python', level: 9 }] }, ifMatch: '"2"' }, 422);
  assertFieldError(bad, 'skills[0].level');
  assert.equal(srv.sqlValue(`SELECT group_concat(skill) FROM person_skills WHERE person_id = ${p.id}`), 'java');
});

test('the server still answers /healthz', async () => {
  await assertHealthy(srv);
});
