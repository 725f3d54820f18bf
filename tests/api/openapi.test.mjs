// The API description and the route table agree: every route the server
// declares in src/api/routes.c is described in docs/openapi.yaml with the
// same method, and the description has no route the server lacks.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../../', import.meta.url));

function serverRoutes() {
  const src = readFileSync(`${root}src/api/routes.c`, 'utf8');
  return [...src.matchAll(/\{"(GET|POST|PATCH|PUT|DELETE)", "([^"]+)"/g)].map((m) => `${m[1]} ${m[2]}`).sort();
}

function documentedRoutes() {
  const lines = readFileSync(`${root}docs/openapi.yaml`, 'utf8').split('\n');
  const out = [];
  let path = null;
  let inPaths = false;
  for (const line of lines) {
    if (/^paths:/.test(line)) inPaths = true;
    else if (/^\S/.test(line)) inPaths = false;
    if (!inPaths) continue;
    const p = /^  (\/[^:]*):\s*$/.exec(line);
    if (p) path = p[1];
    const m = /^    (get|post|patch|put|delete):\s*$/.exec(line);
    // every documented operation but the static UI at "/", which is no route
    if (m && path && path !== '/') out.push(`${m[1].toUpperCase()} ${path}`);
  }
  return out.sort();
}

test('every server route is described in docs/openapi.yaml, and nothing more', () => {
  assert.deepEqual(documentedRoutes(), serverRoutes());
});
