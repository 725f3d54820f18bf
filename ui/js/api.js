// api: the one way the pages talk to the server. Adds the language, the
// CSRF token on writes and If-Match on updates; turns problem+json answers
// into ApiError with the per-field errors.
import { getLang, t } from './i18n.js';

let csrfToken = null;
let onSignedOut = () => {};

export function setCsrf(token) { csrfToken = token || null; }
export function onAuthLost(fn) { onSignedOut = fn; }

export class ApiError extends Error {
  constructor(status, problem) {
    super(problem.detail ? `${problem.title} (${problem.detail})` : problem.title || t('error.generic'));
    this.status = status;
    this.title = problem.title || '';
    this.detail = problem.detail || '';
    this.type = problem.type || '';
    this.errors = Array.isArray(problem.errors) ? problem.errors : [];
    this.existing_id = problem.existing_id ?? null; // 409 duplicate: the one already there
  }
}

// api('PATCH', '/api/v1/needs/7', {body, version}) → parsed JSON (null on 204).
// form: a FormData sent as multipart/form-data instead of a JSON body (uploads).
// A 401 on a signed-in call means the session ended: the app goes to sign-in.
export async function api(method, path, { body, version, signIn = false, form } = {}) {
  const headers = { Accept: 'application/json', 'Accept-Language': getLang() };
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  if (method !== 'GET' && method !== 'HEAD' && csrfToken) headers['X-CSRF-Token'] = csrfToken;
  if (version !== undefined && version !== null) headers['If-Match'] = `"${version}"`;
  let res;
  try {
    res = await fetch(path, {
      method, headers, credentials: 'same-origin',
      body: form ?? (body === undefined ? undefined : JSON.stringify(body)),
    });
  } catch {
    throw new ApiError(0, { title: t('error.network') });
  }
  if (res.status === 204) return null;
  const type = res.headers.get('Content-Type') || '';
  const data = type.includes('json') ? await res.json().catch(() => null) : null;
  if (!res.ok) {
    const err = new ApiError(res.status, data || { title: t('error.http', { status: res.status }) });
    if (res.status === 401 && !signIn) onSignedOut();
    throw err;
  }
  return data;
}

// Builds "/api/v1/x?a=1&b=2", leaving out empty values.
export function withQuery(path, params) {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (v !== undefined && v !== null && v !== '') q.set(k, v);
  const s = q.toString();
  return s ? `${path}?${s}` : path;
}
