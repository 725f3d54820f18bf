// Live pages with two signed-in browsers: what one person does appears on
// the other's page without a reload (the server-sent events stream).
//   - an incident's page: the owner accepts it and writes in its thread;
//     the reporter's page shows the new status and the post, and what the
//     reporter was typing in the thread box stays;
//   - a ritual's page: a participant adds a point, an incident opens, the
//     ritual's time changes; the manager's agenda and details follow;
//   - a channel's page: its creator renames it from the page; the other
//     reader's header follows, and a "#old-name" link written before the
//     rename still leads to it.
// Screenshots go to tests/browser/screenshots/ (live-*).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import { chromium } from 'playwright-core';
import { startServer } from './server.mjs';
import { SHOTS, LAUNCH, shot, apiSession, openSignedIn } from './helpers.mjs';

test('incident, ritual and channel pages follow what another person does, without a reload', { timeout: 240000 }, async (t) => {
  mkdirSync(SHOTS, { recursive: true });
  const server = await startServer();
  const browser = await chromium.launch(LAUNCH);
  const problems = [];
  const call = async (who, method, path, body, version) => {
    const headers = { ...who, 'Content-Type': 'application/json' };
    if (version !== undefined) headers['If-Match'] = `"${version}"`;
    const r = await fetch(`${server.base}${path}`, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
    const text = await r.text();
    assert.ok(r.status < 300, `${method} ${path}: ${r.status} ${text}`);
    return text ? JSON.parse(text) : null;
  };
  const open = (role, hash) => openSignedIn(browser, server.base, role, hash, problems);
  // every page shown has its live stream open before the other person acts
  // (a stream opened later would start after the change, like a new visitor)
  const streaming = async (n) => {
    for (let i = 0; i < 200; i++) {
      const m = /alliance_sse_open_streams (\d+)/.exec(await (await fetch(`${server.base}/metrics`)).text());
      if (m && Number(m[1]) >= n) return;
      await new Promise((r) => setTimeout(r, 50));
    }
    assert.fail(`fewer than ${n} live streams open`);
  };
  try {
    const [sales, tech, manager, rec] = [await apiSession(server.base, 'sales'), await apiSession(server.base, 'tech'),
      await apiSession(server.base, 'manager'), await apiSession(server.base, 'recruiter')];
    const salesMe = await call(sales, 'GET', '/api/v1/me');
    const client = (await call(sales, 'GET', '/api/v1/clients?limit=200')).items.find((c) => c.owner_id === salesMe.user.id);
    const incident = await call(tech, 'POST', '/api/v1/incidents', { title: 'Livraison bloquée chez le client', client_id: client.id, severity: 'high' });
    assert.equal(incident.owner_id, salesMe.user.id, 'the client owner owns it');

    const techPage = await open('tech', `/incidents/${incident.id}`);
    const salesPage = await open('sales', `/incidents/${incident.id}`);

    await t.test("an incident's page: the owner accepts and writes; the reporter sees both live, and keeps the draft", async () => {
      await techPage.locator('#incident-badges').waitFor();
      await streaming(2);
      assert.match(await techPage.locator('#incident-badges').innerText(), /À accepter/);
      await techPage.locator('#thread-body').fill('Brouillon en cours de frappe');
      await salesPage.locator('#accept-incident').click();
      await techPage.locator('#incident-badges', { hasText: 'En cours' }).waitFor({ timeout: 10000 });
      assert.doesNotMatch(await techPage.locator('#incident-badges').innerText(), /À accepter/);
      await techPage.locator('#thread-posts li', { hasText: 'accepté par' }).waitFor({ timeout: 10000 });
      await salesPage.locator('#thread-body').fill('Je contacte le client ce matin.');
      await salesPage.locator('#thread-send').click();
      await techPage.locator('#thread-posts li', { hasText: 'Je contacte le client ce matin.' }).waitFor({ timeout: 10000 });
      assert.equal(await techPage.locator('#thread-body').inputValue(), 'Brouillon en cours de frappe', 'the draft stays');
      assert.equal(await salesPage.locator('#thread-body').inputValue(), '', 'the sent box is emptied');
      // a change through the API (severity) reaches both pages
      const now = await call(tech, 'GET', `/api/v1/incidents/${incident.id}`);
      await call(tech, 'PATCH', `/api/v1/incidents/${incident.id}`, { severity: 'critical' }, now.version);
      await salesPage.locator('#incident-badges', { hasText: 'Critique' }).waitFor({ timeout: 10000 });
      await techPage.locator('#incident-badges', { hasText: 'Critique' }).waitFor({ timeout: 10000 });
      await shot(techPage, 'live-incident-reporter');
      await shot(salesPage, 'live-incident-owner');
    });

    await t.test("a ritual's page: a point, a new incident and a new time appear in the manager's agenda live", async () => {
      const ritual = (await call(manager, 'GET', '/api/v1/rituals?limit=200')).items.find((r) => /Point quotidien/.test(r.name));
      assert.ok(ritual, 'the demo daily ritual');
      const managerPage = await open('manager', `/rituals/${ritual.id}`);
      await managerPage.locator('#agenda-points').waitFor();
      await streaming(3);
      await managerPage.locator('#point-body').fill('Un point que je tape encore');
      await techPage.goto(`${server.base}/#/rituals/${ritual.id}`);
      await techPage.locator('#point-body').fill('Relancer le client sur la livraison');
      await techPage.locator('#point-add').click();
      await managerPage.locator('#agenda-points li', { hasText: 'Relancer le client sur la livraison' }).waitFor({ timeout: 10000 });
      assert.equal(await managerPage.locator('#point-body').inputValue(), 'Un point que je tape encore', 'the draft stays');
      const late = await call(rec, 'POST', '/api/v1/incidents', { title: 'Badge d’accès refusé au consultant', client_id: client.id, severity: 'low' });
      await managerPage.locator(`#agenda-incidents [data-incident-id="${late.id}"]`).waitFor({ timeout: 10000 });
      await call(manager, 'PATCH', `/api/v1/rituals/${ritual.id}`, { time: '09:45' }, ritual.version);
      await managerPage.locator('#ritual-details', { hasText: '09:45' }).waitFor({ timeout: 10000 });
      await techPage.locator('#ritual-details', { hasText: '09:45' }).waitFor({ timeout: 10000 });
      await shot(managerPage, 'live-ritual-agenda');
      await managerPage.context().close();
    });

    await t.test("a channel's page: renamed by its creator from the page, the other reader's header follows; #old-name still leads there", async () => {
      const ch = await call(rec, 'POST', '/api/v1/channels', { name: 'Sourcing data' });
      const other = await call(rec, 'POST', '/api/v1/channels', { name: 'Annonces recrutement' });
      await call(rec, 'POST', `/api/v1/channels/${other.id}/posts`, { body: 'Les CV data vont dans #sourcing-data' });
      await call(tech, 'POST', `/api/v1/channels/${ch.id}/join`);
      const recPage = await open('recruiter', `/channels/${ch.id}`);
      await techPage.goto(`${server.base}/#/channels/${ch.id}`);
      await techPage.locator('h1', { hasText: 'Sourcing data' }).waitFor();
      await streaming(3);
      assert.equal(await techPage.locator('#edit-channel').count(), 0, 'only its creator and admins rename it');
      await recPage.locator('#edit-channel').click();
      await recPage.locator('#channel-edit-name').fill('');
      await recPage.locator('#channel-edit-save').click();
      await recPage.locator('#channel-edit .field-error').waitFor();
      await shot(recPage, 'live-channel-rename-error');
      await recPage.locator('#channel-edit-name').fill('Sourcing data & IA');
      await recPage.locator('#channel-edit-topic').fill('Profils data, ML et IA générative');
      await shot(recPage, 'live-channel-rename-form');
      await recPage.locator('#channel-edit-save').click();
      await recPage.locator('#channel-edit').waitFor({ state: 'detached' });
      await recPage.locator('h1', { hasText: 'Sourcing data & IA' }).waitFor();
      await techPage.locator('h1', { hasText: 'Sourcing data & IA' }).waitFor({ timeout: 10000 });
      await techPage.locator('#channel-topic', { hasText: 'Profils data' }).waitFor();
      await techPage.locator('#post-list li', { hasText: 'a renommé le fil' }).waitFor({ timeout: 10000 });
      await shot(techPage, 'live-channel-renamed');
      // the link written before the rename
      await techPage.goto(`${server.base}/#/channels/${other.id}`);
      await techPage.locator('a.channel-ref', { hasText: '#sourcing-data' }).click();
      await techPage.waitForURL(new RegExp(`#/channels/${ch.id}$`));
      await techPage.locator('h1', { hasText: 'Sourcing data & IA' }).waitFor();
      await recPage.context().close();
    });
    assert.deepEqual(problems, []);
  } finally {
    await browser.close();
    await server.stop();
  }
});
