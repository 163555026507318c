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

// Answers boot.js asked for before this bundle ran: path → promise, each taken once.
const prefetched = globalThis.kgPrefetch instanceof Map ? globalThis.kgPrefetch : new Map();

async function call(path, init) {
  if (!init && prefetched.has(path)) {
    const answer = prefetched.get(path);
    prefetched.delete(path);
    return answer;
  }
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

/** MAX_EXPAND is the most ids one /api/expand call takes. */
export const MAX_EXPAND = 100;

/** expandPaths returns the /api/expand calls for ids (repeats dropped), MAX_EXPAND ids each, filtered by f = {types, from, to}. */
export function expandPaths(ids, f, limit = 100) {
  const unique = [...new Set(ids)];
  const paths = [];
  for (let i = 0; i < unique.length; i += MAX_EXPAND) {
    paths.push(`/api/expand${query({ id: unique.slice(i, i + MAX_EXPAND), type: f.types, from: f.from, to: f.to, limit })}`);
  }
  return paths;
}

/** startPaths returns the calls a page showing state s makes first (boot.js asks for them early). */
export function startPaths(s) {
  return ['/api/style', '/api/stats', '/api/queries', ...s.nodes.map((id) => `/api/nodes/${enc(id)}`), ...expandPaths(s.expanded, s)];
}

/**
 * prefetch starts the calls of paths and keeps their answers (or
 * failures) for the first call of the same path, in globalThis.kgPrefetch,
 * which another bundle's api.js reads.
 */
export function prefetch(paths) {
  globalThis.kgPrefetch = prefetched;
  for (const path of paths) {
    if (prefetched.has(path)) continue;
    const answer = call(path);
    answer.catch(() => {}); // a failure is reported to the caller that takes it
    prefetched.set(path, answer);
  }
}

/** merge joins expand answers: nodes and edges each once, pages and missing ids in order. */
function merge(answers) {
  const out = { nodes: [], edges: [], expanded: [], missing: [], truncated: false };
  const seen = new Set();
  for (const a of answers) {
    for (const n of a.nodes) if (!seen.has(`n${n.id}`)) { seen.add(`n${n.id}`); out.nodes.push(n); }
    for (const e of a.edges) if (!seen.has(`e${e.id}`)) { seen.add(`e${e.id}`); out.edges.push(e); }
    out.expanded.push(...a.expanded);
    out.missing.push(...a.missing);
    out.truncated ||= a.truncated;
  }
  return out;
}

export const api = {
  stats: () => call('/api/stats'),
  style: () => call('/api/style'),
  search: (q, limit = 12) => call(`/api/search${query({ q, limit })}`),
  node: (id) => call(`/api/nodes/${enc(id)}`),
  /** expand returns the neighbours of several nodes (filtered by f) in one call per MAX_EXPAND ids, merged. */
  expand: async (ids, f, limit = 100) => merge(await Promise.all(expandPaths(ids, f, limit).map((p) => call(p)))),
  edge: (id) => call(`/api/edges/${enc(id)}`),
  timeline: (a, b, types) => call(`/api/timeline${query({ a, b, type: types })}`),
  queries: () => call('/api/queries'),
  /** runQuery runs a saved query; params are the form's strings, typed by the server. */
  runQuery: (name, params) => call(`/api/queries/${enc(name)}${query(params)}`),
};
