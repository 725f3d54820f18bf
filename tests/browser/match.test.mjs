// Matching engine in a real Chromium: the gap page draws its chart
// (Chart.js embedded in the binary) and its table, the status filter works
// from the keyboard, and a need's matches show the factors of the score.
// Screenshots go to tests/browser/screenshots/ (5x-).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import { chromium } from 'playwright-core';
import { startServer } from './server.mjs';
import { SHOTS, LAUNCH, shot, signIn, watchPage } from './helpers.mjs';

test('gap chart and explained matches', { timeout: 120000 }, async (t) => {
  mkdirSync(SHOTS, { recursive: true });
  const server = await startServer();
  const browser = await chromium.launch(LAUNCH);
  const problems = [];
  try {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'fr-FR' });
    const page = await context.newPage();
    watchPage(page, problems);
    await page.goto(server.base + '/#/gap');
    await page.waitForURL(/#\/login$/);
    await signIn(page, 'manager');

    await t.test('gap: chart drawn, table lists every skill, status filter', async () => {
      await page.waitForURL(/#\/gap/);
      await page.locator('#gap-table tbody tr').first().waitFor();
      await page.waitForFunction(() => window.Chart && window.Chart.getChart(document.getElementById('gap-chart')));
      const bars = await page.evaluate(() => window.Chart.getChart(document.getElementById('gap-chart')).data.labels.length);
      assert.ok(bars > 0);
      const rows = await page.locator('#gap-table tbody tr').count();
      assert.ok(rows >= bars);
      assert.ok(await page.locator('#gap-table .badge').first().textContent());
      await shot(page, '50-gap-open');
      await page.locator('#gap-status').focus();
      await page.keyboard.press('ArrowDown'); // qualified
      await page.waitForURL(/status=qualified/);
      await page.locator('#gap-table, .state-empty').first().waitFor();
      await shot(page, '51-gap-qualified');
    });

    await t.test('gap in English', async () => {
      await page.goto(server.base + '/#/gap');
      await page.locator('button[data-lang="en"]').click();
      await page.locator('h1', { hasText: 'Skills to recruit or train for' }).waitFor();
      await page.locator('#gap-table tbody tr').first().waitFor();
      await shot(page, '52-gap-en');
      await page.locator('button[data-lang="fr"]').click();
    });

    await t.test('a need page lists matches with their score', async () => {
      await page.goto(server.base + '/#/needs/1');
      await page.locator('ol.matches li').first().waitFor();
      const first = page.locator('ol.matches li').first();
      assert.match(await first.locator('.match-factors').textContent(), /^Compétences [\d,]+\/70 · Expérience/);
      await shot(page, '53-need-matches');
      await first.screenshot({ path: `${SHOTS}54-need-match-first.png` });
    });

    assert.deepEqual(problems, []);
  } finally {
    await browser.close();
    const exit = await server.stop();
    assert.deepEqual(exit, { code: 0, signal: null }, server.output());
  }
});
