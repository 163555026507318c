// e2e.mjs drives kg's explorer page in headless Chromium (playwright-core,
// the system's Chromium; no browser is downloaded) against a running kg
// explorer whose store holds the seeds. Started by graph/explore/ui's Go
// test (TestExplorerInChromium), or by hand:
//
//   KG_URL=http://127.0.0.1:7480 KG_SCREENSHOTS=/tmp/shots node e2e.mjs
//
// Environment: KG_URL (required), KG_SCREENSHOTS (folder, default a temp
// dir), KG_CHROMIUM (default /usr/bin/chromium), KG_E2E_PERF (a hash such
// as "#x=CHN" whose view's time to first render is measured and printed;
// default: none). It prints one "ok …" line per step and a final "perf"
// JSON line; it exits non-zero with a message on the first failure.
// With --perf-only it measures KG_E2E_PERF alone (five runs, the median),
// on any store: node e2e.mjs --perf-only.
import { chromium } from 'playwright-core';
import { mkdirSync, mkdtempSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const base = (process.env.KG_URL || '').replace(/\/$/, '');
if (!base) {
  console.error('e2e: set KG_URL to the explorer, e.g. http://127.0.0.1:7480');
  process.exit(2);
}
const shots = process.env.KG_SCREENSHOTS || mkdtempSync(join(tmpdir(), 'kg-e2e-'));
mkdirSync(shots, { recursive: true });
const origin = new URL(base).origin;
const perfOnly = process.argv.includes('--perf-only');

const browser = await chromium.launch({
  executablePath: process.env.KG_CHROMIUM || '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
    '--disable-component-update', '--disable-sync'],
});

const offsite = []; // requests that left the server: there must be none
const pageErrors = [];

async function newPage(viewport) {
  const ctx = await browser.newContext({ viewport, deviceScaleFactor: 1 });
  const page = await ctx.newPage();
  page.on('request', (r) => {
    const u = r.url();
    if (!u.startsWith('data:') && !u.startsWith('blob:') && new URL(u).origin !== origin) offsite.push(u);
  });
  page.on('pageerror', (e) => pageErrors.push(e.message));
  return page;
}

function check(cond, msg) {
  if (!cond) throw new Error(msg);
}

let step = 0;
async function shot(page, name) {
  step++;
  const file = join(shots, `${String(step).padStart(2, '0')}-${name}.png`);
  await page.screenshot({ path: file });
  console.log(`ok ${step} ${name} (${file})`);
}

const drawn = (page) => page.evaluate(() => window.kgExplorer.drawn());

/** settle waits until the page has drawn the current state and the layout has calmed. */
async function settle(page, minNodes = 1) {
  await page.waitForFunction((n) => Number(document.body.dataset.drawn || 0) >= n
    && !/Loading/.test(document.getElementById('status').textContent), minNodes, { timeout: 15000 });
  await page.waitForTimeout(100);
  await still(page);
}

/** still waits until the force layout has stopped moving nodes. */
async function still(page) {
  await page.waitForFunction(() => !window.kgExplorer.moving(), null, { timeout: 15000 });
}

/** nodeAt returns where node id is drawn, checking it lies inside the graph. */
async function nodeAt(page, id) {
  const p = await page.evaluate((nid) => window.kgExplorer.locate(nid), id);
  const box = await page.locator('#graph').boundingBox();
  check(p && p.x > box.x && p.x < box.x + box.width && p.y > box.y && p.y < box.y + box.height,
    `node ${id} is not drawn inside the graph (at ${JSON.stringify(p)})`);
  return p;
}

async function expandByDoubleClick(page, id) {
  const before = (await drawn(page)).nodes.length;
  await page.evaluate(() => document.getElementById('fit').click());
  // On a loaded machine the fit's animation can outlast a fixed pause, and
  // a double-click where the node was misses it: wait for the layout to be
  // still, and try again (a few times) where the node is now.
  for (let attempt = 1; ; attempt++) {
    await page.waitForTimeout(200);
    await still(page);
    const p = await nodeAt(page, id);
    await page.mouse.dblclick(p.x, p.y);
    try {
      await page.waitForFunction((nid) => window.kgExplorer.state().expanded.includes(nid), id, { timeout: 5000 });
      break;
    } catch (e) {
      if (attempt >= 3) throw e;
    }
  }
  await settle(page, before);
}

/** seedFlow walks the seeds' graph as an analyst would, checking each step. */
async function seedFlow(page) {
  // 1. Search "Iran", pick it with Enter: the node appears.
  await page.goto(`${base}/`);
  await page.waitForSelector('#queries button.query');
  await page.fill('#search', 'Iran');
  await page.waitForSelector('#suggestions li[role=option]:not([aria-disabled])');
  const first = await page.textContent('#suggestions li[role=option] .name');
  check(first === 'Iran', `the first suggestion for "Iran" is ${JSON.stringify(first)}`);
  await shot(page, 'search-suggestions');
  await page.press('#search', 'Enter');
  await settle(page, 1);
  const iran = (await drawn(page)).nodes.find((n) => n.name === 'Iran');
  check(iran, 'Iran is not in the view after picking it');
  await shot(page, 'iran');

  // 2. Double-click expands it; walk on until a SPOKE_WITH reported by two
  // outlets or more is in view (the seeds have none at Iran itself).
  const spokeWith = (v) => v.edges.filter((e) => e.type === 'SPOKE_WITH')
    .sort((a, b) => (b.properties.sources?.length || 0) - (a.properties.sources?.length || 0))[0];
  await expandByDoubleClick(page, iran.id);
  let v = await drawn(page);
  check(v.nodes.length > 1, 'expanding Iran added no neighbour');
  await shot(page, 'iran-expanded');
  const expanded = new Set([iran.id]);
  for (let hop = 0; hop < 4 && !(spokeWith(v)?.properties.sources?.length > 1); hop++) {
    // Expand the best-connected neighbour not yet expanded.
    const deg = new Map();
    for (const e of v.edges) for (const id of [e.start, e.end]) deg.set(id, (deg.get(id) || 0) + 1);
    const next = v.nodes.filter((n) => !expanded.has(n.id)).sort((a, b) => (deg.get(b.id) || 0) - (deg.get(a.id) || 0) || a.id.localeCompare(b.id))[0];
    check(next, 'nothing left to expand');
    expanded.add(next.id);
    await expandByDoubleClick(page, next.id);
    v = await drawn(page);
  }
  const edge = spokeWith(v);
  check(edge && edge.properties.sources?.length > 1, 'no SPOKE_WITH with two sources came into view');
  await shot(page, 'expanded');

  // 3. Click the SPOKE_WITH edge (at its middle): the evidence panel lists
  // the sources, two outlets at least, with the parties highlighted.
  await page.evaluate(([s, e]) => window.kgExplorer.fit([s, e]), [edge.start, edge.end]);
  await page.waitForTimeout(300);
  await still(page);
  const a = await nodeAt(page, edge.start);
  const b = await nodeAt(page, edge.end);
  // Parallel edges are drawn as curves: look along the normal of the chord
  // for the stretch where the page's hit test finds this edge alone, and
  // click in its middle.
  const len = Math.hypot(b.x - a.x, b.y - a.y) || 1;
  const nx = -(b.y - a.y) / len;
  const ny = (b.x - a.x) / len;
  let at = null;
  const seen = new Set();
  for (const t of [0.5, 0.4, 0.6, 0.3, 0.7]) {
    const run = [];
    for (let d = -90; d <= 90; d += 1.5) {
      const x = a.x + (b.x - a.x) * t + nx * d;
      const y = a.y + (b.y - a.y) * t + ny * d;
      const hit = await page.evaluate(([px, py]) => window.kgExplorer.hitAt(px, py), [x, y]);
      hit.edges.forEach((id) => seen.add(id));
      const alone = !hit.node && hit.edges.length === 1 && hit.edges[0] === edge.id;
      if (alone) run.push({ x, y });
      if (run.length && (!alone || d + 1.5 > 90)) break;
    }
    if (run.length) { at = run[Math.floor(run.length / 2)]; break; }
  }
  check(at, `could not find where ${edge.id} is drawn alone (found ${[...seen]})`);
  await page.mouse.click(at.x, at.y);
  await page.waitForSelector('#panel:not([hidden]) .citation');
  await page.waitForFunction(() => window.kgExplorer.state().edge !== '');
  const opened = await page.evaluate(() => window.kgExplorer.state().edge);
  const ev = await page.evaluate(() => ({
    title: document.getElementById('panel-title').textContent,
    outlets: [...document.querySelectorAll('#panel .citation .outlet')].map((e) => e.textContent),
    sources: [...document.querySelectorAll('#panel .citation')].map((e) => e.querySelector('.source').textContent + e.querySelector('.title').textContent),
    sentences: [...document.querySelectorAll('#panel .sentence')].map((e) => e.textContent),
    marks: [...document.querySelectorAll('#panel .sentence mark')].map((e) => e.textContent),
  }));
  const openedEdge = v.edges.find((e) => e.id === opened);
  check(openedEdge?.type === 'SPOKE_WITH', `the click opened ${opened}, not a SPOKE_WITH`);
  check(ev.sentences.length >= 1 && ev.sentences.every((s) => s.length > 20), `evidence sentences: ${JSON.stringify(ev.sentences)}`);
  // Every source names its outlet (or says it is not stated: the seeds'
  // plain-text articles state none) and its article; two differ at least.
  check(ev.outlets.length === ev.sources.length && new Set(ev.sources).size >= 2, `sources: ${JSON.stringify(ev.sources)}`);
  check(ev.marks.length >= 2, `highlighted names: ${JSON.stringify(ev.marks)}`);
  console.log(`   evidence of ${opened}: ${ev.sources.length} sources (outlets: ${[...new Set(ev.outlets)].join(', ')}), ${ev.marks.length} names highlighted`);
  await shot(page, 'evidence');
  const shared = page.url();

  // Escape closes the panel.
  await page.keyboard.press('Escape');
  await page.waitForSelector('#panel', { state: 'hidden' });

  // 4. Timeline of the edge's pair.
  await page.evaluate(([s, e]) => { location.hash = `#x=${encodeURIComponent(s)}&s=${encodeURIComponent(s)},${encodeURIComponent(e)}&tl=1`; }, [openedEdge.start, openedEdge.end]);
  await page.waitForSelector('#panel:not([hidden]) .events li');
  const events = await page.locator('#panel .events li').count();
  check(events >= 1, 'the timeline lists no event');
  await settle(page, 2);
  await shot(page, 'timeline');

  // 5. Filters: only SPOKE_WITH, then only from 2026 on; the URL keeps them
  // across a reload.
  await page.goto(`${base}/#x=${encodeURIComponent(openedEdge.start)}`);
  await settle(page, 2);
  for (const box of await page.$$('#types input[type=checkbox]')) {
    if ((await box.getAttribute('value')) !== 'SPOKE_WITH' && await box.isChecked()) await box.uncheck();
  }
  await page.fill('#from', '2026-01-01');
  await page.dispatchEvent('#from', 'change');
  await page.waitForFunction(() => window.kgExplorer.state().from === '2026-01-01');
  await settle(page, 2);
  await page.reload();
  await settle(page, 2);
  const kept = await page.evaluate(() => window.kgExplorer.state());
  check(kept.types.join() === 'SPOKE_WITH' && kept.from === '2026-01-01', `the reloaded filters are ${JSON.stringify([kept.types, kept.from])}`);
  const filtered = (await drawn(page)).edges;
  // Undated relationships pass a date range, as in the API.
  check(filtered.some((e) => e.properties.date) && filtered.every((e) => e.type === 'SPOKE_WITH' && (!e.properties.date || e.properties.date >= '2026-01-01')),
    `filtered view draws ${JSON.stringify(filtered.map((e) => [e.type, e.properties.date]))}`);
  check(await page.isChecked('#types input[value=SPOKE_WITH]') && !(await page.isChecked('#types input[value=PLEDGED]')), 'the type checkboxes do not show the reloaded filter');
  await shot(page, 'filtered');

  // 5b. A shared view with several expanded nodes is restored with one
  // expand call, asked for (with the style, stats and queries) before the
  // bundle runs, and each API call is made once; a stale id in the URL is
  // reported and the rest drawn.
  await page.goto('about:blank'); // a load, not a change of hash
  const calls = [];
  const watch = (r) => { const u = new URL(r.url()); if (u.pathname.startsWith('/api/')) calls.push(u.pathname + u.search); };
  page.on('request', watch);
  await page.goto(`${base}/#x=${encodeURIComponent([...expanded, 'no-such-node'].join(','))}`);
  await settle(page, expanded.size + 1);
  page.off('request', watch);
  const said = await page.textContent('#status');
  check(said.includes('expanding no-such-node: no node with id "no-such-node"'), `the status after restoring a stale id reads ${JSON.stringify(said)}`);
  const restored = (await drawn(page)).nodes.map((n) => n.id);
  check([...expanded].every((id) => restored.includes(id)), `the restored view lacks some of ${[...expanded]}`);
  check(calls.filter((c) => c.startsWith('/api/expand?')).length === 1 && !calls.some((c) => c.includes('/neighbours'))
    && new Set(calls).size === calls.length, `restoring ${expanded.size} expanded nodes called ${JSON.stringify(calls)}`);
  console.log(`   restored ${expanded.size} expanded nodes (${restored.length} drawn) with ${calls.length} API calls: ${calls.map((c) => c.split('?')[0]).join(' ')}`);

  // 6. The saved query "linking" from its form: rows in a table, then as a graph.
  await page.goto(`${base}/`);
  await page.click('#queries button.query:has(small:text-is("linking"))');
  await page.waitForSelector('#panel form.query-form');
  const defaults = await page.$$eval('#panel form.query-form input', (els) => els.map((e) => `${e.name}=${e.value}`));
  check(defaults.includes('a=Iran') && defaults.includes('b=China'), `linking's form defaults: ${defaults}`);
  await page.click('#panel form.query-form button[type=submit]');
  await page.waitForSelector('#panel table tbody tr');
  const rows = await page.locator('#panel table tbody tr').count();
  check(rows >= 1, 'linking returned no row');
  await settle(page, 2);
  const names = (await drawn(page)).nodes.map((n) => n.name);
  check(names.includes('Iran') && names.includes('China'), `linking's graph shows ${JSON.stringify(names)}`);
  console.log(`   linking Iran–China: ${rows} rows, drawn as ${names.length} nodes`);
  const [csvFile] = await Promise.all([page.waitForEvent('download'), page.click('#panel .result button:text-is("CSV")')]);
  const csvText = await readFile(await csvFile.path(), 'utf8');
  const csvLines = csvText.trim().split('\r\n');
  check(csvFile.suggestedFilename() === 'kg-linking.csv' && csvLines[0] === 'kind,hops,link,evidence,sources' && csvLines.length === rows + 1,
    `the CSV download ${csvFile.suggestedFilename()} starts ${JSON.stringify(csvLines[0])} with ${csvLines.length} lines`);
  await shot(page, 'query-linking');

  // 7. A bad parameter shows the API's readable message.
  const intQuery = await page.evaluate(async () => {
    const { queries } = await (await fetch('/api/queries')).json();
    return queries.find((q) => q.params.some((p) => /^int/.test(p.type)));
  });
  check(intQuery, 'no saved query has an int parameter to get wrong');
  const intParam = intQuery.params.find((p) => /^int/.test(p.type)).name;
  await page.click(`#queries button.query:has(small:text-is("${intQuery.name}"))`);
  // Wait for this query's form: the previous one may have a same-named input.
  await page.waitForSelector(`#panel form.query-form[aria-label="${intQuery.title || intQuery.name}"] input[name="${intParam}"]`);
  await page.fill(`#panel input[name="${intParam}"]`, 'lots');
  await page.click('#panel form.query-form button[type=submit]');
  await page.waitForSelector('#panel .query-form .error:not(:empty)');
  const msg = await page.textContent('#panel .query-form .error');
  check(msg.includes(intParam) && !/^\d{3}\b/.test(msg), `the error for ${intParam}=lots reads ${JSON.stringify(msg)}`);
  console.log(`   bad parameter: ${msg}`);
  await shot(page, 'bad-parameter');

  // 8. A phone opens the shared evidence view from its URL.
  const phone = await newPage({ width: 390, height: 844 });
  await phone.goto(shared);
  await phone.waitForSelector('#panel:not([hidden]) .citation');
  await settle(phone, 2);
  const fits = await phone.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth);
  check(fits, 'the phone layout scrolls sideways');
  await shot(phone, 'phone-evidence');
  await phone.keyboard.press('Escape');
  await phone.waitForSelector('#panel', { state: 'hidden' });
  await shot(phone, 'phone-graph');

  // 9. The keyboard alone: the skip link to the search, arrows and Enter
  // in the suggestions, the list of elements in view, Escape.
  const kb = await newPage({ width: 1280, height: 800 });
  await kb.goto(`${base}/`);
  await kb.waitForSelector('#queries button.query');
  await kb.keyboard.press('Tab');
  check(await kb.evaluate(() => document.activeElement.classList.contains('skip')), 'the first Tab does not reach the skip link');
  await kb.keyboard.press('Enter');
  check(await kb.evaluate(() => document.activeElement.id === 'search'), 'the skip link does not lead to the search');
  await kb.keyboard.type('Xi Jin');
  await kb.waitForSelector('#suggestions li[role=option]:not([aria-disabled])');
  await kb.keyboard.press('ArrowDown');
  await kb.keyboard.press('Enter');
  await settle(kb, 1);
  const xi = (await drawn(kb)).nodes[0];
  check(xi?.name === 'Xi Jinping', `the keyboard picked ${xi?.name}`);
  await kb.focus('#expand');
  await kb.keyboard.press('Enter');
  await settle(kb, 2);
  await kb.focus('#elements summary');
  await kb.keyboard.press('Enter');
  await kb.waitForSelector('#elements-body li button');
  const rel = kb.locator('#elements-body ul').nth(1).locator('button').first();
  await rel.focus();
  await kb.keyboard.press('Enter');
  await kb.waitForSelector('#panel:not([hidden]) .citation');
  check(await kb.evaluate(() => document.activeElement.id === 'panel-title'), 'the evidence panel does not take the focus');
  await shot(kb, 'keyboard-evidence');
  // Escape closes the evidence, back to the selected node's panel.
  await kb.keyboard.press('Escape');
  await kb.waitForFunction(() => !document.getElementById('panel-title').textContent.startsWith('Evidence'));
}

const page = await newPage({ width: 1280, height: 800 });
try {
  if (!perfOnly) await seedFlow(page);

  // Time to first render of a given view, from navigation start: the
  // median of the runs, each in a fresh browser context (cold cache).
  let perf = null;
  if (process.env.KG_E2E_PERF) {
    const runs = [];
    for (let i = 0; i < (perfOnly ? 5 : 1); i++) {
      const p = await newPage({ width: 1280, height: 800 });
      await p.goto(`${base}/${process.env.KG_E2E_PERF}`);
      await p.waitForFunction(() => window.kgExplorer?.perf.draws.some((d) => d.nodes > 0), null, { timeout: 60000 });
      runs.push(await p.evaluate(() => window.kgExplorer.perf.draws.find((d) => d.nodes > 0)));
      if (i === 0) await shot(p, 'perf-view');
      await p.context().close();
    }
    const med = (k) => Math.round(runs.map((r) => r[k]).sort((x, y) => x - y)[Math.floor(runs.length / 2)]);
    perf = { nodes: runs[0].nodes, edges: runs[0].edges, runs: runs.length, medianMs: med('at'), waitMs: med('waitMs'), drawMs: med('drawMs') };
  }

  check(offsite.length === 0, `requests left the server: ${offsite.join(', ')}`);
  check(pageErrors.length === 0, `errors in the page: ${pageErrors.join('; ')}`);
  console.log(`perf ${JSON.stringify({ firstRender: perf })}`);
  console.log(`screenshots in ${shots}`);
} catch (err) {
  await page.screenshot({ path: join(shots, 'failure.png') }).catch(() => {});
  console.error(`e2e: step ${step + 1}: ${err.message}`);
  process.exitCode = 1;
} finally {
  await browser.close();
}
