// workload: concurrent writers through the API that remember exactly what
// the server acknowledged, and a check of the database against it. Used by
// the crash test (SIGKILL at random moments) and the backup test (a backup
// taken under load).
//
// Each writer creates people with k skills (k written in `location` as
// "k<k>") and replaces the skills of its own people with If-Match. So every
// person row, whatever moment the server died at, must have as many skills
// as its location says, one audit row for its creation and version - 1 for
// its changes: a half-applied request would break one of these.
import assert from 'node:assert/strict';

const SKILLS = ['java', 'kafka', 'python', 'sql', 'docker', 'kubernetes', 'react', 'linux', 'postgresql', 'git'];
export const PREFIX = 'Crash';

function pickSkills(k, seed) {
  const out = [];
  for (let i = 0; i < k; i++) out.push({ skill: SKILLS[(seed + i * 3) % SKILLS.length], level: 1 + ((seed + i) % 5) });
  return out;
}

const canon = (skills) => skills.map((s) => `${s.skill}:${s.level}`).sort().join(',');

export class Workload {
  /** srv: a harness Server (its base may change between restarts);
   * session: who writes (a people.write role). */
  constructor(srv, session, { writers = 4 } = {}) {
    this.srv = srv;
    this.session = session;
    this.writers = writers;
    this.people = new Map(); // id -> {writer, version, state, pending}
    this.seq = 0;
    this.acks = 0;
    this.unexpected = [];
  }

  /** Starts the writers; they run until stop() (network errors, e.g. a
   * killed server, only end the request they hit). */
  start() {
    this.running = true;
    this.loops = [];
    for (let w = 0; w < this.writers; w++) this.loops.push(this.#loop(w));
  }

  async stop() {
    this.running = false;
    await Promise.all(this.loops);
  }

  async #loop(w) {
    while (this.running) {
      const mine = [...this.people.entries()].filter(([, p]) => p.writer === w && !p.pending);
      const seq = ++this.seq;
      const k = 1 + (seq % 4);
      const state = { location: `k${k}`, skills: pickSkills(k, seq) };
      try {
        if (mine.length && seq % 3 === 0) await this.#change(mine[seq % mine.length], state);
        else await this.#create(w, seq, state);
      } catch {
        // no answer (the server died): the request may or may not have committed
        if (!this.running) return;
        await new Promise((r) => setTimeout(r, 20));
      }
    }
  }

  async #create(w, seq, state) {
    const body = { kind: 'candidate', first_name: `${PREFIX}${w}`, last_name: `n${seq}`, ...state };
    const r = await this.srv.post('/api/v1/people', body, { as: this.session });
    if (r.status === 201) {
      this.people.set(r.json.id, { writer: w, version: 1, state, pending: null });
      this.acks++;
    } else this.unexpected.push(`POST ${r.status} ${r.text}`);
  }

  async #change([id, p], state) {
    p.pending = { version: p.version + 1, state };
    const r = await this.srv.patch(`/api/v1/people/${id}`, state, { as: this.session, ifMatch: p.version });
    if (r.status === 200) {
      assert.equal(r.json.version, p.version + 1);
      p.version++;
      p.state = state;
      p.pending = null;
      this.acks++;
    } else {
      p.pending = null;
      this.unexpected.push(`PATCH ${r.status} ${r.text}`);
    }
  }

  /** Rows of our people with their skills and audit counts, by id. */
  rows(sql = (q) => this.srv.sql(q)) {
    const people = sql(`SELECT id, version, location FROM people WHERE first_name LIKE '${PREFIX}%'`);
    const skills = sql(
      `SELECT person_id, skill, level FROM person_skills WHERE person_id IN (SELECT id FROM people WHERE first_name LIKE '${PREFIX}%')`,
    );
    const audit = sql(
      `SELECT object_id, action, count(*) AS n FROM audit_log WHERE action IN ('POST /api/v1/people', 'PATCH /api/v1/people/{id}') GROUP BY object_id, action`,
    );
    const byId = new Map(people.map((p) => [Number(p.id), { ...p, id: Number(p.id), version: Number(p.version), skills: [], created: 0, changed: 0 }]));
    for (const s of skills) byId.get(Number(s.person_id))?.skills.push({ skill: s.skill, level: Number(s.level) });
    for (const a of audit) {
      const p = byId.get(Number(a.object_id));
      if (!p) continue;
      if (a.action.startsWith('POST')) p.created += Number(a.n);
      else p.changed += Number(a.n);
    }
    return byId;
  }

  /** Asserts that no request is half applied in the database that sql
   * reads (default: the server's); returns its rows by id. */
  consistent(sql) {
    const rows = this.rows(sql);
    for (const [id, r] of rows) {
      const k = Number(/^k(\d)$/.exec(r.location)?.[1]);
      assert.equal(r.skills.length, k, `person ${id}: ${r.skills.length} skills stored, its request had ${k}`);
      assert.equal(r.created, 1, `person ${id}: one audit row for its creation`);
      assert.equal(r.changed, r.version - 1, `person ${id}: one audit row per change (version ${r.version})`);
    }
    return rows;
  }

  /** What was acknowledged so far: id -> version. */
  acknowledged() {
    return new Map([...this.people].map(([id, p]) => [id, p.version]));
  }

  /** Asserts that the database holds every acknowledged write and no half
   * of any request. A change that was in flight when the server died may
   * have committed: then it is adopted as acknowledged from here on.
   * Returns the number of rows checked. */
  verify(sql) {
    assert.deepEqual(this.unexpected, [], 'every answer the server gave was a success');
    const rows = this.consistent(sql);
    for (const [id, p] of this.people) {
      const r = rows.get(id);
      assert.ok(r, `acknowledged person ${id} is missing`);
      if (p.pending && r.version === p.pending.version) {
        p.version = p.pending.version;
        p.state = p.pending.state;
      }
      p.pending = null;
      assert.equal(r.version, p.version, `person ${id}: acknowledged version`);
      assert.equal(r.location, p.state.location, `person ${id}: acknowledged location`);
      assert.equal(canon(r.skills), canon(p.state.skills), `person ${id}: acknowledged skills`);
    }
    return rows.size;
  }
}
