// harness: starts the real `alliance` binary on a loopback port with a fresh
// database, and gives tests small helpers (sign-in, bearer tokens, raw
// requests, sqlite3 queries). Each test file starts its own server in
// `before` and stops it in `after`; stop() fails the file when the server
// did not exit cleanly or a sanitizer (ASan/UBSan) reported something.
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import net from 'node:net';
import assert from 'node:assert/strict';

export const BIN = process.env.ALLIANCE_BIN;
/** Set by tests/run.sh for the PostgreSQL pass: the cluster's url without a
 * database name (postgresql://alliance@127.0.0.1:PORT). Each server then
 * gets a database of its own in that cluster instead of a SQLite file. */
export const PG = process.env.ALLIANCE_TEST_PG;
if (!BIN) throw new Error('ALLIANCE_BIN must name the alliance binary (absolute path)');

export const ROLES = ['admin', 'manager', 'sales', 'recruiter', 'tech', 'consultant'];
export const DEMO_PASSWORD = 'alliance-demo';
export const demoEmail = (role) => `${role}@demo.alliance.example`;

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

export async function freePort() {
  return new Promise((resolve, reject) => {
    const s = net.createServer();
    s.unref();
    s.on('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address();
      s.close(() => resolve(port));
    });
  });
}

/** Runs the CLI synchronously; returns {status, stdout, stderr}. */
export function cli(args, { input, env, cwd } = {}) {
  const r = spawnSync(BIN, args, {
    input: input ?? '',
    env: { ...process.env, ...(env || {}) },
    cwd,
    encoding: 'utf8',
    timeout: 60_000,
  });
  if (r.error) throw r.error;
  return { status: r.status, signal: r.signal, stdout: r.stdout, stderr: r.stderr };
}

/** Asserts that a child's stderr holds no sanitizer report. */
export function assertNoSanitizerReport(stderr, what = 'alliance') {
  assert.ok(!/Sanitizer|runtime error/.test(stderr), `${what} stderr has a sanitizer report:\n${stderr}`);
}

/** Runs one statement with psql; returns its unaligned output. */
export function psql(url, statement) {
  const r = spawnSync('psql', ['-X', '-q', '-At', '-v', 'ON_ERROR_STOP=1', url, '-c', statement], { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`psql failed: ${r.stderr}`);
  return r.stdout;
}

/**
 * A request. opts: body (object → JSON), raw (string/Buffer sent as is),
 * as (a session {cookie, csrf} or {token}), headers, csrf (false to omit,
 * a string to send that value), contentType, ifMatch.
 * Returns {status, headers, text, json}.
 */
export async function request(base, method, path, opts = {}) {
  const headers = {};
  const who = opts.as;
  if (who && who.token) headers.Authorization = `Bearer ${who.token}`;
  if (who && who.cookie) {
    headers.Cookie = who.cookie;
    if (method !== 'GET' && method !== 'HEAD') {
      if (opts.csrf === undefined) headers['X-CSRF-Token'] = who.csrf;
      else if (opts.csrf !== false) headers['X-CSRF-Token'] = opts.csrf;
    }
  }
  let body;
  if (opts.raw !== undefined) {
    body = opts.raw;
    headers['Content-Type'] = 'application/json; charset=utf-8';
  } else if (opts.body !== undefined) {
    body = JSON.stringify(opts.body);
    headers['Content-Type'] = 'application/json; charset=utf-8';
  }
  if (opts.contentType !== undefined) {
    if (opts.contentType === null) delete headers['Content-Type'];
    else headers['Content-Type'] = opts.contentType;
  }
  if (opts.ifMatch !== undefined) headers['If-Match'] = String(opts.ifMatch);
  Object.assign(headers, opts.headers || {});
  const r = await fetch(base + path, { method, headers, body, redirect: 'manual' });
  const text = await r.text();
  let json;
  try {
    json = text ? JSON.parse(text) : undefined;
  } catch {
    json = undefined;
  }
  return { status: r.status, headers: r.headers, text, json };
}

/** Signs in at base; returns {cookie, csrf, user, setCookie}. Throws unless 200. */
export async function signInAt(base, email, password = DEMO_PASSWORD) {
  const r = await request(base, 'POST', '/api/v1/session', { body: { email, password } });
  assert.equal(r.status, 200, `sign-in of ${email} at ${base} failed: ${r.status} ${r.text}`);
  const setCookie = r.headers.get('set-cookie');
  const m = /alliance_session=([^;]*)/.exec(setCookie || '');
  assert.ok(m, `no alliance_session cookie in ${setCookie}`);
  return { cookie: `alliance_session=${m[1]}`, csrf: r.json.csrf_token, user: r.json.user, setCookie };
}

export class Server {
  constructor() {
    this.dir = mkdtempSync(join(tmpdir(), 'alliance-api-'));
    this.pgName = PG ? `t_${process.pid}_${Math.random().toString(36).slice(2, 10)}` : null;
    this.db = PG ? `${PG}/${this.pgName}` : join(this.dir, 'a.db');
    this.stderr = '';
    this.stdout = '';
    this.sessions = new Map();
  }

  /** env: extra environment for serve (e.g. ALLIANCE_SMTP_URL for mail tests). */
  async start({ demo = true, env } = {}) {
    if (PG && this.pgName) psql(`${PG}/alliance`, `CREATE DATABASE ${this.pgName}`);
    const init = cli(['init', ...(demo ? ['--demo'] : []), '--db', this.db]);
    assertNoSanitizerReport(init.stderr, 'init');
    assert.equal(init.status, 0, `init failed: ${init.stderr}`);
    this.port = await freePort();
    this.base = `http://127.0.0.1:${this.port}`;
    // uploaded documents (CVs) stay in the server's temporary directory
    this.files = join(this.dir, 'files');
    this.proc = spawn(BIN, ['serve', '--db', this.db, '--addr', `127.0.0.1:${this.port}`, '--data-dir', this.files], {
      stdio: ['ignore', 'pipe', 'pipe'],
      env: { ...process.env, ...(env || {}) },
    });
    this.proc.stdout.setEncoding('utf8');
    this.proc.stderr.setEncoding('utf8');
    this.proc.stdout.on('data', (d) => (this.stdout += d));
    this.proc.stderr.on('data', (d) => (this.stderr += d));
    this.exited = new Promise((resolve) => this.proc.on('exit', (code, signal) => resolve({ code, signal })));
    const deadline = Date.now() + 20_000;
    for (;;) {
      if (this.proc.exitCode !== null) throw new Error(`serve exited early: ${this.stderr}`);
      try {
        const r = await fetch(`${this.base}/healthz`);
        if (r.status === 200) break;
      } catch {
        /* not listening yet */
      }
      if (Date.now() > deadline) throw new Error(`server did not answer /healthz: ${this.stderr}`);
      await sleep(25);
    }
    return this;
  }

  /** SIGTERM; asserts exit code 0 and no sanitizer report. */
  async stop() {
    if (!this.proc) return;
    this.proc.kill('SIGTERM');
    const timer = setTimeout(() => this.proc.kill('SIGKILL'), 30_000);
    const { code, signal } = await this.exited;
    clearTimeout(timer);
    this.proc = null;
    try {
      assertNoSanitizerReport(this.stderr, 'serve');
      assert.equal(signal, null, `serve died of ${signal}: ${this.stderr}`);
      assert.equal(code, 0, `serve exited ${code}: ${this.stderr}`);
    } finally {
      rmSync(this.dir, { recursive: true, force: true });
      if (PG && this.pgName) psql(`${PG}/alliance`, `DROP DATABASE IF EXISTS ${this.pgName}`);
    }
  }

  /**
   * A request. opts: body (object → JSON), raw (string/Buffer sent as is),
   * as (a session {cookie, csrf} or {token}), headers, csrf (false to omit,
   * a string to send that value), contentType, ifMatch.
   * Returns {status, headers, text, json}.
   */
  req(method, path, opts = {}) {
    return request(this.base, method, path, opts);
  }

  get(path, opts) { return this.req('GET', path, opts); }
  post(path, body, opts = {}) { return this.req('POST', path, { ...opts, body }); }
  patch(path, body, opts = {}) { return this.req('PATCH', path, { ...opts, body }); }
  del(path, opts) { return this.req('DELETE', path, opts); }

  /** Signs in; returns {cookie, csrf, user, setCookie}. Throws unless 200. */
  signIn(email, password = DEMO_PASSWORD) {
    return signInAt(this.base, email, password);
  }

  /** One cached session per demo role. */
  async as(role) {
    if (!this.sessions.has(role)) this.sessions.set(role, await this.signIn(demoEmail(role)));
    return this.sessions.get(role);
  }

  /** A bearer token made with the CLI: {token, id}. */
  token(email, label) {
    const r = cli(['token', 'create', '--email', email, '--db', this.db, ...(label ? ['--label', label] : [])]);
    assertNoSanitizerReport(r.stderr, 'token create');
    assert.equal(r.status, 0, `token create failed: ${r.stderr}`);
    const m = /token (\d+) for/.exec(r.stderr);
    return { token: r.stdout.trim(), id: m ? Number(m[1]) : undefined };
  }

  /** Rows of a query through the sqlite3 CLI (JSON mode), or psql on
   * PostgreSQL (the few SQLite-only functions the tests use translated). */
  sql(query) {
    if (PG) {
      const q = query
        .replace(/group_concat\(([^()]*?)(?:,\s*('[^']*'))?\)/g, (m, expr, sep) => `string_agg((${expr})::text, ${sep || "','"})`)
        .replace(/\btotal\(/g, 'sum(');
      const out = psql(this.db, `SELECT coalesce(json_agg(t), '[]') FROM (${q}) t`).trim();
      return JSON.parse(out);
    }
    const r = spawnSync('sqlite3', ['-cmd', '.timeout 5000', '-json', this.db, query], { encoding: 'utf8' });
    if (r.status !== 0) throw new Error(`sqlite3 failed: ${r.stderr}`);
    const out = r.stdout.trim();
    return out ? JSON.parse(out) : [];
  }

  /** Runs a statement that returns nothing (test set-up behind the API's back). */
  sqlExec(statement) {
    if (PG) return void psql(this.db, statement);
    const r = spawnSync('sqlite3', ['-cmd', '.timeout 5000', this.db, statement], { encoding: 'utf8' });
    if (r.status !== 0) throw new Error(`sqlite3 failed: ${r.stderr}`);
  }

  /** One value. */
  sqlValue(query) {
    const rows = this.sql(query);
    return rows.length ? Object.values(rows[0])[0] : undefined;
  }

  /** Row counts and version sums of every business table: equal before and
   * after a refused write means nothing was half-written. */
  snapshot() {
    return this.sql(
      `SELECT (SELECT count(*) FROM people) AS people, (SELECT count(*) FROM person_skills) AS person_skills,
              (SELECT total(version) FROM people) AS people_v, (SELECT count(*) FROM needs) AS needs,
              (SELECT count(*) FROM need_skills) AS need_skills, (SELECT total(version) FROM needs) AS needs_v,
              (SELECT count(*) FROM candidacies) AS candidacies, (SELECT total(version) FROM candidacies) AS cand_v,
              (SELECT count(*) FROM clients) AS clients, (SELECT count(*) FROM users) AS users,
              (SELECT total(version) FROM users) AS users_v, (SELECT count(*) FROM audit_log) AS audit,
              (SELECT group_concat(skill || ':' || level, ',') FROM person_skills) AS ps,
              (SELECT group_concat(need_id || skill || min_level || weight || mandatory, ',') FROM need_skills) AS ns`,
    )[0];
  }
}

export async function startServer(opts) {
  const s = new Server();
  await s.start(opts);
  return s;
}

/** Asserts an RFC 9457 problem answer with that status. */
export function assertProblem(r, status, msg) {
  assert.equal(r.status, status, `${msg ? msg + ': ' : ''}expected ${status}, got ${r.status} ${r.text}`);
  assert.match(r.headers.get('content-type') || '', /^application\/problem\+json/, `problem content-type for ${status}`);
  assert.equal(r.json?.status, status, `problem body status: ${r.text}`);
  assert.equal(typeof r.json.title, 'string');
  assert.equal(typeof r.json.type, 'string');
}

/** Asserts a 422 whose errors[] name that field (and returns the error). */
export function assertFieldError(r, field, msg) {
  assertProblem(r, 422, msg);
  assert.ok(Array.isArray(r.json.errors), `errors[] missing: ${r.text}`);
  const e = r.json.errors.find((x) => x.field === field);
  assert.ok(e, `${msg ? msg + ': ' : ''}no error for field ${field} in ${JSON.stringify(r.json.errors)}`);
  assert.equal(typeof e.message, 'string');
  return e;
}

/** Last test of every file. */
export async function assertHealthy(srv) {
  const r = await srv.get('/healthz');
  assert.equal(r.status, 200);
  assert.deepEqual(r.json, { status: 'ok' });
}

export const INVALID_UTF8 = Buffer.concat([Buffer.from('{"name": "ab'), Buffer.from([0xc3, 0x28, 0xff]), Buffer.from('"}')]);
