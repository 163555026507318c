// style.js: kg's Browser style (browser/kg.grass, as /api/style gives it)
// applied to nodes and relationships: colours, sizes, captions.

/** styleOf returns the style of the first label that has one, else the default node style. */
function styleOf(style, labels) {
  for (const l of labels || []) if (style.labels?.[l]) return style.labels[l];
  return style.node || {};
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

/** nodeLook maps a kg node to how it is drawn: fill, border, size (diameter at zoom 1) and caption. */
export function nodeLook(style, n) {
  const st = styleOf(style, n.labels);
  const color = st.color || '#A5ABB6';
  return {
    color,
    borderColor: st.borderColor || color,
    borderWidth: px(st.borderWidth, 2),
    textColor: st.textColor || '#FFFFFF',
    fontSize: px(st.fontSize, 10),
    size: px(st.diameter, 50),
    caption: short(caption(st.caption, n)),
  };
}

/** edgeLook maps a kg relationship to how it is drawn: colour, width and caption. */
export function edgeLook(style, e) {
  const st = style.types?.[e.type] || style.relationship || {};
  return {
    color: st.color || '#A5ABB6',
    width: px(st.shaftWidth ?? st['shaft-width'], 1),
    fontSize: px(st.fontSize, 8),
    textColor: st.textColorExternal || '#000000',
    caption: caption(st.caption || '<type>', e),
  };
}
