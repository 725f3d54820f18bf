// The day of a sales person, in a real Chromium: sign in, write a need with
// structured skills, read the ranked matches, put the best profile in the
// pipeline, drag the card to "interview", sign out, and sign in again in
// English. Screenshots of every page go to tests/browser/screenshots/.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import { chromium } from 'playwright-core';
import { startServer } from './server.mjs';
import { SHOTS, LAUNCH, shot, signIn, pickSkill, apiSession, watchPage } from './helpers.mjs';

test('sales flow: need, matches, pipeline drag and drop, sign out, English', { timeout: 120000 }, async () => {
  mkdirSync(SHOTS, { recursive: true });
  const server = await startServer();
  const browser = await chromium.launch(LAUNCH);
  const problems = [];
  try {
    const context = await browser.newContext({ viewport: { width: 1440, height: 900 }, locale: 'fr-FR' });
    const page = await context.newPage();
    watchPage(page, problems);

    // Sign-in page, French by default.
    await page.goto(server.base + '/');
    await page.waitForURL(/#\/login$/);
    await page.locator('h1', { hasText: 'Connexion' }).waitFor();
    await shot(page, '01-login');

    // A wrong password is said next to the form.
    await page.locator('input[name="email"]').fill('sales@demo.alliance.example');
    await page.locator('input[name="password"]').fill('wrong');
    await page.locator('form.login-form button[type="submit"]').click();
    await page.locator('.login-form .form-summary', { hasText: 'incorrect' }).waitFor();

    await signIn(page, 'sales');
    await page.waitForURL(/#\/needs/);
    await page.locator('table tbody tr').first().waitFor();
    assert.equal(await page.locator('nav.nav').getByText('Besoins').count(), 1);
    await shot(page, '02-needs-list');

    // Filter by status.
    await page.locator('#needs-status').selectOption('open');
    await page.waitForFunction(() => [...document.querySelectorAll('tbody .badge')].every((b) => b.classList.contains('status-open')));
    await page.locator('#needs-status').selectOption('');

    // New need: an empty title comes back from the server next to its field.
    await page.getByRole('link', { name: 'Nouveau besoin' }).first().click();
    await page.waitForURL(/#\/needs\/new$/);
    // An empty title and an unknown skill come back from the server, each
    // message next to its field.
    const form = page.locator('#need-form');
    await form.locator('input[role="combobox"]').first().fill('javx');
    await form.locator('button[type="submit"]').click();
    await form.locator('[data-field="title"][aria-invalid="true"]').waitFor();
    await form.locator('[data-field="skills[0].skill"][aria-invalid="true"]').waitFor();
    assert.match(await form.locator('[data-skill-row]').first().locator('.field-error').textContent(), /Java/);
    await shot(page, '03a-need-form-errors');

    await form.locator('[data-field="title"]').fill('Développeur Java Spring Boot');
    await form.locator('[data-field="client_id"]').selectOption({ label: 'Banque Horizon' });
    await form.locator('[data-field="location"]').fill('Paris');
    await form.locator('[data-field="remote"]').selectOption('partial');
    await form.locator('[data-field="start_date"]').fill('2027-03-01');
    await form.locator('[data-field="duration_days"]').fill('120');
    await form.locator('[data-field="daily_rate_max"]').fill('650');
    await form.locator('[data-field="description"]').fill('Refonte des services de paiement.');
    const skillInputs = form.locator('input[role="combobox"]');
    await pickSkill(page, skillInputs.nth(0), 'Jav', 'java');
    await form.locator('[data-skill-row]').nth(0).locator('select').first().selectOption('4');
    await form.locator('[data-skill-row]').nth(0).locator('input[type="checkbox"]').check();
    await form.locator('#add-skill-need').click();
    await pickSkill(page, skillInputs.nth(1), 'spring bo', 'spring-boot');
    await shot(page, '03-need-form');
    await form.locator('button[type="submit"]').click();
    await page.waitForURL(/#\/needs\/\d+$/);
    const needId = Number(page.url().match(/#\/needs\/(\d+)$/)[1]);

    // Ranked matches, best first: those who meet every mandatory skill come
    // first (the server's rule), and scores descend within each group.
    await page.locator('.match').first().waitFor();
    const ranked = await page.locator('.match').evaluateAll((els) => els.map((e) => [e.dataset.mandatoryMet === 'true', Number(e.dataset.score)]));
    assert.ok(ranked.length >= 1, 'at least one match');
    assert.equal(ranked[0][0], true, 'the top match meets the mandatory skills');
    for (let i = 1; i < ranked.length; i++) {
      const [metA, a] = ranked[i - 1];
      const [metB, b] = ranked[i];
      assert.ok(metA > metB || (metA === metB && a >= b), `ranked order: ${JSON.stringify(ranked)}`);
    }
    const metScores = ranked.filter(([met]) => met).map(([, s]) => s);
    assert.deepEqual(metScores, [...metScores].sort((x, y) => y - x), 'scores descend');

    // The top person joins the pipeline.
    const top = page.locator('.match').first();
    const personId = Number(await top.getAttribute('data-person-id'));
    await top.locator('.add-to-pipeline').click();
    const card = page.locator(`ul.board-list[data-stage="sourced"] [data-person-id="${personId}"]`);
    await card.waitFor();
    await top.locator('.add-to-pipeline:disabled').waitFor();
    const candidacyId = Number(await card.getAttribute('data-candidacy-id'));

    // Drag the card with the mouse to the "interview" column.
    await card.scrollIntoViewIfNeeded();
    const from = await card.locator('.card-meta').boundingBox();
    const target = page.locator('ul.board-list[data-stage="interview"]');
    const to = await target.boundingBox();
    const patched = page.waitForResponse((r) => r.url().endsWith(`/api/v1/candidacies/${candidacyId}`) && r.request().method() === 'PATCH');
    await page.mouse.move(from.x + 20, from.y + from.height / 2);
    await page.mouse.down();
    await page.mouse.move(from.x + 40, from.y + from.height / 2 + 10, { steps: 5 });
    await page.mouse.move(to.x + to.width / 2, to.y + 40, { steps: 20 });
    await page.mouse.move(to.x + to.width / 2, to.y + 50, { steps: 5 });
    await page.mouse.up();
    assert.equal((await patched).status(), 200);
    await page.locator(`ul.board-list[data-stage="interview"] [data-candidacy-id="${candidacyId}"]`).waitFor();

    // The server agrees (a fetch with the page's cookie).
    const stage = await page.evaluate(async (id) => (await (await fetch(`/api/v1/candidacies/${id}`)).json()).stage, candidacyId);
    assert.equal(stage, 'interview');

    // Keyboard alternative: the stage list; an exit asks for a reason and
    // cancelling leaves the card where it was.
    const moved = page.locator(`[data-candidacy-id="${candidacyId}"]`);
    await moved.locator('select').selectOption('rejected');
    await page.locator('dialog[open] #exit-reason').waitFor();
    await page.locator('#exit-cancel').click();
    await page.locator('dialog[open]').waitFor({ state: 'detached' }).catch(() => {});
    assert.equal(await page.locator('dialog[open]').count(), 0);
    assert.equal(await moved.locator('select').inputValue(), 'interview');
    await page.locator(`ul.board-list[data-stage="interview"] [data-candidacy-id="${candidacyId}"]`).waitFor();
    await page.waitForTimeout(300);
    await shot(page, '04-need-detail');

    // Two people edit the same need: the later save is refused (412) and the
    // form comes back with the current version.
    await page.locator('#edit-need').click();
    await page.waitForURL(/#\/needs\/\d+\/edit$/);
    await page.locator('#need-form [data-field="title"]').waitFor();
    const other = await apiSession(server.base, 'manager');
    const changed = await fetch(`${server.base}/api/v1/needs/${needId}`, {
      method: 'PATCH',
      headers: { ...other, 'Content-Type': 'application/json', 'If-Match': '"1"' },
      body: JSON.stringify({ description: 'Changé par la direction.' }),
    });
    assert.equal(changed.status, 200);
    await page.locator('#need-form [data-field="location"]').fill('Paris La Défense');
    await page.locator('#need-form button[type="submit"]').click();
    await page.locator('#need-form .form-summary', { hasText: 'modifié' }).waitFor();
    assert.equal(await page.locator('#need-form [data-field="description"]').inputValue(), 'Changé par la direction.');
    await page.locator('#need-form [data-field="location"]').fill('Paris La Défense');
    await page.locator('#need-form button[type="submit"]').click();
    await page.waitForURL(/#\/needs\/\d+$/);
    await page.locator('.need-summary', { hasText: 'Paris La Défense' }).waitFor();

    // People list (sales may read, not write).
    await page.locator('nav.nav').getByText('Personnes').click();
    await page.waitForURL(/#\/people/);
    await page.locator('table tbody tr').first().waitFor();
    assert.equal(await page.getByRole('link', { name: 'Nouvelle personne' }).count(), 0);
    await shot(page, '05-people-list');

    // About, with the ESCO credit verbatim.
    await page.locator('nav.nav .nav-more > summary').click(); // under « Plus »
    await page.locator('nav.nav').getByText('À propos').click();
    await page.locator('#about-attribution').waitFor();
    assert.match(await page.locator('#about-attribution').textContent(), /This service uses the ESCO classification of the European Commission\./);
    await shot(page, '06-about');

    // Sign out, switch to English, sign in again.
    await page.locator('#sign-out').click();
    await page.waitForURL(/#\/login$/);
    await page.locator('button[data-lang="en"]').click();
    await page.locator('h1', { hasText: 'Sign in' }).waitFor();
    assert.equal(await page.evaluate(() => document.documentElement.lang), 'en');
    await signIn(page, 'sales');
    await page.locator('nav.nav').getByText('Needs', { exact: true }).waitFor();
    await page.goto(`${server.base}/#/needs/${needId}`);
    await page.locator('.match').first().waitFor();
    await page.locator('#pipeline-title', { hasText: 'Pipeline' }).waitFor();
    assert.equal(await page.locator('section[data-stage="interview"] .board-col-title').first().innerText().then((s) => s.split('\n')[0]), 'Interview');
    await shot(page, '07-english-need-detail');

    // A recruiter writes a person through the form.
    const ctx2 = await browser.newContext({ viewport: { width: 1440, height: 900 }, locale: 'fr-FR' });
    const page2 = await ctx2.newPage();
    watchPage(page2, problems);
    await page2.goto(server.base + '/#/people/new');
    await page2.waitForURL(/#\/login$/);
    await signIn(page2, 'recruiter');
    await page2.waitForURL(/#\/people\/new$/);
    const pform = page2.locator('#person-form');
    await pform.locator('[data-field="first_name"]').fill('Inès');
    await pform.locator('[data-field="last_name"]').fill('Moreau');
    await pform.locator('[data-field="email"]').fill('ines.moreau@example.org');
    await pform.locator('[data-field="location"]').fill('Lyon');
    // no rate field for a recruiter: rates are for sales, managers and admins (domain/visibility.h)
    assert.equal(await pform.locator('[data-field="daily_rate"]').count(), 0);
    await pickSkill(page2, pform.locator('input[role="combobox"]').nth(0), 'kube', 'kubernetes');
    await pform.locator('[data-skill-row]').nth(0).locator('input[type="number"]').fill('4');
    await shot(page2, '08-person-form');
    await pform.locator('button[type="submit"]').click();
    await page2.waitForURL(/#\/people\/\d+$/);
    await page2.locator('h1', { hasText: 'Inès Moreau' }).waitFor();
    await shot(page2, '09-person-detail');

    // A consultant sees needs but neither people nor matches.
    const ctx3 = await browser.newContext({ viewport: { width: 1440, height: 900 }, locale: 'fr-FR' });
    const page3 = await ctx3.newPage();
    watchPage(page3, problems);
    await page3.goto(server.base + '/');
    await signIn(page3, 'consultant');
    await page3.locator('table tbody tr').first().waitFor();
    assert.equal(await page3.locator('nav.nav').getByText('Personnes').count(), 0);
    await page3.goto(`${server.base}/#/needs/${needId}`);
    await page3.locator('.need-summary').waitFor();
    assert.equal(await page3.locator('#matches, #pipeline, #edit-need').count(), 0);

    // Narrow screen.
    await page.setViewportSize({ width: 390, height: 844 });
    await page.goto(`${server.base}/#/needs`);
    await page.locator('table tbody tr').first().waitFor();
    await shot(page, '10-mobile-needs');

    assert.deepEqual(problems, []);
  } finally {
    await browser.close();
    const exit = await server.stop();
    assert.deepEqual(exit, { code: 0, signal: null }, server.output());
  }
});
