// Uploads (attachments of posts, CVs) against hostile files: the type is
// told by the bytes, never by what the uploader declared; sizes are bounded;
// files are kept outside any web root under their content hash, never under
// the name sent; downloads are always attachments, nosniff and sandboxed.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync, mkdtempSync, rmSync, existsSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startServer, assertProblem, assertFieldError, assertHealthy } from './harness.mjs';

let srv, rec, tech;
const FX = mkdtempSync(join(tmpdir(), 'alliance-uploads-'));
const fixture = (name) => readFileSync(join(FX, name));

const HTML = Buffer.from('<!DOCTYPE html><html><body><script>fetch("/api/v1/me")</script></body></html>');
const SVG = Buffer.from('<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"><script>alert(document.cookie)</script></svg>');
// a PNG signature and an IHDR chunk: the first bytes are what tell it
const PNG = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.alloc(24, 1)]);
const TRAVERSAL = ['../../etc/passwd', '..\\..\\boot.ini', '/etc/passwd', 'a/b.pdf', '..', '.', 'x\r\nSet-Cookie: a=b', 'bad"quote.pdf'];

before(async () => {
  const g = spawnSync('python3', [new URL('../fixtures/make_cvs.py', import.meta.url).pathname, FX], { encoding: 'utf8' });
  assert.equal(g.status, 0, g.stderr);
  srv = await startServer();
  rec = await srv.as('recruiter');
  tech = await srv.as('tech');
});
after(async () => {
  rmSync(FX, { recursive: true, force: true });
  await srv.stop();
});

/** POST /api/v1/attachments?name= with body bytes declared as type. */
const attach = (data, name, type, who = rec) =>
  srv.req('POST', `/api/v1/attachments?name=${encodeURIComponent(name)}`, { as: who, raw: data, contentType: type });

/** Posts it in a public channel so that others may fetch it; answers the download. */
async function publish(att) {
  const c = (await srv.post('/api/v1/channels', { name: `Pièces ${att.id}`, visibility: 'public' }, { as: rec })).json.id;
  const p = await srv.post(`/api/v1/channels/${c}/posts`, { body: 'pièce jointe', attachment_ids: [att.id] }, { as: rec });
  assert.equal(p.status, 201, p.text);
  return fetch(`${srv.base}${att.url}`, { headers: { Cookie: tech.cookie } });
}

function assertDownload(res, type) {
  assert.equal(res.status, 200);
  assert.equal(res.headers.get('content-type'), type);
  assert.match(res.headers.get('content-disposition'), /^attachment;/);
  assert.equal(res.headers.get('x-content-type-options'), 'nosniff');
  assert.match(res.headers.getSetCookie().join(''), /^$/, 'a download sets no cookie');
  assert.ok(res.headers.get('content-security-policy').includes('sandbox'), res.headers.get('content-security-policy'));
}

test('HTML declared as a PDF is kept and served as an opaque download, never as HTML or PDF', async () => {
  const a = await attach(HTML, 'facture.pdf', 'application/pdf');
  assert.equal(a.status, 201, a.text);
  assert.equal(a.json.media_type, 'application/octet-stream');
  const res = await publish(a.json);
  assertDownload(res, 'application/octet-stream');
  assert.equal(res.headers.get('content-disposition'), "attachment; filename*=UTF-8''facture.pdf");
  assert.deepEqual(Buffer.from(await res.arrayBuffer()), HTML, 'the bytes come back as they were sent');
});

test('an SVG with a script, declared as an image, is no image: an opaque download', async () => {
  for (const type of ['image/svg+xml', 'image/png', 'text/plain']) {
    const a = await attach(SVG, 'logo.svg', type);
    assert.equal(a.status, 201, a.text);
    assert.equal(a.json.media_type, 'application/octet-stream', type);
  }
  const a = await attach(SVG, 'logo.png', 'image/png');
  assertDownload(await publish(a.json), 'application/octet-stream');
});

test('the bytes decide the type whatever is declared: a PNG sent as HTML is a PNG, text is text', async () => {
  assert.equal((await attach(PNG, 'capture.png', 'text/html')).json.media_type, 'image/png');
  assert.equal((await attach(fixture('cv_fr.pdf'), 'cv.bin', 'application/octet-stream')).json.media_type, 'application/pdf');
  assert.equal((await attach(Buffer.from('nom;ville\nAwa;Lyon\n'), 'liste.csv', 'text/csv')).json.media_type, 'text/csv');
  assert.equal((await attach(Buffer.from('compte rendu'), 'notes.txt', 'text/html')).json.media_type, 'text/plain');
  assert.equal((await attach(Buffer.from([0, 1, 2, 3, 255]), 'x.exe', 'application/pdf')).json.media_type, 'application/octet-stream');
});

test('an empty file is refused, an oversized one is a 413, and neither writes anything', async () => {
  const before = Number(srv.sqlValue('SELECT count(*) FROM attachments'));
  assertFieldError(await attach(Buffer.alloc(0), 'vide.pdf', 'application/pdf'), 'file');
  assertProblem(await attach(Buffer.alloc(10 * 1024 * 1024 + 1, 65), 'gros.txt', 'text/plain'), 413);
  assert.equal(Number(srv.sqlValue('SELECT count(*) FROM attachments')), before);
});

test('a file name with a path, a control character or a quote is refused', async () => {
  for (const name of TRAVERSAL) assertFieldError(await attach(Buffer.from('x'), name, 'text/plain'), 'name', JSON.stringify(name));
  const nul = await srv.req('POST', '/api/v1/attachments?name=ok.txt%00.html', { as: rec, raw: Buffer.from('x'), contentType: 'text/plain' });
  assert.ok(nul.status === 422 || (nul.status === 201 && nul.json.name === 'ok.txt'), `${nul.status} ${nul.text}`);
});

test('files are kept under their SHA-256 in the data directory, never under the name sent, and no URL serves that directory', async () => {
  const data = Buffer.from(`pièce ${process.pid} ${Date.now()}`);
  const sha = createHash('sha256').update(data).digest('hex');
  const a = await attach(data, 'passwd', 'text/plain');
  assert.equal(a.status, 201, a.text);
  assert.ok(existsSync(join(srv.files, sha.slice(0, 2), sha)), 'stored by hash');
  const names = readdirSync(srv.files, { recursive: true }).map(String);
  assert.ok(!names.some((n) => /passwd|facture|logo/.test(n)), names.join(' '));
  for (const path of [`/${sha}`, `/files/${sha}`, `/${sha.slice(0, 2)}/${sha}`, `/alliance-files/${sha.slice(0, 2)}/${sha}`])
    assert.notEqual((await srv.get(path, { as: rec })).text, data.toString(), path);
});

// ---- CVs: the same rules on the CV routes (the back office and the candidate's own) ----

async function uploadCv(personId, name, data, type) {
  const fd = new FormData();
  fd.append('cv', new Blob([data], { type }), name);
  const r = await fetch(`${srv.base}/api/v1/people/${personId}/cv`, { method: 'POST', body: fd, headers: { Cookie: rec.cookie, 'X-CSRF-Token': rec.csrf } });
  const text = await r.text();
  return { status: r.status, headers: r.headers, text, json: text ? JSON.parse(text) : undefined };
}
let seq = 0;
const person = async () => (await srv.post('/api/v1/people', { kind: 'candidate', first_name: 'Noé', last_name: `Fichier${++seq}` }, { as: rec })).json.id;
const docs = () => Number(srv.sqlValue('SELECT count(*) FROM documents'));

test('a CV that is HTML or SVG, whatever its name and declared type, is refused and nothing is kept', async () => {
  const id = await person();
  const before = docs();
  for (const [name, data, type] of [['cv.pdf', HTML, 'application/pdf'], ['cv.txt', HTML, 'text/plain'], ['cv.svg', SVG, 'image/svg+xml'],
    ['cv.docx', SVG, 'application/vnd.openxmlformats-officedocument.wordprocessingml.document']]) {
    assertProblem(await uploadCv(id, name, data, type), 422, name);
  }
  assert.equal(docs(), before);
});

test('an empty CV and an oversized one are refused', async () => {
  const id = await person();
  const before = docs();
  assertProblem(await uploadCv(id, 'vide.pdf', Buffer.alloc(0), 'application/pdf'), 422);
  assertProblem(await uploadCv(id, 'gros.pdf', Buffer.concat([Buffer.from('%PDF-1.4\n'), Buffer.alloc(10 * 1024 * 1024)]), 'application/pdf'), 413);
  assert.equal(docs(), before);
});

test('a CV sent under a path keeps only its last name, and comes back as a sandboxed attachment of its real type', async () => {
  const id = await person();
  const r = await uploadCv(id, '../../../etc/passwd.pdf', fixture('cv_fr.pdf'), 'text/html');
  assert.equal(r.status, 201, r.text);
  assert.equal(r.json.document.file_name, 'passwd.pdf');
  assert.equal(r.json.document.media_type, 'application/pdf', 'the declared text/html is not believed');
  const res = await fetch(`${srv.base}/api/v1/documents/${r.json.document.id}`, { headers: { Cookie: rec.cookie } });
  assertDownload(res, 'application/pdf');
  assert.equal(res.headers.get('content-disposition'), "attachment; filename=\"cv.pdf\"; filename*=UTF-8''passwd.pdf");
});

test('the server still answers /healthz', async () => {
  await assertHealthy(srv);
});
