// Search for every page: the header box shows the best hits as you type;
// the search page shows all hits with filters, keeps the query in the URL,
// and announces result counts. Nothing loads until a search box is focused
// (or the search page opens with a query).
const meta = (name) => document.querySelector(`meta[name="bangchim-${name}"]`)?.content;
const base = meta('base') || '/';
// The searcher's files are named after their content; the page says which.
const searcher = { glue: meta('search-glue'), module: meta('search-module') };
const KIND_LABELS = { article: '조항', trustee: '수탁자', contact: '연락처', remedy: '구제 기관' };

let worker = null;
let nextId = 1;
const pending = new Map();

function startWorker() {
  if (worker) return;
  worker = new Worker(`${base}static/search-worker.js`, { type: 'module' });
  worker.onmessage = (e) => {
    const msg = e.data;
    if (msg.type === 'ready') return;
    const p = pending.get(msg.id);
    if (!p) {
      if (msg.type === 'error') pending.forEach((q) => q.reject(new Error(msg.message)));
      return;
    }
    pending.delete(msg.id);
    if (msg.type === 'results') p.resolve(msg.results); else p.reject(new Error(msg.message));
  };
  worker.onerror = (e) => pending.forEach((p) => p.reject(new Error(e.message || '검색기를 불러오지 못했습니다')));
  worker.postMessage({ type: 'init', base, searcher });
}

function search(request) {
  startWorker();
  const id = nextId++;
  return new Promise((resolve, reject) => {
    pending.set(id, { resolve, reject });
    worker.postMessage({ type: 'search', id, request });
  });
}

function el(tag, attrs = {}, ...children) {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (k === 'class') node.className = v; else node.setAttribute(k, v);
  }
  for (const c of children) node.append(c);
  return node;
}

/** A result item. The excerpt is the searcher's escaped text with <mark>s. */
function hitItem(hit) {
  const excerpt = el('p', { class: 'hit-excerpt' });
  excerpt.innerHTML = hit.excerpt;
  return el('li', { class: 'hit' },
    el('p', { class: 'hit-meta' }, el('span', { class: `badge kind-${hit.kind}` }, hit.kind_label), ` ${hit.agency} · ${hit.policy}`),
    el('a', { class: 'hit-title', href: `${base}${hit.url}` }, hit.title),
    excerpt);
}

/** Arrow keys move between result links; Escape returns to the box. */
function keyboardNav(input, list) {
  const links = () => [...list.querySelectorAll('a.hit-title')];
  input.addEventListener('keydown', (e) => {
    if (e.key === 'ArrowDown' && links().length) { e.preventDefault(); links()[0].focus(); }
  });
  list.addEventListener('keydown', (e) => {
    const all = links();
    const i = all.indexOf(document.activeElement);
    if (e.key === 'ArrowDown' && i >= 0 && i < all.length - 1) { e.preventDefault(); all[i + 1].focus(); }
    if (e.key === 'ArrowUp') { e.preventDefault(); if (i > 0) all[i - 1].focus(); else input.focus(); }
    if (e.key === 'Escape') input.focus();
  });
}

function debounce(fn, ms) {
  let t;
  return (...args) => { clearTimeout(t); t = setTimeout(() => fn(...args), ms); };
}

// ---- the search page
function searchPage() {
  const input = document.getElementById('search-q');
  const status = document.getElementById('search-status');
  const results = document.getElementById('search-results');
  if (!input || !status || !results) return false;
  const params = new URLSearchParams(location.search);
  let kind = params.get('kind') || '';
  let agency = params.get('agency') || '';
  input.value = params.get('q') || '';
  const filters = el('div', { class: 'search-filters' });
  const list = el('ol', { class: 'hits', 'aria-label': '검색 결과' });
  results.append(filters, list);
  keyboardNav(input, list);

  function renderFilters(r) {
    filters.replaceChildren();
    const total = r.kinds.reduce((n, [, c]) => n + c, 0);
    const group = el('div', { class: 'kind-filter', role: 'group', 'aria-label': '종류' });
    const button = (value, label, count) => {
      const b = el('button', { type: 'button', class: 'chip', 'aria-pressed': String(kind === value) }, `${label} ${count}`);
      b.addEventListener('click', () => { kind = value; run(false); });
      return b;
    };
    group.append(button('', '전체', total));
    for (const [k, c] of r.kinds) group.append(button(k, KIND_LABELS[k] || k, c));
    const select = el('select', { id: 'agency-filter' });
    select.append(el('option', { value: '' }, '모든 기관'));
    for (const [a, c] of r.agencies) {
      const o = el('option', { value: a }, `${a} (${c})`);
      if (a === agency) o.selected = true;
      select.append(o);
    }
    select.addEventListener('change', () => { agency = select.value; run(false); });
    filters.append(group, el('label', { for: 'agency-filter', class: 'agency-label' }, '기관'), select);
  }

  async function run(typing) {
    const q = input.value.trim();
    const url = new URL(location.href);
    for (const [k, v] of [['q', q], ['kind', kind], ['agency', agency]]) {
      if (v) url.searchParams.set(k, v); else url.searchParams.delete(k);
    }
    history.replaceState(null, '', url);
    if (!q) { list.replaceChildren(); filters.replaceChildren(); status.textContent = ''; return; }
    status.textContent = '검색 중…';
    try {
      const r = await search({ query: q, kind: kind || null, agency: agency || null, limit: 20, typing });
      if (input.value.trim() !== q) return;
      renderFilters(r);
      list.replaceChildren(...r.hits.map(hitItem));
      status.textContent = r.total
        ? `검색 결과 ${r.total}건${r.total > r.hits.length ? ` 중 ${r.hits.length}건 표시` : ''}`
        : '검색 결과가 없습니다. 맞춤법을 확인하거나 더 짧고 넓은 낱말로 검색해 보세요.';
    } catch (e) {
      status.textContent = `검색기를 불러오지 못했습니다: ${e.message}`;
    }
  }
  input.addEventListener('input', debounce(() => run(true), 120));
  input.form?.addEventListener('submit', (e) => { e.preventDefault(); run(false); });
  input.addEventListener('focus', startWorker, { once: true });
  if (input.value) run(false);
  return true;
}

// ---- the header box on every other page: a short list under the box
function headerBoxes() {
  for (const input of document.querySelectorAll('[data-search-input]')) {
    if (input.id === 'search-q') continue;
    const panel = el('div', { class: 'search-panel', hidden: '' });
    const status = el('p', { class: 'visually-hidden', role: 'status', 'aria-live': 'polite' });
    const list = el('ol', { class: 'hits', 'aria-label': '검색 결과 미리 보기' });
    const more = el('a', { class: 'more' }, '모든 결과 보기');
    panel.append(list, more);
    input.form.after(panel);
    input.form.append(status);
    keyboardNav(input, list);
    input.addEventListener('focus', startWorker, { once: true });
    input.addEventListener('input', debounce(async () => {
      const q = input.value.trim();
      if (!q) { panel.hidden = true; status.textContent = ''; return; }
      try {
        const r = await search({ query: q, limit: 5, typing: true });
        if (input.value.trim() !== q) return;
        list.replaceChildren(...r.hits.map(hitItem));
        more.href = `${base}search/?q=${encodeURIComponent(q)}`;
        panel.hidden = false;
        status.textContent = r.total ? `검색 결과 ${r.total}건` : '검색 결과가 없습니다';
      } catch (e) {
        status.textContent = `검색기를 불러오지 못했습니다: ${e.message}`;
      }
    }, 150));
  }
}

searchPage();
headerBoxes();
