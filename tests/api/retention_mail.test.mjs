// The daily privacy run of `serve`: a person is warned by e-mail (real SMTP,
// tests/smtp_sink.py) once, 30 days before their data expires, with a private
// link to a page where they stay in the talent pool (their end moves) or leave
// it; people past their end are erased by the run itself, with its audit row.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, assertHealthy } from './harness.mjs';
import { SmtpSink, mailEnv, tokenHash } from './smtp.mjs';
import { addMonths, age, daysAgo, isoDay, rejectedCandidate } from './privacy_helpers.mjs';

let srv, sink, rec;
const DAY = 86_400_000;
const today = () => isoDay(new Date());

before(async () => {
  sink = await new SmtpSink().start();
  srv = await startServer({ env: mailEnv(sink, { ALLIANCE_PURGE_HOUR: '0', ALLIANCE_PURGE_POLL_MS: '100' }) });
  rec = await srv.as('recruiter');
  await ran(); // the run of the day at start, on the demo data: nothing to do
});
after(async () => {
  await srv.stop();
  await sink.stop();
  sink.cleanup();
});

/** Waits until today's run is done (settings.purge_date is today). */
async function ran() {
  for (let i = 0; i < 200; i++) {
    if (srv.sqlValue('SELECT purge_date FROM settings WHERE id = 1') === today()) return;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error('the daily privacy run did not happen');
}
/** Makes the next look of the thread run the day again, and waits for it. */
async function runAgain() {
  srv.sqlExec('UPDATE settings SET purge_date = NULL WHERE id = 1');
  await ran();
  // the claim is written first: wait for the run's writes to settle
  await new Promise((r) => setTimeout(r, 300));
}
const privacy = async (id) => (await srv.get(`/api/v1/people/${id}/privacy`, { as: rec })).json;
/** A rejected candidate whose data ends in `days` days (the 3-month rule). */
async function endingIn(days, body) {
  const { person } = await rejectedCandidate(srv, rec, body);
  const end = isoDay(new Date(Date.now() + days * DAY));
  const start = `${addMonths(end, -3)}T12:00:00Z`;
  age(srv, person.id, 0);
  srv.sqlExec(`UPDATE people SET created_at = '${start}' WHERE id = ${person.id}`);
  srv.sqlExec(`UPDATE candidacies SET created_at = '${start}', updated_at = '${start}', last_contact_at = '${start}' WHERE person_id = ${person.id}`);
  srv.sqlExec(`UPDATE legal_bases SET obtained_at = '${start}' WHERE person_id = ${person.id}`);
  return person;
}
const form = (path, body = '') => fetch(srv.base + path, {
  method: 'POST', body, redirect: 'manual', headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
});
/** The warning mail sent to addr (after the rejection's own mail). */
const NOTICE = /^(Vos données chez nous|Your data with us)/;
async function noticeTo(addr) {
  const all = await sink.waitFor((ms) => ms.some((x) => x.to_envelope.includes(addr) && NOTICE.test(x.headers.subject)), `notice to ${addr}`);
  return all.find((x) => x.to_envelope.includes(addr) && NOTICE.test(x.headers.subject));
}
const notices = (addr) => sink.messages().filter((x) => x.to_envelope.includes(addr) && NOTICE.test(x.headers.subject)).length;
const linkOf = (text) => /https:\/\/jobs\.example\.org\/privacy\/([A-Za-z0-9_-]{43})/.exec(text);

let warned, token;

test('the daily run warns whoever expires within 30 days by e-mail, once, in their language, and erases the expired', async () => {
  const tag = process.pid;
  const soon = await endingIn(10, { first_name: 'Bientôt', last_name: 'Effacée', email: `bientot.${tag}@example.org` });
  const soonEn = await endingIn(20, { first_name: 'Soon', last_name: 'Gone', email: `soon.${tag}@example.org`, language: 'en' });
  const later = await endingIn(60, { first_name: 'Plus', last_name: 'Tard', email: `tard.${tag}@example.org` });
  const noMail = await endingIn(10, { first_name: 'Sans', last_name: 'Adresse' });
  const { person: old } = await rejectedCandidate(srv, rec, { first_name: 'Déjà', last_name: `Périmée${tag}`, email: `perimee.${tag}@example.org` });
  age(srv, old.id, 130);
  assert.equal((await privacy(soon.id)).state, 'expiring');
  assert.equal((await privacy(old.id)).state, 'expired');

  await runAgain();
  const m = await noticeTo(`bientot.${tag}@example.org`);
  assert.equal(m.headers.subject, 'Vos données chez nous : souhaitez-vous que nous les gardions ?');
  const until = (await privacy(soon.id)).retention_until;
  const [y, mo, d] = until.split('-').map(Number);
  const MONTHS = ['janvier', 'février', 'mars', 'avril', 'mai', 'juin', 'juillet', 'août', 'septembre', 'octobre', 'novembre', 'décembre'];
  assert.match(m.text, new RegExp(`effacées le ${d} ${MONTHS[mo - 1]} ${y}`));
  const l = linkOf(m.text);
  assert.ok(l, m.text);
  token = l[1];
  warned = soon;
  assert.equal(srv.sqlValue(`SELECT count(*) FROM privacy_links WHERE token_hash = '${token}'`), 0, 'only a hash is stored');
  assert.equal(srv.sqlValue(`SELECT count(*) FROM privacy_links WHERE token_hash = '${tokenHash(token)}'`), 1);
  const en = await noticeTo(`soon.${tag}@example.org`);
  assert.equal(en.headers.subject, 'Your data with us: would you like us to keep it?');
  assert.match(en.text, /^Hello Soon,/);
  assert.ok((await privacy(soon.id)).warned_at, 'the person page says they were warned');
  // not yet, and nobody to write to
  assert.equal(notices(`tard.${tag}@example.org`), 0);
  assert.equal(srv.sqlValue(`SELECT count(*) FROM retention_notices WHERE person_id = ${noMail.id}`), 0);
  // the expired one is erased by the run, which says what it did in the audit log
  assert.equal(srv.sqlValue(`SELECT count(*) FROM people WHERE id = ${old.id} AND erased_at IS NOT NULL`), 1);
  assert.equal(notices(`perimee.${tag}@example.org`), 0, 'no warning once past the end');
  const audit = srv.sql(`SELECT action FROM audit_log WHERE object_type = 'privacy' AND user_id IS NULL ORDER BY id DESC LIMIT 1`);
  assert.match(audit[0].action, /^privacy run \d{4}-\d{2}-\d{2}: [2-9]\d* warned, [1-9]\d* erased/);
  assert.equal(srv.sqlValue(`SELECT count(*) FROM events WHERE type = 'privacy.notice' AND person_id = ${soon.id}`), 1);
  // once: the next run sends nothing new
  const before = sink.messages().length;
  await runAgain();
  await new Promise((r) => setTimeout(r, 500));
  assert.equal(sink.messages().length, before, 'warned once per end date');
  assert.ok(srv.stderr.includes('alliance: privacy run of'), 'serve says what it did');
});

test('the link opens a page where the person stays in the talent pool (the end moves 24 months on) or leaves it', async () => {
  const page = await fetch(`${srv.base}/privacy/${token}`);
  assert.equal(page.status, 200);
  const html = await page.text();
  assert.match(html, /<h1>Vos données personnelles<\/h1>/);
  assert.match(html, /Bonjour Bientôt,/);
  assert.match(html, /seront effacées le/);
  assert.match(html, /<form method="post" action="\/privacy\/[A-Za-z0-9_-]+\/renew\?lang=fr"><button type="submit" id="privacy-renew">Rejoindre le vivier/);
  assert.doesNotMatch(html, /privacy-withdraw/, 'nothing to leave yet');
  assert.doesNotMatch(html, /<script(?! type="application\/ld\+json")/);
  const r = await form(`/privacy/${token}/renew`);
  assert.equal(r.status, 303);
  assert.match(r.headers.get('location'), new RegExp(`^/privacy/${token}\\?lang=fr&done=renewed$`));
  let p = await privacy(warned.id);
  assert.deepEqual([p.retention_reason, p.retention_until, p.state], ['talent_pool', addMonths(today(), 24), 'kept']);
  const pool = p.legal_bases.find((b) => b.purpose === 'talent_pool');
  assert.deepEqual([pool.basis, pool.source, pool.recorded_by], ['consent', 'renewal_page', null]);
  const again = await (await fetch(`${srv.base}/privacy/${token}?done=renewed`)).text();
  assert.match(again, /Merci : vous restez dans notre vivier/);
  assert.match(again, /Vous faites partie de notre vivier : vos données sont conservées jusqu/);
  assert.match(again, /id="privacy-withdraw"/);
  // renewing again moves nothing further than today + 24 months, and keeps one consent
  assert.equal((await form(`/privacy/${token}/renew`)).status, 303);
  p = await privacy(warned.id);
  assert.equal(p.legal_bases.filter((b) => b.purpose === 'talent_pool').length, 1);
  assert.ok(p.legal_bases.find((b) => b.purpose === 'talent_pool').renewed_at);
  // leaving: the end of the application's rule again
  const w = await form(`/privacy/${token}/withdraw`);
  assert.equal(w.status, 303);
  assert.match(w.headers.get('location'), /done=withdrawn$/);
  p = await privacy(warned.id);
  assert.equal(p.retention_reason, 'process_ended');
  assert.equal(p.state, 'expiring');
  const en = await (await fetch(`${srv.base}/privacy/${token}?lang=en`)).text();
  assert.match(en, /<h1>Your personal data<\/h1>/);
});

test('the renewal page refuses wrong links, wrong media types and erased people alike', async () => {
  for (const t of ['A'.repeat(43), 'nope', token.slice(0, -1) + (token.endsWith('A') ? 'B' : 'A')]) {
    const r = await fetch(`${srv.base}/privacy/${t}`);
    assert.equal(r.status, 404, t);
    assert.match(await r.text(), /Ce lien n&#39;est pas valide|Ce lien n'est pas valide/);
    assert.equal((await form(`/privacy/${t}/renew`)).status, 404);
  }
  const json = await fetch(`${srv.base}/privacy/${token}/renew`, { method: 'POST', body: '{}', headers: { 'Content-Type': 'application/json' } });
  assert.equal(json.status, 415);
  assert.equal((await fetch(`${srv.base}/privacy/${token}/renew`)).status, 405);
  // an expired link
  srv.sqlExec(`UPDATE privacy_links SET expires_at = '${daysAgo(1)}' WHERE token_hash = '${tokenHash(token)}'`);
  assert.equal((await fetch(`${srv.base}/privacy/${token}`)).status, 404);
  srv.sqlExec(`UPDATE privacy_links SET expires_at = '${daysAgo(-30)}' WHERE token_hash = '${tokenHash(token)}'`);
  assert.equal((await fetch(`${srv.base}/privacy/${token}`)).status, 200);
  // once erased, the link is gone with the rest
  const e = await srv.post(`/api/v1/people/${warned.id}/erase`, { reason: 'test' }, { as: await srv.as('manager') });
  assert.equal(e.status, 200);
  assert.equal((await fetch(`${srv.base}/privacy/${token}`)).status, 404);
  assert.equal(srv.sqlValue(`SELECT count(*) FROM privacy_links WHERE person_id = ${warned.id}`), 0);
});

test('the server is healthy', async () => {
  await assertHealthy(srv);
});
