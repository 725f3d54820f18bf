// Working together live, in two signed-in Chromium windows: the recruiter
// writes in a need's channel and mentions the tech lead; the tech lead's
// badge and notifications update without a reload; the tech lead follows
// the notification to the post; a pipeline move made elsewhere shows on the
// kanban the tech lead has open. Screenshots go to tests/browser/screenshots/.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import { chromium } from 'playwright-core';
import { startServer } from './server.mjs';
import { SHOTS, LAUNCH, shot, signIn, apiSession, watchPage } from './helpers.mjs';

async function json(base, path, headers, method = 'GET', body) {
  const r = await fetch(base + path, { method, headers: { ...headers, 'Content-Type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body) });
  return { status: r.status, json: r.status === 204 ? null : await r.json() };
}

test('a mention in a need\'s channel reaches the tech lead live; the kanban follows', { timeout: 180000 }, async () => {
  mkdirSync(SHOTS, { recursive: true });
  const server = await startServer();
  const browser = await chromium.launch(LAUNCH);
  const problems = [];
  try {
    const rec = await apiSession(server.base, 'recruiter');
    const techApi = await apiSession(server.base, 'tech');
    const me = (await json(server.base, '/api/v1/me', techApi)).json.user;
    const need = (await json(server.base, '/api/v1/needs?status=open&limit=1', rec)).json.items[0];
    assert.ok(need, 'the demo has an open need');
    // a candidate the recruiter proposes on it, for the kanban part
    const person = (await json(server.base, '/api/v1/people', rec, 'POST', { kind: 'candidate', first_name: 'Inès', last_name: 'Direct' })).json;
    const proposed = await json(server.base, '/api/v1/candidacies', rec, 'POST', { person_id: person.id, need_id: need.id });
    assert.equal(proposed.status, 201);
    const cand = proposed.json;

    const ctxRec = await browser.newContext({ viewport: { width: 1360, height: 900 }, locale: 'fr-FR' });
    const ctxTech = await browser.newContext({ viewport: { width: 1360, height: 900 }, locale: 'fr-FR' });
    const pr = await ctxRec.newPage();
    const pt = await ctxTech.newPage();
    watchPage(pr, problems);
    watchPage(pt, problems);
    await pr.goto(server.base + '/#/login');
    await signIn(pr, 'recruiter');
    await pt.goto(server.base + '/#/login');
    await signIn(pt, 'tech');

    // the tech lead watches the home feed; the badge starts from its count
    await pt.goto(server.base + '/#/feed');
    await pt.locator('#feed-list-title').waitFor();
    const badge = pt.locator('#feed-badge');
    const before = (await badge.isHidden()) ? 0 : Number(await badge.textContent());
    await shot(pt, '40-feed-tech-before');

    // the recruiter opens the need, then its channel, and writes a mention
    await pr.goto(server.base + `/#/needs/${need.id}`);
    const channelLink = pr.locator('#object-channel');
    await channelLink.waitFor({ state: 'visible' });
    await channelLink.click();
    await pr.waitForURL(/#\/channels\/\d+$/);
    await pr.locator('.composer textarea').waitFor();
    const text = `@${me.handle} peux-tu relire les **compétences** de ce besoin ?`;
    await pr.locator('.composer textarea').fill(text);
    await pr.locator('.composer button[type="submit"]').click();
    const sent = pr.locator('#post-list .post').filter({ hasText: 'peux-tu relire' });
    await sent.waitFor();
    assert.equal(await sent.locator('.post-body strong').textContent(), 'compétences', 'Markdown rendered');
    await shot(pr, '41-channel-need-recruiter');

    // without any reload, the tech lead's badge goes up and the notification is listed
    await pt.waitForFunction((n) => {
      const b = document.getElementById('feed-badge');
      return b && !b.hidden && Number(b.textContent) > n;
    }, before, { timeout: 10000 });
    const note = pt.locator('#notif-list .notif').filter({ hasText: 'peux-tu relire' });
    await note.waitFor({ timeout: 10000 });
    assert.match(await note.textContent(), /vous a mentionné/);
    await shot(pt, '42-feed-tech-mentioned');

    // following it opens the channel at the post, and reading lowers the badge
    await note.locator('a').click();
    await pt.waitForURL(/#\/channels\/\d+\?post=\d+$/);
    await pt.locator('.post-highlight').waitFor();
    await pt.locator('.reply-btn').last().click();
    await pt.locator('#thread textarea').fill(`Je regarde cet après-midi, voir aussi #need-${need.id}.`);
    await pt.locator('#thread button[type="submit"]').click();
    await pt.locator('#thread .post').filter({ hasText: 'cet après-midi' }).waitFor();
    await shot(pt, '43-channel-thread-tech');
    // the recruiter sees the reply count change live
    await pr.locator('.reply-btn').filter({ hasText: '1 réponse' }).waitFor({ timeout: 10000 });
    // a "#channel" reference is a link to that channel
    const channelUrl = pt.url();
    await pt.locator('#thread a.channel-ref').first().click();
    await pt.waitForURL((u) => u.href === channelUrl.split('?')[0]); // #/channels?slug= led back to it

    // the tech lead has the need's kanban open; a move made by the recruiter shows live
    await pt.goto(server.base + `/#/needs/${need.id}`);
    const card = pt.locator(`[data-candidacy-id="${cand.id}"]`);
    await card.waitFor();
    assert.equal(await card.evaluate((el) => el.closest('[data-stage]').dataset.stage), 'sourced');
    const moved = await json(server.base, `/api/v1/candidacies/${cand.id}`, { ...rec, 'If-Match': `"${cand.version}"` }, 'PATCH', { stage: 'contacted' });
    assert.equal(moved.status, 200);
    await pt.waitForFunction((id) => document.querySelector(`[data-candidacy-id="${id}"]`)?.closest('[data-stage]')?.dataset.stage === 'contacted',
      cand.id, { timeout: 10000 });

    await pr.goto(server.base + '/#/channels');
    await pr.locator('#channel-list').waitFor();
    await shot(pr, '44-channels-list');
    assert.deepEqual(problems, []);
  } finally {
    await browser.close();
    await server.stop();
  }
});
