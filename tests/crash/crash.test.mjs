// Crash safety: concurrent writers through the API while the server is
// killed with SIGKILL at random moments, again and again. After each kill
// the database must pass PRAGMA integrity_check (SQLite), and after each
// restart it must hold every write the API acknowledged and no half of any
// request (workload.mjs says how that is seen).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { PG, startServer, assertHealthy } from '../api/harness.mjs';
import { Workload } from '../api/workload.mjs';

const KILLS = Number(process.env.CRASH_KILLS || 25);
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

let srv;
before(async () => {
  srv = await startServer();
});
after(async () => {
  await srv.stop();
});

function integrity() {
  if (PG) return 'ok'; // PostgreSQL's own recovery; the checks below still run
  const r = spawnSync('sqlite3', [srv.db, 'PRAGMA integrity_check'], { encoding: 'utf8' });
  assert.equal(r.status, 0, r.stderr);
  return r.stdout.trim();
}

test(`${KILLS} SIGKILLs under concurrent writers lose no acknowledged write and show no half request`, async () => {
  const recruiter = await srv.as('recruiter'); // sessions live in the database: they survive the restarts
  const wl = new Workload(srv, recruiter, { writers: 4 });
  let checked = 0;
  let seed = 12345; // a fixed sequence of random moments, so a failure can be replayed
  const random = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
  for (let i = 0; i < KILLS; i++) {
    wl.start();
    await sleep(30 + Math.floor(random() * 250));
    await srv.kill();
    await wl.stop();
    assert.equal(integrity(), 'ok', `integrity after kill ${i + 1}`);
    await srv.serve();
    checked = wl.verify();
  }
  assert.ok(wl.acks > KILLS * 5, `the writers got answers between kills (${wl.acks} acknowledged)`);
  console.log(`# crash: ${KILLS} kills, ${wl.acks} acknowledged writes, ${checked} people checked after each restart`);
});

test('the server is healthy after the last restart', async () => {
  await assertHealthy(srv);
});
