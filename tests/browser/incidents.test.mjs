// Incidents and rituals in a real Chromium, with two signed-in browsers:
// the tech lead reports an incident from a client's page; it appears on the
// home page of the sales person who owns the client live (the server-sent
// events stream, no reload), who accepts it and resolves it (the
// resolution dialog refuses an empty summary); the client page lists it.
// A manager opens the daily ritual, reads its agenda, adds a point, posts
// the minutes in its thread and gets the calendar address, which serves a
// calendar. Screenshots go to tests/browser/screenshots/ (incidents-*).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import { chromium } from 'playwright-core';
import { startServer } from './server.mjs';
import { SHOTS, LAUNCH, shot, apiSession, openSignedIn } from './helpers.mjs';

const TITLE = 'Le client menace de suspendre la mission';

test('incidents and rituals: report, home banner, accept, resolve, agenda, minutes, calendar', { timeout: 180000 }, async (t) => {
  mkdirSync(SHOTS, { recursive: true });
  const server = await startServer();
  const browser = await chromium.launch(LAUNCH);
  const problems = [];
  try {
    const sales = await apiSession(server.base, 'sales');
    const clients = await (await fetch(`${server.base}/api/v1/clients?limit=200`, { headers: sales })).json();
    const me = await (await fetch(`${server.base}/api/v1/me`, { headers: sales })).json();
    const client = clients.items.find((c) => c.owner_id === me.user.id);
    assert.ok(client, 'a demo client owned by the sales account');

    const open = (role, hash) => openSignedIn(browser, server.base, role, hash, problems);
    const techPage = await open('tech', `/clients/${client.id}`);
    const salesPage = await open('sales', '/needs');
    await salesPage.locator('.results table, .results .state').first().waitFor();
    assert.equal(await salesPage.locator('#my-incidents').count(), 0, 'nothing waits for sales yet');

    let incidentId;
    await t.test('the tech lead reports an incident from the client page', async () => {
      await techPage.waitForURL(new RegExp(`#/clients/${client.id}$`));
      await techPage.locator('#client-incidents .state-empty').waitFor();
      await techPage.locator('#report-incident').click();
      await techPage.waitForURL(/#\/incidents\/new\?client_id=/);
      assert.equal(await techPage.locator('#incident-client').inputValue(), String(client.id));
      await techPage.locator('#incident-title').fill(TITLE);
      await techPage.locator('#incident-severity').selectOption('high');
      await techPage.locator('#incident-description').fill('Le consultant est absent depuis trois jours sans prévenir ; le client veut une réponse aujourd’hui.');
      await shot(techPage, 'incidents-form');
      await techPage.locator('#incident-save').click();
      await techPage.waitForURL(/#\/incidents\/\d+$/);
      incidentId = Number(/#\/incidents\/(\d+)$/.exec(techPage.url())[1]);
      await techPage.locator('#incident-badges').waitFor();
      const badges = await techPage.locator('#incident-badges').innerText();
      assert.match(badges, /Haute/);
      assert.match(badges, /À accepter/);
      await techPage.locator('#thread-posts li').first().waitFor();
      assert.match(await techPage.locator('#thread-posts').innerText(), /Incident ouvert/);
      assert.equal(await techPage.locator('#main .state-loading').count(), 0, 'nothing left loading');
      assert.equal(await techPage.locator('#accept-incident').count(), 0, 'only the owner accepts');
    });

    await t.test('it appears live on the home page of the sales person (no reload)', async () => {
      const banner = salesPage.locator('#my-incidents');
      await banner.waitFor({ timeout: 15000 });
      assert.match(salesPage.url(), /#\/needs$/);
      assert.match(await banner.innerText(), /Incidents à accepter : 1/);
      assert.match(await banner.innerText(), new RegExp(TITLE));
      await shot(salesPage, 'incidents-home-banner');
      await banner.locator(`[data-incident-id="${incidentId}"] a`).click();
      await salesPage.waitForURL(new RegExp(`#/incidents/${incidentId}$`));
    });

    await t.test('the owner accepts, then resolves with a summary (an empty one is refused)', async () => {
      await salesPage.locator('#accept-notice').waitFor();
      await shot(salesPage, 'incidents-detail-to-accept');
      await salesPage.locator('#accept-incident').click();
      await salesPage.locator('#accept-incident').waitFor({ state: 'detached' });
      assert.match(await salesPage.locator('#incident-badges').innerText(), /En cours/);
      await salesPage.locator('#resolve-incident').click();
      await salesPage.locator('#resolve-confirm').click();
      await salesPage.locator('#resolve-reason-error').waitFor({ state: 'visible' });
      await shot(salesPage, 'incidents-resolve-dialog');
      await salesPage.locator('#resolve-reason').fill('Consultant remplacé dès demain ; point hebdomadaire avec le client pendant un mois.');
      await salesPage.locator('#resolve-confirm').click();
      await salesPage.locator('#incident-resolution').waitFor();
      assert.match(await salesPage.locator('#incident-badges').innerText(), /Résolu/);
      await salesPage.locator('#thread-posts li').nth(2).waitFor();
      const thread = await salesPage.locator('#thread-posts').innerText();
      assert.match(thread, /accepté par/);
      assert.match(thread, /résolution : Consultant remplacé/);
      await shot(salesPage, 'incidents-detail-resolved');
    });

    await t.test('the client page and the incidents list show it', async () => {
      await techPage.goto(`${server.base}/#/clients/${client.id}`);
      await techPage.locator(`#client-incidents [data-incident-id="${incidentId}"]`).waitFor();
      await shot(techPage, 'incidents-client-page');
      await techPage.goto(`${server.base}/#/incidents?view=all`);
      await techPage.locator(`tr[data-incident-id="${incidentId}"]`).waitFor();
      await shot(techPage, 'incidents-list');
    });

    await t.test('a ritual: agenda built from the data, a point, minutes in its thread, the calendar address', async () => {
      const page = await open('manager', '/rituals');
      await page.locator('tr[data-ritual-id]').first().waitFor();
      await shot(page, 'incidents-rituals-list');
      await page.locator('tr[data-ritual-id] a', { hasText: 'Point quotidien' }).click();
      await page.locator('#agenda-incidents').waitFor();
      assert.match(await page.locator('#agenda-reviews').innerText(), /revue/i);
      await page.locator('#point-body').fill('Faire le point sur l’incident Horizon');
      await page.locator('#point-add').click();
      await page.locator('#agenda-points li', { hasText: 'Faire le point' }).waitFor();
      await page.locator('#minutes-notes').fill('Tour de table **rapide** : deux besoins sans candidat.');
      await page.locator('#minutes-decisions').fill('Sourcer pour le besoin Kotlin\nRelancer le client Horizon');
      await page.locator('#minutes-post').click();
      await page.locator('#thread-posts li', { hasText: 'Compte rendu' }).waitFor();
      await shot(page, 'incidents-ritual-agenda');
      await page.goto(`${server.base}/#/rituals`);
      const url = await page.locator('#calendar-url').inputValue(); // shown at once: the address is derived, not stored
      assert.match(url, /\/calendar\/\d+-[A-Za-z0-9_-]{43}\.ics$/);
      const ics = await (await fetch(url)).text();
      assert.match(ics, /^BEGIN:VCALENDAR/);
      assert.match(ics, /SUMMARY:Point quotidien staffing/);
      await shot(page, 'incidents-calendar-address');
      // a new address: the page asks first, shows the new one, the old one is dead
      page.once('dialog', (d) => d.accept());
      await page.locator('#calendar-renew').click();
      await page.waitForFunction((old) => document.getElementById('calendar-url')?.value !== old, url);
      const renewed = await page.locator('#calendar-url').inputValue();
      assert.equal((await fetch(url)).status, 404);
      assert.equal((await fetch(renewed)).status, 200);
      page.once('dialog', (d) => d.accept());
      await page.locator('#calendar-revoke').click();
      await page.locator('#calendar-make').waitFor();
      assert.equal((await fetch(renewed)).status, 404);
      await shot(page, 'incidents-calendar-off');
      await page.locator('#calendar-make').click();
      await page.locator('#calendar-url').waitFor();
    });
    assert.deepEqual(problems, []);
  } finally {
    await browser.close();
    await server.stop();
  }
});
