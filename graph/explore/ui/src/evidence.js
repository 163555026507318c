// evidence.js: the evidence panel of one relationship: every source article
// with its outlet and date, the sentences that state the fact with the two
// parties' names highlighted, who claimed it, and the extraction rule.
import { h } from './dom.js';

const escapeRe = (s) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** names returns a node's name and aliases, longest first. */
export function names(node) {
  const all = [node?.name, node?.properties?.name, ...(node?.properties?.aliases || [])]
    .filter((s) => typeof s === 'string' && s.trim().length > 1);
  return [...new Set(all)].sort((a, b) => b.length - a.length);
}

/**
 * highlight returns sentence as nodes, with every occurrence of a party's
 * name or alias (whole words, case-insensitive) in a <mark>.
 */
export function highlight(sentence, parties) {
  const terms = [...new Set(parties.flat())].sort((a, b) => b.length - a.length);
  if (!terms.length) return [sentence];
  const re = new RegExp(`(?<![\\p{L}\\p{N}])(${terms.map(escapeRe).join('|')})(?![\\p{L}\\p{N}])`, 'giu');
  const out = [];
  let last = 0;
  for (const m of sentence.matchAll(re)) {
    if (m.index > last) out.push(sentence.slice(last, m.index));
    out.push(h('mark', {}, m[0]));
    last = m.index + m[0].length;
  }
  if (last < sentence.length) out.push(sentence.slice(last));
  return out;
}

const list = (v) => (Array.isArray(v) ? v : v ? [v] : []);

/** webUrl returns u when it is an http(s) address, else '' (no javascript: links from data). */
export function webUrl(u) {
  try {
    return ['http:', 'https:'].includes(new URL(u).protocol) ? u : '';
  } catch {
    return '';
  }
}

/** evidenceView renders GET /api/edges/{id}'s answer. */
export function evidenceView(ans, { onNode }) {
  const { edge, startNode: a, endNode: b } = ans;
  const parties = [names(a), names(b)];
  const p = edge.properties || {};
  const party = (n) => h('button', { type: 'button', class: 'link', onclick: () => onNode(n.id) }, n.name || n.id);
  const facts = [
    ['Date', p.date],
    ['Medium', p.medium],
    ['Measure', p.measure],
    ['Rate', p.rate],
  ].filter(([, v]) => v);
  const cites = ans.citations || [];
  return [
    h('p', { class: 'edge-line' }, party(a), h('span', { class: 'chip', 'data-type': edge.type }, ` ${edge.type} `), party(b)),
    facts.length ? h('dl', { class: 'facts' }, facts.map(([k, v]) => [h('dt', {}, k), h('dd', {}, String(v))])) : null,
    h('h3', {}, `${cites.length} source${cites.length === 1 ? '' : 's'}`),
    h('ol', { class: 'citations' }, cites.map((c) => {
      const art = c.article || {};
      return h('li', { class: 'citation' },
        h('p', { class: 'source' },
          art.outlet ? h('strong', { class: 'outlet' }, art.outlet) : h('span', { class: 'outlet muted' }, 'outlet not stated'),
          art.publishedAt ? h('time', { datetime: art.publishedAt }, ` · ${art.publishedAt}`) : null),
        h('p', { class: 'title' }, webUrl(art.url)
          ? h('a', { href: webUrl(art.url), rel: 'noreferrer noopener', target: '_blank' }, art.title || art.url)
          : art.title || (art.path || art.id || '').split('/').pop()),
        list(c.sentences).map((s) => h('blockquote', { class: 'sentence' }, highlight(s, parties))),
        list(c.claimedBy).length ? h('p', { class: 'meta' }, 'Claimed by: ', list(c.claimedBy).join(', ')) : null,
        list(c.rules).length ? h('p', { class: 'meta' }, 'Rule: ', h('code', {}, list(c.rules).join(', '))) : null);
    })),
  ];
}
