// graph.js: the graph view, drawn by Cytoscape.js (MIT) on a canvas, styled
// by kg's Browser style (browser/kg.grass, served as /api/style). Cytoscape
// draws and handles the pointer (pan, zoom, drag a node, tap, double-tap);
// where new nodes go is place.js's, so that what is drawn stays put.
import cytoscape from 'cytoscape';
import { edgeLook, nodeLook } from './style.js';
import { place } from './place.js';

const FIT_MAX_ZOOM = 1; // a fit zooms in no further
const FIT_PADDING = 40; // pixels around a fit
const SELECTED = '#1b5fad';
// Captions smaller than this on screen (CSS pixels) are not drawn: too
// small to read, and a large view's first frame would spend most of its
// time on them. Zooming in brings them back.
const MIN_FONT = 4;

/** base is the Cytoscape stylesheet's part common to every element; the looks per label and type follow it (sheet). */
const base = [
  {
    selector: 'node',
    style: {
      label: 'data(caption)',
      'font-family': 'system-ui, sans-serif',
      'text-valign': 'center',
      'text-halign': 'center',
      'text-wrap': 'wrap',
      'min-zoomed-font-size': MIN_FONT,
      'overlay-opacity': 0,
    },
  },
  {
    selector: 'edge',
    style: {
      'curve-style': 'bezier', // parallel relationships: separate curves, each its own hit area
      'control-point-step-size': 24,
      'target-arrow-shape': 'triangle',
      'arrow-scale': 0.9,
      label: 'data(caption)',
      'font-family': 'system-ui, sans-serif',
      'text-rotation': 'autorotate',
      'text-outline-color': '#f7f8fa',
      'text-outline-width': 2,
      'min-zoomed-font-size': MIN_FONT,
      'overlay-opacity': 0,
    },
  },
];

const selectedRules = [
  { selector: 'node.selected', style: { 'border-color': SELECTED, 'border-width': 4, 'underlay-color': SELECTED, 'underlay-opacity': 0.25, 'underlay-padding': 6, 'underlay-shape': 'ellipse' } },
  { selector: 'edge.selected', style: { 'underlay-color': SELECTED, 'underlay-opacity': 0.3, 'underlay-padding': 4 } },
];

/**
 * looks returns the Cytoscape stylesheet for kg's style and the class of
 * each label's and type's look: one rule per label and per type (style.js
 * gives the look), so that Cytoscape parses each look once, not once per
 * element as it would data-mapped properties. The caption alone is the
 * element's own.
 */
function looks(style) {
  const labels = new Map([['', 'l-']]); // label → class; '' is the default look
  const types = new Map([['', 't-']]);
  Object.keys(style.labels || {}).forEach((l, i) => labels.set(l, `l${i}`));
  Object.keys(style.types || {}).forEach((t, i) => types.set(t, `t${i}`));
  const rules = [];
  for (const [label, cls] of labels) {
    const look = nodeLook(style, { id: '', labels: label ? [label] : [] });
    rules.push({ selector: `node.${cls}`, style: {
      'background-color': look.color, 'border-color': look.borderColor, 'border-width': look.borderWidth,
      width: look.size, height: look.size, color: look.textColor, 'font-size': look.fontSize, 'text-max-width': look.size * 0.9,
    } });
  }
  for (const [type, cls] of types) {
    const look = edgeLook(style, { type });
    rules.push({ selector: `edge.${cls}`, style: {
      'line-color': look.color, 'target-arrow-color': look.color, width: look.width, color: look.textColor, 'font-size': look.fontSize,
    } });
  }
  return {
    sheet: [...base, ...rules, ...selectedRules],
    nodeClass: (n) => labels.get((n.labels || []).find((l) => labels.has(l) && l) ?? ''),
    edgeClass: (e) => types.get(types.has(e.type) ? e.type : ''),
  };
}

/**
 * GraphView shows nodes and relationships in a container element.
 * on: {node(id, event), nodeDouble(id), edge(id), background(), error(err)}.
 */
export class GraphView {
  constructor(container, style, on) {
    this.style = style;
    this.looks = looks(style);
    this.on = on;
    this.container = container;
    this.cy = cytoscape({
      container,
      style: this.looks.sheet,
      minZoom: 0.05,
      maxZoom: 6,
      boxSelectionEnabled: false,
      autounselectify: true, // the page's state holds the selection (the URL), not Cytoscape
    });
    this.cy.on('tap', (ev) => {
      const t = ev.target;
      if (t === this.cy) this.on.background();
      else if (t.isNode()) this.on.node(t.id(), ev.originalEvent);
      else this.on.edge(t.id());
    });
    this.cy.on('dbltap', 'node', (ev) => this.on.nodeDouble(ev.target.id()));
    // The view follows the container's size (a phone's panel opens below
    // the graph); it refits on a resize until the user moves the view.
    this.fitted = false;
    this.cy.on('dragpan scrollzoom pinchzoom', () => { this.fitted = false; });
    new ResizeObserver(() => {
      this.cy.resize();
      if (this.fitted) this.fit();
    }).observe(container);
  }

  /**
   * show replaces what is drawn with nodes and edges (kg shapes), keeping
   * the positions of nodes already drawn; selected is a set of node ids,
   * edgeId the selected relationship.
   */
  show(nodes, edges, selected, edgeId) {
    const { cy } = this;
    const nodeIds = new Set(nodes.map((n) => n.id));
    const edgeIds = new Set(edges.map((e) => e.id));
    const newNodes = nodes.filter((n) => cy.getElementById(n.id).empty());
    const newEdges = edges.filter((e) => cy.getElementById(e.id).empty());
    let removed = 0;
    cy.batch(() => {
      cy.elements().forEach((el) => {
        if (!(el.isNode() ? nodeIds : edgeIds).has(el.id())) { el.remove(); removed += el.isNode(); }
      });
      if (newNodes.length) this.#add(newNodes, edges);
      cy.add(newEdges.map((e) => ({ group: 'edges', data: { id: e.id, source: e.start, target: e.end, caption: edgeLook(this.style, e).caption }, classes: this.looks.edgeClass(e) })));
      cy.elements('.selected').removeClass('selected');
      for (const id of selected) cy.getElementById(id).addClass('selected');
      if (edgeId) cy.getElementById(edgeId).addClass('selected');
    });
    // The graph changed: show all of it. A change of selection alone leaves the view be.
    if (newNodes.length || removed) {
      this.fit();
      this.fitted = true;
    }
  }

  /** add draws new nodes where place.js puts them, beside what is drawn already. */
  #add(newNodes, edges) {
    const t0 = performance.now();
    const looks = new Map(newNodes.map((n) => [n.id, nodeLook(this.style, n)]));
    const layoutNodes = [
      ...this.cy.nodes().map((n) => ({ id: n.id(), size: n.width(), ...n.position() })),
      ...newNodes.map((n) => ({ id: n.id, size: looks.get(n.id).size })),
    ];
    const at = place(layoutNodes, edges.map((e) => ({ source: e.start, target: e.end })));
    this.cy.add(newNodes.map((n) => {
      const look = looks.get(n.id);
      return { group: 'nodes', data: { id: n.id, caption: look.caption }, classes: this.looks.nodeClass(n), position: at.get(n.id) };
    }));
    this.layoutMs = performance.now() - t0;
  }

  /** fit zooms and pans to show nodes ids (default: all), zooming in no further than maxZoom. */
  fit(ids, maxZoom = FIT_MAX_ZOOM) {
    const { cy } = this;
    const eles = ids ? cy.collection(ids.map((id) => cy.getElementById(id))) : cy.nodes();
    if (eles.empty()) return;
    // The nodes' bodies, not their captions: measuring every caption first
    // would cost a large view's first frame tens of milliseconds.
    const bb = eles.boundingBox({ includeLabels: false, includeOverlays: false });
    const w = Math.max(cy.width() - 2 * FIT_PADDING, 1);
    const h = Math.max(cy.height() - 2 * FIT_PADDING, 1);
    const zoom = Math.max(cy.minZoom(), Math.min(maxZoom, cy.maxZoom(), w / Math.max(bb.w, 1), h / Math.max(bb.h, 1)));
    cy.viewport({ zoom, pan: { x: cy.width() / 2 - zoom * (bb.x1 + bb.w / 2), y: cy.height() / 2 - zoom * (bb.y1 + bb.h / 2) } });
  }

  zoom(factor) {
    const { cy } = this;
    this.fitted = false;
    cy.zoom({ level: cy.zoom() * factor, renderedPosition: { x: cy.width() / 2, y: cy.height() / 2 } });
  }

  /** zoomLevel returns the graph's zoom (1: a node's diameter in CSS pixels is its style's). */
  zoomLevel() {
    return this.cy.zoom();
  }

  /** moving reports whether the view is still being animated (layouts here are not). */
  moving() {
    return this.cy.animated();
  }

  /** screenPosition returns where node id is drawn, in client coordinates; or null. */
  screenPosition(id) {
    const n = this.cy.getElementById(id);
    if (n.empty()) return null;
    const p = n.renderedPosition();
    const r = this.container.getBoundingClientRect();
    return { x: r.left + p.x, y: r.top + p.y };
  }

  /** rendered resolves after the next two frames: what show drew is on screen. */
  rendered() {
    return new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)));
  }

  /**
   * hitAt returns what is drawn at client point (x, y): {node: id},
   * {edge: id} or {}, the one a tap there picks (Cytoscape's own hit test);
   * edges lists every relationship there.
   */
  hitAt(x, y) {
    const { cy } = this;
    const r = this.container.getBoundingClientRect();
    const pan = cy.pan();
    const z = cy.zoom();
    const pos = { x: (x - r.left - pan.x) / z, y: (y - r.top - pan.y) / z };
    const top = cy.renderer().findNearestElement(pos.x, pos.y, true, false);
    const picked = !top ? {} : top.isNode() ? { node: top.id() } : { edge: top.id() };
    return { ...picked, edges: cy.edges().hit(pos).map((e) => e.id()) };
  }
}
