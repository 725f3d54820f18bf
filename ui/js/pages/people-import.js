// people-import: upload a CSV file of people, read the check's report as a
// table (nothing is written), then import it all at once.
import { t } from '../i18n.js';
import { can } from '../session.js';
import { api, ApiError } from '../api.js';
import { h, pageHeader, loading, errorBox, toast } from '../dom.js';

// daily_rate only for who may see rates: the server refuses the column from the others
const columns = () => ['kind', 'first_name', 'last_name', 'email', 'phone', 'location', 'available_from',
  ...(can('money.read') ? ['daily_rate'] : []), 'skills'].join(', ');

export async function render(ctx) {
  ctx.setTitle(t('import.title'));
  const input = h('input', { type: 'file', id: 'import-file', accept: '.csv,text/csv', required: true });
  const check = h('button', { type: 'submit', class: 'btn btn-primary', id: 'import-check' }, t('import.check'));
  const report = h('div', { class: 'section', id: 'import-report', 'aria-live': 'polite' });
  let text = null;

  // The file goes as it is (text/csv): the server reads BOM, separators and quotes.
  const send = (dry) => api('POST', `/api/v1/import/people.csv${dry ? '?dry_run=1' : ''}`,
    { raw: { body: text, type: 'text/csv; charset=utf-8' } });

  async function runCheck(e) {
    e.preventDefault();
    const file = input.files[0];
    if (!file) { input.focus(); return; }
    report.replaceChildren(loading());
    try {
      text = await file.arrayBuffer();
      showReport(await send(true), file.name);
    } catch (err) {
      report.replaceChildren(errorBox(err));
    }
  }

  async function runImport(button) {
    button.disabled = true;
    try {
      const r = await send(false);
      toast(t('import.done', { n: r.imported }), 'success');
      report.replaceChildren(h('div', { class: 'notice notice-ok', role: 'status' },
        h('p', null, t('import.done', { n: r.imported })),
        r.duplicates.length ? h('p', null, t('import.doneDuplicates', { n: r.duplicates.length }), ' ',
          h('a', { href: '#/people/duplicates' }, t('dup.title'))) : null,
        h('p', null, h('a', { href: '#/people', class: 'btn' }, t('import.toPeople')))));
    } catch (err) {
      button.disabled = false;
      if (err instanceof ApiError && err.body && Array.isArray(err.body.errors)) showReport(err.body);
      else report.replaceChildren(errorBox(err));
    }
  }

  function showReport(r, name) {
    const facts = h('ul', { class: 'plain-list' },
      h('li', null, t('import.rows', { n: r.rows })),
      h('li', null, t('import.format', { sep: r.separator === ';' ? t('import.semicolon') : r.separator === ',' ? t('import.comma') : t('import.tab'),
        bom: r.bom ? t('import.withBom') : t('import.noBom') })),
      r.unknown_columns.length ? h('li', null, t('import.unknownColumns'), ' ', h('span', { class: 'mono' }, r.unknown_columns.join(', '))) : null);
    const parts = [h('h2', null, name ? t('import.reportOf', { name }) : t('import.report')), facts];
    if (!r.valid) {
      parts.push(h('div', { class: 'notice notice-warn', role: 'alert' },
        t('import.invalid', { n: r.error_count }), r.error_count > r.errors.length ? ` ${t('import.firstShown', { n: r.errors.length })}` : ''));
      parts.push(h('div', { class: 'table-wrap' }, h('table', { class: 'table table-compact', id: 'import-errors' },
        h('caption', { class: 'sr-only' }, t('import.errors')),
        h('thead', null, h('tr', null, [t('import.row'), t('import.column'), t('import.message')].map((c) => h('th', { scope: 'col' }, c)))),
        h('tbody', null, r.errors.map((e) => h('tr', null,
          h('td', { class: 'num' }, String(e.row)), h('td', null, e.column || h('span', { class: 'mono' }, e.field || '—')), h('td', null, e.message)))))));
    } else {
      parts.push(h('div', { class: 'notice notice-ok', role: 'status' }, t('import.valid', { n: r.rows })));
      if (r.duplicates.length) {
        parts.push(h('h3', null, t('import.duplicates')));
        parts.push(h('div', { class: 'table-wrap' }, h('table', { class: 'table table-compact', id: 'import-duplicates' },
          h('thead', null, h('tr', null, [t('import.row'), t('import.sameAs'), t('dup.reasons')].map((c) => h('th', { scope: 'col' }, c)))),
          h('tbody', null, r.duplicates.map((d) => h('tr', null,
            h('td', { class: 'num' }, String(d.row)),
            h('td', null, d.duplicate_of ? h('a', { href: `#/people/${d.duplicate_of}` }, t('import.person', { id: d.duplicate_of })) : t('import.otherRow', { row: d.duplicate_of_row })),
            h('td', null, d.reasons.map((x) => t(`dup.reason.${x}`)).join(', '))))))));
      }
      const go = h('button', { type: 'button', class: 'btn btn-primary', id: 'import-run' }, t('import.run', { n: r.rows }));
      go.addEventListener('click', () => runImport(go));
      parts.push(h('div', { class: 'form-actions' }, go));
    }
    report.replaceChildren(...parts);
  }

  ctx.main.append(
    h('nav', { class: 'crumbs', 'aria-label': t('nav.crumbs') }, h('a', { href: '#/people' }, t('people.title')), ' / ', t('import.title')),
    pageHeader(t('import.title')),
    h('form', { class: 'card form', id: 'import-form', onsubmit: runCheck },
      h('p', null, t('import.intro')),
      h('p', { class: 'hint import-hint' }, t('import.columns'), ' ', h('span', { class: 'mono' }, columns()), '. ', t('import.skillsHint')),
      h('div', { class: 'field' }, h('label', { for: input.id }, t('import.file')), input),
      h('div', { class: 'form-actions' }, check)),
    report);
  input.addEventListener('change', () => report.replaceChildren());
}
