// "@" and "#" complete in the post boxes, by keyboard and for screen
// readers (role=listbox, aria-activedescendant), and a ritual's channel is
// chosen in its form: its own ("un fil dédié") or a team channel.
// Screenshots go to tests/browser/screenshots/ (mentions-*, ritual-channel-*).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import { chromium } from 'playwright-core';
import { startServer } from './server.mjs';
import { SHOTS, LAUNCH, shot, openSignedIn, apiSession } from './helpers.mjs';

async function call(headers, method, path, body) {
  const r = await fetch(path, { method, headers: { ...headers, 'Content-Type': 'application/json' }, body: body && JSON.stringify(body) });
  if (!r.ok) assert.fail(`${method} ${path}: ${r.status} ${await r.text()}`);
  return r.status === 204 ? null : r.json();
}

test('completing @handle and #channel in a post box; choosing a ritual\'s channel', { timeout: 180000 }, async (t) => {
  mkdirSync(SHOTS, { recursive: true });
  const server = await startServer();
  const browser = await chromium.launch(LAUNCH);
  const problems = [];
  try {
    const rec = await apiSession(server.base, 'recruiter');
    const channel = await call(rec, 'POST', `${server.base}/api/v1/channels`, { name: 'Sourcing data' });
    await call(rec, 'POST', `${server.base}/api/v1/channels`, { name: 'Staffing Lyon' });
    const page = await openSignedIn(browser, server.base, 'recruiter', `/channels/${channel.id}`, problems);
    const area = page.locator('.composer textarea');
    const listOf = async () => page.locator(`#${await area.getAttribute('aria-controls')}`);

    await t.test('"@" and letters propose people; arrows move, Enter inserts the handle', async () => {
      await area.click();
      await area.pressSequentially('Bonjour @ma');
      const list = await listOf();
      await list.locator('[role="option"]').first().waitFor();
      assert.equal(await list.getAttribute('role'), 'listbox');
      const options = await list.locator('[role="option"]').allInnerTexts();
      assert.match(options[0], /@marc\.lefevre/, 'the handle that starts with the letters first');
      assert.ok(options.some((o) => /@sophie\.martin/.test(o)), 'then a word of a name');
      const first = await list.locator('[role="option"]').first().getAttribute('id');
      assert.equal(await area.getAttribute('aria-activedescendant'), first);
      assert.equal(await list.locator('[aria-selected="true"]').count(), 1);
      await shot(page, 'mentions-people');
      await area.press('ArrowDown');
      const second = await list.locator('[role="option"]').nth(1).getAttribute('id');
      assert.equal(await area.getAttribute('aria-activedescendant'), second);
      await area.press('ArrowUp');
      assert.equal(await area.getAttribute('aria-activedescendant'), first);
      await area.press('Enter');
      assert.equal(await area.inputValue(), 'Bonjour @marc.lefevre ');
      assert.equal(await list.isHidden(), true);
      assert.equal(await area.getAttribute('aria-activedescendant'), null);
    });

    await t.test('"#" and letters propose channels; Tab inserts the slug', async () => {
      await area.pressSequentially('et #staff');
      const list = await listOf();
      await list.locator('[role="option"]', { hasText: '#staffing-lyon' }).waitFor();
      await shot(page, 'mentions-channels');
      await area.press('Tab');
      assert.equal(await area.inputValue(), 'Bonjour @marc.lefevre et #staffing-lyon ');
      assert.equal(await page.evaluate(() => document.activeElement.tagName), 'TEXTAREA', 'Tab chose, it did not leave');
    });

    await t.test('Escape closes without changing the text; an e-mail address proposes nothing', async () => {
      await area.pressSequentially('cc @tho');
      const list = await listOf();
      await list.locator('[role="option"]', { hasText: '@thomas.nguyen' }).waitFor();
      await area.press('Escape');
      assert.equal(await list.isHidden(), true);
      assert.equal(await area.inputValue(), 'Bonjour @marc.lefevre et #staffing-lyon cc @tho');
      await area.fill('écrire à jean@acm');
      await area.press('End');
      await area.pressSequentially('e');
      await page.waitForTimeout(400);
      assert.equal(await list.isHidden(), true, 'jean@acme is an address, not a mention');
      await area.fill('');
      await area.pressSequentially('Merci @thom');
      await list.locator('[role="option"]', { hasText: '@thomas.nguyen' }).waitFor();
      await area.press('Enter');
      await area.pressSequentially('pour la revue');
      await area.press('Control+Enter');
      const sent = page.locator('#post-list .post', { hasText: 'pour la revue' });
      await sent.waitFor();
      assert.match(await sent.innerText(), /Merci @thomas\.nguyen pour la revue/);
      await shot(page, 'mentions-sent');
    });

    await t.test("a ritual's form offers its own channel or a team channel; the page links to it", async () => {
      await page.goto(`${server.base}/#/rituals/new`);
      await page.locator('#ritual-channel').waitFor();
      assert.equal(await page.locator('#ritual-channel').inputValue(), '', 'un fil dédié by default');
      const labels = await page.locator('#ritual-channel option').allInnerTexts();
      assert.equal(labels[0], 'Un fil dédié à ce rituel');
      assert.ok(labels.includes('Sourcing data') && labels.includes('Staffing Lyon'));
      assert.ok(!labels.some((l) => /Banque Horizon/.test(l)), 'no client\'s channel');
      await page.locator('#ritual-name').fill('Point sourcing');
      await page.locator('#ritual-channel').selectOption({ label: 'Sourcing data' });
      await shot(page, 'ritual-channel-form');
      await page.locator('#ritual-save').click();
      await page.waitForURL(/#\/rituals\/\d+$/);
      const link = page.locator('#ritual-channel a', { hasText: 'Sourcing data' });
      await link.waitFor();
      assert.equal(await link.getAttribute('href'), `#/channels/${channel.id}`);
      await page.locator('#thread-posts li', { hasText: 'Rituel créé' }).waitFor();
      await shot(page, 'ritual-channel-detail');
      // back to a channel of its own: the form shows it chosen, the page says so
      await page.locator('#edit-ritual').click();
      await page.locator('#ritual-channel').waitFor();
      assert.equal(await page.locator('#ritual-channel').inputValue(), String(channel.id));
      await page.locator('#ritual-channel').selectOption('');
      await page.locator('#ritual-save').click();
      await page.locator('#ritual-channel a', { hasText: 'Un fil dédié à ce rituel' }).waitFor();
      await page.locator('#thread-posts li', { hasText: 'seront désormais publiés dans ce fil' }).waitFor();
    });

    await t.test("a demo ritual shows its thread from the start", async () => {
      const rituals = await call(rec, 'GET', `${server.base}/api/v1/rituals?limit=200`);
      const daily = rituals.items.find((r) => /Point quotidien/.test(r.name));
      await page.goto(`${server.base}/#/rituals/${daily.id}`);
      await page.locator('#ritual-channel a').waitFor();
      await page.locator('#thread-body').waitFor();
      assert.doesNotMatch(await page.locator('#ritual-thread').innerText(), /Pas encore de fil/);
      await page.locator('#thread-body').pressSequentially('Question pour @ra');
      await page.locator('#ritual-thread [role="option"]', { hasText: '@rachid.benali' }).waitFor();
      await shot(page, 'ritual-channel-demo-thread');
    });
    assert.deepEqual(problems, []);
  } finally {
    await browser.close();
    await server.stop();
  }
});
