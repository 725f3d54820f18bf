// privacy_helpers: what the privacy tests share — moving a person back in
// time behind the API's back (their data then expires as it would months
// later), multipart uploads, and the dates the retention rule computes.
import assert from 'node:assert/strict';

const DAY = 86_400_000;

/** ISO timestamp `days` days ago (negative: in the future). */
export const daysAgo = (days) => new Date(Date.now() - days * DAY).toISOString().replace(/\.\d{3}Z$/, 'Z');
/** "YYYY-MM-DD" of a Date, in UTC. */
export const isoDay = (d) => d.toISOString().slice(0, 10);

/** The same day n months later, or the month's last day (the server's rule). */
export function addMonths(day, n) {
  const [y, m, d] = day.split('-').map(Number);
  const months = y * 12 + (m - 1) + n;
  const ny = Math.floor(months / 12), nm = months % 12;
  const last = new Date(Date.UTC(ny, nm + 1, 0)).getUTCDate();
  return isoDay(new Date(Date.UTC(ny, nm, Math.min(d, last))));
}

/** Everything a person's retention reads happened `days` days ago. */
export function age(srv, personId, days) {
  const at = daysAgo(days);
  srv.sqlExec(`UPDATE people SET created_at = '${at}' WHERE id = ${personId}`);
  srv.sqlExec(`UPDATE candidacies SET created_at = '${at}', updated_at = '${at}', last_contact_at = '${at}' WHERE person_id = ${personId}`);
  srv.sqlExec(`UPDATE legal_bases SET obtained_at = '${at}', renewed_at = NULL WHERE person_id = ${personId}`);
  return at;
}

/** Posts a multipart form (fields: strings, or {name, data, type} for files). */
export async function multipart(srv, path, fields, headers = {}) {
  const fd = new FormData();
  for (const [k, v] of Object.entries(fields)) {
    if (v && typeof v === 'object') fd.append(k, new Blob([v.data], { type: v.type || 'application/octet-stream' }), v.name);
    else fd.append(k, v);
  }
  const r = await fetch(srv.base + path, { method: 'POST', body: fd, headers, redirect: 'manual' });
  const text = await r.text();
  let json;
  try { json = JSON.parse(text); } catch { json = undefined; }
  return { status: r.status, headers: r.headers, text, json };
}

/** A plain-text CV uploaded to a person by a signed-in user; returns the document. */
export async function uploadCv(srv, who, personId, text, name = 'cv.txt') {
  const r = await multipart(srv, `/api/v1/people/${personId}/cv`, { cv: { name, data: Buffer.from(text), type: 'text/plain' } },
    { Cookie: who.cookie, 'X-CSRF-Token': who.csrf });
  assert.equal(r.status, 201, r.text);
  return r.json.document;
}

/** A rejected candidate with a candidacy on the first need. */
export async function rejectedCandidate(srv, rec, body) {
  const p = await srv.post('/api/v1/people', { kind: 'candidate', ...body }, { as: rec });
  assert.equal(p.status, 201, p.text);
  const need = srv.sqlValue('SELECT id FROM needs ORDER BY id LIMIT 1');
  const c = await srv.post('/api/v1/candidacies', { person_id: p.json.id, need_id: need }, { as: rec });
  assert.equal(c.status, 201, c.text);
  const m = await srv.patch(`/api/v1/candidacies/${c.json.id}`, { stage: 'rejected', reason: 'profil trop junior' }, { as: rec, ifMatch: c.json.version });
  assert.equal(m.status, 200, m.text);
  return { person: p.json, candidacy: m.json };
}
