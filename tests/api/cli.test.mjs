// The command line: version, help, usage errors, user add, tokens, init,
// ALLIANCE_DB / ALLIANCE_ADDR, and a clean stop of `serve` on SIGTERM.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BIN, cli, freePort, startServer, assertProblem, assertHealthy, assertNoSanitizerReport } from './harness.mjs';

let srv, tmp;
before(async () => {
  srv = await startServer({ demo: false });
  tmp = mkdtempSync(join(tmpdir(), 'alliance-cli-'));
});
after(async () => {
  await srv.stop();
  rmSync(tmp, { recursive: true, force: true });
});

const run = (args, opts) => {
  const r = cli(args, opts);
  assertNoSanitizerReport(r.stderr, args.join(' '));
  return r;
};
const db = () => ['--db', srv.db];

test('`alliance version` prints the version and exits 0', () => {
  const r = run(['version']);
  assert.equal(r.status, 0);
  assert.match(r.stdout, /^alliance \S+\n$/);
  assert.equal(run(['--version']).stdout, r.stdout);
});

test('`alliance help` prints the usage on stdout and exits 0', () => {
  const r = run(['help']);
  assert.equal(r.status, 0);
  assert.match(r.stdout, /^usage: alliance <command>/);
  for (const cmd of ['serve', 'init', 'user add', 'token create', 'token list', 'token revoke', 'version']) assert.ok(r.stdout.includes(cmd), cmd);
  assert.equal(r.stderr, '');
  assert.equal(run(['--help']).status, 0);
});

test('no command, an unknown command or bad flags exit 2 with the usage on stderr', () => {
  const cases = [
    [],
    ['frobnicate'],
    ['init', '--bogus'],
    ['init', 'extra-argument'],
    ['serve', '--nope'],
    ['serve', 'extra'],
    ['user'],
    ['user', 'remove'],
    ['user', 'add', '--email', 'x@y.example', '--role', 'admin'], // no --name
    ['user', 'add', '--email', 'not-an-email', '--role', 'admin', '--name', 'X'],
    ['user', 'add', '--email', 'x@y.example', '--role', 'admin', '--name', 'X', '--colour', 'red'],
    ['token'],
    ['token', 'explode'],
    ['token', 'create'], // no --email
    ['token', 'list'],
    ['token', 'revoke'], // no --id
    ['token', 'revoke', '--id', 'abc'],
    ['token', 'revoke', '--id', '0'],
    ['token', 'revoke', '--id', '-3'],
    ['token', 'create', '--email'],
  ];
  for (const args of cases) {
    const r = run([...args, ...(args.length > 1 ? db() : [])], { input: 'long-enough-password\n' });
    assert.equal(r.status, 2, `${args.join(' ')}: ${r.stderr}`);
    assert.match(r.stderr, /usage: alliance/, args.join(' '));
    assert.equal(r.stdout, '', args.join(' '));
  }
});

test('`serve` with a malformed --addr exits 2', () => {
  const r = run(['serve', '--db', join(tmp, 'addr.db'), '--addr', 'not-an-address']);
  assert.equal(r.status, 2);
  assert.match(r.stderr, /address/);
});

test('`user add` reads the password from stdin; the new account can sign in', async () => {
  const r = run(['user', 'add', '--email', 'cli.user@x.example', '--role', 'recruiter', '--name', 'Cli User', ...db()],
    { input: 'a-good-long-password\n' });
  assert.equal(r.status, 0, r.stderr);
  assert.match(r.stdout, /cli\.user@x\.example/);
  assert.doesNotMatch(r.stdout + r.stderr, /a-good-long-password/, 'the password is never echoed');
  const s = await srv.signIn('cli.user@x.example', 'a-good-long-password');
  assert.equal(s.user.role, 'recruiter');
  assert.equal(s.user.name, 'Cli User');
});

test('`user add` with a password under 12 characters exits 1 and adds nobody', () => {
  const before = srv.sqlValue('SELECT count(*) FROM users');
  const r = run(['user', 'add', '--email', 'short@x.example', '--role', 'sales', '--name', 'Short', ...db()], { input: 'kq8#Lm2@vX9\n' });
  assert.equal(r.status, 1);
  assert.match(r.stderr, /12/);
  const none = run(['user', 'add', '--email', 'short@x.example', '--role', 'sales', '--name', 'Short', ...db()], { input: '' });
  assert.equal(none.status, 1);
  assert.equal(srv.sqlValue('SELECT count(*) FROM users'), before);
});

test('`user add` with an unknown role exits 2 and adds nobody', () => {
  const before = srv.sqlValue('SELECT count(*) FROM users');
  const r = run(['user', 'add', '--email', 'role@x.example', '--role', 'boss', '--name', 'Boss', ...db()], { input: 'long-enough-password\n' });
  assert.equal(r.status, 2);
  assert.match(r.stderr, /boss/);
  assert.equal(srv.sqlValue('SELECT count(*) FROM users'), before);
});

test('`user add` with an e-mail already used exits 1', () => {
  const args = ['user', 'add', '--email', 'twice@x.example', '--role', 'tech', '--name', 'Twice', ...db()];
  assert.equal(run(args, { input: 'long-enough-password\n' }).status, 0);
  const r = run(args, { input: 'long-enough-password\n' });
  assert.equal(r.status, 1);
  assert.match(r.stderr, /already/);
  assert.equal(srv.sqlValue("SELECT count(*) FROM users WHERE email = 'twice@x.example'"), 1);
});

test('`user add` with a mixed-case e-mail makes an account that can sign in', async () => {
  const r = run(['user', 'add', '--email', 'Mixed.Case@X.example', '--role', 'sales', '--name', 'Mixed Case', ...db()],
    { input: 'long-enough-password\n' });
  assert.equal(r.status, 0, r.stderr);
  const s = await srv.post('/api/v1/session', { email: 'Mixed.Case@X.example', password: 'long-enough-password' });
  assert.equal(s.status, 200, `sign-in as typed at creation: ${s.text}`);
  const dup = run(['user', 'add', '--email', 'mixed.case@x.example', '--role', 'sales', '--name', 'Mixed Twin', ...db()],
    { input: 'long-enough-password\n' });
  assert.equal(dup.status, 1, 'the same address in another case is a duplicate');
});

test('`token create` prints a token that works; `token list` shows it; `token revoke` ends it', async () => {
  run(['user', 'add', '--email', 'integration@x.example', '--role', 'sales', '--name', 'Integration', ...db()], { input: 'long-enough-password\n' });
  const c = run(['token', 'create', '--email', 'integration@x.example', '--label', 'crm sync', ...db()]);
  assert.equal(c.status, 0, c.stderr);
  const token = c.stdout.trim();
  assert.match(token, /^\S{20,}$/);
  assert.equal(c.stdout, `${token}\n`, 'stdout holds the token alone');
  const id = Number(/token (\d+)/.exec(c.stderr)[1]);
  const me = await srv.get('/api/v1/me', { as: { token } });
  assert.equal(me.status, 200);
  assert.equal(me.json.user.email, 'integration@x.example');
  assert.equal(srv.sqlValue(`SELECT count(*) FROM api_tokens WHERE token_hash = '${token}'`), 0, 'only a hash is stored');

  const l = run(['token', 'list', '--email', 'integration@x.example', ...db()]);
  assert.equal(l.status, 0);
  const line = l.stdout.split('\n').find((x) => x.startsWith(`${id}\t`));
  assert.ok(line, l.stdout);
  assert.match(line, /\tactive\tcrm sync$/);
  assert.ok(!l.stdout.includes(token), 'the list never shows the token');

  const rv = run(['token', 'revoke', '--id', String(id), ...db()]);
  assert.equal(rv.status, 0, rv.stderr);
  assertProblem(await srv.get('/api/v1/me', { as: { token } }), 401);
  const l2 = run(['token', 'list', '--email', 'integration@x.example', ...db()]);
  assert.doesNotMatch(l2.stdout.split('\n').find((x) => x.startsWith(`${id}\t`)), /\tactive\t/);
  const again = run(['token', 'revoke', '--id', String(id), ...db()]);
  assert.equal(again.status, 1);
  assert.equal(run(['token', 'revoke', '--id', '999999', ...db()]).status, 1);
});

test('`token create` for an unknown account exits 1 and prints no token', () => {
  const r = run(['token', 'create', '--email', 'nobody@x.example', ...db()]);
  assert.equal(r.status, 1);
  assert.equal(r.stdout, '');
  assert.match(r.stderr, /nobody@x\.example/);
});

test('`init` without --demo creates no demo accounts nor demo data', async () => {
  assert.equal(srv.sqlValue('SELECT count(*) FROM users WHERE email LIKE \'%@demo.alliance.example\''), 0);
  assert.equal(srv.sqlValue('SELECT count(*) FROM people'), 0);
  assert.equal(srv.sqlValue('SELECT count(*) FROM needs'), 0);
  assertProblem(await srv.post('/api/v1/session', { email: 'admin@demo.alliance.example', password: 'alliance-demo' }), 401);
});

test('`init` twice is harmless, and --demo later adds the demo firm', () => {
  const file = join(tmp, 'twice.db');
  assert.equal(run(['init', '--db', file]).status, 0);
  assert.equal(run(['init', '--db', file]).status, 0);
  const d = run(['init', '--demo', '--db', file]);
  assert.equal(d.status, 0, d.stderr);
  assert.match(d.stdout, /admin@demo\.alliance\.example/);
});

test('ALLIANCE_DB names the database when --db is absent', () => {
  const file = join(tmp, 'from-env.db');
  const r = run(['init', '--demo'], { env: { ALLIANCE_DB: file }, cwd: tmp });
  assert.equal(r.status, 0, r.stderr);
  assert.ok(existsSync(file));
  assert.ok(!existsSync(join(tmp, 'alliance.db')), 'not the default file');
  const t = run(['token', 'create', '--email', 'admin@demo.alliance.example'], { env: { ALLIANCE_DB: file }, cwd: tmp });
  assert.equal(t.status, 0, t.stderr);
  // --db wins over the environment
  const other = join(tmp, 'flag.db');
  assert.equal(run(['init', '--db', other], { env: { ALLIANCE_DB: file }, cwd: tmp }).status, 0);
  assert.ok(existsSync(other));
});

test('`init` on a path that cannot be created exits 1', () => {
  const r = run(['init', '--db', join(tmp, 'no', 'such', 'dir', 'x.db')]);
  assert.equal(r.status, 1);
});

test('SIGTERM stops `serve` (started with ALLIANCE_DB and ALLIANCE_ADDR) with exit code 0', async () => {
  const file = join(tmp, 'serve.db');
  assert.equal(run(['init', '--db', file]).status, 0);
  const port = await freePort();
  const child = spawn(BIN, ['serve'], {
    env: { ...process.env, ALLIANCE_DB: file, ALLIANCE_ADDR: `127.0.0.1:${port}` },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stderr = '';
  let stdout = '';
  child.stderr.on('data', (d) => (stderr += d));
  child.stdout.on('data', (d) => (stdout += d));
  const exited = new Promise((resolve) => child.on('exit', (code, signal) => resolve({ code, signal })));
  let up = false;
  for (let i = 0; i < 400 && !up; i++) {
    try {
      up = (await fetch(`http://127.0.0.1:${port}/healthz`)).status === 200;
    } catch {
      await new Promise((r) => setTimeout(r, 25));
    }
  }
  // the line may reach us just after the first answer: wait for it a little
  for (let i = 0; i < 200 && !stdout.includes(`:${port}`); i++) await new Promise((r) => setTimeout(r, 25));
  if (!up || !stdout.includes(`:${port}`)) child.kill('SIGKILL'); // a failed test must not leave it running
  assert.ok(up, `serve answered on ALLIANCE_ADDR: ${stderr}`);
  assert.match(stdout, new RegExp(`127\\.0\\.0\\.1:${port}`));
  child.kill('SIGTERM');
  const { code, signal } = await exited;
  assertNoSanitizerReport(stderr, 'serve');
  assert.equal(signal, null);
  assert.equal(code, 0, stderr);
});

test('the server still answers /healthz', async () => {
  await assertHealthy(srv);
});
