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
  assert.match(r.stdout, /^users\s+6\s+[0-9a-f]{16} ok$/m);
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
