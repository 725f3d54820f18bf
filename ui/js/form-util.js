// form-util: reading optional text and number inputs into JSON values, and
// the one way a form recovers when someone else saved the object first.
import { t } from './i18n.js';
import { api } from './api.js';
import { toast } from './dom.js';
export const text = (el) => (el.value.trim() === '' ? null : el.value.trim());
export const int = (el) => {
  const v = el.value.trim();
  if (v === '') return null;
  const n = Number(v);
  return Number.isFinite(n) ? n : v; // the server names a wrong value
};

/** After a 412: reloads the object from url, redraws the form with it and
 * says why, so the user re-applies their change on the current version. */
export async function reloadAfterConflict(ctx, url, redraw) {
  toast(t('error.stale'), 'error');
  const fresh = await api('GET', url);
  if (!ctx.alive()) return;
  ctx.main.replaceChildren();
  redraw(fresh);
  const summary = ctx.main.querySelector('.form-summary');
  summary.textContent = t('error.staleReloaded');
  summary.hidden = false;
  summary.focus();
}
