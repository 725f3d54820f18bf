// form-util: reading optional text and number inputs into JSON values, and
// the one way an object form is saved: POST to create, PATCH with If-Match
// to change, and a reload when someone else saved the object first.
import { t } from './i18n.js';
import { api } from './api.js';
import { toast, showErrors, clearErrors } from './dom.js';
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

/** Saves the object of a form on submit. spec: collection ('/api/v1/needs'),
 * route ('#/needs'), object (the one being edited, or null), body() (the
 * JSON to send), saved / created (messages), redraw(fresh) (draws the form
 * again after a 412), onError(err, form) (optional: true when it showed the
 * error itself, e.g. a 409 duplicate with a link). */
export function saveOnSubmit(ctx, form, submit, spec) {
  form.addEventListener('submit', async (ev) => {
    ev.preventDefault();
    clearErrors(form);
    const { object } = spec;
    const body = spec.body();
    submit.disabled = true;
    try {
      const saved = object
        ? await api('PATCH', `${spec.collection}/${object.id}`, { body, version: object.version })
        : await api('POST', spec.collection, { body });
      toast(object ? spec.saved : spec.created, 'success');
      ctx.navigate(`${spec.route}/${saved.id}`);
    } catch (e) {
      if (e.status === 412) return reloadAfterConflict(ctx, `${spec.collection}/${object.id}`, spec.redraw);
      if (spec.onError && spec.onError(e, form)) return;
      showErrors(form, e);
    } finally {
      submit.disabled = false;
    }
  });
}
