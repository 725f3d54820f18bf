// Mail to candidates and no ghosting, in a real Chromium: the recruiter sees
// the candidates who wait too long first on their list and on the waiting
// page; rejecting from the board asks for the internal reason and the
// words for the candidate (which go into the queued mail, the reason does
// not); an interview is planned from the board; a manager rewords a template (an unknown placeholder is shown next
// to its field) and changes the answer delay. Screenshots: mail-*.png.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import { chromium } from 'playwright-core';
import { startServer } from './server.mjs';
import { SHOTS, LAUNCH, shot, signIn, apiSession, watchPage } from './helpers.mjs';

test('waiting candidates first, a respectful rejection, templates and the delay', { timeout: 180000 }, async () => {
  mkdirSync(SHOTS, { recursive: true });
  const server = await startServer();
  const browser = await chromium.launch(LAUNCH);
  const problems = [];
  try {
    const context = await browser.newContext({ viewport: { width: 1440, height: 900 }, locale: 'fr-FR' });
    const page = await context.newPage();
    watchPage(page, problems);
    await page.goto(`${server.base}/#/login`);
    await signIn(page, 'recruiter');

    // The demo has candidates without news for 6 to 14 days: first on the list.
    const banner = page.locator('#waiting-banner');
    await banner.locator('.waiting-banner').waitFor();
    assert.match(await banner.innerText(), /Candidats en attente de réponse : \d+/);
    await shot(page, 'mail-01-needs-with-waiting');
    await page.locator('#waiting-link').click();
    await page.waitForURL(/#\/home$/);
    await page.locator('#waiting-table tbody tr').first().waitFor();
    assert.ok(await page.locator('#waiting-table tbody tr').count() > 0);
    assert.match(await page.locator('#median-answer').innerText(), /—|\d/);
    assert.equal(await page.locator('#sla-form').count(), 0, 'recruiters do not change the delay');
    await shot(page, 'mail-02-waiting');

    // Reject from the board: the reason stays internal, the message reaches the candidate.
    const row = page.locator('#waiting-table tbody tr').first();
    const candidacyId = Number(await row.getAttribute('data-candidacy-id'));
    await row.locator('td').nth(1).locator('a').click();
    await page.waitForURL(/#\/needs\/\d+$/);
    const card = page.locator(`[data-candidacy-id="${candidacyId}"]`);
    await card.waitFor();
    // Plan an interview from the board: the candidate and the interviewers get the invitation.
    await page.locator(`[data-plan-interview="${candidacyId}"]`).click();
    await page.locator('dialog[open] #interview-start').waitFor();
    await page.locator('#interview-confirm').click();
    await page.locator('#interview-dialog .field-error').first().waitFor();
    await page.locator('#interview-start').fill('2027-03-02T10:30');
    await page.locator('#interview-place').fill('Siège, salle Ébène');
    await page.locator('#interview-dialog input[type="checkbox"]').first().check();
    await shot(page, 'mail-09-interview-dialog');
    const planned = page.waitForResponse((r) => r.url().endsWith(`/api/v1/candidacies/${candidacyId}/interviews`) && r.request().method() === 'POST');
    await page.locator('#interview-confirm').click();
    assert.equal((await planned).status(), 201);
    await page.locator('dialog[open]').waitFor({ state: 'detached' }).catch(() => {});
    const ivs = await page.evaluate(async (id) => (await (await fetch(`/api/v1/candidacies/${id}/interviews`)).json()).items, candidacyId);
    assert.equal(ivs.length, 1);
    assert.equal(ivs[0].place, 'Siège, salle Ébène');

    await card.locator('select').selectOption('rejected');
    await page.locator('dialog[open] #exit-reason').waitFor();
    await page.locator('#exit-confirm').click();
    assert.ok(await page.locator('#exit-reason-error').isVisible(), 'the reason is required');
    await page.locator('#exit-reason').fill('Attentes salariales hors budget');
    await page.locator('#exit-message').fill('Votre parcours en data nous a plu ; ce poste demandait surtout du Java.');
    await shot(page, 'mail-03-reject-dialog');
    const patched = page.waitForResponse((r) => r.url().endsWith(`/api/v1/candidacies/${candidacyId}`) && r.request().method() === 'PATCH');
    await page.locator('#exit-confirm').click();
    assert.equal((await patched).status(), 200);
    const admin = await apiSession(server.base, 'admin');
    const outbox = await (await fetch(`${server.base}/api/v1/outbox?limit=20`, { headers: admin })).json();
    const mail = outbox.items.find((m) => m.candidacy_id === candidacyId && m.kind === 'stage_rejected');
    assert.ok(outbox.items.some((m) => m.candidacy_id === candidacyId && m.kind === 'interview_invitation'), 'the invitation is queued');
    assert.ok(mail, `a rejection mail is queued: ${JSON.stringify(outbox.items)}`);
    assert.equal(mail.status, 'pending', 'no SMTP server here: it waits in the outbox');
    const waiting = await (await fetch(`${server.base}/api/v1/alerts`, { headers: admin })).json();
    assert.ok(!waiting.items.some((a) => a.candidacy_id === candidacyId), 'answered: no longer waiting');

    // The recruiter says a candidate reads English: their mail will be in English.
    const personId = (await (await fetch(`${server.base}/api/v1/candidacies/${candidacyId}`, { headers: admin })).json()).person_id;
    await page.goto(`${server.base}/#/people/${personId}/edit`);
    await page.locator('#person-form [data-field="language"]').selectOption('en');
    await shot(page, 'mail-08-person-language');
    const put = page.waitForResponse((r) => r.url().endsWith(`/api/v1/people/${personId}`) && r.request().method() === 'PATCH');
    await page.locator('#person-form button[type="submit"]').click();
    assert.equal((await put).status(), 200);
    const person = await (await fetch(`${server.base}/api/v1/people/${personId}`, { headers: admin })).json();
    assert.equal(person.language, 'en');

    // A manager rewords the rejection; an unknown placeholder is refused.
    const mctx = await browser.newContext({ viewport: { width: 1440, height: 900 }, locale: 'fr-FR' });
    const mp = await mctx.newPage();
    watchPage(mp, problems);
    await mp.goto(`${server.base}/#/login`);
    await signIn(mp, 'manager');
    await mp.goto(`${server.base}/#/home`);
    await mp.locator('#open-templates').click();
    await mp.locator('#tpl-form').waitFor();
    await mp.locator('.tpl-link', { hasText: 'Candidature non retenue' }).click();
    await mp.locator('#tpl-form').waitFor();
    assert.equal(await mp.locator('#tpl-title').innerText(), 'Candidature non retenue');
    const bodyFr = mp.locator('[data-field="body_fr"]');
    await bodyFr.fill('Bonjour {{first_name}},\n\nMerci. Votre salaire : {{salaire}}\n\n{{status_link}}');
    await mp.locator('#tpl-save').click();
    await mp.locator('.field-error').first().waitFor();
    assert.match(await mp.locator('.field-error').first().innerText(), /salaire/);
    await shot(mp, 'mail-04-template-error');
    await bodyFr.fill('Bonjour {{first_name}},\n\nMerci pour votre temps. {{candidate_message}}\n\nSuivi : {{status_link}}');
    const putTpl = mp.waitForResponse((r) => r.url().endsWith('/api/v1/mail-templates/stage_rejected') && r.request().method() === 'PUT');
    await mp.locator('#tpl-save').click();
    assert.equal((await putTpl).status(), 200);
    await mp.locator('#tpl-state', { hasText: 'modifié' }).waitFor();
    await mp.locator('.tpl-link[aria-current="true"] .tpl-badge').waitFor();
    await shot(mp, 'mail-05-templates');

    // The manager changes the answer delay on the waiting page.
    await mp.goto(`${server.base}/#/home`);
    await mp.locator('#sla-form').waitFor();
    await mp.locator('#sla-form input').fill('0');
    await mp.locator('#sla-save').click();
    await mp.locator('#sla-form .field-error').waitFor();
    await mp.locator('#sla-form input').fill('3');
    const saved = mp.waitForResponse((r) => r.url().endsWith('/api/v1/settings') && r.request().method() === 'PATCH');
    await mp.locator('#sla-save').click();
    assert.equal((await saved).status(), 200);
    await mp.locator('.figure-label', { hasText: 'plus de 3 jours ouvrés' }).waitFor();
    await shot(mp, 'mail-06-waiting-manager');

    // English UI.
    await mp.locator('button[data-lang="en"]').click();
    await mp.locator('h1', { hasText: 'Candidates waiting for an answer' }).waitFor();
    await shot(mp, 'mail-07-waiting-en');
    assert.deepEqual(problems, []);
  } finally {
    await browser.close();
    const exit = await server.stop();
    assert.equal(exit?.code, 0, server.output());
  }
});
