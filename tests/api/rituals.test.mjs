// Rituals: recurring team meetings in Europe/Paris, the agenda of the next
// occurrence built from the data, points added by participants, and the
// personal calendar feed (RFC 5545) checked with Python's icalendar.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { openStream } from './sse.mjs';
import { startServer, assertProblem, assertFieldError, assertHealthy, Server, signInAt, demoEmail } from './harness.mjs';

let srv, sales, tech, manager, recruiter, consultant, admin;
before(async () => {
  srv = await startServer();
  // one after the other: sign-ins hash passwords, at most two at a time
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

// The wall-clock time of an instant in Paris, from the JS engine's own tz data.
function parisWall(iso) {
  const f = new Intl.DateTimeFormat('en-GB', { timeZone: 'Europe/Paris', hour: '2-digit', minute: '2-digit', weekday: 'short',
    year: 'numeric', month: '2-digit', day: '2-digit', hourCycle: 'h23' });
  const p = Object.fromEntries(f.formatToParts(new Date(iso)).map((x) => [x.type, x.value]));
  return { time: `${p.hour}:${p.minute}`, weekday: p.weekday, date: `${p.year}-${p.month}-${p.day}` };
}

async function ritual(body = {}, as = tech) {
  const r = await srv.post('/api/v1/rituals', { name: 'Point delivery', frequency: 'daily', time: '09:30', ...body }, { as });
  assert.equal(r.status, 201, r.text);
  return r.json;
}

test('a daily ritual at 09:30 Paris: its next occurrence is a working day at 09:30 Paris time', async () => {
  const r = await srv.post('/api/v1/rituals', { name: '  Daily recrutement ', frequency: 'daily', time: '09:30', duration_minutes: 15 }, { as: recruiter });
  assert.equal(r.status, 201, r.text);
  assert.equal(r.headers.get('etag'), '"1"');
  const x = r.json;
  assert.equal(x.name, 'Daily recrutement');
  assert.equal(x.timezone, 'Europe/Paris');
  assert.equal(x.weekday, null);
  assert.deepEqual(x.participant_ids, [recruiter.user.id], 'the author takes part unless told otherwise');
  const o = x.next_occurrence;
  assert.equal(o.local_time, '09:30');
  const wall = parisWall(o.starts_at);
  assert.equal(wall.time, '09:30');
  assert.equal(wall.date, o.date);
  assert.ok(!['Sat', 'Sun'].includes(wall.weekday));
  assert.equal((Date.parse(o.ends_at) - Date.parse(o.starts_at)) / 60e3, 15);
  assert.ok(Date.parse(o.ends_at) > Date.now());
  assert.deepEqual((await srv.get(`/api/v1/rituals/${x.id}`, { as: consultant })).json, x);
});

test('weekly and monthly rituals fall on the day of their first date unless told', async () => {
  const w = await ritual({ frequency: 'weekly', starts_on: '2027-03-24', time: '14:00' }); // a Wednesday
  assert.equal(w.weekday, 3);
  assert.equal(w.next_occurrence.date, '2027-03-24');
  assert.equal(w.next_occurrence.starts_at, '2027-03-24T13:00:00Z'); // CET
  const after = await ritual({ frequency: 'weekly', starts_on: '2027-03-29', weekday: 1, time: '09:30' });
  assert.equal(after.next_occurrence.starts_at, '2027-03-29T07:30:00Z'); // CEST, after the change
  const m = await ritual({ frequency: 'monthly', starts_on: '2027-01-31', time: '10:00' });
  assert.equal(m.month_day, 28);
  assert.equal(m.next_occurrence.date, '2027-02-28');
  const d = await ritual({ frequency: 'daily', weekday: 3 });
  assert.equal(d.weekday, null, 'a daily ritual has no weekday');
});

test('bad input is a 422 naming the field', async () => {
  const cases = [
    [{ time: '25:00' }, 'time'], [{ time: '9:30' }, 'time'], [{ time: '09:60' }, 'time'], [{ time: '09h30' }, 'time'],
    [{ time: 930 }, 'time'], [{ time: '09:30:00' }, 'time'],
    [{ frequency: 'yearly' }, 'frequency'], [{ frequency: 'Daily' }, 'frequency'], [{ frequency: null }, 'frequency'],
    [{ duration_minutes: 0 }, 'duration_minutes'], [{ duration_minutes: 481 }, 'duration_minutes'], [{ duration_minutes: '30' }, 'duration_minutes'],
    [{ weekday: 8 }, 'weekday'], [{ weekday: 0 }, 'weekday'], [{ month_day: 31 }, 'month_day'],
    [{ starts_on: '2027-02-30' }, 'starts_on'], [{ name: 'n'.repeat(201) }, 'name'], [{ name: '' }, 'name'],
    [{ description: 'd'.repeat(5001) }, 'description'], [{ participant_ids: [999999] }, 'participant_ids'],
    [{ participant_ids: 'all' }, 'participant_ids'], [{ place: 'salle 3' }, 'place'],
  ];
  const n = Number(srv.sqlValue('SELECT count(*) FROM rituals'));
  for (const [extra, field] of cases) {
    const r = await srv.post('/api/v1/rituals', { name: 'R', frequency: 'weekly', time: '10:00', ...extra }, { as: tech });
    assertFieldError(r, field, JSON.stringify(extra).slice(0, 60));
  }
  assertFieldError(await srv.post('/api/v1/rituals', { name: 'R', time: '10:00' }, { as: tech }), 'frequency');
  assertFieldError(await srv.post('/api/v1/rituals', { name: 'R', frequency: 'daily' }, { as: tech }), 'time');
  assert.equal(Number(srv.sqlValue('SELECT count(*) FROM rituals')), n);
  assertProblem(await srv.post('/api/v1/rituals', { name: 'R', frequency: 'daily', time: '10:00' }, { as: consultant }), 403);
});

test('changing a ritual: If-Match, only its author, participants, managers and admins', async () => {
  const x = await ritual({ participant_ids: [tech.user.id, recruiter.user.id] });
  assertProblem(await srv.patch(`/api/v1/rituals/${x.id}`, { time: '10:00' }, { as: tech }), 428);
  assertProblem(await srv.patch(`/api/v1/rituals/${x.id}`, { time: '10:00' }, { as: tech, ifMatch: '"9"' }), 412);
  const r = await srv.patch(`/api/v1/rituals/${x.id}`, { time: '10:00' }, { as: sales, ifMatch: '"1"' });
  assertProblem(r, 403);
  assert.equal(r.json.type, '/problems/not-involved');
  assertFieldError(await srv.patch(`/api/v1/rituals/${x.id}`, { time: '24:00' }, { as: tech, ifMatch: '"1"' }), 'time');
  const ok = await srv.patch(`/api/v1/rituals/${x.id}`, { time: '10:15', frequency: 'weekly', weekday: 5 }, { as: recruiter, ifMatch: '"1"' });
  assert.equal(ok.status, 200, ok.text);
  assert.equal(ok.json.version, 2);
  assert.equal(parisWall(ok.json.next_occurrence.starts_at).weekday, 'Fri');
  assert.equal(parisWall(ok.json.next_occurrence.starts_at).time, '10:15');
  assert.equal((await srv.patch(`/api/v1/rituals/${x.id}`, { name: 'Par le manager' }, { as: manager, ifMatch: '"2"' })).status, 200);
  assertProblem(await srv.patch('/api/v1/rituals/999999', { name: 'X' }, { as: admin, ifMatch: '"1"' }), 404);
  const mine = await srv.get('/api/v1/rituals?mine=true', { as: recruiter });
  assert.ok(mine.json.items.some((i) => i.id === x.id));
  assert.ok(!(await srv.get('/api/v1/rituals?mine=true', { as: sales })).json.items.some((i) => i.id === x.id));
  assertProblem(await srv.get('/api/v1/rituals?mine=maybe', { as: sales }), 400);
});

// Hand-built data for the agenda: each section gets one row that belongs
// and one that does not.
test('the agenda builds itself: needs without candidates, candidates waiting, reviews, incidents, new hires', async () => {
  const day = (n) => new Date(Date.now() + n * 86400e3).toISOString();
  const client = (await srv.post('/api/v1/clients', { name: `Client agenda ${Date.now()}` }, { as: sales })).json;
  const need = async (title, status, start) => {
    const n = (await srv.post('/api/v1/needs', { title, client_id: client.id }, { as: sales })).json;
    srv.sqlExec(`UPDATE needs SET status = '${status}', start_date = ${start ? `'${start}'` : 'NULL'} WHERE id = ${n.id}`);
    return n;
  };
  const person = async (name) => (await srv.post('/api/v1/people', { kind: 'candidate', first_name: name, last_name: 'Agenda' }, { as: recruiter })).json;
  const cand = async (p, n, stage, updated) => {
    const c = (await srv.post('/api/v1/candidacies', { person_id: p.id, need_id: n.id }, { as: recruiter })).json;
    srv.sqlExec(`UPDATE candidacies SET stage = '${stage}', updated_at = '${updated}' WHERE id = ${c.id}`);
    return c;
  };
  const lonely = await need('Besoin orphelin', 'open');
  const draft = await need('Besoin brouillon', 'draft');
  const busy = await need('Besoin suivi', 'open');
  const waiting = await cand(await person('Attente'), busy, 'interview', day(-12).slice(0, 19) + 'Z');
  const fresh = await cand(await person('Récent'), busy, 'contacted', day(0).slice(0, 19) + 'Z');
  const rejected = await cand(await person('Refus'), busy, 'rejected', day(-30).slice(0, 19) + 'Z');
  const soon = await need('Démarre bientôt', 'staffed', day(7).slice(0, 10));
  const later = await need('Démarre plus tard', 'staffed', day(40).slice(0, 10));
  const hire = await cand(await person('Arrivée'), soon, 'hired', day(-1).slice(0, 19) + 'Z');
  const hireLater = await cand(await person('Plus tard'), later, 'hired', day(-1).slice(0, 19) + 'Z');
  const deal = (await srv.post('/api/v1/deals', { title: 'Affaire à revoir', client_id: client.id, amount: 100 }, { as: sales })).json;
  assert.equal((await srv.post(`/api/v1/deals/${deal.id}/review-request`, undefined, { as: sales })).status, 200);
  const quiet = (await srv.post('/api/v1/deals', { title: 'Affaire tranquille', client_id: client.id, amount: 100 }, { as: sales })).json;
  const late = (await srv.post('/api/v1/incidents', { title: 'En retard', client_id: client.id, severity: 'low' }, { as: tech })).json;
  srv.sqlExec(`UPDATE incidents SET due_at = '2020-01-01T00:00:00Z' WHERE id = ${late.id}`);
  const openInc = (await srv.post('/api/v1/incidents', { title: 'Ouvert', client_id: client.id, severity: 'critical' }, { as: tech })).json;
  const done = (await srv.post('/api/v1/incidents', { title: 'Réglé', client_id: client.id }, { as: tech })).json;
  assert.equal((await srv.patch(`/api/v1/incidents/${done.id}`, { status: 'resolved', resolution: 'ok' }, { as: tech, ifMatch: '"1"' })).status, 200);

  const x = await ritual({ name: 'Hebdo commun', participant_ids: [tech.user.id, recruiter.user.id] });
  const r = await srv.get(`/api/v1/rituals/${x.id}/agenda`, { as: recruiter });
  assert.equal(r.status, 200, r.text);
  const a = r.json;
  assert.equal(a.ritual.id, x.id);
  assert.deepEqual(a.occurrence, x.next_occurrence);
  const settings = await srv.get('/api/v1/settings', { as: manager });
  assert.equal(a.response_sla_days, settings.json.response_sla_days, "the firm's response delay (5 by default)");
  assert.equal(a.response_sla_days, 5);
  const ids = (list, key) => list.map((i) => i[key]);
  assert.ok(ids(a.needs_without_candidacy, 'need_id').includes(lonely.id));
  assert.ok(!ids(a.needs_without_candidacy, 'need_id').includes(draft.id));
  assert.ok(!ids(a.needs_without_candidacy, 'need_id').includes(busy.id));
  const w = a.candidacies_waiting.find((i) => i.candidacy_id === waiting.id);
  assert.ok(w, 'a candidate waiting 12 days is on the agenda');
  assert.equal(w.person_name, 'Attente Agenda');
  assert.equal(w.stage, 'interview');
  assert.ok(!ids(a.candidacies_waiting, 'candidacy_id').includes(fresh.id));
  assert.ok(!ids(a.candidacies_waiting, 'candidacy_id').includes(rejected.id));
  assert.ok(ids(a.deals_awaiting_review, 'deal_id').includes(deal.id));
  assert.ok(!ids(a.deals_awaiting_review, 'deal_id').includes(quiet.id));
  const incIds = ids(a.incidents, 'id');
  assert.ok(incIds.includes(late.id) && incIds.includes(openInc.id));
  assert.ok(!incIds.includes(done.id));
  assert.equal(a.incidents[0].overdue, true, 'late incidents come first');
  assert.ok(a.incidents_overdue >= 1);
  const h = a.new_hires.find((i) => i.candidacy_id === hire.id);
  assert.ok(h);
  assert.equal(h.start_date, day(7).slice(0, 10));
  assert.ok(!ids(a.new_hires, 'candidacy_id').includes(hireLater.id));
  assert.deepEqual(a.points, []);
  assertProblem(await srv.get(`/api/v1/rituals/${x.id}/agenda`, { as: consultant }), 403);
  assertProblem(await srv.get('/api/v1/rituals/999999/agenda', { as: tech }), 404);
});

test('participants add points to the next occurrence; others may not', async () => {
  const x = await ritual({ participant_ids: [tech.user.id, recruiter.user.id] });
  const p = await srv.post(`/api/v1/rituals/${x.id}/agenda/points`, { body: '  Parler du client Horizon  ' }, { as: recruiter });
  assert.equal(p.status, 201, p.text);
  assert.equal(p.json.body, 'Parler du client Horizon');
  assert.equal(p.json.occurrence, x.next_occurrence.date);
  assert.equal(p.json.author_name, recruiter.user.name);
  const a = (await srv.get(`/api/v1/rituals/${x.id}/agenda`, { as: tech })).json;
  assert.deepEqual(a.points.map((i) => i.body), ['Parler du client Horizon']);
  assertProblem(await srv.post(`/api/v1/rituals/${x.id}/agenda/points`, { body: 'Moi aussi' }, { as: sales }), 403);
  assertProblem(await srv.post(`/api/v1/rituals/${x.id}/agenda/points`, { body: 'Moi aussi' }, { as: consultant }), 403);
  assert.equal((await srv.post(`/api/v1/rituals/${x.id}/agenda/points`, { body: 'Le manager' }, { as: manager })).status, 201);
  assertFieldError(await srv.post(`/api/v1/rituals/${x.id}/agenda/points`, { body: '' }, { as: tech }), 'body');
  assertFieldError(await srv.post(`/api/v1/rituals/${x.id}/agenda/points`, { body: 'b'.repeat(2001) }, { as: tech }), 'body');
  assertFieldError(await srv.post(`/api/v1/rituals/${x.id}/agenda/points`, { body: 3 }, { as: tech }), 'body');
  assertFieldError(await srv.post(`/api/v1/rituals/${x.id}/agenda/points`, {}, { as: tech }), 'body');
});

test("a ritual has its channel; the notes and decisions of a meeting are posted in it", async () => {
  const x = await ritual({ name: 'Comité hebdo', frequency: 'weekly', weekday: 1, participant_ids: [tech.user.id, recruiter.user.id] });
  assert.equal(typeof x.channel_id, 'number');
  const found = await srv.get(`/api/v1/channels?ritual_id=${x.id}`, { as: recruiter });
  assert.deepEqual(found.json.items.map((c) => c.id), [x.channel_id]);
  const m = await srv.post(`/api/v1/rituals/${x.id}/minutes`, { notes: 'Tour de table **rapide**.', decisions: ['Relancer Horizon', 'Ouvrir un besoin Kotlin'] }, { as: recruiter });
  assert.equal(m.status, 201, m.text);
  assert.equal(m.json.channel_id, x.channel_id);
  assert.match(m.json.occurrence, /^\d{4}-\d{2}-\d{2}$/);
  const posts = (await srv.get(`/api/v1/channels/${x.channel_id}/posts`, { as: tech })).json.items;
  assert.match(posts[0].body, /Compte rendu/);
  assert.match(posts[0].html, /<strong>rapide<\/strong>/);
  assert.match(posts[0].html, /<li>Relancer Horizon<\/li>/);
  assert.match(posts[1].body, /Rituel créé/);
  assertProblem(await srv.post(`/api/v1/rituals/${x.id}/minutes`, { notes: 'x' }, { as: sales }), 403);
  assertFieldError(await srv.post(`/api/v1/rituals/${x.id}/minutes`, { notes: '' }, { as: tech }), 'notes');
  assertFieldError(await srv.post(`/api/v1/rituals/${x.id}/minutes`, { notes: 'n'.repeat(10001) }, { as: tech }), 'notes');
  assertFieldError(await srv.post(`/api/v1/rituals/${x.id}/minutes`, { notes: 'x', decisions: [3] }, { as: tech }), 'decisions[0]');
  assertFieldError(await srv.post(`/api/v1/rituals/${x.id}/minutes`, { notes: 'x', decisions: ['d'.repeat(501)] }, { as: tech }), 'decisions[0]');
  assertFieldError(await srv.post(`/api/v1/rituals/${x.id}/minutes`, { notes: 'x', decisions: 'oui' }, { as: tech }), 'decisions');
});

// Parses the feed with Python's icalendar and returns what it read.
function readIcs(text) {
  const script = `
import sys, json
from icalendar import Calendar
cal = Calendar.from_ical(sys.stdin.buffer.read())
out = {"version": str(cal.get("version")), "prodid": str(cal.get("prodid")), "tz": [], "events": []}
for c in cal.walk():
    if c.name == "VTIMEZONE":
        out["tz"].append({"tzid": str(c.get("tzid")), "parts": sorted(s.name for s in c.subcomponents)})
    if c.name == "VEVENT":
        start = c.decoded("dtstart")
        out["events"].append({"uid": str(c.get("uid")), "summary": str(c.get("summary")),
            "rrule": c.get("rrule").to_ical().decode() if c.get("rrule") else None,
            "tzid": c.get("dtstart").params.get("tzid"), "start": start.isoformat(),
            "utcoffset": start.utcoffset().total_seconds() if start.utcoffset() is not None else None,
            "duration": c.decoded("duration").total_seconds(), "sequence": int(c.get("sequence"))})
print(json.dumps(out))
`;
  // Debian's python3 (python3-icalendar), not another python on the PATH
  const r = spawnSync('/usr/bin/python3', ['-c', script], { input: text, encoding: 'utf8' });
  assert.equal(r.status, 0, `icalendar could not read the feed: ${r.stderr}\n${text}`);
  return JSON.parse(r.stdout);
}

test('a ritual created, changed or given a point reaches the live stream, facts only', async () => {
  const s = await openStream(srv.base, consultant);
  try {
    const x = await ritual({ name: 'Rituel en direct' });
    const p = await srv.post(`/api/v1/rituals/${x.id}/agenda/points`, { body: 'Un point confidentiel' }, { as: tech });
    assert.equal(p.status, 201, p.text);
    assert.equal((await srv.patch(`/api/v1/rituals/${x.id}`, { time: '10:15' }, { as: tech, ifMatch: '"1"' })).status, 200);
    const of = (ms, type) => ms.filter((m) => m.event === type && m.json.object_id === x.id);
    await s.until((ms) => of(ms, 'ritual.created').length && of(ms, 'ritual.point').length && of(ms, 'ritual.updated').length, 5000, 'the ritual events');
    assert.equal(of(s.messages, 'ritual.updated')[0].json.after.version, 2);
    assert.equal(of(s.messages, 'ritual.point')[0].json.after.point_id, p.json.id);
    assert.ok(!s.messages.some((m) => m.data.includes('Un point confidentiel')), 'the text of a point is not in the stream');
  } finally {
    s.close();
  }
});

const FEED_PATH = /^\/calendar\/\d+-[A-Za-z0-9_-]{43}\.ics$/;
const feedPath = (url) => new URL(url, 'http://x').pathname;

test('the calendar feed: my address is in /me, an RFC 5545 calendar of my rituals with stable UIDs; a new address revokes the old', async () => {
  const me = await srv.get('/api/v1/me', { as: tech });
  assert.equal(me.status, 200, me.text);
  assert.equal(me.json.calendar.active, true, 'everyone has a feed from the start');
  assert.equal(me.json.calendar.created_at, null);
  const url = new URL(me.json.calendar_url);
  assert.equal(url.host, new URL(srv.base).host);
  assert.match(url.pathname, FEED_PATH);
  assert.equal((await srv.get('/api/v1/me', { as: tech })).json.calendar_url, me.json.calendar_url, 'the same address each time');
  const salesUrl = (await srv.get('/api/v1/me', { as: sales })).json.calendar_url;
  assert.notEqual(feedPath(salesUrl), url.pathname, 'an address per person');
  const token = url.pathname.slice(10, -4);
  const mac = token.split('-').slice(1).join('-');
  assert.equal(srv.sqlValue(`SELECT count(*) FROM calendar_feeds WHERE changed_at LIKE '%${mac}%'`), 0, 'the address is not stored');

  const daily = await ritual({ name: 'Daily tech', time: '09:30', duration_minutes: 15, starts_on: '2027-03-26' });
  const weekly = await ritual({ name: 'Revue hebdo', frequency: 'weekly', weekday: 2, time: '16:00', starts_on: '2027-10-25' });
  const monthly = await ritual({ name: 'Mensuelle', frequency: 'monthly', month_day: 5, time: '11:00', starts_on: '2027-01-01' });
  const notMine = await ritual({ name: 'Pas la mienne' }, sales);

  const f = await srv.get(url.pathname);
  assert.equal(f.status, 200, f.text);
  assert.match(f.headers.get('content-type'), /^text\/calendar; charset=utf-8/);
  assert.match(f.text, /^BEGIN:VCALENDAR\r\n/);
  const cal = readIcs(f.text);
  assert.equal(cal.version, '2.0');
  assert.deepEqual(cal.tz, [{ tzid: 'Europe/Paris', parts: ['DAYLIGHT', 'STANDARD'] }]);
  const byUid = Object.fromEntries(cal.events.map((e) => [e.uid, e]));
  assert.ok(!byUid[`ritual-${notMine.id}@alliance`]);
  const d = byUid[`ritual-${daily.id}@alliance`];
  assert.equal(d.summary, 'Daily tech');
  assert.equal(d.rrule, 'FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR');
  assert.equal(d.tzid, 'Europe/Paris');
  assert.equal(d.start, '2027-03-26T09:30:00+01:00');
  assert.equal(d.duration, 900);
  const w = byUid[`ritual-${weekly.id}@alliance`];
  assert.equal(w.rrule, 'FREQ=WEEKLY;BYDAY=TU');
  assert.equal(w.start, '2027-10-26T16:00:00+02:00'); // still summer time: the change is on the 31st
  const m = byUid[`ritual-${monthly.id}@alliance`];
  assert.equal(m.rrule, 'FREQ=MONTHLY;BYMONTHDAY=5');
  assert.equal(m.start, '2027-01-05T11:00:00+01:00');
  assert.ok(readIcs((await srv.get(feedPath(salesUrl))).text).events.some((e) => e.uid === `ritual-${notMine.id}@alliance`));

  // a change keeps the UID and raises SEQUENCE
  assert.equal((await srv.patch(`/api/v1/rituals/${daily.id}`, { time: '09:45' }, { as: tech, ifMatch: '"1"' })).status, 200);
  const again = readIcs((await srv.get(url.pathname)).text);
  const d2 = again.events.find((e) => e.uid === d.uid);
  assert.equal(d2.sequence, d.sequence + 1);
  assert.equal(d2.start, '2027-03-26T09:45:00+01:00');

  // a new address revokes the old one, and /me shows the new one
  const mk2 = await srv.post('/api/v1/me/calendar', undefined, { as: tech });
  assert.equal(mk2.status, 201, mk2.text);
  const url2 = feedPath(mk2.json.calendar_url);
  assert.match(url2, FEED_PATH);
  assert.notEqual(url2, url.pathname);
  assert.equal((await srv.get(url.pathname)).status, 404);
  assert.equal((await srv.get(url2)).status, 200);
  const me2 = (await srv.get('/api/v1/me', { as: tech })).json;
  assert.equal(feedPath(me2.calendar_url), url2);
  assert.equal(typeof me2.calendar.created_at, 'string');
  assert.equal((await srv.get(feedPath(salesUrl))).status, 200, "someone else's address is untouched");

  // DELETE turns the feed off; the next POST makes a third address, the second stays dead
  assert.equal((await srv.del('/api/v1/me/calendar', { as: tech })).status, 204);
  assert.equal((await srv.get(url2)).status, 404);
  const off = (await srv.get('/api/v1/me', { as: tech })).json;
  assert.equal(off.calendar.active, false);
  assert.equal(off.calendar_url, null);
  const mk3 = await srv.post('/api/v1/me/calendar', undefined, { as: tech });
  assert.equal(mk3.status, 201);
  const url3 = feedPath(mk3.json.calendar_url);
  assert.ok(![url.pathname, url2].includes(url3));
  assert.equal((await srv.get(url2)).status, 404);
  assert.equal((await srv.get(url3)).status, 200);
});

test('a forged, altered or borrowed calendar address finds nothing', async () => {
  const mine = feedPath((await srv.get('/api/v1/me', { as: consultant })).json.calendar_url);
  assert.equal((await srv.get(mine)).status, 200);
  const token = mine.slice(10, -4);
  const [id, ...rest] = token.split('-');
  const mac = rest.join('-');
  const flip = (c) => (c === 'A' ? 'B' : 'A');
  const other = String(sales.user.id);
  for (const bad of [
    `/calendar/${other}-${mac}.ics`, // my MAC with someone else's id
    `/calendar/${id}-${flip(mac[0])}${mac.slice(1)}.ics`, // one character changed
    `/calendar/${id}-${mac.slice(0, -1)}.ics`, // one short
    `/calendar/${id}-${mac}A.ics`, // one too many
    `/calendar/0${id}-${mac}.ics`, // the same id written otherwise
    `/calendar/${mac}.ics`, `/calendar/-${mac}.ics`, `/calendar/999999-${mac}.ics`,
    `/calendar/${'9'.repeat(19)}-${mac}.ics`, '/calendar/x.ics', `/calendar/${'a'.repeat(65)}.ics`,
    '/calendar/..%2F.ics', '/calendar/abc', `/calendar/${token}`, `/calendar/${token}.ics.ics`,
  ])
    assert.equal((await srv.get(bad)).status, 404, bad);
  assert.equal((await srv.get(mine)).status, 200, 'the real one still works');
});

test("a disabled account's calendar address stops working, and works again when it is enabled", async () => {
  const email = `cal-${Date.now()}@example.org`;
  const created = await srv.post('/api/v1/users', { email, name: 'Agenda Désactivé', role: 'consultant', password: 'un mot de passe assez long' }, { as: admin });
  assert.equal(created.status, 201, created.text);
  const who = await srv.signIn(email, 'un mot de passe assez long');
  const path = feedPath((await srv.get('/api/v1/me', { as: who })).json.calendar_url);
  assert.equal((await srv.get(path)).status, 200);
  const u = (await srv.get(`/api/v1/users/${created.json.id}`, { as: admin })).json;
  assert.equal((await srv.patch(`/api/v1/users/${u.id}`, { disabled: true }, { as: admin, ifMatch: `"${u.version}"` })).status, 200);
  assert.equal((await srv.get(path)).status, 404);
  assert.equal((await srv.patch(`/api/v1/users/${u.id}`, { disabled: false }, { as: admin, ifMatch: `"${u.version + 1}"` })).status, 200);
  assert.equal((await srv.get(path)).status, 200);
});

test('two servers on one database give the same address; a new address made on one is refused by the other at once', async () => {
  const twin = new Server();
  twin.db = srv.db; // the same database (file or PostgreSQL): two servers behind a load balancer
  twin.pgName = null; // stop() must not drop srv's database
  await twin.serve();
  try {
    const onTwin = await signInAt(twin.base, demoEmail('recruiter'));
    const here = feedPath((await srv.get('/api/v1/me', { as: recruiter })).json.calendar_url);
    const there = feedPath((await twin.get('/api/v1/me', { as: onTwin })).json.calendar_url);
    assert.equal(there, here);
    assert.equal((await twin.get(here)).status, 200);
    const renewed = await twin.post('/api/v1/me/calendar', undefined, { as: onTwin });
    assert.equal(renewed.status, 201, renewed.text);
    const fresh = feedPath(renewed.json.calendar_url);
    assert.equal((await srv.get(here)).status, 404, 'the old address is dead on the other server too');
    assert.equal((await srv.get(fresh)).status, 200);
    assert.equal(feedPath((await srv.get('/api/v1/me', { as: recruiter })).json.calendar_url), fresh);
  } finally {
    await twin.stop();
  }
  // a restart keeps the key: the address survives
  const path = feedPath((await srv.get('/api/v1/me', { as: recruiter })).json.calendar_url);
  await srv.kill();
  await srv.serve();
  assert.equal(srv.sqlValue("SELECT count(*) FROM server_keys WHERE name = 'calendar'"), 1);
  assert.equal(feedPath((await srv.get('/api/v1/me', { as: recruiter })).json.calendar_url), path);
  assert.equal((await srv.get(path)).status, 200);
});

test('text with commas, semicolons, backslashes and line breaks survives the calendar', async () => {
  const name = 'Point, équipe; \\ « delivery »';
  const x = await ritual({ name, description: 'Ligne 1\nLigne 2, fin;' }, recruiter);
  const mk = await srv.post('/api/v1/me/calendar', undefined, { as: recruiter });
  const cal = readIcs((await srv.get(new URL(mk.json.calendar_url).pathname)).text);
  const e = cal.events.find((ev) => ev.uid === `ritual-${x.id}@alliance`);
  assert.equal(e.summary, name);
});

test("the interviews I conduct are in my calendar, with their invitation's UID, in UTC", async () => {
  const need = (await srv.post('/api/v1/needs', { title: 'Besoin entretien' }, { as: sales })).json;
  const person = (await srv.post('/api/v1/people', { kind: 'candidate', first_name: 'Léa', last_name: 'Entretien' }, { as: recruiter })).json;
  const cand = (await srv.post('/api/v1/candidacies', { person_id: person.id, need_id: need.id }, { as: recruiter })).json;
  const iv = await srv.post(`/api/v1/candidacies/${cand.id}/interviews`, { starts_at: '2027-04-06T08:00:00Z', duration_minutes: 45,
    place: 'Salle Lovelace', interviewers: [tech.user.id] }, { as: recruiter });
  assert.equal(iv.status, 201, iv.text);
  const mk = await srv.post('/api/v1/me/calendar', undefined, { as: tech });
  const cal = readIcs((await srv.get(new URL(mk.json.calendar_url).pathname)).text);
  const e = cal.events.find((x) => x.uid === iv.json.uid);
  assert.ok(e, `interview ${iv.json.uid} in ${JSON.stringify(cal.events.map((x) => x.uid))}`);
  assert.equal(e.start, '2027-04-06T08:00:00+00:00');
  assert.equal(e.duration, 45 * 60);
  assert.match(e.summary, /Léa Entretien/);
  assert.equal(e.rrule, null);
});

test('an empty calendar is still a valid calendar', async () => {
  const mk = await srv.post('/api/v1/me/calendar', undefined, { as: admin });
  const f = await srv.get(new URL(mk.json.calendar_url).pathname);
  const cal = readIcs(f.text);
  assert.deepEqual(cal.events, []);
  assert.equal(cal.tz.length, 1);
});

test('the server still answers /healthz', async () => {
  await assertHealthy(srv);
});
