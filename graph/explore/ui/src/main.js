// main.js: kg's explorer page. The view is a function of the state kept in
// the URL's hash (state.js): every action changes the state, writes the
// hash, fetches what the state needs (cached), and redraws.
import { api } from './api.js';
import { h, fill } from './dom.js';
import { GraphView } from './graph.js';
import { edgeLook } from './style.js';
import { decode, encode } from './state.js';
import { evidenceView } from './evidence.js';
import { timelineView } from './timeline.js';
import { queryForm, resultView } from './results.js';
import { resultGraph } from './resultgraph.js';
import { searchBox } from './search.js';

const $ = (id) => document.getElementById(id);

let st = decode(location.hash);
let style = { labels: {}, types: {} };
let view = null;
let queries = [];
const nodes = new Map(); // id → Node, every node fetched
const edges = new Map(); // id → Edge
const hoods = new Map(); // neighbour-call key → {node, nodes, edges, total}
const gone = new Set(); // neighbour-call keys of ids that are no node's
const results = new Map(); // query key → Result
let drawSeq = 0;
let lastView = { nodes: [], edges: [] }; // what the last render drew
let stats = null; // GET /api/stats, for the type filter

/** perf records the draws, for the end-to-end test and curious users. */
const perf = { draws: [] };
window.kgExplorer = {
  perf,
  state: () => structuredClone(st),
  /** locate returns where node id is drawn (client coordinates), for tests and tools. */
  locate: (id) => view?.screenPosition(id) ?? null,
  /** hitAt returns what a click at a client point picks ({node}, {edge} or {}) and every edge there. */
  hitAt: (x, y) => view?.hitAt(x, y) ?? {},
  /** zoom returns the graph's zoom level. */
  zoom: () => view?.zoomLevel() ?? 1,
  /** fit shows nodes ids as large as the view allows (up to zoom 2). */
  fit: (ids) => view?.fit(ids, 2),
  /** moving reports whether the view still moves (an animation under way). */
  moving: () => view?.moving() ?? false,
  /** drawn returns the nodes and relationships in view, as the API gave them. */
  drawn: () => structuredClone(lastView),
};

function status(msg, isError = false) {
  const el = $('status');
  el.textContent = msg;
  el.classList.toggle('error', isError);
}

const count = (n, what) => `${n} ${what}${n === 1 ? '' : 's'}`;

function remember(list, map) {
  for (const x of list || []) map.set(x.id, x);
}

const filterKey = () => `${st.types.join(',')}|${st.from}|${st.to}`;
const queryKey = () => `${st.query}?${new URLSearchParams(st.params)}`;
const nameOf = (id) => nodes.get(id)?.name || id;

const inflight = new Map(); // key → the promise of a call under way

/** once runs fn for key unless a call for key is under way, whose promise it returns. */
function once(key, fn) {
  if (!inflight.has(key)) inflight.set(key, fn().finally(() => inflight.delete(key)));
  return inflight.get(key);
}

async function ensureNode(id) {
  if (nodes.has(id)) return;
  await once(`n|${id}`, async () => remember([(await api.node(id)).node], nodes));
}

/**
 * ensureHoods asks for the neighbours of those of ids not known yet under
 * the filters, all in one expand call (api.expand), and returns each id's
 * {node, nodes, edges, total} as /neighbours gives it (a promise each,
 * rejected for an id that is no node's, which is not asked for again).
 */
function ensureHoods(ids) {
  const fk = filterKey();
  const key = (id) => `${id}|${fk}`;
  const missing = (id) => Promise.reject(new Error(`no node with id "${id}"`));
  const fresh = [...new Set(ids)].filter((id) => !hoods.has(key(id)) && !gone.has(key(id)) && !inflight.has(`h|${key(id)}`));
  if (fresh.length) {
    const f = { types: st.types, from: st.from, to: st.to };
    const batch = api.expand(fresh, f).then((ans) => {
      remember(ans.nodes, nodes);
      remember(ans.edges, edges);
      for (const p of ans.expanded) {
        const es = p.edges.map((id) => edges.get(id));
        const others = new Set(es.map((e) => (e.start === p.id ? e.end : e.start)).filter((id) => id !== p.id));
        hoods.set(key(p.id), { node: nodes.get(p.id), nodes: [...others].map((id) => nodes.get(id)), edges: es, total: p.total });
      }
      for (const id of ans.missing) gone.add(key(id));
    });
    for (const id of fresh) {
      once(`h|${key(id)}`, () => batch.then(() => hoods.get(key(id)) ?? missing(id)))
        .catch(() => {}); // reported by whoever awaits it
    }
  }
  return ids.map((id) => (hoods.has(key(id)) ? Promise.resolve(hoods.get(key(id))) : gone.has(key(id)) ? missing(id) : inflight.get(`h|${key(id)}`)));
}

async function ensureResult() {
  const key = queryKey();
  if (results.has(key)) return results.get(key).result;
  const [name, params] = [st.query, st.params];
  return once(`q|${key}`, async () => {
    const result = await api.runQuery(name, params);
    results.set(key, { result });
    return result;
  });
}

/** ensureResultGraph returns the open query's result as a graph (resultgraph.js). */
async function ensureResultGraph() {
  const r = await ensureResult();
  const entry = results.get(queryKey());
  if (!entry.graph) {
    entry.graph = await resultGraph(r, { search: (q) => api.search(q, 5), expand: (ids) => api.expand(ids, {}) });
    remember(entry.graph.nodes, nodes);
    remember(entry.graph.edges, edges);
  }
  return entry.graph;
}

/**
 * edgeShown reports whether the filters let e through, as the API's
 * neighbours filter does: an undated relationship passes the date range,
 * a dated one passes when from ≤ date and date ≤ to (to covering its day).
 */
function edgeShown(e) {
  if (st.types.length && !st.types.includes(e.type)) return false;
  const d = e.properties?.date;
  if (!d) return true;
  if (st.from && String(d) < st.from) return false;
  if (st.to && String(d) > `${st.to}~`) return false;
  return true;
}

/** visible collects what the state puts in view. */
async function visible() {
  const ns = new Map();
  const es = new Map();
  const errors = [];
  const notes = [];
  await Promise.all(st.nodes.map((id) => ensureNode(id).catch((e) => errors.push(`${id}: ${e.message}`))));
  for (const id of st.nodes) if (nodes.has(id)) ns.set(id, nodes.get(id));
  const hs = await Promise.all(ensureHoods(st.expanded).map((p, i) => p.catch((e) => { errors.push(`expanding ${st.expanded[i]}: ${e.message}`); })));
  for (const hd of hs) {
    if (!hd) continue;
    ns.set(hd.node.id, nodes.get(hd.node.id));
    for (const n of hd.nodes) ns.set(n.id, nodes.get(n.id));
    for (const e of hd.edges) es.set(e.id, e);
    if (hd.total > hd.edges.length) notes.push(`${hd.node.name}: ${hd.edges.length} of ${hd.total} relationships`);
  }
  if (st.query && st.result) {
    try {
      const g = await ensureResultGraph();
      for (const n of g.nodes) ns.set(n.id, n);
      for (const e of g.edges) es.set(e.id, e);
    } catch {
      // the query panel shows the error, beside the form
    }
  }
  const shownEdges = [...es.values()].filter((e) => edgeShown(e) && ns.has(e.start) && ns.has(e.end));
  return { nodes: [...ns.values()], edges: shownEdges, errors, notes };
}

/** commit applies change to the state, records it in the URL and redraws. */
function commit(change) {
  change(st);
  const hash = encode(st);
  if (hash !== location.hash) history.replaceState(null, '', hash || location.pathname + location.search);
  return render();
}

async function render() {
  const seq = ++drawSeq;
  const t0 = performance.now();
  status('Loading…');
  const v = await visible();
  if (seq !== drawSeq) return; // a newer state was rendered meanwhile
  const t1 = performance.now();
  $('empty').hidden = v.nodes.length > 0;
  view.layoutMs = 0;
  view.show(v.nodes, v.edges, new Set(st.selected), st.edge);
  await view.rendered();
  const t2 = performance.now();
  // at: since navigation start; waitMs: API answers still awaited when the
  // draw began (the first draw's were asked for at start); drawMs: placing
  // the new nodes (layoutMs of it) and the first frame that shows them.
  perf.draws.push({ nodes: v.nodes.length, edges: v.edges.length, at: t2, waitMs: t1 - t0, drawMs: t2 - t1, layoutMs: view.layoutMs });
  document.body.dataset.drawn = String(v.nodes.length);
  if (v.errors.length) status(v.errors.join(' · '), true);
  else status(`${count(v.nodes.length, 'node')}, ${count(v.edges.length, 'relationship')}${v.notes.length ? ` · ${v.notes.join(' · ')}` : ''}`);
  $('expand').disabled = !st.selected.length;
  $('timeline').disabled = st.selected.length !== 2;
  if ($('elements').open) elementsList(v);
  lastView = v;
  await panel();
}

// ---- the side panel: evidence, timeline, query, node details ----------

let panelKey = '';

async function panel() {
  let key = '';
  if (st.edge) key = `e:${st.edge}`;
  else if (st.timeline && st.selected.length === 2) key = `t:${st.selected}|${st.types}`;
  else if (st.query) key = `q:${queryKey()}|${st.result}`;
  else if (st.selected.length) key = `n:${st.selected}|${st.selected.map((id) => st.expanded.includes(id))}`;
  if (key === panelKey) return;
  const kindBefore = panelKey[0];
  panelKey = key;
  const p = $('panel');
  if (!key) {
    p.hidden = true;
    return;
  }
  const [title, body] = await panelContent(key[0]).catch((e) => ['Error', [h('p', { class: 'error', role: 'alert' }, e.message)]]);
  if (panelKey !== key) return;
  fill($('panel-title'), title);
  fill($('panel-body'), body);
  p.hidden = false;
  // Evidence and timelines are read next: take the focus there when one opens.
  if (key[0] !== kindBefore && (key[0] === 'e' || key[0] === 't')) $('panel-title').focus({ preventScroll: true });
}

async function panelContent(kind) {
  switch (kind) {
    case 'e': {
      const ans = await api.edge(st.edge);
      remember([ans.startNode, ans.endNode], nodes);
      return [`Evidence: ${ans.edge.type}`, evidenceView(ans, { onNode: (id) => commit((s) => { s.edge = ''; s.selected = [id]; }) })];
    }
    case 't': {
      const [a, b] = st.selected;
      const ans = await api.timeline(a, b, st.types);
      remember([ans.a, ans.b].filter(Boolean), nodes);
      const colour = (t) => edgeLook(style, { type: t }).color;
      return [`Timeline: ${nameOf(a)} and ${nameOf(b)}`, timelineView(ans, { colour, nameOf, onEdge: (id) => commit((s) => { s.edge = id; }) })];
    }
    case 'q': return queryPanel();
    default: return nodePanel();
  }
}

async function queryPanel() {
  const q = queries.find((x) => x.name === st.query);
  if (!q) return ['Saved query', [h('p', { class: 'error', role: 'alert' }, `no saved query named "${st.query}"`)]];
  const form = queryForm(q, st.params, {
    onRun: (params) => { results.delete(`${st.query}?${new URLSearchParams(params)}`); commit((s) => { s.params = params; s.result = true; }); },
  });
  const body = [form];
  if (Object.keys(st.params).length) {
    try {
      const r = await ensureResult();
      body.push(resultView(q.name, r, { showGraph: st.result, onGraph: () => commit((s) => { s.result = !s.result; }) }));
    } catch (e) {
      form.querySelector('.error').textContent = e.message;
      // Point at the parameter the message names, if any.
      for (const input of form.querySelectorAll('input')) {
        if (new RegExp(`\\bparameter \\$?${input.name}\\b`).test(e.message)) input.setAttribute('aria-invalid', 'true');
      }
    }
  }
  return [q.title || q.name, body];
}

async function nodePanel() {
  const answers = await Promise.all(st.selected.map((id) => api.node(id)));
  const body = answers.map(({ node, degree }) => h('section', { class: 'node-card' },
    h('h3', {}, node.name || node.id, ' ', h('span', { class: 'muted' }, (node.labels || []).join(', '))),
    h('dl', { class: 'facts' }, Object.entries(node.properties || {}).filter(([k]) => k !== 'name').map(([k, v]) =>
      [h('dt', {}, k), h('dd', {}, Array.isArray(v) ? v.join(', ') : typeof v === 'object' ? JSON.stringify(v) : String(v))])),
    degree && Object.keys(degree).length ? h('p', { class: 'muted' }, Object.entries(degree).map(([t, n]) => `${t} ${n}`).join(' · ')) : null,
    h('button', { type: 'button', onclick: () => expand(node.id), disabled: st.expanded.includes(node.id) }, st.expanded.includes(node.id) ? 'Expanded' : 'Expand'),
    ' ',
    h('button', { type: 'button', onclick: () => removeNode(node.id) }, 'Remove from view')));
  if (st.selected.length === 2) body.push(h('button', { type: 'button', class: 'primary', onclick: () => commit((s) => { s.timeline = true; }) }, 'Timeline of this pair'));
  else body.push(h('p', { class: 'muted' }, 'Select a second node for the timeline of the pair.'));
  return [answers.map((a) => a.node.name || a.node.id).join(' and '), body];
}

function closePanel() {
  commit((s) => {
    if (s.edge) s.edge = '';
    else if (s.timeline) s.timeline = false;
    else if (s.query) { s.query = ''; s.params = {}; s.result = false; }
    else s.selected = [];
  });
}

// ---- actions -------------------------------------------------------------

function addNode(id) {
  commit((s) => {
    if (!s.nodes.includes(id)) s.nodes.push(id);
    s.selected = [id];
    s.edge = '';
  });
}

/** expand brings in the neighbours of ids, all in one change (one expand call). */
function expand(...ids) {
  commit((s) => {
    for (const id of ids) if (!s.expanded.includes(id)) s.expanded.push(id);
  });
}

function removeNode(id) {
  commit((s) => {
    s.nodes = s.nodes.filter((x) => x !== id);
    s.expanded = s.expanded.filter((x) => x !== id);
    s.selected = s.selected.filter((x) => x !== id);
  });
}

/** select: a click selects a node; a click on a second node makes a pair (for the timeline). */
function select(id) {
  commit((s) => {
    s.edge = '';
    if (s.selected.includes(id)) s.selected = s.selected.filter((x) => x !== id);
    else s.selected = [...s.selected, id].slice(-2);
    if (s.selected.length !== 2) s.timeline = false;
  });
}

function elementsList(v) {
  fill($('elements-body'),
    h('h3', {}, 'Nodes'),
    h('ul', {}, v.nodes.map((n) => h('li', {},
      h('button', { type: 'button', class: 'link', 'aria-pressed': String(st.selected.includes(n.id)), onclick: () => select(n.id) }, n.name || n.id),
      ' ', h('button', { type: 'button', class: 'small', onclick: () => expand(n.id), 'aria-label': `Expand ${n.name || n.id}` }, 'expand')))),
    h('h3', {}, 'Relationships'),
    h('ul', {}, v.edges.map((e) => h('li', {},
      h('button', { type: 'button', class: 'link', onclick: () => commit((s) => { s.edge = e.id; }) },
        `${nameOf(e.start)} ${e.type} ${nameOf(e.end)}${e.properties?.date ? ` (${e.properties.date})` : ''}`)))));
}

// ---- filters and the query list ------------------------------------------

function filters(stats) {
  const types = Object.keys(stats.types || {}).filter((t) => t !== 'MENTIONS').sort();
  fill($('types'), h('legend', {}, 'Relationship types'), types.map((t) => h('label', { class: 'check' },
    h('input', { type: 'checkbox', value: t, checked: !st.types.length || st.types.includes(t),
      onchange: () => {
        const on = [...$('types').querySelectorAll('input:checked')].map((el) => el.value);
        commit((s) => { s.types = on.length === types.length ? [] : on; });
      } }),
    h('span', { class: 'swatch', style: `background:${edgeLook(style, { type: t }).color}` }),
    ` ${t} `, h('span', { class: 'muted' }, stats.types[t]))));
  $('from').value = st.from;
  $('to').value = st.to;
}

// On a phone the side column is a sheet over the graph: open on demand.
const narrow = matchMedia('(max-width: 760px)');
function setSide(open) {
  $('side').classList.toggle('closed', !open);
  $('toggle-side').setAttribute('aria-expanded', String(open));
}

function queryList() {
  fill($('queries'), queries.map((q) => h('li', {},
    h('button', { type: 'button', class: 'query', 'aria-current': st.query === q.name ? 'true' : undefined,
      onclick: () => {
        if (narrow.matches) setSide(false);
        commit((s) => { s.query = q.name; s.params = {}; s.result = false; s.edge = ''; s.timeline = false; });
      } },
    h('strong', {}, q.title || q.name), h('small', {}, q.name)))));
}

// ---- start ---------------------------------------------------------------

async function start() {
  perf.startAt = performance.now();
  // What the URL's view needs is fetched while the style loads.
  visible().catch(() => {});
  try {
    style = await api.style();
  } catch (e) {
    status(`style: ${e.message}`, true);
  }
  perf.styleAt = performance.now();
  view = new GraphView($('graph'), style, {
    node: (id) => select(id),
    nodeDouble: (id) => expand(id),
    edge: (id) => commit((s) => { s.edge = id; s.selected = []; s.timeline = false; }),
    background: () => { if (st.selected.length || st.edge) commit((s) => { s.selected = []; s.edge = ''; s.timeline = false; }); },
    error: (e) => status(`graph: ${e.message}`, true),
  });
  perf.viewAt = performance.now();
  api.stats().then((ans) => { stats = ans; filters(ans); }).catch((e) => fill($('types'), h('p', { class: 'error' }, e.message)));
  api.queries().then((ans) => { queries = ans.queries || []; queryList(); panelKey = ''; return render(); })
    .catch((e) => fill($('queries'), h('li', { class: 'error' }, e.message)));

  searchBox($('search'), $('suggestions'), { search: (q) => api.search(q), pick: (node) => { remember([node], nodes); addNode(node.id); } });
  $('from').addEventListener('change', (ev) => commit((s) => { s.from = ev.target.value; }));
  $('to').addEventListener('change', (ev) => commit((s) => { s.to = ev.target.value; }));
  $('clear').addEventListener('click', () => commit((s) => { Object.assign(s, decode('')); }));
  $('zoom-in').addEventListener('click', () => view.zoom(1.25));
  $('zoom-out').addEventListener('click', () => view.zoom(0.8));
  $('fit').addEventListener('click', () => view.fit());
  $('expand').addEventListener('click', () => expand(...st.selected));
  $('timeline').addEventListener('click', () => commit((s) => { s.timeline = true; s.edge = ''; }));
  $('panel-close').addEventListener('click', closePanel);
  $('elements').addEventListener('toggle', () => { if ($('elements').open) elementsList(lastView); });
  const side = $('toggle-side');
  setSide(!narrow.matches);
  side.addEventListener('click', () => setSide(side.getAttribute('aria-expanded') !== 'true'));
  document.addEventListener('keydown', (ev) => {
    if (ev.key !== 'Escape' || ev.defaultPrevented) return;
    if (!$('panel').hidden) { closePanel(); $('search').focus(); } else if (narrow.matches) setSide(false);
  });
  window.addEventListener('hashchange', () => { st = decode(location.hash); if (stats) filters(stats); render(); });
  await render();
}

start().catch((e) => status(e.message, true));
