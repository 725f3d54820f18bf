// Row-level access in a real Chromium (src/domain/visibility.h): each page
// hides what the role may not see. A consultant's needs and their own
// profile show no rate, and their profile lists their missions; a recruiter
// sees people without rates and edits them without a rate field; a client
// contact sees their client's incidents and nothing internal (no thread, no
// link to the firm's pages). Screenshots: tests/browser/screenshots/access-*.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import { chromium } from 'playwright-core';
import { startServer } from './server.mjs';
import { SHOTS, LAUNCH, shot, signIn, apiSession, watchPage } from './helpers.mjs';

test('pages hide the rows and fields a role may not see', { timeout: 180000 }, async () => {
  mkdirSync(SHOTS, { recursive: true });
  const server = await startServer();
  const browser = await chromium.launch(LAUNCH);
  const problems = [];
  try {
    const manager = await apiSession(server.base, 'manager');
    const me = async (role) => (await (await fetch(`${server.base}/api/v1/me`, { headers: await apiSession(server.base, role) })).json()).user;
    const client = await me('client');
    const incident = await (await fetch(`${server.base}/api/v1/incidents`, {
      method: 'POST', headers: { ...manager, 'Content-Type': 'application/json' },
      body: JSON.stringify({ title: 'Retard de la recette chez le client', client_id: client.client_id, severity: 'high', description: 'La recette a glissé de deux semaines.' }),
    })).json();
    // a page never writes out a missing part as the word "null"
    const noNull = async (page) => assert.ok(!/(^|\n)\s*null\s*(\n|$)/.test(await page.locator('#main').innerText()), 'a "null" on the page');
    const open = async (role, hash) => {
      const context = await browser.newContext({ viewport: { width: 1440, height: 900 }, locale: 'fr-FR' });
      const page = await context.newPage();
      watchPage(page, problems);
      await page.goto(`${server.base}/#${hash}`);
      await page.waitForURL(/#\/login$/);
      await signIn(page, role);
      return page;
    };

    // a consultant: needs without the client's maximum rate, their own profile without a rate
    const cons = await open('consultant', '/needs');
    await cons.locator('table tbody tr').first().waitFor();
    assert.equal(await cons.locator('th', { hasText: 'TJM max' }).count(), 0, 'no rate column');
    await shot(cons, 'access-consultant-needs');
    await cons.locator('table tbody tr a.row-link').first().click();
    await cons.locator('dl.facts').first().waitFor();
    assert.equal(await cons.locator('dt', { hasText: 'TJM max' }).count(), 0, 'no rate on a need');
    await shot(cons, 'access-consultant-need');
    await cons.locator('#nav-people').click();
    await cons.locator('h1', { hasText: 'Camille Durand' }).waitFor();
    assert.equal(await cons.locator('dt', { hasText: 'Taux journalier' }).count(), 0, 'not even their own rate');
    await cons.locator('h2', { hasText: 'Mes missions' }).waitFor();
    await cons.locator('.row-card .stage-hired').first().waitFor();
    assert.equal(await cons.locator('#edit-person').count(), 0);
    await noNull(cons);
    await shot(cons, 'access-consultant-profile');

    // a recruiter: people without rates, a form without a rate field
    const rec = await open('recruiter', '/people');
    await rec.locator('table tbody tr').first().waitFor();
    assert.equal(await rec.locator('th', { hasText: 'Taux journalier' }).count(), 0);
    await shot(rec, 'access-recruiter-people');
    await rec.goto(`${server.base}/#/people/new`);
    await rec.locator('#person-form').waitFor();
    assert.equal(await rec.locator('[name="daily_rate"], label', { hasText: 'Taux journalier' }).count(), 0);
    // the sales person sees the same people with their rates
    const sales = await open('sales', '/people');
    await sales.locator('th', { hasText: 'Taux journalier' }).waitFor();

    // a client contact: their client's incidents, nothing internal
    const cl = await open('client', '/incidents');
    await cl.locator('table tbody tr', { hasText: incident.title }).waitFor();
    const nav = await cl.locator('nav.nav a.nav-link').allTextContents();
    assert.deepEqual(nav.map((s) => s.trim()).filter((s) => s !== 'À propos'), ['Incidents']);
    assert.equal(await cl.locator('#new-incident').count(), 0);
    await shot(cl, 'access-client-incidents');
    await cl.locator('table tbody tr a', { hasText: incident.title }).click();
    await cl.locator('#incident-details').waitFor();
    assert.equal(await cl.locator('#incident-thread').count(), 0, 'the thread is the firm\'s');
    assert.equal(await cl.locator('#incident-details a[href^="#/clients/"]').count(), 0);
    await noNull(cl);
    await shot(cl, 'access-client-incident');
    assert.deepEqual(problems, []);
  } finally {
    await browser.close();
    await server.stop();
  }
});
