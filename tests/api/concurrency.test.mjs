// Concurrency: two users PATCH the same need 1,000 times between them, at
// the same time, each with the version it last saw. Every answer is 200 or
// 412, the final version is 1 + the number of 200s, each 200 left exactly
// one audit row, and the need holds the change of the highest version.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, assertHealthy } from './harness.mjs';

const TOTAL = Number(process.env.CONCURRENCY_PATCHES || 1000);

let srv;
before(async () => {
  srv = await startServer();
});
after(async () => {
  await srv.stop();
});

test(`two users PATCH one need ${TOTAL} times concurrently: 200 or 412 only, version = 1 + successes`, async () => {
  const sales = await srv.as('sales'), manager = await srv.as('manager');
  const c = await srv.post('/api/v1/needs', { title: 'Contended need' }, { as: sales });
  assert.equal(c.status, 201, c.text);
  const id = c.json.id;
  const statuses = {};
  const won = []; // {version, title} of every 200
  async function user(who, name, count) {
    let version = 1;
    for (let i = 0; i < count; i++) {
      const title = `${name} ${i}`;
      const r = await srv.patch(`/api/v1/needs/${id}`, { title }, { as: who, ifMatch: version });
      statuses[r.status] = (statuses[r.status] || 0) + 1;
      if (r.status === 200) {
        assert.equal(r.headers.get('etag'), `"${r.json.version}"`);
        won.push({ version: r.json.version, title });
        version = r.json.version;
      } else if (r.status === 412) {
        const g = await srv.get(`/api/v1/needs/${id}`, { as: who });
        version = Number(JSON.parse(g.headers.get('etag')));
      }
    }
  }
  await Promise.all([user(sales, 'sales', TOTAL / 2), user(manager, 'manager', TOTAL - TOTAL / 2)]);
  const ok = statuses[200] || 0, stale = statuses[412] || 0;
  assert.deepEqual(Object.keys(statuses).filter((s) => s !== '200' && s !== '412'), [], `only 200 and 412: ${JSON.stringify(statuses)}`);
  assert.equal(ok + stale, TOTAL);
  assert.ok(ok > 0);
  const g = await srv.get(`/api/v1/needs/${id}`, { as: sales });
  assert.equal(g.json.version, 1 + ok, `final version ${g.json.version}, ${ok} successes`);
  // each success is a version of its own, and the last one is what remains
  assert.equal(new Set(won.map((w) => w.version)).size, ok);
  assert.equal(g.json.title, won.reduce((a, b) => (b.version > a.version ? b : a)).title);
  assert.equal(Number(srv.sqlValue(`SELECT count(*) FROM audit_log WHERE action = 'PATCH /api/v1/needs/{id}' AND object_id = ${id}`)), ok);
  console.log(`# concurrency: ${TOTAL} PATCHes, ${ok} answered 200, ${stale} answered 412, final version ${g.json.version}`);
});

test('the server is healthy', async () => {
  await assertHealthy(srv);
});
