// SMTP options: STARTTLS to a server that requires it (certificate checked
// against ALLIANCE_SMTP_CA_FILE), authentication (ALLIANCE_SMTP_USER/PASSWORD or user:password
// in the url) against a server that requires it, a wrong password kept as
// the mail's last error (the mail waits, nothing is lost), and
// ALLIANCE_SMTP_TLS=required refusing to send in clear to a server without
// STARTTLS.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startServer, assertHealthy } from './harness.mjs';
import { SmtpSink, mailEnv } from './smtp.mjs';

let sink;
const servers = [];
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

before(async () => {
  sink = await new SmtpSink().start(['--auth', 'alliance:s3cr\u00e9t']);
});
after(async () => {
  for (const s of servers) await s.stop();
  await sink.stop();
  sink.cleanup();
});

async function serverWith(env) {
  const s = await startServer({ demo: false, env: mailEnv(sink, env) });
  servers.push(s);
  return s;
}

function queue(srv, tag) {
  const now = new Date().toISOString().replace(/\.\d+Z$/, 'Z');
  const msg = `From: <r@alliance.example>\r\nTo: <${tag}@example.org>\r\nSubject: ${tag}\r\nMessage-ID: <${tag}@auth.test>\r\n\r\nHello\r\n`;
  srv.sqlExec(`INSERT INTO outbox (message_id, kind, recipient, subject, message, status, attempts, next_attempt_at, created_at) VALUES ('${tag}@auth.test', 'test', '${tag}@example.org', '${tag}', '${msg}', 'pending', 0, '${now}', '${now}')`);
}

async function rowAfterAttempts(srv, tag, n) {
  for (let i = 0; i < 200; i++) {
    const row = srv.sql(`SELECT status, attempts, last_error FROM outbox WHERE message_id = '${tag}@auth.test'`)[0];
    if (row.attempts >= n && row.status !== 'sending') return row;
    await sleep(50);
  }
  throw new Error('no attempt');
}

test('with the right user and password the mail goes through', async () => {
  const srv = await serverWith({ ALLIANCE_SMTP_USER: 'alliance', ALLIANCE_SMTP_PASSWORD: 's3cr\u00e9t' });
  queue(srv, 'good');
  await sink.next('good@example.org');
  assert.equal((await rowAfterAttempts(srv, 'good', 1)).status, 'sent');
});

test('user:password in the url works too', async () => {
  const srv = await serverWith({ ALLIANCE_SMTP_URL: `smtp://alliance:${encodeURIComponent('s3cr\u00e9t')}@127.0.0.1:${sink.port}` });
  queue(srv, 'inurl');
  await sink.next('inurl@example.org');
});

test('a wrong password: the mail waits with the server\'s refusal as its error', async () => {
  const srv = await serverWith({ ALLIANCE_SMTP_USER: 'alliance', ALLIANCE_SMTP_PASSWORD: 'wrong' });
  queue(srv, 'denied');
  const row = await rowAfterAttempts(srv, 'denied', 2);
  assert.equal(row.status, 'pending');
  assert.match(row.last_error, /Login denied|535|auth/i, row.last_error);
  assert.equal(sink.count('denied@example.org'), 0);
  assert.doesNotMatch(row.last_error, /wrong/, 'the password is not written in the error');
});

test('TLS required: no mail in clear to a server without STARTTLS', async () => {
  const srv = await serverWith({ ALLIANCE_SMTP_TLS: 'required', ALLIANCE_SMTP_USER: 'alliance', ALLIANCE_SMTP_PASSWORD: 's3cr\u00e9t' });
  queue(srv, 'clear');
  const row = await rowAfterAttempts(srv, 'clear', 1);
  assert.equal(row.status, 'pending');
  assert.match(row.last_error, /SSL|TLS/i, row.last_error);
  assert.equal(sink.count('clear@example.org'), 0);
  await assertHealthy(srv);
});

test('STARTTLS: a server that requires TLS gets the mail encrypted, its certificate checked', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'alliance-tls-'));
  try {
    const r = spawnSync('openssl', ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-days', '2', '-subj', '/CN=127.0.0.1',
      '-addext', 'subjectAltName=IP:127.0.0.1', '-keyout', join(dir, 'key.pem'), '-out', join(dir, 'cert.pem')], { encoding: 'utf8' });
    assert.equal(r.status, 0, r.stderr);
    const tls = await new SmtpSink().start(['--tls-cert', join(dir, 'cert.pem'), '--tls-key', join(dir, 'key.pem'), '--auth', 'alliance:pw']);
    try {
      const env = { ALLIANCE_SMTP_URL: tls.url, ALLIANCE_SMTP_TLS: 'required', ALLIANCE_SMTP_USER: 'alliance', ALLIANCE_SMTP_PASSWORD: 'pw' };
      const untrusted = await serverWith(env);
      queue(untrusted, 'untrusted');
      const row = await rowAfterAttempts(untrusted, 'untrusted', 1);
      assert.equal(row.status, 'pending', 'an unknown certificate is refused');
      assert.match(row.last_error, /certificate|SSL/i, row.last_error);
      const trusted = await serverWith({ ...env, ALLIANCE_SMTP_CA_FILE: join(dir, 'cert.pem') });
      queue(trusted, 'secure');
      await tls.next('secure@example.org');
      assert.equal((await rowAfterAttempts(trusted, 'secure', 1)).status, 'sent');
    } finally {
      await tls.stop();
      tls.cleanup();
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
