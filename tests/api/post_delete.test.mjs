// Deleting a post: its text leaves the store for everyone, its author
// included — the post itself, every earlier version, the excerpts that
// notifications quoted, the search index — and, on SQLite, the bytes of the
// database file and its write-ahead log. Who wrote, edited and deleted it,
// and when, stays (docs/ARCHITECTURE.md, "Channels and the live stream").
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { startServer, assertProblem, PG } from './harness.mjs';

let srv, rec, tech, cons;
before(async () => {
  srv = await startServer();
  [rec, tech, cons] = [await srv.as('recruiter'), await srv.as('tech'), await srv.as('consultant')];
});
after(async () => {
  await srv.stop();
});

const post = (ch, body, as) => srv.post(`/api/v1/channels/${ch}/posts`, { body }, { as });
const edit = (p, body, version) => srv.patch(`/api/v1/posts/${p}`, { body }, { as: rec, ifMatch: `"${version}"` });

// Whether a word is anywhere in the SQLite database's files (the file and
// its write-ahead log), in the case it was written or folded.
function inFiles(word) {
  const bytes = [srv.db, `${srv.db}-wal`].filter(existsSync).map((f) => readFileSync(f));
  return bytes.some((b) => b.includes(Buffer.from(word)) || b.includes(Buffer.from(word.toLowerCase())));
}

// Rows of the posts, versions and notifications that still hold the word.
function rowsWith(word) {
  const w = word.toLowerCase();
  return srv.sql(`SELECT 'post' AS t, id FROM posts WHERE lower(body) LIKE '%${w}%' OR lower(html) LIKE '%${w}%' `
    + `OR search LIKE '%${w}%' UNION ALL SELECT 'revision', id FROM post_revisions WHERE lower(body) LIKE '%${w}%' `
    + `UNION ALL SELECT 'notification', id FROM notifications WHERE lower(text) LIKE '%${w}%' `
    + `UNION ALL SELECT 'attachment', id FROM attachments WHERE lower(name) LIKE '%${w}%'`);
}

test('an edited post keeps its earlier versions for whoever reads the channel, with who replaced them', async () => {
  const ch = (await srv.post('/api/v1/channels', { name: 'Versions lisibles' }, { as: rec })).json.id;
  const p = (await post(ch, 'Réunion jeudi', rec)).json;
  assert.equal((await edit(p.id, 'Réunion vendredi', 1)).status, 200);
  const hist = await srv.get(`/api/v1/posts/${p.id}/revisions`, { as: cons });
  assert.equal(hist.status, 200, hist.text);
  assert.equal(hist.json.items.length, 1);
  assert.equal(hist.json.items[0].body, 'Réunion jeudi');
  assert.deepEqual(hist.json.items[0].edited_by, { id: rec.user.id, name: rec.user.name });
  assert.equal(typeof hist.json.items[0].replaced_at, 'string');
});

test("a deleted post's text is gone from every version, for everyone; who and when stay", async () => {
  const ch = (await srv.post('/api/v1/channels', { name: 'Budget confidentiel' }, { as: rec })).json.id;
  await srv.post(`/api/v1/channels/${ch}/join`, undefined, { as: tech });
  const file = await srv.req('POST', `/api/v1/attachments?name=${encodeURIComponent('budget-zorglubesque.txt')}`,
    { as: rec, raw: Buffer.from('48 000'), contentType: 'text/plain' });
  assert.equal(file.status, 201, file.text);
  const p = (await srv.post(`/api/v1/channels/${ch}/posts`, { body: `Budget Zorglubesque : 48 000 € pour @${tech.user.handle}`,
    attachment_ids: [file.json.id] }, { as: rec })).json;
  assert.equal((await srv.get(file.json.url, { as: tech })).status, 200);
  assert.equal((await edit(p.id, `Budget Zorglubesque revu, Quirinalesque, @${tech.user.handle}`, 1)).status, 200);
  assert.equal((await edit(p.id, 'Budget final Ptolemaesque', 2)).status, 200);
  const before1 = (await srv.get(`/api/v1/posts/${p.id}/revisions`, { as: tech })).json.items.map((x) => x.body);
  assert.equal(before1.length, 2, 'before the deletion, the versions are readable');
  assert.ok(rowsWith('Zorglubesque').length > 0, 'the test looks for a word that is there');
  const told = (await srv.get('/api/v1/notifications', { as: tech })).json.items.filter((n) => n.post_id === p.id);
  assert.equal(told.length, 1);
  assert.match(told[0].text, /Zorglubesque/, 'the mention quoted the post');

  assert.equal((await srv.del(`/api/v1/posts/${p.id}`, { as: rec })).status, 204);

  for (const who of [rec, tech]) {
    const hist = await srv.get(`/api/v1/posts/${p.id}/revisions`, { as: who });
    assert.equal(hist.status, 200, hist.text);
    assert.equal(hist.json.items.length, 3, 'two edits and the deletion');
    for (const v of hist.json.items) {
      assert.equal(v.body, null, 'no earlier text, not even for its author');
      assert.equal(v.edited_by.id, rec.user.id);
      assert.equal(typeof v.replaced_at, 'string');
    }
    const got = (await srv.get(`/api/v1/posts/${p.id}`, { as: who })).json;
    assert.equal(got.deleted, true);
    assert.equal(got.body, '');
    assert.equal(got.html, '');
    assert.deepEqual(got.attachments, [], 'not even the name of its file');
    assertProblem(await srv.get(file.json.url, { as: who }), 404);
  }
  const still = (await srv.get('/api/v1/notifications', { as: tech })).json.items.filter((n) => n.post_id === p.id);
  assert.equal(still.length, 1, 'the notification says who mentioned whom, where');
  assert.equal(still[0].text, '', 'but no longer quotes the text');
  for (const q of ['zorglubesque', 'quirinalesque', 'ptolemaesque'])
    assert.equal((await srv.get(`/api/v1/posts?q=${q}`, { as: rec })).json.items.length, 0, `search for ${q}`);
  for (const word of ['Zorglubesque', 'Quirinalesque', 'Ptolemaesque', '48 000'])
    assert.deepEqual(rowsWith(word), [], `no row still holds ${word}`);
  // a deleted post cannot be written again
  assertProblem(await edit(p.id, 'Zorglubesque encore', 4), 409);
  assertProblem(await srv.del(`/api/v1/posts/${p.id}`, { as: rec }), 409);
});

test('SQLite: the text of a deleted post is no longer in the database file nor its write-ahead log', { skip: PG ? 'a file check for SQLite' : false }, async () => {
  const ch = (await srv.post('/api/v1/channels', { name: 'Effacement' }, { as: rec })).json.id;
  const words = ['Xylophonetrique', 'Brontosaurial'];
  // long enough to spill over several pages of the file (they are freed, not rewritten)
  const long = Array.from({ length: 400 }, (_, i) => `Ligne ${i} du compte rendu.`).join('\n');
  const p = (await post(ch, `Salaire de ${words[0]} : 61 500 €\n${long}\nFin ${words[0]}Fin`, rec)).json;
  assert.equal((await edit(p.id, `Salaire de ${words[0]} corrigé, ${words[1]}`, 1)).status, 200);
  for (const w of words) assert.ok(inFiles(w), `${w} is in the files before the deletion`);
  assert.equal((await srv.del(`/api/v1/posts/${p.id}`, { as: rec })).status, 204);
  for (const w of words) assert.equal(inFiles(w), false, `${w} is still somewhere in the database's files`);
  // the channel, the other posts and the search still work
  const other = (await post(ch, 'Un autre message Xylo', rec)).json;
  assert.deepEqual((await srv.get('/api/v1/posts?q=xylo', { as: rec })).json.items.map((x) => x.id), [other.id]);
});
