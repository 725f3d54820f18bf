// app: the hash router and the header. One page module per screen under
// js/pages/; each exports render(ctx) and draws into ctx.main.
import { getLang, setLang, t } from './i18n.js';
import { onAuthLost } from './api.js';
import { session, can, isClient, isMe, homePage, loadSession, signOut, forget } from './session.js';
import { h, clear, errorBox, toast } from './dom.js';
import * as login from './pages/login.js';
import * as about from './pages/about.js';
import * as needsList from './pages/needs-list.js';
import * as needForm from './pages/need-form.js';
import * as needDetail from './pages/need-detail.js';
import * as peopleList from './pages/people-list.js';
import * as personForm from './pages/person-form.js';
import * as personDetail from './pages/person-detail.js';
import * as clientsList from './pages/clients-list.js';
import * as clientForm from './pages/client-form.js';
import * as clientDetail from './pages/client-detail.js';
import * as dealsBoard from './pages/deals-board.js';
import * as dealForm from './pages/deal-form.js';
import * as dealDetail from './pages/deal-detail.js';
import * as reviewsRequested from './pages/reviews-requested.js';
import * as capabilities from './pages/capabilities.js';
// incidents and rituals
import * as incidentsList from './pages/incidents-list.js';
import * as incidentForm from './pages/incident-form.js';
import * as incidentDetail from './pages/incident-detail.js';
import * as ritualsList from './pages/rituals-list.js';
import * as ritualForm from './pages/ritual-form.js';
import * as ritualDetail from './pages/ritual-detail.js';
// channels, feed and live updates
import * as feed from './pages/feed.js';
import * as channelsList from './pages/channels-list.js';
import * as channelPage from './pages/channel.js';
import { startLive, stopLive } from './live.js';
import { refreshBadge, paintBadge } from './badge.js';
// imports, exports, duplicates
import * as peopleImport from './pages/people-import.js';
import * as peopleDuplicates from './pages/people-duplicates.js';
// mail to candidates and no ghosting
import * as waiting from './pages/waiting.js';
import * as mailTemplates from './pages/mail-templates.js';
// matching engine: demand against supply
import * as gap from './pages/gap.js';
// KPIs and shared objectives
import * as dashboard from './pages/dashboard.js';
// personal data: the register of processing; a forgotten password
import * as privacyRegister from './pages/privacy-register.js';
import * as passwordForgot from './pages/password-forgot.js';
import * as passwordReset from './pages/password-reset.js';

const ROUTES = [
  { re: /^\/login$/, page: login, public: true },
  { re: /^\/about$/, page: about, public: true },
  { re: /^\/needs$/, page: needsList, nav: 'needs' },
  { re: /^\/needs\/new$/, page: needForm, perm: 'needs.write', nav: 'needs' },
  { re: /^\/needs\/(\d+)$/, page: needDetail, nav: 'needs' },
  { re: /^\/needs\/(\d+)\/edit$/, page: needForm, perm: 'needs.write', nav: 'needs' },
  { re: /^\/people$/, page: peopleList, perm: 'people.read', nav: 'people' },
  { re: /^\/people\/new$/, page: personForm, perm: 'people.write', nav: 'people' },
  // a consultant reads their own profile (the server answers 404 for anyone else's)
  { re: /^\/people\/(\d+)$/, page: personDetail, perm: 'people.read', own: true, nav: 'people' },
  { re: /^\/people\/(\d+)\/edit$/, page: personForm, perm: 'people.write', nav: 'people' },
  { re: /^\/clients$/, page: clientsList, perm: 'clients.read', nav: 'clients' },
  { re: /^\/clients\/new$/, page: clientForm, perm: 'clients.write', nav: 'clients' },
  { re: /^\/clients\/(\d+)$/, page: clientDetail, perm: 'clients.read', nav: 'clients' },
  { re: /^\/clients\/(\d+)\/edit$/, page: clientForm, perm: 'clients.write', nav: 'clients' },
  { re: /^\/deals$/, page: dealsBoard, perm: 'deals.read', nav: 'deals' },
  { re: /^\/deals\/new$/, page: dealForm, perm: 'deals.write', nav: 'deals' },
  { re: /^\/deals\/(\d+)$/, page: dealDetail, perm: 'deals.read', nav: 'deals' },
  { re: /^\/deals\/(\d+)\/edit$/, page: dealForm, perm: 'deals.write', nav: 'deals' },
  { re: /^\/reviews$/, page: reviewsRequested, perm: 'reviews.write', nav: 'reviews' },
  { re: /^\/capabilities$/, page: capabilities, perm: 'capabilities.read', nav: 'capabilities' },
  // incidents and rituals
  { re: /^\/incidents$/, page: incidentsList, perm: 'incidents.read', nav: 'incidents' },
  { re: /^\/incidents\/new$/, page: incidentForm, perm: 'incidents.write', nav: 'incidents' },
  { re: /^\/incidents\/(\d+)$/, page: incidentDetail, perm: 'incidents.read', nav: 'incidents' },
  { re: /^\/incidents\/(\d+)\/edit$/, page: incidentForm, perm: 'incidents.write', nav: 'incidents' },
  { re: /^\/rituals$/, page: ritualsList, perm: 'rituals.read', nav: 'rituals' },
  { re: /^\/rituals\/new$/, page: ritualForm, perm: 'rituals.write', nav: 'rituals' },
  { re: /^\/rituals\/(\d+)$/, page: ritualDetail, perm: 'rituals.read', nav: 'rituals' },
  { re: /^\/rituals\/(\d+)\/edit$/, page: ritualForm, perm: 'rituals.write', nav: 'rituals' },
  // channels and the home feed
  { re: /^\/feed$/, page: feed, nav: 'feed' },
  { re: /^\/channels$/, page: channelsList, nav: 'feed' },
  { re: /^\/channels\/(\d+)$/, page: channelPage, nav: 'feed' },
  // imports, exports, duplicates
  { re: /^\/people\/import$/, page: peopleImport, perm: 'people.import', nav: 'people' },
  { re: /^\/people\/duplicates$/, page: peopleDuplicates, perm: 'people.read', nav: 'people' },
  // mail to candidates and no ghosting
  { re: /^\/home$/, page: waiting, perm: 'candidacies.read', nav: 'waiting' },
  { re: /^\/mail-templates$/, page: mailTemplates, perm: 'mail_templates.read', nav: 'waiting' },
  { re: /^\/gap$/, page: gap, perm: 'capabilities.read', nav: 'gap' }, // matching engine
  // KPIs and shared objectives
  { re: /^\/dashboard$/, page: dashboard, nav: 'dashboard' },
  // personal data and a forgotten password
  { re: /^\/privacy$/, page: privacyRegister, perm: 'privacy.read', nav: 'privacy' },
  { re: /^\/forgot$/, page: passwordForgot, public: true },
  { re: /^\/reset\/([A-Za-z0-9_-]{10,64})$/, page: passwordReset, public: true },
];

const main = document.getElementById('main');
const topbar = document.getElementById('topbar');
let navCount = 0;
let afterSignIn = null;
let liveStarted = false;

export function navigate(hash) {
  if (location.hash === hash) route(); else location.hash = hash;
}

function parseHash() {
  const raw = location.hash.replace(/^#/, '') || homePage().slice(1);
  const [path, qs] = raw.split('?');
  return { path, query: new URLSearchParams(qs || '') };
}

/* The bar keeps to one line: the sections a role uses all day stay in
 * sight (the waiting list for recruiters, the reviews for tech leads); the
 * others go under "Plus", a native disclosure the keyboard opens like a
 * button. */
const PRIMARY = ['feed', 'needs', 'people', 'clients', 'deals', 'incidents', 'dashboard'];
const ROLE_PRIMARY = {
  recruiter: ['feed', 'needs', 'people', 'waiting', 'incidents', 'dashboard'],
  tech: ['feed', 'needs', 'people', 'reviews', 'incidents', 'dashboard'],
};

function navLinks(links, current, user) {
  const link = ([href, label, key]) => h('a', { href, class: 'nav-link', id: `nav-${key}`, 'aria-current': key === current ? 'page' : null }, label,
    key === 'feed' ? h('span', { class: 'nav-badge', id: 'feed-badge', hidden: true }) : null);
  if (!user) return links.map(link);
  const primary = new Set(ROLE_PRIMARY[user.role] || PRIMARY);
  const more = links.filter(([, , key]) => !primary.has(key));
  const menu = h('details', { class: 'nav-more' },
    h('summary', { class: 'nav-link', 'aria-current': more.some(([, , key]) => key === current) ? 'page' : null }, t('nav.more')),
    h('div', { class: 'nav-menu' }, more.map(link)));
  menu.addEventListener('keydown', (e) => { if (e.key === 'Escape') { menu.open = false; menu.querySelector('summary').focus(); } });
  menu.addEventListener('focusout', (e) => { if (!menu.contains(e.relatedTarget)) menu.open = false; });
  return [...links.filter(([, , key]) => primary.has(key)).map(link), more.length ? menu : null];
}

function renderHeader(current) {
  clear(topbar);
  const user = session.user;
  const links = [];
  if (user && isClient()) links.push(['#/incidents', t('nav.incidents'), 'incidents']); // nothing internal
  else if (user) {
    links.push(['#/feed', t('nav.feed'), 'feed']);
    links.push(['#/needs', t('nav.needs'), 'needs']);
    if (can('people.read')) links.push(['#/people', t('nav.people'), 'people']);
    else if (user.person_id != null) links.push([`#/people/${user.person_id}`, t('nav.myProfile'), 'people']);
    if (can('clients.read')) links.push(['#/clients', t('nav.clients'), 'clients']);
    if (can('deals.read')) links.push(['#/deals', t('nav.deals'), 'deals']);
    if (can('reviews.write')) links.push(['#/reviews', t('nav.reviews'), 'reviews']);
    if (can('capabilities.read')) links.push(['#/capabilities', t('nav.capabilities'), 'capabilities']);
    // incidents and rituals
    if (can('incidents.read')) links.push(['#/incidents', t('nav.incidents'), 'incidents']);
    if (can('rituals.read')) links.push(['#/rituals', t('nav.rituals'), 'rituals']);
    // mail to candidates and no ghosting
    if (can('candidacies.read')) links.push(['#/home', t('nav.waiting'), 'waiting']);
    if (can('capabilities.read')) links.push(['#/gap', t('nav.gap'), 'gap']); // matching engine
    links.push(['#/dashboard', t('nav.dashboard'), 'dashboard']); // KPIs and shared objectives
    if (can('privacy.read')) links.push(['#/privacy', t('nav.privacy'), 'privacy']); // the register of processing
  }
  links.push(['#/about', t('nav.about'), 'about']);
  const langSwitch = h('div', { class: 'lang-switch', role: 'group', 'aria-label': t('lang.label') },
    ['fr', 'en'].map((code) => h('button', {
      type: 'button', class: 'lang-btn', lang: code, 'aria-pressed': String(getLang() === code),
      title: t(`lang.${code}`), 'data-lang': code,
      onclick: () => { if (getLang() !== code) { setLang(code); clear(document.getElementById('toasts')); route(); } },
    }, code.toUpperCase())));
  topbar.append(
    h('div', { class: 'topbar-inner' },
      h('a', { class: 'brand', href: user ? homePage() : '#/login' },
        h('img', { src: '/favicon.svg', alt: '', width: '28', height: '28' }), h('span', null, 'Alliance')),
      h('nav', { class: 'nav', 'aria-label': t('nav.label') }, navLinks(links, current, user)),
      h('div', { class: 'topbar-end' },
        langSwitch,
        user ? h('div', { class: 'who' },
          h('span', { class: 'who-name' }, user.name),
          h('span', { class: 'who-role' }, t(`role.${user.role}`))) : null,
        user ? h('button', { type: 'button', class: 'btn btn-ghost', id: 'sign-out', onclick: doSignOut }, t('nav.signOut')) : null)));
  document.getElementById('skip-link').textContent = t('nav.skip');
  if (user) paintBadge();
}

async function doSignOut() {
  stopLive();
  liveStarted = false;
  try { await signOut(); } catch (e) { toast(e.message, 'error'); }
  toast(t('login.signedOut'));
  navigate('#/login');
}

async function route() {
  const id = ++navCount;
  const { path, query } = parseHash();
  const found = ROUTES.find((r) => r.re.test(path));
  document.documentElement.lang = getLang();
  if (!found) { navigate(homePage()); return; }
  if (!found.public && !session.user) {
    afterSignIn = location.hash;
    navigate('#/login');
    return;
  }
  if ((found.page === login || found.page === passwordForgot) && session.user) { navigate(homePage()); return; }
  if (session.user && !liveStarted) { /* signed in: live updates and the badge */
    liveStarted = true;
    startLive();
    if (!isClient()) refreshBadge(); /* the badge counts channels: a client contact has none */
  }
  if (!session.user && liveStarted) { liveStarted = false; stopLive(); }
  renderHeader(found.nav || (found.page === about ? 'about' : null));
  clear(main);
  const params = path.match(found.re).slice(1);
  const mine = found.own && isMe(Number(params[0]));
  if (found.perm && !can(found.perm) && !mine) {
    main.append(h('h1', { class: 'page-title', tabindex: '-1' }, t('error.forbiddenTitle')), errorBox({ message: t('error.forbidden') }));
    return;
  }
  const ctx = {
    main, params, query,
    alive: () => id === navCount,
    navigate,
    setTitle: (title) => { document.title = title ? `${title} · Alliance` : 'Alliance'; },
    signedIn: () => { const next = afterSignIn; afterSignIn = null; navigate(next && !next.startsWith('#/login') ? next : homePage()); },
  };
  try {
    await found.page.render(ctx);
  } catch (e) {
    if (!ctx.alive()) return;
    if (e.status === 401) return;
    clear(main);
    main.append(errorBox(e, () => route()));
  }
  if (ctx.alive() && !main.contains(document.activeElement)) {
    const heading = main.querySelector('h1');
    if (heading && navCount > 1) heading.focus({ preventScroll: true });
  }
}

onAuthLost(() => {
  if (!session.user) return;
  stopLive();
  liveStarted = false;
  forget();
  afterSignIn = location.hash;
  toast(t('login.expired'), 'error');
  navigate('#/login');
});

window.addEventListener('hashchange', route);

(async () => {
  document.documentElement.lang = getLang();
  try {
    await loadSession();
  } catch (e) {
    clear(main);
    main.append(errorBox(e, () => location.reload()));
    return;
  }
  route();
})();
