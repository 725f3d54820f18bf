// Personal data in a real Chromium: on a person's page the recruiter sees
// until when their data is kept and on which basis, records a consent
// obtained by phone and withdraws it; an admin reads the register of
// processing and changes the retention (a wrong value is said next to its
// field); the person opens the link of their warning mail and stays in the
// talent pool; a forgotten password is reset through the mailed link.
// Screenshots: privacy-*.png.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { chromium } from 'playwright-core';
import { startServer } from './server.mjs';
import { SHOTS, LAUNCH, shot, signIn, apiSession, watchPage } from './helpers.mjs';

const sql = (db, q) => {
  const r = spawnSync('sqlite3', ['-cmd', '.timeout 5000', db, q], { encoding: 'utf8' });
  assert.equal(r.status, 0, r.stderr);
  return r.stdout.trim();
};
/** The text of a queued mail (quoted-printable undone). */
const mailText = (raw) => raw.replace(/=\r?\n/g, '').replace(/=([0-9A-F]{2})/g, (m, h) => String.fromCharCode(parseInt(h, 16)));

test('personal data: the person page, the register, the renewal page, a forgotten password', { timeout: 240000 }, async () => {
  mkdirSync(SHOTS, { recursive: true });
  const server = await startServer({ env: () => ({ ALLIANCE_PURGE_HOUR: '0', ALLIANCE_PURGE_POLL_MS: '200', ALLIANCE_PUBLIC_URL: 'http://pub.example' }) });
  const browser = await chromium.launch(LAUNCH);
  const problems = [];
  try {
    // a candidate rejected almost three months ago: warned by the day's run
    const rec = await apiSession(server.base, 'recruiter');
    const post = async (path, body, headers = rec) => {
      const r = await fetch(server.base + path, { method: 'POST', headers: { ...headers, 'Content-Type': 'application/json' }, body: JSON.stringify(body) });
      return r.json();
    };
    const person = await post('/api/v1/people', { kind: 'candidate', first_name: 'Camille', last_name: 'Rousseau', email: 'camille.rousseau@example.org', location: 'Nantes' });
    const need = Number(sql(server.db, 'SELECT id FROM needs ORDER BY id LIMIT 1'));
    const cand = await post('/api/v1/candidacies', { person_id: person.id, need_id: need });
    await fetch(`${server.base}/api/v1/candidacies/${cand.id}`, { method: 'PATCH', headers: { ...rec, 'Content-Type': 'application/json', 'If-Match': `"${cand.version}"` }, body: JSON.stringify({ stage: 'rejected', reason: 'profil trop junior' }) });
    const start = new Date(Date.now() - 80 * 86400000).toISOString().replace(/\.\d+Z$/, 'Z');
    sql(server.db, `UPDATE people SET created_at = '${start}' WHERE id = ${person.id}; UPDATE candidacies SET created_at = '${start}', updated_at = '${start}', last_contact_at = '${start}' WHERE person_id = ${person.id}; UPDATE legal_bases SET obtained_at = '${start}' WHERE person_id = ${person.id}; UPDATE settings SET purge_date = NULL;`);
    let raw = '';
    for (let i = 0; i < 100 && !raw; i++) {
      raw = sql(server.db, `SELECT message FROM outbox WHERE kind = 'retention_notice' AND recipient = 'camille.rousseau@example.org'`);
      if (!raw) await new Promise((r) => setTimeout(r, 100));
    }
    const token = /http:\/\/pub\.example\/privacy\/([A-Za-z0-9_-]{43})/.exec(mailText(raw))[1];

    const context = await browser.newContext({ viewport: { width: 1440, height: 900 }, locale: 'fr-FR' });
    const page = await context.newPage();
    watchPage(page, problems);
    await page.goto(`${server.base}/#/login`);
    await signIn(page, 'recruiter');
    await page.goto(`${server.base}/#/people/${person.id}`);
    const card = page.locator('#person-privacy');
    await card.locator('#legal-bases').waitFor();
    assert.equal(await card.locator('#privacy-state').innerText(), 'Bientôt effacées');
    assert.match(await card.locator('#privacy-warned').innerText(), /Prévenu par e-mail le/);
    await card.scrollIntoViewIfNeeded();
    await shot(page, 'privacy-01-person-expiring');

    // a consent to the talent pool obtained by phone: the end moves 24 months on
    await card.locator('#legal-basis-new summary').click();
    await card.locator('#legal-basis-form select').nth(2).selectOption('phone');
    await card.locator('#legal-basis-form textarea').fill('Appel du 12 : souhaite rester dans le vivier');
    await card.locator('#legal-basis-form button[type="submit"]').click();
    await card.locator('tr[data-purpose="talent_pool"]').waitFor();
    assert.equal(await card.locator('#privacy-state').innerText(), 'Conservées');
    assert.match(await card.locator('#privacy-until').innerText(), /jusqu'au/);
    await shot(page, 'privacy-02-person-pool');
    // a wrong combination is said next to its field
    await card.locator('#legal-basis-new summary').click(); /* the card was drawn again: the form is folded */
    await card.locator('#legal-basis-form select').nth(0).selectOption('talent_pool');
    await card.locator('#legal-basis-form select').nth(1).selectOption('contract');
    await card.locator('#legal-basis-form button[type="submit"]').click();
    await card.locator('#legal-basis-form .field-error').waitFor();
    assert.match(await card.locator('#legal-basis-form .field-error').innerText(), /ne convient pas à cette finalité/);
    await shot(page, 'privacy-03-person-basis-error');
    await card.locator('tr[data-purpose="talent_pool"] [data-action="withdraw"]').click();
    await card.locator('tr[data-purpose="talent_pool"] .badge:text("retirée")').waitFor();
    assert.equal(await card.locator('#privacy-state').innerText(), 'Bientôt effacées');

    // the register, for an admin, with the retention settings
    await page.locator('#sign-out').click();
    await page.waitForURL(/#\/login/);
    await signIn(page, 'admin');
    await page.goto(`${server.base}/#/privacy`);
    await page.locator('#register-recruitment').waitFor();
    assert.match(await page.locator('#register-recruitment').innerText(), /3 mois après la fin du processus de recrutement/);
    assert.match(await page.locator('#register-purge').innerText(), /Purge automatique chaque jour à partir de 0 h/);
    await shot(page, 'privacy-04-register');
    const months = page.locator('#retention-form input').first();
    await months.fill('30');
    await page.locator('#retention-form button[type="submit"]').click();
    await page.locator('#retention-form .field-error').waitFor();
    assert.match(await page.locator('#retention-form .field-error').innerText(), /entre 1 et 24/);
    await shot(page, 'privacy-05-register-error');
    await months.fill('6');
    await page.locator('#retention-form button[type="submit"]').click();
    await page.locator('#register-recruitment:has-text("6 mois après la fin du processus")').waitFor();
    await page.locator('button.lang-btn[data-lang="en"]').click();
    await page.locator('#register-recruitment:has-text("6 months after the recruitment process ends")').waitFor();
    await shot(page, 'privacy-06-register-en');
    await page.locator('button.lang-btn[data-lang="fr"]').click();

    // the person's own page, from the link of the warning mail
    const pub = await context.newPage();
    watchPage(pub, problems);
    await pub.goto(`${server.base}/privacy/${token}`);
    assert.match(await pub.locator('h1').innerText(), /Vos données personnelles/);
    await shot(pub, 'privacy-07-public-page');
    await pub.locator('#privacy-renew').click();
    await pub.locator('#privacy-notice').waitFor();
    assert.match(await pub.locator('#privacy-notice').innerText(), /vous restez dans notre vivier/);
    await shot(pub, 'privacy-08-public-renewed');
    await pub.goto(`${server.base}/privacy/${token}?lang=en`);
    await shot(pub, 'privacy-09-public-en');

    // a forgotten password
    await page.locator('#sign-out').click();
    await page.waitForURL(/#\/login/);
    await shot(page, 'privacy-10-login-forgot-link');
    await page.locator('#forgot-link').click();
    await page.waitForURL(/#\/forgot$/);
    await page.locator('input[name="email"]').fill('tech@demo.alliance.example');
    await page.locator('form.login-form button[type="submit"]').click();
    await page.locator('#forgot-done').waitFor();
    assert.match(await page.locator('#forgot-done').innerText(), /Si un compte existe pour cette adresse/);
    await shot(page, 'privacy-11-forgot-sent');
    const resetRaw = sql(server.db, `SELECT message FROM outbox WHERE kind = 'password_reset' AND recipient = 'tech@demo.alliance.example'`);
    const resetToken = /http:\/\/pub\.example\/#\/reset\/([A-Za-z0-9_-]{43})/.exec(mailText(resetRaw))[1];
    await page.goto(`${server.base}/#/reset/${resetToken}`);
    await page.locator('input[name="password"]').fill('une phrase de passe neuve');
    await page.locator('input[name="again"]').fill('une phrase de passe autre');
    await page.locator('form.login-form button[type="submit"]').click();
    assert.match(await page.locator('#reset-message').innerText(), /pas identiques/);
    await shot(page, 'privacy-12-reset-mismatch');
    await page.locator('input[name="again"]').fill('une phrase de passe neuve');
    await page.locator('form.login-form button[type="submit"]').click();
    await page.locator('#reset-done').waitFor();
    await page.locator('input[name="email"]').fill('tech@demo.alliance.example');
    await page.locator('input[name="password"]').fill('une phrase de passe neuve');
    await page.locator('form.login-form button[type="submit"]').click();
    await page.locator('#sign-out').waitFor();
    // a consultant reads their own legal bases; a manager is asked why before an erasure
    await page.locator('#sign-out').click();
    await page.waitForURL(/#\/login/);
    await signIn(page, 'consultant');
    const me = await page.evaluate(async () => (await (await fetch('/api/v1/me')).json()).user.person_id);
    await page.goto(`${server.base}/#/people/${me}`);
    await page.locator('#person-privacy #legal-bases').waitFor();
    assert.equal(await page.locator('#legal-basis-new').count(), 0, 'they read, they do not record');
    assert.match(await page.locator('#person-privacy').innerText(), /Contrat de travail ou de mission/);
    await shot(page, 'privacy-14-consultant-own');
    await page.locator('#sign-out').click();
    await page.waitForURL(/#\/login/);
    await signIn(page, 'manager');
    await page.goto(`${server.base}/#/people/${person.id}`);
    await page.locator('#person-erase').click();
    await page.locator('dialog[open] #erase-reason').waitFor();
    await shot(page, 'privacy-15-erase-dialog');
    await page.locator('#erase-cancel').click();
    // the careers form: the talent pool is a box of its own, never ticked
    const offer = await context.newPage();
    await offer.goto(`${server.base}/careers`);
    await offer.locator('main a[href^="/careers/"]').first().click();
    await offer.locator('#f-talent-pool').waitFor();
    assert.equal(await offer.locator('#f-talent-pool').isChecked(), false);
    await offer.locator('#f-consent').scrollIntoViewIfNeeded();
    await shot(offer, 'privacy-13-careers-form');
    assert.deepEqual(problems, []);
  } finally {
    await browser.close();
    await server.stop();
  }
});
