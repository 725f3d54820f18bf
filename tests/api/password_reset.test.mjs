// Password reset links: single use, expiring, only the latest counts, one
// answer for every bad link, the new password follows the rules, and every
// session of the account ends.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { cli, startServer, demoEmail, DEMO_PASSWORD, assertProblem, assertFieldError, assertHealthy } from './harness.mjs';

let srv;
before(async () => {
  srv = await startServer();
});
after(async () => {
  await srv.stop();
});

function link(email) {
  const r = cli(['user', 'reset-link', '--email', email, '--base', 'https://alliance.example', '--db', srv.db]);
  assert.equal(r.status, 0, r.stderr);
  const m = /^https:\/\/alliance\.example\/#\/reset\/([A-Za-z0-9_-]{43})\n$/.exec(r.stdout);
  assert.ok(m, r.stdout);
  return m[1];
}
const reset = (token, password) => srv.post('/api/v1/password-reset', { token, password });

test('a reset link sets a new password once, and ends every session of the account', async () => {
  const before = await srv.signIn(demoEmail('tech'));
  const token = link(demoEmail('tech'));
  assert.equal(srv.sqlValue(`SELECT count(*) FROM password_resets WHERE token_hash = '${token}'`), 0, 'only a hash is stored');
  assertFieldError(await reset(token, 'too-short'), 'password');
  assertFieldError(await reset(token, 'Motdepasse2026!'), 'password');
  const r = await reset(token, 'a brand new passphrase');
  assert.equal(r.status, 204, r.text);
  assert.equal((await srv.get('/api/v1/me', { as: before })).status, 401, 'old sessions ended');
  assertProblem(await srv.post('/api/v1/session', { email: demoEmail('tech'), password: DEMO_PASSWORD }), 401);
  await srv.signIn(demoEmail('tech'), 'a brand new passphrase');
  const again = await reset(token, 'yet another passphrase');
  assertProblem(again, 400, 'used once');
  assert.equal(again.json.type, '/problems/reset-link-invalid');
  const audit = srv.sql(`SELECT object_id FROM audit_log WHERE action = 'POST /api/v1/password-reset'`);
  assert.equal(audit.length, 1);
});

test('an expired, superseded, unknown or malformed link gets the same answer', async () => {
  const first = link(demoEmail('sales'));
  const second = link(demoEmail('sales'));
  const expired = link(demoEmail('consultant'));
  srv.sqlExec(`UPDATE password_resets SET expires_at = '2020-01-01T00:00:00Z' WHERE used_at IS NULL AND user_id = (SELECT id FROM users WHERE email = '${demoEmail('consultant')}')`);
  const answers = [];
  for (const t of [first, expired, 'A'.repeat(43), 'x']) {
    const r = await reset(t, 'a perfectly fine passphrase');
    assertProblem(r, 400, t);
    answers.push(JSON.stringify(r.json));
  }
  assert.equal(new Set(answers).size, 1, 'one answer for all');
  assert.equal((await reset(second, 'a perfectly fine passphrase')).status, 204, 'the latest link works');
  assertFieldError(await srv.post('/api/v1/password-reset', { password: 'a perfectly fine passphrase' }), 'token');
  assertFieldError(await srv.post('/api/v1/password-reset', { token: 'x'.repeat(65), password: 'a perfectly fine passphrase' }), 'token');
  assertFieldError(await srv.post('/api/v1/password-reset', { token: first, password: 'ok passphrase here', admin: true }), 'admin');
});

test('two uses of one link at the same time: exactly one wins', async () => {
  const token = link(demoEmail('recruiter'));
  const rs = await Promise.all([reset(token, 'first racing passphrase'), reset(token, 'second racing passphrase'), reset(token, 'third racing passphrase')]);
  assert.deepEqual(rs.map((r) => r.status).sort(), [204, 400, 400]);
});

test('reset-link refuses an unknown account and bad usage', () => {
  const r = cli(['user', 'reset-link', '--email', 'nobody@x.example', '--db', srv.db]);
  assert.equal(r.status, 1);
  assert.equal(r.stdout, '');
  assert.equal(cli(['user', 'reset-link', '--db', srv.db]).status, 2);
  assert.equal(cli(['user', 'reset-link', '--email', 'x@y.example', 'extra', '--db', srv.db]).status, 2);
});

test('the server is healthy', async () => {
  await assertHealthy(srv);
});
