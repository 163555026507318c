// api.js: the explorer's calls to kg's JSON API (graph/explore/API.md).
// Every failure becomes an ApiError whose message is one readable line:
// the API's own message when it sent one.

/** ApiError is a failed call: HTTP status, Neo4j-style code, message. */
export class ApiError extends Error {
  constructor(status, code, message) {
    super(message);
    this.status = status;
    this.code = code;
  }
}

async function call(path, init) {
  let res;
  try {
    res = await fetch(path, { headers: { Accept: 'application/json' }, ...init });
  } catch (err) {
    throw new ApiError(0, '', `the kg server did not answer (${err.message})`);
  }
  let body = null;
  try {
    body = await res.json();
  } catch {
    // fall through: a non-JSON answer is reported by status below
  }
  if (!res.ok || (body && body.error)) {
    const e = (body && body.error) || {};
    throw new ApiError(e.status || res.status, e.code || '', e.message || `${res.status} ${res.statusText}`.trim());
  }
  if (body === null) throw new ApiError(res.status, '', 'the kg server sent an answer that is not JSON');
  return body;
}

function query(params) {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) {
    if (v === undefined || v === null || v === '') continue;
    for (const one of Array.isArray(v) ? v : [v]) q.append(k, String(one));
  }
  const s = q.toString();
  return s ? `?${s}` : '';
}

const enc = encodeURIComponent;

export const api = {
  stats: () => call('/api/stats'),
  style: () => call('/api/style'),
  search: (q, limit = 12) => call(`/api/search${query({ q, limit })}`),
  node: (id) => call(`/api/nodes/${enc(id)}`),
  /** neighbours of id, filtered by f = {types, from, to}. */
  neighbours: (id, f, limit = 100) =>
    call(`/api/nodes/${enc(id)}/neighbours${query({ type: f.types, from: f.from, to: f.to, limit })}`),
  edge: (id) => call(`/api/edges/${enc(id)}`),
  timeline: (a, b, types) => call(`/api/timeline${query({ a, b, type: types })}`),
  queries: () => call('/api/queries'),
  /** runQuery runs a saved query; params are the form's strings, typed by the server. */
  runQuery: (name, params) => call(`/api/queries/${enc(name)}${query(params)}`),
};
