// timeline.js: the timeline of a pair of entities (GET /api/timeline): a
// strip of dated events (calls, pledges, sanctions) and the list below it.
import { h } from './dom.js';

const SVG = 'http://www.w3.org/2000/svg';
const s = (tag, attrs, ...kids) => {
  const el = document.createElementNS(SVG, tag);
  for (const [k, v] of Object.entries(attrs)) el.setAttribute(k, String(v));
  el.append(...kids);
  return el;
};
const day = (d) => Date.parse(`${String(d).slice(0, 10)}T00:00:00Z`);

/** strip draws the events on a date axis, coloured by type. */
function strip(events, colour) {
  const dated = events.filter((e) => Number.isFinite(day(e.date)));
  if (!dated.length) return null;
  const t0 = day(dated[0].date);
  const t1 = day(dated[dated.length - 1].date);
  const W = 400, pad = 16, span = Math.max(t1 - t0, 1);
  const x = (d) => (t0 === t1 ? W / 2 : pad + ((day(d) - t0) / span) * (W - 2 * pad));
  const perDay = new Map();
  const dots = dated.map((e) => {
    const k = e.date.slice(0, 10);
    const n = perDay.get(k) || 0;
    perDay.set(k, n + 1);
    return s('circle', { cx: x(e.date), cy: 30 - n * 9, r: 4.5, fill: colour(e.type) },
      s('title', {}, `${e.date} ${e.type}`));
  });
  return s('svg', { viewBox: `0 0 ${W} 56`, class: 'strip', role: 'img', 'aria-label': `${dated.length} events from ${dated[0].date} to ${dated[dated.length - 1].date}` },
    s('line', { x1: pad, x2: W - pad, y1: 38, y2: 38, stroke: '#999' }),
    ...dots,
    s('text', { x: pad, y: 52, 'font-size': 11 }, dated[0].date.slice(0, 10)),
    s('text', { x: W - pad, y: 52, 'font-size': 11, 'text-anchor': 'end' }, dated[dated.length - 1].date.slice(0, 10)));
}

/** timelineView renders GET /api/timeline's answer. */
export function timelineView(ans, { colour, nameOf, onEdge }) {
  const events = ans.events || [];
  if (!events.length) {
    return [h('p', {}, `No dated calls, pledges or sanctions link ${ans.a?.name || '?'} and ${ans.b?.name || '?'}.`)];
  }
  return [
    strip(events, colour),
    h('ol', { class: 'events' }, events.map((e) => h('li', {},
      h('time', { datetime: e.date }, e.date || 'undated'), ' ',
      h('span', { class: 'chip', 'data-type': e.type, style: `--c:${colour(e.type)}` }, e.type), ' ',
      h('button', { type: 'button', class: 'link', onclick: () => onEdge(e.edge.id) },
        `${nameOf(e.edge.start)} → ${nameOf(e.edge.end)}`),
      h('span', { class: 'muted' }, ` · ${e.sources} source${e.sources === 1 ? '' : 's'}`)))),
  ];
}
