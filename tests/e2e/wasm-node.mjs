// The WebAssembly searcher of a built site, run under node:
//   node tests/e2e/wasm-node.mjs <built site dir> <bangchim binary>
// It must give the same hits, in the same order, as `bangchim search`; it
// must answer hostile queries without trapping or hanging; and it prints
// its size and latency figures. Closes with "N passed, M failed".

import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { spawnSync } from 'node:child_process';
import { pathToFileURL } from 'node:url';
import { assert, checker } from './harness.mjs';

const [siteDir, bangchim] = process.argv.slice(2);
if (!siteDir || !bangchim) {
  console.error('usage: node wasm-node.mjs <built site dir> <bangchim binary>');
  process.exit(2);
}
const bundle = path.join(siteDir, 'static', 'search');
const searchDir = path.join(siteDir, 'search');
const glue = await import(pathToFileURL(path.join(bundle, 'bangchim_search_wasm.js')).href);
const wasmBytes = fs.readFileSync(path.join(bundle, 'bangchim_search_wasm_bg.wasm'));

const { check, finish } = checker();

await glue.default({ module_or_path: wasmBytes });
const manifestText = fs.readFileSync(path.join(searchDir, 'manifest.json'), 'utf8');
const manifest = JSON.parse(manifestText);

function open() {
  const builder = new glue.SearcherBuilder();
  for (const f of manifest.index_files) builder.addFile(f, fs.readFileSync(path.join(searchDir, 'index', f)));
  const s = builder.build(manifestText);
  if (manifest.vocabulary) s.addVocabulary(fs.readFileSync(path.join(searchDir, manifest.vocabulary), 'utf8'));
  return s;
}
const searcher = open();
const chunkBytes = [];
function run(query, extra = {}) {
  for (const k of searcher.missingChunks(query)) {
    const text = fs.readFileSync(path.join(searchDir, 'lexicon', `${k}.txt`), 'utf8');
    chunkBytes.push(Buffer.byteLength(text));
    searcher.addChunk(k, text);
  }
  return JSON.parse(searcher.search(JSON.stringify({ query, limit: 10, ...extra })));
}

const QUERIES = ['피씨엔에 위탁한 업무', '쿠키를 차단하려면', '정지인 전화번호', '02-3396-8219', '주민등록번호를 위탁하는 업체',
  '치매지원센터', '접속기록은 얼마나 보관하나요', '"정보주체와 법정대리인"', '남양주시 개인정보 보호책임자', 'privacy@seoul.go.kr'];

await check('the wasm searcher ranks exactly as bangchim search', async () => {
  for (const q of QUERIES) {
    const cli = spawnSync(bangchim, ['search', '--site', siteDir, '--json', q], { encoding: 'utf8' });
    assert(cli.status === 0, `bangchim search failed: ${cli.stderr}`);
    const expected = JSON.parse(cli.stdout).hits.map((h) => h.url);
    const got = run(q).hits.map((h) => h.url);
    assert(JSON.stringify(got) === JSON.stringify(expected), `${q}: wasm ${got.slice(0, 3)} vs cli ${expected.slice(0, 3)}`);
    assert(got.length > 0, `${q}: no hits`);
  }
});

await check('filters and facets', async () => {
  const all = run('개인정보 보호책임자');
  const contacts = run('개인정보 보호책임자', { kind: 'contact' });
  assert(contacts.hits.every((h) => h.kind === 'contact'), 'kind filter');
  const facet = all.kinds.find(([k]) => k === 'contact');
  assert(facet && facet[1] === contacts.total, `contact facet ${facet} vs ${contacts.total}`);
  const seoul = run('개인정보 보호책임자', { agency: '서울특별시' });
  assert(seoul.hits.length > 0 && seoul.hits.every((h) => h.agency === '서울특별시'), 'agency filter');
});

await check('excerpts are escaped text with marks only', async () => {
  for (const q of QUERIES) {
    for (const h of run(q).hits) {
      const stripped = h.excerpt.replaceAll('<mark>', '').replaceAll('</mark>', '');
      assert(!/[<>]/.test(stripped), `raw markup in an excerpt for ${q}: ${h.excerpt.slice(0, 80)}`);
    }
  }
});

await check('another index version is refused plainly', async () => {
  const bad = manifestText.replace(`"format_version": ${manifest.format_version}`, '"format_version": 999');
  let message = '';
  try { new glue.SearcherBuilder().build(bad); } catch (e) { message = String(e.message || e); }
  assert(message.includes('999') && message.includes('rebuild'), `message: ${message}`);
});

await check('hostile queries neither trap nor hang', async () => {
  let seed = 7;
  const rand = () => { seed = (seed * 1103515245 + 12345) % 2147483648; return seed / 2147483648; };
  const pieces = ['"', '""', '(', ')', '*', 'AND', 'OR', '-', '+', ':', '\\', '\u0000', '\u202e', '\u200b', '<script>',
    '개인정보', '를', '0', '02-', '@', 'ｆｕｌｌ', '🙂', '\t', '\n', '제1조', 'x'.repeat(50)];
  const start = Date.now();
  for (let i = 0; i < 10000; i += 1) {
    const n = 1 + Math.floor(rand() * 12);
    let q = '';
    for (let j = 0; j < n; j += 1) q += pieces[Math.floor(rand() * pieces.length)] + (rand() < 0.5 ? ' ' : '');
    run(q);
  }
  run('가'.repeat(10000));
  run('"'.repeat(10000));
  assert(Date.now() - start < 120000, 'took over two minutes');
});

// Figures.
const raw = wasmBytes.length;
const gz = zlib.gzipSync(wasmBytes, { level: 9 }).length;
const br = zlib.brotliCompressSync(wasmBytes).length;
const indexBytes = manifest.index_files.reduce((n, f) => n + fs.statSync(path.join(searchDir, 'index', f)).size, 0);
const fresh = open();
const lat = [];
for (let r = 0; r < 5; r += 1) {
  for (const q of QUERIES) {
    for (const k of fresh.missingChunks(q)) fresh.addChunk(k, fs.readFileSync(path.join(searchDir, 'lexicon', `${k}.txt`), 'utf8'));
    const t = process.hrtime.bigint();
    fresh.search(JSON.stringify({ query: q, limit: 10 }));
    lat.push(Number(process.hrtime.bigint() - t) / 1e6);
  }
}
lat.sort((a, b) => a - b);
const pct = (p) => lat[Math.min(lat.length - 1, Math.floor(p * lat.length))].toFixed(2);
console.log(`figures: wasm ${raw} B raw, ${gz} B gzip, ${br} B brotli; index ${indexBytes} B in ${manifest.index_files.length} files; `
  + `lexicon ${manifest.lexicon_chunks} chunks; node query latency p50 ${pct(0.5)} ms, p95 ${pct(0.95)} ms`);
finish();
