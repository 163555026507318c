// build.mjs bundles the explorer page into dist/ with esbuild: the page's
// script, a small one that starts its first API calls, one stylesheet and
// the third-party licence notices (index.html is served from src/ as it is:
// see embed.go). The output has fixed
// names and no timestamps, so the same lockfile gives the same bytes (CI
// rebuilds it and compares with the committed dist/).
import { build } from 'esbuild';
import { copyFile, mkdir, rm } from 'node:fs/promises';

const dist = new URL('./dist/', import.meta.url);
await rm(dist, { recursive: true, force: true });
await mkdir(dist, { recursive: true });

const common = {
  outdir: 'dist',
  bundle: true,
  minify: true,
  target: ['es2020'],
  platform: 'browser',
  legalComments: 'external', // licence notices kept in dist/*.LEGAL.txt
  logLevel: 'warning',
  define: { 'process.env.NODE_ENV': '"production"' },
};
await build({ ...common, entryPoints: { app: 'src/main.js', style: 'src/style.css' }, format: 'esm' });
// boot.js runs first, as a classic script, and starts the view's API calls
// while the browser parses app.js.
await build({ ...common, entryPoints: { boot: 'src/boot.js' }, format: 'iife' });

// The bundled libraries' licences, shipped beside it: Cytoscape.js's MIT
// notice asks to go with every copy, and its source has no legal comment.
await copyFile(new URL('./node_modules/cytoscape/LICENSE', import.meta.url), new URL('cytoscape.LICENSE.txt', dist));
