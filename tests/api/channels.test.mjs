// Channels and posts: objects' channels made automatically, private
// channels invisible to non-members (lists, posts, search), Markdown
// rendered safely, mentions and replies notify, edits keep their history.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, assertProblem, assertFieldError } from './harness.mjs';

let srv, rec, sales, tech, cons, manager;
before(async () => {
  srv = await startServer();
  [rec, sales, tech, cons, manager] = [await srv.as('recruiter'), await srv.as('sales'), await srv.as('tech'),
    await srv.as('consultant'), await srv.as('manager')];
});
after(async () => {
  await srv.stop();
});

const post = (ch, body, as, extra = {}) => srv.post(`/api/v1/channels/${ch}/posts`, { body, ...extra }, { as });

test('a need gets its channel, found by ?need_id=, with its creator and the recruiter who proposed a candidate', async () => {
  const need = (await srv.post('/api/v1/needs', { title: 'Architecte Kafka' }, { as: sales })).json;
  const found = await srv.get(`/api/v1/channels?need_id=${need.id}`, { as: rec });
  assert.equal(found.status, 200, found.text);
  assert.equal(found.json.items.length, 1);
  const ch = found.json.items[0];
  assert.equal(ch.name, 'Architecte Kafka');
  assert.equal(ch.slug, `need-${need.id}`);
  assert.equal(ch.object_type, 'need');
  assert.equal(ch.object_id, need.id);
  let members = (await srv.get(`/api/v1/channels/${ch.id}/members`, { as: rec })).json.items.map((u) => u.id);
  assert.deepEqual(members, [sales.user.id]);
  const person = (await srv.post('/api/v1/people', { kind: 'candidate', first_name: 'Kim', last_name: 'Kafka' }, { as: rec })).json;
  const c = await srv.post('/api/v1/candidacies', { person_id: person.id, need_id: need.id }, { as: rec });
  assert.equal(c.status, 201, c.text);
  members = (await srv.get(`/api/v1/channels/${ch.id}/members`, { as: rec })).json.items.map((u) => u.id).sort();
  assert.deepEqual(members, [sales.user.id, rec.user.id].sort());
  // leaving is possible, and a later change does not add one back
  assert.equal((await srv.post(`/api/v1/channels/${ch.id}/leave`, undefined, { as: rec })).status, 204);
  await srv.patch(`/api/v1/needs/${need.id}`, { title: 'Architecte Kafka senior' }, { as: sales, ifMatch: '"1"' });
  const after1 = (await srv.get(`/api/v1/channels/${ch.id}`, { as: rec })).json;
  assert.equal(after1.member, false);
  assert.equal(after1.name, 'Architecte Kafka senior', 'the channel follows its need\'s title');
});

test('clients and deals get channels; a deal\'s channel is not for consultants', async () => {
  const client = (await srv.post('/api/v1/clients', { name: 'Verrerie Lumière' }, { as: sales })).json;
  const deal = await srv.post('/api/v1/deals', { client_id: client.id, title: 'Refonte du portail', amount: 1000, owner_id: sales.user.id }, { as: sales });
  assert.equal(deal.status, 201, deal.text);
  const cc = (await srv.get(`/api/v1/channels?client_id=${client.id}`, { as: cons })).json.items;
  assert.equal(cc.length, 1, 'a client channel is visible to consultants (they may read clients)');
  const dc = (await srv.get(`/api/v1/channels?deal_id=${deal.json.id}`, { as: sales })).json.items;
  assert.equal(dc.length, 1);
  assert.equal(dc[0].member, true);
  assert.equal((await srv.get(`/api/v1/channels?deal_id=${deal.json.id}`, { as: cons })).json.items.length, 0);
  assertProblem(await srv.get(`/api/v1/channels/${dc[0].id}`, { as: cons }), 404);
  assertProblem(await srv.get(`/api/v1/channels/${dc[0].id}/posts`, { as: cons }), 404);
  const bad = await srv.get('/api/v1/channels?need_id=abc', { as: sales });
  assertProblem(bad, 400);
});

test('a private channel is invisible to non-members: list, get, posts, search', async () => {
  const r = await srv.post('/api/v1/channels', { name: 'Direction – salaires', visibility: 'private', member_ids: [manager.user.id] }, { as: sales });
  assert.equal(r.status, 201, r.text);
  assert.equal(r.json.slug, 'direction-salaires');
  const id = r.json.id;
  assert.equal((await post(id, 'Grille confidentielle zorglub', sales)).status, 201);
  for (const who of [rec, tech, cons]) {
    const list = (await srv.get('/api/v1/channels?limit=200', { as: who })).json.items.map((c) => c.id);
    assert.ok(!list.includes(id), 'not listed');
    assertProblem(await srv.get(`/api/v1/channels/${id}`, { as: who }), 404);
    assertProblem(await srv.get(`/api/v1/channels/${id}/posts`, { as: who }), 404);
    assertProblem(await post(id, 'je passe', who), 404);
    assertProblem(await srv.post(`/api/v1/channels/${id}/join`, undefined, { as: who }), 404);
    assert.equal((await srv.get('/api/v1/posts?q=zorglub', { as: who })).json.items.length, 0, 'not found by search');
  }
  const found = (await srv.get('/api/v1/posts?q=zorglub', { as: manager })).json.items;
  assert.equal(found.length, 1);
  assert.equal(found[0].channel_id, id);
});

test('public channels: anyone joins, members add others, duplicates and reserved names refused', async () => {
  const r = await srv.post('/api/v1/channels', { name: 'Java', topic: 'La communauté Java' }, { as: rec });
  assert.equal(r.status, 201);
  assertProblem(await srv.post('/api/v1/channels', { name: 'JAVA !' }, { as: tech }), 409);
  assertFieldError(await srv.post('/api/v1/channels', { name: 'need-12' }, { as: tech }), 'name');
  assertFieldError(await srv.post('/api/v1/channels', { name: '!!!' }, { as: tech }), 'name');
  assertFieldError(await srv.post('/api/v1/channels', { name: 'x'.repeat(81) }, { as: tech }), 'name');
  assertFieldError(await srv.post('/api/v1/channels', { name: 'Ok', visibility: 'secret' }, { as: tech }), 'visibility');
  assertFieldError(await srv.post('/api/v1/channels', { name: 'Ok', member_ids: [999999] }, { as: tech }), 'member_ids');
  assertFieldError(await srv.post('/api/v1/channels', { name: 'Ok', member_ids: ['1'] }, { as: tech }), 'member_ids');
  assertProblem(await srv.post(`/api/v1/channels/${r.json.id}/members`, { user_ids: [cons.user.id] }, { as: tech }), 403);
  const joined = await srv.post(`/api/v1/channels/${r.json.id}/join`, undefined, { as: tech });
  assert.equal(joined.status, 200);
  assert.equal(joined.json.member, true);
  const added = await srv.post(`/api/v1/channels/${r.json.id}/members`, { user_ids: [cons.user.id] }, { as: tech });
  assert.equal(added.status, 200, added.text);
  assert.equal(added.json.items.length, 3);
  assertProblem(await srv.post(`/api/v1/channels/${r.json.id}/leave`, undefined, { as: sales }), 409);
});

test('Markdown is rendered; raw HTML, javascript: and data: links and event handlers are neutralized', async () => {
  const ch = (await srv.post('/api/v1/channels', { name: 'Sécurité' }, { as: tech })).json.id;
  const cases = [
    '<script>alert(1)</script>',
    '<img src=x onerror=alert(1)>',
    '[clic](javascript:alert(1))',
    '[clic](JaVaScRiPt:alert(1))',
    '[clic](java&#x73;cript:alert(1))',
    '[clic](&#x20;javascript:alert(1))',
    '<javascript:alert(1)>',
    '[img](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)',
    '![x](javascript:alert(1))',
    '[x](vbscript:msgbox(1))',
    '<a href="javascript:alert(1)">x</a>',
    '<div onmouseover="alert(1)">survol</div>',
  ];
  for (const body of cases) {
    const r = await post(ch, body, tech);
    assert.equal(r.status, 201, r.text);
    assert.equal(r.json.body, body, 'the Markdown is kept as written');
    const html = r.json.html;
    assert.ok(!/<script/i.test(html), `${body} -> ${html}`);
    assert.ok(!/<[a-z][^>]*\son\w+\s*=/i.test(html), `event handler attribute in ${html}`);
    assert.ok(!/(href|src)\s*=\s*"\s*(javascript|data|vbscript):/i.test(html), `${body} -> ${html}`);
    assert.ok(!/(href|src)\s*=\s*"[^"]*&#/i.test(html) || !/script/i.test(html), `${body} -> ${html}`);
  }
  const ok = await post(ch, '**gras** et [doc](https://example.org/a?b=1&c=2) et `<code>`', tech);
  assert.match(ok.json.html, /<strong>gras<\/strong>/);
  assert.match(ok.json.html, /<a rel="noopener noreferrer" href="https:\/\/example.org\/a\?b=1&amp;c=2">doc<\/a>/);
  assert.match(ok.json.html, /<code>&lt;code&gt;<\/code>/);
});

test('oversized, empty and malformed posts are refused', async () => {
  const ch = (await srv.post('/api/v1/channels', { name: 'Limites' }, { as: tech })).json.id;
  assertFieldError(await post(ch, 'x'.repeat(20001), tech), 'body');
  assertFieldError(await post(ch, '   ', tech), 'body');
  assertFieldError(await post(ch, 42, tech), 'body');
  assertFieldError(await post(ch, 'ok', tech, { parent_id: 99999999 }), 'parent_id');
  assertFieldError(await post(ch, 'ok', tech, { colour: 'red' }), 'colour');
  assertProblem(await srv.req('POST', `/api/v1/channels/${ch}/posts`, { as: tech, raw: `{"body":"${'y'.repeat(1100000)}"}` }), 413);
  assertProblem(await srv.req('POST', `/api/v1/channels/${ch}/posts`, { as: tech, raw: '{"body":' }), 400);
  assert.equal((await post(ch, 'x'.repeat(20000), tech)).status, 201, 'exactly the limit passes');
});

test('mentions notify whoever may see the channel; an address is not a mention; replies notify the thread', async () => {
  const ch = (await srv.post('/api/v1/channels', { name: 'Delivery' }, { as: rec })).json.id;
  const unread = async (who) => (await srv.get('/api/v1/notifications?unread=1', { as: who })).json;
  const before = (await unread(tech)).unread;
  const r = await post(ch, `Bonjour @${tech.user.handle}, écris à ${tech.user.handle}@acme.fr ou \`@${sales.user.handle}\``, rec);
  assert.equal(r.status, 201);
  assert.deepEqual(r.json.mentions, [tech.user.handle]);
  const n = await unread(tech);
  assert.equal(n.unread, before + 1);
  assert.equal(n.items[0].kind, 'mention');
  assert.equal(n.items[0].post_id, r.json.id);
  assert.equal(n.items[0].actor_id, rec.user.id);
  assert.equal((await unread(sales)).items.filter((x) => x.post_id === r.json.id).length, 0, 'in code: no mention');
  // a private channel's mention does not reach a non-member
  const priv = (await srv.post('/api/v1/channels', { name: 'Privé RH', visibility: 'private' }, { as: rec })).json.id;
  const pm = await post(priv, `@${cons.user.handle} regarde`, rec);
  assert.equal((await unread(cons)).items.filter((x) => x.post_id === pm.json.id).length, 0);
  // a reply tells the thread's writers
  const reply = await post(ch, 'Je m\'en occupe', tech, { parent_id: r.json.id });
  assert.equal(reply.status, 201);
  assert.equal(reply.json.parent_id, r.json.id);
  const rn = await unread(rec);
  assert.equal(rn.items[0].kind, 'reply');
  assert.equal(rn.items[0].post_id, reply.json.id);
  const thread = (await srv.get(`/api/v1/channels/${ch}/posts?parent_id=${r.json.id}`, { as: rec })).json.items;
  assert.deepEqual(thread.map((p) => p.id), [reply.json.id]);
  const top = (await srv.get(`/api/v1/channels/${ch}/posts`, { as: rec })).json.items;
  assert.equal(top.find((p) => p.id === r.json.id).replies, 1);
  // mark one, then all, read
  assert.equal((await srv.post(`/api/v1/notifications/${rn.items[0].id}/read`, undefined, { as: rec })).status, 204);
  assertProblem(await srv.post(`/api/v1/notifications/${rn.items[0].id}/read`, undefined, { as: tech }), 404);
  assert.equal((await srv.post('/api/v1/notifications/read', undefined, { as: tech })).status, 204);
  assert.equal((await unread(tech)).unread, 0);
});

test('an edit notifies the accounts it mentions for the first time, never those already told', async () => {
  const ch = (await srv.post('/api/v1/channels', { name: 'Relances édition' }, { as: rec })).json.id;
  const told = async (who, postId) => (await srv.get('/api/v1/notifications?limit=200', { as: who })).json.items
    .filter((x) => x.post_id === postId && x.kind === 'mention');
  const p = (await post(ch, `@${tech.user.handle} peux-tu regarder ?`, rec)).json;
  assert.equal((await told(tech, p.id)).length, 1);
  assert.equal((await told(sales, p.id)).length, 0);

  // adding @sales tells sales, not tech again
  let e = await srv.patch(`/api/v1/posts/${p.id}`, { body: `@${tech.user.handle} peux-tu regarder ? cc @${sales.user.handle}` }, { as: rec, ifMatch: '"1"' });
  assert.equal(e.status, 200, e.text);
  assert.deepEqual(e.json.mentions, [tech.user.handle, sales.user.handle]);
  const salesNotes = await told(sales, p.id);
  assert.equal(salesNotes.length, 1);
  assert.equal(salesNotes[0].actor_id, rec.user.id);
  assert.match(salesNotes[0].text, /cc @/, 'the excerpt is the edited text');
  assert.equal((await told(tech, p.id)).length, 1);

  // removed then mentioned again: still told once
  e = await srv.patch(`/api/v1/posts/${p.id}`, { body: 'plus personne' }, { as: rec, ifMatch: '"2"' });
  assert.equal(e.status, 200);
  e = await srv.patch(`/api/v1/posts/${p.id}`, { body: `@${tech.user.handle} @${sales.user.handle} finalement` }, { as: rec, ifMatch: '"3"' });
  assert.equal(e.status, 200);
  assert.equal((await told(tech, p.id)).length, 1);
  assert.equal((await told(sales, p.id)).length, 1);

  // an edit that only fixes a typo tells nobody; mentioning oneself tells nobody
  const before = (await srv.get('/api/v1/notifications?unread=1', { as: manager })).json.unread;
  e = await srv.patch(`/api/v1/posts/${p.id}`, { body: `@${tech.user.handle} @${sales.user.handle} finalement !  @${rec.user.handle}` }, { as: rec, ifMatch: '"4"' });
  assert.equal(e.status, 200);
  assert.equal((await told(rec, p.id)).length, 0);
  assert.equal((await srv.get('/api/v1/notifications?unread=1', { as: manager })).json.unread, before);

  // a private channel: an edit mentioning a non-member tells nobody; a member is told
  const priv = (await srv.post('/api/v1/channels', { name: 'Privé édition', visibility: 'private', member_ids: [manager.user.id] }, { as: rec })).json.id;
  const q = (await post(priv, 'brouillon', rec)).json;
  e = await srv.patch(`/api/v1/posts/${q.id}`, { body: `@${cons.user.handle} @${manager.user.handle} à voir` }, { as: rec, ifMatch: '"1"' });
  assert.equal(e.status, 200);
  assert.equal((await told(cons, q.id)).length, 0);
  assert.equal((await told(manager, q.id)).length, 1);

  // a refused edit tells nobody (stale version, too long, not the author)
  assertProblem(await srv.patch(`/api/v1/posts/${p.id}`, { body: `@${manager.user.handle} trop tard` }, { as: rec, ifMatch: '"1"' }), 412);
  assertFieldError(await srv.patch(`/api/v1/posts/${p.id}`, { body: `@${manager.user.handle} ${'x'.repeat(20001)}` }, { as: rec, ifMatch: '"5"' }), 'body');
  assertProblem(await srv.patch(`/api/v1/posts/${p.id}`, { body: `@${manager.user.handle} pirate` }, { as: tech, ifMatch: '"5"' }), 403);
  assert.equal((await told(manager, p.id)).length, 0);
});

test('edit and delete own posts only, an edit keeps the earlier version; reactions', async () => {
  const ch = (await srv.post('/api/v1/channels', { name: 'Historique' }, { as: rec })).json.id;
  const p = (await post(ch, 'première version', rec)).json;
  assertProblem(await srv.patch(`/api/v1/posts/${p.id}`, { body: 'pirate' }, { as: tech, ifMatch: '"1"' }), 403);
  assertProblem(await srv.patch(`/api/v1/posts/${p.id}`, { body: 'x' }, { as: rec }), 428);
  const e = await srv.patch(`/api/v1/posts/${p.id}`, { body: 'seconde *version*' }, { as: rec, ifMatch: '"1"' });
  assert.equal(e.status, 200, e.text);
  assert.equal(e.json.html, '<p>seconde <em>version</em></p>\n');
  assert.ok(e.json.edited_at);
  assertProblem(await srv.patch(`/api/v1/posts/${p.id}`, { body: 'y' }, { as: rec, ifMatch: '"1"' }), 412);
  const add = await srv.post(`/api/v1/posts/${p.id}/reactions`, { emoji: '👍' }, { as: tech });
  assert.equal(add.status, 200, add.text);
  await srv.post(`/api/v1/posts/${p.id}/reactions`, { emoji: '👍' }, { as: tech });
  await srv.post(`/api/v1/posts/${p.id}/reactions`, { emoji: '👍' }, { as: rec });
  const got = (await srv.get(`/api/v1/posts/${p.id}`, { as: rec })).json;
  assert.deepEqual(got.reactions, [{ emoji: '👍', count: 2, mine: true }]);
  assertFieldError(await srv.post(`/api/v1/posts/${p.id}/reactions`, { emoji: '<b>' }, { as: tech }), 'emoji');
  const rm = await srv.del(`/api/v1/posts/${p.id}/reactions?emoji=${encodeURIComponent('👍')}`, { as: tech });
  assert.deepEqual(rm.json.reactions, [{ emoji: '👍', count: 1, mine: false }]);
  assertProblem(await srv.del(`/api/v1/posts/${p.id}`, { as: tech }), 403);
  assert.equal((await srv.del(`/api/v1/posts/${p.id}`, { as: rec })).status, 204);
  const gone = (await srv.get(`/api/v1/posts/${p.id}`, { as: rec })).json;
  assert.equal(gone.deleted, true);
  assert.equal(gone.body, '');
  const hist = (await srv.get(`/api/v1/posts/${p.id}/revisions`, { as: rec })).json.items.map((x) => x.body);
  assert.deepEqual(hist, [null, null], 'its versions say who and when, no longer what (post_delete.test.mjs)');
  assert.equal((await srv.get('/api/v1/posts?q=premiere', { as: rec })).json.items.length, 0, 'a deleted post is not found');
});

test('search finds words in any case and accent; unread counts per channel', async () => {
  const ch = (await srv.post('/api/v1/channels', { name: 'Recherche' }, { as: rec })).json;
  await srv.post(`/api/v1/channels/${ch.id}/join`, undefined, { as: tech });
  await post(ch.id, 'Le développement Rust avance bien', rec);
  await post(ch.id, 'Réunion demain', rec);
  const hits = (await srv.get('/api/v1/posts?q=DEVELOPPEMENT', { as: tech })).json.items;
  assert.equal(hits.length, 1);
  assert.match(hits[0].body, /Rust/);
  assertProblem(await srv.get('/api/v1/posts', { as: tech }), 400);
  assert.equal((await srv.get('/api/v1/posts?q=%22%20OR%20*', { as: tech })).status, 200, 'FTS syntax is not injected');
  const mine = (await srv.get('/api/v1/channels?mine=1', { as: tech })).json.items.find((c) => c.id === ch.id);
  assert.equal(mine.unread, 2);
  const read = await srv.post(`/api/v1/channels/${ch.id}/read`, {}, { as: tech });
  assert.equal(read.json.unread, 0);
});

test('the home feed: posts of one\'s channels, a deal won (not for consultants), unread counts', async () => {
  const ch = (await srv.post('/api/v1/channels', { name: 'Fil du matin' }, { as: sales })).json.id;
  await srv.post(`/api/v1/channels/${ch}/join`, undefined, { as: cons });
  const p = (await post(ch, 'Café à 9 h', sales)).json;
  const deals = (await srv.get('/api/v1/deals?limit=200', { as: sales })).json.items;
  const d = deals.find((x) => x.latest_review?.verdict === 'go' && !['won', 'lost'].includes(x.stage));
  assert.ok(d, 'the demo has a deal with a favourable review');
  const won = await srv.patch(`/api/v1/deals/${d.id}`, { stage: 'won' }, { as: sales, ifMatch: `"${d.version}"` });
  assert.equal(won.status, 200, won.text);
  const f = await srv.get('/api/v1/feed', { as: sales });
  assert.equal(f.status, 200, f.text);
  const ev = f.json.items.find((x) => x.kind === 'event' && x.event.type === 'deal.stage' && x.event.object_id === d.id);
  assert.ok(ev, JSON.stringify(f.json.items.slice(0, 5)));
  assert.equal(ev.event.title, d.title);
  assert.ok(f.json.items.some((x) => x.kind === 'post' && x.post.id === p.id));
  const fc = (await srv.get('/api/v1/feed', { as: cons })).json;
  assert.ok(!fc.items.some((x) => x.kind === 'event' && x.event.type === 'deal.stage'), 'consultants do not see deals');
  assert.deepEqual(fc.unread.channels.find((c) => c.id === ch), { id: ch, name: 'Fil du matin', unread: 1 });
  const ats = f.json.items.map((x) => x.at);
  assert.deepEqual(ats, [...ats].sort().reverse(), 'newest first');
});

test('attachments: up to 10 MiB, stored by content, downloaded as attachments by who sees the post', async () => {
  const up = (bytes, name, type, as = rec) =>
    srv.req('POST', `/api/v1/attachments?name=${encodeURIComponent(name)}`, { as, raw: bytes, contentType: type });
  const html = Buffer.from('<html><script>alert(1)</script></html>');
  const a = await up(html, 'page "piégée".html', 'text/html');
  assertFieldError(a, 'name', 'a quote in a name');
  const b = await up(html, 'page piégée.html', 'text/html');
  assert.equal(b.status, 201, b.text);
  assert.equal(b.json.size, html.length);
  assertProblem(await srv.get(b.json.url, { as: tech }), 404, 'not posted: only its uploader');
  const priv = (await srv.post('/api/v1/channels', { name: 'Pièces privées', visibility: 'private' }, { as: rec })).json.id;
  const p = await post(priv, 'voir la pièce', rec, { attachment_ids: [b.json.id] });
  assert.equal(p.status, 201, p.text);
  assert.equal(p.json.attachments[0].name, 'page piégée.html');
  assertFieldError(await post(priv, 'encore', rec, { attachment_ids: [b.json.id] }), 'attachment_ids', 'posted once');
  const got = await srv.get(b.json.url, { as: rec });
  assert.equal(got.status, 200);
  assert.equal(got.text, html.toString());
  assert.equal(got.headers.get('content-type'), 'application/octet-stream', 'HTML is never served as HTML');
  assert.equal(got.headers.get('x-content-type-options'), 'nosniff');
  assert.equal(got.headers.get('content-disposition'), "attachment; filename*=UTF-8''page%20pi%C3%A9g%C3%A9e.html");
  assertProblem(await srv.get(b.json.url, { as: tech }), 404, 'a private channel\'s file');
  const pdf = await up(Buffer.from('%PDF-1.4 ...'), 'cv.pdf', 'application/pdf; charset=binary');
  assert.equal(pdf.json.media_type, 'application/pdf');
  assertProblem(await up(Buffer.alloc(10 * 1024 * 1024 + 1), 'big.bin', 'application/octet-stream'), 413);
  assert.equal((await up(Buffer.alloc(10 * 1024 * 1024, 7), 'ten.bin', 'application/octet-stream')).status, 201);
  assertFieldError(await up(Buffer.alloc(0), 'vide.txt', 'text/plain'), 'file');
  assertFieldError(await up(Buffer.from('x'), '../etc/passwd', 'text/plain'), 'name');
  const dupe = await up(html, 'copie.html', 'text/html');
  assert.equal(srv.sqlValue(`SELECT count(DISTINCT sha256) FROM attachments WHERE id IN (${b.json.id}, ${dupe.json.id})`), 1);
});

test('an assignment and a review request notify; the caller is never notified of itself', async () => {
  const unreadOf = async (who, kind) => (await srv.get('/api/v1/notifications?unread=1&limit=200', { as: who })).json.items.filter((n) => n.kind === kind);
  const client = (await srv.post('/api/v1/clients', { name: 'Assignations SA' }, { as: manager })).json;
  const before = (await unreadOf(sales, 'assignment')).length;
  const d = await srv.post('/api/v1/deals', { client_id: client.id, title: 'Audit de sécurité', amount: 5000, owner_id: sales.user.id }, { as: manager });
  assert.equal(d.status, 201, d.text);
  const got = await unreadOf(sales, 'assignment');
  assert.equal(got.length, before + 1);
  assert.equal(got[0].object_type, 'deal');
  assert.equal(got[0].object_id, d.json.id);
  assert.equal(got[0].text, 'Audit de sécurité');
  const own = await srv.post('/api/v1/deals', { client_id: client.id, title: 'Le mien', amount: 1, owner_id: sales.user.id }, { as: sales });
  assert.equal((await unreadOf(sales, 'assignment')).filter((n) => n.object_id === own.json.id).length, 0);
  const techBefore = (await unreadOf(tech, 'review_requested')).length;
  const rr = await srv.post(`/api/v1/deals/${d.json.id}/review-request`, undefined, { as: sales });
  assert.ok(rr.status < 300, rr.text);
  const asked = await unreadOf(tech, 'review_requested');
  assert.equal(asked.length, techBefore + 1);
  assert.equal(asked[0].object_id, d.json.id);
  assert.equal(asked[0].actor_id, sales.user.id);
});
