// JSON Resume (jsonresume.org, schema v1.0.0): import and export of a person.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, assertProblem, assertFieldError, assertHealthy } from './harness.mjs';

let srv, rec, sales, cons;
before(async () => {
  srv = await startServer();
  rec = await srv.as('recruiter');
  sales = await srv.as('sales');
  cons = await srv.as('consultant');
});
after(async () => {
  await srv.stop();
});

const RESUME = {
  $schema: 'https://raw.githubusercontent.com/jsonresume/resume-schema/v1.0.0/schema.json',
  basics: { name: 'Jean-Éric de La Tour', label: 'Développeur', email: 'jeric@example.org', phone: '+33 7 11 22 33 44',
    location: { city: 'Nantes', countryCode: 'FR' }, profiles: [{ network: 'GitHub', username: 'jeric' }] },
  work: [
    { name: 'Acme', position: 'Développeur Java', startDate: '2015-01', endDate: '2020-01', highlights: ['Migration vers Kubernetes'] },
    { name: 'Beta', position: 'Lead', startDate: '2020-01-15', endDate: '2022-01-15', summary: 'Java et PostgreSQL' },
  ],
  education: [{ institution: 'INSA', area: 'Informatique' }],
  skills: [
    { name: 'Outils maison', level: 'Master', keywords: ['Java', 'Postgres', 'Quarkus-like DSL'] },
    { name: 'k8s', level: 'Intermediate' },
    { name: 'Jamstack', level: 'Beginner' },
    { name: 'HTML', level: 'Beginner' },
    { name: 'Go', level: 'légendaire' },
    { name: 'Python' },
  ],
};

const schemaShape = (doc) => {
  // the members and types the v1.0.0 schema gives them
  assert.equal(typeof doc.basics, 'object');
  for (const k of ['name', 'email', 'phone']) if (k in doc.basics) assert.equal(typeof doc.basics[k], 'string', k);
  if (doc.basics.location) assert.equal(typeof doc.basics.location.city, 'string');
  assert.ok(Array.isArray(doc.skills));
  for (const s of doc.skills) {
    assert.equal(typeof s.name, 'string');
    if ('level' in s) assert.equal(typeof s.level, 'string');
    assert.ok(Array.isArray(s.keywords) && s.keywords.every((k) => typeof k === 'string'));
    assert.deepEqual(Object.keys(s).filter((k) => !['name', 'level', 'keywords'].includes(k)), []);
  }
  const allowed = ['$schema', 'basics', 'work', 'volunteer', 'education', 'awards', 'certificates', 'publications',
    'skills', 'languages', 'interests', 'references', 'projects', 'meta'];
  assert.deepEqual(Object.keys(doc).filter((k) => !allowed.includes(k)), [], 'no member the schema forbids');
  assert.equal(doc.meta.version, 'v1.0.0');
};

test('a resume creates a person: name split, contact, city, skills mapped with levels and years, unknown words as tags (a group name with keywords is not one)', async () => {
  const r = await srv.post('/api/v1/import/jsonresume', RESUME, { as: rec });
  assert.equal(r.status, 201, r.text);
  assert.equal(r.headers.get('location'), `/api/v1/people/${r.json.person.id}`);
  const p = r.json.person;
  assert.equal(p.first_name, 'Jean-Éric');
  assert.equal(p.last_name, 'de La Tour');
  assert.equal(p.kind, 'candidate');
  assert.equal(p.email, 'jeric@example.org');
  assert.equal(p.phone, '+33 7 11 22 33 44');
  assert.equal(p.location, 'Nantes');
  const skills = Object.fromEntries(p.skills.map((s) => [s.skill, [s.level, s.years]]));
  assert.deepEqual(skills.java, [5, 7], 'Master; 5 + 2 years of positions naming Java');
  assert.deepEqual(skills.postgresql, [5, 2], 'an alias (Postgres), years from the second position');
  assert.deepEqual(skills.kubernetes, [3, 5], 'k8s: Intermediate, named in the first position');
  assert.deepEqual(skills.html, [1, null], 'Beginner; no position names it');
  assert.deepEqual(skills.go, [3, null], 'a level word not understood: 3, and said so');
  assert.deepEqual(skills.python, [3, null]);
  assert.deepEqual(r.json.unknown_keywords.sort(), ['Jamstack', 'Quarkus-like DSL']);
  assert.deepEqual(p.tags, ['Jamstack', 'Quarkus-like DSL']);
  assert.deepEqual(r.json.levels_defaulted.map((d) => d.skill), ['Go', 'Python']);
  assert.ok(r.json.skills_mapped.some((m) => m.from === 'Postgres' && m.skill === 'postgresql'));
  assert.equal(srv.sqlValue(`SELECT count(*) FROM events WHERE type = 'person.created' AND object_id = ${p.id} AND after_json LIKE '%jsonresume%'`), 1);
  const g = await srv.get(`/api/v1/people/${p.id}`, { as: rec });
  assert.deepEqual(g.json.tags, p.tags);
});

test('the export is a JSON Resume of the schema\'s shape that imports back to the same person', async () => {
  const id = (await srv.post('/api/v1/import/jsonresume', { ...RESUME, basics: { ...RESUME.basics, email: 'export@example.org' } }, { as: rec })).json.person.id;
  const r = await srv.get(`/api/v1/people/${id}/resume.json`, { as: rec, headers: { 'Accept-Language': 'en' } });
  assert.equal(r.status, 200);
  schemaShape(r.json);
  assert.equal(r.json.basics.name, 'Jean-Éric de La Tour');
  assert.equal(r.json.basics.location.city, 'Nantes');
  const java = r.json.skills.find((s) => s.keywords.includes('java'));
  assert.deepEqual([java.name, java.level], ['Java', 'Master']);
  assert.deepEqual(r.json.skills.at(-1), { name: 'Other', keywords: ['Jamstack', 'Quarkus-like DSL'] });
  const back = await srv.post('/api/v1/import/jsonresume', { ...r.json, basics: { ...r.json.basics, email: 'back@example.org' } }, { as: rec });
  assert.equal(back.status, 201, back.text);
  const before = (await srv.get(`/api/v1/people/${id}`, { as: rec })).json;
  const lv = (p) => p.skills.map((s) => `${s.skill}:${s.level}`).sort();
  assert.deepEqual(lv(back.json.person), lv(before));
  assert.deepEqual(back.json.person.tags, before.tags);
  assertProblem(await srv.get('/api/v1/people/999999/resume.json', { as: rec }), 404);
  // another person's resume: a consultant sees only their own (404, as if it did not exist)
  assertProblem(await srv.get(`/api/v1/people/${id}/resume.json`, { as: cons }), 404);
});

test('a family name written first in capitals, and ?kind=consultant', async () => {
  const r = await srv.post('/api/v1/import/jsonresume?kind=consultant', { basics: { name: 'DIALLO Awa Marie' } }, { as: rec });
  assert.equal(r.status, 201, r.text);
  assert.deepEqual([r.json.person.first_name, r.json.person.last_name, r.json.person.kind], ['Awa Marie', 'DIALLO', 'consultant']);
  assertProblem(await srv.post('/api/v1/import/jsonresume?kind=robot', { basics: { name: 'A B' } }, { as: rec }), 400);
});

test('malformed documents are a 422 naming each field, and write nothing', async () => {
  const before = srv.snapshot();
  const bad = async (doc, field) => assertFieldError(await srv.post('/api/v1/import/jsonresume', doc, { as: rec }), field, JSON.stringify(doc).slice(0, 80));
  await bad({}, 'basics');
  await bad({ basics: null }, 'basics');
  await bad({ basics: [] }, 'basics');
  await bad({ basics: {} }, 'basics.name');
  await bad({ basics: { name: 42 } }, 'basics.name');
  await bad({ basics: { name: 'Madonna' } }, 'basics.name');
  await bad({ basics: { name: 'A B', email: 'not-mail' } }, 'basics.email');
  await bad({ basics: { name: 'A B', phone: '0'.repeat(41) } }, 'basics.phone');
  await bad({ basics: { name: 'A ' + 'b'.repeat(120) } }, 'basics.name');
  await bad({ basics: { name: 'A B', email: ['x'] } }, 'basics.email');
  await bad({ basics: { name: 'A B', location: 'Paris' } }, 'basics.location');
  await bad({ basics: { name: 'A B', location: { city: 7 } } }, 'basics.location.city');
  await bad({ basics: { name: 'A B' }, skills: {} }, 'skills');
  await bad({ basics: { name: 'A B' }, skills: ['java'] }, 'skills[0]');
  await bad({ basics: { name: 'A B' }, skills: [{ name: 'Java', keywords: 'x' }] }, 'skills[0].keywords');
  await bad({ basics: { name: 'A B' }, skills: [{ name: 'Java', keywords: [1] }] }, 'skills[0].keywords[0]');
  await bad({ basics: { name: 'A B' }, skills: [{ name: 'Java', level: 4 }] }, 'skills[0].level');
  await bad({ basics: { name: 'A B' }, skills: Array.from({ length: 201 }, () => ({ name: 'Java' })) }, 'skills');
  await bad({ basics: { name: 'A B' }, skills: [{ name: 'Java', keywords: Array(101).fill('x') }] }, 'skills[0].keywords');
  await bad({ basics: { name: 'A B' }, work: [{ startDate: '2020-13' }] }, 'work[0].startDate');
  await bad({ basics: { name: 'A B' }, work: [{ startDate: 2020 }] }, 'work[0].startDate');
  await bad({ basics: { name: 'A B' }, work: [{ highlights: [{}] }] }, 'work[0].highlights[0]');
  await bad({ basics: { name: 'x'.repeat(201) } }, 'basics.name');
  assertProblem(await srv.req('POST', '/api/v1/import/jsonresume', { as: rec, raw: '{"basics": ' }), 400);
  assertProblem(await srv.req('POST', '/api/v1/import/jsonresume', { as: rec, raw: '[1]' }), 400);
  assertProblem(await srv.req('POST', '/api/v1/import/jsonresume', { as: rec, raw: '{}', contentType: 'text/plain' }), 415);
  assertProblem(await srv.post('/api/v1/import/jsonresume', RESUME, { as: sales }), 403);
  assert.deepEqual(srv.snapshot(), before);
  assert.equal(srv.sqlValue('SELECT count(*) FROM person_tags'), 6, 'only the three earlier imports left tags');
});

test('the server is still healthy', async () => {
  await assertHealthy(srv);
});
