// The browser benchmark: bangchim's searcher and Pagefind over the very same
// built site, in Debian's Chromium against a local static server.
//   node tests/e2e/bench.mjs <built site dir> [--label TEXT] [--header] [--only SYSTEM] [--budget SECONDS] [--verbose]
//
// Pagefind (npm `pagefind` 1.6.0, default settings; tests/run installs it in
// the cache) indexes the site's HTML into
// <site>/pagefind. For each system, in a fresh browser context:
// - first query: bytes the server sent from the first search request to the
//   first result (module, wasm, index pieces, result texts), and the time;
// - each later query of the relevance set (tests/relevance.json): bytes sent
//   for it (median and maximum);
// - warm latency: every query again three times, p50/p95 over the queries of
//   each one's median time to ten results with their excerpts;
// - Korean relevance on the relevance set: recall@10 and MRR by page (the
//   unit both return), and for bangchim also by anchor (its unit); a
//   target inside a hit's collapsed wording group counts as found.
// Bytes are body bytes as sent, after the precompressed sibling a host
// serves (Pagefind's files are gzip inside). Prints one table row per
// system; exits non-zero when a system returns nothing at all.
import fs from 'node:fs';
import path from 'node:path';
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { percentile as pct, startCountingSite } from './harness.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const args = process.argv.slice(2);
const siteDir = args[0];
if (!siteDir) {
  console.error('usage: node bench.mjs <built site dir> [--label TEXT] [--header]');
  process.exit(2);
}
const label = args.includes('--label') ? args[args.indexOf('--label') + 1] : path.basename(siteDir);
// A system that has not finished its queries after this many seconds stops
// there; its row then says how many queries it answered (a fair budget).
const budget = 1000 * Number(args.includes('--budget') ? args[args.indexOf('--budget') + 1] : 900);
// A query unanswered after this long stops the system's run there (its tab
// may still be busy with it): the row says so, and the queries not run count
// as misses.
const patience = 120000;
const relevance = JSON.parse(fs.readFileSync(path.join(here, '..', 'relevance.json'), 'utf8'));
const { queries } = relevance;
// The expected pages' agencies, by the first part of their address.
const AGENCIES = relevance.agencies;

/** npm's pagefind, where tests/run installs it (or $PAGEFIND). */
function pagefindBinary() {
  if (process.env.PAGEFIND) return process.env.PAGEFIND;
  const cache = process.env.BANGCHIM_CACHE_DIR
    || path.join(process.env.XDG_CACHE_HOME || path.join(process.env.HOME, '.cache'), 'bangchim');
  return path.join(cache, 'tools', 'node_modules', '.bin', 'pagefind');
}

// Pagefind over the same HTML, default settings (unless only bangchim runs).
const only = args.includes('--only') ? [args[args.indexOf('--only') + 1]] : null;
const pfStart = Date.now();
if (!only || only.includes('pagefind')) {
  const pf = spawnSync(pagefindBinary(), ['--site', siteDir], { encoding: 'utf8' });
  if (pf.status !== 0) {
    console.error(`pagefind failed:\n${pf.stdout}\n${pf.stderr}`);
    process.exit(1);
  }
}
const pagefindIndexSeconds = (Date.now() - pfStart) / 1000;
// Pagefind's files on disk before either system is timed: their writeback
// (tens of thousands of files at 10,000 policies) would otherwise run
// under the first measurements.
spawnSync('sync');

const { base, browser, server, traffic } = await startCountingSite(siteDir);

// Each system exposes window.__run(query) → { urls } on the site's home page.
const SYSTEMS = {
  bangchim: () => {
    const waiters = new Map();
    let next = 0;
    let w = null;
    // The worker starts with the first query, as the site's search box
    // starts it on focus: its script is part of what that query fetches
    // (started with the page, it was counted only when its fetch lost the
    // race with the counter's reset).
    const start = () => {
      w = new Worker('/static/search-worker.js', { type: 'module' });
      w.onmessage = (e) => {
        const m = e.data;
        const key = m.type === 'ready' ? 'ready' : m.id;
        const wake = waiters.get(key) || waiters.get('ready');
        waiters.delete(key);
        if (wake) wake(m);
      };
    };
    const ask = (key, msg) => new Promise((ok) => { waiters.set(key, ok); w.postMessage(msg); });
    let ready = null;
    window.__run = async (query) => {
      if (!ready) {
        start();
        ready = ask('ready', {
          type: 'init',
          base: '/',
          // The bundle's names, as the page states them.
          searcher: Object.fromEntries(['glue', 'module'].map((n) => [n,
            document.querySelector(`meta[name="bangchim-search-${n}"]`).content])),
        });
      }
      const r = await ready;
      if (r.type === 'error') throw new Error(r.message);
      next += 1;
      const m = await ask(next, { type: 'search', id: next, request: { query, limit: 10 } });
      if (m.type === 'error') throw new Error(m.message);
      return m.results.hits.map((h) => ({ url: h.url, group: h.group, size: h.group_size }));
    };
    // A collapsed group's documents (read after the timed runs).
    window.__members = async (group, prefer) => {
      next += 1;
      const m = await ask(next, { type: 'members', id: next, group, prefer, limit: 100 });
      if (m.type === 'error') throw new Error(m.message);
      return m.members.map((x) => x.url);
    };
  },
  pagefind: () => {
    let pagefind = null;
    window.__run = async (query) => {
      if (!pagefind) {
        pagefind = await import('/pagefind/pagefind.js');
        await pagefind.init();
      }
      const found = await pagefind.search(query);
      const data = await Promise.all(found.results.slice(0, 10).map((r) => r.data()));
      return data.map((d) => ({ url: d.url, size: 1 }));
    };
  },
};

const clean = (url) => url.replace(/^\/+/, '');
const page = (url) => clean(url).split('#')[0].replace(/index\.html$/, '');

// A hit is found when its URL, or one of its collapsed group's (`urls`),
// is the expected one or one of the pages judged to answer as fully (`also`).
function ranks(hits, wanted, byPage) {
  const want = wanted.map((w) => (byPage ? page(w) : w));
  const matches = (url) => want.some((w) => {
    if (byPage) return page(url) === w;
    return w.endsWith('*') ? clean(url).startsWith(w.slice(0, -1)) : clean(url) === w;
  });
  const seen = [];
  for (const h of hits) {
    const key = byPage ? page(h.url) : clean(h.url);
    const same = seen.find((s) => s.key === key);
    if (same) same.urls.push(...(h.urls || [h.url])); else seen.push({ key, urls: [...(h.urls || [h.url])] });
  }
  const i = seen.findIndex((s) => s.urls.some(matches));
  return i < 0 || i >= 10 ? null : i + 1;
}

function quality(runs, byPage) {
  let found = 0;
  let rr = 0;
  for (const { hits, expected, also } of runs) {
    const r = ranks(hits, [expected, ...(also || [])], byPage);
    if (r) { found += 1; rr += 1 / r; }
  }
  // Over the whole set: a query left unanswered (out of budget) is a miss.
  return { recall: found / queries.length, mrr: rr / queries.length };
}


async function measure(name) {
  const context = await browser.newContext();
  const tab = await context.newPage();
  await tab.goto(base);
  await tab.evaluate(SYSTEMS[name]);
  let stuck = null;
  const run = async (q) => {
    let timer;
    const late = new Promise((_, no) => { timer = setTimeout(() => no(new Error('late')), patience); });
    try {
      return await Promise.race([tab.evaluate((query) => window.__run(query), q), late]);
    } catch (e) {
      if (e.message !== 'late') throw e;
      stuck = q;
      return null;
    } finally {
      clearTimeout(timer);
    }
  };
  // First query: everything it takes, from nothing.
  traffic.bytes = 0;
  traffic.files = [];
  let t = performance.now();
  const first = await run(queries[0].query);
  const runs = first ? [{ hits: first, expected: queries[0].expected, also: queries[0].also }] : [];
  const firstMs = performance.now() - t;
  const firstBytes = traffic.bytes;
  const wasm = traffic.files.filter((f) => /wasm/.test(f.path)).reduce((n, f) => n + f.bytes, 0);
  if (args.includes('--verbose')) {
    for (const f of traffic.files) console.log(`${name} first query: ${f.path} ${f.bytes} B`);
  }
  // Later queries: what each one adds.
  const later = [];
  const started = performance.now();
  const inBudget = () => performance.now() - started < budget;
  for (const q of queries.slice(1)) {
    if (!inBudget() || stuck) break;
    traffic.bytes = 0;
    traffic.requests = 0;
    t = performance.now();
    const hits = await run(q.query);
    if (!hits) break;
    runs.push({ query: q.query, hits, expected: q.expected, also: q.also });
    later.push(traffic.bytes);
    if (args.includes('--verbose')) {
      console.log(`${name} ${q.query}: ${traffic.bytes} B in ${traffic.requests} requests, ${(performance.now() - t).toFixed(0)} ms`);
    }
  }
  // Warm: the same queries again, three times each; a query's time is the
  // median of its three (one timing of a few milliseconds in a browser is
  // at the mercy of a garbage collection or a timer).
  const warm = [];
  warmQueries: for (const q of queries.slice(0, runs.length)) {
    const times = [];
    for (let k = 0; k < 3; k += 1) {
      if (!inBudget() || stuck) break warmQueries;
      t = performance.now();
      if (!await run(q.query)) break warmQueries;
      times.push(performance.now() - t);
    }
    warm.push(times.sort((a, b) => a - b)[1]);
  }
  if (args.includes('--verbose')) {
    const slowest = warm.map((ms, i) => [ms, queries[i].query]).sort((a, b) => b[0] - a[0]);
    for (const [ms, q] of slowest.slice(0, 8)) console.log(`${name} warm ${ms.toFixed(1)} ms: ${q}`);
  }
  // Targets inside collapsed groups count (read after the timing).
  if (name === 'bangchim' && !stuck) {
    for (const r of runs) {
      for (const h of r.hits) {
        // The target's agency listed first, as when a person names it: a
        // group may hold thousands of documents, and lists its first 100.
        const prefer = [...new Set([r.expected, ...(r.also || [])].map((u) => AGENCIES[clean(u).split('/')[0]]))].filter(Boolean);
        if (h.size > 1) h.urls = [h.url, ...await tab.evaluate(([g, p]) => window.__members(g, p), [h.group, prefer])];
      }
    }
  }
  await context.close();
  if (args.includes('--verbose')) {
    for (const r of runs) {
      console.log(`${name} rank ${ranks(r.hits, [r.expected, ...(r.also || [])], false) ?? '-'}: ${r.query}`);
    }
  }
  return {
    name,
    firstBytes,
    firstMs,
    wasm,
    laterMedian: later.length ? pct(later, 0.5) : NaN,
    laterMax: later.length ? Math.max(...later) : NaN,
    p50: warm.length ? pct(warm, 0.5) : NaN,
    p95: warm.length ? pct(warm, 0.95) : NaN,
    byPage: quality(runs, true),
    byAnchor: name === 'bangchim' ? quality(runs, false) : null,
    answered: runs.filter((r) => r.hits.length > 0).length,
    ran: runs.length,
    warmRan: warm.length,
    stuck,
  };
}

const results = [];
try {
  for (const name of only || Object.keys(SYSTEMS)) results.push(await measure(name));
} finally {
  await browser.close();
  server.close();
}

if (args.includes('--header')) {
  console.log('| corpus | system | first-query bytes | first query ms | later-query bytes median / max | wasm bytes | warm p50 ms | warm p95 ms | recall@10 by page | MRR by page | recall@10 / MRR by anchor |');
  console.log('|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|');
}
for (const r of results) {
  const anchor = r.byAnchor ? `${r.byAnchor.recall.toFixed(3)} / ${r.byAnchor.mrr.toFixed(3)}` : '–';
  console.log(`| ${label} | ${r.name} | ${r.firstBytes} | ${r.firstMs.toFixed(0)} | ${r.laterMedian} / ${r.laterMax} | ${r.wasm} `
    + `| ${r.p50.toFixed(1)} | ${r.p95.toFixed(1)} | ${r.byPage.recall.toFixed(3)} | ${r.byPage.mrr.toFixed(3)} | ${anchor} |`);
}
for (const r of results.filter((x) => x.stuck)) {
  console.log(`(${label}: ${r.name} gave no answer to ${r.stuck} in ${patience / 1000} s and stopped there: `
    + `${r.ran} of ${queries.length} queries answered, ${r.warmRan} warm; the others count as misses)`);
}
for (const r of results.filter((x) => !x.stuck && (x.ran < queries.length || x.warmRan < queries.length))) {
  console.log(`(${label}: ${r.name} used its ${budget / 1000} s budget: ${r.ran} of ${queries.length} queries, `
    + `${r.warmRan} warm; its relevance counts the unanswered as misses)`);
}
const [ours, theirs] = results;
if (theirs) {
  console.log(`(${label}: Pagefind indexed the site in ${pagefindIndexSeconds.toFixed(1)} s; first-query bytes bangchim/Pagefind `
    + `${(ours.firstBytes / theirs.firstBytes).toFixed(2)}×; ${queries.length} queries)`);
}
const silent = results.filter((r) => r.answered === 0 && !r.stuck);
if (silent.length) {
  console.error(`no results at all from ${silent.map((r) => r.name).join(', ')}`);
  process.exit(1);
}
