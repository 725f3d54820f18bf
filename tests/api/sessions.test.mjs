// Sessions, CSRF, bearer tokens, sign-in rate limit.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, assertProblem, assertFieldError, assertHealthy, demoEmail, DEMO_PASSWORD, cli } from './harness.mjs';

let srv;
before(async () => {
  srv = await startServer();
});
after(async () => {
  await srv.stop();
});

test('signing in answers the user and a CSRF token and sets an HttpOnly, SameSite=Lax, Path=/ cookie', async () => {
  const r = await srv.post('/api/v1/session', { email: demoEmail('admin'), password: DEMO_PASSWORD });
  assert.equal(r.status, 200);
  assert.match(r.headers.get('content-type'), /^application\/json/);
  assert.equal(r.json.user.email, demoEmail('admin'));
  assert.equal(r.json.user.role, 'admin');
  assert.equal(typeof r.json.user.id, 'number');
  assert.equal(typeof r.json.user.name, 'string');
  assert.ok(!('password_hash' in r.json.user));
  assert.equal(typeof r.json.csrf_token, 'string');
  assert.ok(r.json.csrf_token.length >= 20);
  const c = r.headers.get('set-cookie');
  assert.match(c, /^alliance_session=[^;]{20,};/);
  assert.match(c, /;\s*HttpOnly/i);
  assert.match(c, /;\s*SameSite=Lax/i);
  assert.match(c, /;\s*Path=\/(;|$)/);
  assert.doesNotMatch(c, /Secure/, 'no Secure flag over plain HTTP');
  assert.equal(r.headers.get('cache-control'), 'no-store');
});

test('X-Forwarded-Proto is not believed without --trust-proxy (hardening.test.mjs covers the proxy)', async () => {
  const r = await srv.post('/api/v1/session', { email: demoEmail('admin'), password: DEMO_PASSWORD },
    { headers: { 'X-Forwarded-Proto': 'https' } });
  assert.equal(r.status, 200);
  assert.doesNotMatch(r.headers.get('set-cookie'), /Secure/);
});

test('the e-mail is matched without regard to case', async () => {
  const r = await srv.post('/api/v1/session', { email: 'ADMIN@Demo.Alliance.Example', password: DEMO_PASSWORD });
  assert.equal(r.status, 200);
  assert.equal(r.json.user.email, demoEmail('admin'));
});

test('a wrong password is a 401 problem+json and sets no cookie', async () => {
  const r = await srv.post('/api/v1/session', { email: demoEmail('manager'), password: 'wrong-password' });
  assertProblem(r, 401);
  assert.equal(r.headers.get('set-cookie'), null);
  assert.equal(r.json.type, '/problems/wrong-credentials');
});

test('an unknown e-mail is a 401 like a wrong password', async () => {
  const r = await srv.post('/api/v1/session', { email: 'nobody@demo.alliance.example', password: DEMO_PASSWORD });
  assertProblem(r, 401);
  assert.equal(r.json.type, '/problems/wrong-credentials');
});

test('sign-in without a password is a 422 naming the field', async () => {
  const r = await srv.post('/api/v1/session', { email: demoEmail('admin') });
  assertFieldError(r, 'password');
});

test('10 failed sign-ins for one e-mail lock it: the next attempt, even right, is a 429 with Retry-After', async () => {
  const email = demoEmail('tech');
  for (let i = 0; i < 10; i++) {
    const r = await srv.post('/api/v1/session', { email, password: `wrong-${i}` });
    assert.equal(r.status, 401, `attempt ${i + 1}`);
  }
  const r = await srv.post('/api/v1/session', { email, password: DEMO_PASSWORD });
  assertProblem(r, 429);
  const retry = Number(r.headers.get('retry-after'));
  assert.ok(retry > 0, `Retry-After: ${r.headers.get('retry-after')}`);
  assert.equal(r.headers.get('set-cookie'), null);
  // Another account from the same address is not locked.
  const other = await srv.post('/api/v1/session', { email: demoEmail('sales'), password: DEMO_PASSWORD });
  assert.equal(other.status, 200);
  assert.equal(srv.sqlValue(`SELECT count(*) FROM signin_failures WHERE email = '${email}'`), 10);
});

test('GET /api/v1/me answers the signed-in user and the CSRF token', async () => {
  const s = await srv.as('recruiter');
  const r = await srv.get('/api/v1/me', { as: s });
  assert.equal(r.status, 200);
  assert.equal(r.json.user.email, demoEmail('recruiter'));
  assert.equal(r.json.user.role, 'recruiter');
  assert.equal(r.json.csrf_token, s.csrf);
});

test('GET /api/v1/me without a session is a 401', async () => {
  assertProblem(await srv.get('/api/v1/me'), 401);
  assertProblem(await srv.get('/api/v1/me', { headers: { Cookie: 'alliance_session=not-a-real-session' } }), 401);
  assertProblem(await srv.get('/api/v1/me', { headers: { Cookie: 'alliance_session=' } }), 401);
});

test('a cookie write without X-CSRF-Token is a 403 and writes nothing', async () => {
  const s = await srv.as('admin');
  const before = srv.snapshot();
  const r = await srv.post('/api/v1/clients', { name: 'Sans CSRF' }, { as: s, csrf: false });
  assertProblem(r, 403);
  assert.equal(r.json.type, '/problems/csrf');
  assert.deepEqual(srv.snapshot(), before);
});

test('a cookie write with a wrong X-CSRF-Token is a 403 and writes nothing', async () => {
  const s = await srv.as('admin');
  const other = await srv.as('manager');
  const before = srv.snapshot();
  assertProblem(await srv.post('/api/v1/clients', { name: 'Mauvais CSRF' }, { as: s, csrf: 'x'.repeat(43) }), 403);
  assertProblem(await srv.post('/api/v1/clients', { name: 'CSRF vide' }, { as: s, csrf: '' }), 403);
  // another session's token is not this session's token
  assertProblem(await srv.post('/api/v1/clients', { name: 'CSRF autre' }, { as: s, csrf: other.csrf }), 403);
  assert.deepEqual(srv.snapshot(), before);
});

test('the CSRF check comes before the role check (consultant without token gets the CSRF 403)', async () => {
  const s = await srv.as('consultant');
  const r = await srv.post('/api/v1/clients', { name: 'x' }, { as: s, csrf: false });
  assertProblem(r, 403);
  assert.equal(r.json.type, '/problems/csrf');
});

test('a cookie write with the right X-CSRF-Token succeeds', async () => {
  const s = await srv.as('admin');
  const r = await srv.post('/api/v1/clients', { name: 'Avec CSRF' }, { as: s });
  assert.equal(r.status, 201);
  assert.equal(r.json.name, 'Avec CSRF');
});

test('a bearer token needs no CSRF header', async () => {
  const t = srv.token(demoEmail('sales'), 'integration');
  const r = await srv.post('/api/v1/clients', { name: 'Par jeton' }, { as: t });
  assert.equal(r.status, 201, r.text);
  const me = await srv.get('/api/v1/me', { as: t });
  assert.equal(me.status, 200);
  assert.equal(me.json.user.role, 'sales');
  assert.ok(!('csrf_token' in me.json), 'no CSRF token for a bearer caller');
});

test('a bearer token still obeys the role table', async () => {
  const t = srv.token(demoEmail('consultant'));
  assertProblem(await srv.get('/api/v1/deals', { as: t }), 403);
  assertProblem(await srv.post('/api/v1/clients', { name: 'x' }, { as: t }), 403);
});

test('an unknown bearer token is a 401', async () => {
  assertProblem(await srv.get('/api/v1/me', { headers: { Authorization: 'Bearer nope' } }), 401);
  assertProblem(await srv.get('/api/v1/me', { headers: { Authorization: 'Bearer ' } }), 401);
});

test('a revoked token is a 401', async () => {
  const t = srv.token(demoEmail('manager'), 'to revoke');
  assert.equal((await srv.get('/api/v1/me', { as: t })).status, 200);
  const r = cli(['token', 'revoke', '--id', String(t.id), '--db', srv.db]);
  assert.equal(r.status, 0, r.stderr);
  assertProblem(await srv.get('/api/v1/me', { as: t }), 401);
  assertProblem(await srv.post('/api/v1/clients', { name: 'revoked' }, { as: t }), 401);
});

test('signing out with a bearer token is refused (409): tokens are revoked with the CLI', async () => {
  const t = srv.token(demoEmail('manager'));
  const r = await srv.del('/api/v1/session', { as: t });
  assertProblem(r, 409);
  assert.equal((await srv.get('/api/v1/me', { as: t })).status, 200);
});

test('signing out needs the CSRF token', async () => {
  const s = await srv.signIn(demoEmail('sales'));
  assertProblem(await srv.del('/api/v1/session', { as: s, csrf: false }), 403);
  assert.equal((await srv.get('/api/v1/me', { as: s })).status, 200);
});

test('signing out answers 204, clears the cookie, and the session then gets 401', async () => {
  const s = await srv.signIn(demoEmail('sales'));
  const other = await srv.signIn(demoEmail('sales'));
  const r = await srv.del('/api/v1/session', { as: s });
  assert.equal(r.status, 204);
  assert.equal(r.text, '');
  assert.match(r.headers.get('set-cookie') || '', /alliance_session=;.*Max-Age=0/);
  assertProblem(await srv.get('/api/v1/me', { as: s }), 401);
  assertProblem(await srv.del('/api/v1/session', { as: s }), 401);
  // only that session ended
  assert.equal((await srv.get('/api/v1/me', { as: other })).status, 200);
});

test('a sign-in forgets expired sessions and failures older than the limit window', async () => {
  srv.sqlExec(`INSERT INTO signin_failures (email, address, at) VALUES ('old@x.example', '127.0.0.1', '2020-01-01T00:00:00Z')`);
  srv.sqlExec(`INSERT INTO sessions (token_hash, user_id, csrf_token, created_at, expires_at)
               VALUES ('expired-hash', 1, 'c', '2020-01-01T00:00:00Z', '2020-01-15T00:00:00Z')`);
  await srv.signIn(demoEmail('consultant'));
  assert.equal(Number(srv.sqlValue("SELECT count(*) FROM signin_failures WHERE email = 'old@x.example'")), 0);
  assert.equal(Number(srv.sqlValue("SELECT count(*) FROM sessions WHERE token_hash = 'expired-hash'")), 0);
});

test('the server still answers /healthz', async () => {
  await assertHealthy(srv);
});
