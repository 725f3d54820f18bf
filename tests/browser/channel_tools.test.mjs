// A private channel made and used from the UI: the recruiter opens it,
// adds the tech lead from its members panel, posts with a file attached,
// corrects the post (the earlier version stays readable from "modifié");
// the tech lead finds the post with the search of the channels page and
// follows it to the channel. Screenshots go to tests/browser/screenshots/ (tools-*).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import { chromium } from 'playwright-core';
import { startServer } from './server.mjs';
import { SHOTS, LAUNCH, shot, openSignedIn, apiSession } from './helpers.mjs';

test('a private channel from the UI: members added, a file attached, an edit with its history, found by search', { timeout: 180000 }, async (t) => {
  mkdirSync(SHOTS, { recursive: true });
  const server = await startServer();
  const browser = await chromium.launch(LAUNCH);
  const problems = [];
  try {
    const rec = await openSignedIn(browser, server.base, 'recruiter', '/channels', problems);
    let channelPath;
    await t.test('the recruiter opens a private channel and adds the tech lead', async () => {
      await rec.locator('#channel-name').fill('Cellule recrutement data');
      await rec.locator('#channel-visibility').selectOption('private');
      await rec.locator('#channel-form button[type="submit"]').click();
      await rec.waitForURL(/#\/channels\/\d+$/);
      channelPath = new URL(rec.url()).hash;
      await rec.locator('h1', { hasText: 'Cellule recrutement data' }).waitFor();
      await rec.locator('#channel-members-toggle').click();
      await rec.locator('#channel-member-list li').first().waitFor();
      assert.equal(await rec.locator('#channel-member-list li').count(), 1);
      await rec.locator('#channel-members label', { hasText: 'Thomas Nguyen' }).click();
      await shot(rec, 'tools-members-pick');
      await rec.locator('#channel-members-add').click();
      await rec.locator('#channel-member-list li', { hasText: 'Thomas Nguyen' }).waitFor();
      assert.match(await rec.locator('#channel-members-toggle').innerText(), /Membres : 2/);
    });

    await t.test('a post with a file attached, then corrected: the earlier version stays readable', async () => {
      await rec.locator('.composer textarea').fill('Grille d’entretien **data** pour la campagne de printemps');
      await rec.locator('.composer input[type="file"]').setInputFiles({ name: 'grille-entretien.txt', mimeType: 'text/plain',
        buffer: Buffer.from('Questions : SQL, Spark, modélisation\n') });
      assert.match(await rec.locator('.composer-chosen').innerText(), /grille-entretien\.txt/);
      await rec.locator('.composer button[type="submit"]').click();
      await rec.locator('#post-list .post', { hasText: 'Grille d’entretien' }).waitFor();
      const postId = await rec.locator('#post-list .post', { hasText: 'Grille d’entretien' }).getAttribute('data-post-id');
      const post = rec.locator(`#post-${postId}`);
      const link = post.locator('.post-files a', { hasText: 'grille-entretien.txt' });
      await link.waitFor();
      const file = await rec.request.get(new URL(await link.getAttribute('href'), server.base).href);
      assert.equal(file.status(), 200);
      assert.equal(await file.text(), 'Questions : SQL, Spark, modélisation\n');
      await post.locator('button', { hasText: 'Modifier' }).click();
      await post.locator('.post-edit textarea').fill('Grille d’entretien **data** pour la campagne de printemps (v2, avec dbt)');
      await post.locator('.post-edit button[type="submit"]').click();
      const edited = rec.locator(`#post-${postId}`, { hasText: 'avec dbt' });
      await edited.waitFor();
      await edited.locator('.post-history-btn').click();
      await edited.locator('.post-revisions li', { hasText: 'campagne de printemps' }).waitFor();
      assert.doesNotMatch(await edited.locator('.post-revisions').innerText(), /avec dbt/, 'only the earlier text');
      // someone else writes meanwhile: the live redraw keeps the history open
      const tech = await apiSession(server.base, 'tech');
      const channelId = Number(channelPath.split('/').pop());
      const r = await fetch(`${server.base}/api/v1/channels/${channelId}/posts`, { method: 'POST',
        headers: { ...tech, 'Content-Type': 'application/json' }, body: JSON.stringify({ body: 'Je prends les entretiens Spark.' }) });
      assert.equal(r.status, 201);
      await rec.locator('#post-list .post', { hasText: 'Je prends les entretiens Spark.' }).waitFor({ timeout: 10000 });
      assert.ok(await edited.locator('.post-revisions').isVisible(), 'still open after the live redraw');
      await shot(rec, 'tools-post-file-history');
    });

    await t.test('the tech lead finds the post with the search and follows it', async () => {
      const tech = await openSignedIn(browser, server.base, 'tech', '/channels', problems);
      await tech.locator('#post-search').fill('DBT');
      await tech.locator('#post-search-go').click();
      const hit = tech.locator('#post-search-results li', { hasText: 'avec dbt' });
      await hit.waitFor();
      assert.match(await hit.innerText(), /Cellule recrutement data/);
      await tech.locator('#post-search').fill('introuvable-xyz');
      await tech.locator('#post-search-go').click();
      await tech.locator('#post-search-results .state-empty').waitFor();
      await tech.locator('#post-search').fill('campagne printemps');
      await tech.locator('#post-search-go').click();
      await shot(tech, 'tools-post-search');
      await tech.locator('#post-search-results li a', { hasText: 'Cellule recrutement data' }).first().click();
      await tech.waitForURL((u) => u.hash.startsWith(`${channelPath}?post=`));
      await tech.locator('.post-highlight').waitFor();
      // a consultant, not a member, finds nothing of it
      const cons = await openSignedIn(browser, server.base, 'consultant', '/channels', problems);
      await cons.locator('#post-search').fill('dbt');
      await cons.locator('#post-search-go').click();
      await cons.locator('#post-search-results .state-empty').waitFor();
    });
    assert.deepEqual(problems, []);
  } finally {
    await browser.close();
    await server.stop();
  }
});
