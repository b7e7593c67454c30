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
    if (msg.type === 'error') p.reject(new Error(msg.message));
    else p.resolve(msg.type === 'members' ? msg.members : msg.results);
  };
  worker.onerror = (e) => pending.forEach((p) => p.reject(new Error(e.message || '검색기를 불러오지 못했습니다')));
  worker.postMessage({ type: 'init', base, searcher });
}

function ask(message) {
  startWorker();
  const id = nextId++;
  return new Promise((resolve, reject) => {
    pending.set(id, { resolve, reject });
    worker.postMessage({ ...message, id });
  });
}

const search = (request) => ask({ type: 'search', request });

function el(tag, attrs = {}, ...children) {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (k === 'class') node.className = v; else node.setAttribute(k, v);
  }
  for (const c of children) node.append(c);
  return node;
}

/** A result item. The excerpt is the searcher's escaped text with <mark>s.
 * A hit whose wording other agencies share says so, and lists them (the
 * agencies in `prefer` first) when opened. */
function hitItem(hit, prefer = []) {
  const excerpt = el('p', { class: 'hit-excerpt' });
  excerpt.innerHTML = hit.excerpt;
  const item = el('li', { class: 'hit' },
    el('p', { class: 'hit-meta' }, el('span', { class: `badge kind-${hit.kind}` }, hit.kind_label), ` ${hit.agency} · ${hit.policy}`),
    el('a', { class: 'hit-title', href: `${base}${hit.url}` }, hit.title),
    excerpt);
  if (hit.group_size > 1) item.append(sameWording(hit, prefer));
  return item;
}

// A group lists its first documents: thousands of agencies may share a
// sentence of the regulator's template.
const MEMBERS_SHOWN = 50;

function sameWording(hit, prefer) {
  const others = hit.group_size > hit.group_agencies ? `, ${hit.group_size}건` : '';
  const details = el('details', { class: 'same-wording' },
    el('summary', {}, `같은 문구: ${hit.group_agencies}개 기관${others}`));
  const list = el('ul', { class: 'same-wording-list' });
  details.append(list);
  details.addEventListener('toggle', async () => {
    if (!details.open || list.childElementCount) return;
    list.append(el('li', {}, '불러오는 중…'));
    try {
      const members = await ask({ type: 'members', group: hit.group, prefer, limit: MEMBERS_SHOWN });
      list.replaceChildren(...members.map((m) => el('li', {},
        el('a', { href: `${base}${m.url}` }, m.agency), ` · ${m.policy}`)));
      const rest = hit.group_size - members.length;
      if (rest > 0) list.append(el('li', { class: 'same-wording-rest' }, `외 ${rest}건`));
    } catch (e) {
      list.replaceChildren(el('li', {}, `목록을 불러오지 못했습니다: ${e.message}`));
    }
  });
  return details;
}

/** What the searcher understood (an agency, a kind) as removable chips,
 * one per condition however many words named it (보호책임자 and 연락처
 * both ask for contacts); removing one asks for its words to be taken
 * literally. */
function understoodChips(r, onRemove) {
  if (!r.understood.length) return null;
  const conditions = new Map();
  for (const u of r.understood) {
    const key = `${u.intent}:${u.label}`;
    if (!conditions.has(key)) conditions.set(key, { label: u.label, words: [] });
    conditions.get(key).words.push(u.word);
  }
  const box = el('div', { class: 'understood', role: 'group', 'aria-label': '검색어에서 읽은 조건' });
  for (const { label, words } of conditions.values()) {
    const b = el('button', {
      type: 'button',
      class: 'chip chip-removable',
      'aria-label': `${label} 조건 빼기 (검색어 ${words.join(', ')})`,
    }, `${label} ×`);
    b.addEventListener('click', () => onRemove(words));
    box.append(b);
  }
  return box;
}

/** Says which words the searcher left out, when no document held them and
 * the rest of the query found something. */
function leftOut(r) {
  if (!r.left_out?.length) return [];
  return [el('p', { class: 'left-out' }, `${leftOutWords(r)}: 찾을 수 없는 낱말이라 빼고 검색했습니다.`)];
}

/** The left-out words, quoted: ‘쿼크’, ‘스트라움’. */
function leftOutWords(r) {
  return (r.left_out || []).map((w) => `‘${w}’`).join(', ');
}

/** The agencies to list first in a group: the filter's and the query's. */
function preferred(r, agency) {
  const named = r.understood.filter((u) => u.intent === 'agency').flatMap((u) => u.values);
  return agency ? [agency, ...named] : named;
}

/** Follows the IME: while a syllable is being composed the box's value is
 * half a word; `composing()` says so. */
function imeState(input) {
  let composing = false;
  input.addEventListener('compositionstart', () => { composing = true; });
  input.addEventListener('compositionend', () => { composing = false; input.dispatchEvent(new Event('input')); });
  return () => composing;
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

  let literal = [];
  const composing = imeState(input);
  const settle = debounce(() => { if (!composing()) run(false); }, 700);
  const understood = el('div');
  results.prepend(understood);

  // While a word is being typed (typing: true), no results is no news: the
  // previous results stay, and the settled query decides.
  async function run(typing) {
    const q = input.value.trim();
    const url = new URL(location.href);
    for (const [k, v] of [['q', q], ['kind', kind], ['agency', agency]]) {
      if (v) url.searchParams.set(k, v); else url.searchParams.delete(k);
    }
    history.replaceState(null, '', url);
    literal = literal.filter((w) => q.split(/\s+/).includes(w));
    if (!q) { list.replaceChildren(); filters.replaceChildren(); understood.replaceChildren(); status.textContent = ''; return; }
    if (!typing) status.textContent = '검색 중…';
    try {
      const r = await search({ query: q, kind: kind || null, agency: agency || null, limit: 20, typing, literal });
      if (input.value.trim() !== q) return;
      if (typing && !r.total) { settle(); return; }
      renderFilters(r);
      const chips = understoodChips(r, (words) => { literal.push(...words); run(false); });
      understood.replaceChildren(...(chips ? [chips] : []), ...leftOut(r));
      const prefer = preferred(r, agency);
      list.replaceChildren(...r.hits.map((h) => hitItem(h, prefer)));
      // The status is the live region: it says the left-out words too.
      const without = r.left_out?.length ? ` (${leftOutWords(r)} 빼고 검색)` : '';
      status.textContent = r.total
        ? `검색 결과 ${r.total}건${r.total > r.hits.length ? ` 중 ${r.hits.length}건 표시` : ''}${without}`
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
    const composing = imeState(input);
    input.addEventListener('focus', startWorker, { once: true });
    input.addEventListener('input', debounce(async () => {
      const q = input.value.trim();
      if (!q) { panel.hidden = true; status.textContent = ''; return; }
      try {
        const r = await search({ query: q, limit: 5, typing: true });
        if (input.value.trim() !== q) return;
        more.href = `${base}search/?q=${encodeURIComponent(q)}`;
        // A half-typed syllable that finds nothing keeps the last list.
        if (!r.total && (composing() || /[\u3131-\u318e]$/.test(q))) return;
        list.replaceChildren(...r.hits.map((h) => hitItem(h, preferred(r, ''))));
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
