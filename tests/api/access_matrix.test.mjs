// Row-level access: every route of the route table (src/api/routes.c, the
// same list docs/openapi.yaml describes) × every role (and no caller) × the
// ownership of the row it names, against an expected answer written here from
// the rules (src/domain/permissions.c for routes, src/domain/visibility.h for
// rows and money; docs/ARCHITECTURE.md "Row-level access"):
//   - a role that may not use a route: 403, before any row is read;
//   - a row whose existence is confidential to the caller (another person's
//     profile for a consultant, another client's incident for a client
//     contact, a private channel for a non-member): 404, like a missing one;
//   - no money field (daily_rate, daily_rate_max, salary_*) in any JSON a
//     recruiter, tech lead, consultant or client contact receives.
// A route added to the table without an entry here fails the first test.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, mkdtempSync, rmSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startServer, assertHealthy, DEMO_PASSWORD } from './harness.mjs';

const root = fileURLToPath(new URL('../../', import.meta.url));
const ROLES = ['admin', 'manager', 'sales', 'recruiter', 'tech', 'consultant', 'client'];
const FIRM = ROLES.slice(0, 6);
const STAFF = FIRM.slice(0, 5);
const MONEY_ROLES = ['admin', 'manager', 'sales'];
const A = ['admin'];
const AM = ['admin', 'manager'];
const AMS = ['admin', 'manager', 'sales'];
const AMR = ['admin', 'manager', 'recruiter'];

// Who may use a route at all (the contract, written again on purpose).
const MAY = {
  'me.read': ROLES, 'me.write': ROLES, 'skills.read': FIRM,
  'clients.read': FIRM, 'clients.write': AMS, 'deals.read': STAFF, 'deals.write': AMS,
  'reviews.write': ['manager', 'tech'], 'capabilities.read': STAFF, 'surveys.read': STAFF, 'surveys.write': AMS,
  'needs.read': FIRM, 'needs.write': AMS, 'matches.read': STAFF,
  'people.read': STAFF, 'people.write': ['admin', 'manager', 'recruiter', 'tech'], 'people.delete': AM,
  'people.export': AMR, 'people.erase': AM, 'people.merge': AMR, 'people.import': AMR,
  'privacy.read': AM, 'privacy.write': AM, 'legal_bases.read': STAFF, 'legal_bases.write': AMR,
  'candidacies.read': STAFF, 'candidacies.write': ['admin', 'manager', 'sales', 'recruiter'],
  'users.read': A, 'users.write': A, 'audit.read': A,
  'channels.read': FIRM, 'channels.write': FIRM, 'notifications.read': ROLES, 'notifications.write': ROLES,
  'kpis.read': FIRM, 'objectives.read': FIRM, 'objectives.write': AM,
  'incidents.read': ROLES, 'incidents.write': FIRM, 'incidents.sla': AM,
  'rituals.read': FIRM, 'rituals.write': STAFF, 'agenda.read': STAFF, 'agenda.write': STAFF,
  'calendar.write': FIRM, 'team.read': FIRM,
  'outbox.read': A, 'mail_templates.read': AMR, 'mail_templates.write': AM,
  'settings.read': STAFF, 'settings.write': AM,
};

// The rows a role sees only in part, and which of them are theirs: a
// consultant reads their own profile and missions; a client contact their
// client's incidents. Own rows open reads only ("*.read" routes).
const OWN = {
  consultant: { person: ['own'], document: ['own'], candidacy: ['own'], interview: ['own'] },
  client: { incident: ['own'] },
};
const ROW_NAMES = {
  ROW_PERSON: 'person', ROW_DOCUMENT: 'document', ROW_CANDIDACY: 'candidacy', ROW_INTERVIEW: 'interview',
  ROW_INCIDENT: 'incident', ROW_CHANNEL: 'channel', ROW_POST: 'post',
};

let srv, F;
const FX = mkdtempSync(join(tmpdir(), 'alliance-access-'));

// Every route: how to call it harmlessly (writes carry an empty body → 422,
// PATCH no If-Match → 428, destructive ones an unknown id → 404), what an
// allowed caller gets, and the ownerships of the row it names.
const U = 999999;
const PERSON = ['own', 'other'];
const CAND = ['own', 'own-not-hired', 'other'];
const TWO = ['own', 'other'];
const CHANNEL = ['public', 'private'];
const E = {
  'GET /healthz': { ok: 200 },
  'GET /metrics': { ok: 200 },
  'GET /api/v1/about': { ok: 200 },
  'POST /api/v1/session': { ok: 422, body: {} },
  'DELETE /api/v1/session': { ok: 204, fresh: true },
  'GET /api/v1/me': { ok: 200 },
  'DELETE /api/v1/sessions': { ok: 200, fresh: true },
  'POST /api/v1/password-reset': { ok: 422, body: {} },
  'POST /api/v1/password-reset/request': { ok: 422, body: {} },
  'GET /api/v1/skills': { p: '/api/v1/skills?q=java', ok: 200 },
  'GET /api/v1/clients': { ok: 200 },
  'POST /api/v1/clients': { ok: 422, body: {} },
  'GET /api/v1/clients/{id}': { p: () => `/api/v1/clients/${F.client}`, ok: 200 },
  'PATCH /api/v1/clients/{id}': { p: () => `/api/v1/clients/${F.client}`, ok: 428, body: {} },
  'GET /api/v1/clients/{id}/contacts': { p: () => `/api/v1/clients/${F.client}/contacts`, ok: 200 },
  'POST /api/v1/clients/{id}/contacts': { p: () => `/api/v1/clients/${F.client}/contacts`, ok: 422, body: {} },
  'PATCH /api/v1/contacts/{id}': { p: '/api/v1/contacts/1', ok: 428, body: {} },
  'GET /api/v1/deals': { ok: 200 },
  'POST /api/v1/deals': { ok: 422, body: {} },
  'GET /api/v1/deals/{id}': { p: '/api/v1/deals/1', ok: 200 },
  'PATCH /api/v1/deals/{id}': { p: '/api/v1/deals/1', ok: 428, body: {} },
  'POST /api/v1/deals/{id}/review-request': { p: `/api/v1/deals/${U}/review-request`, ok: 404 },
  'GET /api/v1/deals/{id}/reviews': { p: '/api/v1/deals/1/reviews', ok: 200 },
  'POST /api/v1/deals/{id}/reviews': { p: '/api/v1/deals/2/reviews', ok: 422, body: {} },
  'GET /api/v1/reviews/requested': { ok: 200 },
  'GET /api/v1/capabilities': { ok: 200 },
  'GET /api/v1/people': { ok: 200 },
  'POST /api/v1/people': { ok: 422, body: {} },
  'GET /api/v1/people/{id}': { rows: PERSON, ok: 200 },
  'PATCH /api/v1/people/{id}': { rows: PERSON, ok: 428, body: {} },
  'DELETE /api/v1/people/{id}': { p: `/api/v1/people/${U}`, ok: 404 },
  'GET /api/v1/people/{id}/export': { rows: PERSON, ok: 200 },
  'POST /api/v1/people/{id}/erase': { p: `/api/v1/people/${U}/erase`, ok: 422, body: {} },
  'GET /api/v1/privacy/requests': { ok: 200 },
  'POST /api/v1/privacy/requests': { ok: 422, body: {} },
  'PATCH /api/v1/privacy/requests/{id}': { p: '/api/v1/privacy/requests/1', ok: 428, body: {} },
  // privacy: legal bases and retention, the register, the renewal page of the warning mail
  'GET /api/v1/people/{id}/privacy': { rows: PERSON, ok: 200 },
  'POST /api/v1/people/{id}/legal-bases': { rows: PERSON, ok: 422, body: {} },
  'POST /api/v1/legal-bases/{id}/renew': { p: `/api/v1/legal-bases/${U}/renew`, ok: 404 },
  'POST /api/v1/legal-bases/{id}/withdraw': { p: `/api/v1/legal-bases/${U}/withdraw`, ok: 404 },
  'GET /api/v1/privacy/register': { ok: 200 },
  'GET /privacy/{token}': { p: '/privacy/unknown', ok: 404 },
  'POST /privacy/{token}/renew': { p: '/privacy/unknown/renew', ok: 404, raw: '', contentType: 'application/x-www-form-urlencoded' },
  'POST /privacy/{token}/withdraw': { p: '/privacy/unknown/withdraw', ok: 404, raw: '', contentType: 'application/x-www-form-urlencoded' },
  'GET /api/v1/people/duplicates': { ok: 200 },
  'DELETE /api/v1/duplicates/{id}': { p: `/api/v1/duplicates/${U}`, ok: 404 },
  'POST /api/v1/people/{id}/merge': { rows: PERSON, ok: 428, body: {} },
  'GET /api/v1/people/{id}/resume.json': { rows: PERSON, ok: 200 },
  'POST /api/v1/import/jsonresume': { ok: 422, body: {} },
  'POST /api/v1/import/people.csv': { ok: 422, raw: 'x', contentType: 'text/plain' },
  'GET /api/v1/export/people.csv': { ok: 200 },
  'GET /api/v1/needs': { ok: 200 },
  'POST /api/v1/needs': { ok: 422, body: {} },
  'GET /api/v1/needs/{id}': { p: () => `/api/v1/needs/${F.need}`, ok: 200 },
  'PATCH /api/v1/needs/{id}': { p: () => `/api/v1/needs/${F.need}`, ok: 428, body: {} },
  'GET /api/v1/needs/{id}/matches': { p: () => `/api/v1/needs/${F.need}/matches`, ok: 200 },
  'GET /api/v1/needs/{id}/gap': { p: () => `/api/v1/needs/${F.need}/gap`, ok: 200 },
  'GET /api/v1/candidacies': { ok: 200 },
  'POST /api/v1/candidacies': { ok: 422, body: {} },
  'GET /api/v1/candidacies/{id}': { rows: CAND, ok: 200 },
  'PATCH /api/v1/candidacies/{id}': { rows: CAND, ok: 428, body: {} },
  'GET /api/v1/users': { ok: 200 },
  'POST /api/v1/users': { ok: 422, body: {} },
  'GET /api/v1/users/{id}': { p: '/api/v1/users/1', ok: 200 },
  'PATCH /api/v1/users/{id}': { p: '/api/v1/users/1', ok: 428, body: {} },
  'GET /api/v1/audit': { ok: 200 },
  'GET /api/v1/channels': { ok: 200 },
  'POST /api/v1/channels': { ok: 422, body: {} },
  'GET /api/v1/channels/{id}': { rows: CHANNEL, ok: 200 },
  'PATCH /api/v1/channels/{id}': { rows: CHANNEL, ok: 428, body: {} },
  'GET /api/v1/channels/{id}/members': { rows: CHANNEL, ok: 200 },
  // a public channel is known to all, but only its members add others: 403 (its existence is no secret)
  'POST /api/v1/channels/{id}/members': { rows: CHANNEL, ok: (own, role) => (role === 'tech' ? 422 : 403), body: {} },
  'POST /api/v1/channels/{id}/join': { p: `/api/v1/channels/${U}/join`, ok: 404 },
  'POST /api/v1/channels/{id}/leave': { p: `/api/v1/channels/${U}/leave`, ok: 404 },
  'POST /api/v1/channels/{id}/read': { rows: CHANNEL, ok: 200, body: {} },
  'GET /api/v1/channels/{id}/posts': { rows: CHANNEL, ok: 200 },
  'POST /api/v1/channels/{id}/posts': { rows: CHANNEL, ok: 422, body: {} },
  'GET /api/v1/posts': { p: '/api/v1/posts?q=matrice', ok: 200 },
  'GET /api/v1/posts/{id}': { rows: CHANNEL, ok: 200 },
  'PATCH /api/v1/posts/{id}': { rows: CHANNEL, ok: 428, body: {} },
  'DELETE /api/v1/posts/{id}': { p: `/api/v1/posts/${U}`, ok: 404 },
  'GET /api/v1/posts/{id}/revisions': { rows: CHANNEL, ok: 200 },
  'POST /api/v1/posts/{id}/reactions': { rows: CHANNEL, ok: 422, body: {} },
  'DELETE /api/v1/posts/{id}/reactions': { p: `/api/v1/posts/${U}/reactions?emoji=x`, ok: 404 },
  'GET /api/v1/notifications': { ok: 200 },
  'POST /api/v1/notifications/read': { ok: 204 },
  'POST /api/v1/notifications/{id}/read': { p: `/api/v1/notifications/${U}/read`, ok: 404 },
  'GET /api/v1/events': { ok: 200, stream: true },
  'GET /api/v1/feed': { ok: 200 },
  'POST /api/v1/attachments': { ok: 422, raw: 'x', contentType: 'text/plain' },
  'GET /api/v1/attachments/{id}': { p: `/api/v1/attachments/${U}`, ok: 404 },
  'GET /api/v1/people/{id}/matches': { rows: PERSON, ok: 200 },
  'GET /api/v1/gap': { ok: 200 },
  'GET /api/v1/kpis': { ok: 200 },
  'GET /api/v1/kpis/{token}/series': { p: '/api/v1/kpis/fill_rate/series', ok: 200 },
  'GET /api/v1/objectives': { ok: 200 },
  'POST /api/v1/objectives': { ok: 422, body: {} },
  'GET /api/v1/objectives/{id}': { p: `/api/v1/objectives/${U}`, ok: 404 },
  'PATCH /api/v1/objectives/{id}': { p: `/api/v1/objectives/${U}`, ok: 428, body: {} },
  'DELETE /api/v1/objectives/{id}': { p: `/api/v1/objectives/${U}`, ok: 404 },
  'GET /api/v1/surveys': { ok: 200 },
  'POST /api/v1/surveys': { ok: 422, body: {} },
  'GET /s/{token}': { p: '/s/unknown-token', ok: 404 },
  'POST /s/{token}': { p: '/s/unknown-token', ok: 404, raw: 'score=9', contentType: 'application/x-www-form-urlencoded' },
  'GET /api/v1/team': { ok: 200 },
  'GET /api/v1/incidents': { ok: 200 },
  'POST /api/v1/incidents': { ok: 422, body: {} },
  'GET /api/v1/incidents/{id}': { rows: TWO, ok: 200 },
  'PATCH /api/v1/incidents/{id}': { rows: TWO, ok: 428, body: {} },
  'POST /api/v1/incidents/{id}/accept': { p: `/api/v1/incidents/${U}/accept`, ok: 404 },
  'GET /api/v1/incident-sla': { ok: 200 },
  'PATCH /api/v1/incident-sla': { ok: 428, body: {} },
  'GET /api/v1/rituals': { ok: 200 },
  'POST /api/v1/rituals': { ok: 422, body: {} },
  'GET /api/v1/rituals/{id}': { p: '/api/v1/rituals/1', ok: 200 },
  'PATCH /api/v1/rituals/{id}': { p: '/api/v1/rituals/1', ok: 428, body: {} },
  'GET /api/v1/rituals/{id}/agenda': { p: '/api/v1/rituals/1/agenda', ok: 200 },
  'POST /api/v1/rituals/{id}/agenda/points': { p: `/api/v1/rituals/${U}/agenda/points`, ok: 404, body: {} },
  'POST /api/v1/rituals/{id}/minutes': { p: `/api/v1/rituals/${U}/minutes`, ok: 404, body: {} },
  'POST /api/v1/me/calendar': { ok: 201 },
  'DELETE /api/v1/me/calendar': { ok: 204 },
  'GET /calendar/{token}.ics': { p: '/calendar/unknown.ics', ok: 404 },
  'GET /careers': { ok: 200 },
  'GET /careers/{token}': { p: `/careers/offre-${U}`, ok: 404 },
  'POST /careers/{token}/apply': { p: `/careers/offre-${U}/apply`, ok: 404, raw: 'x', contentType: 'text/plain' },
  'GET /applications/{token}': { p: '/applications/unknown', ok: 404 },
  'POST /applications/{token}/withdraw': { p: '/applications/unknown/withdraw', ok: 404, raw: '', contentType: 'application/x-www-form-urlencoded' },
  'POST /applications/{token}/cv': { p: '/applications/unknown/cv', ok: 404, raw: 'x', contentType: 'text/plain' },
  'GET /applications/{token}/export': { p: '/applications/unknown/export', ok: 404 },
  'POST /api/v1/people/{id}/cv': { rows: PERSON, ok: 415, raw: 'x', contentType: 'text/plain' },
  'GET /api/v1/people/{id}/documents': { rows: PERSON, ok: 200 },
  'GET /api/v1/documents/{id}': { rows: TWO, ok: 200, raw200: true },
  'GET /api/v1/people/{id}/skill-proposals': { rows: PERSON, ok: 200 },
  'POST /api/v1/people/{id}/skill-proposals': { rows: PERSON, ok: 428, body: {} },
  'GET /api/v1/candidacies/{id}/interviews': { rows: CAND, ok: 200 },
  // a mission (hired) is closed to new interviews (409); an active candidacy wants its fields (422)
  'POST /api/v1/candidacies/{id}/interviews': { rows: CAND, ok: (own) => (own === 'own' ? 409 : 422), body: {} },
  'GET /api/v1/interviews/{id}': { rows: TWO, ok: 200 },
  'PATCH /api/v1/interviews/{id}': { rows: TWO, ok: 428, body: {} },
  'POST /api/v1/interviews/{id}/cancel': { rows: TWO, ok: 428 },
  'GET /api/v1/interviewers': { ok: 200 },
  'GET /api/v1/outbox': { ok: 200 },
  'GET /api/v1/mail-templates': { ok: 200 },
  'GET /api/v1/mail-templates/{token}': { p: '/api/v1/mail-templates/stage_offer', ok: 200 },
  'PUT /api/v1/mail-templates/{token}': { p: '/api/v1/mail-templates/stage_offer', ok: 428, body: {} },
  'GET /api/v1/settings': { ok: 200 },
  'PATCH /api/v1/settings': { ok: 428, body: {} },
  'GET /api/v1/alerts': { ok: 200 },
};

/** The route table as the server declares it (src/api/routes.c). */
function serverRoutes() {
  const src = readFileSync(`${root}src/api/routes.c`, 'utf8');
  const re = /\{"(GET|POST|PATCH|PUT|DELETE)", "([^"]+)", (NULL|"[^"]+"), \w+, ([^,}]+)(?:, (ROW_\w+))?\}/g;
  return [...src.matchAll(re)].map((m) => ({
    key: `${m[1]} ${m[2]}`, m: m[1], pattern: m[2], action: m[3] === 'NULL' ? null : m[3].slice(1, -1),
    public: /ROUTE_PUBLIC/.test(m[4]), scoped: /ROUTE_SCOPED/.test(m[4]), row: m[5] ? ROW_NAMES[m[5]] : null,
  }));
}
const ROUTES = serverRoutes();

/** The concrete path of a route for one ownership of its row. */
function pathOf(r, e, own) {
  if (e.p) return typeof e.p === 'function' ? e.p() : e.p;
  if (!own) return r.pattern;
  const id = F.rows[r.row][own];
  assert.ok(id, `no fixture for ${r.row} ${own}`);
  return r.pattern.replace('{id}', String(id));
}

/** What a caller (role, or null for none) gets from route r for the row `own`. */
function expected(r, e, role, own) {
  if (r.public) return e.ok; /* public routes: no role changes them */
  if (role === null) return 401;
  const may = MAY[r.action].includes(role);
  const ownRows = OWN[role] && r.row ? OWN[role][r.row] : null;
  const opens = !may && r.m === 'GET' && r.action.endsWith('.read') && ownRows && (r.pattern.includes('{id}') || r.scoped);
  if (!may && !opens) return 403;
  if (ownRows && r.pattern.includes('{id}') && own && !ownRows.includes(own)) return 404;
  // a private channel (and its posts): only its members (the tech lead who made it) know it exists
  if (own === 'private' && role !== 'tech') return 404;
  return typeof e.ok === 'function' ? e.ok(own, role) : e.ok;
}

/** Every money key found at any depth of a JSON value. */
function moneyKeys(v, out = new Set()) {
  if (Array.isArray(v)) v.forEach((x) => moneyKeys(x, out));
  else if (v && typeof v === 'object')
    for (const [k, x] of Object.entries(v)) {
      if (/^(daily_rate|salary|rate_)/.test(k)) out.add(k);
      moneyKeys(x, out);
    }
  return out;
}

const sessions = {};
async function call(r, e, role, own) {
  const path = pathOf(r, e, own);
  let who = role ? sessions[role] : undefined;
  if (role && e.fresh) who = await srv.signIn(`${role}@demo.alliance.example`, DEMO_PASSWORD);
  if (e.stream) {
    // the live stream: read the status and the headers, then let go
    const ctl = new AbortController();
    const res = await fetch(srv.base + path, { headers: who ? { Cookie: who.cookie } : {}, signal: ctl.signal });
    const status = res.status;
    const text = status === 200 ? '' : await res.text();
    ctl.abort();
    return { status, text, json: text ? JSON.parse(text) : undefined, headers: res.headers };
  }
  const res = await srv.req(r.m, path, { as: who, body: e.body, raw: e.raw, contentType: e.contentType });
  // signing out everywhere ended the role's other session too
  if (role && e.fresh) sessions[role] = await srv.signIn(`${role}@demo.alliance.example`, DEMO_PASSWORD);
  return res;
}

function sqlId(q) { return Number(srv.sqlValue(q)); }

before(async () => {
  srv = await startServer();
  for (const role of ROLES) sessions[role] = await srv.signIn(`${role}@demo.alliance.example`);
  const [admin, manager, tech, cons, client] = ['admin', 'manager', 'tech', 'consultant', 'client'].map((x) => sessions[x]);
  const own = cons.user.person_id;
  assert.ok(own > 0, 'the demo consultant stands for a person');
  assert.ok(client.user.client_id > 0, 'the demo client contact belongs to a client');
  const other = sqlId(`SELECT min(id) FROM people WHERE id <> ${own} AND kind = 'candidate'`);
  const otherClient = sqlId(`SELECT min(id) FROM clients WHERE id <> ${client.user.client_id}`);
  const need = sqlId(`SELECT min(id) FROM needs WHERE status = 'open' AND daily_rate_max IS NOT NULL`);
  // candidacies: the consultant's mission, one of theirs still in the pipeline, someone else's
  const mission = sqlId(`SELECT min(id) FROM candidacies WHERE person_id = ${own} AND stage = 'hired'`);
  assert.ok(mission > 0, 'the demo consultant has a mission');
  const ownPipeline = (await srv.post('/api/v1/candidacies', { person_id: own, need_id: need }, { as: manager })).json.id;
  const otherCand = sqlId(`SELECT min(id) FROM candidacies WHERE person_id <> ${own} AND stage IN ('sourced', 'contacted', 'interview')`);
  // interviews on the mission and on someone else's candidacy
  const now = new Date().toISOString().replace(/\.\d+Z$/, 'Z');
  for (const [c, uid] of [[mission, 'own'], [otherCand, 'other']])
    srv.sqlExec(`INSERT INTO interviews (candidacy_id, uid, status, starts_at, ends_at, duration_minutes, created_at, updated_at)
                 VALUES (${c}, 'matrix-${uid}', 'scheduled', '2027-01-04T09:00:00Z', '2027-01-04T10:00:00Z', 60, '${now}', '${now}')`);
  const interview = (u) => sqlId(`SELECT id FROM interviews WHERE uid = 'matrix-${u}'`);
  // CVs of the consultant and of someone else
  const g = spawnSync('python3', [`${root}tests/fixtures/make_cvs.py`, FX], { encoding: 'utf8' });
  assert.equal(g.status, 0, g.stderr);
  const doc = async (personId) => {
    const fd = new FormData();
    fd.append('cv', new Blob([readFileSync(join(FX, 'cv_fr.pdf'))], { type: 'application/pdf' }), 'cv.pdf');
    const res = await fetch(`${srv.base}/api/v1/people/${personId}/cv`, { method: 'POST', body: fd, headers: { Cookie: admin.cookie, 'X-CSRF-Token': admin.csrf } });
    const text = await res.text();
    assert.equal(res.status, 201, text);
    return JSON.parse(text).document.id;
  };
  // incidents of the client contact's client and of another one
  const incident = async (clientId) => (await srv.post('/api/v1/incidents', { title: 'Matrice : retard de livraison', client_id: clientId }, { as: manager })).json.id;
  // a public channel and a private one of the tech lead's, each with a post
  const channel = async (visibility) => (await srv.post('/api/v1/channels', { name: `Matrice ${visibility}`, visibility }, { as: tech })).json.id;
  const pub = await channel('public');
  const priv = await channel('private');
  const post = async (c) => (await srv.post(`/api/v1/channels/${c}/posts`, { body: 'matrice' }, { as: tech })).json.id;
  F = {
    client: client.user.client_id, need,
    rows: {
      person: { own, other },
      document: { own: await doc(own), other: await doc(other) },
      candidacy: { own: mission, 'own-not-hired': ownPipeline, other: otherCand },
      interview: { own: interview('own'), other: interview('other') },
      incident: { own: await incident(client.user.client_id), other: await incident(otherClient) },
      channel: { public: pub, private: priv },
      post: { public: await post(pub), private: await post(priv) },
    },
  };
});
after(async () => {
  rmSync(FX, { recursive: true, force: true });
  await srv.stop();
});

test('every route of the route table has an entry in the matrix, and every entry a route', () => {
  const keys = ROUTES.map((r) => r.key).sort();
  assert.ok(keys.length > 100, `routes read from src/api/routes.c: ${keys.length}`);
  assert.deepEqual(Object.keys(E).sort(), keys);
});

let cells = 0;
const received = {}; // role -> JSON answers received, for the field checks
test('every route × every role × every ownership of its row answers as the rules say', async () => {
  const wrong = [];
  for (const r of ROUTES) {
    const e = E[r.key];
    const owns = e.rows && !e.p ? e.rows : [null];
    for (const own of owns)
      for (const role of [...ROLES, null]) {
        const want = expected(r, e, role, own);
        const res = await call(r, e, role, own);
        cells++;
        if (res.status !== want) wrong.push(`${role || 'anonymous'} ${r.m} ${pathOf(r, e, own)} (${own || '-'}): ${res.status}, expected ${want} ${res.text.slice(0, 160)}`);
        if (role && res.json !== undefined) (received[role] ||= []).push({ route: r.key, own, json: res.json });
        if (role && r.m === 'GET' && res.status === 200 && res.headers.get('content-type')?.startsWith('text/csv'))
          (received[role] ||= []).push({ route: r.key, own, csv: res.text.split('\r\n')[0] });
      }
  }
  console.log(`access matrix: ${ROUTES.length} routes, ${cells} route × role × ownership cells`);
  assert.deepEqual(wrong, []);
});

test('no JSON a recruiter, tech lead, consultant or client contact receives holds a rate or a salary', () => {
  for (const role of ROLES) {
    const answers = received[role] || [];
    assert.ok(answers.length > 0, role);
    for (const a of answers) {
      const keys = a.json !== undefined ? [...moneyKeys(a.json)] : [];
      if (MONEY_ROLES.includes(role)) continue;
      assert.deepEqual(keys, [], `${role} ${a.route} (${a.own || '-'})`);
      if (a.csv) assert.ok(!a.csv.includes('daily_rate'), `${role} ${a.route}: ${a.csv}`);
    }
  }
  // the counter-check: sales, managers and admins do get them
  for (const role of MONEY_ROLES) {
    const seen = new Set(received[role].flatMap((a) => (a.json !== undefined ? [...moneyKeys(a.json)] : [])));
    for (const k of ['daily_rate', 'daily_rate_max']) assert.ok(seen.has(k), `${role} sees ${k}: ${[...seen]}`);
  }
});

test('the same reads answer the same for a consultant\'s own row as for staff, and 404 is the same as for a missing row', async () => {
  const cons = sessions.consultant;
  const mine = await srv.get(`/api/v1/people/${F.rows.person.own}`, { as: cons });
  assert.equal(mine.status, 200);
  assert.equal(mine.json.id, F.rows.person.own);
  assert.equal(mine.json.daily_rate, undefined, 'not even their own rate: it is what the client pays');
  const other = await srv.get(`/api/v1/people/${F.rows.person.other}`, { as: cons });
  const missing = await srv.get(`/api/v1/people/${U}`, { as: cons });
  assert.equal(other.status, 404);
  assert.deepEqual(other.json, missing.json, 'nothing tells another person from no person');
  assert.equal((await srv.req('HEAD', `/api/v1/people/${F.rows.person.own}`, { as: cons })).status, 200, 'HEAD as GET');
  assert.equal((await srv.req('HEAD', `/api/v1/people/${F.rows.person.other}`, { as: cons })).status, 404);
  const list = await srv.get('/api/v1/people?limit=200', { as: cons });
  assert.deepEqual(list.json.items.map((p) => p.id), [F.rows.person.own]);
  const c = await srv.get('/api/v1/candidacies?limit=200', { as: cons });
  assert.deepEqual(c.json.items.map((x) => x.id), [F.rows.candidacy.own], 'their missions, not their other candidacies');
  assert.deepEqual((await srv.get(`/api/v1/candidacies?person_id=${F.rows.person.other}`, { as: cons })).json.items, []);
  // a client contact lists their client's incidents, and no other client's even when asked
  const cl = sessions.client;
  const inc = await srv.get('/api/v1/incidents?limit=200', { as: cl });
  assert.ok(inc.json.items.length >= 1);
  assert.ok(inc.json.items.every((i) => i.client_id === F.client));
  const otherClient = sqlId(`SELECT client_id FROM incidents WHERE id = ${F.rows.incident.other}`);
  assert.deepEqual((await srv.get(`/api/v1/incidents?client_id=${otherClient}`, { as: cl })).json.items, []);
});

test('a client contact is no one in the firm: not in the team, not a possible participant or mention', async () => {
  const team = (await srv.get('/api/v1/team', { as: sessions.sales })).json.items;
  assert.ok(!team.some((u) => u.id === sessions.client.user.id));
  const r = await srv.post('/api/v1/incidents', { title: 'Avec le client', client_id: F.client, participant_ids: [sessions.client.user.id] }, { as: sessions.manager });
  assert.equal(r.status, 422, r.text);
  const before = Number(srv.sqlValue(`SELECT count(*) FROM notifications WHERE user_id = ${sessions.client.user.id}`));
  const pub = F.rows.channel.public;
  assert.equal((await srv.post(`/api/v1/channels/${pub}/posts`, { body: `@${sessions.client.user.handle} regarde` }, { as: sessions.tech })).status, 201);
  assert.equal(Number(srv.sqlValue(`SELECT count(*) FROM notifications WHERE user_id = ${sessions.client.user.id}`)), before);
});

test('the matrix size is reported', () => {
  assert.ok(cells > 1000, `cells: ${cells}`);
});

test('the server still answers /healthz', async () => {
  await assertHealthy(srv);
});
