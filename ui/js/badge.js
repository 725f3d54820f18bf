// badge: the count on the header's "Fil" link: unread notifications plus
// unread posts of the caller's channels, kept current by the live stream.
import { api } from './api.js';
import { onLive } from './live.js';
import { debounce } from './dom.js';
import { t } from './i18n.js';

let count = 0;

function paint() {
  const el = document.getElementById('feed-badge');
  if (!el) return;
  el.textContent = count > 99 ? '99+' : String(count);
  el.hidden = count === 0;
  el.setAttribute('aria-label', t('feed.badge', { n: count }));
}

export async function refreshBadge() {
  try {
    const f = await api('GET', '/api/v1/feed?limit=1');
    count = f.unread.notifications + f.unread.posts;
  } catch {
    return; /* signed out or offline: the badge keeps its last value */
  }
  paint();
}

export { paint as paintBadge };

const later = debounce(refreshBadge, 250);
for (const type of ['post.created', 'post.deleted', 'notification.created', 'reset']) onLive(type, later);
