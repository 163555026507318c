// state.js: the view's state and its encoding in the URL's hash, so that a
// view can be shared and reloaded. Keys (all optional):
//   n=ID,ID      nodes put in the view by search or by hand
//   x=ID,ID      nodes expanded (their neighbours are in the view)
//   s=ID,ID      selected nodes (two give a timeline)
//   e=ID         the relationship whose evidence is open
//   t=TYPE,TYPE  relationship types shown (none: all)
//   from, to     date range (ISO dates) on relationships' date
//   q=NAME       the open saved query, with its parameters as p.NAME=VALUE
//   r=1          the query's result is drawn as the graph
//   tl=1         the timeline of the selected pair is open

/** emptyState returns a state with nothing in view. */
export function emptyState() {
  return {
    nodes: [], expanded: [], selected: [], edge: '', types: [], from: '', to: '',
    query: '', params: {}, result: false, timeline: false,
  };
}

const list = (v) => (v ? v.split(',').filter(Boolean).map(decodeURIComponent) : []);
// Items are escaped once for the list (',' and '%'), the list once for the URL.
const join = (a) => encodeURIComponent(a.map((x) => x.replace(/%/g, '%25').replace(/,/g, '%2C')).join(','));

/** decode reads a state from a location hash ("#n=CHN&x=CHN"). */
export function decode(hash) {
  const q = new URLSearchParams(hash.replace(/^#/, ''));
  const s = emptyState();
  s.nodes = list(q.get('n'));
  s.expanded = list(q.get('x'));
  s.selected = list(q.get('s')).slice(0, 2);
  s.edge = q.get('e') || '';
  s.types = list(q.get('t'));
  s.from = q.get('from') || '';
  s.to = q.get('to') || '';
  s.query = q.get('q') || '';
  s.result = q.get('r') === '1';
  s.timeline = q.get('tl') === '1';
  for (const [k, v] of q) if (k.startsWith('p.')) s.params[k.slice(2)] = v;
  return s;
}

/** encode writes a state as a location hash, keys in a fixed order. */
export function encode(s) {
  const parts = [];
  const add = (k, v) => { if (v) parts.push(`${k}=${v}`); };
  add('n', join(s.nodes));
  add('x', join(s.expanded));
  add('s', join(s.selected));
  add('e', encodeURIComponent(s.edge));
  add('t', join(s.types));
  add('from', encodeURIComponent(s.from));
  add('to', encodeURIComponent(s.to));
  add('q', encodeURIComponent(s.query));
  if (s.query) {
    for (const [k, v] of Object.entries(s.params)) parts.push(`p.${encodeURIComponent(k)}=${encodeURIComponent(v)}`);
  }
  if (s.result) add('r', '1');
  if (s.timeline) add('tl', '1');
  return parts.length ? `#${parts.join('&')}` : '';
}
