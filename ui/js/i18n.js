// i18n: the chosen language (French by default, kept in localStorage) and
// look-ups in the French and English catalogs.
import fr from '../i18n/fr.js';
import en from '../i18n/en.js';

const catalogs = { fr, en };
const KEY = 'alliance.lang';
let lang = 'fr';
try {
  const saved = localStorage.getItem(KEY);
  if (saved && catalogs[saved]) lang = saved;
} catch { /* storage may be disabled: stay in French */ }

export function getLang() { return lang; }

export function setLang(next) {
  if (!catalogs[next]) return;
  lang = next;
  try { localStorage.setItem(KEY, next); } catch { /* not kept, still applied */ }
  document.documentElement.lang = next;
}

// t('needs.count', {n: 3}) → the message with {n} replaced.
export function t(key, vars) {
  let s = catalogs[lang][key] ?? catalogs.fr[key] ?? key;
  if (vars) s = s.replace(/\{(\w+)\}/g, (m, k) => (k in vars ? String(vars[k]) : m));
  return s;
}

const locales = { fr: 'fr-FR', en: 'en-GB' };

export function formatDate(iso) {
  if (!iso) return '';
  const d = new Date(iso.length === 10 ? iso + 'T00:00:00Z' : iso);
  if (Number.isNaN(d.getTime())) return iso;
  return new Intl.DateTimeFormat(locales[lang], { day: 'numeric', month: 'short', year: 'numeric', timeZone: 'UTC' }).format(d);
}

// "1 déc., 14:05" in the reader's time zone (posts, notifications).
export function formatDateTime(iso) {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso || '';
  return new Intl.DateTimeFormat(locales[lang], { day: 'numeric', month: 'short', hour: '2-digit', minute: '2-digit' }).format(d);
}

export function formatMoney(n) {
  if (n === null || n === undefined) return '';
  const s = new Intl.NumberFormat(locales[lang], { style: 'currency', currency: 'EUR', maximumFractionDigits: 0 }).format(n);
  return t('money.perDay', { amount: s });
}

export function formatNumber(n, digits = 0) {
  return new Intl.NumberFormat(locales[lang], { maximumFractionDigits: digits }).format(n);
}

// Integer euro cents → "12 500 €" (cents shown only when there are some).
export function formatCents(cents) {
  if (cents === null || cents === undefined || cents === '') return '';
  const euros = Number(cents) / 100;
  return new Intl.NumberFormat(locales[lang], {
    style: 'currency', currency: 'EUR', minimumFractionDigits: Number(cents) % 100 ? 2 : 0, maximumFractionDigits: 2,
  }).format(euros);
}
