// Incidents ("hot potatoes"): anyone opens one on a client, its owner
// accepts it, the severity's SLA sets the due date, resolving needs a
// summary, overdue ones are flagged; only those involved (or managers)
// change one; every change is an event for the KPIs.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, assertProblem, assertFieldError, assertHealthy, INVALID_UTF8 } from './harness.mjs';

let srv, sales, tech, manager, recruiter, consultant, admin, client, salesId, techId, recruiterId;
before(async () => {
  srv = await startServer();
  // one after the other: sign-ins hash passwords, at most two at a time
  sales = await srv.as('sales');
  tech = await srv.as('tech');
  manager = await srv.as('manager');
  recruiter = await srv.as('recruiter');
  consultant = await srv.as('consultant');
  admin = await srv.as('admin');
  salesId = sales.user.id;
  techId = tech.user.id;
  recruiterId = recruiter.user.id;
  client = (await srv.post('/api/v1/clients', { name: `Client incidents ${Date.now()}`, owner_id: salesId }, { as: sales })).json;
});
after(async () => {
  await srv.stop();
});

const HOURS = { critical: 4, high: 24, medium: 72, low: 168 };
const count = () => Number(srv.sqlValue('SELECT count(*) FROM incidents'));
const lastEvent = () => Number(srv.sqlValue('SELECT coalesce(max(id), 0) FROM events'));
const eventsAfter = (id) => srv.sql(`SELECT * FROM events WHERE id > ${id} AND object_type = 'incident' ORDER BY id`);

async function open(body = {}, as = tech) {
  const r = await srv.post('/api/v1/incidents', { title: 'Le client se plaint du consultant', client_id: client.id, ...body }, { as });
  assert.equal(r.status, 201, r.text);
  return r.json;
}

async function patch(inc, body, as) {
  const cur = await srv.get(`/api/v1/incidents/${inc.id}`, { as });
  return srv.patch(`/api/v1/incidents/${inc.id}`, body, { as, ifMatch: cur.headers.get('etag') });
}

test('the tech lead opens an incident on a client: the client owner owns it and is asked to accept', async () => {
  const mark = lastEvent();
  const r = await srv.post('/api/v1/incidents', { title: '  Retard de livraison  ', client_id: client.id, severity: 'high',
    description: 'Le lot 2 a deux semaines de retard.', participant_ids: [recruiterId, recruiterId] }, { as: tech });
  assert.equal(r.status, 201, r.text);
  assert.equal(r.headers.get('etag'), '"1"');
  assert.equal(r.headers.get('location'), `/api/v1/incidents/${r.json.id}`);
  const i = r.json;
  assert.equal(i.title, 'Retard de livraison');
  assert.equal(i.status, 'open');
  assert.equal(i.severity, 'high');
  assert.equal(i.owner_id, salesId);
  assert.equal(i.owner_name, sales.user.name);
  assert.equal(i.accepted_at, null);
  assert.equal(i.created_by, techId);
  assert.deepEqual(i.participant_ids, [recruiterId]);
  assert.equal(i.participants[0].name, recruiter.user.name);
  assert.equal(i.client_name, client.name);
  assert.equal(i.overdue, false);
  assert.equal((Date.parse(i.due_at) - Date.parse(i.created_at)) / 3600e3, 24);
  const g = await srv.get(`/api/v1/incidents/${i.id}`, { as: consultant });
  assert.deepEqual(g.json, i);
  const [ev] = eventsAfter(mark);
  assert.equal(ev.type, 'incident.created');
  assert.equal(Number(ev.object_id), i.id);
  assert.equal(Number(ev.client_id), client.id);
  assert.equal(Number(ev.actor_id), techId);
  assert.deepEqual(JSON.parse(ev.after_json), { status: 'open', severity: 'high' });
  assert.equal(ev.before_json, null);
});

test('the due date is the opening time plus the SLA of the severity (default medium)', async () => {
  for (const [sev, h] of Object.entries(HOURS)) {
    const i = await open({ severity: sev });
    assert.equal((Date.parse(i.due_at) - Date.parse(i.created_at)) / 3600e3, h, sev);
  }
  const d = await open({});
  assert.equal(d.severity, 'medium');
  assert.equal((Date.parse(d.due_at) - Date.parse(d.created_at)) / 3600e3, 72);
});

test('one who opens an incident for themself has accepted it', async () => {
  const i = await open({ owner_id: techId });
  assert.equal(typeof i.accepted_at, 'string');
  const other = await srv.post('/api/v1/clients', { name: `Sans responsable ${Date.now()}` }, { as: sales });
  const j = await open({ client_id: other.json.id }, recruiter); // no client owner: the author
  assert.equal(j.owner_id, recruiterId);
});

test('the SLA is a setting: admins and managers change it with If-Match, new incidents follow it', async () => {
  const g = await srv.get('/api/v1/incident-sla', { as: consultant });
  assert.equal(g.status, 200);
  assert.deepEqual({ ...g.json, updated_at: undefined, version: undefined },
    { low_hours: 168, medium_hours: 72, high_hours: 24, critical_hours: 4, updated_at: undefined, version: undefined });
  assert.equal(g.headers.get('etag'), '"1"');
  assertProblem(await srv.patch('/api/v1/incident-sla', { critical_hours: 2 }, { as: sales, ifMatch: '"1"' }), 403);
  assertProblem(await srv.patch('/api/v1/incident-sla', { critical_hours: 2 }, { as: admin }), 428);
  for (const bad of [{ critical_hours: 0 }, { critical_hours: 9000 }, { critical_hours: '2' }, { critical_hours: null }, { urgent_hours: 1 }]) {
    const r = await srv.patch('/api/v1/incident-sla', bad, { as: admin, ifMatch: '"1"' });
    assertProblem(r, 422, JSON.stringify(bad));
  }
  const r = await srv.patch('/api/v1/incident-sla', { critical_hours: 2, low_hours: 240 }, { as: manager, ifMatch: '"1"' });
  assert.equal(r.status, 200, r.text);
  assert.equal(r.json.critical_hours, 2);
  assert.equal(r.json.high_hours, 24);
  assert.equal(r.headers.get('etag'), '"2"');
  assertProblem(await srv.patch('/api/v1/incident-sla', { critical_hours: 3 }, { as: admin, ifMatch: '"1"' }), 412);
  const i = await open({ severity: 'critical' });
  assert.equal((Date.parse(i.due_at) - Date.parse(i.created_at)) / 3600e3, 2);
  const back = await srv.patch('/api/v1/incident-sla', { critical_hours: 4, low_hours: 168 }, { as: admin, ifMatch: '"2"' });
  assert.equal(back.status, 200, back.text);
});

test('bad input is a 422 naming the field, and writes nothing', async () => {
  const need = (await srv.post('/api/v1/needs', { title: 'Besoin autre client' }, { as: sales })).json;
  const long = 'x'.repeat(201);
  const cases = [
    [{ title: 'A', client_id: 999999 }, 'client_id'],
    [{ title: 'A' }, 'client_id'],
    [{ client_id: client.id }, 'title'],
    [{ title: '   ', client_id: client.id }, 'title'],
    [{ title: long, client_id: client.id }, 'title'],
    [{ title: 5, client_id: client.id }, 'title'],
    [{ title: 'A', client_id: '1' }, 'client_id'],
    [{ title: 'A', client_id: client.id, severity: 'urgent' }, 'severity'],
    [{ title: 'A', client_id: client.id, severity: null }, 'severity'],
    [{ title: 'A', client_id: client.id, description: 'y'.repeat(10001) }, 'description'],
    [{ title: 'A', client_id: client.id, owner_id: 999999 }, 'owner_id'],
    [{ title: 'A', client_id: client.id, participant_ids: 3 }, 'participant_ids'],
    [{ title: 'A', client_id: client.id, participant_ids: ['x'] }, 'participant_ids'],
    [{ title: 'A', client_id: client.id, participant_ids: [999999] }, 'participant_ids'],
    [{ title: 'A', client_id: client.id, participant_ids: Array.from({ length: 51 }, (_, k) => k + 1) }, 'participant_ids'],
    [{ title: 'A', client_id: client.id, need_id: 999999 }, 'need_id'],
    [{ title: 'A', client_id: client.id, need_id: need.id }, 'need_id'],
    [{ title: 'A', client_id: client.id, consultant_id: 999999 }, 'consultant_id'],
    [{ title: 'A', client_id: client.id, mission_id: 999999 }, 'mission_id'],
    [{ title: 'A', client_id: client.id, colour: 'red' }, 'colour'],
  ];
  const n = count();
  for (const [body, field] of cases) assertFieldError(await srv.post('/api/v1/incidents', body, { as: tech }), field, JSON.stringify(body).slice(0, 80));
  assertProblem(await srv.post('/api/v1/incidents', { title: 'A', client_id: client.id, status: 'resolved', resolution: 'x' }, { as: tech }), 409);
  assertProblem(await srv.req('POST', '/api/v1/incidents', { as: tech, raw: INVALID_UTF8 }), 400);
  assertProblem(await srv.req('POST', '/api/v1/incidents', { as: tech, raw: '{"title": ' }), 400);
  assertProblem(await srv.req('POST', '/api/v1/incidents', { as: tech, raw: '[]' }), 400);
  assertProblem(await srv.req('POST', '/api/v1/incidents', { as: tech, raw: 'x'.repeat(1024 * 1024 + 10) }), 413);
  assert.equal(count(), n);
  const en = await srv.post('/api/v1/incidents', { title: 'A', client_id: 999999 }, { as: tech, headers: { 'Accept-Language': 'en' } });
  assert.match(assertFieldError(en, 'client_id').message, /client/);
});

test('the owner accepts: accepted and in progress, one incident.status event; nobody else may accept', async () => {
  const i = await open({ severity: 'low' });
  assertProblem(await srv.post(`/api/v1/incidents/${i.id}/accept`, undefined, { as: tech }), 403);
  assertProblem(await srv.post(`/api/v1/incidents/${i.id}/accept`, undefined, { as: manager }), 403);
  assertProblem(await srv.post('/api/v1/incidents/999999/accept', undefined, { as: sales }), 404);
  const mark = lastEvent();
  const r = await srv.post(`/api/v1/incidents/${i.id}/accept`, undefined, { as: sales });
  assert.equal(r.status, 200, r.text);
  assert.equal(r.json.status, 'in_progress');
  assert.equal(typeof r.json.accepted_at, 'string');
  assert.equal(r.json.version, 2);
  const again = await srv.post(`/api/v1/incidents/${i.id}/accept`, undefined, { as: sales });
  assert.equal(again.status, 200);
  assert.equal(again.json.version, 2, 'accepting twice changes nothing');
  const ev = eventsAfter(mark);
  assert.deepEqual(ev.map((e) => e.type), ['incident.status']);
  assert.deepEqual(JSON.parse(ev[0].before_json), { status: 'open', severity: 'low' });
  assert.deepEqual(JSON.parse(ev[0].after_json), { status: 'in_progress', severity: 'low' });
});

test('resolving needs a summary (422); resolved then closed; a closed incident is final', async () => {
  const i = await open({ severity: 'critical' });
  let r = await patch(i, { status: 'resolved' }, tech);
  assertFieldError(r, 'resolution');
  r = await patch(i, { status: 'resolved', resolution: '   ' }, tech);
  assertFieldError(r, 'resolution');
  assertProblem(await patch(i, { status: 'closed', resolution: 'x' }, tech), 409, 'open -> closed skips resolved');
  const mark = lastEvent();
  r = await patch(i, { status: 'resolved', resolution: 'Consultant remplacé, client rassuré.' }, tech);
  assert.equal(r.status, 200, r.text);
  assert.equal(r.json.status, 'resolved');
  assert.equal(typeof r.json.resolved_at, 'string');
  assert.equal(r.json.overdue, false);
  assertFieldError(await patch(i, { resolution: null }, tech), 'resolution');
  r = await patch(i, { status: 'in_progress' }, tech); // reopened
  assert.equal(r.json.resolved_at, null);
  assert.equal(r.json.resolution, null, 'a reopened incident has no resolution any more');
  r = await patch(i, { resolution: 'Pas encore' }, tech);
  assert.equal(r.json.resolution, null, 'no summary while it is worked on');
  r = await patch(i, { status: 'resolved', resolution: 'Vraiment réglé.' }, sales);
  assert.equal(r.status, 200, r.text);
  r = await patch(i, { status: 'closed' }, sales);
  assert.equal(r.status, 200, r.text);
  assert.equal(typeof r.json.closed_at, 'string');
  const ev = eventsAfter(mark).filter((e) => e.type === 'incident.status');
  assert.deepEqual(ev.map((e) => JSON.parse(e.after_json).status), ['resolved', 'in_progress', 'resolved', 'closed']);
  assert.deepEqual(eventsAfter(mark).map((e) => e.type).filter((x) => x !== 'incident.status'), ['incident.updated'],
    'the edit without a status change is incident.updated');
  assertProblem(await patch(i, { title: 'Autre' }, sales), 409);
  assertProblem(await patch(i, { status: 'open' }, manager), 409);
});

test('a PATCH needs If-Match: missing 428, stale 412, and nothing changes', async () => {
  const i = await open();
  assertProblem(await srv.patch(`/api/v1/incidents/${i.id}`, { title: 'B' }, { as: tech }), 428);
  assertProblem(await srv.patch(`/api/v1/incidents/${i.id}`, { title: 'B' }, { as: tech, ifMatch: '"7"' }), 412);
  assertProblem(await srv.patch(`/api/v1/incidents/${i.id}`, { title: 'B' }, { as: tech, ifMatch: 'garbage' }), 412);
  assertProblem(await srv.patch('/api/v1/incidents/999999', { title: 'B' }, { as: tech, ifMatch: '"1"' }), 404);
  assert.equal(srv.sqlValue(`SELECT title FROM incidents WHERE id = ${i.id}`), i.title);
  const ok = await srv.patch(`/api/v1/incidents/${i.id}`, { title: 'B', severity: 'critical' }, { as: tech, ifMatch: '"1"' });
  assert.equal(ok.status, 200, ok.text);
  assert.equal(ok.headers.get('etag'), '"2"');
  assert.equal((Date.parse(ok.json.due_at) - Date.parse(ok.json.created_at)) / 3600e3, 4, 'a new severity moves the due date');
  assertProblem(await srv.patch(`/api/v1/incidents/${i.id}`, { title: 'C' }, { as: tech, ifMatch: '"1"' }), 412);
});

test('only those involved, managers and admins change an incident; anyone may open and read', async () => {
  const i = await open({ participant_ids: [recruiterId] }, tech);
  const other = await srv.signIn('consultant@demo.alliance.example');
  const r = await patch(i, { title: 'Par un inconnu' }, other);
  assertProblem(r, 403);
  assert.equal(r.json.type, '/problems/not-involved');
  assert.equal((await patch(i, { title: 'Par la participante' }, recruiter)).status, 200);
  assert.equal((await patch(i, { title: 'Par le manager' }, manager)).status, 200);
  assert.equal((await patch(i, { title: 'Par le responsable' }, sales)).status, 200);
  assert.equal((await patch(i, { title: "Par l'auteur" }, tech)).status, 200);
  const byConsultant = await open({}, consultant);
  assert.equal(byConsultant.created_by, consultant.user.id);
  assert.equal((await srv.get('/api/v1/incidents', { as: consultant })).status, 200);
});

test('a new owner must accept again; the previous acceptance does not carry over', async () => {
  const i = await open({ owner_id: techId });
  assert.ok(i.accepted_at);
  const r = await patch(i, { owner_id: recruiterId }, tech);
  assert.equal(r.status, 200, r.text);
  assert.equal(r.json.owner_id, recruiterId);
  assert.equal(r.json.accepted_at, null);
  assertFieldError(await patch(i, { owner_id: null }, tech), 'owner_id');
});

test('an incident past its due date is overdue, listed by ?overdue=true, and no longer once resolved', async () => {
  const i = await open({ severity: 'critical', participant_ids: [recruiterId] });
  srv.sqlExec(`UPDATE incidents SET due_at = '2020-01-01T00:00:00Z' WHERE id = ${i.id}`);
  const g = await srv.get(`/api/v1/incidents/${i.id}`, { as: consultant });
  assert.equal(g.json.overdue, true);
  const late = await srv.get('/api/v1/incidents?overdue=true', { as: consultant });
  assert.ok(late.json.items.some((x) => x.id === i.id));
  assert.ok(late.json.items.every((x) => x.overdue));
  const mine = await srv.get('/api/v1/incidents?mine=true', { as: recruiter });
  assert.ok(mine.json.items.some((x) => x.id === i.id));
  const notMine = await srv.get('/api/v1/incidents?mine=true', { as: manager });
  assert.ok(!notMine.json.items.some((x) => x.id === i.id));
  await patch(i, { status: 'resolved', resolution: 'Fait.' }, sales);
  const after = await srv.get('/api/v1/incidents?overdue=true', { as: consultant });
  assert.ok(!after.json.items.some((x) => x.id === i.id));
  const active = await srv.get('/api/v1/incidents?active=true&limit=200', { as: consultant });
  assert.ok(active.json.items.every((x) => x.status === 'open' || x.status === 'in_progress'));
});

test('filters: a client page lists its incidents; bad filters are a 400', async () => {
  const other = (await srv.post('/api/v1/clients', { name: `Autre client ${Date.now()}` }, { as: sales })).json;
  const mine = await open({ client_id: other.id, title: 'Sur le client B' });
  const r = await srv.get(`/api/v1/incidents?client_id=${other.id}`, { as: consultant });
  assert.deepEqual(r.json.items.map((x) => x.id), [mine.id]);
  const st = await srv.get('/api/v1/incidents?status=closed', { as: tech });
  assert.ok(st.json.items.every((x) => x.status === 'closed'));
  for (const q of ['status=done', 'client_id=abc', 'client_id=-1', 'overdue=yes', 'mine=1', 'active=TRUE', 'limit=0', 'limit=500'])
    assertProblem(await srv.get(`/api/v1/incidents?${q}`, { as: tech }), 400, q);
  const page = await srv.get('/api/v1/incidents?limit=2', { as: tech });
  assert.equal(page.json.items.length, 2);
  const next = await srv.get(`/api/v1/incidents?limit=2&cursor=${page.json.next_cursor}`, { as: tech });
  assert.ok(next.json.items[0].id < page.json.items[1].id);
});

test('a mission is a hired candidacy of the client: it gives the need and the consultant', async () => {
  const need = (await srv.post('/api/v1/needs', { title: 'Mission Java', client_id: client.id }, { as: sales })).json;
  const person = (await srv.post('/api/v1/people', { kind: 'consultant', first_name: 'Inès', last_name: 'Mission' }, { as: recruiter })).json;
  const cand = (await srv.post('/api/v1/candidacies', { person_id: person.id, need_id: need.id }, { as: recruiter })).json;
  assertFieldError(await srv.post('/api/v1/incidents', { title: 'M', client_id: client.id, mission_id: cand.id }, { as: tech }), 'mission_id');
  srv.sqlExec(`UPDATE candidacies SET stage = 'hired' WHERE id = ${cand.id}`);
  const mark = lastEvent();
  const i = await open({ mission_id: cand.id });
  assert.equal(i.need_id, need.id);
  assert.equal(i.need_title, 'Mission Java');
  assert.equal(i.consultant_id, person.id);
  assert.equal(i.consultant_name, 'Inès Mission');
  const [ev] = eventsAfter(mark);
  assert.equal(Number(ev.need_id), need.id);
  assert.equal(Number(ev.person_id), person.id);
  const other = (await srv.post('/api/v1/clients', { name: `Client mission ${Date.now()}` }, { as: sales })).json;
  assertFieldError(await srv.post('/api/v1/incidents', { title: 'M', client_id: other.id, mission_id: cand.id }, { as: tech }), 'mission_id');
  assertFieldError(await srv.post('/api/v1/incidents', { title: 'M', client_id: client.id, mission_id: cand.id, consultant_id: 1 }, { as: tech }), 'consultant_id');
});

// The incident's thread: its channel, a system post per change, the owner
// asked (notified) to accept, the participants told they are on it.
test('every change of an incident is a system post in its channel; the owner is notified to accept', async () => {
  const i = await open({ title: 'Fil *important* <b>x</b>', severity: 'high', participant_ids: [recruiterId] });
  assert.equal(typeof i.channel_id, 'number');
  const found = await srv.get(`/api/v1/channels?incident_id=${i.id}`, { as: consultant });
  assert.equal(found.status, 200, found.text);
  assert.deepEqual(found.json.items.map((c) => c.id), [i.channel_id], 'public to every role that reads incidents');
  const posts = async () => (await srv.get(`/api/v1/channels/${i.channel_id}/posts?limit=200`, { as: sales })).json.items
    .map((p) => p.body).reverse();
  let bodies = await posts();
  assert.equal(bodies.length, 1);
  assert.match(bodies[0], /Incident ouvert/);
  assert.match(bodies[0], /haute/);
  assert.match(bodies[0], /merci d'accepter/);
  const html = (await srv.get(`/api/v1/channels/${i.channel_id}/posts`, { as: sales })).json.items[0].html;
  assert.ok(!html.includes('<b>'), 'the title is text, not markup');
  const notes = (await srv.get('/api/v1/notifications', { as: sales })).json.items;
  assert.ok(notes.some((n) => n.kind === 'assignment' && n.object_type === 'incident' && n.object_id === i.id));
  const rn = (await srv.get('/api/v1/notifications', { as: recruiter })).json.items;
  assert.ok(rn.some((n) => n.kind === 'assignment' && n.object_id === i.id), 'a participant is told');
  await srv.post(`/api/v1/incidents/${i.id}/accept`, undefined, { as: sales });
  await patch(i, { severity: 'critical' }, sales);
  await patch(i, { status: 'resolved', resolution: 'Réunion avec le client, plan validé.' }, sales);
  bodies = await posts();
  assert.equal(bodies.length, 4);
  assert.match(bodies[1], /accepté par/);
  assert.match(bodies[1], /en cours/);
  assert.match(bodies[2], /sévérité : haute → \*\*critique\*\*/);
  assert.match(bodies[3], /résolu/);
  assert.match(bodies[3], /plan validé/);
  const members = (await srv.get(`/api/v1/channels/${i.channel_id}/members`, { as: sales })).json.items.map((m) => m.id ?? m.user_id);
  for (const id of [salesId, techId, recruiterId]) assert.ok(members.includes(id), `member ${id}`);
});

test('the team list gives every role the names and roles of enabled accounts, no e-mail', async () => {
  const r = await srv.get('/api/v1/team', { as: consultant });
  assert.equal(r.status, 200);
  const me = r.json.items.find((u) => u.id === salesId);
  assert.deepEqual(Object.keys(me).sort(), ['handle', 'id', 'name', 'role']);
  srv.sqlExec(`UPDATE users SET disabled = 1 WHERE id = ${recruiterId}`);
  const after = await srv.get('/api/v1/team', { as: consultant });
  srv.sqlExec(`UPDATE users SET disabled = 0 WHERE id = ${recruiterId}`);
  assert.ok(!after.json.items.some((u) => u.id === recruiterId));
});

test('the server still answers /healthz', async () => {
  await assertHealthy(srv);
});
