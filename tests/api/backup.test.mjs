// Backups: `alliance backup FILE` while writers run (SQLite's online backup
// API), `alliance restore FILE` only with the server stopped and only after
// checking the file; on PostgreSQL both say pg_dump is the tool (exit 2).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { BIN, PG, Server, cli, startServer, assertHealthy, assertNoSanitizerReport } from './harness.mjs';
import { Workload } from './workload.mjs';

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

let srv;
before(async () => {
  srv = await startServer();
});
after(async () => {
  await srv.stop();
});

/** The CLI without blocking the event loop (the writers keep running). */
function cliAsync(args) {
  return new Promise((resolve) => {
    const p = spawn(BIN, args, { stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '', stderr = '';
    p.stdout.on('data', (d) => (stdout += d));
    p.stderr.on('data', (d) => (stderr += d));
    p.on('exit', (status) => resolve({ status, stdout, stderr }));
  });
}

const sqliteOf = (file) => (q) => {
  const r = spawnSync('sqlite3', ['-json', file, q], { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(r.stderr);
  return r.stdout.trim() ? JSON.parse(r.stdout) : [];
};

/** "table rows checksum" lines of the backup and restore commands. */
const sums = (stdout) => stdout.split('\n').filter((l) => /^\w+\s+\d+\s+[0-9a-f]{16}$/.test(l));

test('on PostgreSQL, backup and restore point to pg_dump and exit 2', { skip: !PG }, () => {
  for (const cmd of ['backup', 'restore']) {
    const r = cli([cmd, join(srv.dir, 'x.db'), '--db', srv.db]);
    assertNoSanitizerReport(r.stderr);
    assert.equal(r.status, 2, r.stderr);
    assert.match(r.stderr, /pg_dump/);
  }
});

test('bad usage of backup and restore exits 2', { skip: !!PG }, () => {
  for (const args of [['backup'], ['restore'], ['backup', 'a', 'b'], ['restore', '--bogus', 'x'], ['backup', srv.db, '--db', srv.db]]) {
    const r = cli(args);
    assert.equal(r.status, 2, `${args.join(' ')}: ${r.stderr}`);
    assertNoSanitizerReport(r.stderr);
  }
});

test('a backup taken under load is consistent, holds what was acknowledged before it, and restores identically', { skip: !!PG }, async () => {
  const wl = new Workload(srv, await srv.as('recruiter'), { writers: 3 });
  wl.start();
  await sleep(300);
  const before = wl.acknowledged();
  const file = join(srv.dir, 'backup.db');
  const b = await cliAsync(['backup', file, '--db', srv.db]);
  await sleep(200);
  await wl.stop();
  assertNoSanitizerReport(b.stderr);
  assert.equal(b.status, 0, b.stderr);
  assert.match(b.stdout, /backup written and verified/);
  assert.ok(before.size > 0, 'writes were acknowledged before the backup');
  assert.ok(wl.acks > before.size, 'writers went on during and after the backup');

  // the snapshot: no half request, everything acknowledged before it began
  const inBackup = wl.consistent(sqliteOf(file));
  for (const [id, version] of before) {
    assert.ok(inBackup.has(id), `person ${id}, acknowledged before the backup, is in it`);
    assert.ok(inBackup.get(id).version >= version, `person ${id}: version ${version} or later`);
  }
  assert.equal(sqliteOf(file)('PRAGMA integrity_check')[0].integrity_check, 'ok');
  wl.verify(); // and the live database lost nothing meanwhile

  // the server runs on its database: restoring over it is refused, nothing changes
  const liveSums = srv.sqlValue('SELECT count(*) FROM people');
  const refused = cli(['restore', file, '--db', srv.db]);
  assert.equal(refused.status, 1, refused.stderr);
  assert.match(refused.stderr, /in use/);
  assert.equal(srv.sqlValue('SELECT count(*) FROM people'), liveSums);

  // restore into a stopped firm's file (an older database with its own
  // write-ahead log), then serve it: every table equal to the backup
  const other = new Server();
  const target = join(other.dir, 'restored.db');
  assert.equal(cli(['init', '--demo', '--db', target]).status, 0);
  // a write-ahead log left by a process killed mid-work: replayed onto the
  // restored file it would bring back the old firm's pages
  const stale = spawnSync('python3', ['-c', `import sqlite3, os
c = sqlite3.connect(${JSON.stringify(target)}, isolation_level=None)
c.execute("PRAGMA wal_autocheckpoint=0")
c.execute("UPDATE users SET name = name || ' (old)'")
os._exit(0)`]);
  assert.equal(stale.status, 0, String(stale.stderr));
  assert.ok(readFileSync(`${target}-wal`).length > 4096, 'a real log with frames');
  const r = cli(['restore', file, '--db', target]);
  assertNoSanitizerReport(r.stderr);
  assert.equal(r.status, 0, r.stderr);
  assert.match(r.stdout, /restored/);
  assert.ok(sums(b.stdout).length >= 15, b.stdout);
  assert.deepEqual(sums(r.stdout), sums(b.stdout), 'every table has the same rows and checksum as the backup');
  assert.ok(!existsSync(`${target}-wal`), 'the old write-ahead log is gone');
  const names = (f) => sqliteOf(f)('SELECT name FROM users ORDER BY id').map((u) => u.name);
  assert.deepEqual(names(target), names(file));
  assert.equal(sqliteOf(target)('PRAGMA integrity_check')[0].integrity_check, 'ok');
  other.db = target;
  await other.serve();
  try {
    const [id] = [...before.keys()];
    const g = await other.get(`/api/v1/people/${id}`, { as: await other.as('recruiter') });
    assert.equal(g.status, 200);
    assert.equal(Number(sqliteOf(target)('SELECT count(*) AS n FROM people')[0].n), inBackup.size + 60);
  } finally {
    await other.stop();
  }
});

test('restore refuses a damaged or foreign file and leaves the database as it was', { skip: !!PG }, () => {
  const target = join(srv.dir, 'keep.db');
  assert.equal(cli(['init', '--db', target]).status, 0);
  const before = readFileSync(target);
  const garbage = join(srv.dir, 'garbage.db');
  writeFileSync(garbage, 'not a database at all'.repeat(100));
  const truncated = join(srv.dir, 'truncated.db');
  writeFileSync(truncated, readFileSync(join(srv.dir, 'backup.db')).subarray(0, 40000));
  const foreign = join(srv.dir, 'foreign.db');
  spawnSync('sqlite3', [foreign, 'CREATE TABLE t (x); INSERT INTO t VALUES (1);']);
  for (const f of [garbage, truncated, foreign, join(srv.dir, 'absent.db')]) {
    const r = cli(['restore', f, '--db', target]);
    assertNoSanitizerReport(r.stderr);
    assert.equal(r.status, 1, `${f}: ${r.stderr}`);
    assert.ok(readFileSync(target).equals(before), `${f}: the target is unchanged`);
  }
});

test('the server is healthy', async () => {
  await assertHealthy(srv);
});
