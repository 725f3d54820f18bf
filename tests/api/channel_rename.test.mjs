// Renaming a channel (PATCH /api/v1/channels/{id}): its creator or an admin,
// If-Match with 412 on a stale version, a system post in the channel, the
// old "#slug" still finds it, objects' channels keep their object's name,
// the live stream tells who sees the channel, and bad input is refused.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, assertProblem, assertFieldError, assertHealthy, INVALID_UTF8 } from './harness.mjs';
import { openStream } from './sse.mjs';

let srv, rec, sales, tech, cons, admin;
before(async () => {
  srv = await startServer();
  [rec, sales, tech, cons, admin] = [await srv.as('recruiter'), await srv.as('sales'), await srv.as('tech'),
    await srv.as('consultant'), await srv.as('admin')];
});
after(async () => {
  await srv.stop();
});

const create = async (name, as = rec, extra = {}) => {
  const r = await srv.post('/api/v1/channels', { name, ...extra }, { as });
  assert.equal(r.status, 201, r.text);
  return r.json;
};
const rename = (id, body, as, version) => srv.patch(`/api/v1/channels/${id}`, body, { as, ifMatch: `"${version}"` });
const posts = async (id, as = rec) => (await srv.get(`/api/v1/channels/${id}/posts?limit=200`, { as })).json.items;
const bySlug = async (slug, as = rec) => (await srv.get(`/api/v1/channels?slug=${encodeURIComponent(slug)}`, { as })).json.items.map((c) => c.id);

test('the creator renames a channel: a new version, a system post, and the old #slug still finds it', async () => {
  const c = await create('Avant-vente Lyon');
  assert.equal(c.slug, 'avant-vente-lyon');
  const earlier = (await srv.post(`/api/v1/channels/${c.id}/posts`, { body: 'Voir aussi #avant-vente-lyon' }, { as: rec })).json;
  assertProblem(await srv.patch(`/api/v1/channels/${c.id}`, { name: 'Sans version' }, { as: rec }), 428);

  const r = await rename(c.id, { name: '  Avant-vente Rhône-Alpes ' }, rec, 1);
  assert.equal(r.status, 200, r.text);
  assert.equal(r.headers.get('etag'), '"2"');
  assert.equal(r.json.version, 2);
  assert.equal(r.json.name, 'Avant-vente Rhône-Alpes');
  assert.equal(r.json.slug, 'avant-vente-rhone-alpes');
  assert.deepEqual((await srv.get(`/api/v1/channels/${c.id}`, { as: tech })).json.name, 'Avant-vente Rhône-Alpes');

  // someone else renamed it first: 412, nothing changes
  assertProblem(await rename(c.id, { name: 'Trop tard' }, rec, 1), 412);
  assert.equal((await srv.get(`/api/v1/channels/${c.id}`, { as: rec })).json.name, 'Avant-vente Rhône-Alpes');

  const system = (await posts(c.id)).find((p) => p.author === null);
  assert.ok(system, 'a system post records the rename');
  assert.match(system.body, /renommé le fil « Avant-vente Lyon » en « \*\*Avant-vente Rhône-Alpes\*\* »/);
  assert.match(system.html, /<strong>Avant-vente Rhône-Alpes<\/strong>/);
  assert.match(system.body, /`#avant-vente-lyon` mène toujours ici/);

  // "#avant-vente-lyon" in the earlier post, and the new slug, both find the channel
  assert.deepEqual((await srv.get(`/api/v1/posts/${earlier.id}`, { as: rec })).json.channel_refs, ['avant-vente-lyon']);
  assert.deepEqual(await bySlug('avant-vente-lyon'), [c.id]);
  assert.deepEqual(await bySlug('avant-vente-rhone-alpes'), [c.id]);
  assert.deepEqual(await bySlug('avant-vente'), [], 'a slug matches whole, not as a prefix');
  // the slug it left stays its: no new channel takes it
  assertProblem(await srv.post('/api/v1/channels', { name: 'Avant-vente Lyon' }, { as: sales }), 409);

  // back to the first name: the slug comes back, the other one keeps finding it
  const back = await rename(c.id, { name: 'Avant-vente Lyon' }, rec, 2);
  assert.equal(back.status, 200, back.text);
  assert.equal(back.json.slug, 'avant-vente-lyon');
  assert.deepEqual(await bySlug('avant-vente-rhone-alpes'), [c.id]);
  assert.deepEqual(await bySlug('avant-vente-lyon'), [c.id]);
});

test('only the creator and admins rename; the topic changes alone; an unchanged PATCH writes nothing', async () => {
  const c = await create('Veille technique', tech);
  await srv.post(`/api/v1/channels/${c.id}/join`, undefined, { as: rec });
  assertProblem(await rename(c.id, { name: 'Pris par un autre' }, rec, 1), 403, 'a member who did not create it');
  assertProblem(await rename(c.id, { topic: 'Pris' }, sales, 1), 403);
  const byAdmin = await rename(c.id, { name: 'Veille tech & data' }, admin, 1);
  assert.equal(byAdmin.status, 200, byAdmin.text);
  assert.equal(byAdmin.json.slug, 'veille-tech-data');

  const topic = await rename(c.id, { topic: 'Articles, conférences, retours' }, tech, 2);
  assert.equal(topic.status, 200, topic.text);
  assert.equal(topic.json.topic, 'Articles, conférences, retours');
  assert.equal(topic.json.name, 'Veille tech & data');
  const system = (await posts(c.id)).filter((p) => p.author === null);
  assert.equal(system.length, 2);
  assert.match(system[0].body, /a changé le sujet du fil : « Articles, conférences, retours »/);

  const same = await rename(c.id, { name: 'Veille tech & data', topic: 'Articles, conférences, retours' }, tech, 3);
  assert.equal(same.status, 200);
  assert.equal(same.json.version, 3, 'nothing changed: no new version');
  assert.equal((await posts(c.id)).filter((p) => p.author === null).length, 2, 'and no post');
  // read-only fields sent back are ignored
  const echoed = await rename(c.id, { ...same.json, topic: '' }, tech, 3);
  assert.equal(echoed.status, 200, echoed.text);
  assert.equal(echoed.json.topic, null, 'an emptied topic is none');
  assert.equal(echoed.json.visibility, 'public');
});

test("an object's channel keeps its object's name: renaming it is refused, its topic may change", async () => {
  const need = (await srv.post('/api/v1/needs', { title: 'Data engineer Spark' }, { as: sales })).json;
  const ch = (await srv.get(`/api/v1/channels?need_id=${need.id}`, { as: sales })).json.items[0];
  const r = await rename(ch.id, { name: 'Autre nom' }, sales, ch.version);
  assertProblem(r, 409);
  assertProblem(await rename(ch.id, { name: 'Autre nom' }, admin, ch.version), 409, 'admins too');
  const t = await rename(ch.id, { topic: 'Démarrage en janvier' }, sales, ch.version);
  assert.equal(t.status, 200, t.text);
  // the need's new title still renames its channel
  assert.equal((await srv.patch(`/api/v1/needs/${need.id}`, { title: 'Data engineer Spark senior' }, { as: sales, ifMatch: '"1"' })).status, 200);
  const after1 = (await srv.get(`/api/v1/channels/${ch.id}`, { as: sales })).json;
  assert.equal(after1.name, 'Data engineer Spark senior');
  assert.equal(after1.slug, `need-${need.id}`);
  assert.equal(after1.topic, 'Démarrage en janvier');
});

test('bad input: empty, too long, wrong types, unknown fields, duplicates, reserved names, hidden channels', async () => {
  const c = await create('Cible des essais');
  await create('Déjà pris');
  const before = (await srv.get(`/api/v1/channels/${c.id}`, { as: rec })).json;
  for (const name of ['', '   ', 'x'.repeat(81)]) assertFieldError(await rename(c.id, { name }, rec, 1), 'name', JSON.stringify(name));
  assertFieldError(await rename(c.id, { name: '!!! ??? …' }, rec, 1), 'name', 'no letter or digit');
  assertFieldError(await rename(c.id, { name: 'need 12' }, rec, 1), 'name', 'reads like an object\'s channel');
  assertFieldError(await rename(c.id, { name: null }, rec, 1), 'name');
  assertFieldError(await rename(c.id, { name: 42 }, rec, 1), 'name');
  assertFieldError(await rename(c.id, { name: ['a'] }, rec, 1), 'name');
  assertFieldError(await rename(c.id, { topic: 'y'.repeat(501) }, rec, 1), 'topic');
  assertFieldError(await rename(c.id, { topic: { a: 1 } }, rec, 1), 'topic');
  assertFieldError(await rename(c.id, { owner: 3 }, rec, 1), 'owner');
  assertProblem(await rename(c.id, { name: 'Déjà  PRIS' }, rec, 1), 409, 'the same slug as another channel');
  assertProblem(await srv.req('PATCH', `/api/v1/channels/${c.id}`, { as: rec, ifMatch: '"1"', raw: '{"name":' }), 400);
  assertProblem(await srv.req('PATCH', `/api/v1/channels/${c.id}`, { as: rec, ifMatch: '"1"', raw: '["name"]' }), 400);
  assertProblem(await srv.req('PATCH', `/api/v1/channels/${c.id}`, { as: rec, ifMatch: '"1"', raw: INVALID_UTF8 }), 400);
  assertProblem(await srv.req('PATCH', `/api/v1/channels/${c.id}`, { as: rec, ifMatch: '"1"', raw: `{"name":"${'z'.repeat(1100000)}"}` }), 413);
  assertProblem(await srv.req('PATCH', `/api/v1/channels/${c.id}`, { as: rec, ifMatch: '"1"', body: { name: 'x' }, contentType: 'text/plain' }), 415);
  assertProblem(await rename(c.id, { name: 'Sans jeton' }, { cookie: rec.cookie, csrf: 'faux' }, 1), 403, 'CSRF');
  assertProblem(await srv.patch(`/api/v1/channels/${c.id}`, { name: 'x' }, { as: rec, ifMatch: 'pas-une-version' }), 412);
  assertProblem(await rename(999999, { name: 'Personne' }, rec, 1), 404);
  const priv = await create('Confidentiel RH', rec, { visibility: 'private' });
  assertProblem(await rename(priv.id, { name: 'Vu de dehors' }, cons, 1), 404, 'a hidden channel does not exist for outsiders');
  assertProblem(await rename(priv.id, { name: 'Vu de dehors' }, admin, 1), 404, 'admins who are not members do not see it either');
  assert.deepEqual((await srv.get(`/api/v1/channels/${c.id}`, { as: rec })).json, before, 'nothing was written');
  assert.equal((await posts(c.id)).length, 0);
});

test('hostile names: markup stays text, a name mentions nobody and references no channel', async () => {
  const c = await create('Essais hostiles');
  const unread = async (who) => (await srv.get('/api/v1/notifications?unread=1', { as: who })).json.unread;
  const techBefore = await unread(tech);
  const hostile = `<img src=x onerror=alert(1)> @${tech.user.handle} #avant-vente-lyon [lien](javascript:alert(1)) **gras**`;
  const r = await rename(c.id, { name: hostile.slice(0, 80), topic: `<script>alert(1)</script> @${tech.user.handle}` }, rec, 1);
  assert.equal(r.status, 200, r.text);
  assert.equal(r.json.name, hostile.slice(0, 80), 'the name is kept as typed');
  assert.match(r.json.slug, /^[a-z0-9-]+$/);
  const system = (await posts(c.id)).find((p) => p.author === null);
  assert.ok(!/<img|<script|<[^>]* onerror=|href="javascript/i.test(system.html), system.html);
  assert.match(system.html, /&lt;img src=x onerror=alert\(1\)&gt;/);
  assert.deepEqual(system.mentions, []);
  assert.deepEqual(system.channel_refs, []);
  assert.equal(await unread(tech), techBefore, 'nobody is notified by a channel name');
});

test('a rename reaches, live, those who see the channel and nobody else', async () => {
  const pub = await create('Annonces direction');
  const priv = await create('Comité restreint', rec, { visibility: 'private' });
  const [member, outsider] = [await openStream(srv.base, rec), await openStream(srv.base, cons)];
  try {
    assert.equal((await rename(priv.id, { name: 'Comité très restreint' }, rec, 1)).status, 200);
    assert.equal((await rename(pub.id, { name: 'Annonces de la direction' }, rec, 1)).status, 200);
    const renamed = (ms, id) => ms.some((m) => m.event === 'channel.updated' && m.json.object_id === id);
    await member.until((ms) => renamed(ms, priv.id) && renamed(ms, pub.id), 5000, 'both renames');
    await outsider.until((ms) => renamed(ms, pub.id), 5000, 'the public rename');
    assert.ok(!renamed(outsider.messages, priv.id), 'the private rename stays private');
    const m = member.messages.find((x) => x.event === 'channel.updated' && x.json.object_id === pub.id);
    assert.equal(m.json.after.version, 2);
  } finally {
    member.close();
    outsider.close();
  }
  await assertHealthy(srv);
});
