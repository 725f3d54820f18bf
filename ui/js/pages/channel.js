// channel: one channel (#/channels/:id): its posts newest last, a composer,
// threads opened in place, join and leave, its members (members add others),
// renaming (its creator, admins).
// New posts and renames arrive live, and the channel is marked read while
// it is on screen.
import { t } from '../i18n.js';
import { api, withQuery } from '../api.js';
import { h, loading, errorBox, empty, pageHeader, debounce, toast } from '../dom.js';
import { whileAlive } from '../live.js';
import { postView, composer, keepOpen } from '../post-view.js';
import { refreshBadge } from '../badge.js';
import { session } from '../session.js';
import { channelEditForm, mayEditChannel } from '../channel-edit.js';
import { membersPanel } from '../channel-members.js';

const OBJECT_PAGES = { client: 'clients', need: 'needs', deal: 'deals', incident: 'incidents' };

export async function render(ctx) {
  const id = Number(ctx.params[0]);
  ctx.main.append(loading());
  let channel = await api('GET', `/api/v1/channels/${id}`);
  if (!ctx.alive()) return;
  ctx.setTitle(channel.name);
  const posts = h('ol', { class: 'post-list', id: 'post-list', 'aria-live': 'polite' });
  const thread = h('aside', { class: 'thread', id: 'thread', hidden: true });
  let openThread = null;

  const editSlot = h('div', { id: 'channel-edit-slot' });
  let membersOpen = false;
  const head = () => [
    h('nav', { class: 'crumbs', 'aria-label': t('nav.crumbs') }, h('a', { href: '#/channels' }, t('channels.title')), ' / ', channel.name),
    pageHeader(channel.name,
      channel.object_type && OBJECT_PAGES[channel.object_type]
        ? h('a', { class: 'btn', href: `#/${OBJECT_PAGES[channel.object_type]}/${channel.object_id}` }, t(`channels.open.${channel.object_type}`)) : null,
      mayEditChannel(channel) ? h('button', { type: 'button', class: 'btn', id: 'edit-channel', onclick: edit }, t('channels.edit')) : null,
      channel.member
        ? h('button', { type: 'button', class: 'btn btn-ghost', id: 'leave-channel', onclick: () => membership('leave') }, t('channels.leave'))
        : h('button', { type: 'button', class: 'btn btn-primary', id: 'join-channel', onclick: () => membership('join') }, t('channels.join'))),
    channel.topic ? h('p', { class: 'channel-topic', id: 'channel-topic' }, channel.topic) : null,
    h('p', { class: 'muted' }, channel.visibility === 'private' ? t('channels.privateHint') : t('channels.publicHint')),
    membersPanel(channel, async () => { membersOpen = true; redraw(await api('GET', `/api/v1/channels/${id}`)); }, membersOpen),
  ].filter(Boolean);
  const top = h('div', { id: 'channel-head' }, head());
  const box = composer({ channelId: id, placeholder: t('post.placeholder', { name: channel.name }), onSent: load });
  const redraw = (fresh) => {
    channel = fresh;
    ctx.setTitle(channel.name);
    top.replaceChildren(...head());
    const area = box.querySelector('textarea');
    area.placeholder = t('post.placeholder', { name: channel.name });
    area.setAttribute('aria-label', area.placeholder);
  };
  ctx.main.replaceChildren(top, editSlot,
    h('div', { class: 'channel-grid' },
      h('section', { class: 'section', 'aria-label': t('channels.posts') }, posts, box),
      thread));

  function edit() {
    editSlot.replaceChildren(channelEditForm(channel, (fresh) => {
      editSlot.replaceChildren();
      redraw(fresh);
      top.querySelector('#edit-channel')?.focus();
    }));
  }

  async function membership(what) {
    try {
      await api('POST', `/api/v1/channels/${id}/${what}`);
      redraw(await api('GET', `/api/v1/channels/${id}`));
    } catch (e) { toast(e.message, 'error'); }
  }

  async function load() {
    let page;
    try {
      page = await api('GET', withQuery(`/api/v1/channels/${id}/posts`, { limit: 100 }));
    } catch (e) {
      if (ctx.alive()) posts.replaceChildren(errorBox(e, load));
      return;
    }
    if (!ctx.alive()) return;
    const items = [...page.items].reverse();
    posts.replaceChildren(...(items.length ? items.map((p) => keepOpen(posts, postView(p, { onReply: showThread, onChange: load })))
      : [empty(t('channels.noPosts'))]));
    const wanted = ctx.query.get('post');
    const target = wanted && document.getElementById(`post-${wanted}`);
    (target || posts.lastElementChild)?.scrollIntoView({ block: 'nearest' });
    target?.classList.add('post-highlight');
    if (channel.member && items.length) {
      await api('POST', `/api/v1/channels/${id}/read`, { body: {} }).catch(() => {});
      refreshBadge();
    }
    if (openThread) showThread(openThread, true);
  }

  async function showThread(root, keep) {
    openThread = root;
    let page;
    try {
      page = await api('GET', withQuery(`/api/v1/channels/${id}/posts`, { parent_id: root.id, limit: 200 }));
    } catch (e) { toast(e.message, 'error'); return; }
    if (!ctx.alive()) return;
    thread.hidden = false;
    const close = h('button', { type: 'button', class: 'btn btn-ghost btn-small', onclick: () => { thread.hidden = true; openThread = null; } }, t('post.close'));
    thread.replaceChildren(
      h('div', { class: 'section-head' }, h('h2', null, t('post.thread')), close),
      h('ol', { class: 'post-list' }, postView(root, {}), page.items.map((p) => postView(p, { onChange: load }))),
      composer({ channelId: id, parentId: root.id, placeholder: t('post.replyPlaceholder'), onSent: load }));
    if (!keep) thread.querySelector('textarea')?.focus();
  }

  // someone renamed the channel: its name and topic follow, without a reload
  whileAlive(ctx, 'channel.updated', async (d) => {
    if (d.object_id !== id) return;
    const fresh = await api('GET', `/api/v1/channels/${id}`).catch(() => null);
    if (!fresh || !ctx.alive()) return;
    if (fresh.name !== channel.name && d.actor_id !== session.user.id) toast(t('channels.renamedLive', { name: fresh.name }));
    redraw(fresh);
  });
  const reload = debounce(load, 150);
  for (const type of ['post.created', 'post.updated', 'post.deleted', 'post.reacted'])
    whileAlive(ctx, type, (d) => { if (d.post?.channel_id === id || d.after?.channel_id === id) reload(); });
  await load();
}
