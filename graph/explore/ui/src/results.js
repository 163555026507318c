// results.js: saved-query forms and their results (GET /api/queries,
// GET /api/queries/{name}): a form per query, the rows as a table, CSV and
// JSON downloads.
import { h, download } from './dom.js';

/** cellText renders one result value as text (for the table and CSV). */
export function cellText(v) {
  if (v === null || v === undefined) return '';
  if (Array.isArray(v)) return v.map(cellText).join(', ');
  if (typeof v !== 'object') return String(v);
  if (v.$node) return v.$node.name || v.$node.id;
  if (v.$edge) return v.$edge.type;
  if (v.$path) {
    const { nodes = [], edges = [] } = v.$path;
    return nodes.map((n, i) => (i ? `-[${edges[i - 1]?.type || ''}]- ` : '') + (n.name || n.id)).join(' ');
  }
  return JSON.stringify(v);
}

/** csv renders a result as RFC 4180 CSV. */
export function csv(result) {
  const q = (s) => (/[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s);
  const lines = [result.columns.map(q).join(',')];
  for (const row of result.rows) lines.push(row.map((v) => q(cellText(v))).join(','));
  return `${lines.join('\r\n')}\r\n`;
}

/** queryForm renders one saved query's form; values are the current inputs. */
export function queryForm(q, values, { onRun }) {
  const inputs = (q.params || []).map((p) => {
    const id = `param-${p.name}`;
    const numeric = /^(int|integer|float|number)$/i.test(p.type || '');
    return h('div', { class: 'param' },
      h('label', { for: id }, p.name, h('span', { class: 'muted' }, ` ${p.type || 'string'}`)),
      h('input', {
        id, name: p.name, value: values[p.name] ?? String(p.default ?? ''),
        inputMode: numeric ? 'decimal' : undefined, 'aria-describedby': p.description ? `${id}-d` : undefined,
      }),
      p.description ? h('small', { id: `${id}-d`, class: 'muted' }, p.description) : null);
  });
  const form = h('form', {
    class: 'query-form',
    'aria-label': q.title || q.name,
    onsubmit: (ev) => {
      ev.preventDefault();
      const params = {};
      for (const el of form.querySelectorAll('input')) params[el.name] = el.value;
      onRun(params);
    },
  },
  q.description ? h('p', {}, q.description) : null,
  inputs,
  h('button', { type: 'submit', class: 'primary' }, 'Run'),
  h('p', { class: 'error', role: 'alert', id: 'query-error' }));
  return form;
}

/** resultView renders a Result: summary, actions, table. */
export function resultView(name, result, { showGraph, onGraph }) {
  const n = result.rows.length;
  const base = `kg-${name}`;
  return h('div', { class: 'result' },
    h('p', { class: 'summary' }, `${n} row${n === 1 ? '' : 's'}`,
      result.truncated ? ' (truncated)' : '', ` · ${result.elapsedMs ?? '?'} ms`),
    h('div', { class: 'actions' },
      h('button', { type: 'button', 'aria-pressed': String(showGraph), onclick: onGraph, disabled: !n },
        showGraph ? 'Hide from graph' : 'Show as graph'),
      h('button', { type: 'button', onclick: () => download(`${base}.csv`, 'text/csv', csv(result)) }, 'CSV'),
      h('button', { type: 'button', onclick: () => download(`${base}.json`, 'application/json', `${JSON.stringify(result, null, 2)}\n`) }, 'JSON')),
    n ? h('div', { class: 'table-wrap', tabindex: 0, role: 'region', 'aria-label': 'Result rows' },
      h('table', {},
        h('thead', {}, h('tr', {}, result.columns.map((c) => h('th', { scope: 'col' }, c)))),
        h('tbody', {}, result.rows.map((row) => h('tr', {}, row.map((v) => h('td', {}, cellText(v))))))))
      : h('p', { class: 'muted' }, 'No rows.'));
}
