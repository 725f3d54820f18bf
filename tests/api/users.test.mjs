// Users (admin only) and the audit log (action = "METHOD /route/pattern").
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, assertProblem, assertFieldError, assertHealthy, demoEmail } from './harness.mjs';

let srv, admin;
before(async () => {
  srv = await startServer();
  admin = await srv.as('admin');
});
after(async () => {
  await srv.stop();
});

const auditCount = () => srv.sqlValue('SELECT count(*) FROM audit_log');
const lastAudit = () => srv.sql('SELECT user_id, action, object_type, object_id, address FROM audit_log ORDER BY id DESC LIMIT 1')[0];

test('an admin creates an account (201) that can then sign in', async () => {
  const r = await srv.post('/api/v1/users', { email: 'Nina.Recrute@X.example', name: 'Nina Recrute', role: 'recruiter', password: 'dix-caracteres' }, { as: admin });
  assert.equal(r.status, 201, r.text);
  assert.equal(r.headers.get('etag'), '"1"');
  assert.equal(r.json.email, 'nina.recrute@x.example', 'e-mail stored in lower case');
  assert.equal(r.json.role, 'recruiter');
  assert.equal(r.json.disabled, false);
  assert.ok(!('password' in r.json) && !('password_hash' in r.json));
  assert.match(srv.sqlValue(`SELECT password_hash FROM users WHERE id = ${r.json.id}`), /^\$argon2id\$/);
  const s = await srv.signIn('nina.recrute@x.example', 'dix-caracteres');
  assert.equal(s.user.role, 'recruiter');
});

test('a password of exactly 12 characters is accepted, 11 refused', async () => {
  assertFieldError(await srv.post('/api/v1/users', { email: 'nine@x.example', name: 'Nine', role: 'tech', password: 'kq8#Lm2@vX9' }, { as: admin }), 'password');
  const r = await srv.post('/api/v1/users', { email: 'ten@x.example', name: 'Ten', role: 'tech', password: 'kq8#Lm2@vX9!' }, { as: admin });
  assert.equal(r.status, 201);
});

test('a duplicate e-mail (in any case) is a 409 and adds no account', async () => {
  const before = srv.snapshot();
  const r = await srv.post('/api/v1/users', { email: demoEmail('sales'), name: 'Twin', role: 'sales', password: 'long-enough-pw' }, { as: admin });
  assertProblem(r, 409);
  const r2 = await srv.post('/api/v1/users', { email: 'SALES@demo.alliance.example', name: 'Twin', role: 'sales', password: 'long-enough-pw' }, { as: admin });
  assertProblem(r2, 409);
  assert.deepEqual(srv.snapshot(), before);
});

test('the user list has every account and never a password hash', async () => {
  const r = await srv.get('/api/v1/users?limit=200', { as: admin });
  assert.equal(r.status, 200);
  assert.equal(r.json.items.length, srv.sqlValue('SELECT count(*) FROM users'));
  assert.ok(r.json.items.every((u) => !('password_hash' in u) && typeof u.role === 'string'));
  for (const role of ['admin', 'manager', 'sales', 'recruiter', 'tech', 'consultant'])
    assert.ok(r.json.items.some((u) => u.email === demoEmail(role)));
});

test('an admin changes a role with If-Match; the new role applies at once to open sessions', async () => {
  const u = (await srv.post('/api/v1/users', { email: 'promo@x.example', name: 'Promo', role: 'consultant', password: 'long-enough-pw' }, { as: admin })).json;
  const s = await srv.signIn('promo@x.example', 'long-enough-pw');
  assertProblem(await srv.get('/api/v1/deals', { as: s }), 403);
  const r = await srv.patch(`/api/v1/users/${u.id}`, { role: 'recruiter' }, { as: admin, ifMatch: '"1"' });
  assert.equal(r.status, 200, r.text);
  assert.equal(r.json.role, 'recruiter');
  assert.equal(r.json.version, 2);
  assert.equal(r.headers.get('etag'), '"2"');
  assert.equal((await srv.get(`/api/v1/users/${u.id}`, { as: admin })).json.version, 2);
  assert.equal((await srv.get('/api/v1/deals', { as: s })).status, 200);
  assertProblem(await srv.patch(`/api/v1/users/${u.id}`, { role: 'sales' }, { as: admin, ifMatch: '"1"' }), 412);
  assertProblem(await srv.patch(`/api/v1/users/${u.id}`, { role: 'sales' }, { as: admin }), 428);
  assertFieldError(await srv.patch(`/api/v1/users/${u.id}`, { role: 'boss' }, { as: admin, ifMatch: '"2"' }), 'role');
  assert.equal(srv.sqlValue(`SELECT role FROM users WHERE id = ${u.id}`), 'recruiter');
});

test('a disabled account loses its sessions and tokens and cannot sign in', async () => {
  const u = (await srv.post('/api/v1/users', { email: 'gone@x.example', name: 'Gone', role: 'sales', password: 'long-enough-pw' }, { as: admin })).json;
  const s = await srv.signIn('gone@x.example', 'long-enough-pw');
  const t = srv.token('gone@x.example');
  const r = await srv.patch(`/api/v1/users/${u.id}`, { disabled: true }, { as: admin, ifMatch: '"1"' });
  assert.equal(r.status, 200, r.text);
  assert.equal(r.json.disabled, true);
  assertProblem(await srv.get('/api/v1/me', { as: s }), 401);
  assertProblem(await srv.get('/api/v1/me', { as: t }), 401);
  assertProblem(await srv.post('/api/v1/session', { email: 'gone@x.example', password: 'long-enough-pw' }), 401);
});

test('an admin cannot demote or disable themselves (409)', async () => {
  const me = (await srv.get('/api/v1/me', { as: admin })).json.user;
  const before = srv.snapshot();
  const r = await srv.patch(`/api/v1/users/${me.id}`, { role: 'manager' }, { as: admin, ifMatch: `"${me.version}"` });
  assertProblem(r, 409);
  const d = await srv.patch(`/api/v1/users/${me.id}`, { disabled: true }, { as: admin, ifMatch: `"${me.version}"` });
  assertProblem(d, 409);
  assert.deepEqual(srv.snapshot(), before);
  assert.equal(srv.sqlValue(`SELECT role || '/' || disabled FROM users WHERE id = ${me.id}`), 'admin/0');
  // renaming oneself is fine
  const ok = await srv.patch(`/api/v1/users/${me.id}`, { name: 'Alice A.' }, { as: admin, ifMatch: `"${me.version}"` });
  assert.equal(ok.status, 200);
});

test('an unknown user is a 404', async () => {
  assertProblem(await srv.get('/api/v1/users/999999', { as: admin }), 404);
  assertProblem(await srv.patch('/api/v1/users/999999', { name: 'x' }, { as: admin, ifMatch: '"1"' }), 404);
});

// ---- audit

test('every successful write adds one audit row: who, what, which object, from where', async () => {
  const me = (await srv.get('/api/v1/me', { as: admin })).json.user;
  let n = auditCount();
  const c = (await srv.post('/api/v1/clients', { name: 'Audité' }, { as: admin })).json;
  assert.equal(auditCount(), n + 1);
  assert.deepEqual(lastAudit(), { user_id: me.id, action: 'POST /api/v1/clients', object_type: 'client', object_id: c.id, address: '127.0.0.1' });

  n = auditCount();
  const p = (await srv.post('/api/v1/people', { kind: 'candidate', first_name: 'Au', last_name: 'Dit' }, { as: admin })).json;
  assert.deepEqual(lastAudit(), { user_id: me.id, action: 'POST /api/v1/people', object_type: 'person', object_id: p.id, address: '127.0.0.1' });
  await srv.patch(`/api/v1/people/${p.id}`, { location: 'Lille' }, { as: admin, ifMatch: '"1"' });
  assert.deepEqual(lastAudit(), { user_id: me.id, action: 'PATCH /api/v1/people/{id}', object_type: 'person', object_id: p.id, address: '127.0.0.1' });
  const nd = (await srv.post('/api/v1/needs', { title: 'Audit' }, { as: admin })).json;
  assert.deepEqual(lastAudit(), { user_id: me.id, action: 'POST /api/v1/needs', object_type: 'need', object_id: nd.id, address: '127.0.0.1' });
  const cd = (await srv.post('/api/v1/candidacies', { person_id: p.id, need_id: nd.id }, { as: admin })).json;
  assert.deepEqual(lastAudit(), { user_id: me.id, action: 'POST /api/v1/candidacies', object_type: 'candidacy', object_id: cd.id, address: '127.0.0.1' });
  await srv.del(`/api/v1/people/${p.id}`, { as: admin });
  assert.deepEqual(lastAudit(), { user_id: me.id, action: 'DELETE /api/v1/people/{id}', object_type: 'person', object_id: p.id, address: '127.0.0.1' });
  assert.equal(auditCount(), n + 5);
});

test('sign-in, sign-out and bearer writes are audited with the right user', async () => {
  let n = auditCount();
  const s = await srv.signIn(demoEmail('manager'));
  assert.equal(auditCount(), n + 1);
  assert.equal(lastAudit().user_id, s.user.id);
  assert.equal(lastAudit().object_type, 'session');
  assert.equal(lastAudit().action, 'POST /api/v1/session');
  await srv.del('/api/v1/session', { as: s });
  assert.equal(auditCount(), n + 2);
  assert.equal(lastAudit().user_id, s.user.id);
  const t = srv.token(demoEmail('sales'));
  const sales = (await srv.post('/api/v1/session', { email: demoEmail('sales'), password: 'alliance-demo' })).json.user;
  n = auditCount();
  const c = (await srv.post('/api/v1/clients', { name: 'Par jeton audité' }, { as: t })).json;
  assert.equal(auditCount(), n + 1);
  assert.deepEqual(lastAudit(), { user_id: sales.id, action: 'POST /api/v1/clients', object_type: 'client', object_id: c.id, address: '127.0.0.1' });
});

test('refused writes and reads add no audit row', async () => {
  const n = auditCount();
  const consultant = await srv.as('consultant'); // a sign-in is a write: done before counting
  const m = auditCount();
  assert.equal(m, n + 1);
  await srv.post('/api/v1/clients', {}, { as: admin }); // 422
  await srv.post('/api/v1/clients', { name: 'x' }, { as: consultant }); // 403
  await srv.post('/api/v1/clients', { name: 'x' }, { as: admin, csrf: false }); // 403 CSRF
  await srv.post('/api/v1/clients', { name: 'x' }); // 401
  await srv.req('POST', '/api/v1/clients', { as: admin, raw: '{' }); // 400
  await srv.patch('/api/v1/needs/1', { title: 'x' }, { as: admin, ifMatch: '"99"' }); // 412
  await srv.patch('/api/v1/needs/1', { title: 'x' }, { as: admin }); // 428
  await srv.patch('/api/v1/needs/1', { status: 'staffed' }, { as: admin, ifMatch: '"1"' }); // 409 (open? draft?) or 200
  await srv.post('/api/v1/session', { email: demoEmail('admin'), password: 'wrong' }); // 401
  await srv.get('/api/v1/needs', { as: admin });
  await srv.get('/api/v1/audit', { as: admin });
  const status = srv.sqlValue('SELECT status FROM needs WHERE id = 1');
  const moved = status === 'staffed' ? 1 : 0; // only when the demo need 1 was open
  assert.equal(auditCount(), m + moved);
});

test('GET /api/v1/audit lists the rows newest first, for admins only', async () => {
  const r = await srv.get('/api/v1/audit?limit=5', { as: admin });
  assert.equal(r.status, 200);
  assert.equal(r.json.items.length, 5);
  const top = srv.sql('SELECT id, user_id, action, object_type, object_id, address FROM audit_log ORDER BY id DESC LIMIT 5');
  assert.deepEqual(r.json.items.map(({ id, user_id, action, object_type, object_id, address }) => ({ id, user_id, action, object_type, object_id, address })), top);
  assert.ok(r.json.items.every((e) => /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/.test(e.at)));
  assert.equal(typeof r.json.next_cursor, 'string');
  const next = await srv.get(`/api/v1/audit?limit=5&cursor=${r.json.next_cursor}`, { as: admin });
  assert.ok(next.json.items.every((e) => e.id < r.json.items[4].id));
  assertProblem(await srv.get('/api/v1/audit', { as: await srv.as('manager') }), 403);
});

test('the server still answers /healthz', async () => {
  await assertHealthy(srv);
});
