// smtp: a real SMTP server on loopback for mail tests (tests/smtp_sink.py,
// Debian's python3-aiosmtpd), and helpers to wait for what it received.
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { freePort } from './harness.mjs';

const SINK = join(dirname(fileURLToPath(import.meta.url)), '..', 'smtp_sink.py');
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

export class SmtpSink {
  constructor() {
    this.dir = mkdtempSync(join(tmpdir(), 'alliance-smtp-'));
  }

  /** Starts (or restarts, on the same port) the server; resolves when it listens. */
  async start(extraArgs = []) {
    if (!this.port) this.port = await freePort();
    this.url = `smtp://127.0.0.1:${this.port}`;
    this.proc = spawn('/usr/bin/python3', [SINK, '--port', String(this.port), '--dir', this.dir, ...extraArgs], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    this.stderr = '';
    this.proc.stderr.on('data', (d) => (this.stderr += d));
    await new Promise((resolve, reject) => {
      let out = '';
      this.proc.stdout.on('data', (d) => {
        out += d;
        if (out.includes('ready')) resolve();
      });
      this.proc.on('exit', (code) => reject(new Error(`smtp sink exited ${code}: ${this.stderr}`)));
    });
    return this;
  }

  async stop() {
    if (!this.proc) return;
    const p = this.proc;
    this.proc = null;
    const exited = new Promise((r) => p.on('exit', r));
    p.kill('SIGTERM');
    await exited;
  }

  /** Every message received so far (parsed by the sink), in arrival order. */
  messages() {
    return readdirSync(this.dir)
      .filter((f) => f.endsWith('.json'))
      .sort()
      .map((f) => ({ file: f, ...JSON.parse(readFileSync(join(this.dir, f), 'utf8')) }));
  }

  /** Waits until pred(messages) is true (default 15 s); returns the messages. */
  async waitFor(pred, what = 'mail', ms = 15_000) {
    const deadline = Date.now() + ms;
    for (;;) {
      const m = this.messages();
      if (pred(m)) return m;
      if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}; got ${m.length} messages: ` +
        JSON.stringify(m.map((x) => [x.to_envelope, x.headers?.subject])));
      await sleep(50);
    }
  }

  /** Waits for one more message to addr than `after` had; returns it. */
  async next(addr, after = 0) {
    const m = await this.waitFor((ms) => ms.filter((x) => x.to_envelope.includes(addr)).length > after, `mail to ${addr}`);
    return m.filter((x) => x.to_envelope.includes(addr))[after];
  }

  count(addr) {
    return this.messages().filter((x) => x.to_envelope.includes(addr)).length;
  }

  cleanup() {
    rmSync(this.dir, { recursive: true, force: true });
  }
}

/** The stored hash of a status-link token (libsodium crypto_generichash,
 * 32 bytes, hex), so a test can find the link the way the store does. */
export function tokenHash(token) {
  const r = spawnSync('/usr/bin/python3', ['-c',
    'import hashlib,sys; print(hashlib.blake2b(sys.argv[1].encode(), digest_size=32).hexdigest())', token],
  { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(r.stderr);
  return r.stdout.trim();
}

/** Environment for a server that delivers to the sink quickly. */
export function mailEnv(sink, extra = {}) {
  return {
    ALLIANCE_SMTP_URL: sink.url, ALLIANCE_SMTP_TLS: 'none', ALLIANCE_MAIL_POLL_MS: '50',
    ALLIANCE_MAIL_BACKOFF_MS: '200', ALLIANCE_MAIL_LEASE_S: '2', ALLIANCE_PUBLIC_URL: 'https://jobs.example.org/',
    ALLIANCE_MAIL_FROM: 'Équipe Recrutement <recrutement@alliance.example>', ALLIANCE_DIGEST_HOUR: 'off',
    ...extra,
  };
}
