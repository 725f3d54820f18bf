// People CSV import (dry run, all or nothing) and export.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, assertProblem, assertHealthy, INVALID_UTF8 } from './harness.mjs';

let srv, rec, sales, admin;
before(async () => {
  srv = await startServer();
  // a manager: the files carry a daily_rate column, which recruiters may
  // neither import nor export (domain/visibility.h; tests/api/uploads.test.mjs)
  rec = await srv.as('manager');
  sales = await srv.as('sales');
  admin = await srv.as('admin');
});
after(async () => {
  await srv.stop();
});

const BOM = '\uFEFF';
const csv = (text, opts = {}) => srv.req('POST', `/api/v1/import/people.csv${opts.dry ? '?dry_run=1' : ''}`,
  { as: opts.as || rec, raw: Buffer.from(text, 'utf8'), contentType: opts.type || 'text/csv; charset=utf-8' });
const people = () => srv.sqlValue('SELECT count(*) FROM people');

test('a French Excel file (BOM, ";", French headers in another order, quotes, embedded newline) imports', async () => {
  const file = BOM + 'Prénom;NOM;Type;Compétences;Ville;E-mail;Téléphone;TJM;Disponibilité;Commentaire\r\n' +
    'Zoé;"L\'Hôte; dite ""Zo"""; candidate;java:4 kubernetes:3;Lyon;zoe.csv@example.org;+33 6 10 20 30 40;550;2027-01-04;"ligne 1\r\nligne 2"\r\n' +
    'Marc;Ébrard;consultant;"spring boot:3, sql:2";Paris;;;;;\r\n';
  const dry = await csv(file, { dry: true });
  assert.equal(dry.status, 200, dry.text);
  assert.equal(dry.json.dry_run, true);
  assert.equal(dry.json.valid, true, dry.text);
  assert.equal(dry.json.rows, 2);
  assert.equal(dry.json.separator, ';');
  assert.equal(dry.json.bom, true);
  assert.deepEqual(dry.json.unknown_columns, ['Commentaire']);
  assert.equal(dry.json.imported, 0);
  const n0 = people();
  const r = await csv(file);
  assert.equal(r.status, 200, r.text);
  assert.equal(r.json.imported, 2);
  assert.equal(people(), n0 + 2);
  const zoe = (await srv.get(`/api/v1/people/${r.json.ids[0]}`, { as: rec })).json;
  assert.equal(zoe.first_name, 'Zoé');
  assert.equal(zoe.last_name, 'L\'Hôte; dite "Zo"');
  assert.equal(zoe.kind, 'candidate');
  assert.equal(zoe.daily_rate, 550);
  assert.equal(zoe.available_from, '2027-01-04');
  assert.deepEqual(zoe.skills.map((s) => [s.skill, s.level]), [['java', 4], ['kubernetes', 3]]);
  const marc = (await srv.get(`/api/v1/people/${r.json.ids[1]}`, { as: rec })).json;
  assert.deepEqual(marc.skills.map((s) => [s.skill, s.level]), [['spring-boot', 3], ['sql', 2]]);
  assert.equal(marc.email, null);
});

test('a dry run writes nothing, even when every row is valid (no event either)', async () => {
  const before = srv.snapshot();
  const events = srv.sqlValue('SELECT count(*) FROM events');
  const r = await csv('kind,first_name,last_name\ncandidate,Dry,Run\n', { dry: true });
  assert.equal(r.status, 200, r.text);
  assert.equal(r.json.valid, true);
  assert.deepEqual(srv.snapshot(), before);
  assert.equal(srv.sqlValue('SELECT count(*) FROM events'), events);
});

test('bad rows are reported by row, field and message, and nothing at all is written', async () => {
  const file = 'kind,first_name,last_name,email,available_from,daily_rate,skills\n' +
    'candidate,Good,Row,good.row@example.org,,,\n' +
    'robot,Bad,Kind,,,,\n' +
    'candidate,,NoFirst,not-an-email,2026-13-40,cher,java:9\n' +
    '"candidate","Multi\nLine","Name",,,,"cobol-on-mars:3"\n' +
    'candidate,Too,Many,,,,,extra\n' +
    'candidate,No,Level,,,,java\n';
  const before = srv.snapshot();
  for (const dry of [true, false]) {
    const r = await csv(file, { dry });
    assert.equal(r.status, dry ? 200 : 422, r.text);
    if (!dry) assertProblem(r, 422);
    assert.equal(r.json.valid, false);
    assert.equal(r.json.imported, 0);
    const has = (row, field) => assert.ok(r.json.errors.some((e) => e.row === row && e.field === field && e.message),
      `no error for row ${row} ${field}: ${JSON.stringify(r.json.errors)}`);
    has(3, 'kind');
    has(4, 'first_name');
    has(4, 'email');
    has(4, 'available_from');
    has(4, 'daily_rate');
    has(4, 'skills');
    has(5, 'skills[0].skill'); // the row after an embedded newline is still row 5
    has(6, '');
    has(7, 'skills');
    assert.equal(r.json.errors.find((e) => e.row === 5).column, 'skills', 'the header cell of the column');
    assert.ok(!r.json.errors.some((e) => e.row === 2), 'the good row has no error');
    assert.equal(r.json.error_count, r.json.errors.length);
  }
  assert.deepEqual(srv.snapshot(), before);
});

test('errors are in the caller\'s language', async () => {
  const r = await srv.req('POST', '/api/v1/import/people.csv?dry_run=1', {
    as: rec, raw: 'kind,first_name,last_name,email\ncandidate,A,B,nope\n', contentType: 'text/csv',
    headers: { 'Accept-Language': 'en' } });
  assert.equal(r.json.errors[0].message, 'must be an e-mail address');
});

test('a header without a needed column, or with one twice, is reported on row 1', async () => {
  let r = await csv('first_name,last_name\nA,B\n', { dry: true });
  assert.ok(r.json.errors.some((e) => e.row === 1 && e.field === 'kind'), r.text);
  r = await csv('kind,first_name,Prénom,last_name\ncandidate,A,B,C\n');
  assertProblem(r, 422);
  assert.ok(r.json.errors.some((e) => e.row === 1 && e.field === 'first_name'), r.text);
});

test('a multipart upload reads the "file" part', async () => {
  const form = new FormData();
  form.append('note', 'ignored');
  form.append('file', new Blob(['kind,first_name,last_name,email\r\ncandidate,Multi,Part,multi.part@example.org\r\n'],
    { type: 'text/csv' }), 'people.csv');
  const r = await fetch(`${srv.base}/api/v1/import/people.csv`, {
    method: 'POST', body: form, headers: { Cookie: rec.cookie, 'X-CSRF-Token': rec.csrf } });
  const j = await r.json();
  assert.equal(r.status, 200, JSON.stringify(j));
  assert.equal(j.imported, 1);
  assert.equal(srv.sqlValue("SELECT count(*) FROM people WHERE email = 'multi.part@example.org'"), 1);
});

test('hostile and malformed bodies are refused cleanly', async () => {
  const before = srv.snapshot();
  assertProblem(await csv('kind,first_name,last_name\ncandidate,"open,quote\n'), 400);
  assertProblem(await csv(''), 400);
  assertProblem(await csv('kind,first_name,last_name\n', { type: 'application/json' }), 415);
  assertProblem(await srv.req('POST', '/api/v1/import/people.csv', { as: rec, raw: INVALID_UTF8, contentType: 'text/csv' }), 400);
  assertProblem(await csv('kind,first_name,last_name\ncandidate,a\u0000b,c\n'), 400);
  assertProblem(await csv('x,'.repeat(100) + '\n'), 400);
  assertProblem(await srv.req('POST', '/api/v1/import/people.csv?dry_run=maybe', { as: rec, raw: 'a', contentType: 'text/csv' }), 400);
  const big = Buffer.alloc(11 * 1024 * 1024, 'a');
  assertProblem(await srv.req('POST', '/api/v1/import/people.csv', { as: rec, raw: big, contentType: 'text/csv' }), 413);
  assertProblem(await csv('kind,first_name,last_name\ncandidate,A,B\n', { as: sales }), 403);
  assert.deepEqual(srv.snapshot(), before);
});

test('10,000 rows import in one request, all or nothing', async () => {
  const lines = ['kind;first_name;last_name;email;phone;location;daily_rate;skills'];
  for (let i = 0; i < 10000; i++)
    lines.push(`candidate;Prénom${i};Nom-de-famille-${i};bulk.person.${i}@example.org;+33 7 ${String(i).padStart(8, '0')};Ville-sur-Mer ${i % 50};${400 + (i % 300)};java:${1 + (i % 5)} sql:3`);
  const file = BOM + lines.join('\r\n') + '\r\n';
  assert.ok(Buffer.byteLength(file) > 1024 * 1024, 'more than the 1 MiB JSON limit');
  const n0 = people();
  const bad = lines.slice();
  bad[9000] = 'candidate;;Nom;bad;;;;';
  let r = await csv(BOM + bad.join('\n'));
  assertProblem(r, 422);
  assert.deepEqual(r.json.errors.map((e) => [e.row, e.field]), [[9001, 'first_name'], [9001, 'email']]);
  assert.equal(people(), n0, 'one bad row: nothing written');
  r = await csv(file);
  assert.equal(r.status, 200, r.text.slice(0, 500));
  assert.equal(r.json.imported, 10000);
  assert.equal(people(), n0 + 10000);
  assert.equal(srv.sqlValue("SELECT count(*) FROM person_skills s JOIN people p ON p.id = s.person_id WHERE p.email LIKE 'bulk.person.%'"), 20000);
  const events = srv.sqlValue(`SELECT count(*) FROM events WHERE type = 'person.created' AND object_id BETWEEN ${r.json.ids[0]} AND ${r.json.ids[9999]}`);
  assert.equal(events, 10000, 'one event per person created');
  const summary = srv.sql("SELECT after_json FROM events WHERE type = 'people.imported' ORDER BY id DESC LIMIT 1")[0];
  assert.equal(JSON.parse(summary.after_json).count, 10000);
});

test('the export is UTF-8 with a BOM, ";" by default, quoted, and imports back', async () => {
  const p = (await srv.post('/api/v1/people', {
    kind: 'candidate', first_name: 'Éloïse', last_name: 'Quote "Semi; Colon"', email: 'eloise.export@example.org',
    location: 'Saint-Étienne\nLoire', skills: [{ skill: 'java', level: 5 }] }, { as: rec })).json;
  const r = await srv.get('/api/v1/export/people.csv?kind=candidate', { as: rec });
  assert.equal(r.status, 200);
  assert.match(r.headers.get('content-type'), /^text\/csv; charset=utf-8/);
  assert.match(r.headers.get('content-disposition'), /attachment; filename=/);
  const raw = Buffer.from(await (await fetch(`${srv.base}/api/v1/export/people.csv`, { headers: { Cookie: rec.cookie } })).arrayBuffer());
  assert.deepEqual([...raw.subarray(0, 3)], [0xef, 0xbb, 0xbf]);
  const text = r.text.replace(/^\uFEFF/, '');
  assert.equal(text.split('\r\n')[0], 'kind;first_name;last_name;email;phone;location;available_from;daily_rate;skills');
  assert.ok(text.includes('candidate;Éloïse;"Quote ""Semi; Colon""";eloise.export@example.org;;"Saint-Étienne\nLoire";;;java:5\r\n'), text.slice(0, 400));
  const comma = await srv.get('/api/v1/export/people.csv?sep=,&bom=0', { as: rec });
  assert.ok(comma.text.startsWith('kind,first_name,'));
  assert.ok(comma.text.includes('"Quote ""Semi; Colon"""'));
  // round trip: the export is a valid import file
  await srv.del(`/api/v1/people/${p.id}`, { as: admin });
  const back = await csv(r.text, { dry: true });
  assert.equal(back.status, 200);
  assert.equal(back.json.valid, true, JSON.stringify(back.json.errors?.slice(0, 3)));
  assertProblem(await srv.get('/api/v1/export/people.csv?sep=|', { as: rec }), 400);
  assertProblem(await srv.get('/api/v1/export/people.csv', { as: sales }), 403);
});

test('a cell a spreadsheet would run as a formula is exported inert', async () => {
  await srv.post('/api/v1/people', { kind: 'candidate', first_name: '=HYPERLINK("x")', last_name: 'Formula' }, { as: rec });
  const r = await srv.get('/api/v1/export/people.csv', { as: rec });
  assert.ok(r.text.includes(`;"'=HYPERLINK(""x"")";Formula;`), 'prefixed with a quote');
  assert.ok(!/;=HYPERLINK/.test(r.text));
});

test('the server is still healthy', async () => {
  await assertHealthy(srv);
});
