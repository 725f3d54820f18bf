// `alliance migrate --from URL --to URL` copies a firm between databases and
// proves the copy by row counts and checksums. On the PostgreSQL pass the
// target is a fresh PostgreSQL database; otherwise another SQLite file.
import { test, after } from 'node:test';
import { spawn, spawnSync } from 'node:child_process';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BIN, cli, psql, PG, Server, assertNoSanitizerReport } from './harness.mjs';

const tmp = mkdtempSync(join(tmpdir(), 'alliance-migrate-'));
const source = join(tmp, 'source.db');
const pgName = `m_${process.pid}`;
const target = PG ? `${PG}/${pgName}` : `sqlite:${join(tmp, 'target.db')}`;
if (PG) psql(`${PG}/alliance`, `CREATE DATABASE ${pgName}`);
after(() => {
  rmSync(tmp, { recursive: true, force: true });
  if (PG) psql(`${PG}/alliance`, `DROP DATABASE IF EXISTS ${pgName}`);
});

test('migrate copies every table and says the copy is verified', () => {
  assert.equal(cli(['init', '--demo', '--db', source]).status, 0);
  const r = cli(['migrate', '--from', `sqlite:${source}`, '--to', target]);
  assertNoSanitizerReport(r.stderr, 'migrate');
  assert.equal(r.status, 0, r.stderr);
  assert.match(r.stdout, /copy verified/);
  assert.match(r.stdout, /^people\s+60\s+[0-9a-f]{16} ok$/m);
  assert.match(r.stdout, /^users\s+7\s+[0-9a-f]{16} ok$/m); // the six demo roles and a client contact
  assert.doesNotMatch(r.stdout, /MISMATCH/);
  // every table of the schema is copied (a new table must join COPY_TABLES
  // in store/copy.c); shadow tables of full-text indexes are rebuilt instead
  const tables = spawnSync('sqlite3', [source, "SELECT name FROM pragma_table_list WHERE schema = 'main' " +
    "AND type = 'table' AND name NOT LIKE 'sqlite_%' AND name <> 'schema_migrations'"], { encoding: 'utf8' });
  assert.equal(tables.status, 0, tables.stderr);
  for (const t of tables.stdout.trim().split('\n')) assert.match(r.stdout, new RegExp(`^${t}\\s+\\d+\\s`, 'm'), `${t} not copied`);
});

test('the copy serves the same firm, and new rows get fresh ids', async () => {
  const srv = new Server();
  srv.db = target.replace(/^sqlite:/, '');
  srv.pgName = null; // the database belongs to this file, not to the server
  // start() would init the database: it is already there, and init is idempotent
  await srv.start({ demo: false });
  try {
    const sales = await srv.as('sales');
    const needs = spawnSync('sqlite3', [source, 'SELECT count(*), max(id) FROM needs'], { encoding: 'utf8' }).stdout.trim().split('|').map(Number);
    const list = await srv.get('/api/v1/needs?limit=200', { as: sales });
    assert.equal(list.json.items.length, needs[0]);
    const created = await srv.post('/api/v1/needs', { title: 'Après la copie' }, { as: sales });
    assert.equal(created.status, 201, created.text);
    assert.equal(created.json.id, needs[1] + 1);
  } finally {
    await srv.stop();
  }
});

test('calendar addresses survive a migration: the server key is copied with the firm', async () => {
  const from = new Server(); // a served SQLite firm: its first serve made the key
  from.db = join(tmp, 'served.db');
  from.pgName = null;
  let path;
  await from.start();
  try {
    path = new URL((await from.get('/api/v1/me', { as: await from.as('tech') })).json.calendar_url).pathname;
    assert.equal((await from.get(path)).status, 200);
  } finally {
    await from.kill(); // stop() would check a clean exit we do not need; its files go now
    rmSync(from.dir, { recursive: true, force: true });
  }
  const name = `${pgName}_cal`;
  const to = PG ? `${PG}/${name}` : join(tmp, 'served-copy.db');
  if (PG) psql(`${PG}/alliance`, `CREATE DATABASE ${name}`);
  try {
    const r = cli(['migrate', '--from', `sqlite:${from.db}`, '--to', PG ? to : `sqlite:${to}`]);
    assert.equal(r.status, 0, r.stderr);
    assert.match(r.stdout, /^server_keys\s+1\s+[0-9a-f]{16} ok$/m);
    const copy = new Server();
    copy.db = to;
    copy.pgName = null;
    await copy.serve();
    try {
      const f = await copy.get(path);
      assert.equal(f.status, 200, 'the address made before the move');
      assert.match(f.text, /^BEGIN:VCALENDAR/);
      assert.equal(new URL((await copy.get('/api/v1/me', { as: await copy.as('tech') })).json.calendar_url).pathname, path);
    } finally {
      await copy.stop();
    }
  } finally {
    if (PG) psql(`${PG}/alliance`, `DROP DATABASE IF EXISTS ${name}`);
  }
});

test('migrate refuses a target that already holds data', () => {
  const r = cli(['migrate', '--from', `sqlite:${source}`, '--to', target]);
  assert.equal(r.status, 1);
  assert.match(r.stderr, /not empty/);
});

test('migrate without --to, or onto its own source, is a usage error', () => {
  assert.equal(cli(['migrate', '--from', `sqlite:${source}`]).status, 2);
  assert.equal(cli(['migrate', '--from', source, '--to', source]).status, 2);
  assert.equal(cli(['migrate', '--from', source, '--to', target, '--bogus']).status, 2);
});

test('several processes starting together on a fresh database migrate it once, and all succeed', async () => {
  const name = `c_${process.pid}`;
  const url = PG ? `${PG}/${name}` : join(tmp, 'concurrent.db');
  if (PG) psql(`${PG}/alliance`, `CREATE DATABASE ${name}`);
  try {
    const run = () => new Promise((resolve) => {
      const p = spawn(BIN, ['init', '--db', url], { stdio: ['ignore', 'ignore', 'pipe'] });
      let err = '';
      p.stderr.on('data', (d) => (err += d));
      p.on('exit', (code) => resolve({ code, err }));
    });
    const results = await Promise.all([run(), run(), run(), run()]);
    for (const r of results) {
      assertNoSanitizerReport(r.err, 'init');
      assert.equal(r.code, 0, r.err);
    }
    const query = 'SELECT count(*) AS n, count(DISTINCT version) AS d FROM schema_migrations';
    const rows = JSON.parse(PG ? psql(url, `SELECT json_agg(t) FROM (${query}) t`) : sqliteJson(url, query));
    assert.equal(rows[0].n, rows[0].d, 'each migration recorded once');
    assert.ok(rows[0].n >= 1);
  } finally {
    if (PG) psql(`${PG}/alliance`, `DROP DATABASE IF EXISTS ${name}`);
  }
});

function sqliteJson(file, query) {
  const r = spawnSync('sqlite3', ['-json', file, query], { encoding: 'utf8' });
  return r.stdout;
}
