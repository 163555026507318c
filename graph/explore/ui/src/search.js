// search.js: the search box with suggestions (GET /api/search), a combobox
// in the WAI-ARIA pattern: type to get suggestions, arrows to move, Enter
// to pick (the first suggestion when none is active), Escape to close.
import { h, fill } from './dom.js';

/** searchBox wires input and its listbox; search(q) → API answer, pick(node). */
export function searchBox(input, listbox, { search, pick }) {
  let results = [];
  let active = -1;
  let seq = 0;
  let timer = 0;

  const close = () => {
    listbox.hidden = true;
    input.setAttribute('aria-expanded', 'false');
    input.removeAttribute('aria-activedescendant');
    active = -1;
  };
  const choose = (i) => {
    const r = results[i];
    if (!r) return;
    close();
    input.value = r.node.name || r.node.id;
    pick(r.node);
  };
  const mark = () => {
    [...listbox.children].forEach((li, i) => li.setAttribute('aria-selected', String(i === active)));
    if (active >= 0) input.setAttribute('aria-activedescendant', `sugg-${active}`);
    else input.removeAttribute('aria-activedescendant');
  };
  const show = (ans) => {
    results = ans.results || [];
    active = -1;
    if (!results.length) {
      fill(listbox, h('li', { class: 'muted', role: 'option', 'aria-disabled': 'true' }, `No entity matches "${ans.query ?? input.value}"`));
    } else {
      fill(listbox, results.map((r, i) => h('li', {
        id: `sugg-${i}`, role: 'option', 'aria-selected': 'false',
        onmousedown: (ev) => { ev.preventDefault(); choose(i); },
      },
      h('span', { class: 'name' }, r.node.name || r.node.id),
      h('span', { class: 'muted' }, ` ${(r.node.labels || []).join(', ')}${r.degree !== undefined ? ` · ${r.degree} links` : ''}${r.match && r.match !== 'name' ? ` · ${r.match}` : ''}`))));
    }
    listbox.hidden = false;
    input.setAttribute('aria-expanded', 'true');
  };
  const run = async () => {
    const q = input.value.trim();
    const mine = ++seq;
    if (!q) { close(); return; }
    try {
      const ans = await search(q);
      if (mine === seq) show(ans);
    } catch (e) {
      if (mine !== seq) return;
      show({ results: [], query: q });
      fill(listbox, h('li', { class: 'error', role: 'option', 'aria-disabled': 'true' }, e.message));
    }
  };

  input.addEventListener('input', () => {
    clearTimeout(timer);
    timer = setTimeout(run, 120);
  });
  input.addEventListener('keydown', async (ev) => {
    if (ev.key === 'ArrowDown' || ev.key === 'ArrowUp') {
      ev.preventDefault();
      if (listbox.hidden) { await run(); }
      if (!results.length) return;
      active = (active + (ev.key === 'ArrowDown' ? 1 : -1) + results.length) % results.length;
      mark();
    } else if (ev.key === 'Enter') {
      ev.preventDefault();
      clearTimeout(timer);
      if (active < 0) await run(); // the answer for what is typed now
      choose(Math.max(active, 0));
    } else if (ev.key === 'Escape' && !listbox.hidden) {
      ev.preventDefault();
      close();
    }
  });
  input.addEventListener('blur', () => setTimeout(close, 100));
  input.form?.addEventListener('submit', (ev) => ev.preventDefault());
}
