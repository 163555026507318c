// Unit tests of the page's pure functions, run by node's own test runner
// (npm test, or graph/explore/ui's Go test TestPageUnits): no browser.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { decode, encode, emptyState } from '../src/state.js';
import { candidates, isNamed } from '../src/resultgraph.js';
import { cellText, csv } from '../src/results.js';
import { caption, edgeLook, nodeLook } from '../src/style.js';
import { names, webUrl } from '../src/evidence.js';
import { place } from '../src/place.js';

test('state round-trips through the hash, odd characters included', () => {
  const cases = [
    emptyState(),
    { ...emptyState(), nodes: ['CHN', 'actor-xi-jinping'], expanded: ['CHN'], selected: ['CHN', 'IRN'], timeline: true },
    { ...emptyState(), nodes: ['a,b', 'c%d', 'Ünï & co'], edge: 'spoke_with-1 2', types: ['SPOKE_WITH', 'PLEDGED'], from: '2025-01-01', to: '2025-12-31' },
    { ...emptyState(), query: 'linking', params: { a: 'Iran + x', b: '' }, result: true },
  ];
  for (const s of cases) assert.deepEqual(decode(encode(s)), s);
  assert.equal(encode(emptyState()), '');
});

test('decode keeps at most two selected nodes and ignores unknown keys', () => {
  const s = decode('#s=A,B,C&zz=1');
  assert.deepEqual(s.selected, ['A', 'B']);
  assert.deepEqual(decode('#zz=1'), emptyState());
});

test('candidates splits chains into names and skips numbers', () => {
  const result = {
    columns: ['kind', 'link', 'n', 'list'],
    rows: [
      ['chain', 'Iran <-SANCTIONED- United States -REPRESENTS-> Donald Trump', 3, ['China', '2025-10']],
      ['call topic', 'Donald Trump -SPOKE_WITH- Xi Jinping', '12.5', []],
    ],
  };
  assert.deepEqual(candidates(result).sort(),
    ['Donald Trump', 'Iran', 'United States', 'Xi Jinping', 'China', 'chain', 'call topic'].sort());
});

test('isNamed matches a name or an alias, case and accents aside', () => {
  const n = { id: 'TUR', name: 'Türkiye', properties: { aliases: ['Turkey', 'Ankara'] } };
  assert.ok(isNamed(n, 'turkiye'));
  assert.ok(isNamed(n, 'ANKARA'));
  assert.ok(!isNamed(n, 'Turk'));
});

test('cellText and csv render every result value', () => {
  const node = { $node: { id: 'CHN', name: 'China' } };
  const path = { $path: { nodes: [{ id: 'a', name: 'A' }, { id: 'b', name: 'B' }], edges: [{ type: 'SPOKE_WITH' }] } };
  assert.equal(cellText(node), 'China');
  assert.equal(cellText({ $edge: { type: 'PLEDGED' } }), 'PLEDGED');
  assert.equal(cellText(path), 'A -[SPOKE_WITH]- B');
  assert.equal(cellText([1, 'x', null]), '1, x, ');
  assert.equal(cellText({ k: 1 }), '{"k":1}');
  assert.equal(csv({ columns: ['a', 'b'], rows: [['x,y', 'say "hi"'], [node, null]] }),
    'a,b\r\n"x,y","say ""hi"""\r\nChina,\r\n');
});

test('styles follow the grass: label entry, else the default', () => {
  const style = {
    node: { color: '#A5ABB6', diameter: '50px', caption: 'name' },
    relationship: { color: '#999999', shaftWidth: '1px', caption: '<type>' },
    labels: { Article: { color: '#C990C0', diameter: '35px', caption: 'title' } },
    types: { SPOKE_WITH: { color: '#57C7E3', shaftWidth: '3px', caption: '<type>' } },
  };
  assert.deepEqual(nodeLook(style, { id: 'x', labels: ['Article'], name: 'x', properties: { title: 'A title' } }),
    { color: '#C990C0', borderColor: '#C990C0', borderWidth: 2, textColor: '#FFFFFF', fontSize: 10, size: 35, caption: 'A title' });
  assert.deepEqual(nodeLook(style, { id: 'y', labels: ['Thing'], name: 'Y' }),
    { color: '#A5ABB6', borderColor: '#A5ABB6', borderWidth: 2, textColor: '#FFFFFF', fontSize: 10, size: 50, caption: 'Y' });
  assert.deepEqual(edgeLook(style, { type: 'SPOKE_WITH' }), { color: '#57C7E3', width: 3, fontSize: 8, textColor: '#000000', caption: 'SPOKE_WITH' });
  assert.deepEqual(edgeLook(style, { type: 'OTHER' }), { color: '#999999', width: 1, fontSize: 8, textColor: '#000000', caption: 'OTHER' });
  // The API's style as /api/style gives it (browser/kg.grass): border, text colour and font size.
  const country = { color: '#4C8EDA', borderColor: '#2870C2', borderWidth: '3px', textColor: '#604A0E', caption: 'name', diameter: '75px', fontSize: '12px' };
  assert.deepEqual(nodeLook({ labels: { Country: country } }, { id: 'CHN', labels: ['Country'], name: 'China' }),
    { color: '#4C8EDA', borderColor: '#2870C2', borderWidth: 3, textColor: '#604A0E', fontSize: 12, size: 75, caption: 'China' });
  assert.deepEqual(edgeLook({ types: { PLEDGED: { color: '#F16667', shaftWidth: '2px', fontSize: '9px', textColorExternal: '#333333', caption: '<type>' } } }, { type: 'PLEDGED' }),
    { color: '#F16667', width: 2, fontSize: 9, textColor: '#333333', caption: 'PLEDGED' });
  assert.equal(caption('{name}', { id: 'z', name: 'A very long name that goes on' }), 'A very long name that goes on');
});

test('only http(s) article addresses become links', () => {
  assert.equal(webUrl('https://example.org/a?b=1'), 'https://example.org/a?b=1');
  assert.equal(webUrl('http://example.org/'), 'http://example.org/');
  for (const bad of ['javascript:alert(1)', 'JAVASCRIPT:alert(1)', 'data:text/html,x', 'seeds/000.txt', '', undefined]) {
    assert.equal(webUrl(bad), '', String(bad));
  }
});

test('a party is highlighted by its name and aliases, longest first', () => {
  assert.deepEqual(names({ name: 'Xi Jinping', properties: { aliases: ['Xi', 'President Xi', 'X'] } }),
    ['President Xi', 'Xi Jinping', 'Xi']);
});

test('place leaves drawn nodes be and puts new ones beside their neighbours, apart', () => {
  // Two hubs drawn far apart; each is expanded into a star of new nodes, plus a new pair linked to nothing drawn.
  const drawn = [{ id: 'A', size: 60, x: 0, y: 0 }, { id: 'B', size: 60, x: 2000, y: 0 }];
  const fresh = [];
  const edges = [];
  for (const hub of ['A', 'B']) {
    for (let i = 0; i < 12; i++) {
      fresh.push({ id: `${hub}${i}`, size: 50 });
      edges.push({ source: hub, target: `${hub}${i}` });
    }
  }
  fresh.push({ id: 'P', size: 50 }, { id: 'Q', size: 50 });
  edges.push({ source: 'P', target: 'Q' }, { source: 'A', target: 'missing' });
  const at = place([...drawn, ...fresh], edges);
  assert.deepEqual([...at.keys()].sort(), fresh.map((n) => n.id).sort(), 'a position for every new node, none for the drawn');
  assert.deepEqual(place([...drawn, ...fresh], edges), at, 'the same graph gets the same layout');
  const pos = new Map([...drawn.map((n) => [n.id, n]), ...at]);
  const dist = (a, b) => Math.hypot(pos.get(a).x - pos.get(b).x, pos.get(a).y - pos.get(b).y);
  for (const hub of ['A', 'B']) {
    for (let i = 0; i < 12; i++) {
      const other = hub === 'A' ? 'B' : 'A';
      assert.ok(dist(hub, `${hub}${i}`) < dist(other, `${hub}${i}`) / 2, `${hub}${i} lies by ${hub}`);
    }
  }
  const ids = [...pos.keys()];
  for (const a of ids) {
    for (const b of ids) if (a < b) assert.ok(dist(a, b) > 50, `${a} and ${b} overlap (${dist(a, b)})`);
  }
  assert.ok(dist('P', 'Q') < 300, 'a new pair stays together');
  assert.equal(place(drawn, edges).size, 0);
});

test('place lays out a graph with nothing drawn yet', () => {
  const nodes = Array.from({ length: 30 }, (_, i) => ({ id: `n${i}`, size: 50 }));
  const edges = nodes.slice(1).map((n, i) => ({ source: `n${Math.floor(i / 3)}`, target: n.id }));
  const at = place(nodes, edges);
  assert.equal(at.size, 30);
  for (const p of at.values()) assert.ok(Number.isFinite(p.x) && Number.isFinite(p.y));
});
