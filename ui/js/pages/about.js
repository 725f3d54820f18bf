// about: version and the credits of the skills reference.
import { t } from '../i18n.js';
import { api } from '../api.js';
import { h, loading, pageHeader } from '../dom.js';

export async function render(ctx) {
  ctx.setTitle(t('about.title'));
  ctx.main.append(pageHeader(t('about.title')));
  const body = h('div', { class: 'about' }, loading());
  ctx.main.append(body);
  const a = await api('GET', '/api/v1/about', { signIn: true });
  if (!ctx.alive()) return;
  body.replaceChildren(
    h('section', { class: 'card' },
      h('h2', null, t('about.product')),
      h('p', null, t('about.pitch')),
      h('dl', { class: 'facts' },
        h('div', null, h('dt', null, t('about.version')), h('dd', null, h('code', { id: 'about-version' }, a.version))),
        h('div', null, h('dt', null, t('about.skillsCount')), h('dd', null, String(a.skills))))),
    h('section', { class: 'card' },
      h('h2', null, t('about.credits')),
      h('blockquote', { class: 'attribution', lang: 'en', id: 'about-attribution' }, a.attribution),
      h('p', null, t('about.modified')),
      h('ul', { class: 'sources' }, a.sources.map((s) => h('li', null,
        h('strong', null, s.name), ' — ', t('about.licence'), ' ', s.licence, ' — ',
        h('a', { href: s.url, rel: 'noopener noreferrer', target: '_blank' }, s.url))))));
}
