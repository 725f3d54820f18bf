// form-util: reading optional text and number inputs into JSON values.
export const text = (el) => (el.value.trim() === '' ? null : el.value.trim());
export const int = (el) => {
  const v = el.value.trim();
  if (v === '') return null;
  const n = Number(v);
  return Number.isFinite(n) ? n : v; // the server names a wrong value
};
