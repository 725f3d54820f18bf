// incident-detail: an incident, its status actions (accept, start, resolve
// with a summary, close, reopen) and its thread: the system posts of every
// change and what people wrote, with a box to write in it. The page follows
// the live stream: a change made by anyone (status, owner, severity…)
// redraws the details, and the thread shows new posts as they are written.
import { t, formatDate } from '../i18n.js';
import { api } from '../api.js';
import { session, can } from '../session.js';
import { h, loading, empty, pageHeader, toast, debounce } from '../dom.js';
import { severityBadge, incidentStatusBadge, overdueBadge } from '../labels.js';
import { reasonDialog } from '../reason-dialog.js';
import { whileAlive } from '../live.js';
import { threadView } from '../thread-view.js';
import { formatDateTime } from './incidents-list.js';

export async function render(ctx) {
  const id = Number(ctx.params[0]);
  ctx.main.append(loading());
  const i = await api('GET', `/api/v1/incidents/${id}`);
  if (!ctx.alive()) return;
  ctx.setTitle(i.title);
  const details = h('div', { id: 'incident-head' });
  // the thread is the firm's internal talk: not for a client contact
  const talk = can('channels.read');
  const thread = i.channel_id && talk ? threadView(ctx, i.channel_id) : { el: empty(t('incident.noThread')), refresh() {} };
  const dialog = reasonDialog({ prefix: 'resolve', label: t('incident.resolution'), requiredMessage: t('incident.resolutionRequired') });
  ctx.main.replaceChildren(details,
    ...(talk ? [h('section', { class: 'section', id: 'incident-thread', 'aria-labelledby': 'thread-title' },
      h('h2', { id: 'thread-title' }, t('incident.thread')), thread.el)] : []),
    dialog.el);
  let seq = 0; // only the latest answer is drawn
  const reload = async () => {
    const ticket = ++seq;
    const fresh = await api('GET', `/api/v1/incidents/${id}`).catch(() => null);
    if (fresh && ctx.alive() && ticket === seq) {
      ctx.setTitle(fresh.title);
      draw(details, fresh, dialog, reload);
    }
  };
  draw(details, i, dialog, reload);
  const later = debounce(reload, 150);
  for (const type of ['incident.updated', 'incident.status']) whileAlive(ctx, type, (d) => { if (d.object_id === id) later(); });
}

function involved(i) {
  const me = session.user.id;
  return ['admin', 'manager'].includes(session.user.role) || i.owner_id === me || i.created_by === me || i.participant_ids.includes(me);
}

// The incident's details and actions into box; reload() reads it again.
function draw(box, i, dialog, reload) {
  const me = session.user.id;
  const active = i.status === 'open' || i.status === 'in_progress';
  const fact = (label, value) => h('div', null, h('dt', null, label), h('dd', null, value || '—'));

  async function act(run, message) {
    try {
      await run();
      toast(message, 'success');
    } catch (e) {
      toast(e.status === 412 ? t('error.stale') : e.message, 'error');
    }
    await reload();
  }
  const move = (status, extra = {}) => api('PATCH', `/api/v1/incidents/${i.id}`, { body: { status, ...extra }, version: i.version });
  async function resolve() {
    const summary = await dialog.ask(t('incident.resolveTitle'), t('incident.resolveIntro'));
    if (summary) act(() => move('resolved', { resolution: summary }), t('incident.resolvedToast'));
  }

  const actions = [];
  if (i.owner_id === me && !i.accepted_at && active)
    actions.push(h('button', { type: 'button', class: 'btn btn-primary', id: 'accept-incident',
      onclick: () => act(() => api('POST', `/api/v1/incidents/${i.id}/accept`), t('incident.acceptedToast')) }, t('incident.accept')));
  if (involved(i)) {
    if (i.status === 'open') actions.push(h('button', { type: 'button', class: 'btn', id: 'start-incident', onclick: () => act(() => move('in_progress'), t('incident.savedStatus')) }, t('incident.start')));
    if (active) actions.push(h('button', { type: 'button', class: 'btn', id: 'resolve-incident', onclick: resolve }, t('incident.resolve')));
    if (i.status === 'resolved') {
      actions.push(h('button', { type: 'button', class: 'btn btn-primary', id: 'close-incident', onclick: () => act(() => move('closed'), t('incident.savedStatus')) }, t('incident.close')));
      actions.push(h('button', { type: 'button', class: 'btn', id: 'reopen-incident', onclick: () => act(() => move('in_progress'), t('incident.savedStatus')) }, t('incident.reopen')));
    }
  }

  box.replaceChildren(
    h('nav', { class: 'crumbs', 'aria-label': t('nav.crumbs') }, h('a', { href: '#/incidents' }, t('incidents.title')), ' / ', i.title),
    pageHeader(i.title, involved(i) && i.status !== 'closed' ? h('a', { class: 'btn', href: `#/incidents/${i.id}/edit`, id: 'edit-incident' }, t('action.edit')) : null),
    h('section', { class: 'card', id: 'incident-details', 'aria-label': t('incident.details') },
      h('p', { class: 'badges', id: 'incident-badges' }, severityBadge(i.severity), incidentStatusBadge(i.status), i.overdue ? overdueBadge() : null,
        active && !i.accepted_at ? h('span', { class: 'badge badge-warn' }, t('incident.toAccept')) : null),
      i.owner_id === me && !i.accepted_at && active ? h('p', { class: 'notice notice-warn', id: 'accept-notice' }, t('incident.acceptNotice')) : null,
      h('dl', { class: 'facts' },
        fact(t('incident.client'), can('clients.read') ? h('a', { href: `#/clients/${i.client_id}` }, i.client_name) : i.client_name),
        fact(t('incident.need'), i.need_id ? (can('needs.read') ? h('a', { href: `#/needs/${i.need_id}` }, i.need_title) : i.need_title) : null),
        fact(t('incident.consultant'), i.consultant_name),
        fact(t('incident.owner'), [i.owner_name, i.accepted_at ? h('span', { class: 'muted small' }, ` · ${t('incident.acceptedOn', { when: formatDateTime(i.accepted_at) })}`) : null]),
        fact(t('incident.openedBy'), i.created_by_name ? `${i.created_by_name} · ${formatDate(i.created_at)}` : formatDate(i.created_at)),
        fact(t('incident.due'), h('span', { class: i.overdue ? 'text-danger' : null }, formatDateTime(i.due_at))),
        fact(t('incident.participants'), i.participants.length ? i.participants.map((p) => p.name).join(', ') : null),
        i.resolved_at ? fact(t('incident.resolvedAt'), formatDateTime(i.resolved_at)) : null),
      i.description ? h('p', { class: 'description pre' }, i.description) : null,
      i.resolution ? h('div', { class: 'notice notice-ok', id: 'incident-resolution' }, h('strong', null, `${t('incident.resolution')} : `), i.resolution) : null,
      actions.length ? h('div', { class: 'incident-actions' }, actions) : null));
}
