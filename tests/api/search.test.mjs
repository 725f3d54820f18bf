// Free-text query parameters (?q= on needs and people, ?skill= on people)
// are checked like any input: invalid UTF-8 and oversized text are a 400
// problem, blank text means "no filter", and the text is trimmed.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, assertProblem, assertHealthy } from './harness.mjs';

let srv, sales;
before(async () => {
  srv = await startServer();
  sales = await srv.as('sales');
});
after(() => srv.stop());

for (const path of ['/api/v1/needs', '/api/v1/people']) {
  test(`${path}?q= with invalid UTF-8 is a 400 problem`, async () => {
    for (const bad of ['%C3%28', '%FF', 'ab%C0%AF']) assertProblem(await srv.get(`${path}?q=${bad}`, { as: sales }), 400, bad);
  });

  test(`${path}?q= longer than 200 characters is a 400 problem, not silently ignored`, async () => {
    assertProblem(await srv.get(`${path}?q=${'é'.repeat(201)}`, { as: sales }), 400);
    const ok = await srv.get(`${path}?q=${encodeURIComponent('é'.repeat(200))}`, { as: sales });
    assert.equal(ok.status, 200);
    assert.deepEqual(ok.json.items, []);
  });

  test(`${path}?q= made of spaces is no filter at all`, async () => {
    const all = await srv.get(`${path}?limit=200`, { as: sales });
    const blank = await srv.get(`${path}?limit=200&q=%20%20`, { as: sales });
    assert.equal(blank.status, 200);
    assert.equal(blank.json.items.length, all.json.items.length);
  });
}

test('needs ?q= is trimmed before matching', async () => {
  const r = await srv.get(`/api/v1/needs?q=${encodeURIComponent('  java  ')}&limit=200`, { as: sales });
  assert.equal(r.status, 200);
  assert.ok(r.json.items.length >= 2);
  for (const n of r.json.items) assert.match(n.title, /java/i);
});

test('people ?skill= with invalid UTF-8 or over 100 characters is a 400 problem', async () => {
  assertProblem(await srv.get('/api/v1/people?skill=%FF', { as: sales }), 400);
  assertProblem(await srv.get(`/api/v1/people?skill=${'k'.repeat(101)}`, { as: sales }), 400);
});

test('id filters in the query string take positive integers only, everywhere', async () => {
  const admin = await srv.as('admin');
  const filters = [
    '/api/v1/needs?client_id=', '/api/v1/deals?client_id=', '/api/v1/surveys?client_id=',
    '/api/v1/candidacies?need_id=', '/api/v1/candidacies?person_id=', '/api/v1/clients?owner_id=',
  ];
  for (const f of filters) {
    for (const bad of ['0', '-1', '+3', '3abc', '', '%203', '99999999999999999999']) {
      const r = await srv.get(`${f}${bad}`, { as: admin });
      assertProblem(r, 400, `${f}${bad}`);
      assert.match(r.json.detail, /_id$/);
    }
    assert.equal((await srv.get(`${f}1`, { as: admin })).status, 200, `${f}1`);
  }
});

test('the server still answers', () => assertHealthy(srv));
