// Retention (GDPR art. 5.1.e and 6, the CNIL's recruitment guide 2023): every
// person has a legal basis recorded where their data came in, readable and
// renewable or withdrawable; the firm sets how long data is kept; `alliance
// purge` erases whoever is past it (files, search and matches included) and
// keeps the KPIs true; the register of processing says all of it.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { startServer, cli, assertProblem, assertFieldError, assertHealthy, assertNoSanitizerReport, demoEmail } from './harness.mjs';
import { addMonths, age, daysAgo, isoDay, rejectedCandidate, uploadCv, multipart } from './privacy_helpers.mjs';

let srv, rec, manager, admin, sales;
before(async () => {
  // the daily run stays off here: this file runs `alliance purge` itself
  srv = await startServer({ env: { ALLIANCE_PURGE_HOUR: 'off' } });
  rec = await srv.as('recruiter');
  manager = await srv.as('manager');
  admin = await srv.as('admin');
  sales = await srv.as('sales');
});
after(async () => {
  await srv.stop();
});

const privacy = async (id, as = rec) => {
  const r = await srv.get(`/api/v1/people/${id}/privacy`, { as });
  assert.equal(r.status, 200, r.text);
  return r.json;
};
const purge = (...args) => {
  const r = cli(['purge', '--db', srv.db, '--data-dir', srv.files, ...args]);
  assertNoSanitizerReport(r.stderr, 'purge');
  return r;
};
const today = () => isoDay(new Date());
let seq = 0;
const unique = () => `${process.pid}x${++seq}`;

test('a basis is recorded where data comes in: a recruiter, the API, a consultant, a CSV import, the careers form', async () => {
  const byRec = await srv.post('/api/v1/people', { kind: 'candidate', first_name: 'Inès', last_name: 'Sourcée' }, { as: rec });
  let b = (await privacy(byRec.json.id)).legal_bases;
  assert.deepEqual(b.map((x) => [x.purpose, x.basis, x.source, x.recorded_by]), [['recruitment', 'legitimate_interest', 'recruiter', rec.user.id]]);
  assert.equal(b[0].basis_label, 'Intérêt légitime (art. 6.1.f RGPD)');
  const token = srv.token(demoEmail('recruiter'), 'ats');
  const byApi = await srv.post('/api/v1/people', { kind: 'consultant', first_name: 'Théo', last_name: 'Contrat' }, { as: token });
  b = (await privacy(byApi.json.id)).legal_bases;
  assert.deepEqual(b.map((x) => [x.purpose, x.basis, x.source]), [['employment', 'contract', 'api']]);
  const p = await privacy(byApi.json.id);
  assert.deepEqual([p.retention_until, p.retention_reason, p.state], [null, 'contract', 'kept'], 'a consultant is kept for the contract');
  // hired: the candidate becomes a consultant, kept for their contract
  const cur = await srv.get(`/api/v1/people/${byRec.json.id}`, { as: rec });
  const hired = await srv.patch(`/api/v1/people/${byRec.json.id}`, { kind: 'consultant' }, { as: rec, ifMatch: cur.headers.get('etag') });
  assert.equal(hired.status, 200, hired.text);
  const h = await privacy(byRec.json.id);
  assert.deepEqual(h.legal_bases.map((x) => [x.purpose, x.basis, x.source]), [['recruitment', 'legitimate_interest', 'recruiter'], ['employment', 'contract', 'contract']]);
  assert.equal(h.retention_reason, 'contract');
  const csv = `first_name,last_name,email,kind\nLéa,Importée,lea.${unique()}@example.org,candidate\n`;
  const imp = await multipart(srv, '/api/v1/import/people.csv', { file: { name: 'p.csv', data: Buffer.from(csv), type: 'text/csv' } },
    { Cookie: rec.cookie, 'X-CSRF-Token': rec.csrf });
  assert.equal(imp.status, 200, imp.text);
  b = (await privacy(imp.json.ids[0])).legal_bases;
  assert.deepEqual(b.map((x) => [x.purpose, x.basis, x.source]), [['recruitment', 'legitimate_interest', 'import']]);
});

test('the careers form records the application on pre-contract steps, and the talent pool only when its box is ticked', async () => {
  const need = srv.sqlValue(`SELECT id FROM needs WHERE published = 1 ORDER BY id LIMIT 1`);
  const list = await srv.get('/careers');
  const path = new RegExp(`href="(/careers/[a-z0-9-]*-${need})\\?lang=fr"`).exec(list.text)[1];
  const form = (await srv.get(path)).text;
  assert.doesNotMatch(form, /name="talent_pool" value="yes" checked/, 'never ticked for them');
  const applyAs = async (email, extra) => multipart(srv, `${path}/apply`, {
    name: 'Awa Vivier', email, consent: 'yes', cv: { name: 'cv.txt', data: Buffer.from('Java Spring Kafka'), type: 'text/plain' }, ...extra,
  });
  const yes = `awa.pool.${unique()}@example.org`, no = `awa.nopool.${unique()}@example.org`;
  assert.equal((await applyAs(yes, { talent_pool: 'yes' })).status, 303);
  assert.equal((await applyAs(no, {})).status, 303);
  const idOf = (email) => srv.sqlValue(`SELECT id FROM people WHERE email = '${email}'`);
  const pooled = (await privacy(idOf(yes))).legal_bases.map((x) => [x.purpose, x.basis, x.source, x.candidacy_id !== null]);
  assert.deepEqual(pooled, [['recruitment', 'pre_contract', 'careers_form', true], ['talent_pool', 'consent', 'careers_form', true]]);
  const plain = (await privacy(idOf(no))).legal_bases.map((x) => x.purpose);
  assert.deepEqual(plain, ['recruitment']);
  // an application in progress keeps the data while it lasts
  const p = await privacy(idOf(no));
  assert.deepEqual([p.retention_until, p.retention_reason], [null, 'process_open']);
});

test('retention: 3 months after a rejection, 24 after the last contact with the talent-pool consent; renewal pushes it, withdrawal takes it back', async () => {
  const { person } = await rejectedCandidate(srv, rec, { first_name: 'Rémi', last_name: 'Refusé' });
  const at = age(srv, person.id, 10);
  let p = await privacy(person.id);
  assert.equal(p.retention_reason, 'process_ended');
  assert.equal(p.retention_until, addMonths(at.slice(0, 10), 3));
  assert.equal(p.state, 'kept');
  assert.equal(p.legal_bases[0].retention_until, p.retention_until);
  // consent to the pool, obtained by e-mail ten days ago
  const c = await srv.post(`/api/v1/people/${person.id}/legal-bases`,
    { purpose: 'talent_pool', basis: 'consent', source: 'email', obtained_on: at.slice(0, 10), note: 'réponse à notre e-mail' }, { as: rec });
  assert.equal(c.status, 201, c.text);
  assert.equal(c.headers.get('location'), `/api/v1/people/${person.id}/privacy`);
  assert.equal(c.json.revocable, true);
  p = await privacy(person.id);
  assert.equal(p.retention_reason, 'talent_pool');
  assert.equal(p.retention_until, addMonths(at.slice(0, 10), 24));
  // renewed today: 24 months from today
  const renewed = await srv.post(`/api/v1/legal-bases/${c.json.id}/renew`, undefined, { as: rec });
  assert.equal(renewed.status, 200, renewed.text);
  assert.ok(renewed.json.renewed_at);
  assert.equal(renewed.json.version, 2);
  p = await privacy(person.id);
  assert.equal(p.retention_until, addMonths(today(), 24));
  // withdrawn: back to the rejection rule
  const w = await srv.post(`/api/v1/legal-bases/${c.json.id}/withdraw`, undefined, { as: manager });
  assert.equal(w.status, 200);
  assert.equal(w.json.status, 'withdrawn');
  p = await privacy(person.id);
  assert.equal(p.retention_reason, 'process_ended');
  assert.equal(p.retention_until, addMonths(at.slice(0, 10), 3));
  assertProblem(await srv.post(`/api/v1/legal-bases/${c.json.id}/renew`, undefined, { as: rec }), 409, 'withdrawn: a new consent is needed');
  assertProblem(await srv.post(`/api/v1/legal-bases/${c.json.id}/withdraw`, undefined, { as: rec }), 409);
  const first = p.legal_bases[0];
  assertProblem(await srv.post(`/api/v1/legal-bases/${first.id}/withdraw`, undefined, { as: rec }), 409, 'only a consent is withdrawn');
  // the events say what happened, with no personal data
  const ev = srv.sql(`SELECT after_json FROM events WHERE type = 'person.legal_basis' AND person_id = ${person.id} ORDER BY id`);
  assert.deepEqual(ev.map((e) => JSON.parse(e.after_json).action), ['recorded', 'renewed', 'withdrawn']);
  assert.ok(!ev.some((e) => e.after_json.includes('réponse')), 'the note stays out of the log');
});

test('recording a basis checks its fields: hostile, wrong-type, oversized, unfit and future values are refused and change nothing', async () => {
  const { person } = await rejectedCandidate(srv, rec, { first_name: 'Val', last_name: 'Idation' });
  const url = `/api/v1/people/${person.id}/legal-bases`;
  const ok = { purpose: 'talent_pool', basis: 'consent', source: 'phone' };
  const before = srv.sqlValue(`SELECT count(*) FROM legal_bases WHERE person_id = ${person.id}`);
  for (const [body, field] of [
    [{ ...ok, purpose: 'marketing' }, 'purpose'], [{ ...ok, purpose: 1 }, 'purpose'], [{ ...ok, basis: 'because' }, 'basis'],
    [{ ...ok, basis: 'contract' }, 'basis'], [{ ...ok, source: 'careers_form' }, 'source'], [{ ...ok, source: 'renewal_page' }, 'source'],
    [{ ...ok, obtained_on: '2999-01-01' }, 'obtained_on'], [{ ...ok, obtained_on: '2024-02-30' }, 'obtained_on'],
    [{ ...ok, obtained_on: 20240101 }, 'obtained_on'], [{ ...ok, note: 'x'.repeat(501) }, 'note'], [{ ...ok, note: ['<script>'] }, 'note'],
    [{ ...ok, recorded_by: 1 }, 'recorded_by'], [{ purpose: 'employment', basis: 'contract', source: 'contract' }, 'purpose'],
    [{ basis: 'consent', source: 'email' }, 'purpose'],
  ]) assertFieldError(await srv.post(url, body, { as: rec }), field, JSON.stringify(body));
  assertProblem(await srv.req('POST', url, { raw: '{"purpose": "talent_pool", "basis"', as: rec }), 400);
  assertProblem(await srv.post(url, ok, { as: sales }), 403);
  // a consultant reads their own legal bases (their right of access), another's does not exist for them
  const cons = await srv.as('consultant');
  assertProblem(await srv.get(`/api/v1/people/${person.id}/privacy`, { as: cons }), 404);
  const own = (await srv.get('/api/v1/me', { as: cons })).json.user.person_id;
  assert.ok(own, 'the demo consultant stands for a person');
  assert.equal((await srv.get(`/api/v1/people/${own}/privacy`, { as: cons })).json.retention_reason, 'contract');
  assertProblem(await srv.post(`/api/v1/people/${own}/legal-bases`, ok, { as: cons }), 403);
  assertProblem(await srv.post('/api/v1/people/999999/legal-bases', ok, { as: rec }), 404);
  assertProblem(await srv.post('/api/v1/legal-bases/999999/renew', undefined, { as: rec }), 404);
  assertProblem(await srv.get('/api/v1/people/999999/privacy', { as: rec }), 404);
  assert.equal(srv.sqlValue(`SELECT count(*) FROM legal_bases WHERE person_id = ${person.id}`), before);
  // a note is kept as text, never as markup
  const hostile = await srv.post(url, { ...ok, note: '<img src=x onerror=alert(1)> dit oui' }, { as: rec });
  assert.equal(hostile.status, 201);
  assert.equal(hostile.json.note, '<img src=x onerror=alert(1)> dit oui');
});

test('settings: the retention durations are the firm\'s, checked for ranges and types, and the careers form and dates follow', async () => {
  const s = await srv.get('/api/v1/settings', { as: rec });
  assert.deepEqual([s.json.rejected_retention_months, s.json.talent_pool_retention_months, s.json.retention_warning_days], [3, 24, 30]);
  const etag = s.headers.get('etag');
  const bad = [
    ['rejected_retention_months', 0], ['rejected_retention_months', 25], ['rejected_retention_months', '3'], ['rejected_retention_months', 2.5],
    ['rejected_retention_months', null], ['rejected_retention_months', -1], ['rejected_retention_months', 1e30],
    ['talent_pool_retention_months', 25], ['talent_pool_retention_months', 0], ['talent_pool_retention_months', true],
    ['retention_warning_days', 6], ['retention_warning_days', 61], ['retention_warning_days', '30'], ['retention_warning_days', {}],
  ];
  for (const [k, v] of bad) assertFieldError(await srv.patch('/api/v1/settings', { [k]: v }, { as: manager, ifMatch: etag }), k, `${k}=${v}`);
  assertFieldError(await srv.patch('/api/v1/settings', { rejected_retention_months: 1, retention_warning_days: 30 }, { as: manager, ifMatch: etag }),
    'retention_warning_days', 'a warning after the data went');
  assertProblem(await srv.patch('/api/v1/settings', { rejected_retention_months: 6 }, { as: rec, ifMatch: etag }), 403);
  assertProblem(await srv.patch('/api/v1/settings', { rejected_retention_months: 6 }, { as: manager }), 428);
  assert.equal((await srv.get('/api/v1/settings', { as: rec })).headers.get('etag'), etag, 'refused: nothing changed');
  const ok = await srv.patch('/api/v1/settings', { rejected_retention_months: 6, talent_pool_retention_months: 12, retention_warning_days: 14 },
    { as: manager, ifMatch: etag });
  assert.equal(ok.status, 200, ok.text);
  assert.deepEqual([ok.json.rejected_retention_months, ok.json.talent_pool_retention_months, ok.json.retention_warning_days], [6, 12, 14]);
  const { person } = await rejectedCandidate(srv, rec, { first_name: 'Six', last_name: 'Mois' });
  const at = age(srv, person.id, 1);
  assert.equal((await privacy(person.id)).retention_until, addMonths(at.slice(0, 10), 6));
  const need = srv.sqlValue(`SELECT id FROM needs WHERE published = 1 ORDER BY id LIMIT 1`);
  const list = await srv.get('/careers');
  const path = new RegExp(`href="(/careers/[a-z0-9-]*-${need})\\?lang=fr"`).exec(list.text)[1];
  const form = (await srv.get(path)).text;
  assert.match(form, /effacées 6 mois après la fin du recrutement/);
  assert.match(form, /pendant 12 mois après notre dernier échange/);
  const back = await srv.patch('/api/v1/settings', { rejected_retention_months: 3, talent_pool_retention_months: 24, retention_warning_days: 30 },
    { as: admin, ifMatch: ok.headers.get('etag') });
  assert.equal(back.status, 200);
});

test('alliance purge: bad arguments are refused with status 2 and say why', () => {
  for (const [args, why] of [[['--now'], /usage/], [['extra'], /no argument/], [['--as-of', '2030-01-01'], /--dry-run only/],
    [['--dry-run', '--as-of', 'tomorrow'], /YYYY-MM-DD/], [['--dry-run', '--as-of', '2027-02-30'], /YYYY-MM-DD/], [['--dry-run', '--as-of'], /usage/]]) {
    const r = purge(...args);
    assert.equal(r.status, 2, `${args}: ${r.stderr}`);
    assert.match(r.stderr, why, args.join(' '));
  }
});

test('alliance purge erases the expired (CV files, search, matches included), lists them in a dry run, and keeps the KPIs true', async () => {
  const tag = unique();
  // expired: rejected four months ago, no consent; one of them with a CV and a rare skill
  const gone = [];
  for (const [first, last] of [['Oubliette', `Expirée${tag}`], ['Périmé', `Ancien${tag}`]]) {
    const { person } = await rejectedCandidate(srv, rec, { first_name: first, last_name: last, email: `${first.toLowerCase()}.${tag}@example.org`, skills: [{ skill: 'cobol', level: 5 }] });
    gone.push(person);
  }
  const doc = await uploadCv(srv, rec, gone[0].id, `Curriculum de Oubliette Expirée${tag}, mainframe zorglubtique ${tag}`);
  const file = join(srv.files, doc.sha256.slice(0, 2), doc.sha256);
  assert.ok(existsSync(file), 'the CV is on disk');
  for (const p of gone) age(srv, p.id, 125);
  // kept: rejected as long ago but in the talent pool; and one rejected last week
  const { person: pooled } = await rejectedCandidate(srv, rec, { first_name: 'Gardée', last_name: `Vivier${tag}` });
  await srv.post(`/api/v1/people/${pooled.id}/legal-bases`, { purpose: 'talent_pool', basis: 'consent', source: 'email' }, { as: rec });
  age(srv, pooled.id, 125);
  srv.sqlExec(`UPDATE legal_bases SET obtained_at = '${daysAgo(100)}' WHERE person_id = ${pooled.id} AND purpose = 'talent_pool'`);
  const { person: recent } = await rejectedCandidate(srv, rec, { first_name: 'Récente', last_name: `Refus${tag}` });
  age(srv, recent.id, 7);

  const need = (await srv.post('/api/v1/needs', { title: `Mainframe ${tag}`, skills: [{ skill: 'cobol', min_level: 3, weight: 5, mandatory: true }] }, { as: manager })).json;
  const matched = async () => (await srv.get(`/api/v1/needs/${need.id}/matches?limit=200`, { as: manager })).json.items.map((m) => m.person.id);
  assert.ok((await matched()).includes(gone[0].id), 'the matching index knows them');
  const kpis = async () => (await srv.get('/api/v1/kpis', { as: manager })).json;
  const kpisBefore = await kpis();

  const dry = purge('--dry-run');
  assert.equal(dry.status, 0, dry.stderr);
  for (const p of gone) assert.match(dry.stdout, new RegExp(`\\b${p.id}\\tcandidate\\t`), `${p.id} would go`);
  assert.doesNotMatch(dry.stdout, new RegExp(`\\b(${pooled.id}|${recent.id})\\t`), 'the pool and the recent one stay');
  assert.ok(existsSync(file), 'a dry run deletes nothing');
  assert.equal(srv.sqlValue(`SELECT count(*) FROM people WHERE id = ${gone[0].id} AND erased_at IS NULL`), 1);
  const later = purge('--dry-run', '--as-of', addMonths(today(), 4));
  assert.match(later.stdout, new RegExp(`\\b${recent.id}\\tcandidate\\t`), 'in four months the recent one goes too');

  const run = purge();
  assert.equal(run.status, 0, run.stderr);
  const m = /^purge: (\d+) (?:person|people) erased, (\d+) files deleted, 0 no longer expired, in (\d+) ms$/m.exec(run.stdout);
  assert.ok(m, run.stdout);
  assert.ok(Number(m[1]) >= 2);
  assert.ok(!existsSync(file), 'the CV left the disk');
  for (const p of gone) {
    const g = (await srv.get(`/api/v1/people/${p.id}`, { as: rec })).json;
    assert.deepEqual([g.first_name, g.email, g.skills], ['Personne', null, []]);
    assert.equal(srv.sqlValue(`SELECT reason FROM erasures WHERE person_id = ${p.id}`).startsWith('durée de conservation échue'), true);
    assert.equal(srv.sqlValue(`SELECT count(*) FROM audit_log WHERE action = 'purge: retention ended' AND object_id = ${p.id} AND user_id IS NULL`), 1);
  }
  assert.equal(srv.sqlValue(`SELECT count(*) FROM audit_log WHERE action LIKE 'alliance purge: %'`), 1);
  // the search and the running server's matching index forget them
  assert.deepEqual((await srv.get(`/api/v1/people?q=${encodeURIComponent('zorglubtique')}`, { as: rec })).json.items, []);
  assert.deepEqual((await srv.get(`/api/v1/people?q=${encodeURIComponent(`Expirée${tag}`)}`, { as: rec })).json.items, []);
  for (let i = 0; i < 100 && (await matched()).includes(gone[0].id); i++) await new Promise((r) => setTimeout(r, 50));
  assert.ok(!(await matched()).includes(gone[0].id), 'the matching index forgot them');
  // the others stay, and the KPIs count the same
  assert.equal((await privacy(pooled.id)).state, 'kept');
  assert.equal(srv.sqlValue(`SELECT count(*) FROM people WHERE id IN (${pooled.id}, ${recent.id}) AND erased_at IS NULL`), 2);
  assert.deepEqual(await kpis(), kpisBefore, 'anonymous facts keep the KPIs true');
  // nothing left to do
  const again = purge();
  assert.match(again.stdout, /^purge: 0 people erased, 0 files deleted/m);
});

test('the register of processing lists what is kept, why, on which basis, for how long and who sees it', async () => {
  const r = await srv.get('/api/v1/privacy/register', { as: admin });
  assert.equal(r.status, 200, r.text);
  const ids = r.json.activities.map((a) => a.id);
  assert.deepEqual(ids, ['recruitment', 'talent_pool', 'consultants', 'client_contacts', 'accounts']);
  const rec_ = r.json.activities[0];
  assert.deepEqual(rec_.legal_bases.map((b) => b.basis), ['pre_contract', 'legitimate_interest']);
  assert.ok(rec_.data_categories.some((c) => c.category === 'cv'));
  assert.equal(rec_.retention.months, r.json.retention_settings.rejected_retention_months);
  assert.match(rec_.retention.label, /^3 mois après la fin du processus/);
  assert.equal(rec_.retention.automatic_erasure, true);
  const pool = r.json.activities[1];
  assert.match(pool.retention.label, /^24 mois après le dernier contact/);
  // recipients are the roles the permission table lets read the data; no SMTP relay is configured here
  assert.deepEqual(rec_.recipients.map((x) => x.role), ['admin', 'manager', 'sales', 'recruiter', 'tech']);
  assert.ok(!rec_.recipients.some((x) => x.kind === 'processor'));
  // where nothing is erased automatically, it says so
  const contacts = r.json.activities[3];
  assert.equal(contacts.retention.automatic_erasure, false);
  assert.match(contacts.retention.label, /pas de purge automatique/);
  assert.equal(r.json.purge.automatic, false, 'this server runs with ALLIANCE_PURGE_HOUR=off');
  assert.ok(r.json.measures.some((m) => m.id === 'purge_off'));
  assert.ok(r.json.people_erased >= 2);
  const en = await srv.get('/api/v1/privacy/register', { as: admin, headers: { 'Accept-Language': 'en' } });
  assert.equal(en.json.activities[0].name, 'Recruitment: managing applications');
  assert.match(en.json.activities[0].retention.label, /^3 months after the recruitment process ends/);
  assertProblem(await srv.get('/api/v1/privacy/register', { as: rec }), 403);
  assertProblem(await srv.get('/api/v1/privacy/register'), 401);
});

test('the server is healthy', async () => {
  await assertHealthy(srv);
});
