// Imports and duplicates in a real Chromium: a recruiter checks a CSV file
// (a bad row is reported in a table and nothing is written), checks the
// fixed file, imports it; the duplicates page shows the new person beside
// the one already known, and "keep this one" merges them after a
// confirmation. The people list offers the CSV export. Screenshots go to
// tests/browser/screenshots/imports-*.png.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, writeFileSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import { startServer } from './server.mjs';
import { SHOTS, LAUNCH, shot, signIn, apiSession, watchPage } from './helpers.mjs';

test('a recruiter imports a CSV file after a dry run, then merges a duplicate', { timeout: 120000 }, async () => {
  mkdirSync(SHOTS, { recursive: true });
  const server = await startServer();
  const browser = await chromium.launch(LAUNCH);
  const problems = [];
  const dir = mkdtempSync(join(tmpdir(), 'alliance-csv-'));
  try {
    const rec = await apiSession(server.base, 'recruiter');
    const known = await (await fetch(`${server.base}/api/v1/people`, {
      method: 'POST', headers: { ...rec, 'Content-Type': 'application/json' },
      body: JSON.stringify({ kind: 'candidate', first_name: 'Awa', last_name: 'Diallo', email: 'awa.diallo@example.org',
        location: 'Lyon', skills: [{ skill: 'java', level: 3 }] }) })).json();
    const header = '\uFEFFPrénom;Nom;Type;E-mail;Téléphone;Ville;Compétences;Remarque\r\n';
    const bad = join(dir, 'candidats.csv');
    writeFileSync(bad, header + 'Awa;Diallo;candidate;AWA.DIALLO@example.org;+33 6 12 34 56 78;Lyon;java:5 docker:3;vue au salon\r\n' +
      'Léo;Martin;stagiaire;leo@example;;Paris;java:9;\r\n');
    const good = join(dir, 'candidats-corrigé.csv');
    writeFileSync(good, header + 'Awa;Diallo;candidate;AWA.DIALLO@example.org;+33 6 12 34 56 78;Lyon;java:5 docker:3;vue au salon\r\n' +
      'Léo;Martin;candidate;leo.martin@example.org;;Paris;"java:2, sql:3";\r\n');

    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    watchPage(page, problems);
    await page.goto(`${server.base}/#/people`);
    await page.waitForURL(/#\/login$/);
    await signIn(page, 'recruiter');
    await page.goto(`${server.base}/#/people`);
    await page.locator('#people-export').waitFor();
    assert.equal(await page.locator('#people-export').getAttribute('href'), '/api/v1/export/people.csv');
    const [download] = await Promise.all([page.waitForEvent('download'), page.locator('#people-export').click()]);
    assert.equal(download.suggestedFilename(), 'personnes.csv');
    await shot(page, 'imports-1-people-list');

    await page.locator('#people-import').click();
    await page.locator('#import-file').setInputFiles(bad);
    await page.locator('#import-check').click();
    await page.locator('#import-errors').waitFor();
    const rows = await page.locator('#import-errors tbody tr').allInnerTexts();
    // the columns as the file names them
    assert.ok(rows.some((r) => /^3\s+Type\s/.test(r)), rows.join('\n'));
    assert.ok(rows.some((r) => /^3\s+E-mail\s/.test(r)));
    assert.ok(rows.some((r) => /^3\s+Compétences\s/.test(r)));
    assert.equal(await page.locator('#import-run').count(), 0, 'no import while rows are invalid');
    await shot(page, 'imports-2-dry-run-errors');

    await page.locator('#import-file').setInputFiles(good);
    await page.locator('#import-check').click();
    await page.locator('#import-run').waitFor();
    assert.match(await page.locator('#import-duplicates').innerText(), new RegExp(`2\\s+la personne n° ${known.id}\\s+même e-mail`));
    await shot(page, 'imports-3-dry-run-valid');
    await page.locator('#import-run').click();
    await page.getByText('2 personnes importées.').first().waitFor();
    await shot(page, 'imports-4-imported');

    await page.goto(`${server.base}/#/people/duplicates`);
    const card = page.locator('.dup-pair', { has: page.locator(`[data-keep="${known.id}"]`) });
    await card.waitFor();
    assert.match(await card.innerText(), /même e-mail/);
    await shot(page, 'imports-5-duplicates');
    await card.locator(`[data-keep="${known.id}"]`).click();
    await page.locator('#merge-dialog[open]').waitFor();
    await shot(page, 'imports-6-confirm');
    await page.keyboard.press('Escape'); // cancelled: nothing happens
    assert.equal(await card.count(), 1);
    await card.locator(`[data-keep="${known.id}"]`).click();
    await page.locator('#merge-confirm').click();
    await card.waitFor({ state: 'detached' });
    const merged = await (await fetch(`${server.base}/api/v1/people/${known.id}`, { headers: rec })).json();
    assert.deepEqual(merged.skills.map((s) => [s.skill, s.level]).sort(), [['docker', 3], ['java', 5]]);
    assert.equal(merged.phone, '+33 6 12 34 56 78');
    await shot(page, 'imports-7-merged');

    // a resume of someone already imported: the person page says so and shows the unknown keywords
    const resume = await (await fetch(`${server.base}/api/v1/import/jsonresume`, {
      method: 'POST', headers: { ...rec, 'Content-Type': 'application/json' },
      body: JSON.stringify({ basics: { name: 'Léo Martin', email: 'leo.martin@example.org', location: { city: 'Paris' } },
        skills: [{ name: 'Java', level: 'Advanced', keywords: ['Maven', 'Forge logicielle maison'] }] }) })).json();
    assert.ok(resume.person, JSON.stringify(resume));
    await page.goto(`${server.base}/#/people/${resume.person.id}`);
    await page.locator('#person-duplicates').waitFor();
    assert.match(await page.locator('#person-tags').innerText(), /Forge logicielle maison/);
    assert.equal(await page.locator('#person-resume').getAttribute('href'), `/api/v1/people/${resume.person.id}/resume.json`);
    await shot(page, 'imports-8-person-from-resume');
    assert.deepEqual(problems, []);
  } finally {
    await browser.close();
    await server.stop();
  }
});
