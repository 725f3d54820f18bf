// Matches (API.md "Match"): ranked, explained matches of people for a need.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, assertProblem, assertHealthy } from './harness.mjs';

let srv, admin, need, P = {};

// Skills no demo person holds, so the ranking below is fully controlled.
const NEED = {
  title: 'Développeur fonctionnel',
  skills: [
    { skill: 'haskell', min_level: 4, weight: 3, mandatory: true },
    { skill: 'elixir', min_level: 2, weight: 1, mandatory: false },
  ],
};
// The need names only skills, so skills share 87.5 points by weight
// (haskell 65.625, elixir 21.875) and experience 12.5 (9.375, 3.125); every
// skill below has 5 years: full experience credit wherever a skill is held.
const PEOPLE = [
  ['un', [['haskell', 4], ['elixir', 2]]], // 100, mandatory met
  ['deux', [['haskell', 5]]], // 75, met, elixir missing
  ['trois', [['haskell', 2], ['elixir', 5]]], // 32.8 + 9.4 + 25 = 67.2, not met (below level)
  ['quatre', [['elixir', 3]]], // 25, not met, haskell missing
  ['cinq', [['haskell', 3], ['elixir', 2]]], // 49.2 + 9.4 + 25 = 83.6, not met
  ['six', [['haskell', 5], ['python', 5]]], // 75, met: ties with deux, larger id
  ['sept', [['java', 5]]], // none of the skills: not listed
];

before(async () => {
  srv = await startServer();
  admin = await srv.as('admin');
  for (const [name, skills] of PEOPLE) {
    const r = await srv.post('/api/v1/people', {
      kind: name === 'deux' ? 'consultant' : 'candidate', first_name: name, last_name: 'Match',
      skills: skills.map(([skill, level]) => ({ skill, level, years: 5 })),
    }, { as: admin });
    assert.equal(r.status, 201, r.text);
    P[name] = r.json.id;
  }
  const r = await srv.post('/api/v1/needs', NEED, { as: admin });
  assert.equal(r.status, 201, r.text);
  need = r.json;
});
after(async () => {
  await srv.stop();
});

const matches = async (qs = '', opts = {}) => {
  const r = await srv.get(`/api/v1/needs/${need.id}/matches${qs}`, { as: admin, ...opts });
  assert.equal(r.status, 200, r.text);
  return r.json;
};

test('people with every mandatory skill at level rank first, then by score, ties by id', async () => {
  const m = await matches();
  assert.deepEqual(m.items.map((i) => i.person.id), [P.un, P.deux, P.six, P.cinq, P.trois, P.quatre]);
  assert.deepEqual(m.items.map((i) => i.mandatory_met), [true, true, true, false, false, false]);
  assert.deepEqual(m.items.map((i) => i.score), [100, 75, 75, 83.6, 67.2, 25]);
});

test('someone scoring higher but missing a mandatory level ranks below everyone who meets them', async () => {
  const m = await matches();
  const cinq = m.items.findIndex((i) => i.person.id === P.cinq);
  const deux = m.items.findIndex((i) => i.person.id === P.deux);
  assert.ok(m.items[cinq].score > m.items[deux].score);
  assert.ok(cinq > deux);
});

test('within each group scores are descending and ties are broken by ascending id', async () => {
  const m = await matches();
  for (let i = 1; i < m.items.length; i++) {
    const a = m.items[i - 1], b = m.items[i];
    if (a.mandatory_met !== b.mandatory_met) { assert.ok(a.mandatory_met); continue; }
    assert.ok(a.score > b.score || (a.score === b.score && a.person.id < b.person.id), `${i}`);
  }
});

test('a match explains each skill: required level, level, contribution; missing lists absent skills', async () => {
  const m = await matches();
  const by = Object.fromEntries(m.items.map((i) => [i.person.id, i]));
  const expl = (id) => by[id].skills.map(({ skill, required_level, level, contribution }) => ({ skill, required_level, level, contribution }));
  assert.deepEqual(expl(P.un), [
    { skill: 'haskell', required_level: 4, level: 4, contribution: 65.6 },
    { skill: 'elixir', required_level: 2, level: 2, contribution: 21.9 },
  ]);
  assert.deepEqual(by[P.un].missing, []);
  assert.deepEqual(expl(P.deux), [
    { skill: 'haskell', required_level: 4, level: 5, contribution: 65.6 },
    { skill: 'elixir', required_level: 2, level: 0, contribution: 0 },
  ]);
  assert.deepEqual(by[P.deux].missing, ['elixir']);
  assert.deepEqual(by[P.quatre].missing, ['haskell']);
  assert.equal(by[P.quatre].skills[0].level, 0);
});

test('a person below the required level gets partial credit (level / required)', async () => {
  const m = await matches();
  const trois = m.items.find((i) => i.person.id === P.trois);
  assert.equal(trois.skills[0].level, 2);
  assert.equal(trois.skills[0].contribution, 32.8); // 65.625 × 2/4
  assert.deepEqual(trois.missing, [], 'a skill held below level is not missing');
  assert.equal(trois.mandatory_met, false);
  const cinq = m.items.find((i) => i.person.id === P.cinq);
  assert.equal(cinq.skills[0].contribution, 49.2); // 65.625 × 3/4
});

test('scores are between 0 and 100 and the factors add up to the score', async () => {
  const m = await matches();
  for (const i of m.items) {
    assert.ok(i.score >= 0 && i.score <= 100);
    assert.deepEqual(i.factors.map((f) => f.name), ['skills', 'experience'], 'a need with only skills');
    const sum = i.factors.reduce((s, f) => s + f.value * f.weight, 0);
    assert.ok(Math.abs(sum - i.score) <= 0.11, `${i.person.name}: ${sum} vs ${i.score}`);
    const skills = i.skills.reduce((s, k) => s + k.contribution, 0);
    assert.ok(Math.abs(skills - i.factors[0].value * i.factors[0].weight) <= 0.11);
  }
  assert.deepEqual(m.items[0].factors, [
    { name: 'skills', value: 1, weight: 87.5, points: 87.5 },
    { name: 'experience', value: 1, weight: 12.5, points: 12.5 },
  ]);
});

test('a match names the person and their kind; people with none of the skills are left out', async () => {
  const m = await matches();
  const deux = m.items.find((i) => i.person.id === P.deux);
  assert.deepEqual({ name: deux.person.name, kind: deux.person.kind }, { name: 'deux Match', kind: 'consultant' });
  assert.ok(!m.items.some((i) => i.person.id === P.sept));
  assert.equal(m.items.length, 6);
  assert.equal(m.total, 6);
  assert.equal(m.mandatory_met, 3);
});

test('limit keeps the best matches', async () => {
  const m = await matches('?limit=2');
  assert.deepEqual(m.items.map((i) => i.person.id), [P.un, P.deux]);
  const one = await matches('?limit=1');
  assert.deepEqual(one.items.map((i) => i.person.id), [P.un]);
});

test('a bad limit is a 400', async () => {
  for (const l of ['0', '201', 'abc', '', '-5', '2x']) {
    assertProblem(await srv.get(`/api/v1/needs/${need.id}/matches?limit=${l}`, { as: admin }), 400, `limit=${l}`);
  }
});

test('matches of an unknown need are a 404', async () => {
  assertProblem(await srv.get('/api/v1/needs/999999/matches', { as: admin }), 404);
});

test('a need without skills has no matches', async () => {
  const n = (await srv.post('/api/v1/needs', { title: 'Sans compétences' }, { as: admin })).json;
  assert.deepEqual((await srv.get(`/api/v1/needs/${n.id}/matches`, { as: admin })).json.items, []);
});

test('matches follow people changes at once (skills edited, person deleted)', async () => {
  const r = await srv.patch(`/api/v1/people/${P.quatre}`, { skills: [{ skill: 'haskell', level: 5 }, { skill: 'elixir', level: 5 }] },
    { as: admin, ifMatch: '"1"' });
  assert.equal(r.status, 200, r.text);
  let m = await matches();
  assert.equal(m.items[0].person.id, P.un, 'tie at 100: smaller id first');
  assert.equal(m.items[1].person.id, P.quatre);
  assert.equal(m.items[1].score, 93.8, 'the PATCH gave no years: half the experience');
  assert.equal((await srv.del(`/api/v1/people/${P.un}`, { as: admin })).status, 204);
  m = await matches();
  assert.equal(m.items[0].person.id, P.quatre);
  assert.ok(!m.items.some((i) => i.person.id === P.un));
});

test('matches change with the need requirements', async () => {
  const cur = await srv.get(`/api/v1/needs/${need.id}`, { as: admin });
  const r = await srv.patch(`/api/v1/needs/${need.id}`, { skills: [{ skill: 'elixir', min_level: 5, mandatory: true }] },
    { as: admin, ifMatch: cur.headers.get('etag') });
  assert.equal(r.status, 200);
  const m = await matches();
  assert.ok(m.items.every((i) => i.skills.length === 1 && i.skills[0].skill === 'elixir'));
  assert.deepEqual(m.items.slice(0, 2).map((i) => [i.person.id, i.mandatory_met, i.score]),
    [[P.trois, true, 100], [P.quatre, true, 93.8]]);
});

test('on demo data, every ranking obeys the ordering rule', async () => {
  for (let id = 1; id <= 10; id++) {
    const r = await srv.get(`/api/v1/needs/${id}/matches?limit=200`, { as: admin });
    assert.equal(r.status, 200);
    const items = r.json.items;
    for (let i = 1; i < items.length; i++) {
      const a = items[i - 1], b = items[i];
      const ok = (a.mandatory_met && !b.mandatory_met) ||
        (a.mandatory_met === b.mandatory_met && (a.score > b.score || (a.score === b.score && a.person.id < b.person.id)));
      assert.ok(ok, `need ${id} position ${i}`);
    }
  }
});

test('a tech lead and a recruiter may read matches; a consultant may not', async () => {
  assert.equal((await srv.get(`/api/v1/needs/${need.id}/matches`, { as: await srv.as('tech') })).status, 200);
  assert.equal((await srv.get(`/api/v1/needs/${need.id}/matches`, { as: await srv.as('recruiter') })).status, 200);
  assertProblem(await srv.get(`/api/v1/needs/${need.id}/matches`, { as: await srv.as('consultant') }), 403);
});

test('the server still answers /healthz', async () => {
  await assertHealthy(srv);
});
