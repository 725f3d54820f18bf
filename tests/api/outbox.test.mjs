// Outbox delivery across processes: two servers on one database send each
// mail once (SKIP LOCKED on PostgreSQL, BEGIN IMMEDIATE on SQLite); a
// server killed with SIGKILL while sending loses no mail, and the only
// duplicates are the mails of the batch it was sending (at least once,
// recognizable by their Message-ID).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { startServer, freePort, assertHealthy, BIN } from './harness.mjs';
import { SmtpSink, mailEnv } from './smtp.mjs';

const BATCH = 10; // src/mail/sender.c
let srv, sink;
const extra = [];

/** Queues n mails behind the API's back, each with a unique Message-ID. */
function queue(tag, n) {
  const now = new Date().toISOString().replace(/\.\d+Z$/, 'Z');
  const values = [];
  for (let i = 0; i < n; i++) {
    const id = `${tag}-${i}@outbox.test`;
    const msg = `From: <recrutement@alliance.example>\r\nTo: <${tag}${i}@example.org>\r\nSubject: ${tag} ${i}\r\n` +
      `Message-ID: <${id}>\r\nMIME-Version: 1.0\r\nContent-Type: text/plain; charset=UTF-8\r\n\r\nMail ${i}\r\n`;
    values.push(`('${id}', 'test', '${tag}${i}@example.org', '${tag} ${i}', '${msg}', 'pending', 0, '${now}', '${now}')`);
  }
  srv.sqlExec('INSERT INTO outbox (message_id, kind, recipient, subject, message, status, attempts, next_attempt_at, created_at) VALUES ' +
    values.join(', '));
}

/** Another `alliance serve` on the same database. */
async function serveAlso(env) {
  const port = await freePort();
  const proc = spawn(BIN, ['serve', '--db', srv.db, '--addr', `127.0.0.1:${port}`], {
    stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, ...env },
  });
  let stderr = '';
  proc.stderr.on('data', (d) => (stderr += d));
  const exited = new Promise((r) => proc.on('exit', (code, signal) => r({ code, signal })));
  const deadline = Date.now() + 20000;
  for (;;) {
    try { if ((await fetch(`http://127.0.0.1:${port}/healthz`)).status === 200) break; } catch { /* not yet */ }
    assert.ok(Date.now() < deadline, `second server did not start: ${stderr}`);
    await new Promise((r) => setTimeout(r, 25));
  }
  const s = { proc, exited, stderr: () => stderr };
  extra.push(s);
  return s;
}

const ids = (tag) => sink.messages().map((m) => /<([^>]+)>/.exec(m.headers['message-id'] || '')?.[1]).filter((x) => x && x.startsWith(`${tag}-`));

before(async () => {
  sink = await new SmtpSink().start();
  // the first server sends nothing until the test says so (no SMTP url)
  srv = await startServer({ demo: false });
});
after(async () => {
  for (const s of extra) if (s.proc.exitCode === null && s.proc.signalCode === null) { s.proc.kill('SIGTERM'); await s.exited; }
  await srv.stop();
  await sink.stop();
  sink.cleanup();
});

test('two servers on one database deliver every mail exactly once, both taking part', async (t) => {
  const N = 200;
  queue('twin', N);
  const a = await serveAlso(mailEnv(sink, { ALLIANCE_MAIL_FROM: 'A <a@alliance.example>', ALLIANCE_MAIL_LEASE_S: '60' }));
  const b = await serveAlso(mailEnv(sink, { ALLIANCE_MAIL_FROM: 'B <b@alliance.example>', ALLIANCE_MAIL_LEASE_S: '60' }));
  await sink.waitFor(() => srv.sqlValue("SELECT count(*) FROM outbox WHERE message_id LIKE 'twin-%' AND status = 'sent'") === N, 'all sent', 60000);
  const got = ids('twin');
  assert.equal(got.length, N, 'no mail twice');
  assert.equal(new Set(got).size, N, 'every mail');
  const by = (addr) => sink.messages().filter((m) => m.from_envelope === addr && /^<twin-/.test(m.headers['message-id'])).length;
  assert.ok(by('a@alliance.example') > 0 && by('b@alliance.example') > 0, `both servers sent: A ${by('a@alliance.example')}, B ${by('b@alliance.example')}`);
  assert.equal(by('a@alliance.example') + by('b@alliance.example'), N);
  t.diagnostic(`server A sent ${by('a@alliance.example')}, server B ${by('b@alliance.example')}`);
  for (const s of [a, b]) {
    s.proc.kill('SIGTERM');
    const { code } = await s.exited;
    assert.equal(code, 0, s.stderr());
  }
});

test('SIGKILL while sending: nothing acknowledged is lost; only the batch in flight may go twice', async (t) => {
  const N = 300;
  queue('crash', N);
  const env = mailEnv(sink, { ALLIANCE_MAIL_LEASE_S: '1' });
  const first = await serveAlso(env);
  await sink.waitFor(() => ids('crash').length >= 40, 'the first mails', 30000);
  first.proc.kill('SIGKILL');
  const { signal } = await first.exited;
  assert.equal(signal, 'SIGKILL');
  const inFlight = srv.sqlValue("SELECT count(*) FROM outbox WHERE message_id LIKE 'crash-%' AND status = 'sending'");
  assert.ok(inFlight <= BATCH, `at most one batch claimed at the kill: ${inFlight}`);
  const beforeRestart = ids('crash').length;
  assert.ok(beforeRestart < N, 'killed mid-way');
  await serveAlso(env);
  await sink.waitFor(() => srv.sqlValue("SELECT count(*) FROM outbox WHERE message_id LIKE 'crash-%' AND status = 'sent'") === N, 'all sent after the restart', 60000);
  const got = ids('crash');
  const unique = new Set(got);
  assert.equal(unique.size, N, 'no mail lost');
  const dup = got.length - unique.size;
  assert.ok(dup <= BATCH, `duplicates only from the batch in flight: ${dup}`);
  t.diagnostic(`killed after ${beforeRestart} received, ${inFlight} claimed at the kill, ${dup} sent twice`);
  // a duplicate carries the same Message-ID, so a mail client shows it once
  const seen = new Map();
  for (const id of got) seen.set(id, (seen.get(id) || 0) + 1);
  assert.ok([...seen.values()].every((n) => n <= 2));
});

test('the first server stays healthy', async () => {
  await assertHealthy(srv);
});
