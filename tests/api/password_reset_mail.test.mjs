// A forgotten password: the reset link really goes out by e-mail (real SMTP,
// tests/smtp_sink.py), works once and expires; an unknown address gets the
// same answer and no mail; nobody can flood an inbox.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, demoEmail, DEMO_PASSWORD, assertProblem, assertFieldError, assertHealthy } from './harness.mjs';
import { SmtpSink, mailEnv, tokenHash } from './smtp.mjs';

let srv, sink;
before(async () => {
  sink = await new SmtpSink().start();
  srv = await startServer({ env: mailEnv(sink) });
});
after(async () => {
  await srv.stop();
  await sink.stop();
  sink.cleanup();
});

const ask = (email, headers) => srv.post('/api/v1/password-reset/request', { email }, { headers });
const linkOf = (text) => /https:\/\/jobs\.example\.org\/#\/reset\/([A-Za-z0-9_-]{43})/.exec(text);

test('asking for a reset mails a single-use link that sets a new password and ends the old sessions', async () => {
  const email = demoEmail('tech');
  const old = await srv.signIn(email);
  const r = await ask(email.toUpperCase());
  assert.equal(r.status, 202, r.text);
  assert.match(r.json.detail, /^Si un compte existe pour cette adresse/);
  const m = await sink.next(email);
  assert.equal(m.headers.subject, 'Alliance : choisir un nouveau mot de passe');
  assert.match(m.text, /dans les 60 minutes ; il ne sert qu'une fois/);
  const token = linkOf(m.text)[1];
  assert.equal(srv.sqlValue(`SELECT count(*) FROM password_resets WHERE token_hash = '${tokenHash(token)}' AND used_at IS NULL`), 1);
  await sink.waitFor(() => srv.sqlValue(`SELECT status FROM outbox WHERE kind = 'password_reset' AND recipient = '${email}'`) === 'sent', 'sent mark');
  assert.equal(srv.sqlValue(`SELECT message FROM outbox WHERE kind = 'password_reset' AND recipient = '${email}'`), '', 'a sent mail forgets its link');
  const set = await srv.post('/api/v1/password-reset', { token, password: 'une phrase de passe toute neuve' });
  assert.equal(set.status, 204, set.text);
  assert.equal((await srv.get('/api/v1/me', { as: old })).status, 401, 'old sessions ended');
  await srv.signIn(email, 'une phrase de passe toute neuve');
  assertProblem(await srv.post('/api/v1/password-reset', { token, password: 'encore une autre phrase' }), 400, 'once');
});

test('an unknown or disabled address gets the same answer and no mail; the English form gets an English mail', async () => {
  const known = await ask(demoEmail('sales'));
  const unknown = await ask(`nobody.${process.pid}@demo.alliance.example`);
  assert.equal(unknown.status, known.status);
  assert.deepEqual(unknown.json, known.json, 'no enumeration');
  await sink.next(demoEmail('sales'));
  await new Promise((r) => setTimeout(r, 300));
  assert.equal(sink.count(`nobody.${process.pid}@demo.alliance.example`), 0);
  const en = await ask(demoEmail('consultant'), { 'Accept-Language': 'en' });
  assert.match(en.json.detail, /^If an account exists for this address/);
  const m = await sink.next(demoEmail('consultant'));
  assert.equal(m.headers.subject, 'Alliance: choosing a new password');
  // an expired link does nothing
  const token = linkOf(m.text)[1];
  srv.sqlExec(`UPDATE password_resets SET expires_at = '2020-01-01T00:00:00Z' WHERE token_hash = '${tokenHash(token)}'`);
  assertProblem(await srv.post('/api/v1/password-reset', { token, password: 'une phrase de passe toute neuve' }), 400);
  assert.equal((await srv.post('/api/v1/session', { email: demoEmail('consultant'), password: DEMO_PASSWORD })).status, 200);
});

test('at most 3 mails an hour to one account, 20 requests an hour from one address; bad input is refused', async () => {
  const email = demoEmail('recruiter');
  const before = sink.count(email);
  for (let i = 0; i < 5; i++) assert.equal((await ask(email)).status, 202);
  await sink.waitFor((ms) => ms.filter((x) => x.to_envelope.includes(email)).length >= before + 3, 'three mails');
  await new Promise((r) => setTimeout(r, 400));
  assert.equal(sink.count(email) - before, 3, 'the fourth and fifth ask send nothing (same answer)');
  for (const [body, field] of [[{}, 'email'], [{ email: 'not an address' }, 'email'], [{ email: 42 }, 'email'],
    [{ email: `${'a'.repeat(250)}@x.fr` }, 'email'], [{ email: 'a@b.fr', extra: 1 }, 'extra']])
    assertFieldError(await srv.post('/api/v1/password-reset/request', body), field, JSON.stringify(body));
  assertProblem(await srv.req('POST', '/api/v1/password-reset/request', { raw: '{"email":' }), 400);
  // one address asking for many accounts: 429 after 20 in the hour (this file made 9 so far)
  let status = 0;
  for (let i = 0; i < 20 && status !== 429; i++) status = (await ask(`x${i}.${process.pid}@example.org`)).status;
  assert.equal(status, 429);
  const r = await ask(`y.${process.pid}@example.org`);
  assertProblem(r, 429);
  assert.equal(r.headers.get('retry-after'), '3600');
});

test('the server is healthy', async () => {
  await assertHealthy(srv);
});
