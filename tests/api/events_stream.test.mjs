// The live stream GET /api/v1/events: text/event-stream of what the caller
// may see, ids from the event log, Last-Event-ID resumes without loss or
// repeat, heartbeats, and nothing from channels the caller does not see.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, assertProblem } from './harness.mjs';
import { openStream } from './sse.mjs';

let srv, rec, sales, tech, cons;
const streams = [];
const open = async (who, opts) => {
  const s = await openStream(srv.base, who, opts);
  streams.push(s);
  return s;
};
before(async () => {
  process.env.ALLIANCE_SSE_HEARTBEAT_MS = '300';
  srv = await startServer();
  delete process.env.ALLIANCE_SSE_HEARTBEAT_MS;
  [rec, sales, tech, cons] = [await srv.as('recruiter'), await srv.as('sales'), await srv.as('tech'), await srv.as('consultant')];
});
after(async () => {
  for (const s of streams) s.close();
  await srv.stop();
});

const channel = async (name, visibility = 'public', as = rec) =>
  (await srv.post('/api/v1/channels', { name, visibility }, { as })).json.id;
const say = async (ch, body, as = rec) => (await srv.post(`/api/v1/channels/${ch}/posts`, { body }, { as })).json;
const postsIn = (ms) => ms.filter((m) => m.event === 'post.created').map((m) => m.json.post.id);

test('the stream answers text/event-stream with a retry hint; signed-out callers and bad ids are refused', async () => {
  const s = await open(tech);
  assert.equal(s.status, 200);
  assert.match(s.contentType, /^text\/event-stream/);
  await s.until((_m, c) => c.retry !== null, 3000, 'retry');
  assert.equal(s.retry, 3000);
  const anon = await open(null);
  assert.equal(anon.status, 401);
  for (const bad of ['abc', '-1', '1.5', '99999999999999999999', '+3', '']) {
    const b = await open(tech, { lastEventId: bad });
    assert.equal(b.status, 400, `Last-Event-ID ${bad}`);
  }
});

test('two clients receive the same post once each; a non-member never receives a private channel\'s post', async () => {
  const pub = await channel('Annonces');
  const priv = await channel('Comité', 'private');
  const [a, b, c] = [await open(tech), await open(sales), await open(cons)];
  const hidden = await say(priv, 'secret du comité');
  const shown = await say(pub, 'Bienvenue à tous');
  for (const s of [a, b, c]) await s.until((ms) => postsIn(ms).includes(shown.id), 5000, 'the public post');
  for (const s of [a, b, c]) {
    assert.deepEqual(postsIn(s.messages).filter((id) => id === shown.id), [shown.id], 'exactly once');
    assert.ok(!postsIn(s.messages).includes(hidden.id), 'the private post stays private');
    const m = s.messages.find((x) => x.json?.post?.id === shown.id);
    assert.equal(m.id, m.json.id, 'the message id is the event id');
    assert.equal(m.json.post.html, '<p>Bienvenue à tous</p>\n');
  }
  const member = await open(rec);
  const again = await say(priv, 'encore');
  await member.until((ms) => postsIn(ms).includes(again.id), 5000, 'the member gets it');
});

test('Last-Event-ID resumes without loss or repeat, filtered like the live stream', async () => {
  const pub = await channel('Reprise');
  const priv = await channel('Reprise privée', 'private');
  const s = await open(tech);
  const first = await say(pub, 'un');
  await s.until((ms) => postsIn(ms).includes(first.id));
  const lastSeen = s.messages.at(-1).id;
  s.close();
  const missed = [];
  for (let i = 0; i < 5; i++) {
    missed.push((await say(pub, `manqué ${i}`)).id);
    await say(priv, `privé ${i}`);
  }
  const r = await open(tech, { lastEventId: lastSeen });
  const live = await say(pub, 'en direct');
  await r.until((ms) => postsIn(ms).includes(live.id), 5000, 'backlog then live');
  assert.deepEqual(postsIn(r.messages), [...missed, live.id], 'the missed posts, in order, then the live one');
  const ids = r.messages.map((m) => m.id);
  assert.deepEqual(ids, [...ids].sort((x, y) => x - y), 'ids increase');
  assert.ok(ids.every((id) => id > lastSeen));
});

test('notifications reach only their owner; pipeline moves reach staff, not consultants', async () => {
  const ch = await channel('Mentions directes');
  const [t, c] = [await open(tech), await open(cons)];
  const p = await say(ch, `@${tech.user.handle} tu peux regarder ?`);
  await t.until((ms) => ms.some((m) => m.event === 'notification.created'), 5000, 'notification');
  const n = t.messages.find((m) => m.event === 'notification.created');
  assert.equal(n.json.after.kind, 'mention');
  await c.until((ms) => postsIn(ms).includes(p.id));
  assert.ok(!c.messages.some((m) => m.event === 'notification.created'));
  const need = (await srv.post('/api/v1/needs', { title: 'Besoin en direct' }, { as: sales })).json;
  const person = (await srv.post('/api/v1/people', { kind: 'candidate', first_name: 'Lou', last_name: 'Live' }, { as: rec })).json;
  const cand = (await srv.post('/api/v1/candidacies', { person_id: person.id, need_id: need.id }, { as: rec })).json;
  const moved = await srv.patch(`/api/v1/candidacies/${cand.id}`, { stage: 'contacted' }, { as: rec, ifMatch: '"1"' });
  assert.equal(moved.status, 200);
  await t.until((ms) => ms.some((m) => m.event === 'candidacy.stage' && m.json.object_id === cand.id), 5000, 'stage');
  const st = t.messages.find((m) => m.event === 'candidacy.stage');
  assert.equal(st.json.after.stage, 'contacted');
  assert.equal(st.json.need_id, need.id);
  await c.until((ms) => ms.some((m) => m.event === 'need.created' && m.json.object_id === need.id), 5000, 'need for all');
  assert.ok(!c.messages.some((m) => m.event.startsWith('candidacy.')), 'consultants do not see the pipeline');
});

test('an idle stream gets heartbeat comments and the open streams are counted', async () => {
  const s = await open(tech);
  await s.until((_m, c) => c.comments >= 2, 5000, 'heartbeats');
  const m = await srv.get('/metrics');
  const open1 = Number(/^alliance_sse_open_streams (\d+)$/m.exec(m.text)[1]);
  assert.ok(open1 >= 1, m.text);
  s.close();
  for (let i = 0; i < 100; i++) {
    const n = Number(/^alliance_sse_open_streams (\d+)$/m.exec((await srv.get('/metrics')).text)[1]);
    if (n < open1) return;
    await new Promise((r) => setTimeout(r, 100)); // the closed stream is noticed at the next heartbeat
  }
  assert.fail('a closed stream is still counted');
});
