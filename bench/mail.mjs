// Mail delivery throughput: mails per second from the outbox to a real SMTP
// server on loopback (tests/smtp_sink.py, aiosmtpd, which parses every
// message), with one server, then two servers on the same database, then
// end to end (stage changes through the API, each queuing a MIME mail).
// Figures, never asserted.
//   ALLIANCE_BIN=$PWD/build/alliance node bench/mail.mjs   (N=2000; ALLIANCE_TEST_PG for PostgreSQL)
import { spawn } from 'node:child_process';
import { Server, freePort, BIN, PG } from '../tests/api/harness.mjs';
import { SmtpSink, mailEnv } from '../tests/api/smtp.mjs';

const N = Number(process.env.N || 2000);
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

function queue(srv, tag, n) {
  const now = new Date().toISOString().replace(/\.\d+Z$/, 'Z');
  for (let start = 0; start < n; start += 100) {
    const values = [];
    for (let i = start; i < Math.min(n, start + 100); i++) {
      const msg = `From: <r@alliance.example>\r\nTo: <${tag}${i}@example.org>\r\nSubject: =?UTF-8?B?w4l0YXBl?= ${i}\r\n` +
        `Message-ID: <${tag}-${i}@bench>\r\nMIME-Version: 1.0\r\nContent-Type: text/plain; charset=UTF-8\r\n` +
        `Content-Transfer-Encoding: quoted-printable\r\n\r\nBonjour =C3=89lodie, ${'votre candidature avance. '.repeat(20)}\r\n`;
      values.push(`('${tag}-${i}@bench', 'bench', '${tag}${i}@example.org', 's', '${msg}', 'pending', 0, '${now}', '${now}')`);
    }
    srv.sqlExec('INSERT INTO outbox (message_id, kind, recipient, subject, message, status, attempts, next_attempt_at, created_at) VALUES ' + values.join(','));
  }
}

async function serve(srv, env) {
  const port = await freePort();
  const proc = spawn(BIN, ['serve', '--db', srv.db, '--addr', `127.0.0.1:${port}`], { stdio: 'ignore', env: { ...process.env, ...env } });
  for (;;) {
    try { if ((await fetch(`http://127.0.0.1:${port}/healthz`)).ok) break; } catch { /* starting */ }
    await sleep(20);
  }
  return { proc, base: `http://127.0.0.1:${port}` };
}

async function untilSent(srv, tag, n) {
  for (;;) {
    if (srv.sqlValue(`SELECT count(*) FROM outbox WHERE message_id LIKE '${tag}-%' AND status = 'sent'`) >= n) return;
    await sleep(100);
  }
}

async function run(name, servers) {
  const sink = await new SmtpSink().start(['--no-parse']);
  const srv = new Server();
  await srv.start({ demo: true });
  const tag = name.replace(/\W/g, '');
  queue(srv, tag, N);
  const t0 = performance.now();
  const procs = [];
  for (let i = 0; i < servers; i++) procs.push(await serve(srv, mailEnv(sink, { ALLIANCE_MAIL_LEASE_S: '120' })));
  await untilSent(srv, tag, N);
  const s = (performance.now() - t0) / 1000;
  const got = sink.messages().filter((m) => (m.headers['message-id'] || '').includes(`${tag}-`)).length;
  console.log(`${name}: ${N} mails in ${s.toFixed(2)} s = ${(N / s).toFixed(0)} mails/s (received ${got})`);
  for (const p of procs) p.proc.kill('SIGTERM');
  await srv.stop();
  await sink.stop();
  sink.cleanup();
}

async function endToEnd() {
  const sink = await new SmtpSink().start();
  const srv = new Server();
  await srv.start({ demo: true, env: mailEnv(sink) });
  const rec = await srv.as('recruiter');
  const need = (await srv.post('/api/v1/needs', { title: 'Bench' }, { as: await srv.as('admin') })).json;
  const M = Math.min(N, 300);
  const ids = [];
  for (let i = 0; i < M; i++) {
    const p = (await srv.post('/api/v1/people', { kind: 'candidate', first_name: 'Élodie', last_name: `B${i}`, email: `e2e${i}@example.org` }, { as: rec })).json;
    ids.push((await srv.post('/api/v1/candidacies', { person_id: p.id, need_id: need.id }, { as: rec })).json.id);
  }
  const t0 = performance.now();
  for (const id of ids) await srv.patch(`/api/v1/candidacies/${id}`, { stage: 'contacted' }, { as: rec, ifMatch: '"1"' });
  const tReq = (performance.now() - t0) / 1000;
  await sink.waitFor((ms) => ms.filter((m) => /^e2e/.test(m.to_envelope[0])).length >= M, 'e2e', 120000);
  const tAll = (performance.now() - t0) / 1000;
  console.log(`end to end: ${M} stage changes (each: mail rendered, status link minted, outbox row) in ${tReq.toFixed(2)} s ` +
    `= ${(M / tReq).toFixed(0)} changes/s sequential; all ${M} mails received after ${tAll.toFixed(2)} s`);
  await srv.stop();
  await sink.stop();
  sink.cleanup();
}

console.log(`engine: ${PG ? 'postgresql' : 'sqlite'}; N=${N}; sink: aiosmtpd on loopback (stores each message; the end-to-end sink also parses it)`);
await run('one server', 1);
await run('two servers', 2);
await endToEnd();
