// Accounts linked to rows (src/domain/visibility.h): a client contact's
// account (role "client") belongs to a client; a consultant's account stands
// for their person. Bad links are refused; the links take effect at once.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, assertProblem, assertFieldError, assertHealthy, cli, assertNoSanitizerReport } from './harness.mjs';

let srv, admin, manager;
const PW = 'un-mot-de-passe-solide-42';
before(async () => {
  srv = await startServer();
  admin = await srv.as('admin');
  manager = await srv.as('manager');
});
after(async () => {
  await srv.stop();
});

let seq = 0;
const account = (extra) => srv.post('/api/v1/users', { email: `compte${++seq}@client.example`, name: `Compte ${seq}`, password: PW, ...extra }, { as: admin });

test('a client account needs an existing client, and only a client account has one', async () => {
  const before = srv.snapshot();
  assertFieldError(await account({ role: 'client' }), 'client_id');
  assertFieldError(await account({ role: 'client', client_id: 999999 }), 'client_id');
  assertFieldError(await account({ role: 'sales', client_id: 1 }), 'client_id');
  assertFieldError(await account({ role: 'client', client_id: 1, person_id: 1 }), 'person_id');
  for (const bad of ['1', 1.5, -1, 0, true, [], {}, 'x'.repeat(10000)])
    assertFieldError(await account({ role: 'client', client_id: bad }), 'client_id', JSON.stringify(bad).slice(0, 20));
  assertFieldError(await account({ role: 'consultant', person_id: 999999 }), 'person_id');
  assertFieldError(await account({ role: 'boss' }), 'role');
  assert.deepEqual(srv.snapshot(), before, 'nothing written');
});

test('a new client contact signs in and sees their client\'s incidents, nothing internal', async () => {
  const client = (await srv.post('/api/v1/clients', { name: `Client ${Date.now()}` }, { as: manager })).json;
  const r = await account({ role: 'client', client_id: client.id });
  assert.equal(r.status, 201, r.text);
  assert.equal(r.json.client_id, client.id);
  assert.equal(r.json.person_id, null);
  const s = await srv.signIn(r.json.email, PW);
  assert.equal(s.user.role, 'client');
  assert.equal((await srv.get('/api/v1/me', { as: s })).json.user.client_id, client.id);
  const inc = (await srv.post('/api/v1/incidents', { title: 'Escalade', client_id: client.id }, { as: manager })).json;
  assert.deepEqual((await srv.get('/api/v1/incidents', { as: s })).json.items.map((i) => i.id), [inc.id]);
  assert.equal((await srv.get(`/api/v1/incidents/${inc.id}`, { as: s })).status, 200);
  for (const path of ['/api/v1/needs', '/api/v1/people', `/api/v1/clients/${client.id}`, '/api/v1/channels', '/api/v1/kpis', '/api/v1/team', '/api/v1/skills?q=java'])
    assertProblem(await srv.get(path, { as: s }), 403, path);
  assertProblem(await srv.post('/api/v1/incidents', { title: 'x', client_id: client.id }, { as: s }), 403);
});

test('an account stands for one person: a second one is a 409; the link changes with If-Match', async () => {
  const person = (await srv.post('/api/v1/people', { kind: 'consultant', first_name: 'Inès', last_name: 'Lien' }, { as: manager })).json;
  const a = await account({ role: 'consultant', person_id: person.id });
  assert.equal(a.status, 201, a.text);
  assert.equal(a.json.person_id, person.id);
  assertProblem(await account({ role: 'consultant', person_id: person.id }), 409);
  const b = (await account({ role: 'consultant' })).json;
  assertProblem(await srv.patch(`/api/v1/users/${b.id}`, { person_id: person.id }, { as: admin, ifMatch: '"1"' }), 409);
  const s = await srv.signIn(a.json.email, PW);
  assert.equal((await srv.get(`/api/v1/people/${person.id}`, { as: s })).status, 200);
  // unlinked: their profile is gone for them at once, as if it did not exist
  const u = await srv.patch(`/api/v1/users/${a.json.id}`, { person_id: null }, { as: admin, ifMatch: '"1"' });
  assert.equal(u.status, 200, u.text);
  assertProblem(await srv.get(`/api/v1/people/${person.id}`, { as: s }), 404);
  assert.deepEqual((await srv.get('/api/v1/people', { as: s })).json.items, []);
  // a client account turned sales must lose its client
  const c = (await account({ role: 'client', client_id: 1 })).json;
  assertFieldError(await srv.patch(`/api/v1/users/${c.id}`, { role: 'sales' }, { as: admin, ifMatch: '"1"' }), 'client_id');
  assert.equal((await srv.patch(`/api/v1/users/${c.id}`, { role: 'sales', client_id: null }, { as: admin, ifMatch: '"1"' })).status, 200);
});

test('the command line adds a client account only with its client', () => {
  const ok = cli(['user', 'add', '--email', 'cli.client@client.example', '--role', 'client', '--name', 'Cli Client', '--client', '1', '--db', srv.db], { input: `${PW}\n` });
  assertNoSanitizerReport(ok.stderr);
  assert.equal(ok.status, 0, ok.stderr);
  for (const args of [['--role', 'client'], ['--role', 'client', '--client', 'abc'], ['--role', 'sales', '--client', '1'], ['--role', 'client', '--client', '-3']]) {
    const r = cli(['user', 'add', '--email', `x${++seq}@client.example`, '--name', 'X', ...args, '--db', srv.db], { input: `${PW}\n` });
    assert.equal(r.status, 2, args.join(' '));
  }
  assert.equal(srv.sqlValue("SELECT client_id FROM users WHERE email = 'cli.client@client.example'"), 1);
});

test('the server still answers /healthz', async () => {
  await assertHealthy(srv);
});
