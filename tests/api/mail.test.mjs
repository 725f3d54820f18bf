// Mail to candidates: outbox in the change's transaction, delivery over real
// SMTP (tests/smtp_sink.py on loopback), MIME headers and accents, the
// private status link, templates edited by managers, rejection messages,
// interviews with .ics (parsed by python3-icalendar), settings, alerts and
// the digest; a stopped SMTP server loses nothing.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, cli, assertProblem, assertFieldError, assertHealthy, demoEmail } from './harness.mjs';
import { SmtpSink, mailEnv, tokenHash } from './smtp.mjs';

let srv, sink, rec, admin, manager, need, users;
let seq = 0;

async function newCandidacy({ first = 'Élodie', last = 'Brûlé', language, email = true } = {}) {
  seq++;
  const body = { kind: 'candidate', first_name: first, last_name: last };
  if (email) body.email = `cand${seq}@example.org`;
  if (language) body.language = language;
  const p = await srv.post('/api/v1/people', body, { as: rec });
  assert.equal(p.status, 201, p.text);
  const c = await srv.post('/api/v1/candidacies', { person_id: p.json.id, need_id: need.id }, { as: rec });
  assert.equal(c.status, 201, c.text);
  return { person: p.json, candidacy: c.json, email: body.email };
}

async function move(c, stage, extra = {}) {
  const cur = await srv.get(`/api/v1/candidacies/${c.id}`, { as: rec });
  const r = await srv.patch(`/api/v1/candidacies/${c.id}`, { stage, ...extra }, { as: rec, ifMatch: cur.headers.get('etag') });
  return r;
}

const linkOf = (text) => /https:\/\/jobs\.example\.org\/applications\/([A-Za-z0-9_-]+)/.exec(text);

before(async () => {
  sink = await new SmtpSink().start();
  srv = await startServer({ env: mailEnv(sink) });
  rec = await srv.as('recruiter');
  admin = await srv.as('admin');
  manager = await srv.as('manager');
  need = (await srv.post('/api/v1/needs', { title: 'Développeuse Rust à Orléans' }, { as: admin })).json;
  users = Object.fromEntries((await srv.get('/api/v1/users?limit=50', { as: admin })).json.items.map((u) => [u.role, u]));
});
after(async () => {
  await srv.stop();
  await sink.stop();
  sink.cleanup();
});

test('a stage change sends the candidate a MIME mail: encoded subject, UTF-8 quoted-printable body, Date, Message-ID', async () => {
  const { candidacy, email } = await newCandidacy();
  assert.equal(sink.count(email), 0, 'creating a back-office candidacy sends nothing');
  const r = await move(candidacy, 'contacted');
  assert.equal(r.status, 200, r.text);
  assert.ok(r.json.first_answer_at, 'the first answer is recorded');
  assert.equal(r.json.owner_id, users.recruiter.id, 'the recruiter who created it owns it');
  const m = await sink.next(email);
  assert.equal(m.from_envelope, 'recrutement@alliance.example');
  assert.deepEqual(m.to_envelope, [email]);
  assert.equal(m.headers.subject, 'Votre candidature : Développeuse Rust à Orléans');
  assert.match(m.raw_headers, /^Subject: =\?UTF-8\?B\?[A-Za-z0-9+/=]+\?=/m, 'accents travel as an RFC 2047 word');
  assert.doesNotMatch(m.raw_headers, /[^\x00-\x7f]/, 'headers are plain ASCII');
  assert.equal(m.headers.from, 'Équipe Recrutement <recrutement@alliance.example>');
  assert.equal(m.headers.to, `Élodie Brûlé <${email}>`);
  assert.match(m.headers['message-id'], /^<[0-9a-f]{32}@alliance\.example>$/);
  assert.ok(!Number.isNaN(Date.parse(m.headers.date)), `Date parses: ${m.headers.date}`);
  assert.equal(m.headers['mime-version'], '1.0');
  assert.equal(m.content_type, 'text/plain');
  assert.equal(m.text_transfer_encoding, 'quoted-printable');
  assert.match(m.text, /^Bonjour Élodie,/);
  assert.match(m.text, /« Développeuse Rust à Orléans »/);
  await sink.waitFor(() => srv.sqlValue(`SELECT status FROM outbox WHERE recipient = '${email}'`) === 'sent', 'sent mark');
  const outbox = srv.sql(`SELECT status, message_id, message FROM outbox WHERE recipient = '${email}'`);
  assert.equal(outbox.length, 1);
  assert.equal(outbox[0].message, '', 'a sent mail forgets its text (it held a usable status link)');
  assert.equal(`<${outbox[0].message_id}>`, m.headers['message-id']);
});

test('each mail carries its own status link, which opens the candidacy (stored hashed)', async () => {
  const { candidacy, email } = await newCandidacy();
  await move(candidacy, 'contacted');
  await move(candidacy, 'interview');
  const first = await sink.next(email, 0), second = await sink.next(email, 1);
  const a = linkOf(first.text), b = linkOf(second.text);
  assert.ok(a && b, `status links in ${first.text}`);
  assert.notEqual(a[1], b[1], 'one link per message');
  for (const token of [a[1], b[1]]) {
    assert.ok(token.length >= 22, '≥128 bits');
    assert.equal(srv.sqlValue(`SELECT candidacy_id FROM application_links WHERE token_hash = '${tokenHash(token)}'`), candidacy.id);
    assert.equal(srv.sqlValue(`SELECT count(*) FROM application_links WHERE token_hash = '${token}'`), 0, 'the token itself is not stored');
  }
  assert.equal(second.headers.subject, 'Entretien pour le poste : Développeuse Rust à Orléans');
});

test('a candidate whose language is English is written to in English', async () => {
  const { candidacy, email, person } = await newCandidacy({ first: 'Zoë', language: 'en' });
  assert.equal(person.language, 'en');
  await move(candidacy, 'offer');
  const m = await sink.next(email);
  assert.equal(m.headers.subject, 'An offer for you: Développeuse Rust à Orléans');
  assert.match(m.text, /^Hello Zoë,/);
  assert.match(m.text, /You can follow your application at any time: https:\/\/jobs\.example\.org\/applications\//);
});

test('people default to French and refuse other languages', async () => {
  const p = await srv.post('/api/v1/people', { kind: 'candidate', first_name: 'A', last_name: 'B' }, { as: rec });
  assert.equal(p.json.language, 'fr');
  assertFieldError(await srv.post('/api/v1/people', { kind: 'candidate', first_name: 'A', last_name: 'B', language: 'de' }, { as: rec }), 'language');
  assertFieldError(await srv.post('/api/v1/people', { kind: 'candidate', first_name: 'A', last_name: 'B', language: null }, { as: rec }), 'language');
  assertFieldError(await srv.post('/api/v1/people', { kind: 'candidate', first_name: 'A', last_name: 'B', language: 7 }, { as: rec }), 'language');
});

test('rejecting needs a reason; the candidate reads the message for them, never the internal note', async () => {
  const { candidacy, email } = await newCandidacy();
  assertFieldError(await move(candidacy, 'rejected', { candidate_message: 'Merci !' }), 'reason');
  assertFieldError(await move(candidacy, 'rejected', { reason: 'x', candidate_message: 'é'.repeat(2001) }), 'candidate_message');
  assertFieldError(await move(candidacy, 'rejected', { reason: 'x', candidate_message: 12 }), 'candidate_message');
  await new Promise((r) => setTimeout(r, 300));
  assert.equal(sink.count(email), 0, 'refused changes send nothing');
  assert.equal(srv.sqlValue(`SELECT count(*) FROM outbox WHERE recipient = '${email}'`), 0);
  const r = await move(candidacy, 'rejected', {
    reason: 'Salaire demandé trop élevé (note interne)',
    candidate_message: 'Votre expérience en Rust embarqué nous a marqués ; le poste demandait surtout du web.',
  });
  assert.equal(r.status, 200, r.text);
  assert.equal(r.json.reason, 'Salaire demandé trop élevé (note interne)');
  assert.equal(r.json.candidate_message, 'Votre expérience en Rust embarqué nous a marqués ; le poste demandait surtout du web.');
  const m = await sink.next(email);
  assert.match(m.text, /nous ne donnerons pas suite/);
  assert.match(m.text, /Votre expérience en Rust embarqué nous a marqués/);
  assert.doesNotMatch(m.text, /Salaire|note interne/, 'the internal note stays internal');
  assert.doesNotMatch(m.text, /\n\n\n/, 'no hole of blank lines');
});

test('a rejection without a message for the candidate still sends the respectful default', async () => {
  const { candidacy, email } = await newCandidacy();
  assert.equal((await move(candidacy, 'rejected', { reason: 'Poste pourvu' })).status, 200);
  const m = await sink.next(email);
  assert.match(m.text, /Merci pour le temps que vous nous avez consacré/);
  assert.doesNotMatch(m.text, /Poste pourvu/);
  assert.doesNotMatch(m.text, /\n\n\n/);
});

test('a candidate without an e-mail gets no mail but the answer is recorded', async () => {
  const { candidacy } = await newCandidacy({ email: false });
  const before = srv.sqlValue('SELECT count(*) FROM outbox');
  const r = await move(candidacy, 'contacted');
  assert.equal(r.status, 200);
  assert.ok(r.json.last_contact_at);
  assert.equal(srv.sqlValue('SELECT count(*) FROM outbox'), before);
});

test('templates: listed with their placeholders; managers edit them with If-Match; unknown placeholders are refused', async () => {
  const list = await srv.get('/api/v1/mail-templates', { as: rec });
  assert.equal(list.status, 200);
  const kinds = list.json.items.map((t) => t.kind);
  for (const k of ['application_received', 'stage_contacted', 'stage_rejected', 'interview_invitation', 'interview_cancelled'])
    assert.ok(kinds.includes(k), k);
  const t = await srv.get('/api/v1/mail-templates/stage_offer', { as: manager });
  assert.equal(t.headers.get('etag'), '"1"');
  assert.equal(t.json.customized, false);
  assert.ok(t.json.placeholders.includes('status_link'));
  const body = {
    subject_fr: 'Proposition — {{ need_title }}', body_fr: 'Chère {{first_name}}, voici notre offre. Suivi : {{status_link}}',
    subject_en: 'Offer — {{need_title}}', body_en: 'Dear {{first_name}}, here is our offer. Follow: {{status_link}}',
  };
  assertProblem(await srv.req('PUT', '/api/v1/mail-templates/stage_offer', { body, as: rec, ifMatch: '"1"' }), 403, 'recruiters read only');
  assertProblem(await srv.req('PUT', '/api/v1/mail-templates/stage_offer', { body, as: manager }), 428);
  assertProblem(await srv.req('PUT', '/api/v1/mail-templates/nope', { body, as: manager, ifMatch: '"1"' }), 404);
  assertProblem(await srv.get('/api/v1/mail-templates/nope', { as: manager }), 404);
  let e = assertFieldError(await srv.req('PUT', '/api/v1/mail-templates/stage_offer', { body: { ...body, body_en: 'Hi {{salary}}' }, as: manager, ifMatch: '"1"' }), 'body_en');
  assert.match(e.message, /salary/);
  assertFieldError(await srv.req('PUT', '/api/v1/mail-templates/stage_offer', { body: { ...body, subject_fr: 'Oups {{first_name' }, as: manager, ifMatch: '"1"' }), 'subject_fr');
  assertFieldError(await srv.req('PUT', '/api/v1/mail-templates/stage_offer', { body: { ...body, body_fr: '' }, as: manager, ifMatch: '"1"' }), 'body_fr');
  assertFieldError(await srv.req('PUT', '/api/v1/mail-templates/stage_offer', { body: { ...body, subject_fr: 'x'.repeat(201) }, as: manager, ifMatch: '"1"' }), 'subject_fr');
  assertFieldError(await srv.req('PUT', '/api/v1/mail-templates/stage_offer', { body: { ...body, extra: 1 }, as: manager, ifMatch: '"1"' }), 'extra');
  assertFieldError(await srv.req('PUT', '/api/v1/mail-templates/stage_offer', { body: { subject_fr: 'a' }, as: manager, ifMatch: '"1"' }), 'body_fr');
  const ok = await srv.req('PUT', '/api/v1/mail-templates/stage_offer', { body, as: manager, ifMatch: '"1"' });
  assert.equal(ok.status, 200, ok.text);
  assert.equal(ok.headers.get('etag'), '"2"');
  assert.equal(ok.json.customized, true);
  assertProblem(await srv.req('PUT', '/api/v1/mail-templates/stage_offer', { body, as: manager, ifMatch: '"1"' }), 412, 'stale');
  const again = await srv.req('PUT', '/api/v1/mail-templates/stage_offer', { body, as: admin, ifMatch: '"2"' });
  assert.equal(again.headers.get('etag'), '"3"');

  const { candidacy, email } = await newCandidacy({ first: 'Inès' });
  await move(candidacy, 'offer');
  const m = await sink.next(email);
  assert.equal(m.headers.subject, 'Proposition — Développeuse Rust à Orléans');
  assert.match(m.text, /^Chère Inès, voici notre offre\. Suivi : https:\/\/jobs\.example\.org\/applications\/[A-Za-z0-9_-]+/);
});

test('interviews: invitation with an .ics to the candidate and interviewers; moved keeps the UID and raises SEQUENCE; cancel is METHOD:CANCEL', async () => {
  const { candidacy, email } = await newCandidacy({ first: 'Gaëlle' });
  const tech = users.tech, recruiter = users.recruiter;
  const techMail = demoEmail('tech');
  const techBefore = sink.count(techMail);
  const r = await srv.post(`/api/v1/candidacies/${candidacy.id}/interviews`, {
    starts_at: '2027-01-12T10:00:00+01:00', duration_minutes: 60, place: 'Siège, salle Ébène', interviewers: [tech.id, recruiter.id, tech.id],
  }, { as: rec });
  assert.equal(r.status, 201, r.text);
  assert.equal(r.json.starts_at, '2027-01-12T09:00:00Z');
  assert.equal(r.json.ends_at, '2027-01-12T10:00:00Z');
  assert.deepEqual(r.json.interviewers, [recruiter.id, tech.id].sort((a, b) => a - b));
  const m = await sink.next(email);
  assert.equal(m.content_type, 'multipart/mixed');
  assert.equal(m.headers.subject, 'Invitation à un entretien : Développeuse Rust à Orléans');
  assert.match(m.text, /12\/01\/2027 10:00 \(heure de Paris\)/);
  assert.match(m.text, /Siège, salle Ébène/);
  assert.ok(linkOf(m.text), 'the status link is there too');
  const cal = m.calendar;
  assert.ok(cal && !cal.error, `the .ics parses: ${cal && cal.error}`);
  assert.equal(cal.method, 'REQUEST');
  assert.equal(cal.content_type_method, 'REQUEST');
  assert.equal(cal.events.length, 1);
  const ev = cal.events[0];
  assert.equal(ev.uid, r.json.uid);
  assert.equal(ev.sequence, 0);
  assert.equal(ev.dtstart, '2027-01-12T09:00:00+00:00');
  assert.equal(ev.location, 'Siège, salle Ébène');
  assert.ok(ev.attendees.includes(`mailto:${email}`) && ev.attendees.includes(`mailto:${techMail}`), JSON.stringify(ev.attendees));
  const tm = await sink.next(techMail, techBefore);
  assert.equal(tm.calendar.events[0].uid, r.json.uid, 'the interviewer gets the same event');

  const listed = await srv.get(`/api/v1/candidacies/${candidacy.id}/interviews`, { as: rec });
  assert.deepEqual(listed.json.items.map((i) => i.id), [r.json.id]);

  const moved = await srv.patch(`/api/v1/interviews/${r.json.id}`, { starts_at: '2027-01-13T15:30:00Z' }, { as: rec, ifMatch: '"1"' });
  assert.equal(moved.status, 200, moved.text);
  assert.equal(moved.json.sequence, 1);
  assertProblem(await srv.patch(`/api/v1/interviews/${r.json.id}`, { duration_minutes: 30 }, { as: rec, ifMatch: '"1"' }), 412);
  const m2 = await sink.next(email, 1);
  assert.equal(m2.headers.subject, 'Entretien déplacé : Développeuse Rust à Orléans');
  assert.equal(m2.calendar.events[0].uid, r.json.uid);
  assert.equal(m2.calendar.events[0].sequence, 1);
  assert.equal(m2.calendar.events[0].dtstart, '2027-01-13T15:30:00+00:00');

  const cancelled = await srv.req('POST', `/api/v1/interviews/${r.json.id}/cancel`, { as: rec, ifMatch: '"2"' });
  assert.equal(cancelled.status, 200, cancelled.text);
  assert.equal(cancelled.json.status, 'cancelled');
  const m3 = await sink.next(email, 2);
  assert.equal(m3.calendar.method, 'CANCEL');
  assert.equal(m3.calendar.events[0].status, 'CANCELLED');
  assert.equal(m3.calendar.events[0].sequence, 2);
  assert.equal(m3.calendar.events[0].uid, r.json.uid);
  assertProblem(await srv.req('POST', `/api/v1/interviews/${r.json.id}/cancel`, { as: rec, ifMatch: '"3"' }), 409, 'already cancelled');
  // the event log has the interview's life and the candidate-facing messages
  const types = srv.sql(`SELECT type FROM events WHERE object_type = 'interview' AND object_id = ${r.json.id} ORDER BY id`).map((e) => e.type);
  assert.deepEqual(types, ['interview.scheduled', 'interview.moved', 'interview.cancelled']);
  const msgs = srv.sql(`SELECT after_json FROM events WHERE type = 'candidate.message' AND object_id = ${candidacy.id} ORDER BY id`).map((e) => JSON.parse(e.after_json));
  assert.deepEqual(msgs.map((m) => [m.kind, m.first_answer]), [['interview_invitation', true], ['interview_updated', false], ['interview_cancelled', false]]);
  assertProblem(await srv.patch(`/api/v1/interviews/${r.json.id}`, { duration_minutes: 30 }, { as: rec, ifMatch: '"3"' }), 409);
});

test('interviewers: active accounts but consultants, for recruiters', async () => {
  const r = await srv.get('/api/v1/interviewers', { as: rec });
  assert.equal(r.status, 200);
  const roles = r.json.items.map((u) => u.role);
  assert.ok(roles.includes('tech') && roles.includes('recruiter'));
  assert.ok(!roles.includes('consultant'));
  assert.ok(r.json.items.every((u) => u.id && u.name && !('email' in u)));
});

test('an interviewer booked at an overlapping time is refused with 409; back to back is fine', async () => {
  const a = await newCandidacy(), b = await newCandidacy();
  const tech = users.tech.id;
  const first = await srv.post(`/api/v1/candidacies/${a.candidacy.id}/interviews`, { starts_at: '2027-02-01T09:00:00Z', duration_minutes: 60, video_url: 'https://visio.example/abc', interviewers: [tech] }, { as: rec });
  assert.equal(first.status, 201, first.text);
  const before = srv.sqlValue('SELECT count(*) FROM outbox');
  const clash = await srv.post(`/api/v1/candidacies/${b.candidacy.id}/interviews`, { starts_at: '2027-02-01T09:30:00Z', duration_minutes: 30, place: 'Lyon', interviewers: [users.manager.id, tech] }, { as: rec });
  assertProblem(clash, 409);
  assert.match(clash.json.detail, new RegExp(String(first.json.id)));
  assert.equal(srv.sqlValue('SELECT count(*) FROM outbox'), before, 'a refused interview sends nothing');
  const next = await srv.post(`/api/v1/candidacies/${b.candidacy.id}/interviews`, { starts_at: '2027-02-01T10:00:00Z', duration_minutes: 30, place: 'Lyon', interviewers: [tech] }, { as: rec });
  assert.equal(next.status, 201, next.text);
  // moving the second onto the first is refused too
  assertProblem(await srv.patch(`/api/v1/interviews/${next.json.id}`, { starts_at: '2027-02-01T09:15:00Z' }, { as: rec, ifMatch: '"1"' }), 409);
  // a cancelled interview frees the slot
  assert.equal((await srv.req('POST', `/api/v1/interviews/${first.json.id}/cancel`, { as: rec, ifMatch: '"1"' })).status, 200);
  assert.equal((await srv.patch(`/api/v1/interviews/${next.json.id}`, { starts_at: '2027-02-01T09:15:00Z' }, { as: rec, ifMatch: '"1"' })).status, 200);
});

test('interview input is checked: times with a zone, bounds, people, place or link', async () => {
  const { candidacy } = await newCandidacy();
  const url = `/api/v1/candidacies/${candidacy.id}/interviews`;
  const ok = { starts_at: '2027-03-01T09:00:00Z', duration_minutes: 45, place: 'Paris', interviewers: [users.tech.id] };
  for (const starts_at of ['2027-03-01T09:00:00', '2027-02-30T09:00Z', '2027-03-01 09:00Z', '2027-03-01T25:00Z', 'demain', '2027-03-01T09:00:00+15:00'])
    assertFieldError(await srv.post(url, { ...ok, starts_at }, { as: rec }), 'starts_at', starts_at);
  assertFieldError(await srv.post(url, { ...ok, starts_at: 12 }, { as: rec }), 'starts_at');
  for (const duration_minutes of [0, 601, '45', 1.5]) assertFieldError(await srv.post(url, { ...ok, duration_minutes }, { as: rec }), 'duration_minutes');
  assertFieldError(await srv.post(url, { ...ok, interviewers: [] }, { as: rec }), 'interviewers');
  assertFieldError(await srv.post(url, { ...ok, interviewers: [999999] }, { as: rec }), 'interviewers[0]');
  assertFieldError(await srv.post(url, { ...ok, interviewers: ['x'] }, { as: rec }), 'interviewers[0]');
  assertFieldError(await srv.post(url, { ...ok, interviewers: Array(11).fill(users.tech.id) }, { as: rec }), 'interviewers');
  assertFieldError(await srv.post(url, { ...ok, place: null }, { as: rec }), 'place');
  assertFieldError(await srv.post(url, { ...ok, video_url: 'javascript:alert(1)' }, { as: rec }), 'video_url');
  assertFieldError(await srv.post(url, { ...ok, place: 'x'.repeat(201) }, { as: rec }), 'place');
  assertFieldError(await srv.post(url, { ...ok, unknown: 1 }, { as: rec }), 'unknown');
  assertProblem(await srv.post('/api/v1/candidacies/999999/interviews', ok, { as: rec }), 404);
  assertProblem(await srv.post(url, ok, { as: await srv.as('tech') }), 403);
  assertProblem(await srv.req('POST', url, { raw: '{"starts_at": ', as: rec }), 400);
  assertProblem(await srv.get('/api/v1/interviews/999999', { as: rec }), 404);
  const planned = await srv.post(url, ok, { as: rec });
  assert.equal(planned.status, 201, planned.text);
  await move(candidacy, 'withdrawn', { reason: 'a trouvé ailleurs' });
  assertProblem(await srv.post(url, { ...ok, starts_at: '2027-04-01T09:00:00Z' }, { as: rec }), 409, 'no interview on a closed candidacy');
  assertProblem(await srv.patch(`/api/v1/interviews/${planned.json.id}`, { duration_minutes: 30 }, { as: rec, ifMatch: '"1"' }), 409, 'nor a move');
  assert.equal((await srv.req('POST', `/api/v1/interviews/${planned.json.id}/cancel`, { as: rec, ifMatch: '"1"' })).status, 200, 'but it can be cancelled');
});

test('outbox: admins see status, attempts, errors, paginated; others may not', async () => {
  assertProblem(await srv.get('/api/v1/outbox', { as: rec }), 403);
  assertProblem(await srv.get('/api/v1/outbox', { as: manager }), 403);
  const page = await srv.get('/api/v1/outbox?limit=2', { as: admin });
  assert.equal(page.status, 200);
  assert.equal(page.json.items.length, 2);
  assert.ok(page.json.next_cursor);
  const it = page.json.items[0];
  for (const k of ['id', 'message_id', 'kind', 'recipient', 'subject', 'status', 'attempts', 'last_error', 'created_at', 'sent_at'])
    assert.ok(k in it, k);
  assert.ok('message' in it === false, 'the message body is not listed');
  const next = await srv.get(`/api/v1/outbox?limit=2&cursor=${page.json.next_cursor}`, { as: admin });
  assert.ok(next.json.items[0].id < page.json.items[1].id + 1);
  const sent = await srv.get('/api/v1/outbox?status=sent&limit=200', { as: admin });
  assert.ok(sent.json.items.every((m) => m.status === 'sent' && m.sent_at));
  assertProblem(await srv.get('/api/v1/outbox?status=lost', { as: admin }), 400);
  assertProblem(await srv.get('/api/v1/outbox?limit=0', { as: admin }), 400);
});

test('settings: response_sla_days read by staff, changed by managers with If-Match', async () => {
  const s = await srv.get('/api/v1/settings', { as: rec });
  assert.equal(s.status, 200);
  assert.equal(s.json.response_sla_days, 5);
  assertProblem(await srv.patch('/api/v1/settings', { response_sla_days: 3 }, { as: rec, ifMatch: s.headers.get('etag') }), 403);
  assertProblem(await srv.patch('/api/v1/settings', { response_sla_days: 3 }, { as: manager }), 428);
  for (const v of [0, 61, '3', null, 2.5]) assertFieldError(await srv.patch('/api/v1/settings', { response_sla_days: v }, { as: manager, ifMatch: s.headers.get('etag') }), 'response_sla_days', String(v));
  assertFieldError(await srv.patch('/api/v1/settings', { other: 1 }, { as: manager, ifMatch: s.headers.get('etag') }), 'other');
  const ok = await srv.patch('/api/v1/settings', { response_sla_days: 3 }, { as: manager, ifMatch: s.headers.get('etag') });
  assert.equal(ok.status, 200, ok.text);
  assert.equal(ok.json.response_sla_days, 3);
  assertProblem(await srv.patch('/api/v1/settings', { response_sla_days: 4 }, { as: admin, ifMatch: s.headers.get('etag') }), 412);
  const back = await srv.patch('/api/v1/settings', { response_sla_days: 5 }, { as: admin, ifMatch: ok.headers.get('etag') });
  assert.equal(back.status, 200);
});

test('alerts: a candidate waiting longer than the delay is listed with the owner, until someone answers', async () => {
  const { candidacy } = await newCandidacy({ first: 'Oublié' });
  const old = new Date(Date.now() - 20 * 86400e3).toISOString().replace(/\.\d+Z$/, 'Z');
  srv.sqlExec(`UPDATE candidacies SET last_contact_at = '${old}', created_at = '${old}' WHERE id = ${candidacy.id}`);
  const a = await srv.get('/api/v1/alerts', { as: rec });
  assert.equal(a.status, 200);
  const mine = a.json.items.find((i) => i.candidacy_id === candidacy.id);
  assert.ok(mine, 'listed');
  assert.equal(mine.owner.id, users.recruiter.id);
  assert.equal(mine.person.name, 'Oublié Brûlé');
  assert.equal(mine.waiting_since, old);
  assert.ok(mine.working_days_waiting >= 13, String(mine.working_days_waiting));
  assert.equal(a.json.summary.response_sla_days, 5);
  assert.equal(a.json.summary.overdue, a.json.items.length);
  const byOwner = await srv.get(`/api/v1/alerts?owner_id=${users.manager.id}`, { as: rec });
  assert.ok(!byOwner.json.items.some((i) => i.candidacy_id === candidacy.id));
  assert.ok((await srv.get('/api/v1/alerts?mine=1', { as: rec })).json.items.some((i) => i.candidacy_id === candidacy.id));
  assertProblem(await srv.get('/api/v1/alerts?mine=yes', { as: rec }), 400);
  assertProblem(await srv.get('/api/v1/alerts?owner_id=-1', { as: rec }), 400);
  assertProblem(await srv.get('/api/v1/alerts', { as: await srv.as('consultant') }), 403);
  // the answer: 20 days after creation, the first answer
  await move(candidacy, 'contacted');
  const b = await srv.get('/api/v1/alerts', { as: rec });
  assert.ok(!b.json.items.some((i) => i.candidacy_id === candidacy.id), 'answered: no longer overdue');
  const fa = b.json.summary.first_answer;
  assert.ok(fa.candidacies >= 1);
  assert.equal(typeof fa.median_hours, 'number');
  assert.ok(fa.p90_hours >= fa.median_hours && fa.median_hours >= 0, JSON.stringify(fa));
  const delays = srv.sql('SELECT created_at, first_answer_at FROM candidacies WHERE first_answer_at IS NOT NULL')
    .map((r) => (Date.parse(r.first_answer_at) - Date.parse(r.created_at)) / 3600e3).sort((x, y) => x - y);
  assert.equal(fa.candidacies, delays.length);
  assert.ok(Math.abs(fa.p90_hours - delays[Math.ceil(0.9 * delays.length) - 1]) < 0.01, `p90 is the nearest rank: ${JSON.stringify(fa)}`);
});

test('the digest tells each owner who is waiting (alliance digest)', async () => {
  const { candidacy } = await newCandidacy({ first: 'Attente' });
  const old = new Date(Date.now() - 15 * 86400e3).toISOString().replace(/\.\d+Z$/, 'Z');
  srv.sqlExec(`UPDATE candidacies SET last_contact_at = '${old}' WHERE id = ${candidacy.id}`);
  const to = demoEmail('recruiter');
  const before = sink.messages().filter((m) => m.to_envelope.includes(to) && /en attente/.test(m.headers.subject)).length;
  const r = cli(['digest', '--db', srv.db]);
  assert.equal(r.status, 0, r.stderr);
  assert.match(r.stdout, /digest: [1-9]\d* mails queued, [1-9]\d* overdue candidacies/);
  const ms = await sink.waitFor((ms) => ms.filter((m) => m.to_envelope.includes(to) && /en attente/.test(m.headers.subject)).length > before, 'digest');
  const d = ms.filter((m) => m.to_envelope.includes(to) && /en attente/.test(m.headers.subject)).pop();
  assert.match(d.headers.subject, /^\d+ candidats? en attente de réponse$/);
  assert.match(d.text, /Attente Brûlé — Développeuse Rust à Orléans/);
  // and a notification for the owner (their bell in the UI)
  const owner = srv.sqlValue(`SELECT owner_id FROM candidacies WHERE id = ${candidacy.id}`);
  const notes = srv.sql(`SELECT kind, object_type, object_id FROM notifications WHERE user_id = ${owner} AND kind = 'overdue'`);
  assert.ok(notes.some((x) => x.object_type === 'candidacy' && Number(x.object_id) === candidacy.id), JSON.stringify(notes));
  assert.equal(cli(['digest', '--bogus']).status, 2);
});

test('SMTP down: mail waits with its error and attempts, then goes out once it is back; nothing lost', async () => {
  await sink.stop();
  const made = [];
  for (let i = 0; i < 3; i++) made.push(await newCandidacy({ first: `Patiente${i}` }));
  for (const { candidacy } of made) assert.equal((await move(candidacy, 'contacted')).status, 200);
  const emails = made.map((m) => m.email).map((e) => `'${e}'`).join(',');
  const deadline = Date.now() + 15000;
  let rows;
  for (;;) {
    rows = srv.sql(`SELECT status, attempts, last_error FROM outbox WHERE recipient IN (${emails})`);
    if (rows.length === 3 && rows.every((r) => r.attempts >= 2 && r.status === 'pending')) break;
    assert.ok(Date.now() < deadline, `retries: ${JSON.stringify(rows)}`);
    await new Promise((r) => setTimeout(r, 100));
  }
  assert.ok(rows.every((r) => /connect|Couldn't|refused/i.test(r.last_error)), JSON.stringify(rows));
  const o = await srv.get('/api/v1/outbox?status=pending', { as: admin });
  assert.ok(o.json.items.some((m) => m.last_error && m.next_attempt_at));
  await sink.start();
  for (const m of made) await sink.next(m.email);
  await sink.waitFor(() => srv.sqlValue(`SELECT count(*) FROM outbox WHERE recipient IN (${emails}) AND status = 'sent'`) === 3, 'sent marks');
  for (const m of made) assert.equal(sink.count(m.email), 1, 'once each');
});

test('the server stays healthy', async () => {
  await assertHealthy(srv);
});
