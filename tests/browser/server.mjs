// server: starts the real alliance binary on a free loopback port with a
// fresh demo database (files under its own data directory), and stops it
// with SIGTERM. Options:
//   env(base)  more environment for `serve`, given the server's address
//              (so that mailed links can point back at it)
//   waitMs     how long to wait for /healthz and for the exit (15 s)
// The answer names the SQLite file too (db), for set-up behind the UI's back.
import { spawn, execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import net from 'node:net';

export const BIN = resolve(process.env.ALLIANCE_BIN || 'build/alliance');

function freePort() {
  return new Promise((ok, fail) => {
    const srv = net.createServer();
    srv.on('error', fail);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address();
      srv.close(() => ok(port));
    });
  });
}

export async function startServer({ env = () => ({}), waitMs = 15000 } = {}) {
  const dir = mkdtempSync(join(tmpdir(), 'alliance-browser-'));
  const db = join(dir, 'a.db');
  execFileSync(BIN, ['init', '--demo', '--db', db], { stdio: 'pipe' });
  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  const child = spawn(BIN, ['serve', '--db', db, '--addr', `127.0.0.1:${port}`, '--data-dir', join(dir, 'files')], {
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, ...env(base) },
  });
  let output = '';
  child.stdout.on('data', (d) => { output += d; });
  child.stderr.on('data', (d) => { output += d; });
  const exited = new Promise((ok) => child.on('exit', (code, signal) => ok({ code, signal })));
  const deadline = Date.now() + waitMs;
  for (;;) {
    try {
      const r = await fetch(`${base}/healthz`);
      if (r.ok) break;
    } catch { /* not listening yet */ }
    if (child.exitCode !== null) throw new Error(`server exited early:\n${output}`);
    if (Date.now() > deadline) { child.kill('SIGKILL'); throw new Error(`server did not answer /healthz:\n${output}`); }
    await new Promise((r) => setTimeout(r, 100));
  }
  return {
    base,
    db,
    output: () => output,
    async stop() {
      child.kill('SIGTERM');
      let timer;
      const result = await Promise.race([exited, new Promise((r) => { timer = setTimeout(() => r(null), waitMs); })]);
      clearTimeout(timer);
      if (!result) child.kill('SIGKILL');
      rmSync(dir, { recursive: true, force: true });
      return result;
    },
  };
}
