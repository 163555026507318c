// Unit tests of api.js's batch calls and prefetching, with fetch stubbed:
// no browser, no server.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { MAX_EXPAND, api, expandPaths, prefetch, startPaths } from '../src/api.js';
import { decode } from '../src/state.js';

/** stub answers fetch(path) with answer(path) as JSON, recording the paths. */
function stub(answer) {
  const paths = [];
  globalThis.fetch = async (path) => {
    paths.push(path);
    return new Response(JSON.stringify(answer(path)), { status: 200, headers: { 'Content-Type': 'application/json' } });
  };
  return paths;
}

test('expandPaths drops repeats, keeps the filters and cuts at MAX_EXPAND ids a call', () => {
  assert.deepEqual(expandPaths([], {}), []);
  assert.deepEqual(expandPaths(['CHN', 'a,b', 'CHN'], { types: ['SPOKE_WITH', 'PLEDGED'], from: '2025-01', to: '' }),
    ['/api/expand?id=CHN&id=a%2Cb&type=SPOKE_WITH&type=PLEDGED&from=2025-01&limit=100']);
  const ids = Array.from({ length: 2 * MAX_EXPAND + 1 }, (_, i) => `n${i}`);
  const paths = expandPaths(ids, {}, 50);
  assert.equal(paths.length, 3);
  assert.deepEqual(paths.map((p) => new URLSearchParams(p.split('?')[1]).getAll('id').length), [MAX_EXPAND, MAX_EXPAND, 1]);
  assert.ok(paths.every((p) => p.endsWith('&limit=50')));
});

test('startPaths asks for what a shared view draws first', () => {
  const s = decode('#n=IRN&x=CHN,USA&t=SPOKE_WITH');
  assert.deepEqual(startPaths(s), ['/api/style', '/api/stats', '/api/queries', '/api/nodes/IRN',
    '/api/expand?id=CHN&id=USA&type=SPOKE_WITH&limit=100']);
});

test('api.expand merges the answers of its calls, each node and edge once', async () => {
  const ids = Array.from({ length: MAX_EXPAND + 1 }, (_, i) => `n${i}`);
  const paths = stub((path) => {
    const all = new URLSearchParams(path.split('?')[1]).getAll('id');
    const asked = all.filter((id) => id !== 'gone'); // 'gone' is no node's id
    return {
      nodes: [...asked.map((id) => ({ id })), { id: 'hub' }],
      edges: asked.map((id) => ({ id: `e-${id}`, start: id, end: 'hub' })).concat([{ id: 'shared', start: 'hub', end: 'hub' }]),
      expanded: asked.map((id) => ({ id, total: 1, edges: [`e-${id}`] })),
      missing: all.filter((id) => id === 'gone'),
      limit: 100,
      truncated: all.includes('gone'),
    };
  });
  const ans = await api.expand([...ids, 'gone'], {});
  assert.equal(paths.length, 2);
  assert.equal(ans.nodes.length, ids.length + 1); // and the hub, once
  assert.equal(ans.nodes.filter((n) => n.id === 'hub').length, 1);
  assert.equal(ans.edges.filter((e) => e.id === 'shared').length, 1);
  assert.equal(ans.expanded.length, ids.length);
  assert.deepEqual(ans.missing, ['gone']);
  assert.equal(ans.truncated, true);
});

test('a prefetched answer serves the first call of its path, then the network does', async () => {
  let n = 0;
  const paths = stub(() => ({ answer: ++n }));
  prefetch(['/api/style']);
  assert.deepEqual(paths, ['/api/style']);
  assert.deepEqual(await api.style(), { answer: 1 });
  assert.deepEqual(await api.style(), { answer: 2 });
  assert.equal(paths.length, 2);
});
