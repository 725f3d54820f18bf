// The matching engine from the command line: `alliance match` prints the
// ranking the API serves, `alliance eval-match` measures the quality on a
// graded set (the committed one, and hand-made broken ones: exit 2).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { cli, startServer, assertNoSanitizerReport } from './harness.mjs';

let srv, admin, tmp;
before(async () => {
  srv = await startServer();
  admin = await srv.as('admin');
  tmp = mkdtempSync(join(tmpdir(), 'alliance-eval-'));
});
after(async () => {
  await srv.stop();
  rmSync(tmp, { recursive: true, force: true });
});

const run = (args) => {
  const r = cli(args);
  assertNoSanitizerReport(r.stderr, args.join(' '));
  return r;
};

test('alliance match --json prints what GET /api/v1/needs/{id}/matches answers', async () => {
  const api = await srv.get('/api/v1/needs/1/matches?limit=5', { as: admin, headers: { 'Accept-Language': 'en' } });
  const r = run(['match', '--need', '1', '--limit', '5', '--json', '--db', srv.db]);
  assert.equal(r.status, 0, r.stderr);
  const out = JSON.parse(r.stdout);
  assert.deepEqual(out.items.map((i) => [i.person.id, i.score]), api.json.items.map((i) => [i.person.id, i.score]));
  assert.deepEqual(out.items[0].factors, api.json.items[0].factors);
  assert.equal(out.total, api.json.total);
  const text = run(['match', '--need', '1', '--limit', '3', '--db', srv.db]);
  assert.equal(text.status, 0);
  assert.equal(text.stdout.split('\n').filter((l) => /^ +\d+\. /.test(l)).length, 3);
});

test('alliance match: unknown need exits 1; bad flags exit 2', () => {
  const r = run(['match', '--need', '999999', '--db', srv.db]);
  assert.equal(r.status, 1);
  assert.match(r.stderr, /no need 999999/);
  for (const args of [['match'], ['match', '--need', 'x'], ['match', '--need', '1', '--limit', '0'],
    ['match', '--need', '1', '--limit', '201'], ['match', '--need', '1', 'extra']]) {
    assert.equal(run([...args, '--db', srv.db]).status, 2, args.join(' '));
  }
});

test('eval-match on the committed set prints the engine and BM25 figures in the shape asked', () => {
  const r = run(['eval-match', resolve('bench/match-quality/dev'), '--json']);
  assert.equal(r.status, 0, r.stderr);
  const j = JSON.parse(r.stdout);
  assert.deepEqual(Object.keys(j), ['engine', 'bm25', 'needs']);
  for (const k of ['engine', 'bm25']) assert.deepEqual(Object.keys(j[k]), ['ndcg@5', 'ndcg@10', 'map']);
  assert.equal(j.needs.length, 8);
  assert.deepEqual(Object.keys(j.needs[0]), ['need', 'engine', 'bm25']);
  for (const n of j.needs) for (const v of [...Object.values(n.engine), ...Object.values(n.bm25)]) assert.ok(v >= 0 && v <= 1);
  const text = run(['eval-match', resolve('bench/match-quality/heldout')]);
  assert.equal(text.status, 0);
  assert.match(text.stdout, /^mean /m);
});

// A small valid set, then one thing broken at a time.
function makeSet(name, { qrels = 'n1\tc1\t3\nn1\tc2\t0\n', needs = { n1: 'Required: Java and Spring Boot.' },
  cvs = { c1: 'Java and Spring Boot developer.', c2: 'Gardener.' } } = {}) {
  const d = join(tmp, name);
  mkdirSync(join(d, 'needs'), { recursive: true });
  mkdirSync(join(d, 'cvs'), { recursive: true });
  for (const [k, v] of Object.entries(needs)) writeFileSync(join(d, 'needs', `${k}.txt`), v);
  for (const [k, v] of Object.entries(cvs)) writeFileSync(join(d, 'cvs', `${k}.txt`), v);
  if (qrels !== null) writeFileSync(join(d, 'qrels.tsv'), qrels);
  return d;
}

test('eval-match on a tiny set ranks the relevant CV first for both rankers', () => {
  const r = run(['eval-match', makeSet('ok'), '--json']);
  assert.equal(r.status, 0, r.stderr);
  const j = JSON.parse(r.stdout);
  assert.equal(j.engine['ndcg@5'], 1);
  assert.equal(j.engine.map, 1);
});

test('eval-match on a missing or malformed directory: a clear message and exit 2', () => {
  const cases = [
    [join(tmp, 'nowhere'), /not a directory/],
    [makeSet('noqrels', { qrels: null }), /qrels\.tsv/],
    [makeSet('badgrade', { qrels: 'n1\tc1\t7\n' }), /line 1: the grade must be 0, 1, 2 or 3/],
    [makeSet('badfields', { qrels: 'n1 c1 3\n' }), /line 1: expected need_id<TAB>cv_id<TAB>grade/],
    [makeSet('unknowncv', { qrels: 'n1\tc1\t3\nn1\tc9\t1\n' }), /line 2: unknown cv id/],
    [makeSet('unknownneed', { qrels: 'nx\tc1\t3\n' }), /line 1: unknown need id/],
    [makeSet('twice', { qrels: 'n1\tc1\t3\nn1\tc1\t2\n' }), /line 2: this pair is graded twice/],
    [makeSet('empty', { qrels: '' }), /grades nothing/],
    [makeSet('nocvs', { cvs: {} }), /no \.txt file in .*cvs/],
  ];
  for (const [dir, re] of cases) {
    const r = run(['eval-match', dir]);
    assert.equal(r.status, 2, `${dir}: ${r.stderr}`);
    assert.match(r.stderr, re, dir);
    assert.equal(r.stdout, '');
  }
  const bad = makeSet('badutf8');
  writeFileSync(join(bad, 'cvs', 'c2.txt'), Buffer.from([0x47, 0xc3, 0x28]));
  const r = run(['eval-match', bad]);
  assert.equal(r.status, 2);
  assert.match(r.stderr, /not valid UTF-8/);
  assert.equal(run(['eval-match']).status, 2);
  assert.equal(run(['eval-match', makeSet('flag'), '--nope']).status, 2);
});
