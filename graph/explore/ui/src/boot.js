// boot.js: a small script that runs before the page's bundle (index.html
// loads it first, as a classic script) and asks the API for what the
// URL's view needs first: the style, the filters' counts, the saved
// queries, the nodes in view and the neighbours of the expanded ones in
// one expand call. Their answers arrive while the browser still parses
// and runs the bundle, whose api.js takes them (api.js prefetch).
import { prefetch, startPaths } from './api.js';
import { decode } from './state.js';

prefetch(startPaths(decode(location.hash)));
