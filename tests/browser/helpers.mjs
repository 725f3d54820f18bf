// browser helpers shared by the browser tests: the Chromium launch options
// (Debian's chromium, no browser download), sign-in through the page or the
// API, the skill type-ahead, screenshots, and watching the console.
import assert from 'node:assert/strict';
import { fileURLToPath } from 'node:url';

export const SHOTS = fileURLToPath(new URL('./screenshots/', import.meta.url));
export const PASSWORD = 'alliance-demo';
export const LAUNCH = {
  executablePath: '/usr/bin/chromium',
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
    '--disable-background-networking', '--disable-component-update', '--disable-sync'],
};

export async function shot(page, name) {
  await page.waitForTimeout(150);
  await page.evaluate(() => document.getElementById('toasts')?.replaceChildren()); // toasts would hide the page
  await page.screenshot({ path: `${SHOTS}${name}.png`, fullPage: true });
}

export async function signIn(page, role) {
  await page.locator('input[name="email"]').fill(`${role}@demo.alliance.example`);
  await page.locator('input[name="password"]').fill(PASSWORD);
  await page.locator('form.login-form button[type="submit"]').click();
  await page.locator('#sign-out').waitFor();
}

// A new browser context (its own cookies: another person) signed in as
// role, showing hash; console errors go to problems.
export async function openSignedIn(browser, base, role, hash, problems) {
  const context = await browser.newContext({ viewport: { width: 1440, height: 900 }, locale: 'fr-FR' });
  const page = await context.newPage();
  watchPage(page, problems);
  await page.goto(`${base}/#${hash}`);
  await page.waitForURL(/#\/login$/);
  await signIn(page, role);
  return page;
}

// Types into a skill type-ahead and picks the option with that id using the
// keyboard (arrows + Enter).
export async function pickSkill(page, input, text, id) {
  await input.fill(text);
  const list = page.locator(`#${await input.getAttribute('aria-controls')}`);
  await list.locator(`[data-skill-id="${id}"]`).waitFor();
  for (let i = 0; i < 10; i++) {
    if (await list.locator(`[data-skill-id="${id}"][aria-selected="true"]`).count()) break;
    await input.press('ArrowDown');
  }
  await input.press('Enter');
  assert.equal(await input.getAttribute('data-skill-id'), id);
}

// Signs in through the API; returns the headers of an authenticated write.
export async function apiSession(base, role) {
  const r = await fetch(`${base}/api/v1/session`, {
    method: 'POST', headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ email: `${role}@demo.alliance.example`, password: PASSWORD }),
  });
  assert.equal(r.status, 200);
  const cookie = r.headers.get('set-cookie').split(';')[0];
  return { Cookie: cookie, 'X-CSRF-Token': (await r.json()).csrf_token };
}

export function watchPage(page, problems) {
  page.on('pageerror', (e) => problems.push(`pageerror: ${e.message}`));
  page.on('console', (m) => {
    if (m.type() === 'error' && !/Failed to load resource/.test(m.text())) problems.push(`console: ${m.text()}`);
  });
}
