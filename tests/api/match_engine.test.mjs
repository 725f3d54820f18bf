// Matching engine beyond a need's matches: the factors a qualified need
// brings (availability, location, rate), implied skills, open needs ranked
// for a person, people found by skills (with the text search), the gap
// between demand and supply, and bad input on each.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, assertProblem, assertFieldError, assertHealthy } from './harness.mjs';

let srv, admin;
const P = {};

// Skills no demo person holds (clojure, erlang, lua): the rankings are ours.
const person = async (name, skills, extra = {}) => {
  const r = await srv.post('/api/v1/people', {
    kind: 'consultant', first_name: name, last_name: 'Moteur',
    skills: skills.map(([skill, level, years = 5]) => ({ skill, level, years })), ...extra,
  }, { as: admin });
  assert.equal(r.status, 201, r.text);
  P[name] = r.json.id;
  return r.json;
};

before(async () => {
  srv = await startServer();
  admin = await srv.as('admin');
  await person('lyon', [['clojure', 4]], { location: 'Lyon', available_from: '2027-01-01', daily_rate: 500 });
  await person('paris', [['clojure', 4]], { location: 'Paris', available_from: '2027-01-01', daily_rate: 500 });
  await person('tard', [['clojure', 4]], { location: 'Lyon', available_from: '2027-02-04', daily_rate: 500 });
  await person('cher', [['clojure', 4]], { location: 'Lyon', available_from: '2027-01-01', daily_rate: 660 });
  await person('erl', [['erlang', 5], ['lua', 2]], { location: 'Lyon', kind: 'candidate' });
});
after(async () => { await srv.stop(); });

const need = async (body) => {
  const r = await srv.post('/api/v1/needs', { title: 'Besoin moteur', ...body }, { as: admin });
  assert.equal(r.status, 201, r.text);
  return r.json;
};
const matches = async (id, qs = '') => {
  const r = await srv.get(`/api/v1/needs/${id}/matches${qs}`, { as: admin });
  assert.equal(r.status, 200, r.text);
  return r.json;
};

test('availability, location and rate each cost what their factor says', async () => {
  const n = await need({
    skills: [{ skill: 'clojure', min_level: 3, weight: 2, mandatory: true }],
    start_date: '2027-01-05', location: 'Lyon', remote: 'none', daily_rate_max: 600,
  });
  const m = await matches(n.id);
  const by = Object.fromEntries(m.items.map((i) => [i.person.id, i]));
  const f = (id) => Object.fromEntries(by[id].factors.map((x) => [x.name, x]));
  assert.deepEqual(Object.keys(f(P.lyon)), ['skills', 'experience', 'availability', 'location', 'rate']);
  assert.deepEqual(Object.values(f(P.lyon)).map((x) => x.weight), [70, 10, 10, 5, 5]);
  assert.equal(by[P.lyon].score, 100);
  assert.equal(f(P.paris).location.value, 0, 'another city, no remote');
  assert.equal(by[P.paris].score, 95);
  assert.equal(f(P.tard).availability.value, 0.5, '30 days after the start: half');
  assert.equal(by[P.tard].score, 95);
  assert.equal(f(P.cher).rate.value, 0.5, '10 % over the maximum: half');
  assert.equal(by[P.cher].score, 97.5);
  assert.deepEqual(m.items.map((i) => i.person.id), [P.lyon, P.cher, P.paris, P.tard], 'ties (95) by id');
  // partial remote: another city earns half the location points
  const cur = await srv.get(`/api/v1/needs/${n.id}`, { as: admin });
  await srv.patch(`/api/v1/needs/${n.id}`, { remote: 'partial' }, { as: admin, ifMatch: cur.headers.get('etag') });
  const p = (await matches(n.id)).items.find((i) => i.person.id === P.paris);
  assert.equal(p.factors.find((x) => x.name === 'location').value, 0.5);
  assert.equal(p.score, 97.5);
});

test('a skill that implies the required one earns partial credit and is explained', async () => {
  const n = await need({ skills: [{ skill: 'spring', min_level: 3, mandatory: true }] });
  const boot = await person('boot', [['spring-boot', 4]]);
  const m = await matches(n.id);
  const hit = m.items.find((i) => i.person.id === boot.id);
  assert.ok(hit, JSON.stringify(m.items.map((i) => i.person.name)));
  assert.equal(hit.skills[0].level, 0);
  assert.equal(hit.skills[0].via, 'spring-boot');
  assert.equal(hit.skills[0].via_level, 4);
  assert.equal(hit.mandatory_met, true);
  assert.deepEqual(hit.missing, []);
  assert.equal(hit.score, 75);
});

test('a PATCH of a person changes the next matches answer', async () => {
  const n = await need({ skills: [{ skill: 'lua', min_level: 4, mandatory: true }] });
  let m = await matches(n.id);
  assert.deepEqual(m.items.map((i) => [i.person.id, i.mandatory_met]), [[P.erl, false]]);
  const cur = await srv.get(`/api/v1/people/${P.erl}`, { as: admin });
  const r = await srv.patch(`/api/v1/people/${P.erl}`, { skills: [{ skill: 'lua', level: 5, years: 1 }] },
    { as: admin, ifMatch: cur.headers.get('etag') });
  assert.equal(r.status, 200, r.text);
  m = await matches(n.id);
  assert.deepEqual(m.items.map((i) => [i.person.id, i.mandatory_met, i.skills[0].level]), [[P.erl, true, 5]]);
  // a write refused (stale version) leaves the index as it was
  const stale = await srv.patch(`/api/v1/people/${P.erl}`, { skills: [] }, { as: admin, ifMatch: cur.headers.get('etag') });
  assert.equal(stale.status, 412);
  assert.equal((await matches(n.id)).items.length, 1);
});

test('open needs are ranked for a person', async () => {
  const erl = await person('erl2', [['erlang', 5]], { location: 'Lyon' });
  const a = await need({ skills: [{ skill: 'erlang', min_level: 3, mandatory: true }], start_date: '2027-01-05', location: 'Lyon' });
  const b = await need({ skills: [{ skill: 'erlang', min_level: 3 }, { skill: 'cobol', min_level: 3, mandatory: true }], start_date: '2027-01-05', location: 'Lyon' });
  srv.sqlExec(`UPDATE needs SET status = 'open' WHERE id IN (${a.id}, ${b.id})`); // opening needs a client and a review
  const r = await srv.get(`/api/v1/people/${erl.id}/matches`, { as: admin });
  assert.equal(r.status, 200, r.text);
  const ids = r.json.items.map((i) => i.need.id);
  assert.ok(ids.indexOf(a.id) >= 0 && ids.indexOf(a.id) < ids.indexOf(b.id), JSON.stringify(ids));
  assert.equal(r.json.items[ids.indexOf(a.id)].mandatory_met, true);
  assert.equal(r.json.items[ids.indexOf(b.id)].mandatory_met, false);
  assert.ok(r.json.items.every((i) => i.need.status === 'open'));
});

test('a person without skills has no needs; unknown person 404; bad limit 400', async () => {
  const nobody = await person('rien', []);
  const r = await srv.get(`/api/v1/people/${nobody.id}/matches`, { as: admin });
  assert.equal(r.status, 200);
  assert.deepEqual(r.json.items, []);
  assertProblem(await srv.get('/api/v1/people/999999/matches', { as: admin }), 404);
  for (const l of ['0', '201', 'x', '']) assertProblem(await srv.get(`/api/v1/people/${P.erl}/matches?limit=${l}`, { as: admin }), 400);
});

test('people are found by skills with levels, ranked, and filtered by date, place and text', async () => {
  let r = await srv.get('/api/v1/people?skills=clojure:4', { as: admin });
  assert.equal(r.status, 200, r.text);
  const ids = r.json.items.map((i) => i.person.id);
  assert.deepEqual(new Set(ids), new Set([P.lyon, P.paris, P.tard, P.cher]));
  assert.ok(r.json.items.every((i) => i.mandatory_met));
  assert.equal(r.json.total, 4);
  r = await srv.get('/api/v1/people?skills=clojure:5', { as: admin });
  assert.deepEqual(r.json.items, [], 'nobody at level 5');
  r = await srv.get('/api/v1/people?skills=clojure:4&available_before=2027-01-10&location=lyon', { as: admin });
  assert.deepEqual(new Set(r.json.items.map((i) => i.person.id)), new Set([P.lyon, P.cher]));
  r = await srv.get('/api/v1/people?skills=clojure&q=moteur&location=Paris', { as: admin });
  assert.deepEqual(r.json.items.map((i) => i.person.id), [P.paris]);
  r = await srv.get('/api/v1/people?skills=clojure&q=zzzz', { as: admin });
  assert.deepEqual(r.json.items, []);
  r = await srv.get('/api/v1/people?skills=clojure&kind=candidate', { as: admin });
  assert.deepEqual(r.json.items, []);
  // pages
  const p1 = await srv.get('/api/v1/people?skills=clojure&limit=2', { as: admin });
  assert.equal(p1.json.items.length, 2);
  const p2 = await srv.get(`/api/v1/people?skills=clojure&limit=2&cursor=${p1.json.next_cursor}`, { as: admin });
  assert.equal(p2.json.items.length, 2);
  assert.equal(p2.json.next_cursor, null);
  const all = [...p1.json.items, ...p2.json.items].map((i) => i.person.id);
  assert.equal(new Set(all).size, 4);
});

test('unknown skills in skills= are a 422 with the closest known ones; bad levels and dates too', async () => {
  let r = await srv.get('/api/v1/people?skills=clojure:4,kubernets', { as: admin });
  const e = assertFieldError(r, 'skills[1]');
  assert.match(e.message, /kubernetes/);
  assertFieldError(await srv.get('/api/v1/people?skills=clojure:9', { as: admin }), 'skills[0]');
  assertFieldError(await srv.get('/api/v1/people?skills=clojure:', { as: admin }), 'skills[0]');
  assertFieldError(await srv.get('/api/v1/people?skills=clojure,clojure', { as: admin }), 'skills[1]');
  assertFieldError(await srv.get('/api/v1/people?skills=clojure&available_before=2027-02-30', { as: admin }), 'available_before');
  assertFieldError(await srv.get('/api/v1/people?skills=,,', { as: admin }), 'skills[0]');
  const many = Array.from({ length: 21 }, (_, i) => ['java', 'sql', 'go', 'rust', 'python', 'clojure', 'erlang', 'lua', 'php', 'ruby',
    'scala', 'kotlin', 'swift', 'dart', 'perl', 'haskell', 'elixir', 'groovy', 'fsharp', 'prolog', 'cobol'][i]).join(',');
  assertFieldError(await srv.get(`/api/v1/people?skills=${many}`, { as: admin }), 'skills[20]');
  assertProblem(await srv.get('/api/v1/people?skills=clojure&limit=500', { as: admin }), 400);
  assertProblem(await srv.get('/api/v1/people?skills=clojure&cursor=-1', { as: admin }), 400);
  // without skills= the list is the plain list, as before
  r = await srv.get('/api/v1/people?limit=3', { as: admin });
  assert.equal(r.status, 200);
  assert.ok(r.json.items[0].first_name);
});

test('the gap compares what needs ask for with who can do it', async () => {
  await need({ skills: [{ skill: 'fortran', min_level: 4, weight: 5, mandatory: true }] });
  const r = await srv.get('/api/v1/gap?status=draft', { as: admin });
  assert.equal(r.status, 200, r.text);
  const row = r.json.items.find((i) => i.skill === 'fortran');
  assert.ok(row, JSON.stringify(r.json.items.slice(0, 3)));
  assert.equal(row.consultants, 0);
  assert.equal(row.action, 'recruit');
  assert.ok(row.shortfall >= 1);
  assert.ok(row.demand >= 5);
  const oc = r.json.items.find((i) => i.skill === 'clojure');
  assert.equal(oc.consultants, 4);
  for (let i = 1; i < r.json.items.length; i++) assert.ok(r.json.items[i - 1].shortfall >= r.json.items[i].shortfall);
  const open = await srv.get('/api/v1/gap', { as: admin });
  assert.equal(open.json.status, 'open');
  assertProblem(await srv.get('/api/v1/gap?status=nope', { as: admin }), 400);
  assertProblem(await srv.get('/api/v1/gap', { as: await srv.as('consultant') }), 403);
});

test('the server still answers /healthz', async () => {
  await assertHealthy(srv);
});
