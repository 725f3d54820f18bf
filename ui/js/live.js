// live: one EventSource on /api/v1/events while signed in. Pages and the
// header subscribe to event types (onLive('post.created', fn)); the browser
// reconnects by itself and sends Last-Event-ID, so nothing is missed.
const listeners = new Map(); // type -> Set of fns ('*' for every type)
let source = null;

function dispatch(type, e) {
  let data = null;
  try { data = JSON.parse(e.data); } catch { return; }
  for (const key of [type, '*']) for (const fn of listeners.get(key) || []) fn(data, type);
}

const TYPES = ['post.created', 'post.updated', 'post.deleted', 'post.reacted', 'notification.created',
  'candidacy.created', 'candidacy.stage', 'need.created', 'need.status', 'need.updated', 'deal.stage',
  'incident.created', 'incident.updated', 'incident.status', 'channel.updated', 'ritual.created', 'ritual.updated',
  'ritual.point', 'review.created', 'reset'];

export function startLive() {
  if (source || typeof EventSource === 'undefined') return;
  source = new EventSource('/api/v1/events');
  for (const type of TYPES) source.addEventListener(type, (e) => dispatch(type, e));
}

export function stopLive() {
  if (source) source.close();
  source = null;
}

// Calls fn(data, type) for each message of type; returns the unsubscribe.
export function onLive(type, fn) {
  if (!listeners.has(type)) listeners.set(type, new Set());
  listeners.get(type).add(fn);
  return () => listeners.get(type).delete(fn);
}

// Pages subscribe for as long as they are shown: ctx.alive() turns false
// when the user navigates away, and the subscription ends with it.
export function whileAlive(ctx, type, fn) {
  const off = onLive(type, (d, ty) => (ctx.alive() ? fn(d, ty) : off()));
  return off;
}
