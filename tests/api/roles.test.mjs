// Role matrix: every route × every role, from an expected table written from
// the permission rules (DESIGN.md "Roles", src/domain/permissions.c), and
// 401 for every non-public route without a caller.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, assertProblem, assertHealthy, ROLES } from './harness.mjs';

const EVERYONE = ROLES;
const STAFF = ['admin', 'manager', 'sales', 'recruiter', 'tech'];
// Who may do what (the contract, written independently of the C table).
const MAY = {
  'me.read': EVERYONE,
  'skills.read': EVERYONE,
  'clients.read': EVERYONE,
  'clients.write': ['admin', 'manager', 'sales'],
  'deals.read': STAFF,
  'deals.write': ['admin', 'manager', 'sales'],
  'reviews.write': ['manager', 'tech'], // the feasibility gate: delivery judges, not sales
  'capabilities.read': STAFF,
  'surveys.read': STAFF,
  'surveys.write': ['admin', 'manager', 'sales'],
  'needs.read': EVERYONE,
  'needs.write': ['admin', 'manager', 'sales'],
  'matches.read': STAFF,
  'people.read': STAFF, // consultants never see candidates' personal data
  'people.write': ['admin', 'manager', 'recruiter', 'tech'],
  'people.delete': ['admin', 'manager'],
  'candidacies.read': STAFF,
  'candidacies.write': ['admin', 'manager', 'sales', 'recruiter'],
  'users.read': ['admin'],
  'users.write': ['admin'],
  'audit.read': ['admin'],
  // incidents and rituals: anyone opens an incident; the agenda names candidates
  'incidents.read': EVERYONE,
  'incidents.write': EVERYONE,
  'incidents.sla': ['admin', 'manager'],
  'rituals.read': EVERYONE,
  'rituals.write': STAFF,
  'agenda.read': STAFF,
  'agenda.write': STAFF,
  'calendar.write': EVERYONE,
  'team.read': EVERYONE,
  // mail to candidates and no ghosting
  'outbox.read': ['admin'],
  'mail_templates.read': ['admin', 'manager', 'recruiter'],
  'mail_templates.write': ['admin', 'manager'],
  'settings.read': STAFF,
  'settings.write': ['admin', 'manager'],
};

// Each request is harmless when allowed: writes carry an empty body (422),
// PATCHes no If-Match (428), DELETE an unknown id (404).
const ROUTES = [
  { m: 'GET', p: '/api/v1/me', a: 'me.read', ok: 200 },
  { m: 'GET', p: '/api/v1/skills?q=java', a: 'skills.read', ok: 200 },
  { m: 'GET', p: '/api/v1/clients', a: 'clients.read', ok: 200 },
  { m: 'POST', p: '/api/v1/clients', a: 'clients.write', ok: 422, body: {} },
  { m: 'GET', p: '/api/v1/clients/1', a: 'clients.read', ok: 200 },
  { m: 'PATCH', p: '/api/v1/clients/1', a: 'clients.write', ok: 428, body: {} },
  { m: 'GET', p: '/api/v1/clients/1/contacts', a: 'clients.read', ok: 200 },
  { m: 'POST', p: '/api/v1/clients/1/contacts', a: 'clients.write', ok: 422, body: {} },
  { m: 'PATCH', p: '/api/v1/contacts/1', a: 'clients.write', ok: 428, body: {} },
  { m: 'GET', p: '/api/v1/deals', a: 'deals.read', ok: 200 },
  { m: 'POST', p: '/api/v1/deals', a: 'deals.write', ok: 422, body: {} },
  { m: 'GET', p: '/api/v1/deals/1', a: 'deals.read', ok: 200 },
  { m: 'PATCH', p: '/api/v1/deals/1', a: 'deals.write', ok: 428, body: {} },
  { m: 'POST', p: '/api/v1/deals/999999/review-request', a: 'deals.write', ok: 404 },
  { m: 'GET', p: '/api/v1/deals/1/reviews', a: 'deals.read', ok: 200 },
  { m: 'POST', p: '/api/v1/deals/2/reviews', a: 'reviews.write', ok: 422, body: {} },
  { m: 'GET', p: '/api/v1/reviews/requested', a: 'deals.read', ok: 200 },
  { m: 'GET', p: '/api/v1/capabilities', a: 'capabilities.read', ok: 200 },
  { m: 'GET', p: '/api/v1/surveys', a: 'surveys.read', ok: 200 },
  { m: 'POST', p: '/api/v1/surveys', a: 'surveys.write', ok: 422, body: {} },
  { m: 'GET', p: '/api/v1/people', a: 'people.read', ok: 200, own: { consultant: 200 } },
  { m: 'POST', p: '/api/v1/people', a: 'people.write', ok: 422, body: {} },
  { m: 'GET', p: '/api/v1/people/1', a: 'people.read', ok: 200, own: { consultant: 404 } },
  { m: 'PATCH', p: '/api/v1/people/1', a: 'people.write', ok: 428, body: {} },
  { m: 'DELETE', p: '/api/v1/people/999999', a: 'people.delete', ok: 404 },
  { m: 'GET', p: '/api/v1/needs', a: 'needs.read', ok: 200 },
  { m: 'POST', p: '/api/v1/needs', a: 'needs.write', ok: 422, body: {} },
  { m: 'GET', p: '/api/v1/needs/1', a: 'needs.read', ok: 200 },
  { m: 'PATCH', p: '/api/v1/needs/1', a: 'needs.write', ok: 428, body: {} },
  { m: 'GET', p: '/api/v1/needs/1/matches', a: 'matches.read', ok: 200 },
  { m: 'GET', p: '/api/v1/needs/1/gap', a: 'capabilities.read', ok: 200 },
  { m: 'GET', p: '/api/v1/candidacies', a: 'candidacies.read', ok: 200, own: { consultant: 200 } },
  { m: 'POST', p: '/api/v1/candidacies', a: 'candidacies.write', ok: 422, body: {} },
  { m: 'GET', p: '/api/v1/candidacies/1', a: 'candidacies.read', ok: 200, own: { consultant: 404 } },
  { m: 'PATCH', p: '/api/v1/candidacies/1', a: 'candidacies.write', ok: 428, body: {} },
  { m: 'GET', p: '/api/v1/users', a: 'users.read', ok: 200 },
  { m: 'POST', p: '/api/v1/users', a: 'users.write', ok: 422, body: {} },
  { m: 'GET', p: '/api/v1/users/1', a: 'users.read', ok: 200 },
  { m: 'PATCH', p: '/api/v1/users/1', a: 'users.write', ok: 428, body: {} },
  { m: 'GET', p: '/api/v1/audit', a: 'audit.read', ok: 200 },
  // incidents and rituals
  { m: 'GET', p: '/api/v1/team', a: 'team.read', ok: 200 },
  { m: 'GET', p: '/api/v1/incidents', a: 'incidents.read', ok: 200 },
  { m: 'POST', p: '/api/v1/incidents', a: 'incidents.write', ok: 422, body: {} },
  { m: 'GET', p: '/api/v1/incidents/999999', a: 'incidents.read', ok: 404 },
  { m: 'PATCH', p: '/api/v1/incidents/1', a: 'incidents.write', ok: 428, body: {} },
  { m: 'POST', p: '/api/v1/incidents/999999/accept', a: 'incidents.write', ok: 404 },
  { m: 'GET', p: '/api/v1/incident-sla', a: 'incidents.read', ok: 200 },
  { m: 'PATCH', p: '/api/v1/incident-sla', a: 'incidents.sla', ok: 428, body: {} },
  { m: 'GET', p: '/api/v1/rituals', a: 'rituals.read', ok: 200 },
  { m: 'POST', p: '/api/v1/rituals', a: 'rituals.write', ok: 422, body: {} },
  { m: 'GET', p: '/api/v1/rituals/999999', a: 'rituals.read', ok: 404 },
  { m: 'PATCH', p: '/api/v1/rituals/1', a: 'rituals.write', ok: 428, body: {} },
  { m: 'GET', p: '/api/v1/rituals/999999/agenda', a: 'agenda.read', ok: 404 },
  { m: 'POST', p: '/api/v1/rituals/999999/agenda/points', a: 'agenda.write', ok: 404, body: {} },
  { m: 'POST', p: '/api/v1/rituals/999999/minutes', a: 'agenda.write', ok: 404, body: {} },
  { m: 'POST', p: '/api/v1/me/calendar', a: 'calendar.write', ok: 201 },
  { m: 'DELETE', p: '/api/v1/me/calendar', a: 'calendar.write', ok: 204 },
  // mail to candidates, interviews, no ghosting
  { m: 'GET', p: '/api/v1/candidacies/1/interviews', a: 'candidacies.read', ok: 200, own: { consultant: 404 } },
  { m: 'POST', p: '/api/v1/candidacies/1/interviews', a: 'candidacies.write', ok: 422, body: {} },
  { m: 'GET', p: '/api/v1/interviews/999999', a: 'candidacies.read', ok: 404, own: { consultant: 404 } },
  { m: 'PATCH', p: '/api/v1/interviews/1', a: 'candidacies.write', ok: 428, body: {} },
  { m: 'POST', p: '/api/v1/interviews/1/cancel', a: 'candidacies.write', ok: 428 },
  { m: 'GET', p: '/api/v1/interviewers', a: 'candidacies.write', ok: 200 },
  { m: 'GET', p: '/api/v1/outbox', a: 'outbox.read', ok: 200 },
  { m: 'GET', p: '/api/v1/mail-templates', a: 'mail_templates.read', ok: 200 },
  { m: 'GET', p: '/api/v1/mail-templates/stage_offer', a: 'mail_templates.read', ok: 200 },
  { m: 'PUT', p: '/api/v1/mail-templates/stage_offer', a: 'mail_templates.write', ok: 428, body: {} },
  { m: 'GET', p: '/api/v1/settings', a: 'settings.read', ok: 200 },
  { m: 'PATCH', p: '/api/v1/settings', a: 'settings.write', ok: 428, body: {} },
  { m: 'GET', p: '/api/v1/alerts', a: 'candidacies.read', ok: 200 },
  // last: signing out ends the role's session
  { m: 'DELETE', p: '/api/v1/session', a: 'me.read', ok: 204 },
];

let srv;
before(async () => {
  srv = await startServer();
  for (const role of ROLES) await srv.as(role);
});
after(async () => {
  await srv.stop();
});

test('public routes answer without a caller', async () => {
  assert.equal((await srv.get('/healthz')).status, 200);
  assert.equal((await srv.get('/metrics')).status, 200);
  const about = await srv.get('/api/v1/about');
  assert.equal(about.status, 200);
  assert.equal(typeof about.json.version, 'string');
});

for (const r of ROUTES) {
  test(`without a caller, ${r.m} ${r.p} is a 401`, async () => {
    const write = r.m !== 'GET';
    const before = write && srv.snapshot();
    const res = await srv.req(r.m, r.p, { body: r.body });
    assertProblem(res, 401);
    assert.equal(res.json.type, '/problems/not-signed-in');
    if (write) assert.deepEqual(srv.snapshot(), before);
  });
}

for (const r of ROUTES) {
  for (const role of ROLES) {
    // a consultant reads their own profile and missions (domain/visibility.h):
    // the route opens, and a row that is not theirs is a 404
    const own = r.own && r.own[role];
    const allowed = MAY[r.a].includes(role) || own !== undefined;
    test(`${role} ${allowed ? 'may' : 'may not'} ${r.m} ${r.p}`, async () => {
      const s = await srv.as(role);
      const write = r.m !== 'GET';
      const before = write && !allowed && srv.snapshot();
      const res = await srv.req(r.m, r.p, { as: s, body: r.body });
      if (allowed) {
        assert.notEqual(res.status, 403, `${role} ${r.m} ${r.p}: ${res.text}`);
        assert.equal(res.status, own ?? r.ok, `${role} ${r.m} ${r.p}: ${res.text}`);
      } else {
        assertProblem(res, 403, `${role} ${r.m} ${r.p}`);
        assert.equal(res.json.type, '/problems/forbidden');
        if (write) assert.deepEqual(srv.snapshot(), before, 'a forbidden request writes nothing');
      }
    });
  }
}

test('a consultant cannot list candidates nor read one: they see their own profile only', async () => {
  const s = await srv.signIn('consultant@demo.alliance.example');
  assert.deepEqual((await srv.get('/api/v1/people?kind=candidate', { as: s })).json.items, []);
  assert.deepEqual((await srv.get('/api/v1/people', { as: s })).json.items.map((p) => p.id), [s.user.person_id]);
  const other = s.user.person_id === 1 ? 3 : 1;
  assertProblem(await srv.get(`/api/v1/people/${other}`, { as: s }), 404);
  assertProblem(await srv.get('/api/v1/needs/1/matches', { as: s }), 403);
  const c = (await srv.get('/api/v1/candidacies', { as: s })).json.items;
  assert.ok(c.every((x) => x.person_id === s.user.person_id && x.stage === 'hired'));
});

test('only an admin manages users: a manager cannot create or change an account', async () => {
  const m = await srv.signIn('manager@demo.alliance.example');
  const before = srv.snapshot();
  const r = await srv.post('/api/v1/users', { email: 'new@x.example', name: 'New', role: 'admin', password: 'long-enough-pw' }, { as: m });
  assertProblem(r, 403);
  const p = await srv.patch('/api/v1/users/2', { role: 'admin' }, { as: m, ifMatch: '"1"' });
  assertProblem(p, 403);
  assert.deepEqual(srv.snapshot(), before);
  assert.equal(srv.sqlValue("SELECT role FROM users WHERE email = 'manager@demo.alliance.example'"), 'manager');
});

test('a tech lead may edit people but may not delete them', async () => {
  const t = await srv.signIn('tech@demo.alliance.example');
  const r = await srv.del('/api/v1/people/1', { as: t });
  assertProblem(r, 403);
  assert.equal(srv.sqlValue('SELECT count(*) FROM people WHERE id = 1'), 1);
});

test('the server still answers /healthz', async () => {
  await assertHealthy(srv);
});
