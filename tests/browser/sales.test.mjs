// Sales and delivery on the same objects, in a real Chromium: sales creates
// a client (a duplicate is caught), a contact, a need and a deal covering
// it; "won" is shown disabled with its reason (and the server refuses it);
// sales asks for a review; the tech lead finds the request on their home,
// records "go with conditions"; sales marks the deal won, opens the need,
// and the recruiter finds it in their list. Screenshots of every new page
// go to tests/browser/screenshots/ (2x-).
//
// Parts whose server route is missing are skipped, never faked.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import { chromium } from 'playwright-core';
import { startServer } from './server.mjs';
import { SHOTS, LAUNCH, shot, signIn, pickSkill, apiSession, watchPage } from './helpers.mjs';

const CLIENT = 'Aéroports du Sud';
const SIRET = '73282932000074'; // 14 digits, Luhn-valid

// Which routes of the contract this server answers (404/405 = not yet).
async function routes(base, headers) {
  const has = async (path) => {
    const r = await fetch(base + path, { headers });
    return r.status !== 404 && r.status !== 405;
  };
  const [deals, requested, capabilities, gap, contacts] = await Promise.all([
    has('/api/v1/deals'), has('/api/v1/reviews/requested'), has('/api/v1/capabilities'),
    has('/api/v1/needs/1/gap'), has('/api/v1/clients/1/contacts'),
  ]);
  return { deals, requested, capabilities, gap, contacts };
}

test('sales and delivery: client, deal, feasibility gate, review, won, open need', { timeout: 180000 }, async (t) => {
  mkdirSync(SHOTS, { recursive: true });
  const server = await startServer();
  const browser = await chromium.launch(LAUNCH);
  const problems = [];
  const sales = await apiSession(server.base, 'sales');
  const has = await routes(server.base, sales);
  const s = {}; // what the steps share: ids
  try {
    const context = await browser.newContext({ viewport: { width: 1440, height: 900 }, locale: 'fr-FR' });
    const page = await context.newPage();
    watchPage(page, problems);
    await page.goto(server.base + '/#/clients');
    await page.waitForURL(/#\/login$/);
    await signIn(page, 'sales');
    await page.waitForURL(/#\/clients$/);

    await t.test('clients: list, create, duplicate caught, contact', async (st) => {
      await page.locator('#clients-q').waitFor();
      await page.locator('table tbody tr, .state-empty').first().waitFor();
      await shot(page, '20-clients-list');
      await page.locator('#new-client').click();
      await page.waitForURL(/#\/clients\/new$/);
      const form = page.locator('#client-form');
      await form.locator('[data-field="name"]').fill(CLIENT);
      await form.locator('[data-field="siret"]').fill(SIRET);
      await form.locator('[data-field="sector"]').fill('Transport aérien');
      await form.locator('[data-field="address"]').fill('1 avenue des Pistes\n13700 Marignane');
      await shot(page, '21-client-form');
      await form.locator('button[type="submit"]').click();
      await page.waitForURL(/#\/clients\/\d+$/);
      s.clientId = Number(page.url().match(/#\/clients\/(\d+)$/)[1]);
      await page.locator('h1', { hasText: CLIENT }).waitFor();

      // The same name again: a 409 with a link to the existing client.
      await page.goto(`${server.base}/#/clients/new`);
      await page.locator('#client-form [data-field="name"]').fill(CLIENT.toUpperCase());
      await page.locator('#client-form button[type="submit"]').click();
      const existing = page.locator('#client-form .form-summary #open-existing');
      await existing.waitFor();
      assert.equal(await existing.textContent(), 'Ouvrir la fiche existante');
      await shot(page, '22-client-duplicate');
      await existing.click();
      await page.waitForURL(new RegExp(`#/clients/${s.clientId}$`));

      if (!has.contacts) return st.skip('server route /api/v1/clients/{id}/contacts not available yet');
      await page.locator('#add-contact').click();
      const cform = page.locator('#contact-form');
      await cform.locator('[data-field="name"]').fill('Claire Martin');
      await cform.locator('[data-field="role"]').fill('DSI');
      await cform.locator('[data-field="email"]').fill('claire.martin@example.org');
      await cform.locator('#contact-consent').check();
      await cform.locator('button[type="submit"]').click();
      await page.locator('#client-contacts tr', { hasText: 'Claire Martin' }).waitFor();
    });

    await t.test('need through the form, live qualification checklist', async () => {
      assert.ok(s.clientId, 'the client exists');
      await page.goto(`${server.base}/#/needs/new?client_id=${s.clientId}`);
      const form = page.locator('#need-form');
      await form.locator('[data-field="title"]').waitFor();
      assert.equal(await form.locator('[data-field="client_id"]').inputValue(), String(s.clientId));
      const qual = page.locator('#qualification');
      assert.equal(await qual.locator('[data-check="start_date"].qual-missing').count(), 1);
      await form.locator('[data-field="title"]').fill('Architecte Kubernetes — plateforme bagages');
      await pickSkill(page, form.locator('input[role="combobox"]').first(), 'kube', 'kubernetes');
      await form.locator('[data-field="start_date"]').fill('2027-05-03');
      await form.locator('[data-field="remote"]').selectOption('full');
      await qual.locator('[data-check="location"].qual-ok').waitFor();
      await qual.locator('[data-check="skills"].qual-ok').waitFor();
      await qual.locator('.qual-ready-open').waitFor();
      await shot(page, '23-need-form-checklist');
      await form.locator('[data-field="status"]').selectOption('qualified');
      await form.locator('button[type="submit"]').click();
      await page.waitForURL(/#\/needs\/\d+$/);
      s.needId = Number(page.url().match(/#\/needs\/(\d+)$/)[1]);
      await page.locator('.need-summary .status-qualified').waitFor();
    });

    await t.test('need page: coverage', async (st) => {
      if (!has.gap) return st.skip('server route /api/v1/needs/{id}/gap not available yet');
      await page.locator('#coverage tr[data-skill="kubernetes"]').waitFor();
      await page.locator('#matches .match, #matches .state').first().waitFor();
      await shot(page, '24-need-coverage');
    });

    await t.test('deal: create, won disabled with its reason, refused by the server, review requested', async (st) => {
      if (!has.deals) return st.skip('server route /api/v1/deals not available yet');
      await page.goto(`${server.base}/#/clients/${s.clientId}`);
      await page.getByRole('link', { name: 'Nouvelle affaire' }).click();
      await page.waitForURL(/#\/deals\/new\?client_id=\d+$/);
      const form = page.locator('#deal-form');
      await form.locator('[data-field="title"]').fill('Plateforme bagages 2027');
      assert.equal(await form.locator('[data-field="client_id"]').inputValue(), String(s.clientId));
      await form.locator(`#deal-needs input[value="${s.needId}"]`).check();
      await form.locator('[data-field="amount"]').fill('184 500,50');
      await form.locator('[data-field="expected_close"]').fill('2027-03-31');
      // "won" cannot be chosen before a review.
      assert.equal(await form.locator('[data-field="stage"] option[value="won"]').isDisabled(), true);
      await form.locator('[data-field="stage"]').selectOption('proposal');
      await shot(page, '25-deal-form');
      await form.locator('button[type="submit"]').click();
      await page.waitForURL(/#\/deals\/\d+$/);
      s.dealId = Number(page.url().match(/#\/deals\/(\d+)$/)[1]);
      assert.match(await page.locator('#deal-amount').textContent(), /^184\s500,50\s€$/);
      await page.locator(`#deal-needs [data-need-id="${s.needId}"]`).waitFor();

      // The gate, shown before trying.
      const won = page.locator('#mark-won');
      assert.equal(await won.isDisabled(), true);
      assert.match(await page.locator('#feasibility-gate').textContent(), /Revue de faisabilité requise/);
      const reasonId = await won.getAttribute('aria-describedby');
      assert.ok(await page.locator(`#${reasonId}`).count());
      // The server agrees.
      const deal = await (await fetch(`${server.base}/api/v1/deals/${s.dealId}`, { headers: sales })).json();
      const tried = await fetch(`${server.base}/api/v1/deals/${s.dealId}`, {
        method: 'PATCH', headers: { ...sales, 'Content-Type': 'application/json', 'If-Match': `"${deal.version}"` },
        body: JSON.stringify({ stage: 'won' }),
      });
      assert.equal(tried.status, 409);
      assert.match((await tried.json()).type, /feasibility-review-required$/);
      // Nor can the need be opened yet (it belongs to a deal without review).
      const need = await (await fetch(`${server.base}/api/v1/needs/${s.needId}`, { headers: sales })).json();
      const opened = await fetch(`${server.base}/api/v1/needs/${s.needId}`, {
        method: 'PATCH', headers: { ...sales, 'Content-Type': 'application/json', 'If-Match': `"${need.version}"` },
        body: JSON.stringify({ status: 'open' }),
      });
      assert.equal(opened.status, 422);

      if (!has.requested) return st.skip('server route /api/v1/deals/{id}/review-request not available yet');
      await page.locator('#request-review').click();
      await page.locator('#request-review:disabled', { hasText: 'Revue demandée' }).waitFor();
      await shot(page, '26-deal-gate');

      await page.locator('nav.nav').getByText('Affaires').click();
      await page.waitForURL(/#\/deals$/);
      const card = page.locator(`.deal-card[data-deal-id="${s.dealId}"]`);
      await card.waitFor();
      assert.equal(await card.evaluate((el) => el.closest('[data-stage]').dataset.stage), 'proposal');
      assert.match(await page.locator('[data-sum="proposal"]').textContent(), /€/);
      await shot(page, '27-deals-board');
    });

    await t.test('tech lead: sees the request, records go with conditions', async (st) => {
      if (!has.deals || !has.requested) return st.skip('server routes /api/v1/deals or /api/v1/reviews/requested not available yet');
      const ctx2 = await browser.newContext({ viewport: { width: 1440, height: 900 }, locale: 'fr-FR' });
      const tech = await ctx2.newPage();
      watchPage(tech, problems);
      await tech.goto(server.base + '/');
      await signIn(tech, 'tech');
      await tech.locator('#requested-link').click();
      await tech.waitForURL(/#\/reviews$/);
      const row = tech.locator(`#requested-reviews tr[data-deal-id="${s.dealId}"]`);
      await row.waitFor();
      await shot(tech, '28-reviews-requested');
      await row.locator('a').click();
      await tech.waitForURL(new RegExp(`#/deals/${s.dealId}$`));
      // Tech leads review; they do not move deals.
      assert.equal(await tech.locator('#mark-won, #request-review, #edit-deal').count(), 0);
      const form = tech.locator('#review-form');
      await form.locator('#verdict-go_with_conditions').check();
      await form.locator('[data-field="effort_days"]').fill('85');
      await form.locator('[data-field="risks"]').fill('Intégration avec le tri bagages existant (SITA).');
      // Conditions are required for this verdict: the server says so.
      await form.locator('#review-submit').click();
      await form.locator('[data-field="conditions"][aria-invalid="true"]').waitFor();
      await shot(tech, '29-review-form-error');
      await form.locator('[data-field="conditions"]').fill('Un architecte senior dédié dès le démarrage.');
      await form.locator('#review-submit').click();
      await tech.locator('#review-history [data-verdict="go_with_conditions"]').waitFor();
      await tech.locator('#feasibility-gate.gate-ok').waitFor();
      await shot(tech, '30-deal-reviewed');
      await ctx2.close();
    });

    await t.test('sales marks the deal won, opens the need; the recruiter sees it', async (st) => {
      if (!has.deals || !has.requested) return st.skip('server routes /api/v1/deals or /api/v1/reviews/requested not available yet');
      await page.goto(`${server.base}/#/deals/${s.dealId}`);
      await page.locator('#feasibility-gate.gate-ok').waitFor();
      await page.locator('#mark-won:enabled').click();
      await page.locator('#deal-summary .deal-won').waitFor();
      await shot(page, '31-deal-won');

      await page.goto(`${server.base}/#/needs/${s.needId}/edit`);
      const form = page.locator('#need-form');
      await page.locator('#qualification .qual-ready-open').waitFor();
      await form.locator('[data-field="status"]').selectOption('open');
      await form.locator('button[type="submit"]').click();
      await page.waitForURL(new RegExp(`#/needs/${s.needId}$`));
      await page.locator('.need-summary .status-open').waitFor();

      const ctx3 = await browser.newContext({ viewport: { width: 1440, height: 900 }, locale: 'fr-FR' });
      const rec = await ctx3.newPage();
      watchPage(rec, problems);
      await rec.goto(server.base + '/');
      await signIn(rec, 'recruiter');
      await rec.locator(`tr[data-need-id="${s.needId}"]`).waitFor();
      assert.equal(await rec.locator('#needs-status').inputValue(), 'open');
      await shot(rec, '32-recruiter-needs');
      await ctx3.close();
    });

    await t.test('client page gathers contacts, needs and deals', async () => {
      await page.goto(`${server.base}/#/clients/${s.clientId}`);
      await page.locator(`#client-needs a[href="#/needs/${s.needId}"]`).waitFor();
      if (has.deals) await page.locator(`#client-deals a[href="#/deals/${s.dealId}"]`).waitFor();
      await page.locator('#client-placed .state, #client-placed ul').first().waitFor();
      await shot(page, '33-client-detail');
    });

    await t.test('a contact answers a satisfaction survey from its link; the client page shows it', async () => {
      await page.locator('#client-contacts tr', { hasText: 'Claire Martin' }).locator('[data-survey-for]').click();
      const url = await page.locator('#survey-url').inputValue();
      assert.match(url, /\/s\/[A-Za-z0-9_-]{43}$/);
      await shot(page, '37-survey-link');
      const visitor = await browser.newContext({ viewport: { width: 800, height: 900 }, locale: 'fr-FR' }); // no session
      const pub = await visitor.newPage();
      await pub.goto(url);
      await pub.locator('legend', { hasText: 'recommanderiez-vous' }).waitFor();
      await pub.locator('button[type="submit"]').click(); // no score: the browser or the server refuses
      assert.equal(await pub.locator('text=Merci').count(), 0);
      await pub.locator('input[name="score"][value="9"]').check();
      await pub.locator('#comment').fill('Profils justes, démarrage rapide.');
      await shot(pub, '38-survey-form');
      await pub.locator('button[type="submit"]').click();
      await pub.locator('p.message', { hasText: 'Merci' }).waitFor();
      await shot(pub, '39-survey-thanks');
      await pub.goto(url);
      await pub.locator('p.message', { hasText: 'déjà répondu' }).waitFor();
      await visitor.close();
      await page.reload();
      await page.locator('#client-satisfaction', { hasText: '9/10' }).waitFor();
      assert.match(await page.locator('#client-satisfaction').innerText(), /démarrage rapide/);
    });

    await t.test('what we can deliver', async (st) => {
      if (!has.capabilities) return st.skip('server route /api/v1/capabilities not available yet');
      await page.locator('nav.nav .nav-more > summary').click(); // under « Plus »
      await page.locator('nav.nav').getByText('Savoir-faire').click();
      await page.waitForURL(/#\/capabilities/);
      await page.locator('#capabilities tbody tr').first().waitFor();
      await pickSkill(page, page.locator('#cap-skill'), 'jav', 'java');
      await page.locator('#capabilities tr[data-skill="java"]').waitFor();
      await page.locator('#cap-min').selectOption('3');
      await page.waitForURL(/min_level=3/);
      await page.locator('#capabilities tr[data-skill="java"], .state-empty').first().waitFor();
      await shot(page, '34-capabilities');

      await page.locator('button[data-lang="en"]').click();
      await page.locator('h1', { hasText: 'What we can deliver' }).waitFor();
      await shot(page, '35-capabilities-en');
      await page.locator('button[data-lang="fr"]').click();
    });

    await t.test('narrow screen: deal page', async (st) => {
      if (!has.deals) return st.skip('server route /api/v1/deals not available yet');
      await page.setViewportSize({ width: 390, height: 844 });
      await page.goto(`${server.base}/#/deals/${s.dealId}`);
      await page.locator('#feasibility-gate').waitFor();
      await shot(page, '36-mobile-deal');
    });

    assert.deepEqual(problems, []);
  } finally {
    await browser.close();
    const exit = await server.stop();
    assert.deepEqual(exit, { code: 0, signal: null }, server.output());
  }
});
