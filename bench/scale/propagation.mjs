// propagation: how long a change made on one server takes to show in the
// matches served by another. node bench/scale/propagation.mjs BASE_A BASE_B TOKEN [SAMPLES]
// Creates a need with skills (on A), then SAMPLES times: PATCH one person's
// level on A (If-Match from a fresh GET), poll B's matches every ~1 ms until the
// person's score changes. Prints p50/p99/max in ms. Figures, never asserted.
const [baseA, baseB, token, samplesArg] = process.argv.slice(2);
const SAMPLES = Number(samplesArg || 50);
const H = { Authorization: `Bearer ${token}` };
const J = { ...H, 'Content-Type': 'application/json; charset=utf-8' };
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
async function call(base, method, path, body, extra = {}) {
  const r = await fetch(base + path, { method, headers: { ...(body ? J : H), ...extra }, body: body && JSON.stringify(body) });
  const text = await r.text();
  if (r.status >= 300) throw new Error(`${method} ${path}: ${r.status} ${text}`);
  return { json: JSON.parse(text), etag: r.headers.get('etag') };
}
const need = (await call(baseA, 'POST', '/api/v1/needs', {
  title: 'Bench propagation', // a draft: matches are served for any need
  skills: [{ skill: 'java', min_level: 3, weight: 5 }, { skill: 'docker', min_level: 3, weight: 2 }],
})).json;
const person = (await call(baseA, 'POST', '/api/v1/people', {
  kind: 'candidate', first_name: 'Bench', last_name: 'Propagation', skills: [{ skill: 'java', level: 1 }],
})).json;
const scoreOnB = async () => {
  const m = (await call(baseB, 'GET', `/api/v1/needs/${need.id}/matches?limit=200`)).json;
  return m.items.find((x) => x.person.id === person.id)?.score;
};
const delays = [];
for (let i = 0; i < SAMPLES; i++) {
  const before = await scoreOnB();
  const cur = await call(baseA, 'GET', `/api/v1/people/${person.id}`);
  const level = cur.json.skills[0]?.level === 5 ? 1 : 5; // scores differ: below vs above min_level
  const t0 = performance.now();
  await call(baseA, 'PATCH', `/api/v1/people/${person.id}`, { skills: [{ skill: 'java', level }] }, { 'If-Match': cur.etag });
  for (;;) {
    const s = await scoreOnB();
    if (s !== before) break;
    if (performance.now() - t0 > 10_000) throw new Error('no change on B within 10 s');
    await sleep(1);
  }
  delays.push(performance.now() - t0);
}
delays.sort((a, b) => a - b);
const q = (p) => delays[Math.min(delays.length - 1, Math.floor(p * delays.length))].toFixed(1);
console.log(`propagation A→B (PATCH sent on A → B's matches show it), ${SAMPLES} samples: p50 ${q(0.5)} ms, p99 ${q(0.99)} ms, max ${delays.at(-1).toFixed(1)} ms`);
