// channel: one channel (#/channels/:id): its posts newest last, a composer,
// threads opened in place, join and leave. New posts arrive live, and the
// channel is marked read while it is on screen.
import { t } from '../i18n.js';
import { api, withQuery } from '../api.js';
import { h, loading, errorBox, empty, pageHeader, debounce, toast } from '../dom.js';
import { whileAlive } from '../live.js';
import { postView, composer } from '../post-view.js';
import { refreshBadge } from '../badge.js';

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

  const head = () => pageHeader(channel.name,
    channel.object_type && OBJECT_PAGES[channel.object_type]
      ? h('a', { class: 'btn', href: `#/${OBJECT_PAGES[channel.object_type]}/${channel.object_id}` }, t(`channels.open.${channel.object_type}`)) : null,
    channel.member
      ? h('button', { type: 'button', class: 'btn btn-ghost', id: 'leave-channel', onclick: () => membership('leave') }, t('channels.leave'))
      : h('button', { type: 'button', class: 'btn btn-primary', id: 'join-channel', onclick: () => membership('join') }, t('channels.join')));
  let header = head();
  const meta = h('p', { class: 'muted' }, channel.visibility === 'private' ? t('channels.privateHint') : t('channels.publicHint'),
    ' ', t('channels.members', { n: channel.members }));
  ctx.main.replaceChildren(
    h('nav', { class: 'crumbs', 'aria-label': t('nav.crumbs') }, h('a', { href: '#/channels' }, t('channels.title')), ' / ', channel.name),
    header, meta,
    h('div', { class: 'channel-grid' },
      h('section', { class: 'section', 'aria-label': t('channels.posts') }, posts,
        composer({ path: `/api/v1/channels/${id}/posts`, placeholder: t('post.placeholder', { name: channel.name }), onSent: load })),
      thread));

  async function membership(what) {
    try {
      await api('POST', `/api/v1/channels/${id}/${what}`);
      channel = await api('GET', `/api/v1/channels/${id}`);
      const next = head();
      header.replaceWith(next);
      header = next;
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
    posts.replaceChildren(...(items.length ? items.map((p) => postView(p, { onReply: showThread, onChange: load }))
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
      composer({ path: `/api/v1/channels/${id}/posts`, parentId: root.id, placeholder: t('post.replyPlaceholder'), onSent: load }));
    if (!keep) thread.querySelector('textarea')?.focus();
  }

  const reload = debounce(load, 150);
  for (const type of ['post.created', 'post.updated', 'post.deleted', 'post.reacted'])
    whileAlive(ctx, type, (d) => { if (d.post?.channel_id === id || d.after?.channel_id === id) reload(); });
  await load();
}
