// A ritual's channel: its own, made with the ritual (members: its author
// and participants), or a team channel chosen with channel_id, where its
// notes and decisions go. A channel the caller cannot see, or one that
// belongs to an object, is refused with a 422 naming channel_id. The demo's
// rituals and those made before (migration 63) have their own channel too.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, assertFieldError, assertHealthy } from './harness.mjs';

let srv, tech, recruiter, sales, manager, consultant;
before(async () => {
  srv = await startServer();
  tech = await srv.as('tech');
  recruiter = await srv.as('recruiter');
  sales = await srv.as('sales');
  manager = await srv.as('manager');
  consultant = await srv.as('consultant');
});
after(async () => {
  await srv.stop();
});

async function ritual(body = {}, as = tech) {
  const r = await srv.post('/api/v1/rituals', { name: 'Point delivery', frequency: 'daily', time: '09:30', ...body }, { as });
  assert.equal(r.status, 201, r.text);
  return r.json;
}
async function channel(name, as = tech, extra = {}) {
  const r = await srv.post('/api/v1/channels', { name, ...extra }, { as });
  assert.equal(r.status, 201, r.text);
  return r.json;
}
const members = async (id, as = tech) => (await srv.get(`/api/v1/channels/${id}/members`, { as })).json.items.map((u) => u.id).sort();
const posts = async (id, as = tech) => (await srv.get(`/api/v1/channels/${id}/posts`, { as })).json.items.map((p) => p.body);
const minutes = (id, notes, as = tech) => srv.post(`/api/v1/rituals/${id}/minutes`, { notes }, { as });

test('without channel_id a ritual gets its own channel at once, its author and participants as members', async () => {
  const x = await ritual({ name: 'Synchro recrutement', participant_ids: [tech.user.id, recruiter.user.id] });
  assert.equal(typeof x.channel_id, 'number');
  assert.equal(x.channel_dedicated, true);
  const found = (await srv.get(`/api/v1/channels?ritual_id=${x.id}`, { as: consultant })).json.items;
  assert.deepEqual(found.map((c) => c.id), [x.channel_id], 'found by ?ritual_id=, public like the ritual');
  assert.equal(found[0].name, 'Rituel : Synchro recrutement');
  assert.deepEqual(await members(x.channel_id), [tech.user.id, recruiter.user.id].sort());
  assert.match((await posts(x.channel_id))[0], /Rituel créé/);
});

test('a team channel chosen with channel_id gets the ritual\'s posts and notes; its participants join it', async () => {
  const team = await channel('Équipe delivery');
  const x = await ritual({ name: 'Daily delivery', channel_id: team.id, participant_ids: [tech.user.id, sales.user.id] });
  assert.equal(x.channel_id, team.id);
  assert.equal(x.channel_dedicated, false);
  assert.equal((await srv.get(`/api/v1/channels?ritual_id=${x.id}`, { as: tech })).json.items.length, 0, 'no channel of its own');
  assert.deepEqual(await members(team.id), [tech.user.id, sales.user.id].sort());
  assert.match((await posts(team.id))[0], /Rituel créé/);
  const m = await minutes(x.id, 'Tout va **bien**.');
  assert.equal(m.status, 201, m.text);
  assert.equal(m.json.channel_id, team.id);
  assert.match((await posts(team.id, sales))[0], /Compte rendu[\s\S]*Tout va \*\*bien\*\*/);
  assert.equal((await srv.get(`/api/v1/rituals/${x.id}`, { as: consultant })).json.channel_id, team.id);
});

test('?kind=team lists the channels people made, which a ritual may be given', async () => {
  const team = await channel('Avant-vente');
  const priv = await channel('Avant-vente privée', sales, { visibility: 'private' });
  const listed = (await srv.get('/api/v1/channels?kind=team&limit=200', { as: tech })).json.items;
  assert.ok(listed.some((c) => c.id === team.id));
  assert.ok(listed.every((c) => c.object_type === null), 'no object\'s channel');
  assert.ok(!listed.some((c) => c.id === priv.id), 'not a private channel of others');
  assert.ok((await srv.get('/api/v1/channels?kind=team&limit=200', { as: sales })).json.items.some((c) => c.id === priv.id));
  for (const bad of ['object', 'TEAM', ''])
    assert.equal((await srv.get(`/api/v1/channels?kind=${bad}`, { as: tech })).status, 400, bad);
});

test('a private channel one is a member of may be chosen; it keeps its members', async () => {
  const priv = await channel('Direction', manager, { visibility: 'private', member_ids: [tech.user.id] });
  const x = await ritual({ name: 'Comité de direction', channel_id: priv.id, participant_ids: [manager.user.id, sales.user.id] }, manager);
  assert.equal(x.channel_id, priv.id);
  assert.deepEqual(await members(priv.id, manager), [manager.user.id, tech.user.id].sort(), 'a ritual never widens a private channel');
  assert.equal((await minutes(x.id, 'Budget 2027 validé.', manager)).status, 201);
  assert.match((await posts(priv.id, tech))[0], /Budget 2027/);
  assert.equal((await srv.get(`/api/v1/channels/${priv.id}/posts`, { as: sales })).status, 404, 'still private to its members');
});

test('channel_id is refused when unknown, private to others, owned by an object, or not an id', async () => {
  const unknown = assertFieldError(await srv.post('/api/v1/rituals', { name: 'R', frequency: 'daily', time: '09:30', channel_id: 999999 }, { as: tech }), 'channel_id');
  assert.match(unknown.message, /n'existe pas, ou il est privé et vous n'en êtes pas membre/);
  const priv = await channel('Coulisses', manager, { visibility: 'private' });
  const hidden = assertFieldError(await srv.post('/api/v1/rituals', { name: 'R', frequency: 'daily', time: '09:30', channel_id: priv.id }, { as: tech }), 'channel_id');
  assert.equal(hidden.message.replace(String(priv.id), 'N'), unknown.message.replace('999999', 'N'), 'a private channel reads like an unknown one');
  const left = await channel('Ancienne équipe', tech, { visibility: 'private' });
  assert.equal((await srv.post(`/api/v1/channels/${left.id}/leave`, undefined, { as: tech })).status, 204);
  assertFieldError(await srv.post('/api/v1/rituals', { name: 'R', frequency: 'daily', time: '09:30', channel_id: left.id }, { as: tech }), 'channel_id', 'a private channel one left');
  const client = (await srv.get('/api/v1/clients?limit=1', { as: sales })).json.items[0];
  const clientChannel = (await srv.get(`/api/v1/channels?client_id=${client.id}`, { as: sales })).json.items[0];
  const other = await ritual({ name: 'Un autre rituel' });
  for (const [id, what] of [[clientChannel.id, 'a client\'s channel'], [other.channel_id, 'another ritual\'s own channel']]) {
    const e = assertFieldError(await srv.post('/api/v1/rituals', { name: 'R', frequency: 'daily', time: '09:30', channel_id: id }, { as: sales }), 'channel_id', what);
    assert.match(e.message, /choisissez un fil d'équipe/);
  }
  const en = await srv.post('/api/v1/rituals', { name: 'R', frequency: 'daily', time: '09:30', channel_id: clientChannel.id }, { as: sales, headers: { 'Accept-Language': 'en' } });
  assert.match(assertFieldError(en, 'channel_id').message, /choose a team channel/);
  for (const bad of ['12', 1.5, true, [], {}, 0, -3, 2 ** 60, '1 OR 1=1', `${priv.id}`])
    assertFieldError(await srv.post('/api/v1/rituals', { name: 'R', frequency: 'daily', time: '09:30', channel_id: bad }, { as: tech }), 'channel_id', JSON.stringify(bad));
  assert.equal(Number(srv.sqlValue("SELECT count(*) FROM rituals WHERE name = 'R'")), 0, 'nothing was written');
});

test('PATCH moves a ritual to a team channel and back to its own, both threads told; its channel stays accepted', async () => {
  const x = await ritual({ name: 'Revue staffing', participant_ids: [tech.user.id, recruiter.user.id] });
  const own = x.channel_id;
  const team = await channel('Staffing');
  let r = await srv.patch(`/api/v1/rituals/${x.id}`, { channel_id: team.id }, { as: tech, ifMatch: '"1"' });
  assert.equal(r.status, 200, r.text);
  assert.equal(r.json.channel_id, team.id);
  assert.equal(r.json.channel_dedicated, false);
  assert.equal(r.json.version, 2);
  assert.match((await posts(team.id))[0], /seront désormais publiés dans ce fil/);
  assert.match((await posts(own))[0], /ne seront plus publiés ici/);
  assert.doesNotMatch((await posts(own))[0], /Staffing|#staffing/, 'the old thread does not name the new one');
  assert.ok((await members(team.id)).includes(recruiter.user.id));
  assert.equal((await minutes(x.id, 'Notes dans Staffing')).json.channel_id, team.id);
  r = await srv.patch(`/api/v1/rituals/${x.id}`, { channel_id: null }, { as: recruiter, ifMatch: '"2"' });
  assert.equal(r.status, 200, r.text);
  assert.equal(r.json.channel_id, own, 'its own channel comes back, with its history');
  assert.equal(r.json.channel_dedicated, true);
  assert.equal((await minutes(x.id, 'Retour au fil dédié', recruiter)).json.channel_id, own);
  // its own channel may be named explicitly; a private channel it posts in stays accepted for whoever edits it
  r = await srv.patch(`/api/v1/rituals/${x.id}`, { channel_id: own, name: 'Revue staffing hebdo' }, { as: tech, ifMatch: '"3"' });
  assert.equal(r.status, 200, r.text);
  assert.equal((await srv.get(`/api/v1/channels/${own}`, { as: tech })).json.name, 'Rituel : Revue staffing hebdo');
  const priv = await channel('Staffing privé', tech, { visibility: 'private' });
  assert.equal((await srv.patch(`/api/v1/rituals/${x.id}`, { channel_id: priv.id }, { as: tech, ifMatch: '"4"' })).status, 200);
  const echo = await srv.patch(`/api/v1/rituals/${x.id}`, { ...r.json, channel_id: priv.id, time: '10:00' }, { as: recruiter, ifMatch: '"5"' });
  assert.equal(echo.status, 200, `a participant outside the private channel may still change the time: ${echo.text}`);
  assert.equal(echo.json.channel_id, priv.id);
  assertFieldError(await srv.patch(`/api/v1/rituals/${x.id}`, { channel_id: team.id + 100000 }, { as: tech, ifMatch: '"6"' }), 'channel_id');
  assertFieldError(await srv.patch(`/api/v1/rituals/${x.id}`, { channel_id: 'staffing' }, { as: tech, ifMatch: '"6"' }), 'channel_id');
  assert.equal((await srv.get(`/api/v1/rituals/${x.id}`, { as: tech })).json.version, 6, 'a refused PATCH changes nothing');
});

test("the demo's rituals have their own channel, with their participants", async () => {
  const items = (await srv.get('/api/v1/rituals?limit=200', { as: tech })).json.items;
  const demo = items.filter((r) => ['Point quotidien staffing', 'Revue hebdomadaire des affaires'].includes(r.name));
  assert.equal(demo.length, 2);
  for (const r of demo) {
    assert.equal(typeof r.channel_id, 'number', r.name);
    assert.equal(r.channel_dedicated, true);
    assert.deepEqual(await members(r.channel_id), [...r.participant_ids].sort());
    assert.equal((await srv.get(`/api/v1/channels/${r.channel_id}`, { as: consultant })).json.name, `Rituel : ${r.name}`);
  }
});

test('rituals made before rituals always had a channel get their own at the next start (migration 63)', async () => {
  const x = await ritual({ name: 'Rituel ancien', participant_ids: [tech.user.id, sales.user.id] });
  const long = await ritual({ name: 'É'.repeat(200), participant_ids: [recruiter.user.id] }, manager);
  for (const r of [x, long]) {
    srv.sqlExec(`UPDATE rituals SET channel_id = NULL WHERE id = ${r.id}`);
    srv.sqlExec(`DELETE FROM channels WHERE object_type = 'ritual' AND object_id = ${r.id}`);
  }
  srv.sqlExec('DELETE FROM schema_migrations WHERE version = 63');
  assert.equal((await srv.get(`/api/v1/rituals/${x.id}`, { as: tech })).json.channel_id, null);
  await srv.kill();
  await srv.serve();
  const got = (await srv.get(`/api/v1/rituals/${x.id}`, { as: tech })).json;
  assert.equal(typeof got.channel_id, 'number');
  assert.equal(got.channel_dedicated, true);
  assert.deepEqual(await members(got.channel_id), [tech.user.id, sales.user.id].sort());
  assert.equal((await srv.get(`/api/v1/channels/${got.channel_id}`, { as: tech })).json.name, 'Rituel : Rituel ancien');
  const cut = (await srv.get(`/api/v1/rituals/${long.id}`, { as: manager })).json;
  assert.deepEqual(await members(cut.channel_id, manager), [manager.user.id, recruiter.user.id].sort(), 'its author and participant');
  const name = (await srv.get(`/api/v1/channels/${cut.channel_id}`, { as: manager })).json.name;
  assert.equal([...name].length, 80, 'a channel name of 80 characters');
  assert.equal(name, `Rituel : ${'É'.repeat(70)}…`);
  // the next change names it as the API does: the same name
  const again = await srv.patch(`/api/v1/rituals/${long.id}`, { duration_minutes: 45 }, { as: manager, ifMatch: `"${cut.version}"` });
  assert.equal(again.status, 200, again.text);
  assert.equal((await srv.get(`/api/v1/channels/${cut.channel_id}`, { as: manager })).json.name, name);
});

test('the server still answers /healthz', async () => {
  await assertHealthy(srv);
});
