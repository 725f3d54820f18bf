// post-view: one post of a channel, with its reactions, its replies and,
// for its author, edit and delete. The post's HTML comes from the server's
// Markdown renderer (raw HTML escaped, unsafe links neutralized), which is
// the one place markup is trusted; everything else is built as text.
import { t, formatDateTime } from './i18n.js';
import { api } from './api.js';
import { h, toast } from './dom.js';
import { session } from './session.js';
import { completeMentions } from './mention-complete.js';

const QUICK = ['👍', '🎉', '👀'];

// "#slug" references the server found become links to those channels.
function linkChannels(root, slugs) {
  if (!slugs?.length) return;
  const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
  const nodes = [];
  while (walker.nextNode()) if (!walker.currentNode.parentElement.closest('a, code, pre')) nodes.push(walker.currentNode);
  for (const node of nodes) {
    const parts = node.data.split(/(#[a-z0-9][a-z0-9-]*)/i);
    if (parts.length < 2) continue;
    node.replaceWith(...parts.map((p) => (p.startsWith('#') && slugs.includes(p.slice(1).toLowerCase())
      ? h('a', { href: `#/channels?slug=${encodeURIComponent(p.slice(1).toLowerCase())}`, class: 'channel-ref' }, p) : p)));
  }
}

function htmlOf(post) {
  const div = h('div', { class: 'post-body' });
  if (post.deleted) div.append(h('p', { class: 'muted' }, t('post.deleted')));
  else {
    div.innerHTML = post.html; // server-rendered, safe (see the header)
    linkChannels(div, post.channel_refs);
  }
  return div;
}

// The element to show for view (a fresh postView) in list: the one already
// there when its user is editing it or reading its history and the post has
// not changed since, so that a live redraw does not take it away.
export function keepOpen(list, view) {
  const old = list.querySelector(`#${view.id}[data-keep="1"]`);
  return old && old.dataset.version === view.dataset.version ? old : view;
}

// postView(post, {onReply, onChange}): an <li>.
export function postView(post, { onReply, onChange } = {}) {
  const mine = post.author && session.user && post.author.id === session.user.id;
  // data-keep: being edited or showing its history; a live redraw keeps it (see keepOpen)
  const li = h('li', { class: 'post', id: `post-${post.id}`, 'data-post-id': post.id, 'data-version': post.version });
  const who = post.author ? post.author.name : t('post.system');
  const head = h('div', { class: 'post-head' },
    h('span', { class: 'post-author' }, who),
    post.author ? h('span', { class: 'muted small' }, ` @${post.author.handle}`) : null,
    h('time', { class: 'muted small', datetime: post.created_at }, ` · ${formatDateTime(post.created_at)}`),
    post.edited_at && !post.deleted ? h('span', { class: 'muted small' }, ' · ',
      h('button', { type: 'button', class: 'link-btn post-history-btn', 'aria-expanded': 'false', 'aria-label': t('post.history'),
        onclick: (e) => history(e.currentTarget) }, t('post.edited'))) : null);
  const body = htmlOf(post);
  const files = post.attachments?.length
    ? h('ul', { class: 'post-files' }, post.attachments.map((f) => h('li', null,
      h('a', { href: f.url, download: f.name }, `📎 ${f.name}`), h('span', { class: 'muted small' }, ` (${Math.ceil(f.size / 1024)} Kio)`))))
    : null;
  const react = async (emoji, on) => {
    try {
      if (on) await api('POST', `/api/v1/posts/${post.id}/reactions`, { body: { emoji } });
      else await api('DELETE', `/api/v1/posts/${post.id}/reactions?emoji=${encodeURIComponent(emoji)}`);
      onChange?.();
    } catch (e) { toast(e.message, 'error'); }
  };
  const reactions = post.deleted ? null : h('div', { class: 'post-reactions' },
    post.reactions.map((r) => h('button', { type: 'button', class: `chip${r.mine ? ' chip-on' : ''}`, 'aria-pressed': String(r.mine),
      onclick: () => react(r.emoji, !r.mine) }, `${r.emoji} ${r.count}`)),
    QUICK.filter((e) => !post.reactions.some((r) => r.emoji === e)).map((e) => h('button', {
      type: 'button', class: 'chip chip-add', 'aria-label': t('post.react', { emoji: e }), onclick: () => react(e, true) }, e)));
  const actions = h('div', { class: 'post-actions' },
    onReply && post.parent_id === null && !post.deleted
      ? h('button', { type: 'button', class: 'btn btn-ghost btn-small reply-btn', onclick: () => onReply(post) },
        post.replies ? t('post.replies', { n: post.replies }) : t('post.reply'))
      : null,
    mine && !post.deleted ? h('button', { type: 'button', class: 'btn btn-ghost btn-small', onclick: () => edit() }, t('action.edit')) : null,
    mine && !post.deleted ? h('button', { type: 'button', class: 'btn btn-ghost btn-small', onclick: () => remove() }, t('post.delete')) : null);
  li.append(...[head, body, files, reactions, actions].filter(Boolean));

  function edit() {
    const area = h('textarea', { class: 'input post-input', rows: '3', 'aria-label': t('post.editLabel') });
    area.value = post.body;
    const save = h('button', { type: 'submit', class: 'btn btn-primary btn-small' }, t('action.save'));
    const cancel = h('button', { type: 'button', class: 'btn btn-small', onclick: () => { form.replaceWith(body); delete li.dataset.keep; } }, t('action.cancel'));
    const form = h('form', { class: 'post-edit', onsubmit: async (e) => {
      e.preventDefault();
      try {
        await api('PATCH', `/api/v1/posts/${post.id}`, { body: { body: area.value }, version: post.version });
        onChange?.();
      } catch (err) { toast(err.message, 'error'); }
    } }, completeMentions(area, { channelId: post.channel_id }), h('div', { class: 'form-actions' }, save, cancel));
    body.replaceWith(form);
    li.dataset.keep = '1';
    area.focus();
  }

  // The earlier versions an edit keeps, as text, folded until asked for.
  let past = null;
  async function history(btn) {
    if (past) {
      past.remove();
      past = null;
      delete li.dataset.keep;
      btn.setAttribute('aria-expanded', 'false');
      return;
    }
    try {
      const r = await api('GET', `/api/v1/posts/${post.id}/revisions`);
      past = h('ol', { class: 'post-revisions', 'aria-label': t('post.history') }, [...r.items].reverse().map((x) => h('li', null,
        h('span', { class: 'muted small' }, t('post.replacedAt', { when: formatDateTime(x.replaced_at) })), h('p', { class: 'pre' }, x.body))));
      body.after(past);
      li.dataset.keep = '1';
      btn.setAttribute('aria-expanded', 'true');
    } catch (e) { toast(e.message, 'error'); }
  }

  async function remove() {
    if (!window.confirm(t('post.confirmDelete'))) return;
    try {
      await api('DELETE', `/api/v1/posts/${post.id}`);
      onChange?.();
    } catch (e) { toast(e.message, 'error'); }
  }
  return li;
}

// A composer: a textarea that posts {body} in channel channelId (Ctrl+Entrée
// sends too; "@" and "#" complete: mention-complete.js), with files attached
// (each uploaded first, POST /api/v1/attachments, at most 10 of 10 MiB each;
// the post carries their ids).
const MAX_FILES = 10, MAX_FILE_BYTES = 10 * 1024 * 1024;
export function composer({ channelId, parentId = null, placeholder, onSent }) {
  const path = `/api/v1/channels/${channelId}/posts`;
  const area = h('textarea', { class: 'input post-input', rows: '3', placeholder, 'aria-label': placeholder, name: 'body', maxlength: '20000' });
  const send = h('button', { type: 'submit', class: 'btn btn-primary' }, t('post.send'));
  const files = h('input', { type: 'file', multiple: true, class: 'composer-files', 'aria-label': t('post.attach') });
  const chosen = h('span', { class: 'muted small composer-chosen', 'aria-live': 'polite' });
  const pick = h('button', { type: 'button', class: 'btn btn-ghost btn-small', onclick: () => files.click() }, `📎 ${t('post.attach')}`);
  files.addEventListener('change', () => {
    const list = [...files.files];
    chosen.textContent = list.length ? list.map((f) => f.name).join(', ') : '';
  });
  const form = h('form', { class: 'composer', onsubmit: async (e) => {
    e.preventDefault();
    const text = area.value.trim();
    if (!text) { area.focus(); return; }
    const list = [...files.files];
    if (list.length > MAX_FILES) { toast(t('post.tooManyFiles', { n: MAX_FILES }), 'error'); return; }
    const big = list.find((f) => f.size > MAX_FILE_BYTES);
    if (big) { toast(t('post.fileTooLarge', { name: big.name }), 'error'); return; }
    send.disabled = true;
    try {
      const body = { body: text };
      if (parentId) body.parent_id = parentId;
      if (list.length) {
        body.attachment_ids = [];
        for (const f of list)
          body.attachment_ids.push((await api('POST', `/api/v1/attachments?name=${encodeURIComponent(f.name)}`,
            { raw: { body: f, type: f.type || 'application/octet-stream' } })).id);
      }
      await api('POST', path, { body });
      area.value = '';
      files.value = '';
      chosen.textContent = '';
      onSent?.();
    } catch (err) {
      toast(err.errors?.[0]?.message ? `${err.title} : ${err.errors[0].message}` : err.message, 'error');
    } finally {
      send.disabled = false;
      area.focus();
    }
  } }, completeMentions(area, { channelId }), files, h('div', { class: 'composer-foot' }, h('span', { class: 'muted small' }, t('post.hint')),
    h('span', { class: 'composer-actions' }, chosen, pick, send)));
  area.addEventListener('keydown', (e) => { if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) form.requestSubmit(); });
  return form;
}
