// thread-view: the thread of an incident or a ritual (its channel's posts,
// oldest first) with a box to write in it. It follows the live stream: a
// post written, edited or deleted in the channel by anyone redraws the list,
// never the box, so what one is typing stays.
import { t } from './i18n.js';
import { api, withQuery } from './api.js';
import { h, loading, errorBox, empty, toast, debounce } from './dom.js';
import { whileAlive } from './live.js';
import { formatDateTime } from './pages/incidents-list.js';
import { completeMentions } from './mention-complete.js';

// { el, refresh }: refresh() reads the posts again (after one's own write).
export function threadView(ctx, channelId) {
  const list = h('div', { class: 'thread-list', 'aria-live': 'polite' }, loading());
  const input = h('textarea', { rows: '3', maxlength: '10000', id: 'thread-body', 'aria-label': t('thread.write') });
  const send = h('button', { type: 'submit', class: 'btn btn-primary', id: 'thread-send' }, t('thread.send'));
  const form = h('form', { class: 'card thread-form', onsubmit: async (e) => {
    e.preventDefault();
    if (!input.value.trim()) { input.focus(); return; }
    send.disabled = true;
    try {
      await api('POST', `/api/v1/channels/${channelId}/posts`, { body: { body: input.value } });
      input.value = '';
      await refresh();
    } catch (err) {
      toast(err.message, 'error');
    } finally {
      send.disabled = false;
    }
  } }, h('label', { for: input.id }, t('thread.write')), completeMentions(input, { channelId }), h('div', { class: 'form-actions' }, send));

  let seq = 0; // only the latest answer is drawn
  async function refresh() {
    const ticket = ++seq;
    let posts;
    try {
      posts = await api('GET', withQuery(`/api/v1/channels/${channelId}/posts`, { limit: 100 }));
    } catch (e) {
      if (!ctx.alive() || ticket !== seq) return;
      // a private channel one is not in (a ritual's team channel) reads as not found
      if (e.status === 404) {
        list.replaceChildren(empty(t('thread.private')));
        form.hidden = true;
      } else list.replaceChildren(errorBox(e, refresh));
      return;
    }
    if (!ctx.alive() || ticket !== seq) return;
    const items = [...posts.items].reverse();
    list.replaceChildren(items.length ? h('ol', { class: 'thread', id: 'thread-posts' }, items.map((p) => h('li', { class: 'card', 'data-post-id': p.id },
      h('div', { class: 'when' }, p.author ? p.author.name : t('thread.system'), ' · ', formatDateTime(p.created_at)),
      h('p', { class: 'body' }, p.deleted ? t('thread.deleted') : lightMarkdown(p.body))))) : empty(t('thread.empty')));
  }
  const later = debounce(refresh, 150);
  for (const type of ['post.created', 'post.updated', 'post.deleted'])
    whileAlive(ctx, type, (d) => { if (d.post?.channel_id === channelId) later(); });
  refresh();
  return { el: h('div', null, list, form), refresh };
}

// A post's Markdown shown as text: **bold** becomes <strong> (built as
// elements, never parsed as markup) and backslash escapes are removed.
export function lightMarkdown(md) {
  const parts = md.split(/(\*\*[^*]+\*\*)/g);
  const unescape = (x) => x.replace(/\\([\\`*_[\]<>#!|~@])/g, '$1');
  return parts.map((x) => (/^\*\*[^*]+\*\*$/.test(x) ? h('strong', null, unescape(x.slice(2, -2))) : unescape(x)));
}
