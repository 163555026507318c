// place.js: where the new nodes of a graph go while the nodes already drawn
// stay put. Expanding a node should not shuffle what the user has been
// looking at, so the placed nodes are fixed and only the new ones move: each
// starts beside a placed node it is linked to, then a short force
// simulation (springs along relationships, repulsion between nearby nodes)
// spreads them out. No randomness: the same graph is laid out the same way.

const GOLDEN = Math.PI * (3 - Math.sqrt(5)); // the golden angle: seeds around a node never line up

/**
 * place returns positions (Map id → {x, y}) for the nodes that have none,
 * leaving the others where they are. nodes: [{id, size, x?, y?}] (size: the
 * drawn diameter); edges: [{source, target}]. length is the preferred
 * length of a relationship, iterations the simulation's steps.
 */
export function place(nodes, edges, { length = 120, iterations = 120 } = {}) {
  const all = new Map(nodes.map((n) => [n.id, { ...n, fixed: Number.isFinite(n.x) && Number.isFinite(n.y) }]));
  const links = new Map([...all.keys()].map((id) => [id, []]));
  const pairs = new Map(); // one spring per linked pair, however many relationships
  for (const e of edges) {
    if (e.source === e.target || !all.has(e.source) || !all.has(e.target)) continue;
    const key = e.source < e.target ? `${e.source}\n${e.target}` : `${e.target}\n${e.source}`;
    if (pairs.has(key)) continue;
    links.get(e.source).push(e.target);
    links.get(e.target).push(e.source);
    pairs.set(key, [all.get(e.source), all.get(e.target)]);
  }
  const fresh = [...all.values()].filter((n) => !n.fixed);
  if (!fresh.length) return new Map();
  seed(all, links, fresh, length);
  relax([...all.values()], fresh, [...pairs.values()], length, iterations);
  return new Map(fresh.map((n) => [n.id, { x: n.x, y: n.y }]));
}

/** seed gives every new node a start: beside its placed neighbours, breadth first; a new component goes to the right of the rest. */
function seed(all, links, fresh, length) {
  const placed = [...all.values()].filter((n) => n.fixed);
  const around = new Map(); // anchor id → new nodes seeded around it so far
  const centre = mean(placed) || { x: 0, y: 0 };
  const put = (n) => {
    const ns = links.get(n.id).map((id) => all.get(id)).filter((m) => Number.isFinite(m.x));
    if (!ns.length) {
      // A new component: start it to the right of everything placed so far.
      const right = placed.reduce((r, m) => Math.max(r, m.x + m.size / 2), -Infinity);
      n.x = Number.isFinite(right) ? right + length : 0;
      n.y = centre.y;
    } else {
      const c = mean(ns);
      const anchor = ns[0].id;
      const k = around.get(anchor) || 0;
      around.set(anchor, k + 1);
      // Away from the middle of the graph, fanning out by the golden angle.
      const base = Math.atan2(c.y - centre.y, c.x - centre.x) || 0;
      const r = length * (1 + 0.12 * Math.sqrt(k));
      n.x = c.x + r * Math.cos(base + GOLDEN * k);
      n.y = c.y + r * Math.sin(base + GOLDEN * k);
    }
    placed.push(n);
  };
  // Breadth first from the placed nodes, then from the best-linked new node left.
  const todo = new Set(fresh);
  const queue = fresh.filter((n) => links.get(n.id).some((id) => all.get(id).fixed));
  while (todo.size) {
    if (!queue.length) queue.push([...todo].sort((a, b) => links.get(b.id).length - links.get(a.id).length)[0]);
    const n = queue.shift();
    if (!todo.has(n)) continue;
    todo.delete(n);
    put(n);
    for (const id of links.get(n.id)) if (todo.has(all.get(id))) queue.push(all.get(id));
  }
}

/**
 * relax moves the new nodes: springs pull linked nodes to length apart,
 * nodes within reach push apart (found through a grid of cells of that
 * size), placed nodes hold. The loops index typed arrays: the layout runs
 * once per draw, much of it before the JIT has optimised it, where
 * iterators, destructuring and small arrays cost most.
 */
function relax(nodes, fresh, pairs, length, iterations) {
  const reach = 3 * length; // no push beyond: a far component does not drift away
  const index = new Map(nodes.map((n, i) => [n, i]));
  const xs = Float64Array.from(nodes, (n) => n.x);
  const ys = Float64Array.from(nodes, (n) => n.y);
  const size = Float64Array.from(nodes, (n) => n.size || 0);
  const moving = Int32Array.from(fresh, (n) => index.get(n));
  const links = Int32Array.from(pairs.flat(), (n) => index.get(n)); // a, b, a, b…
  const fx = new Float64Array(nodes.length);
  const fy = new Float64Array(nodes.length);
  const cell = (x, y) => Math.floor(x / reach) * 65536 + Math.floor(y / reach); // cells of reach × reach
  const near = [-65537, -65536, -65535, -1, 0, 1, 65535, 65536, 65537]; // a cell and the eight around it
  for (let it = 0; it < iterations; it++) {
    const step = length * (1 - it / iterations) * 0.5 + 1;
    const grid = new Map();
    for (let i = 0; i < nodes.length; i++) {
      const key = cell(xs[i], ys[i]);
      const list = grid.get(key);
      if (list) list.push(i);
      else grid.set(key, [i]);
    }
    fx.fill(0);
    fy.fill(0);
    for (let m = 0; m < moving.length; m++) {
      const i = moving[m];
      const c = cell(xs[i], ys[i]);
      for (let k = 0; k < 9; k++) {
        const list = grid.get(c + near[k]);
        if (!list) continue;
        for (let l = 0; l < list.length; l++) {
          const j = list[l];
          if (j === i) continue;
          let dx = xs[i] - xs[j];
          let dy = ys[i] - ys[j];
          let d = Math.sqrt(dx * dx + dy * dy);
          if (d > reach) continue;
          if (d < 0.01) { // on top of each other: part them in a fixed direction
            dx = Math.cos(i);
            dy = Math.sin(i);
            d = 1;
          }
          const gap = (size[i] + size[j]) / 2 + 20;
          // Repulsion, and a hard push where two nodes would overlap.
          const push = (2 * length * length) / d + (d < gap ? (4 * length * (gap - d)) / gap : 0);
          fx[i] += (dx / d) * push;
          fy[i] += (dy / d) * push;
        }
      }
    }
    for (let k = 0; k < links.length; k += 2) {
      const a = links[k];
      const b = links[k + 1];
      const dx = xs[b] - xs[a];
      const dy = ys[b] - ys[a];
      const d = Math.sqrt(dx * dx + dy * dy) || 1;
      const pull = d / length; // (d² / length) along the unit vector (dx / d, dy / d)
      fx[a] += dx * pull;
      fy[a] += dy * pull;
      fx[b] -= dx * pull;
      fy[b] -= dy * pull;
    }
    for (let k = 0; k < moving.length; k++) {
      const i = moving[k];
      const m = Math.sqrt(fx[i] * fx[i] + fy[i] * fy[i]);
      if (m < 1e-9) continue;
      const s = Math.min(m, step) / m;
      xs[i] += fx[i] * s;
      ys[i] += fy[i] * s;
    }
  }
  for (const i of moving) {
    nodes[i].x = xs[i];
    nodes[i].y = ys[i];
  }
}

function mean(ns) {
  if (!ns.length) return null;
  return { x: ns.reduce((s, n) => s + n.x, 0) / ns.length, y: ns.reduce((s, n) => s + n.y, 0) / ns.length };
}
