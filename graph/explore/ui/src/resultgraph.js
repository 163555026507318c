// resultgraph.js: a saved query's result drawn as a graph. The API's
// Result.graph holds the nodes and relationships the rows return. kg's saved
// queries return names and text chains instead ("Iran <-SANCTIONED- United
// States"), written for tables; for them the names in the rows are resolved
// to entities (an exact name or alias, through the search endpoint) and
// drawn with the relationships among them (through the expand endpoint,
// one call for all of them).

// ARROW separates the names of a chain: -TYPE->, <-TYPE- or -TYPE-.
const ARROW = /\s+(?:<-[A-Z_]+-|-[A-Z_]+->?)\s+/;
const MAX_NAMES = 80;

const fold = (s) => s.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase().trim();

/** candidates returns the distinct short strings of a result's cells, chains split into names. */
export function candidates(result) {
  const out = new Set();
  const visit = (v) => {
    if (Array.isArray(v)) { v.forEach(visit); return; }
    if (typeof v !== 'string') return;
    for (const piece of v.split(ARROW)) {
      const s = piece.trim();
      if (s.length >= 2 && s.length <= 80 && !/^[\d\s.,:%/-]+$/.test(s)) out.add(s);
    }
  };
  for (const row of result.rows || []) row.forEach(visit);
  return [...out].slice(0, MAX_NAMES);
}

/** isNamed reports whether node's name or one of its aliases is s (case and accents aside). */
export function isNamed(node, s) {
  const want = fold(s);
  return [node.name, node.properties?.name, ...(node.properties?.aliases || [])]
    .some((n) => typeof n === 'string' && fold(n) === want);
}

/**
 * resultGraph returns {nodes, edges} for result: its own graph when it has
 * one, else the entities its rows name and the relationships among them.
 * api gives search(q) and expand(ids) (the merged neighbours of ids).
 */
export async function resultGraph(result, api) {
  if (result.graph?.nodes?.length) return result.graph;
  const found = new Map();
  await Promise.all(candidates(result).map(async (s) => {
    const ans = await api.search(s).catch(() => null);
    const hit = ans?.results?.find((r) => isNamed(r.node, s));
    if (hit) found.set(hit.node.id, hit.node);
  }));
  const edges = found.size ? (await api.expand([...found.keys()]).catch(() => null))?.edges || [] : [];
  return { nodes: [...found.values()], edges: edges.filter((e) => found.has(e.start) && found.has(e.end)) };
}
