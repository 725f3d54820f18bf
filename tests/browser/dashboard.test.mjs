// The KPI dashboard in a real Chromium on the demo firm (a year of history
// in the event log): tiles with figures and their definitions, charts drawn
// by Chart.js, a filter (client, then team) that changes the figures, a
// shared objective created by a manager with its progress bar, the page a
// consultant sees, and the print view. Screenshots go to
// tests/browser/screenshots/dashboard-*.png. The load time is printed, not
// asserted.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import { chromium } from 'playwright-core';
import { startServer } from './server.mjs';
import { SHOTS, LAUNCH, shot, signIn, apiSession, watchPage } from './helpers.mjs';

const tileValue = (page, name) => page.locator(`.kpi-tile[data-kpi="${name}"] .kpi-value`).getAttribute('data-value');

test('dashboard: figures, definitions, charts, filters, objective, print view', { timeout: 120000 }, async () => {
  mkdirSync(SHOTS, { recursive: true });
  const server = await startServer();
  const browser = await chromium.launch(LAUNCH);
  const problems = [];
  try {
    const manager = await apiSession(server.base, 'manager');
    const clients = await (await fetch(`${server.base}/api/v1/clients?limit=200`, { headers: manager })).json();
    const page = await browser.newPage({ viewport: { width: 1360, height: 900 } });
    watchPage(page, problems);
    await page.goto(`${server.base}/#/dashboard?days=365`);
    await signIn(page, 'manager');
    await page.goto(`${server.base}/#/dashboard?days=365`);
    await page.locator('#dash-timing').filter({ hasText: /\d/ }).waitFor();
    console.log(`# dashboard (manager, 12 months): ${await page.locator('#dash-timing').textContent()}`);

    // figures from the demo year, and the definition behind "?"
    const ttf = Number(await tileValue(page, 'time_to_fill'));
    assert.ok(ttf > 0, 'time to fill has a value');
    assert.ok(Number(await tileValue(page, 'win_rate')) > 0);
    const help = page.locator('.kpi-tile[data-kpi="time_to_fill"] .kpi-help');
    await help.press('Enter');
    assert.equal(await help.getAttribute('aria-expanded'), 'true');
    assert.match(await page.locator('.kpi-tile[data-kpi="time_to_fill"] .kpi-def').textContent(), /ouverture d'un besoin/);

    // five charts, drawn on canvas (pixels were painted)
    await page.locator('.dash-chart canvas').first().waitFor();
    assert.equal(await page.locator('.dash-chart').count(), 5);
    const painted = await page.locator('.dash-chart canvas').evaluateAll((cs) => cs.map((c) => {
      const d = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;
      let n = 0;
      for (let i = 3; i < d.length; i += 4) if (d[i]) n++;
      return n;
    }));
    assert.ok(painted.every((n) => n > 500), `every chart painted: ${painted}`);
    await shot(page, 'dashboard-manager');

    // a client filter changes the figures (the URL keeps it)
    const before = await page.locator('.kpi-tile .kpi-value').evaluateAll((els) => els.map((e) => e.dataset.value).join('|'));
    const one = clients.items.find((c) => c.name === 'Banque Horizon') || clients.items[0];
    await page.locator('#dash-client').selectOption(String(one.id));
    await page.waitForURL(new RegExp(`client_id=${one.id}`));
    await page.locator('#dash-timing').filter({ hasText: /\d/ }).waitFor();
    console.log(`# dashboard (manager, one client, Chart.js already loaded): ${await page.locator('#dash-timing').textContent()}`);
    const after = await page.locator('.kpi-tile .kpi-value').evaluateAll((els) => els.map((e) => e.dataset.value).join('|'));
    assert.notEqual(after, before, 'the client filter changes the figures');
    // the team filter keeps only that team's tiles
    await page.locator('#dash-team').selectOption('sales');
    await page.waitForURL(/team=sales/);
    await page.locator('#dash-timing').filter({ hasText: /\d/ }).waitFor();
    assert.equal(await page.locator('.kpi-tile[data-kpi="funnel"]').count(), 0);
    assert.ok(await page.locator('.kpi-tile[data-kpi="win_rate"]').count());
    await shot(page, 'dashboard-filtered');

    // a manager sets a shared objective; its progress bar shows
    await page.goto(`${server.base}/#/dashboard?days=365`);
    await page.locator('#objective-new').click();
    const form = page.locator('#objective-form');
    await form.locator('select').first().selectOption('time_to_fill');
    await form.locator('input[type="number"]').fill('20');
    await form.locator('button[type="submit"]').click();
    await page.locator('.objective progress').first().waitFor();
    assert.match(await page.locator('.objective').first().textContent(), /Délai de pourvoi/);
    await shot(page, 'dashboard-objective');

    // the print view hides the filters and the buttons
    await page.emulateMedia({ media: 'print' });
    assert.equal(await page.locator('.dash-filters').isVisible(), false);
    await shot(page, 'dashboard-print');
    await page.emulateMedia({ media: 'screen' });

    // a consultant sees the same page, without the figures their role may not read
    const other = await browser.newPage({ viewport: { width: 1360, height: 900 } });
    watchPage(other, problems);
    await other.goto(`${server.base}/#/login`);
    await signIn(other, 'consultant');
    await other.goto(`${server.base}/#/dashboard?days=365`);
    await other.locator('#dash-timing').filter({ hasText: /\d/ }).waitFor();
    assert.equal(await other.locator('.kpi-tile[data-kpi="win_rate"]').count(), 0);
    assert.ok(await other.locator('.kpi-tile[data-kpi="fill_rate"]').count());
    assert.equal(await other.locator('#objective-new').count(), 0);
    await shot(other, 'dashboard-consultant');
    assert.deepEqual(problems, []);
  } finally {
    await browser.close();
    await server.stop();
  }
});
