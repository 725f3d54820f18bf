// Hardening: security headers on every kind of answer, HTTPS (--tls-cert,
// --tls-key) and a trusted proxy (--trust-proxy), __Host- Secure cookies,
// password rules, session rotation, idle and absolute expiry, sign-out
// everywhere.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import https from 'node:https';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { BIN, PG, cli, freePort, startServer, request, demoEmail, DEMO_PASSWORD, assertProblem, assertFieldError, assertHealthy } from './harness.mjs';

let srv, proxied;
before(async () => {
  srv = await startServer();
  proxied = await startServer({ args: ['--trust-proxy', '--session-idle-minutes', '5', '--session-max-hours', '1'] });
});
after(async () => {
  if (process.env.SHOW_STDERR) console.log(srv.stderr);
  await srv.stop();
  await proxied.stop();
});

const iso = (msAgo) => new Date(Date.now() - msAgo).toISOString().replace(/\.\d{3}Z$/, 'Z');
const sessionRow = (s, cookie) => s.sql(`SELECT id, last_seen_at, expires_at, created_at FROM sessions ORDER BY id DESC`)[0];

function assertSecurityHeaders(r, what) {
  const h = (n) => r.headers.get(n);
  assert.equal(h('x-content-type-options'), 'nosniff', what);
  assert.equal(h('x-frame-options'), 'DENY', what);
  assert.equal(h('referrer-policy'), 'same-origin', what);
  assert.equal(h('cross-origin-opener-policy'), 'same-origin', what);
  assert.equal(h('cross-origin-resource-policy'), 'same-origin', what);
  assert.match(h('permissions-policy') || '', /camera=\(\)/, what);
  const csp = h('content-security-policy') || '';
  assert.match(csp, /frame-ancestors 'none'/, what);
  assert.match(csp, /script-src 'self'(;|$)/, `${what}: no inline script`);
  assert.doesNotMatch(csp, /unsafe-inline|unsafe-eval/, what);
  assert.match(csp, /object-src 'none'/, what);
}

test('every kind of answer carries the security headers, and no HSTS over plain HTTP', async () => {
  const admin = await srv.as('admin');
  const cases = [
    ['GET', '/', {}, 200], ['GET', '/js/app.js', {}, 200], ['GET', '/no-such-page.html', {}, 404],
    ['GET', '/healthz', {}, 200], ['GET', '/metrics', {}, 200], ['GET', '/api/v1/people', {}, 401],
    ['GET', '/api/v1/people', { as: admin }, 200], ['GET', '/api/v1/nothing-here', { as: admin }, 404],
    ['PUT', '/api/v1/people', { as: admin }, 405], ['POST', '/api/v1/people', { as: admin, raw: '{oops' }, 400],
    ['POST', '/api/v1/people', { as: admin, raw: 'x'.repeat(1024 * 1024 + 10) }, 413],
    ['GET', '/s/no-such-survey-token', {}, 404],
  ];
  for (const [method, path, opts, status] of cases) {
    const r = await srv.req(method, path, opts);
    assert.equal(r.status, status, `${method} ${path}: ${r.status}`);
    assertSecurityHeaders(r, `${method} ${path}`);
    assert.equal(r.headers.get('strict-transport-security'), null);
  }
});

test('without --trust-proxy, X-Forwarded-Proto and X-Forwarded-For are ignored', async () => {
  const r = await srv.post('/api/v1/session', { email: demoEmail('tech'), password: DEMO_PASSWORD },
    { headers: { 'X-Forwarded-Proto': 'https', 'X-Forwarded-For': '203.0.113.9' } });
  assert.equal(r.status, 200);
  assert.match(r.headers.get('set-cookie'), /^alliance_session=/);
  assert.doesNotMatch(r.headers.get('set-cookie'), /Secure/);
  assert.equal(r.headers.get('strict-transport-security'), null);
  const row = srv.sql(`SELECT address FROM audit_log WHERE action = 'POST /api/v1/session' ORDER BY id DESC LIMIT 1`)[0];
  assert.equal(row.address, '127.0.0.1');
});

test('behind a trusted proxy over https: __Host- Secure cookie, HSTS, and the client address from X-Forwarded-For', async () => {
  const headers = { 'X-Forwarded-Proto': 'https', 'X-Forwarded-For': '198.51.100.1, 203.0.113.7' };
  const r = await proxied.post('/api/v1/session', { email: demoEmail('admin'), password: DEMO_PASSWORD }, { headers });
  assert.equal(r.status, 200, r.text);
  const c = r.headers.get('set-cookie');
  assert.match(c, /^__Host-alliance_session=[^;]{20,}; Path=\/; HttpOnly; SameSite=Lax; Max-Age=3600; Secure$/);
  assert.doesNotMatch(c, /Domain/i);
  assert.match(r.headers.get('strict-transport-security'), /max-age=\d{7,}/);
  // the last address is the one the proxy saw; the first one the client wrote itself
  const row = proxied.sql(`SELECT address FROM audit_log WHERE action = 'POST /api/v1/session' ORDER BY id DESC LIMIT 1`)[0];
  assert.equal(row.address, '203.0.113.7');
  const cookie = /^([^;]*)/.exec(c)[1];
  const me = await proxied.get('/api/v1/me', { headers: { ...headers, Cookie: cookie } });
  assert.equal(me.status, 200);
  // the same cookie under its plain-HTTP name is not read over https, and the reverse
  const plainName = cookie.replace('__Host-', '');
  assert.equal((await proxied.get('/api/v1/me', { headers: { ...headers, Cookie: plainName } })).status, 401);
  assert.equal((await proxied.get('/api/v1/me', { headers: { Cookie: cookie } })).status, 401);
  // a forged address that is not one is ignored (the connection's is kept)
  await proxied.post('/api/v1/session', { email: 'nobody@x.example', password: 'wrong-password-123' },
    { headers: { 'X-Forwarded-For': '<script>' } });
  const f = proxied.sql(`SELECT address FROM signin_failures ORDER BY id DESC LIMIT 1`)[0];
  assert.equal(f.address, '127.0.0.1');
});

test('serve refuses --tls-cert without --tls-key, bad session lifetimes and an unreadable certificate', () => {
  for (const args of [['--tls-cert', '/nonexistent'], ['--tls-key', 'k'], ['--session-idle-minutes', '0'],
    ['--session-max-hours', 'x'], ['--session-idle-minutes', '120', '--session-max-hours', '1']]) {
    const r = cli(['serve', '--db', join(srv.dir, 'never.db'), '--addr', '127.0.0.1:1', ...args]);
    assert.equal(r.status, 2, `${args.join(' ')}: ${r.stderr}`);
  }
  const r = cli(['serve', '--db', join(srv.dir, 'never.db'), '--addr', '127.0.0.1:1', '--tls-cert', '/nonexistent', '--tls-key', '/nonexistent']);
  assert.equal(r.status, 1);
  assert.match(r.stderr, /cannot read/);
});

test('--tls-cert/--tls-key serve HTTPS: TLS 1.2+, Secure __Host- cookie, HSTS; plain HTTP is not answered', { skip: !!PG && 'engine-independent' }, async () => {
  const dir = srv.dir;
  const gen = spawnSync('openssl', ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-days', '2', '-subj', '/CN=localhost',
    '-addext', 'subjectAltName=IP:127.0.0.1', '-keyout', join(dir, 'key.pem'), '-out', join(dir, 'cert.pem')], { encoding: 'utf8' });
  assert.equal(gen.status, 0, gen.stderr);
  const port = await freePort();
  const db = join(dir, 'tls.db');
  assert.equal(cli(['init', '--demo', '--db', db]).status, 0);
  const proc = spawn(BIN, ['serve', '--db', db, '--addr', `127.0.0.1:${port}`, '--tls-cert', join(dir, 'cert.pem'), '--tls-key', join(dir, 'key.pem')],
    { stdio: ['ignore', 'pipe', 'pipe'] });
  let stderr = '';
  proc.stderr.on('data', (d) => (stderr += d));
  const exited = new Promise((r) => proc.on('exit', (code) => r(code)));
  const ca = readFileSync(join(dir, 'cert.pem'));
  const call = (method, path, { body, cookie, csrf, minVersion } = {}) => new Promise((resolve, reject) => {
    const req = https.request({ host: '127.0.0.1', port, method, path, ca, minVersion, maxVersion: minVersion,
      headers: { ...(body ? { 'Content-Type': 'application/json' } : {}), ...(cookie ? { Cookie: cookie } : {}), ...(csrf ? { 'X-CSRF-Token': csrf } : {}) } },
    (res) => { let t = ''; res.on('data', (d) => (t += d)); res.on('end', () => resolve({ status: res.statusCode, headers: res.headers, text: t })); });
    req.on('error', reject);
    req.end(body ? JSON.stringify(body) : undefined);
  });
  try {
    for (let i = 0; ; i++) {
      try { if ((await call('GET', '/healthz')).status === 200) break; } catch { /* not yet */ }
      assert.ok(i < 200, `https server did not start: ${stderr}`);
      await new Promise((r) => setTimeout(r, 25));
    }
    const r = await call('POST', '/api/v1/session', { body: { email: demoEmail('admin'), password: DEMO_PASSWORD } });
    assert.equal(r.status, 200, r.text);
    const c = r.headers['set-cookie'][0];
    assert.match(c, /^__Host-alliance_session=[^;]+; Path=\/; HttpOnly; SameSite=Lax; Max-Age=43200; Secure$/);
    assert.match(r.headers['strict-transport-security'], /max-age=/);
    assert.equal(r.headers['x-content-type-options'], 'nosniff');
    const me = await call('GET', '/api/v1/me', { cookie: /^([^;]*)/.exec(c)[1] });
    assert.equal(me.status, 200);
    assert.equal((await call('GET', '/healthz', { minVersion: 'TLSv1.2' })).status, 200);
    await assert.rejects(call('GET', '/healthz', { minVersion: 'TLSv1.1' }), 'TLS 1.1 is refused');
    await assert.rejects(fetch(`http://127.0.0.1:${port}/healthz`), 'plain HTTP on the HTTPS port gets no answer');
  } finally {
    proc.kill('SIGTERM');
    assert.equal(await exited, 0, stderr);
  }
});

test('passwords: at least 12 characters, not a common one, through the API and the CLI', async () => {
  const admin = await srv.as('admin');
  const refused = {
    'short-pw-11': 'password_too_short', 'Motdepasse2026!': 'common', 'Password123456': 'common', 'azertyuiopqs': 'common',
    'qwertyuiop12': 'common', 'aaaaaaaaaaaaaaaa': 'common', '123456789012': 'common', 'Alliance-demo1': 'common', 'ÉtéÉtéÉté': 'short',
  };
  let i = 0;
  for (const [pw] of Object.entries(refused)) {
    const r = await srv.post('/api/v1/users', { email: `weak${i++}@x.example`, name: 'Weak', role: 'sales', password: pw }, { as: admin });
    const e = assertFieldError(r, 'password', pw);
    assert.doesNotMatch(e.message, new RegExp(pw), 'the password is not echoed');
  }
  for (const pw of ['correct horse battery staple', 'Très-belle-journée-à-Lyon', 'kq8#Lm2@vX9!pz']) {
    const r = await srv.post('/api/v1/users', { email: `strong${i++}@x.example`, name: 'Strong', role: 'sales', password: pw }, { as: admin });
    assert.equal(r.status, 201, `${pw}: ${r.text}`);
  }
  const weak = cli(['user', 'add', '--email', 'cli-weak@x.example', '--role', 'tech', '--name', 'W', '--db', srv.db], { input: 'Soleil2026!!!\n' });
  assert.equal(weak.status, 1);
  assert.match(weak.stderr, /too common/);
  const ok = cli(['user', 'add', '--email', 'cli-ok@x.example', '--role', 'tech', '--name', 'W', '--db', srv.db], { input: 'a long walk by the river\n' });
  assert.equal(ok.status, 0, ok.stderr);
});

test('signing in again ends the session the browser had before (rotation)', async () => {
  const first = await srv.signIn(demoEmail('sales'));
  const r = await srv.post('/api/v1/session', { email: demoEmail('sales'), password: DEMO_PASSWORD }, { headers: { Cookie: first.cookie } });
  assert.equal(r.status, 200);
  const second = /^([^;]*)/.exec(r.headers.get('set-cookie'))[1];
  assert.notEqual(second, first.cookie);
  assert.equal((await srv.get('/api/v1/me', { as: first })).status, 401, 'the old session is gone');
  assert.equal((await srv.get('/api/v1/me', { headers: { Cookie: second } })).status, 200);
});

test('a session ends after 30 minutes without use and 12 hours after sign-in; use pushes the idle limit', async () => {
  const s = await srv.signIn(demoEmail('recruiter'));
  const row = srv.sql(`SELECT id, created_at, expires_at, last_seen_at FROM sessions ORDER BY id DESC LIMIT 1`)[0];
  assert.equal(Date.parse(row.expires_at) - Date.parse(row.created_at), 12 * 3600 * 1000, 'absolute: 12 h');
  assert.equal(row.last_seen_at, row.created_at);
  // used 20 minutes ago: still valid, and the request marks it used now
  srv.sqlExec(`UPDATE sessions SET last_seen_at = '${iso(20 * 60e3)}' WHERE id = ${row.id}`);
  assert.equal((await srv.get('/api/v1/me', { as: s })).status, 200);
  const seen = srv.sqlValue(`SELECT last_seen_at FROM sessions WHERE id = ${row.id}`);
  assert.ok(Date.parse(seen) > Date.now() - 60e3, `last use written (${seen})`);
  // 31 minutes without use: ended
  srv.sqlExec(`UPDATE sessions SET last_seen_at = '${iso(31 * 60e3)}' WHERE id = ${row.id}`);
  assertProblem(await srv.get('/api/v1/me', { as: s }), 401);
  // fresh use but past the absolute end: ended
  const t = await srv.signIn(demoEmail('recruiter'));
  srv.sqlExec(`UPDATE sessions SET expires_at = '${iso(1000)}' WHERE id = (SELECT max(id) FROM sessions)`);
  assertProblem(await srv.get('/api/v1/me', { as: t }), 401);
});

test('the lifetimes follow --session-idle-minutes and --session-max-hours', async () => {
  const s = await proxied.signIn(demoEmail('tech'));
  const row = proxied.sql(`SELECT id, created_at, expires_at FROM sessions ORDER BY id DESC LIMIT 1`)[0];
  assert.equal(Date.parse(row.expires_at) - Date.parse(row.created_at), 3600 * 1000);
  proxied.sqlExec(`UPDATE sessions SET last_seen_at = '${iso(6 * 60e3)}' WHERE id = ${row.id}`);
  assertProblem(await proxied.get('/api/v1/me', { as: s }), 401, 'idle 6 min > 5 min');
});

test('DELETE /api/v1/sessions signs the caller out everywhere, and only the caller', async () => {
  const a = await srv.signIn(demoEmail('manager')), b = await srv.signIn(demoEmail('manager'));
  const other = await srv.signIn(demoEmail('consultant'));
  assertProblem(await srv.del('/api/v1/sessions', { as: a, csrf: false }), 403, 'CSRF applies');
  const r = await srv.del('/api/v1/sessions', { as: a });
  assert.equal(r.status, 200, r.text);
  assert.ok(r.json.ended >= 2);
  assert.match(r.headers.get('set-cookie'), /Max-Age=0/);
  assert.equal((await srv.get('/api/v1/me', { as: a })).status, 401);
  assert.equal((await srv.get('/api/v1/me', { as: b })).status, 401);
  assert.equal((await srv.get('/api/v1/me', { as: other })).status, 200);
  assert.equal(Number(srv.sqlValue(`SELECT count(*) FROM sessions WHERE user_id = ${a.user.id}`)), 0);
  assert.equal(Number(srv.sqlValue(`SELECT count(*) FROM audit_log WHERE action = 'DELETE /api/v1/sessions' AND object_id = ${a.user.id}`)), 1);
  assertProblem(await srv.del('/api/v1/sessions'), 401);
});

test('both servers are healthy', async () => {
  await assertHealthy(srv);
  await assertHealthy(proxied);
});

test('only the first 5 unknown skills of a body get suggestions (each costs an edit distance over the reference)', async () => {
  const admin = await srv.as('admin');
  const near = ['javva', 'pythn', 'dockr', 'kubernets', 'reactt', 'linuxx', 'postgress', 'kafkaa'];
  const r = await srv.post('/api/v1/people', { kind: 'candidate', first_name: 'A', last_name: 'B', skills: near.map((skill) => ({ skill, level: 3 })) }, { as: admin });
  assertProblem(r, 422);
  const msgs = near.map((_, i) => r.json.errors.find((e) => e.field === `skills[${i}].skill`)?.message);
  assert.ok(msgs.every(Boolean), JSON.stringify(r.json.errors));
  assert.deepEqual(msgs.map((m) => /proches|closest/.test(m)), [true, true, true, true, true, false, false, false]);
});
