// GET /api/v1/team?q=: what "@" completes in a post box. Every signed-in
// role finds the enabled accounts by the start of their handle or of a word
// of their name (case and accents ignored), handle matches first, never an
// e-mail; ?channel_id= puts the channel's members first, and of a private
// channel proposes only them.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, assertProblem, assertHealthy } from './harness.mjs';

let srv, cons, tech, sales, manager;
before(async () => {
  srv = await startServer();
  [cons, tech, sales, manager] = [await srv.as('consultant'), await srv.as('tech'), await srv.as('sales'), await srv.as('manager')];
});
after(async () => {
  await srv.stop();
});

const find = async (query, as = cons) => {
  const r = await srv.get(`/api/v1/team?${query}`, { as });
  assert.equal(r.status, 200, r.text);
  return r.json.items;
};
const handles = async (query, as) => (await find(query, as)).map((u) => u.handle);

test('the start of a handle or of a word of the name, any case, any accent; handle matches first', async () => {
  assert.deepEqual(await handles('q=lef'), ['marc.lefevre']);
  assert.deepEqual(await handles(`q=${encodeURIComponent('LEFÈ')}`), ['marc.lefevre'], 'typed with the accent');
  assert.deepEqual(await handles('q=thomas.ng'), ['thomas.nguyen']);
  const ma = await handles('q=ma');
  assert.equal(ma[0], 'marc.lefevre', 'the handle that starts with it comes first');
  assert.ok(ma.includes('sophie.martin'), 'then a word of a name');
  assert.deepEqual(await handles('q=artin'), [], 'not the middle of a word');
  const u = (await find('q=sophie'))[0];
  assert.deepEqual(Object.keys(u).sort(), ['handle', 'id', 'name', 'role'], 'no e-mail for anyone');
  assert.equal(u.name, 'Sophie Martin');
});

test('disabled accounts are not proposed; limit bounds the answer', async () => {
  srv.sqlExec(`UPDATE users SET disabled = 1 WHERE id = ${sales.user.id}`);
  try {
    assert.deepEqual(await handles('q=sophie'), []);
  } finally {
    srv.sqlExec(`UPDATE users SET disabled = 0 WHERE id = ${sales.user.id}`);
  }
  assert.ok((await find('q=m')).length >= 2);
  assert.equal((await find('q=m&limit=1')).length, 1);
  for (const bad of ['limit=0', 'limit=201', 'limit=abc', 'limit=', 'limit=2.5', 'q=a&limit=-1'])
    assertProblem(await srv.get(`/api/v1/team?${bad}`, { as: cons }), 400, bad);
});

test("a client contact's account is never proposed", async () => {
  const admin = await srv.as('admin');
  const client = (await srv.get('/api/v1/clients?limit=1', { as: manager })).json.items[0];
  const r = await srv.post('/api/v1/users', { email: 'martine.client@client.example', name: 'Martine Cliente', role: 'client',
    client_id: client.id, password: 'un-mot-de-passe-solide-42' }, { as: admin });
  assert.equal(r.status, 201, r.text);
  assert.deepEqual(await handles('q=martine'), []);
  assert.ok(!(await find('')).some((u) => u.id === r.json.id), 'nor in the team list');
});

test('hostile or odd queries find nobody and break nothing', async () => {
  for (const q of ['%', '_', "' OR 1=1 --", '%%25', '@', '.', '!!!', '<script>'])
    assert.deepEqual(await handles(`q=${encodeURIComponent(q)}`), [], q);
  assertProblem(await srv.get(`/api/v1/team?q=${'a'.repeat(65)}`, { as: cons }), 400, 'too long');
  assertProblem(await srv.get('/api/v1/team?q=%FF', { as: cons }), 400, 'invalid UTF-8');
  assertProblem(await srv.get('/api/v1/team?q=a', { as: null }), 401);
});

test('?channel_id= puts the members first; a private channel proposes only its members', async () => {
  const pub = (await srv.post('/api/v1/channels', { name: 'Mentions publiques', member_ids: [manager.user.id] }, { as: tech })).json;
  const all = await find(`q=m&channel_id=${pub.id}`);
  assert.equal(all[0].handle, 'marc.lefevre');
  assert.equal(all[0].member, true);
  assert.ok(all.some((x) => x.handle === 'sophie.martin' && x.member === false), 'others too, after');
  const priv = (await srv.post('/api/v1/channels', { name: 'Mentions privées', visibility: 'private', member_ids: [manager.user.id] }, { as: tech })).json;
  const only = await find(`q=m&channel_id=${priv.id}`, tech);
  assert.deepEqual(only.map((x) => x.handle), ['marc.lefevre']);
  assertProblem(await srv.get(`/api/v1/team?q=m&channel_id=${priv.id}`, { as: cons }), 404, 'a private channel of others');
  assertProblem(await srv.get('/api/v1/team?q=m&channel_id=abc', { as: cons }), 400);
  assertProblem(await srv.get('/api/v1/team?q=m&channel_id=999999', { as: cons }), 404);
});

test('without q the whole team is listed as before', async () => {
  const everyone = await find('');
  assert.ok(everyone.length >= 6);
  assert.ok(everyone.every((u) => !('email' in u) && !('member' in u)));
});

test('the server still answers /healthz', async () => {
  await assertHealthy(srv);
});
