// incident-detail: an incident, its status actions (accept, start, resolve
// with a summary, close, reopen) and its thread: the system posts of every
// change and what people wrote, with a box to write in it.
import { t, formatDate } from '../i18n.js';
import { api, withQuery } from '../api.js';
import { session } from '../session.js';
import { h, loading, errorBox, empty, pageHeader, toast } from '../dom.js';
import { severityBadge, incidentStatusBadge, overdueBadge } from '../labels.js';
import { reasonDialog } from '../reason-dialog.js';
import { formatDateTime } from './incidents-list.js';

export async function render(ctx) {
  const id = Number(ctx.params[0]);
  ctx.main.append(loading());
  const i = await api('GET', `/api/v1/incidents/${id}`);
  if (!ctx.alive()) return;
  ctx.setTitle(i.title);
  ctx.main.replaceChildren();
  draw(ctx, i);
}

function involved(i) {
  const me = session.user.id;
  return ['admin', 'manager'].includes(session.user.role) || i.owner_id === me || i.created_by === me || i.participant_ids.includes(me);
}

function draw(ctx, i) {
  const me = session.user.id;
  const active = i.status === 'open' || i.status === 'in_progress';
  const dialog = reasonDialog({ prefix: 'resolve', label: t('incident.resolution'), requiredMessage: t('incident.resolutionRequired') });
  const fact = (label, value) => h('div', null, h('dt', null, label), h('dd', null, value || '—'));

  async function act(run, message) {
    try {
      await run();
      toast(message, 'success');
      const fresh = await api('GET', `/api/v1/incidents/${i.id}`);
      if (!ctx.alive()) return;
      ctx.main.replaceChildren();
      draw(ctx, fresh);
    } catch (e) {
      if (e.status === 412) {
        toast(t('error.stale'), 'error');
        const fresh = await api('GET', `/api/v1/incidents/${i.id}`);
        ctx.main.replaceChildren();
        draw(ctx, fresh);
        return;
      }
      toast(e.message, 'error');
    }
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

  const thread = h('div', null, i.channel_id ? loading() : empty(t('incident.noThread')));
  ctx.main.append(
    h('nav', { class: 'crumbs', 'aria-label': t('nav.crumbs') }, h('a', { href: '#/incidents' }, t('incidents.title')), ' / ', i.title),
    pageHeader(i.title, involved(i) && i.status !== 'closed' ? h('a', { class: 'btn', href: `#/incidents/${i.id}/edit`, id: 'edit-incident' }, t('action.edit')) : null),
    h('section', { class: 'card', id: 'incident-details', 'aria-label': t('incident.details') },
      h('p', { class: 'badges', id: 'incident-badges' }, severityBadge(i.severity), incidentStatusBadge(i.status), i.overdue ? overdueBadge() : null,
        active && !i.accepted_at ? h('span', { class: 'badge badge-warn' }, t('incident.toAccept')) : null),
      i.owner_id === me && !i.accepted_at && active ? h('p', { class: 'notice notice-warn', id: 'accept-notice' }, t('incident.acceptNotice')) : null,
      h('dl', { class: 'facts' },
        fact(t('incident.client'), h('a', { href: `#/clients/${i.client_id}` }, i.client_name)),
        fact(t('incident.need'), i.need_id ? h('a', { href: `#/needs/${i.need_id}` }, i.need_title) : null),
        fact(t('incident.consultant'), i.consultant_name),
        fact(t('incident.owner'), [i.owner_name, i.accepted_at ? h('span', { class: 'muted small' }, ` · ${t('incident.acceptedOn', { when: formatDateTime(i.accepted_at) })}`) : null]),
        fact(t('incident.openedBy'), i.created_by_name ? `${i.created_by_name} · ${formatDate(i.created_at)}` : formatDate(i.created_at)),
        fact(t('incident.due'), h('span', { class: i.overdue ? 'text-danger' : null }, formatDateTime(i.due_at))),
        fact(t('incident.participants'), i.participants.length ? i.participants.map((p) => p.name).join(', ') : null),
        i.resolved_at ? fact(t('incident.resolvedAt'), formatDateTime(i.resolved_at)) : null),
      i.description ? h('p', { class: 'description pre' }, i.description) : null,
      i.resolution ? h('div', { class: 'notice notice-ok', id: 'incident-resolution' }, h('strong', null, `${t('incident.resolution')} : `), i.resolution) : null,
      actions.length ? h('div', { class: 'incident-actions' }, actions) : null),
    h('section', { class: 'section', id: 'incident-thread', 'aria-labelledby': 'thread-title' },
      h('h2', { id: 'thread-title' }, t('incident.thread')), thread),
    dialog.el);
  if (i.channel_id) loadThread(ctx, i.channel_id, thread);
}

// The channel's posts, oldest first, and a box to write in it.
export async function loadThread(ctx, channelId, box) {
  let posts;
  try {
    posts = await api('GET', withQuery(`/api/v1/channels/${channelId}/posts`, { limit: 100 }));
  } catch (e) {
    if (ctx.alive()) box.replaceChildren(errorBox(e, () => loadThread(ctx, channelId, box)));
    return;
  }
  if (!ctx.alive()) return;
  const input = h('textarea', { rows: '3', maxlength: '10000', id: 'thread-body', 'aria-label': t('thread.write') });
  const send = h('button', { type: 'submit', class: 'btn btn-primary', id: 'thread-send' }, t('thread.send'));
  const form = h('form', { class: 'card thread-form', onsubmit: async (e) => {
    e.preventDefault();
    if (!input.value.trim()) { input.focus(); return; }
    send.disabled = true;
    try {
      await api('POST', `/api/v1/channels/${channelId}/posts`, { body: { body: input.value } });
      await loadThread(ctx, channelId, box);
    } catch (err) {
      toast(err.message, 'error');
    } finally {
      send.disabled = false;
    }
  } }, h('label', { for: input.id }, t('thread.write')), input, h('div', { class: 'form-actions' }, send));
  const items = [...posts.items].reverse();
  box.replaceChildren(
    items.length ? h('ol', { class: 'thread', id: 'thread-posts' }, items.map((p) => h('li', { class: 'card' },
      h('div', { class: 'when' }, p.author ? p.author.name : t('thread.system'), ' · ', formatDateTime(p.created_at)),
      h('p', { class: 'body' }, p.deleted ? t('thread.deleted') : lightMarkdown(p.body))))) : empty(t('thread.empty')),
    form);
}

// A post's Markdown shown as text: **bold** becomes <strong> (built as
// elements, never parsed as markup) and backslash escapes are removed.
export function lightMarkdown(md) {
  const parts = md.split(/(\*\*[^*]+\*\*)/g);
  const unescape = (x) => x.replace(/\\([\\`*_[\]<>#!|~])/g, '$1');
  return parts.map((x) => (/^\*\*[^*]+\*\*$/.test(x) ? h('strong', null, unescape(x.slice(2, -2))) : unescape(x)));
}
