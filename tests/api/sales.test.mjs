// Sales and delivery on the same objects (issue 5): clients with SIRET and
// duplicates, contacts, deals and the feasibility gate, reviews and review
// requests, need qualification, capabilities and the gap of a need.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, assertProblem, assertFieldError, assertHealthy, INVALID_UTF8 } from './harness.mjs';

let srv, sales, tech, manager, recruiter, consultant, admin;
before(async () => {
  srv = await startServer();
  sales = await srv.as('sales');
  tech = await srv.as('tech');
  manager = await srv.as('manager');
  recruiter = await srv.as('recruiter');
  consultant = await srv.as('consultant');
  admin = await srv.as('admin');
});
after(async () => {
  await srv.stop();
});

// A valid SIRET from 13 digits (Luhn check digit appended).
function siret(thirteen) {
  let sum = 0;
  for (let i = 0; i < 13; i++) {
    let d = Number(thirteen[i]);
    if (i % 2 === 0) d = d * 2 > 9 ? d * 2 - 9 : d * 2;
    sum += d;
  }
  return thirteen + String((10 - (sum % 10)) % 10);
}

let uniq = 0;
async function newClient(extra = {}) {
  uniq++;
  const r = await srv.post('/api/v1/clients', { name: `Client test ${uniq} ${Date.now()}`, ...extra }, { as: sales });
  assert.equal(r.status, 201, r.text);
  return r.json;
}

const READY = (clientId) => ({
  client_id: clientId,
  location: 'Paris',
  start_date: '2027-03-01',
  skills: [{ skill: 'java', min_level: 3 }],
});

async function newNeed(body) {
  const r = await srv.post('/api/v1/needs', { title: `Besoin ${++uniq}`, ...body }, { as: sales });
  assert.equal(r.status, 201, r.text);
  return r.json;
}

async function newDeal(body) {
  const r = await srv.post('/api/v1/deals', { title: `Affaire ${++uniq}`, amount: 1000000, ...body }, { as: sales });
  assert.equal(r.status, 201, r.text);
  return r.json;
}

async function review(dealId, body, as = tech) {
  return srv.post(`/api/v1/deals/${dealId}/reviews`, { effort_days: 20, risks: 'Délais serrés', ...body }, { as });
}

async function moveDeal(d, stage, extra = {}) {
  const cur = await srv.get(`/api/v1/deals/${d.id}`, { as: sales });
  return srv.patch(`/api/v1/deals/${d.id}`, { stage, ...extra }, { as: sales, ifMatch: cur.headers.get('etag') });
}

// ---- clients

test('a client is created with every field and read back, owner name included', async () => {
  const owner = srv.sqlValue("SELECT id FROM users WHERE email = 'sales@demo.alliance.example'");
  const body = { name: 'Aéroports du Sud', siret: siret('7320450120001'), sector: 'Transport aérien',
    address: '1 avenue des Pistes, 13700 Marignane', owner_id: owner, notes: 'Appel d\'offres annuel en mars.' };
  const r = await srv.post('/api/v1/clients', body, { as: sales });
  assert.equal(r.status, 201, r.text);
  assert.equal(r.headers.get('etag'), '"1"');
  for (const k of Object.keys(body)) assert.equal(r.json[k], body[k], k);
  assert.equal(r.json.owner_name, 'Sophie Martin');
  assert.equal(r.json.version, 1);
  const g = await srv.get(`/api/v1/clients/${r.json.id}`, { as: consultant });
  assert.deepEqual(g.json, r.json);
});

test('a SIRET written in groups is stored as 14 digits', async () => {
  const s = siret('5521005540001');
  const c = await newClient({ siret: `${s.slice(0, 3)} ${s.slice(3, 6)} ${s.slice(6, 9)} ${s.slice(9)}` });
  assert.equal(c.siret, s);
});

test('an invalid SIRET is a 422 on siret: bad length, letters, Luhn failure', async () => {
  const good = siret('4031234560001');
  const bad = String((Number(good[13]) + 1) % 10);
  for (const v of ['1234567890123', '123456789012345', '12345678901A34', 'abcdefghijklmn', good.slice(0, 13) + bad]) {
    const before = srv.snapshot();
    const r = await srv.post('/api/v1/clients', { name: `Siret ${v}`, siret: v }, { as: sales });
    const e = assertFieldError(r, 'siret', v);
    assert.ok(e.message.length > 3);
    assert.deepEqual(srv.snapshot(), before);
  }
  const en = await srv.post('/api/v1/clients', { name: 'Siret en', siret: good.slice(0, 13) + bad }, { as: sales, headers: { 'Accept-Language': 'en' } });
  assert.match(assertFieldError(en, 'siret').message, /check digit/);
});

test('a duplicate client by SIRET is a 409 duplicate-client with the existing id', async () => {
  const s = siret('8123456780001');
  const first = await newClient({ siret: s });
  const before = srv.snapshot();
  const r = await srv.post('/api/v1/clients', { name: 'Un tout autre nom', siret: s }, { as: sales });
  assertProblem(r, 409);
  assert.equal(r.json.type, '/problems/duplicate-client');
  assert.equal(r.json.existing_id, first.id);
  assert.deepEqual(srv.snapshot(), before);
});

test('a duplicate client by normalized name (case, accents, spaces, legal form) is a 409', async () => {
  const c = (await srv.post('/api/v1/clients', { name: 'Société Générale des Ondes' }, { as: sales })).json;
  for (const name of ['SOCIETE generale  des ondes', 'Société Générale des Ondes SA', 'societe generale des ondes S.A.S.', 'Société Générale des Ondes, SARL']) {
    const r = await srv.post('/api/v1/clients', { name }, { as: sales });
    assertProblem(r, 409, name);
    assert.equal(r.json.type, '/problems/duplicate-client');
    assert.equal(r.json.existing_id, c.id);
  }
  const demo = await srv.post('/api/v1/clients', { name: 'banque horizon' }, { as: sales });
  assert.equal(demo.json.existing_id, 1);
  assert.equal((await srv.post('/api/v1/clients', { name: 'Société Générale des Ondes Sud' }, { as: sales })).status, 201);
});

test('the client list filters by q and owner_id', async () => {
  const mgr = srv.sqlValue("SELECT id FROM users WHERE email = 'manager@demo.alliance.example'");
  const c = await newClient({ name: 'Zeppelin Logistique', owner_id: mgr });
  const q = await srv.get('/api/v1/clients?q=zeppelin', { as: sales });
  assert.deepEqual(q.json.items.map((x) => x.id), [c.id]);
  const o = await srv.get(`/api/v1/clients?owner_id=${mgr}&limit=200`, { as: sales });
  assert.ok(o.json.items.length >= 2);
  assert.ok(o.json.items.every((x) => x.owner_id === mgr));
  assertProblem(await srv.get('/api/v1/clients?owner_id=abc', { as: sales }), 400);
});

test('the owner must be a sales or manager account', async () => {
  const techId = srv.sqlValue("SELECT id FROM users WHERE email = 'tech@demo.alliance.example'");
  assertFieldError(await srv.post('/api/v1/clients', { name: 'Owner tech', owner_id: techId }, { as: sales }), 'owner_id');
  assertFieldError(await srv.post('/api/v1/clients', { name: 'Owner none', owner_id: 999999 }, { as: sales }), 'owner_id');
});

test('PATCH a client needs If-Match, bumps the version, and a stale one is a 412', async () => {
  const c = await newClient();
  assertProblem(await srv.patch(`/api/v1/clients/${c.id}`, { sector: 'Retail' }, { as: sales }), 428);
  const r = await srv.patch(`/api/v1/clients/${c.id}`, { sector: 'Retail' }, { as: sales, ifMatch: '"1"' });
  assert.equal(r.status, 200, r.text);
  assert.equal(r.json.version, 2);
  assert.equal(r.json.sector, 'Retail');
  const stale = await srv.patch(`/api/v1/clients/${c.id}`, { sector: 'Luxe' }, { as: sales, ifMatch: '"1"' });
  assertProblem(stale, 412);
  assert.equal(srv.sqlValue(`SELECT sector FROM clients WHERE id = ${c.id}`), 'Retail');
  assertProblem(await srv.patch(`/api/v1/clients/${c.id}`, { siret: '123' }, { as: sales, ifMatch: '"2"' }), 422);
  assertProblem(await srv.patch(`/api/v1/clients/${c.id}`, { name: 'Banque Horizon' }, { as: sales, ifMatch: '"2"' }), 409);
});

test('client writes: recruiters and tech leads may not; bad input is refused', async () => {
  for (const who of [recruiter, tech, consultant]) assertProblem(await srv.post('/api/v1/clients', { name: 'Interdit' }, { as: who }), 403);
  assertProblem(await srv.req('POST', '/api/v1/clients', { as: sales, raw: '{"name": ' }), 400);
  assertProblem(await srv.req('POST', '/api/v1/clients', { as: sales, raw: INVALID_UTF8 }), 400);
  assertFieldError(await srv.post('/api/v1/clients', { name: 42 }, { as: sales }), 'name');
  assertFieldError(await srv.post('/api/v1/clients', { name: 'x'.repeat(201) }, { as: sales }), 'name');
  assertFieldError(await srv.post('/api/v1/clients', { name: 'Ok', notes: 'n'.repeat(10001) }, { as: sales }), 'notes');
  assertFieldError(await srv.post('/api/v1/clients', { name: 'Ok', siret: 12345678901234 }, { as: sales }), 'siret');
  assertFieldError(await srv.post('/api/v1/clients', { name: 'Ok', owner_id: '3' }, { as: sales }), 'owner_id');
  assertFieldError(await srv.post('/api/v1/clients', { name: 'Ok', color: 'red' }, { as: sales }), 'color');
});

// ---- contacts

test('contacts: create, list, change with If-Match, consent as a boolean', async () => {
  const c = await newClient();
  const r = await srv.post(`/api/v1/clients/${c.id}/contacts`, { name: 'Jeanne Roy', role: 'DSI', email: 'jeanne@client.example', phone: '+33 6 00 00 00 01', consent: true }, { as: sales });
  assert.equal(r.status, 201, r.text);
  assert.equal(r.json.client_id, c.id);
  assert.equal(r.json.consent, true);
  const l = await srv.get(`/api/v1/clients/${c.id}/contacts`, { as: consultant });
  assert.deepEqual(l.json.items, [r.json]);
  const p = await srv.patch(`/api/v1/contacts/${r.json.id}`, { consent: false }, { as: sales, ifMatch: '"1"' });
  assert.equal(p.status, 200, p.text);
  assert.equal(p.json.consent, false);
  assert.equal(p.json.version, 2);
  assertProblem(await srv.patch(`/api/v1/contacts/${r.json.id}`, { role: 'CTO' }, { as: sales, ifMatch: '"1"' }), 412);
  assertFieldError(await srv.post(`/api/v1/clients/${c.id}/contacts`, { name: 'X', email: 'not-an-email' }, { as: sales }), 'email');
  assertFieldError(await srv.post(`/api/v1/clients/${c.id}/contacts`, { name: 'X', consent: 'yes' }, { as: sales }), 'consent');
  assertFieldError(await srv.post(`/api/v1/clients/${c.id}/contacts`, { role: 'X' }, { as: sales }), 'name');
  assertProblem(await srv.req('POST', `/api/v1/clients/${c.id}/contacts`, { as: sales, raw: '[1,' }), 400);
  assertProblem(await srv.post('/api/v1/clients/999999/contacts', { name: 'X' }, { as: sales }), 404);
  assertProblem(await srv.post(`/api/v1/clients/${c.id}/contacts`, { name: 'X' }, { as: recruiter }), 403);
});

// ---- deals and the feasibility gate

test('a deal is created with its needs and read back', async () => {
  const c = await newClient();
  const n = await newNeed({ client_id: c.id });
  const d = await newDeal({ client_id: c.id, need_ids: [n.id], expected_close: '2027-02-01' });
  assert.equal(d.stage, 'lead');
  assert.equal(d.client_name, c.name);
  assert.deepEqual(d.need_ids, [n.id]);
  assert.equal(d.latest_review, null);
  assert.equal(d.review_requested, false);
  assert.equal(d.amount, 1000000);
  const g = await srv.get(`/api/v1/deals/${d.id}`, { as: recruiter });
  assert.deepEqual(g.json, d);
  assertProblem(await srv.get(`/api/v1/deals/${d.id}`, { as: consultant }), 403);
});

test('amounts that are negative or not integers are 422s', async () => {
  const c = await newClient();
  for (const amount of [-1, 12.5, '100', null, true]) {
    const r = await srv.post('/api/v1/deals', { client_id: c.id, title: 'Montant', amount }, { as: sales });
    assertFieldError(r, 'amount', JSON.stringify(amount));
  }
  assertFieldError(await srv.post('/api/v1/deals', { client_id: c.id, title: 'Montant' }, { as: sales }), 'amount');
});

test('need_ids of another client, unknown or malformed are 422 on need_ids', async () => {
  const c1 = await newClient(), c2 = await newClient();
  const other = await newNeed({ client_id: c2.id });
  const before = srv.snapshot();
  assertFieldError(await srv.post('/api/v1/deals', { client_id: c1.id, title: 'X', amount: 1, need_ids: [other.id] }, { as: sales }), 'need_ids');
  assertFieldError(await srv.post('/api/v1/deals', { client_id: c1.id, title: 'X', amount: 1, need_ids: [999999] }, { as: sales }), 'need_ids');
  assertFieldError(await srv.post('/api/v1/deals', { client_id: c1.id, title: 'X', amount: 1, need_ids: ['a'] }, { as: sales }), 'need_ids');
  assertFieldError(await srv.post('/api/v1/deals', { client_id: c1.id, title: 'X', amount: 1, need_ids: 3 }, { as: sales }), 'need_ids');
  assertFieldError(await srv.post('/api/v1/deals', { client_id: 999999, title: 'X', amount: 1 }, { as: sales }), 'client_id');
  assert.deepEqual(srv.snapshot(), before);
  const d = await newDeal({ client_id: c1.id });
  const p = await srv.patch(`/api/v1/deals/${d.id}`, { need_ids: [other.id] }, { as: sales, ifMatch: '"1"' });
  assertFieldError(p, 'need_ids');
});

test('won without a review is a 409 feasibility-review-required', async () => {
  const d = await newDeal({ client_id: (await newClient()).id });
  const r = await moveDeal(d, 'won');
  assertProblem(r, 409);
  assert.equal(r.json.type, '/problems/feasibility-review-required');
  assert.equal(srv.sqlValue(`SELECT stage FROM deals WHERE id = ${d.id}`), 'lead');
  const c = await srv.post('/api/v1/deals', { client_id: d.client_id, title: 'Directement gagnée', amount: 5, stage: 'won' }, { as: sales });
  assertProblem(c, 409);
  assert.equal(c.json.type, '/problems/feasibility-review-required');
});

test('a sales user may not record a review (403); recruiters neither', async () => {
  const d = await newDeal({ client_id: (await newClient()).id });
  for (const who of [sales, recruiter, consultant, admin]) {
    const before = srv.snapshot();
    assertProblem(await review(d.id, { verdict: 'go' }, who), 403);
    assert.deepEqual(srv.snapshot(), before);
  }
  assert.equal(srv.sqlValue(`SELECT count(*) FROM reviews WHERE deal_id = ${d.id}`), 0);
  assert.equal((await review(d.id, { verdict: 'go' }, manager)).status, 201);
  assert.equal((await review(d.id, { verdict: 'go' }, tech)).status, 201);
});

test('won after a no_go is a 409 feasibility-no-go', async () => {
  const d = await newDeal({ client_id: (await newClient()).id });
  assert.equal((await review(d.id, { verdict: 'go' })).status, 201);
  assert.equal((await review(d.id, { verdict: 'no_go', risks: 'Aucune compétence Cobol disponible' })).status, 201);
  const r = await moveDeal(d, 'won');
  assertProblem(r, 409);
  assert.equal(r.json.type, '/problems/feasibility-no-go');
});

test('won after go_with_conditions is a 200; the review is recorded with who and when', async () => {
  const d = await newDeal({ client_id: (await newClient()).id, stage: 'negotiation' });
  const noCond = await review(d.id, { verdict: 'go_with_conditions' });
  assertFieldError(noCond, 'conditions');
  const rv = await review(d.id, { verdict: 'go_with_conditions', conditions: 'Un tech lead senior dès le premier jour', effort_days: 120 });
  assert.equal(rv.status, 201, rv.text);
  assert.equal(rv.json.verdict, 'go_with_conditions');
  assert.equal(rv.json.reviewer_name, 'Thomas Nguyen');
  assert.match(rv.json.created_at, /^\d{4}-\d\d-\d\dT/);
  const r = await moveDeal(d, 'won');
  assert.equal(r.status, 200, r.text);
  assert.equal(r.json.stage, 'won');
  assert.equal(r.json.latest_review.verdict, 'go_with_conditions');
  assert.equal(r.json.latest_review.conditions, 'Un tech lead senior dès le premier jour');
});

test('reviews: history newest first; bad input on POST reviews', async () => {
  const d = await newDeal({ client_id: (await newClient()).id });
  await review(d.id, { verdict: 'no_go' });
  await review(d.id, { verdict: 'go' });
  const l = await srv.get(`/api/v1/deals/${d.id}/reviews`, { as: sales });
  assert.deepEqual(l.json.items.map((x) => x.verdict), ['go', 'no_go']);
  assertFieldError(await review(d.id, { verdict: 'maybe' }), 'verdict');
  assertFieldError(await review(d.id, { verdict: 'go', effort_days: -1 }), 'effort_days');
  assertFieldError(await review(d.id, { verdict: 'go', effort_days: 10001 }), 'effort_days');
  assertFieldError(await review(d.id, { verdict: 'go', effort_days: 1.5 }), 'effort_days');
  assertFieldError(await review(d.id, { verdict: 'go', risks: 'r'.repeat(10001) }), 'risks');
  assertProblem(await srv.req('POST', `/api/v1/deals/${d.id}/reviews`, { as: tech, raw: '{"verdict":' }), 400);
  assertProblem(await review(999999, { verdict: 'go' }), 404);
});

test('lost needs a reason; the reason is kept only while lost', async () => {
  const d = await newDeal({ client_id: (await newClient()).id });
  assertFieldError(await moveDeal(d, 'lost'), 'lost_reason');
  const r = await moveDeal(d, 'lost', { lost_reason: 'Budget gelé' });
  assert.equal(r.status, 200, r.text);
  assert.equal(r.json.lost_reason, 'Budget gelé');
  const back = await moveDeal(d, 'proposal');
  assert.equal(back.json.lost_reason, null);
});

test('deal writes: stale If-Match 412, missing 428, bad input 400/422, roles', async () => {
  const d = await newDeal({ client_id: (await newClient()).id });
  assertProblem(await srv.patch(`/api/v1/deals/${d.id}`, { title: 'T' }, { as: sales }), 428);
  assert.equal((await srv.patch(`/api/v1/deals/${d.id}`, { title: 'T2' }, { as: sales, ifMatch: '"1"' })).status, 200);
  assertProblem(await srv.patch(`/api/v1/deals/${d.id}`, { title: 'T3' }, { as: sales, ifMatch: '"1"' }), 412);
  assert.equal(srv.sqlValue(`SELECT title FROM deals WHERE id = ${d.id}`), 'T2');
  assertFieldError(await srv.patch(`/api/v1/deals/${d.id}`, { stage: 'signed' }, { as: sales, ifMatch: '"2"' }), 'stage');
  assertFieldError(await srv.patch(`/api/v1/deals/${d.id}`, { stage: null }, { as: sales, ifMatch: '"2"' }), 'stage');
  assertFieldError(await srv.patch(`/api/v1/deals/${d.id}`, { expected_close: '2027-02-30' }, { as: sales, ifMatch: '"2"' }), 'expected_close');
  assertFieldError(await srv.post('/api/v1/deals', { client_id: d.client_id, title: 't'.repeat(201), amount: 1 }, { as: sales }), 'title');
  assertProblem(await srv.req('POST', '/api/v1/deals', { as: sales, raw: '{"title": "x",' }), 400);
  assertProblem(await srv.req('PATCH', `/api/v1/deals/${d.id}`, { as: sales, raw: INVALID_UTF8, ifMatch: '"2"' }), 400);
  for (const who of [recruiter, tech]) assertProblem(await srv.patch(`/api/v1/deals/${d.id}`, { title: 'X' }, { as: who, ifMatch: '"2"' }), 403);
  assertProblem(await srv.get('/api/v1/deals?stage=signed', { as: sales }), 400);
});

test('the deal list filters by stage and client_id', async () => {
  const c = await newClient();
  const a = await newDeal({ client_id: c.id, stage: 'proposal' });
  const b = await newDeal({ client_id: c.id });
  const byClient = await srv.get(`/api/v1/deals?client_id=${c.id}`, { as: manager });
  assert.deepEqual(byClient.json.items.map((x) => x.id), [b.id, a.id]);
  const byStage = await srv.get('/api/v1/deals?stage=proposal&limit=200', { as: manager });
  assert.ok(byStage.json.items.some((x) => x.id === a.id));
  assert.ok(byStage.json.items.every((x) => x.stage === 'proposal'));
});

test('a review request puts the deal on the reviewers\' list until a review is recorded', async () => {
  const d = await newDeal({ client_id: (await newClient()).id });
  assertProblem(await srv.post(`/api/v1/deals/${d.id}/review-request`, undefined, { as: tech }), 403);
  const r = await srv.post(`/api/v1/deals/${d.id}/review-request`, undefined, { as: sales });
  assert.equal(r.status, 200, r.text);
  assert.equal(r.json.review_requested, true);
  const l = await srv.get('/api/v1/reviews/requested', { as: tech });
  assert.equal(l.status, 200);
  assert.ok(l.json.items.some((x) => x.id === d.id));
  assert.ok(l.json.items.every((x) => x.review_requested === true));
  assert.ok(l.json.items.some((x) => x.title === 'Plateforme de données énergie'), 'the demo has one request');
  await review(d.id, { verdict: 'go' });
  const after = await srv.get('/api/v1/reviews/requested', { as: tech });
  assert.ok(!after.json.items.some((x) => x.id === d.id));
  assert.equal((await srv.get(`/api/v1/deals/${d.id}`, { as: sales })).json.review_requested, false);
  assertProblem(await srv.post('/api/v1/deals/999999/review-request', undefined, { as: sales }), 404);
});

// ---- need qualification

test('a need to qualified with nothing filled is a 422 listing each missing field', async () => {
  const n = await newNeed({});
  assert.deepEqual(n.qualification, { ready_for: 'qualified', missing: ['skills', 'start_date', 'location', 'client_id'] });
  const before = srv.snapshot();
  const r = await srv.patch(`/api/v1/needs/${n.id}`, { status: 'qualified' }, { as: sales, ifMatch: '"1"' });
  for (const f of ['skills', 'start_date', 'location', 'client_id']) assertFieldError(r, f);
  assert.equal(r.json.errors.length, 4);
  assert.deepEqual(srv.snapshot(), before);
  const en = await srv.patch(`/api/v1/needs/${n.id}`, { status: 'qualified' }, { as: sales, ifMatch: '"1"', headers: { 'Accept-Language': 'en' } });
  assert.match(assertFieldError(en, 'start_date').message, /start date/);
});

test('each missing field alone blocks qualified (and open), and remote full stands for a location', async () => {
  const c = await newClient();
  const full = READY(c.id);
  for (const [field, patch] of [['skills', { skills: [] }], ['start_date', { start_date: null }], ['location', { location: null }], ['client_id', { client_id: null }]]) {
    for (const target of ['qualified', 'open']) {
      const r = await srv.post('/api/v1/needs', { title: `Manque ${field}`, ...full, ...patch, status: target }, { as: sales });
      assertFieldError(r, field, `${field} -> ${target}`);
      assert.equal(r.json.errors.length, 1, r.text);
    }
  }
  const remote = await srv.post('/api/v1/needs', { title: 'Full remote', ...full, location: null, remote: 'full', status: 'qualified' }, { as: sales });
  assert.equal(remote.status, 201, remote.text);
  assert.deepEqual(remote.json.qualification, { ready_for: 'open', missing: [] });
});

test('a need of a deal opens only after a positive review of that deal', async () => {
  const c = await newClient();
  const n = await newNeed({ ...READY(c.id), status: 'qualified' });
  const d = await newDeal({ client_id: c.id, need_ids: [n.id] });
  let g = await srv.get(`/api/v1/needs/${n.id}`, { as: sales });
  assert.deepEqual(g.json.qualification, { ready_for: 'open', missing: ['review'] });
  const r = await srv.patch(`/api/v1/needs/${n.id}`, { status: 'open' }, { as: sales, ifMatch: '"1"' });
  assertFieldError(r, 'review');
  assert.equal(r.json.errors.length, 1);
  await review(d.id, { verdict: 'no_go' });
  assertFieldError(await srv.patch(`/api/v1/needs/${n.id}`, { status: 'open' }, { as: sales, ifMatch: '"1"' }), 'review');
  await review(d.id, { verdict: 'go_with_conditions', conditions: 'Binôme senior' });
  g = await srv.get(`/api/v1/needs/${n.id}`, { as: sales });
  assert.deepEqual(g.json.qualification.missing, []);
  const ok = await srv.patch(`/api/v1/needs/${n.id}`, { status: 'open' }, { as: sales, ifMatch: '"1"' });
  assert.equal(ok.status, 200, ok.text);
  assert.equal(ok.json.status, 'open');
  assert.equal(ok.json.qualification.ready_for, null);
  const recruiterList = await srv.get('/api/v1/needs?status=open&limit=200', { as: recruiter });
  assert.ok(recruiterList.json.items.some((x) => x.id === n.id));
});

test('winning a deal opens its qualified needs, which reach the recruiters; a draft need stays as it is', async () => {
  const c = await newClient();
  const ready = await newNeed({ ...READY(c.id), status: 'qualified' });
  const draft = await newNeed({ client_id: c.id });
  const d = await newDeal({ client_id: c.id, need_ids: [ready.id, draft.id], stage: 'negotiation' });
  await review(d.id, { verdict: 'go' });
  const won = await moveDeal(d, 'won');
  assert.equal(won.status, 200, won.text);
  const r1 = await srv.get(`/api/v1/needs/${ready.id}`, { as: recruiter });
  assert.equal(r1.json.status, 'open');
  assert.equal(r1.json.version, ready.version + 1);
  assert.equal((await srv.get(`/api/v1/needs/${draft.id}`, { as: recruiter })).json.status, 'draft');
  const list = await srv.get('/api/v1/needs?status=open&limit=200', { as: recruiter });
  assert.ok(list.json.items.some((x) => x.id === ready.id));
});

test('a review or a review request is a change of the deal: its version and ETag move', async () => {
  const d = await newDeal({ client_id: (await newClient()).id });
  const asked = await srv.post(`/api/v1/deals/${d.id}/review-request`, undefined, { as: sales });
  assert.equal(asked.status, 200, asked.text);
  assert.equal(asked.json.version, d.version + 1);
  assert.equal(asked.headers.get('etag'), `"${d.version + 1}"`);
  const again = await srv.post(`/api/v1/deals/${d.id}/review-request`, undefined, { as: sales });
  assert.equal(again.json.version, d.version + 1, 'asking again changes nothing');
  assert.equal((await review(d.id, { verdict: 'go' })).status, 201);
  const after = await srv.get(`/api/v1/deals/${d.id}`, { as: sales });
  assert.equal(after.json.version, d.version + 2);
  assert.equal(after.json.review_requested, false);
  // an edit prepared before the review is refused
  const stale = await srv.patch(`/api/v1/deals/${d.id}`, { title: 'Vieille version' }, { as: sales, ifMatch: `"${d.version + 1}"` });
  assertProblem(stale, 412);
});

test('the review queue keeps the order in which reviews were asked for', async () => {
  const c = await newClient();
  const first = await newDeal({ client_id: c.id });
  const second = await newDeal({ client_id: c.id });
  const tick = () => new Promise((r) => setTimeout(r, 1100)); // times are kept to the second
  await srv.post(`/api/v1/deals/${first.id}/review-request`, undefined, { as: sales });
  await tick();
  await srv.post(`/api/v1/deals/${second.id}/review-request`, undefined, { as: sales });
  await tick();
  const cur = await srv.get(`/api/v1/deals/${first.id}`, { as: sales });
  assert.equal((await srv.patch(`/api/v1/deals/${first.id}`, { title: 'Renommée' }, { as: sales, ifMatch: cur.headers.get('etag') })).status, 200);
  await srv.post(`/api/v1/deals/${first.id}/review-request`, undefined, { as: sales });
  const q = await srv.get('/api/v1/reviews/requested', { as: tech });
  const ids = q.json.items.map((x) => x.id).filter((id) => id === first.id || id === second.id);
  assert.deepEqual(ids, [first.id, second.id]);
});

test('a won or lost deal takes no more reviews nor review requests', async () => {
  const d = await newDeal({ client_id: (await newClient()).id, stage: 'negotiation' });
  await review(d.id, { verdict: 'go' });
  assert.equal((await moveDeal(d, 'won')).status, 200);
  const before = srv.snapshot();
  const r = await review(d.id, { verdict: 'no_go' });
  assertProblem(r, 409);
  assert.match(r.json.type, /deal-closed$/);
  assertProblem(await srv.post(`/api/v1/deals/${d.id}/review-request`, undefined, { as: sales }), 409);
  assert.deepEqual(srv.snapshot(), before);
  assert.equal((await srv.get(`/api/v1/deals/${d.id}`, { as: sales })).json.latest_review.verdict, 'go');
});

test('names made only of legal forms are duplicates of each other too', async () => {
  const a = await srv.post('/api/v1/clients', { name: 'SAS' }, { as: sales });
  assert.equal(a.status, 201, a.text);
  const b = await srv.post('/api/v1/clients', { name: 's.a.s.' }, { as: sales });
  assertProblem(b, 409);
  assert.equal(b.json.existing_id, a.json.id);
});

test('a need outside any deal opens without a review', async () => {
  const n = await newNeed({ ...READY((await newClient()).id), status: 'qualified' });
  const r = await srv.patch(`/api/v1/needs/${n.id}`, { status: 'open' }, { as: sales, ifMatch: '"1"' });
  assert.equal(r.status, 200, r.text);
});

// ---- capabilities and gap

test('capabilities count consultants by level and availability, and candidates in the pipeline', async () => {
  const r = await srv.get('/api/v1/capabilities', { as: sales });
  assert.equal(r.status, 200);
  assert.ok(r.json.items.length > 10);
  const java = r.json.items.find((x) => x.skill === 'java');
  assert.equal(java.label, 'Java');
  const levels = Object.values(java.consultants.by_level).reduce((a, b) => a + b, 0);
  assert.equal(levels, java.consultants.total);
  assert.deepEqual(Object.keys(java.consultants.by_level), ['1', '2', '3', '4', '5']);
  assert.ok(java.consultants.available <= java.consultants.total);
  assert.equal(java.consultants.total, srv.sqlValue("SELECT count(*) FROM person_skills ps JOIN people p ON p.id = ps.person_id WHERE ps.skill = 'java' AND p.kind = 'consultant'"));
  assert.equal(java.candidates_in_pipeline, srv.sqlValue("SELECT count(DISTINCT ps.person_id) FROM person_skills ps JOIN candidacies c ON c.person_id = ps.person_id WHERE ps.skill = 'java' AND c.stage NOT IN ('hired','rejected','withdrawn')"));
  const one = await srv.get('/api/v1/capabilities?skill=Java&min_level=4', { as: tech });
  assert.equal(one.json.items.length, 1);
  assert.ok(one.json.items[0].consultants.total <= java.consultants.total);
  assert.equal(one.json.items[0].consultants.by_level['3'], 0);
  assertProblem(await srv.get('/api/v1/capabilities?min_level=9', { as: sales }), 400);
  assertProblem(await srv.get('/api/v1/capabilities?skill=zzzzqqq', { as: sales }), 400);
  assertProblem(await srv.get('/api/v1/capabilities', { as: consultant }), 403);
});

test('a consultant available soon counts as available; one on mission for months does not', async () => {
  const mk = async (available_from) => (await srv.post('/api/v1/people', { kind: 'consultant', first_name: 'Dispo', last_name: available_from || 'now', available_from, skills: [{ skill: 'cobol', level: 5 }] }, { as: admin })).json;
  const before = (await srv.get('/api/v1/capabilities?skill=cobol', { as: sales })).json.items[0]?.consultants ?? { total: 0, available: 0 };
  await mk(null);
  await mk('2099-01-01');
  const after = (await srv.get('/api/v1/capabilities?skill=cobol', { as: sales })).json.items[0].consultants;
  assert.equal(after.total, before.total + 2);
  assert.equal(after.available, before.available + 1);
});

test('the gap of a need lists each skill with who meets it, and the skills no one meets', async () => {
  const n = await newNeed({ skills: [{ skill: 'java', min_level: 1 }, { skill: 'fortran', min_level: 5 }] });
  const r = await srv.get(`/api/v1/needs/${n.id}/gap`, { as: recruiter });
  assert.equal(r.status, 200, r.text);
  const java = r.json.items.find((x) => x.skill === 'java');
  assert.ok(java.consultants_meeting > 0 && java.candidates_meeting > 0);
  assert.equal(java.min_level, 1);
  assert.ok(r.json.unmet.includes('fortran'));
  assert.ok(!r.json.unmet.includes('java'));
  assertProblem(await srv.get('/api/v1/needs/999999/gap', { as: sales }), 404);
  assertProblem(await srv.get(`/api/v1/needs/${n.id}/gap`, { as: consultant }), 403);
});

test('the demo firm has clients with SIRET, contacts, deals at several stages and reviews', async () => {
  const clients = (await srv.get('/api/v1/clients?limit=200', { as: sales })).json.items.filter((c) => c.id <= 6);
  assert.ok(clients.every((c) => c.siret && c.sector && c.owner_id));
  assert.ok((await srv.get('/api/v1/clients/1/contacts', { as: sales })).json.items.length >= 2);
  const stages = new Set((await srv.get('/api/v1/deals?limit=200', { as: sales })).json.items.map((d) => d.stage));
  for (const s of ['lead', 'proposal', 'negotiation', 'won', 'lost']) assert.ok(stages.has(s), s);
  assert.ok(srv.sqlValue('SELECT count(*) FROM reviews') >= 4);
});

test('the server still answers /healthz', async () => {
  await assertHealthy(srv);
});
