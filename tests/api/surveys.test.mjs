// Client satisfaction: a survey link sent to a client's contact, answered
// once on a public page (no sign-in) with a 0–10 score and a comment.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, assertProblem, assertFieldError, assertHealthy } from './harness.mjs';

let srv, sales, contact, otherClientNeed;
const form = (fields) => new URLSearchParams(fields).toString();
const FORM = 'application/x-www-form-urlencoded';

before(async () => {
  srv = await startServer();
  sales = await srv.as('sales');
  const contacts = await srv.get('/api/v1/clients/1/contacts', { as: sales });
  contact = contacts.json.items.find((c) => c.consent);
  const needs = await srv.get('/api/v1/needs?limit=200', { as: sales });
  otherClientNeed = needs.json.items.find((n) => n.client_id !== contact.client_id);
});
after(() => srv.stop());

async function newSurvey(body = { contact_id: contact.id }) {
  const r = await srv.post('/api/v1/surveys', body, { as: sales });
  assert.equal(r.status, 201, r.text);
  return r.json;
}

const page = (url, opts = {}) => srv.req('GET', url, opts);
const answer = (url, fields, opts = {}) =>
  srv.req('POST', url, { raw: form(fields), contentType: FORM, ...opts });

test('sales creates a survey for a contact and gets its private link once', async () => {
  const s = await newSurvey();
  assert.match(s.url, /^\/s\/[A-Za-z0-9_-]{43}$/);
  assert.equal(s.client_id, contact.client_id);
  assert.equal(s.score, null);
  const token = s.url.slice(3);
  assert.equal(Number(srv.sqlValue(`SELECT count(*) FROM surveys WHERE token_hash = '${token}'`)), 0, 'only a hash is stored');
  const list = await srv.get(`/api/v1/surveys?client_id=${contact.client_id}`, { as: sales });
  assert.ok(list.json.items.some((x) => x.id === s.id && !('url' in x)), 'the link cannot be read back');
});

test('the survey page is a form in French by default and in English on request', async () => {
  const s = await newSurvey();
  const fr = await page(s.url);
  assert.equal(fr.status, 200);
  assert.match(fr.headers.get('content-type'), /^text\/html/);
  assert.match(fr.text, /<html lang="fr">/);
  assert.match(fr.text, /recommanderiez-vous/);
  assert.equal((fr.text.match(/type="radio" name="score"/g) || []).length, 11);
  const en = await page(`${s.url}?lang=en`);
  assert.match(en.text, /how likely are you to recommend/);
  const en2 = await page(s.url, { headers: { 'Accept-Language': 'en-GB,en;q=0.9' } });
  assert.match(en2.text, /<html lang="en">/);
});

test('an answer is recorded once: a second one is refused and changes nothing', async () => {
  const s = await newSurvey();
  const ok = await answer(s.url, { score: '9', comment: '  Très réactifs <script>alert(1)</script>  ' });
  assert.equal(ok.status, 200, ok.text);
  assert.match(ok.text, /Merci/);
  const again = await answer(s.url, { score: '2', comment: 'changed my mind' });
  assert.equal(again.status, 409);
  const list = await srv.get(`/api/v1/surveys?client_id=${contact.client_id}&limit=200`, { as: sales });
  const got = list.json.items.find((x) => x.id === s.id);
  assert.equal(got.score, 9);
  assert.equal(got.comment, 'Très réactifs <script>alert(1)</script>', 'stored verbatim, trimmed');
  assert.ok(got.answered_at);
  const after = await page(s.url);
  assert.equal(after.status, 200);
  assert.match(after.text, /déjà répondu/);
  assert.doesNotMatch(after.text, /<form/);
});

test('a missing or out-of-range score re-shows the form with an error and records nothing', async () => {
  const s = await newSurvey();
  for (const score of [undefined, '', '11', '-1', 'abc', '5.5', '010']) {
    const fields = { comment: '<b>bold</b> & more' };
    if (score !== undefined) fields.score = score;
    const r = await answer(s.url, fields);
    assert.equal(r.status, 422, `score ${score}`);
    assert.match(r.text, /id="survey-error"/);
    assert.ok(r.text.includes('&lt;b&gt;bold&lt;/b&gt; &amp; more'), 'the comment comes back escaped');
    assert.ok(!r.text.includes('<b>bold</b>'));
  }
  assert.equal(srv.sqlValue(`SELECT answered_at FROM surveys WHERE id = ${s.id}`), null);
});

test('a comment over 2,000 characters, bad encoding or the wrong media type is refused', async () => {
  const s = await newSurvey();
  assert.equal((await answer(s.url, { score: '7', comment: 'é'.repeat(2001) })).status, 422);
  for (const raw of ['score=7&comment=%zz', 'score=7&comment=%C3%28', 'score=7&comment=abc%4', 'score=7&comment=Great%00%3Cscript%3E']) {
    const r = await srv.req('POST', s.url, { raw, contentType: FORM });
    assert.equal(r.status, 422, `${raw}: a badly encoded comment is refused, not dropped`);
    assert.match(r.text, /id="survey-error"/);
  }
  const wrongType = await srv.req('POST', s.url, { raw: JSON.stringify({ score: 7 }) });
  assert.equal(wrongType.status, 415);
  assert.equal(srv.sqlValue(`SELECT answered_at FROM surveys WHERE id = ${s.id}`), null);
});

test('a forged or malformed link gets a page that reveals nothing', async () => {
  const forged = await page(`/s/${'A'.repeat(43)}`);
  assert.equal(forged.status, 404);
  assert.match(forged.text, /pas valide/);
  assert.doesNotMatch(forged.text, /<form/);
  const post = await answer(`/s/${'B'.repeat(43)}`, { score: '10' });
  assert.equal(post.status, 404);
  assert.equal((await page('/s/not.a.token')).status, 404);
  assert.equal((await page(`/s/${'a'.repeat(65)}`)).status, 404);
});

test('an expired link says so and takes no answer', async () => {
  const s = await newSurvey();
  srv.sqlExec(`UPDATE surveys SET expires_at = '2020-01-01T00:00:00Z' WHERE id = ${s.id}`);
  const r = await page(s.url);
  assert.equal(r.status, 410);
  assert.match(r.text, /expiré/);
  assert.equal((await answer(s.url, { score: '8' })).status, 410);
});

test('a survey needs an existing contact, and a need of that contact\'s client', async () => {
  assertFieldError(await srv.post('/api/v1/surveys', { contact_id: 999999 }, { as: sales }), 'contact_id');
  assertFieldError(await srv.post('/api/v1/surveys', { contact_id: contact.id, need_id: 999999 }, { as: sales }), 'need_id');
  if (otherClientNeed)
    assertFieldError(await srv.post('/api/v1/surveys', { contact_id: contact.id, need_id: otherClientNeed.id }, { as: sales }), 'need_id');
  assertFieldError(await srv.post('/api/v1/surveys', { contact_id: 'one' }, { as: sales }), 'contact_id');
  assertFieldError(await srv.post('/api/v1/surveys', { contact_id: contact.id, extra: 1 }, { as: sales }), 'extra');
  assertProblem(await srv.req('POST', '/api/v1/surveys', { raw: '{"contact_id":', as: sales }), 400);
});

test('a contact who has not agreed to be contacted gets no survey', async () => {
  const c = await srv.post(`/api/v1/clients/${contact.client_id}/contacts`, { name: 'Sans Accord', consent: false }, { as: sales });
  assert.equal(c.status, 201, c.text);
  const before = Number(srv.sqlValue('SELECT count(*) FROM surveys'));
  assertFieldError(await srv.post('/api/v1/surveys', { contact_id: c.json.id }, { as: sales }), 'contact_id');
  assert.equal(Number(srv.sqlValue('SELECT count(*) FROM surveys')), before);
});

test('recruiters cannot send surveys and consultants cannot read them', async () => {
  assertProblem(await srv.post('/api/v1/surveys', { contact_id: contact.id }, { as: await srv.as('recruiter') }), 403);
  assertProblem(await srv.get('/api/v1/surveys', { as: await srv.as('consultant') }), 403);
  assertProblem(await srv.get('/api/v1/surveys?client_id=abc', { as: sales }), 400);
});

test('the server still answers', () => assertHealthy(srv));
