// post-search: full-text search over the posts the caller may see
// (GET /api/v1/posts?q=, case and accents ignored), each result linking
// to its post in its channel.
import { t, formatDateTime } from './i18n.js';
import { api, withQuery } from './api.js';
import { h, loading, errorBox, empty } from './dom.js';

export function postSearch() {
  const input = h('input', { type: 'search', class: 'input', id: 'post-search', maxlength: '200', autocomplete: 'off',
    placeholder: t('search.postsPlaceholder') });
  const results = h('div', { id: 'post-search-results', 'aria-live': 'polite' });
  let seq = 0;
  async function run(q) {
    const ticket = ++seq;
    results.replaceChildren(loading());
    let page;
    try {
      page = await api('GET', withQuery('/api/v1/posts', { q, limit: 20 }));
    } catch (e) {
      if (ticket === seq) results.replaceChildren(errorBox(e, () => run(q)));
      return;
    }
    if (ticket !== seq) return;
    results.replaceChildren(page.items.length ? h('h2', { class: 'search-title' }, t('search.postsFound', { n: page.items.length, q })) : '',
      page.items.length
      ? h('ul', { class: 'feed-list search-results' }, page.items.map((p) => {
        const body = h('div', { class: 'post-body' });
        body.innerHTML = p.html; // server-rendered Markdown, safe (post-view.js)
        return h('li', { class: 'feed-item feed-post', 'data-post-id': p.id },
          h('div', { class: 'post-head' }, h('span', { class: 'post-author' }, p.author ? p.author.name : t('post.system')),
            h('span', { class: 'muted small' }, ' · '),
            h('a', { href: `#/channels/${p.channel_id}?post=${p.id}` }, p.channel_name),
            h('time', { class: 'muted small', datetime: p.created_at }, ` · ${formatDateTime(p.created_at)}`)),
          body);
      }))
      : empty(t('search.postsNone', { q })));
  }
  const form = h('form', { class: 'card post-search', role: 'search', 'aria-label': t('search.posts'), onsubmit: (e) => {
    e.preventDefault();
    const q = input.value.trim();
    if (q) run(q); else results.replaceChildren();
  } },
  h('label', { for: input.id }, t('search.posts')),
  h('div', { class: 'inline-field' }, input, h('button', { type: 'submit', class: 'btn', id: 'post-search-go' }, t('search.go'))));
  return h('section', { class: 'section post-search-section' }, form, results);
}
