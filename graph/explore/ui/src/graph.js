// graph.js: the graph view, drawn by Neo4j's visualization library (NVL)
// with its canvas renderer, styled by kg's Browser style (browser/kg.grass,
// served as /api/style). NVL draws; the pointer handling (pan, zoom, drag,
// click, double-click) is ours, through NVL's hit test.
import { NVL } from '@neo4j-nvl/base';

const CLICK_SLOP = 4; // pixels a pointer may move and still click

/** styleOf returns the style entry of the first label that has one. */
function styleOf(style, labels) {
  for (const l of labels || []) if (style.labels?.[l]) return style.labels[l];
  return style.labels?.['*'] || {};
}

/** caption renders a grass caption ("{name}", "name", "<type>") for an element. */
export function caption(spec, el) {
  const s = (spec || '{name}').trim();
  if (s === '<type>') return el.type || '';
  if (s === '<id>') return el.id;
  const key = s.replace(/^\{|\}$/g, '');
  const v = el[key] ?? el.properties?.[key] ?? el.name ?? el.properties?.name ?? el.id;
  return Array.isArray(v) ? v.join(', ') : String(v);
}

const short = (s, n = 28) => (s.length > n ? `${s.slice(0, n - 1)}…` : s);
const px = (v, dflt) => (Number.isFinite(parseFloat(v)) ? parseFloat(v) : dflt);

/** nodeLook maps a kg node to NVL's node fields. */
export function nodeLook(style, n) {
  const st = styleOf(style, n.labels);
  return {
    color: st.color || '#A5ABB6',
    size: px(st.diameter, 50), // NVL's size is the drawn diameter at zoom 1
    caption: short(caption(st.caption, n)),
  };
}

/** edgeLook maps a kg relationship to NVL's relationship fields. */
export function edgeLook(style, e) {
  const st = style.types?.[e.type] || style.types?.['*'] || {};
  return {
    color: st.color || '#A5ABB6',
    width: px(st.shaftWidth ?? st['shaft-width'], 1),
    caption: caption(st.caption || '<type>', e),
  };
}

/**
 * GraphView shows nodes and relationships in a container element.
 * on: {node(id, event), nodeDouble(id), edge(id), background()}.
 */
export class GraphView {
  constructor(container, style, on) {
    this.style = style;
    this.on = on;
    this.container = container;
    this.shown = { nodes: new Set(), edges: new Set() };
    this.nvl = new NVL(container, [], [], {
      renderer: 'canvas', // captions and arrowheads; no GPU needed
      layout: 'd3Force', // plain JS: no WebGL, no worker script to fetch
      disableTelemetry: true, // nothing leaves the machine
      disableWebWorkers: true,
      initialZoom: 1,
      minZoom: 0.05,
      maxZoom: 6,
      styling: { selectedBorderColor: '#1b5fad', dropShadowColor: '#1b5fad55' },
    }, {
      onError: (err) => on.error?.(err),
    });
    this.#pointer();
  }

  /**
   * show replaces what is drawn with nodes and edges (kg shapes), keeping
   * the positions of nodes already drawn; selected is a set of node ids,
   * edgeId the selected relationship.
   */
  show(nodes, edges, selected, edgeId) {
    const nodeIds = new Set(nodes.map((n) => n.id));
    const edgeIds = new Set(edges.map((e) => e.id));
    const goneEdges = [...this.shown.edges].filter((id) => !edgeIds.has(id));
    const goneNodes = [...this.shown.nodes].filter((id) => !nodeIds.has(id));
    if (goneEdges.length) this.nvl.removeRelationshipsWithIds(goneEdges);
    if (goneNodes.length) this.nvl.removeNodesWithIds(goneNodes);
    const added = nodes.filter((n) => !this.shown.nodes.has(n.id)).length;
    this.nvl.addAndUpdateElementsInGraph(
      nodes.map((n) => ({ id: n.id, ...nodeLook(this.style, n), selected: selected.has(n.id) })),
      edges.map((e) => ({ id: e.id, from: e.start, to: e.end, type: e.type, ...edgeLook(this.style, e), selected: e.id === edgeId })),
    );
    this.shown = { nodes: nodeIds, edges: edgeIds };
    if (added) setTimeout(() => this.fit(), 350);
  }

  fit() {
    if (this.shown.nodes.size) this.nvl.fit([...this.shown.nodes], { animated: false });
  }

  zoom(factor) {
    this.nvl.setZoom(this.nvl.getScale() * factor);
  }

  /** screenPosition returns where node id is drawn, in client coordinates; or null. */
  screenPosition(id) {
    const p = this.nvl.getPositionById(id);
    if (!p || !Number.isFinite(p.x)) return null;
    const r = this.container.getBoundingClientRect();
    const pan = this.nvl.getPan();
    const z = this.nvl.getScale() / (window.devicePixelRatio || 1);
    return { x: r.left + r.width / 2 + (p.x - pan.x) * z, y: r.top + r.height / 2 + (p.y - pan.y) * z };
  }

  /** rendered resolves after the next two frames: what show drew is on screen. */
  rendered() {
    return new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)));
  }

  /** hitAt returns what is drawn at client point (x, y): {node: id}, {edge: id} or {}. */
  hitAt(x, y) {
    return this.#hit(new MouseEvent('click', { clientX: x, clientY: y }));
  }

  #hit(ev) {
    const { nvlTargets } = this.nvl.getHits(ev, ['node', 'relationship'], { hitNodeMarginWidth: 4 });
    if (nvlTargets.nodes.length) return { node: nvlTargets.nodes[0].data.id };
    if (nvlTargets.relationships.length) return { edge: nvlTargets.relationships[0].data.id };
    return {};
  }

  // Pointer: drag a node to move it, drag the background to pan, wheel to
  // zoom; a press that does not move is a click.
  #pointer() {
    const el = this.container;
    let press = null;
    el.addEventListener('pointerdown', (ev) => {
      if (ev.button !== 0) return;
      const hit = this.#hit(ev);
      const pos = hit.node ? this.nvl.getPositionById(hit.node) : null;
      press = { x: ev.clientX, y: ev.clientY, hit, moved: false, pan: this.nvl.getPan(), pos };
      el.setPointerCapture(ev.pointerId);
    });
    el.addEventListener('pointermove', (ev) => {
      if (!press) return;
      const dx = ev.clientX - press.x;
      const dy = ev.clientY - press.y;
      if (!press.moved && Math.hypot(dx, dy) < CLICK_SLOP) return;
      press.moved = true;
      const z = this.nvl.getScale() / (window.devicePixelRatio || 1); // screen px per graph unit
      if (press.pos) {
        this.nvl.setNodePositions([{ id: press.hit.node, x: press.pos.x + dx / z, y: press.pos.y + dy / z }], true);
        this.nvl.pinNode(press.hit.node);
      } else {
        this.nvl.setPan(press.pan.x - dx / z, press.pan.y - dy / z);
      }
    });
    const end = (ev) => {
      if (!press) return;
      const p = press;
      press = null;
      if (ev.type === 'pointercancel' || p.moved) return;
      if (p.hit.node) this.on.node(p.hit.node, ev);
      else if (p.hit.edge) this.on.edge(p.hit.edge);
      else this.on.background();
    };
    el.addEventListener('pointerup', end);
    el.addEventListener('pointercancel', end);
    el.addEventListener('dblclick', (ev) => {
      const hit = this.#hit(ev);
      if (hit.node) this.on.nodeDouble(hit.node);
    });
    el.addEventListener('wheel', (ev) => {
      ev.preventDefault();
      this.zoom(Math.exp(-ev.deltaY / 500));
    }, { passive: false });
  }
}
