// What an erasure leaves behind: nothing. Posts (and their earlier
// versions, and the notifications they made) keep a placeholder instead of
// the name; the person's files leave the disk unless someone else holds the
// same file (a merged duplicate's included); the SQLite file and its WAL hold
// no byte of the erased name or e-mail (secure_delete, the full-text
// indexes compacted, a checkpoint). The access export comes as a zip with the
// person's files too.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PG, startServer, assertProblem, assertHealthy } from './harness.mjs';
import { uploadCv } from './privacy_helpers.mjs';

let srv, rec, manager, need, channel;
before(async () => {
  srv = await startServer();
  rec = await srv.as('recruiter');
  manager = await srv.as('manager');
  need = srv.sqlValue('SELECT id FROM needs ORDER BY id LIMIT 1');
  channel = (await srv.get(`/api/v1/channels?need_id=${need}`, { as: rec })).json.items[0].id;
});
after(async () => {
  await srv.stop();
});

let seq = 0;
/** A person with words found nowhere else, a CV, a candidacy. */
async function secretPerson() {
  const tag = `${process.pid}${++seq}`;
  const s = { first: 'Zébulon', last: `Quimperlé${tag}`, email: `zebulon.quimperle${tag}@secret-mail.example`, word: `gloubiboulga${tag}` };
  const p = await srv.post('/api/v1/people', { kind: 'candidate', first_name: s.first, last_name: s.last, email: s.email }, { as: rec });
  assert.equal(p.status, 201, p.text);
  s.id = p.json.id;
  s.doc = await uploadCv(srv, rec, s.id, `${s.first} ${s.last}\n${s.email}\nExpert en ${s.word} et en Kafka.`);
  return s;
}
const fileOf = (sha) => join(srv.files, sha.slice(0, 2), sha);
const erase = (id) => srv.post(`/api/v1/people/${id}/erase`, { reason: 'demande de la personne' }, { as: manager });

test('posts that named the person keep a placeholder, as do their earlier versions and the notifications they made', async () => {
  const s = await secretPerson();
  const other = (await srv.post('/api/v1/people', { kind: 'candidate', first_name: 'Zébulon', last_name: 'Autre' }, { as: rec })).json;
  const p1 = await srv.post(`/api/v1/channels/${channel}/posts`, { body: `@${manager.user.handle} ${s.first} ${s.last} (${s.email}) rappelle demain. [Son profil](#/people/${s.id})` }, { as: rec });
  assert.equal(p1.status, 201, p1.text);
  const p2 = await srv.post(`/api/v1/channels/${channel}/posts`, { body: `Entretien de ${s.last.toUpperCase()} : très bon niveau en Kafka` }, { as: rec });
  const p3 = await srv.post(`/api/v1/channels/${channel}/posts`, { body: `Zébulon Autre ne répond pas.` }, { as: rec });
  // an edit keeps the first version as a revision: it named them too
  const first = await srv.post(`/api/v1/channels/${channel}/posts`, { body: `Appel de ${s.last} ce matin` }, { as: rec });
  const edited = await srv.patch(`/api/v1/posts/${first.json.id}`, { body: 'Appel ce matin' }, { as: rec, ifMatch: first.json.version });
  assert.equal(edited.status, 200, edited.text);
  const notes = () => srv.sql(`SELECT text FROM notifications WHERE post_id = ${p1.json.id}`);
  assert.ok(notes().some((n) => n.text.includes(s.last)), 'the mention notification quotes the post');

  const r = await erase(s.id);
  assert.equal(r.status, 200, r.text);
  assert.ok(r.json.texts_redacted >= 4, r.text);
  const g1 = (await srv.get(`/api/v1/posts/${p1.json.id}`, { as: rec })).json;
  assert.equal(g1.body, `@${manager.user.handle} [personne effacée] ([personne effacée]) rappelle demain. [Son profil](#/people/${s.id})`);
  assert.ok(!g1.html.includes(s.last) && g1.html.includes('[personne effacée]'));
  assert.equal((await srv.get(`/api/v1/posts/${p2.json.id}`, { as: rec })).json.body, 'Entretien de [personne effacée] : très bon niveau en Kafka', 'any case');
  assert.equal((await srv.get(`/api/v1/posts/${p3.json.id}`, { as: rec })).json.body, 'Zébulon Autre ne répond pas.', 'a namesake is left alone');
  const revs = (await srv.get(`/api/v1/posts/${first.json.id}/revisions`, { as: rec })).json;
  assert.ok(!JSON.stringify(revs).includes(s.last), JSON.stringify(revs));
  assert.ok(notes().every((n) => !n.text.includes(s.last) && !n.text.includes(s.email)), JSON.stringify(notes()));
  // the post search forgets them
  assert.deepEqual((await srv.get(`/api/v1/posts?q=${encodeURIComponent(s.last)}`, { as: rec })).json.items, []);
  assert.equal((await srv.get(`/api/v1/people/${other.id}`, { as: rec })).json.first_name, 'Zébulon');
});

test('a last name someone else bears is not enough to take a post for theirs; the full name, the e-mail or a link is', async () => {
  const tag = `${process.pid}${++seq}`;
  const mk = async (first, last, email) => (await srv.post('/api/v1/people', { kind: 'candidate', first_name: first, last_name: last, email }, { as: rec })).json;
  const leon = await mk('Léon', `Martin${tag}`, `leon.${tag}@example.org`);
  await mk('Paul', `Martin${tag}`, `paul.${tag}@example.org`);
  const send = async (body) => (await srv.post(`/api/v1/channels/${channel}/posts`, { body }, { as: rec })).json.id;
  const alone = await send(`Martin${tag} a rappelé pour le poste`);
  const full = await send(`Léon Martin${tag} a rappelé, Léon viendra lundi`);
  const byMail = await send(`Réponse de leon.${tag}@example.org reçue`);
  const byLink = await send(`Voir [ce profil](#/people/${leon.id}) avant lundi`);
  assert.equal((await erase(leon.id)).status, 200);
  const body = async (id) => (await srv.get(`/api/v1/posts/${id}`, { as: rec })).json.body;
  assert.equal(await body(alone), `Martin${tag} a rappelé pour le poste`, 'Paul bears the name too: left alone');
  assert.equal(await body(full), '[personne effacée] a rappelé, [personne effacée] viendra lundi');
  assert.equal(await body(byMail), 'Réponse de [personne effacée] reçue');
  assert.equal(await body(byLink), `Voir [ce profil](#/people/${leon.id}) avant lundi`, 'a link names nobody: the id stays');
});

test('a consultant with an account: the account is closed and named nobody, and their @mentions keep a placeholder', async () => {
  const admin = await srv.as('admin');
  const tag = `${process.pid}${++seq}`;
  const p = (await srv.post('/api/v1/people', { kind: 'consultant', first_name: 'Ysaline', last_name: `Comptée${tag}`, email: `ysaline.${tag}@example.org` }, { as: admin })).json;
  const u = await srv.post('/api/v1/users', { email: `ysaline.${tag}@alliance.example`, name: `Ysaline Comptée${tag}`, role: 'consultant', password: 'une phrase de passe solide', person_id: p.id }, { as: admin });
  assert.equal(u.status, 201, u.text);
  const session = await srv.signIn(`ysaline.${tag}@alliance.example`, 'une phrase de passe solide');
  const post = (await srv.post(`/api/v1/channels/${channel}/posts`, { body: `Merci @${u.json.handle} pour la démo` }, { as: rec })).json;
  assert.equal((await erase(p.id)).status, 200);
  assert.equal((await srv.get('/api/v1/me', { as: session })).status, 401, 'their session ended');
  assertProblem(await srv.post('/api/v1/session', { email: `ysaline.${tag}@alliance.example`, password: 'une phrase de passe solide' }), 401);
  const acc = (await srv.get(`/api/v1/users/${u.json.id}`, { as: admin })).json;
  assert.deepEqual([acc.name, acc.disabled, acc.email.endsWith('@invalid.example')], ['Personne effacée', true, true]);
  assert.ok(!acc.handle.includes('ysaline'));
  assert.equal((await srv.get(`/api/v1/posts/${post.id}`, { as: rec })).json.body, 'Merci [personne effacée] pour la démo');
});

test('the files of an erased person leave the disk, but not a file someone else also gave', async () => {
  const a = await secretPerson(), b = await secretPerson();
  const shared = `CV partagé ${process.pid}: Kafka, Spark, Scala.`;
  const da = await uploadCv(srv, rec, a.id, shared, 'shared.txt');
  const db = await uploadCv(srv, rec, b.id, shared, 'same.txt');
  assert.equal(da.sha256, db.sha256, 'one file on disk for both');
  assert.ok(existsSync(fileOf(a.doc.sha256)) && existsSync(fileOf(da.sha256)));
  const r = await erase(a.id);
  assert.equal(r.json.files_deleted, 1, r.text);
  assert.ok(!existsSync(fileOf(a.doc.sha256)), 'their own CV is gone');
  assert.ok(existsSync(fileOf(da.sha256)), 'the file b also gave stays');
  const f = await fetch(`${srv.base}/api/v1/documents/${db.id}`, { headers: { Cookie: rec.cookie } });
  assert.equal(f.status, 200, 'b still downloads it');
  // deleting b (DELETE /people/{id}) takes their files too
  assert.equal((await srv.del(`/api/v1/people/${b.id}`, { as: manager })).status, 204);
  assert.ok(!existsSync(fileOf(da.sha256)) && !existsSync(fileOf(b.doc.sha256)));
});

test('a merged duplicate: its files join the kept person once, and go with the kept person\'s erasure', async () => {
  const keep = await secretPerson(), dup = await secretPerson();
  const same = await uploadCv(srv, rec, dup.id, readBack(keep.doc), 'copy.txt');
  assert.equal(same.sha256, keep.doc.sha256);
  const cur = await srv.get(`/api/v1/people/${keep.id}`, { as: rec });
  const m = await srv.post(`/api/v1/people/${keep.id}/merge`, { from_id: dup.id }, { as: rec, ifMatch: cur.headers.get('etag') });
  assert.equal(m.status, 200, m.text);
  const docs = (await srv.get(`/api/v1/people/${keep.id}/documents`, { as: rec })).json.items.map((d) => d.sha256).sort();
  assert.deepEqual(docs, [keep.doc.sha256, dup.doc.sha256].sort(), 'the twin file is kept once');
  assert.ok(existsSync(fileOf(dup.doc.sha256)));
  const r = await erase(keep.id);
  assert.equal(r.json.files_deleted, 2, r.text);
  assert.ok(!existsSync(fileOf(dup.doc.sha256)) && !existsSync(fileOf(keep.doc.sha256)), 'the merged person\'s files are gone too');
});

/** The text of a document, as uploaded. */
function readBack(doc) {
  return readFileSync(fileOf(doc.sha256), 'utf8');
}

test('the export as a zip holds the JSON document and the person\'s files', async () => {
  const s = await secretPerson();
  const pdf = await uploadCv(srv, rec, s.id, `Deuxième CV de ${s.last}`, '../../etc/passwd');
  const r = await fetch(`${srv.base}/api/v1/people/${s.id}/export?format=zip`, { headers: { Cookie: rec.cookie } });
  assert.equal(r.status, 200);
  assert.equal(r.headers.get('content-type'), 'application/zip');
  assert.equal(r.headers.get('content-disposition'), `attachment; filename="person-${s.id}.zip"`);
  const dir = mkdtempSync(join(tmpdir(), 'alliance-zip-'));
  try {
    const zip = join(dir, 'export.zip');
    const { writeFileSync } = await import('node:fs');
    writeFileSync(zip, Buffer.from(await r.arrayBuffer()));
    const out = join(dir, 'out');
    const u = spawnSync('unzip', ['-q', zip, '-d', out], { encoding: 'utf8' });
    assert.equal(u.status, 0, u.stderr);
    const list = spawnSync('unzip', ['-Z1', zip], { encoding: 'utf8' }).stdout.trim().split('\n').sort();
    assert.deepEqual(list, [`files/${pdf.id}-passwd`, `files/${s.doc.id}-cv.txt`, 'person.json'].sort(), 'names stay inside the archive (the upload kept only "passwd")');
    const doc = JSON.parse(readFileSync(join(out, 'person.json'), 'utf8'));
    assert.equal(doc.format, 'alliance.person-export/1');
    assert.equal(doc.person.email, s.email);
    assert.deepEqual(doc.documents.map((d) => d.file).sort(), list.filter((x) => x.startsWith('files/')).sort());
    assert.equal(doc.privacy.legal_bases[0].purpose, 'recruitment');
    assert.equal(readFileSync(join(out, `files/${s.doc.id}-cv.txt`), 'utf8'), `${s.first} ${s.last}\n${s.email}\nExpert en ${s.word} et en Kafka.`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  const json = await srv.get(`/api/v1/people/${s.id}/export?format=json`, { as: rec });
  assert.equal(json.status, 200);
  assert.equal(json.json.documents.length, 2);
  assert.ok(!('file' in json.json.documents[0]));
  assertProblem(await srv.get(`/api/v1/people/${s.id}/export?format=pdf`, { as: rec }), 400);
  assertProblem(await srv.get(`/api/v1/people/${s.id}/export?format=zip`, { as: await srv.as('sales') }), 403);
});

test('after an erasure the database files hold no byte of the name, e-mail or CV words (SQLite: secure_delete, checkpoint)', { skip: PG ? 'raw files are SQLite\'s; PostgreSQL is checked by pg_dump in privacy.test.mjs' : false }, async () => {
  const s = await secretPerson();
  await srv.post(`/api/v1/channels/${channel}/posts`, { body: `Nouvelle piste : ${s.first} ${s.last}, ${s.email}` }, { as: rec });
  const raw = () => Buffer.concat([srv.db, `${srv.db}-wal`].filter(existsSync).map((f) => readFileSync(f)));
  const words = [s.last, s.email, s.word, s.last.toLowerCase(), 'quimperle' + s.last.slice('Quimperlé'.length)];
  assert.ok(words.some((w) => raw().includes(Buffer.from(w))), 'the words are in the files before');
  const r = await erase(s.id);
  assert.equal(r.status, 200, r.text);
  const bytes = raw();
  for (const w of words) {
    const i = bytes.indexOf(Buffer.from(w));
    assert.ok(i < 0, `${w} survives in the database files: ${bytes.subarray(Math.max(0, i - 80), i + 80).toString('latin1')}`);
  }
  assert.equal(spawnSync('sqlite3', [srv.db, 'PRAGMA integrity_check'], { encoding: 'utf8' }).stdout.trim(), 'ok');
});

test('the server is healthy', async () => {
  await assertHealthy(srv);
});
