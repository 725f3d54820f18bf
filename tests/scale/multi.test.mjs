// multi: two `alliance serve` processes on one PostgreSQL database, behind
// nginx (round robin, retry on the other server). Checks that everything a
// server keeps lives in the database: sessions, sign-in failures, versions,
// the data matches are computed from; and that stopping one server while
// nginx sends it traffic loses nothing and applies no write twice.
// Needs: ALLIANCE_BIN, PostgreSQL (tests/pg.sh), nginx (/usr/sbin/nginx).
import { before, after, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync, readFileSync, chmodSync, mkdirSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { BIN, freePort, cli, psql, demoEmail, DEMO_PASSWORD, assertNoSanitizerReport, request, signInAt } from '../api/harness.mjs';
import { openStream } from '../api/sse.mjs';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const PG_SH = join(ROOT, 'tests', 'pg.sh');
const NGINX = process.env.NGINX_BIN || '/usr/sbin/nginx';
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

let tmp;
let pgDir;
let url;
let A; // {name, port, base, proc, exited, stderr}
let B;
let nginx; // {proc, port, base, exited, stderr}
let token; // bearer token of the manager

async function waitHealthy(base, what, proc) {
  const deadline = Date.now() + 20_000;
  for (;;) {
    if (proc && proc.exitCode !== null) throw new Error(`${what} exited early`);
    try {
      const r = await fetch(`${base}/healthz`);
      if (r.status === 200) return;
    } catch {
      /* not listening yet */
    }
    if (Date.now() > deadline) throw new Error(`${what} did not answer /healthz at ${base}`);
    await sleep(25);
  }
}

async function startAlliance(name) {
  const port = await freePort();
  const s = { name, port, base: `http://127.0.0.1:${port}`, stderr: '' };
  s.proc = spawn(BIN, ['serve', '--db', url, '--addr', `127.0.0.1:${port}`], { stdio: ['ignore', 'ignore', 'pipe'] });
  s.proc.stderr.setEncoding('utf8');
  s.proc.stderr.on('data', (d) => (s.stderr += d));
  s.exited = new Promise((resolve) => s.proc.on('exit', (code, signal) => resolve({ code, signal })));
  await waitHealthy(s.base, `server ${name}`, s.proc);
  return s;
}

/** SIGTERM (if still running) and the exit status, killed after 20 s. */
async function stopProc(p) {
  if (!p || !p.proc) return null;
  if (p.proc.exitCode === null && p.proc.signalCode === null) p.proc.kill('SIGTERM');
  const timer = setTimeout(() => p.proc.kill('SIGKILL'), 20_000);
  const st = await p.exited;
  clearTimeout(timer);
  return st;
}

function nginxConf(port) {
  const root = process.getuid && process.getuid() === 0;
  return `${root ? 'user root;\n' : ''}daemon off;
master_process on;
worker_processes 1;
pid ${tmp}/nginx.pid;
error_log ${tmp}/error.log warn;
events { worker_connections 256; }
http {
  access_log off;
  client_body_temp_path ${tmp}/nginx-tmp/body;
  proxy_temp_path ${tmp}/nginx-tmp/proxy;
  fastcgi_temp_path ${tmp}/nginx-tmp/fastcgi;
  uwsgi_temp_path ${tmp}/nginx-tmp/uwsgi;
  scgi_temp_path ${tmp}/nginx-tmp/scgi;
  upstream alliance {
    server 127.0.0.1:${A.port} max_fails=1 fail_timeout=2s;
    server 127.0.0.1:${B.port} max_fails=1 fail_timeout=2s;
  }
  server {
    listen 127.0.0.1:${port};
    location / {
      proxy_pass http://alliance;
      proxy_next_upstream error timeout http_502 http_503 non_idempotent;
      proxy_next_upstream_tries 2;
      proxy_connect_timeout 1s;
      proxy_send_timeout 10s;
      proxy_read_timeout 10s;
      proxy_set_header Host $host;
      proxy_set_header X-Forwarded-For $remote_addr;
    }
  }
}
`;
}

async function startNginx() {
  const port = await freePort();
  mkdirSync(join(tmp, 'nginx-tmp'), { recursive: true });
  writeFileSync(join(tmp, 'nginx.conf'), nginxConf(port));
  const t = spawnSync(NGINX, ['-t', '-p', tmp, '-e', join(tmp, 'error.log'), '-c', join(tmp, 'nginx.conf')], {
    encoding: 'utf8',
  });
  assert.equal(t.status, 0, `nginx -t failed: ${t.stderr}`);
  const n = { port, base: `http://127.0.0.1:${port}`, stderr: '' };
  n.proc = spawn(NGINX, ['-p', tmp, '-e', join(tmp, 'error.log'), '-c', join(tmp, 'nginx.conf')], {
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  n.proc.stderr.setEncoding('utf8');
  n.proc.stderr.on('data', (d) => (n.stderr += d));
  n.exited = new Promise((resolve) => n.proc.on('exit', (code, signal) => resolve({ code, signal })));
  await waitHealthy(n.base, 'nginx', n.proc);
  return n;
}

const req = request;
const signIn = signInAt;

before(async () => {
  tmp = mkdtempSync(join(tmpdir(), 'alliance-scale-'));
  chmodSync(tmp, 0o755); // the cluster's owner (postgres, when root) must reach its directory
  pgDir = join(tmp, 'pg');
  const pg = spawnSync(PG_SH, ['start', pgDir], { encoding: 'utf8' });
  assert.equal(pg.status, 0, `pg.sh start failed: ${pg.stderr}`);
  url = pg.stdout.trim();
  const init = cli(['init', '--demo', '--db', url]);
  assertNoSanitizerReport(init.stderr, 'init');
  assert.equal(init.status, 0, `init failed: ${init.stderr}`);
  const t = cli(['token', 'create', '--email', demoEmail('manager'), '--db', url, '--label', 'scale']);
  assert.equal(t.status, 0, `token create failed: ${t.stderr}`);
  token = { token: t.stdout.trim() };
  [A, B] = await Promise.all([startAlliance('A'), startAlliance('B')]);
  nginx = await startNginx();
});

after(async () => {
  const problems = [];
  try {
    const ng = await stopProc(nginx);
    const [sa, sb] = await Promise.all([stopProc(A), stopProc(B)]);
    for (const [s, st] of [[A, sa], [B, sb]]) {
      if (!s) continue;
      if (/Sanitizer|runtime error/.test(s.stderr)) problems.push(`server ${s.name} sanitizer report:\n${s.stderr}`);
      if (!st || st.code !== 0 || st.signal !== null)
        problems.push(`server ${s.name} exited ${JSON.stringify(st)}:\n${s.stderr}`);
    }
    if (nginx && ng && ng.code !== 0 && ng.signal !== 'SIGTERM') problems.push(`nginx exited ${JSON.stringify(ng)}`);
  } finally {
    if (problems.length && tmp && existsSync(join(tmp, 'error.log')))
      problems.push(`nginx error.log:\n${readFileSync(join(tmp, 'error.log'), 'utf8').slice(-3000)}`);
    if (pgDir) spawnSync(PG_SH, ['stop', pgDir]);
    if (tmp) rmSync(tmp, { recursive: true, force: true });
  }
  assert.deepEqual(problems, []);
});

test('nginx answers through the upstream of two servers', async () => {
  for (let i = 0; i < 4; i++) {
    const r = await req(nginx.base, 'GET', '/healthz');
    assert.equal(r.status, 200);
  }
});

test('a session opened through server A works on server B, and sign-out on B ends it on A', async () => {
  const s = await signIn(A.base, demoEmail('manager'));
  const meB = await req(B.base, 'GET', '/api/v1/me', { as: s });
  assert.equal(meB.status, 200, meB.text);
  assert.equal(meB.json.user.email, demoEmail('manager'));
  assert.equal(meB.json.csrf_token, s.csrf, 'same CSRF token on both servers');
  // a cookie-authenticated write on B with the CSRF token made on A
  const w = await req(B.base, 'POST', '/api/v1/clients', { as: s, body: { name: `Scale client ${Date.now()}` } });
  assert.equal(w.status, 201, w.text);
  const out = await req(B.base, 'DELETE', '/api/v1/session', { as: s });
  assert.equal(out.status, 204, out.text);
  const meA = await req(A.base, 'GET', '/api/v1/me', { as: s });
  assert.equal(meA.status, 401, `session still valid on A after sign-out on B: ${meA.text}`);
  const meB2 = await req(B.base, 'GET', '/api/v1/me', { as: s });
  assert.equal(meB2.status, 401);
});

test('sign-in failures are counted across servers: 10 wrong passwords alternating A and B, then 429', async () => {
  const email = demoEmail('consultant');
  for (let i = 0; i < 10; i++) {
    const s = i % 2 ? B : A;
    const r = await req(s.base, 'POST', '/api/v1/session', { body: { email, password: `wrong-${i}` } });
    assert.equal(r.status, 401, `failure ${i + 1} on ${s.name}: ${r.status} ${r.text}`);
  }
  for (const s of [A, B]) {
    const r = await req(s.base, 'POST', '/api/v1/session', { body: { email, password: 'wrong-again' } });
    assert.equal(r.status, 429, `11th attempt on ${s.name}: ${r.status} ${r.text}`);
    assert.ok(r.headers.get('retry-after'), 'Retry-After');
    // even the right password is refused while the limit holds
    const ok = await req(s.base, 'POST', '/api/v1/session', { body: { email, password: DEMO_PASSWORD } });
    assert.equal(ok.status, 429, `right password on ${s.name} during the limit: ${ok.status}`);
  }
});

test('a person edited through A changes the matches served by B within one second', async () => {
  const need = await req(A.base, 'POST', '/api/v1/needs', {
    as: token,
    body: {
      title: 'Scale: propagation',
      status: 'open',
      client_id: 1,
      location: 'Paris',
      start_date: '2027-03-01',
      skills: [
        { skill: 'java', min_level: 4, weight: 5, mandatory: false },
        { skill: 'postgresql', min_level: 3, weight: 3, mandatory: false },
        { skill: 'docker', min_level: 3, weight: 2, mandatory: false },
      ],
    },
  });
  assert.equal(need.status, 201, need.text);
  const needId = need.json.id;
  const needSkills = need.json.skills.map((s) => s.skill);
  const before = await req(B.base, 'GET', `/api/v1/needs/${needId}/matches?limit=200`, { as: token });
  assert.equal(before.status, 200, before.text);
  const candidate = before.json.items.find((m) => m.score < 90);
  assert.ok(candidate, `no person with a score below 90 among ${before.json.items.length} matches`);
  const pid = candidate.person.id;
  const scoreBefore = candidate.score;

  const p = await req(A.base, 'GET', `/api/v1/people/${pid}`, { as: token });
  assert.equal(p.status, 200, p.text);
  const etag = p.headers.get('etag');
  const skills = p.json.skills
    .filter((s) => !needSkills.includes(s.skill))
    .map((s) => ({ skill: s.skill, level: s.level, ...(s.years != null ? { years: s.years } : {}) }));
  for (const sk of needSkills) skills.push({ skill: sk, level: 5, years: 10 });

  const t0 = performance.now();
  const patch = await req(A.base, 'PATCH', `/api/v1/people/${pid}`, { as: token, ifMatch: etag, body: { skills } });
  assert.equal(patch.status, 200, patch.text);
  const tAnswered = performance.now();
  let delay;
  let scoreAfter;
  while (performance.now() - t0 < 3000) {
    const m = await req(B.base, 'GET', `/api/v1/needs/${needId}/matches?limit=200`, { as: token });
    assert.equal(m.status, 200);
    const mine = m.json.items.find((x) => x.person.id === pid);
    if (mine && mine.score !== scoreBefore) {
      delay = performance.now() - t0;
      scoreAfter = mine.score;
      break;
    }
    await sleep(5);
  }
  assert.ok(delay !== undefined, `the matches on B did not change within 3 s (score stays ${scoreBefore})`);
  console.log(
    `# propagation A→B: ${delay.toFixed(1)} ms from PATCH sent to B's matches showing it ` +
      `(${(delay - (tAnswered - t0)).toFixed(1)} ms after A's 200); score ${scoreBefore} → ${scoreAfter}`,
  );
  assert.ok(scoreAfter > scoreBefore, `score should rise: ${scoreBefore} → ${scoreAfter}`);
  assert.ok(delay < 1000, `propagation took ${delay.toFixed(0)} ms`);
});

test('after PostgreSQL restarts, both servers answer every request again without a restart of their own', async () => {
  const restart = spawnSync(PG_SH, ['restart', pgDir], { encoding: 'utf8' });
  assert.equal(restart.status, 0, `pg.sh restart failed: ${restart.stderr}`);
  for (const s of [A, B]) {
    // more requests than worker threads, so every thread meets its broken connection
    for (let i = 0; i < 12; i++) {
      const r = await req(s.base, 'GET', '/api/v1/needs?limit=5', { as: token });
      assert.equal(r.status, 200, `${s.name} request ${i}: ${r.status} ${r.text}`);
    }
  }
});

// The event log is followed by every server: B learns of A's commits
// through LISTEN/NOTIFY, and catches up by id after its connection broke.
async function followedBy(s) {
  const m = await req(s.base, 'GET', '/metrics');
  return Number(/^alliance_events_followed_last_id (\d+)$/m.exec(m.text)[1]);
}

async function waitFollowed(s, id, limitMs) {
  const t0 = performance.now();
  while ((await followedBy(s)) < id) {
    assert.ok(performance.now() - t0 < limitMs, `${s.name} did not follow event ${id} within ${limitMs} ms`);
    await sleep(2);
  }
  return performance.now() - t0;
}

test('a write through A reaches the event follower of B within one second, every time', async () => {
  const delays = [];
  for (let i = 0; i < 10; i++) {
    const r = await req(A.base, 'POST', '/api/v1/people', { as: token, body: { kind: 'candidate', first_name: `Suivi${i}`, last_name: 'Réseau' } });
    assert.equal(r.status, 201, r.text);
    const id = Number(psql(url, 'SELECT max(id) FROM events').trim());
    assert.equal(await followedBy(A), id, 'A followed its own write before answering');
    delays.push(await waitFollowed(B, id, 1000));
  }
  delays.sort((a, b) => a - b);
  console.log(`# event follow A→B: p50 ${delays[5].toFixed(1)} ms, max ${delays[9].toFixed(1)} ms`);
});

test('after PostgreSQL restarts, B catches up on the events written meanwhile', async () => {
  const restart = spawnSync(PG_SH, ['restart', pgDir], { encoding: 'utf8' });
  assert.equal(restart.status, 0, `pg.sh restart failed: ${restart.stderr}`);
  let r;
  for (let i = 0; i < 20 && (!r || r.status !== 201); i++)
    r = await req(A.base, 'POST', '/api/v1/people', { as: token, body: { kind: 'candidate', first_name: 'Reprise', last_name: 'Après' } });
  assert.equal(r.status, 201, r.text);
  const id = Number(psql(url, 'SELECT max(id) FROM events').trim());
  await waitFollowed(B, id, 5000);
});

test('two edits of one need through different servers with the same If-Match: one 200, the other 412', async () => {
  const need = await req(A.base, 'POST', '/api/v1/needs', { as: token, body: { title: 'Scale: race' } });
  assert.equal(need.status, 201, need.text);
  const id = need.json.id;
  const rounds = 10;
  for (let i = 0; i < rounds; i++) {
    const g = await req(B.base, 'GET', `/api/v1/needs/${id}`, { as: token });
    const etag = g.headers.get('etag');
    const [ra, rb] = await Promise.all([
      req(A.base, 'PATCH', `/api/v1/needs/${id}`, { as: token, ifMatch: etag, body: { title: `Scale: A ${i}` } }),
      req(B.base, 'PATCH', `/api/v1/needs/${id}`, { as: token, ifMatch: etag, body: { title: `Scale: B ${i}` } }),
    ]);
    const statuses = [ra.status, rb.status].sort();
    assert.deepEqual(statuses, [200, 412], `round ${i}: A ${ra.status} ${ra.text} / B ${rb.status} ${rb.text}`);
    const winner = ra.status === 200 ? ra : rb;
    const now = await req(A.base, 'GET', `/api/v1/needs/${id}`, { as: token });
    assert.equal(now.json.title, winner.json.title, 'the stored title is the winner’s');
    assert.equal(now.json.version, need.json.version + i + 1, 'one version per round');
  }
});

test('a post written through server A reaches a live stream open on server B, once, and through nginx', async () => {
  const ch = await req(A.base, 'POST', '/api/v1/channels', { as: token, body: { name: `Deux serveurs ${Date.now()}` } });
  assert.equal(ch.status, 201, ch.text);
  const onB = await openStream(B.base, token);
  const viaNginx = await openStream(nginx.base, token);
  try {
    assert.equal(onB.status, 200);
    assert.equal(viaNginx.status, 200);
    const p = await req(A.base, 'POST', `/api/v1/channels/${ch.json.id}/posts`, { as: token, body: { body: 'écrit sur A' } });
    assert.equal(p.status, 201, p.text);
    const got = (ms) => ms.filter((m) => m.event === 'post.created' && m.json.post.id === p.json.id);
    await onB.until((ms) => got(ms).length > 0, 10_000, 'the post on B');
    await viaNginx.until((ms) => got(ms).length > 0, 10_000, 'the post through nginx');
    assert.equal(got(onB.messages)[0].json.post.body, 'écrit sur A');
    // a second post from B: B's stream gets both, each once, in order
    const q = await req(B.base, 'POST', `/api/v1/channels/${ch.json.id}/posts`, { as: token, body: { body: 'écrit sur B' } });
    await onB.until((ms) => ms.some((m) => m.json?.post?.id === q.json.id), 10_000, 'the second post');
    const ids = onB.messages.filter((m) => m.event === 'post.created').map((m) => m.json.post.id);
    assert.deepEqual(ids.filter((id) => id === p.json.id || id === q.json.id), [p.json.id, q.json.id]);
    // a reconnect to A with the id seen on B misses nothing
    const last = got(onB.messages)[0].id;
    const resumed = await openStream(A.base, token, { lastEventId: last });
    try {
      await resumed.until((ms) => ms.some((m) => m.json?.post?.id === q.json.id), 10_000, 'the resumed stream');
      assert.ok(!resumed.messages.some((m) => m.json?.post?.id === p.json.id), 'nothing already seen');
    } finally {
      resumed.close();
    }
  } finally {
    onB.close();
    viaNginx.close();
  }
});

test('stopping one server loses no request that nginx retried, and applies no write twice', async () => {
  const N = 300;
  const WORKERS = 6;
  const marker = `Scale${Date.now()}`;
  // one person per worker to PATCH, so that If-Match never races between workers
  const mine = [];
  for (let w = 0; w < WORKERS; w++) {
    const r = await req(nginx.base, 'POST', '/api/v1/people', {
      as: token,
      body: { kind: 'candidate', first_name: 'Worker', last_name: `${marker}-w${w}` },
    });
    assert.equal(r.status, 201, r.text);
    mine.push({ id: r.json.id, version: r.json.version, patched: 0 });
  }
  let next = 0;
  let done = 0;
  let created = 0;
  const failures = [];
  const latencies = [];
  let killedAt = null;
  let stopA;
  async function worker(w) {
    for (;;) {
      const i = next++;
      if (i >= N) return;
      const kind = i % 10 < 6 ? 'get' : i % 10 < 8 ? 'post' : 'patch';
      const t0 = performance.now();
      let r;
      try {
        if (kind === 'get') r = await req(nginx.base, 'GET', '/api/v1/needs?limit=50', { as: token });
        else if (kind === 'post')
          r = await req(nginx.base, 'POST', '/api/v1/people', {
            as: token,
            body: { kind: 'candidate', first_name: `N${i}`, last_name: `${marker}-${i}` },
          });
        else {
          const me = mine[w];
          r = await req(nginx.base, 'PATCH', `/api/v1/people/${me.id}`, {
            as: token,
            ifMatch: `"${me.version}"`,
            body: { location: `Lyon ${i}` },
          });
          if (r.status === 200) {
            me.version = r.json.version;
            me.patched++;
          }
        }
      } catch (e) {
        r = { status: 0, text: String(e) };
      }
      latencies.push(performance.now() - t0);
      if (r.status < 200 || r.status > 299) failures.push(`#${i} ${kind}: ${r.status} ${r.text}`);
      if (kind === 'post' && r.status === 201) created++;
      done++;
      if (done === Math.floor(N / 2) && killedAt === null) {
        killedAt = i;
        stopA = stopProc(A); // SIGTERM, in the middle of the stream
      }
    }
  }
  const t0 = performance.now();
  await Promise.all(Array.from({ length: WORKERS }, (_, w) => worker(w)));
  const elapsed = performance.now() - t0;
  const stA = await stopA;
  latencies.sort((a, b) => a - b);
  const pct = (q) => latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))].toFixed(1);
  console.log(
    `# stream through nginx: ${N} requests, ${WORKERS} in parallel, A stopped after ${killedAt}: ` +
      `${elapsed.toFixed(0)} ms, p50 ${pct(0.5)} ms, p99 ${pct(0.99)} ms, max ${latencies.at(-1).toFixed(1)} ms, ` +
      `${failures.length} non-2xx`,
  );
  const log = existsSync(join(tmp, 'error.log')) ? readFileSync(join(tmp, 'error.log'), 'utf8') : '';
  const upstreamErrors = (log.match(/while (connecting to|sending request to|reading response header from) upstream/g) || []).length;
  console.log(`# nginx logged ${upstreamErrors} upstream errors (each one a request retried on B)`);
  assert.deepEqual(failures, [], 'every request through nginx gets a 2xx');
  assert.deepEqual(stA, { code: 0, signal: null }, `server A exit after SIGTERM: ${A.stderr}`);
  // no write applied twice: one row per 201, one version per 200
  const rows = psql(url, `SELECT count(*), count(DISTINCT last_name) FROM people WHERE last_name LIKE '${marker}-%' AND last_name NOT LIKE '${marker}-w%'`)
    .trim()
    .split('|')
    .map(Number);
  assert.deepEqual(rows, [created, created], `people rows (total, distinct) vs 201 answers (${created})`);
  for (const me of mine) {
    const v = Number(psql(url, `SELECT version FROM people WHERE id = ${me.id}`).trim());
    assert.equal(v, 1 + me.patched, `person ${me.id}: version ${v} after ${me.patched} PATCH 200s`);
  }
  // B serves everything alone now
  const h = await req(nginx.base, 'GET', '/healthz');
  assert.equal(h.status, 200);
});
