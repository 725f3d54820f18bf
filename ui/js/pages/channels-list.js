// channels-list: the channels the caller may see (#/channels), the ones
// the caller belongs to first, a search over the posts, and a form to open
// a new one.
import { t } from '../i18n.js';
import { api } from '../api.js';
import { h, loading, errorBox, empty, pageHeader, field, showErrors, clearErrors, toast } from '../dom.js';
import { postSearch } from '../post-search.js';

export async function render(ctx) {
  ctx.setTitle(t('channels.title'));
  const slug = ctx.query.get('slug'); // a "#slug" link of a post
  if (slug) {
    // the channel going by that slug, or by it before a rename
    const found = (await api('GET', `/api/v1/channels?slug=${encodeURIComponent(slug)}`)).items[0];
    if (!ctx.alive()) return;
    if (found) { ctx.navigate(`#/channels/${found.id}`); return; }
    toast(t('channels.notFound', { slug }), 'error');
  }
  const list = h('div', null, loading());
  const name = h('input', { class: 'input', name: 'name', id: 'channel-name', maxlength: '80', required: true });
  const visibility = h('select', { class: 'input', name: 'visibility', id: 'channel-visibility' },
    h('option', { value: 'public' }, t('channels.public')), h('option', { value: 'private' }, t('channels.private')));
  const form = h('form', { class: 'card form-inline', id: 'channel-form', novalidate: true, onsubmit: async (e) => {
    e.preventDefault();
    clearErrors(form);
    try {
      const c = await api('POST', '/api/v1/channels', { body: { name: name.value, visibility: visibility.value } });
      toast(t('channels.created'));
      ctx.navigate(`#/channels/${c.id}`);
    } catch (err) {
      if (!showErrors(form, err)) toast(err.message, 'error');
    }
  } },
  h('h2', null, t('channels.new')),
  field(t('channels.name'), name, { name: 'name', required: true }),
  field(t('channels.visibility'), visibility, { name: 'visibility' }),
  h('div', { class: 'form-actions' }, h('button', { type: 'submit', class: 'btn btn-primary' }, t('channels.create'))));
  ctx.main.replaceChildren(pageHeader(t('channels.title'), h('a', { class: 'btn', href: '#/feed' }, t('feed.title'))), postSearch(), list, form);
  try {
    const page = await api('GET', '/api/v1/channels?limit=200');
    if (!ctx.alive()) return;
    const items = [...page.items].sort((a, b) => Number(b.member) - Number(a.member) || a.name.localeCompare(b.name));
    list.replaceChildren(items.length
      ? h('ul', { class: 'channel-list', id: 'channel-list' }, items.map((c) => h('li', { class: 'channel-row' },
        h('a', { href: `#/channels/${c.id}` }, h('span', { class: 'channel-hash', 'aria-hidden': 'true' }, c.visibility === 'private' ? '🔒' : '#'), c.name),
        c.object_type ? h('span', { class: 'badge' }, t(`channels.of.${c.object_type}`)) : null,
        c.member ? null : h('span', { class: 'muted small' }, t('channels.notMember')),
        c.unread ? h('span', { class: 'count-badge', 'aria-label': t('channels.unread', { n: c.unread }) }, String(c.unread)) : null)))
      : empty(t('channels.empty')));
  } catch (e) {
    if (ctx.alive()) list.replaceChildren(errorBox(e, () => render(ctx)));
  }
}
