// HTTP surface: health, metrics, unknown paths and methods, static files and
// security headers, languages, the skills look-up.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import net from 'node:net';
import { startServer, assertProblem, assertHealthy } from './harness.mjs';

let srv, sales;
before(async () => {
  srv = await startServer();
  sales = await srv.as('sales');
});
after(async () => {
  await srv.stop();
});

/** A request written by hand, for paths fetch() would normalise. */
function rawHttp(requestText) {
  return new Promise((resolve, reject) => {
    const sock = net.connect(srv.port, '127.0.0.1');
    let data = '';
    sock.setEncoding('latin1');
    sock.on('data', (d) => (data += d));
    sock.on('end', () => resolve(data));
    sock.on('error', reject);
    sock.write(requestText);
  });
}

test('GET /healthz answers 200 {"status":"ok"} as JSON', async () => {
  const r = await srv.get('/healthz');
  assert.equal(r.status, 200);
  assert.match(r.headers.get('content-type'), /^application\/json/);
  assert.deepEqual(r.json, { status: 'ok' });
});

test('GET /metrics is Prometheus text whose request counters increase', async () => {
  const count = (text) => {
    const m = /^alliance_http_requests_total\{method="GET",route="\/api\/v1\/needs",status="200"\} (\d+)$/m.exec(text);
    return m ? Number(m[1]) : 0;
  };
  const before = await srv.get('/metrics');
  assert.equal(before.status, 200);
  assert.match(before.headers.get('content-type'), /^text\/plain/);
  for (let i = 0; i < 3; i++) assert.equal((await srv.get('/api/v1/needs', { as: sales })).status, 200);
  await srv.get('/api/v1/nothing-here');
  const after = await srv.get('/metrics');
  assert.equal(count(after.text) - count(before.text), 3);
  assert.match(after.text, /^# TYPE alliance_http_requests_total counter$/m);
  assert.match(after.text, /^# TYPE alliance_http_request_duration_seconds histogram$/m);
  assert.match(after.text, /^alliance_http_request_duration_seconds_bucket\{method="GET",route="\/api\/v1\/needs",le="[0-9.e+-]+"\} \d+$/m);
  assert.match(after.text, /^alliance_http_request_duration_seconds_bucket\{method="GET",route="\/api\/v1\/needs",le="\+Inf"\} \d+$/m);
  assert.match(after.text, /^alliance_http_request_duration_seconds_count\{method="GET",route="\/api\/v1\/needs"\} \d+$/m);
  assert.match(after.text, /^alliance_http_request_duration_seconds_sum\{method="GET",route="\/api\/v1\/needs"\} [0-9.]+$/m);
  assert.match(after.text, /^alliance_http_requests_total\{[^}]*status="404"\} \d+$/m);
  assert.match(after.text, /^alliance_sse_open_streams \d+$/m);
  // every sample line is well-formed
  for (const line of after.text.trim().split('\n')) {
    if (line.startsWith('#')) continue;
    assert.match(line, /^[a-z_]+(\{[^}]*\})? [0-9.e+-]+$/, line);
  }
  // cumulative buckets never decrease
  const buckets = [...after.text.matchAll(/^alliance_http_request_duration_seconds_bucket\{method="GET",route="\/api\/v1\/needs",le="[^"]+"\} (\d+)$/gm)].map((m) => Number(m[1]));
  for (let i = 1; i < buckets.length; i++) assert.ok(buckets[i] >= buckets[i - 1]);
});

test('an unknown /api path is a 404 problem+json', async () => {
  for (const p of ['/api/v1/nothing', '/api/v2/needs', '/api/v1/needs/1/nothing', '/api/v1/needs/', '/api/']) {
    const r = await srv.get(p, { as: sales });
    assertProblem(r, 404, p);
  }
  assertProblem(await srv.get('/api/v1/nothing'), 404, 'even signed out');
});

test('a known path with the wrong method is a 405 problem+json', async () => {
  assertProblem(await srv.req('PUT', '/api/v1/needs/1', { as: sales, body: {} }), 405);
  assertProblem(await srv.req('DELETE', '/api/v1/needs/1', { as: sales }), 405);
  assertProblem(await srv.req('POST', '/healthz'), 405);
  assertProblem(await srv.req('PATCH', '/api/v1/needs', { as: sales, body: {} }), 405);
  assertProblem(await srv.req('POST', '/', { raw: 'x', contentType: 'text/plain' }), 405);
});

test('HEAD on an API route answers like GET without a body', async () => {
  const r = await srv.req('HEAD', '/healthz');
  assert.equal(r.status, 200);
  assert.equal(r.text, '');
});

test('/ serves the HTML page with a Content-Security-Policy and the security headers', async () => {
  const r = await srv.get('/');
  assert.equal(r.status, 200);
  assert.match(r.headers.get('content-type'), /^text\/html/);
  assert.match(r.text, /<!doctype html>/i);
  const csp = r.headers.get('content-security-policy');
  assert.ok(csp, 'CSP header');
  assert.match(csp, /default-src 'self'/);
  assert.match(csp, /frame-ancestors 'none'/);
  assert.doesNotMatch(csp, /unsafe-inline|unsafe-eval/);
  assert.equal(r.headers.get('x-content-type-options'), 'nosniff');
  assert.equal(r.headers.get('x-frame-options'), 'DENY');
  assert.ok(r.headers.get('etag'));
  const again = await srv.get('/', { headers: { 'If-None-Match': r.headers.get('etag') } });
  assert.equal(again.status, 304);
});

test('API answers carry the security headers and Cache-Control: no-store', async () => {
  const r = await srv.get('/api/v1/me', { as: sales });
  assert.equal(r.headers.get('cache-control'), 'no-store');
  assert.ok(r.headers.get('content-security-policy'));
  assert.equal(r.headers.get('x-content-type-options'), 'nosniff');
});

test('/../etc/passwd and other escapes are 404s, never a file of the machine', async () => {
  for (const p of ['/../etc/passwd', '/..%2f..%2fetc%2fpasswd', '/%2e%2e/%2e%2e/etc/passwd', '/ui/../../etc/passwd', '/etc/passwd',
    '/....//....//etc/passwd']) {
    const text = await rawHttp(`GET ${p} HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n`);
    assert.match(text, /^HTTP\/1\.1 (404|400)/, `${p}: ${text.slice(0, 60)}`);
    assert.doesNotMatch(text, /root:x:0:0/, p);
  }
  assert.equal((await srv.get('/no-such-page.html')).status, 404);
});

test('problem titles are French by default and English with Accept-Language: en', async () => {
  const fr = await srv.get('/api/v1/me');
  assert.equal(fr.json.title, 'Connexion requise');
  const en = await srv.get('/api/v1/me', { headers: { 'Accept-Language': 'en-GB,en;q=0.9' } });
  assert.equal(en.json.title, 'Sign-in required');
  const de = await srv.get('/api/v1/me', { headers: { 'Accept-Language': 'de' } });
  assert.equal(de.json.title, 'Connexion requise', 'unknown languages fall back to French');
  const v = await srv.post('/api/v1/needs', { title: '', remote: 'x' }, { as: sales, headers: { 'Accept-Language': 'en' } });
  assert.equal(v.status, 422);
  assert.equal(v.json.title, 'Some fields are invalid');
  assert.equal(v.json.errors.find((e) => e.field === 'title').message, 'is required');
  assert.match(v.json.errors.find((e) => e.field === 'remote').message, /^must be one of: none, partial, full$/);
  const vfr = await srv.post('/api/v1/needs', { title: '' }, { as: sales });
  assert.equal(vfr.json.errors[0].message, 'est obligatoire');
  const s = await srv.post('/api/v1/people', { kind: 'candidate', first_name: 'a', last_name: 'b', skills: [{ skill: 'jaav', level: 2 }] },
    { as: await srv.as('recruiter'), headers: { 'Accept-Language': 'en' } });
  assert.match(s.json.errors[0].message, /^unknown skill/);
});

// ---- skills look-up

test('GET /api/v1/skills?q=jav answers Java first, with labels fr/en and a category', async () => {
  const r = await srv.get('/api/v1/skills?q=jav', { as: sales });
  assert.equal(r.status, 200);
  assert.ok(r.json.items.length >= 2);
  const java = r.json.items[0];
  assert.equal(java.id, 'java');
  assert.equal(java.label, 'Java');
  assert.deepEqual(java.labels, { fr: 'Java', en: 'Java' });
  assert.equal(typeof java.category, 'string');
  assert.ok(r.json.items.some((s) => s.id === 'javascript'));
});

test('skills ?q=developpement finds "Développement…" labels, without regard to accents and case', async () => {
  const r = await srv.get('/api/v1/skills?q=developpement', { as: sales });
  assert.equal(r.status, 200);
  assert.ok(r.json.items.length > 0);
  assert.ok(r.json.items.some((s) => s.label.startsWith('Développement')), r.json.items.map((s) => s.label).join(' | '));
  for (const q of ['DÉVELOPPEMENT', 'Developpement', 'développement']) {
    const x = await srv.get(`/api/v1/skills?q=${encodeURIComponent(q)}`, { as: sales });
    assert.deepEqual(x.json.items.map((s) => s.id), r.json.items.map((s) => s.id), q);
  }
});

test('skills are found by alias and labelled in English with Accept-Language: en', async () => {
  const k = await srv.get('/api/v1/skills?q=k8s', { as: sales });
  assert.equal(k.json.items[0].id, 'kubernetes');
  const en = await srv.get('/api/v1/skills?q=apprentissage', { as: sales, headers: { 'Accept-Language': 'en' } });
  const ml = en.json.items.find((s) => s.id === 'machine-learning');
  assert.ok(ml, en.text);
  assert.equal(ml.label, 'Machine learning');
  assert.deepEqual(ml.labels, { fr: 'Apprentissage automatique', en: 'Machine learning' });
  const fr = await srv.get('/api/v1/skills?q=machine%20learning', { as: sales });
  assert.equal(fr.json.items.find((s) => s.id === 'machine-learning').label, 'Apprentissage automatique');
});

test('the skills look-up bounds its limit and query', async () => {
  assert.equal((await srv.get('/api/v1/skills?q=a&limit=3', { as: sales })).json.items.length, 3);
  assert.ok((await srv.get('/api/v1/skills?q=a&limit=50', { as: sales })).json.items.length <= 50);
  for (const qs of ['limit=0', 'limit=51', 'limit=x', `q=${'a'.repeat(101)}`, 'q=%C3%28', 'q=%FF']) {
    assertProblem(await srv.get(`/api/v1/skills?${qs}`, { as: sales }), 400, qs);
  }
  const none = await srv.get('/api/v1/skills?q=zzzzzzzz', { as: sales });
  assert.deepEqual(none.json.items, []);
  const weird = await srv.get(`/api/v1/skills?q=${encodeURIComponent("'%_\\")}`, { as: sales });
  assert.equal(weird.status, 200);
});

test('the server still answers /healthz', async () => {
  await assertHealthy(srv);
});
