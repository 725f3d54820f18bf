// session: who is signed in, and what their role may do. The table mirrors
// the server's permission table (and src/domain/visibility.h for money and
// one's own rows); the server still checks every request, and never sends
// a field the role may not see.
import { api, setCsrf } from './api.js';

const ALL = ['admin', 'manager', 'sales', 'recruiter', 'tech', 'consultant'];
const STAFF = ['admin', 'manager', 'sales', 'recruiter', 'tech'];
const RULES = {
  'needs.read': ALL,
  'needs.write': ['admin', 'manager', 'sales'],
  'matches.read': STAFF,
  'people.read': STAFF,
  'people.write': ['admin', 'manager', 'recruiter', 'tech'],
  'candidacies.read': STAFF,
  'candidacies.write': ['admin', 'manager', 'sales', 'recruiter'],
  'clients.read': ALL,
  'clients.write': ['admin', 'manager', 'sales'],
  'deals.read': STAFF,
  'deals.write': ['admin', 'manager', 'sales'],
  'reviews.write': ['manager', 'tech'],
  'capabilities.read': STAFF,
  // imports, exports, duplicates
  'people.merge': ['admin', 'manager', 'recruiter'],
  'people.import': ['admin', 'manager', 'recruiter'],
  'people.export': ['admin', 'manager', 'recruiter'],
  // incidents and rituals
  'incidents.read': [...ALL, 'client'], // a client contact: their client's
  'incidents.write': ALL,
  'rituals.read': ALL,
  'rituals.write': STAFF,
  'agenda.read': STAFF,
  'agenda.write': STAFF,
  // KPIs and shared objectives
  'kpis.read': ALL,
  'objectives.read': ALL,
  'objectives.write': ['admin', 'manager'],
  // mail to candidates and no ghosting
  'mail_templates.read': ['admin', 'manager', 'recruiter'],
  'mail_templates.write': ['admin', 'manager'],
  'settings.write': ['admin', 'manager'],
  'channels.read': ALL, // a client contact reads no channel, not even an incident's thread
  // rates and salaries: what a consultant is sold for, what a client pays
  'money.read': ['admin', 'manager', 'sales'],
  // personal data: legal bases, erasure, the register of processing
  'legal_bases.read': STAFF,
  'legal_bases.write': ['admin', 'manager', 'recruiter'],
  'people.erase': ['admin', 'manager'],
  'privacy.read': ['admin', 'manager'],
};

export const session = { user: null };

export function can(action) {
  return !!session.user && (RULES[action] || []).includes(session.user.role);
}

/** A client contact's account: outside the firm, their client's incidents only. */
export function isClient() {
  return !!session.user && session.user.role === 'client';
}

/** Whether person id is the one the signed-in account stands for (a consultant's own profile). */
export function isMe(personId) {
  return !!session.user && session.user.person_id != null && session.user.person_id === personId;
}

/** The first page after signing in. */
export function homePage() {
  return isClient() ? '#/incidents' : '#/needs';
}

export async function loadSession() {
  try {
    const me = await api('GET', '/api/v1/me', { signIn: true });
    session.user = me.user;
    setCsrf(me.csrf_token);
  } catch (e) {
    if (e.status !== 401) throw e;
    session.user = null;
    setCsrf(null);
  }
  return session.user;
}

export async function signIn(email, password) {
  const r = await api('POST', '/api/v1/session', { body: { email, password }, signIn: true });
  session.user = r.user;
  setCsrf(r.csrf_token);
  return r.user;
}

export async function signOut() {
  try { await api('DELETE', '/api/v1/session', { signIn: true }); } finally {
    session.user = null;
    setCsrf(null);
  }
}

export function forget() {
  session.user = null;
  setCsrf(null);
}
