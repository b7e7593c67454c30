// The WebAssembly searcher of a built site, run under node:
//   node tests/e2e/wasm-node.mjs <built site dir> <bangchim binary>
// It must give the same hits, in the same order, as `bangchim search`; it
// must answer hostile queries without trapping or hanging; and it prints
// its size and latency figures. The checks are node:test tests, awaited one
// after another; a failure makes the exit status non-zero.

import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { spawnSync } from 'node:child_process';
import { test } from 'node:test';
import { pathToFileURL } from 'node:url';
import { percentile } from './harness.mjs';

const [siteDir, bangchim] = process.argv.slice(2);
if (!siteDir || !bangchim) {
  console.error('usage: node wasm-node.mjs <built site dir> <bangchim binary>');
  process.exit(2);
}
const bundle = path.join(siteDir, 'static', 'search');
const searchDir = path.join(siteDir, 'search');
// The bundle's files are named after their content: the pages say which.
const page = fs.readFileSync(path.join(siteDir, 'index.html'), 'utf8');
const named = (what) => {
  const m = page.match(new RegExp(`<meta name="bangchim-search-${what}" content="/static/search/([^"]+)">`));
  if (!m) throw new Error(`index.html names no search ${what}`);
  return path.join(bundle, m[1]);
};
const glue = await import(pathToFileURL(named('glue')).href);
const wasmBytes = fs.readFileSync(named('module'));

await glue.default({ module_or_path: wasmBytes });
const manifestText = fs.readFileSync(path.join(searchDir, 'manifest.json'), 'utf8');
const manifest = JSON.parse(manifestText);

// The worker's protocol: answer, or name the index blocks to add first.
let blockBytes = 0;
let rounds = 0;
function withBlocks(s, step) {
  for (let round = 0; round < 32; round += 1) {
    const answer = JSON.parse(step());
    if (!answer.need) return answer;
    rounds += 1;
    for (const p of answer.need) {
      const bytes = fs.readFileSync(path.join(searchDir, 'index', p));
      blockBytes += bytes.length;
      s.addBlock(p, bytes);
    }
  }
  throw new Error('the searcher keeps asking for blocks');
}
function open() {
  const s = new glue.Searcher(manifestText);
  for (const p of s.preload()) s.addBlock(p, fs.readFileSync(path.join(searchDir, 'index', p)));
  withBlocks(s, () => s.open());
  if (manifest.vocabulary) s.addVocabulary(fs.readFileSync(path.join(searchDir, manifest.vocabulary), 'utf8'));
  return s;
}
const searcher = open();
function run(query, extra = {}, s = searcher) {
  for (const k of s.missingChunks(query)) {
    s.addChunk(k, fs.readFileSync(path.join(searchDir, 'lexicon', `${k}.txt`), 'utf8'));
  }
  return withBlocks(s, () => s.search(JSON.stringify({ query, limit: 10, ...extra })));
}

await test('the index is fetched block by block, and not whole for a query', async () => {
  const s = open();
  assert.equal(rounds, 0, 'rounds of block fetches beyond the preload to open');
  const total = manifest.index_files.reduce((n, f) => n + f.len, 0);
  const before = blockBytes;
  const r = run('피씨엔에 위탁한 업무', {}, s);
  assert.ok(r.hits.length > 0, 'no hits');
  assert.ok(rounds >= 1 && rounds <= 4, `${rounds} rounds of block fetches for one query`);
  assert.ok(blockBytes - before < total, `one query read ${blockBytes - before} of ${total} index bytes`);
  const again = rounds;
  run('피씨엔에 위탁한 업무', {}, s);
  assert.equal(rounds, again, 'rounds of block fetches after the same query again');
  assert.throws(() => s.addBlock('nonsense.0', new Uint8Array(3)), /not a block/, 'a foreign block was taken');
});

const QUERIES = ['피씨엔에 위탁한 업무', '쿠키를 차단하려면', '정지인 전화번호', '02-3396-8219', '주민등록번호를 위탁하는 업체',
  '치매지원센터', '접속기록은 얼마나 보관하나요', '"정보주체와 법정대리인"', '남양주시 개인정보 보호책임자', 'privacy@seoul.go.kr',
  '남양주 분쟁조정', '서울 중구 연락처', '인제대학교', '개인정보분쟁조정위원회',
  // Widened when nothing is found, a typo, an ordinal.
  '쿼크스트라움 보호책임자', '광주 서구 위탁업체', '보효책임자', '제3자에게 제공하나요',
  // Everyday words for the policy's terms, an ordinal typed apart.
  '내 정보를 다른 곳에 넘기나요', '부모님 동의', '제 3자 제공',
  // NFKC in the browser is JavaScript's, in the build unicode-normalization's.
  '０２－３３９６－８２１９', '㈜피씨엔', 'ＰＲＩＶＡＣＹ@seoul.go.kr'];

await test('the wasm searcher ranks exactly as bangchim search', async () => {
  for (const q of QUERIES) {
    const cli = spawnSync(bangchim, ['search', '--out', siteDir, '--json', q], { encoding: 'utf8' });
    assert.equal(cli.status, 0, `bangchim search failed: ${cli.stderr}`);
    const expected = JSON.parse(cli.stdout).hits.map((h) => h.url);
    const got = run(q).hits.map((h) => h.url);
    assert.deepEqual(got, expected, `${q}: the wasm hits (actual) vs bangchim search's (expected)`);
    assert.ok(got.length > 0, `${q}: no hits`);
  }
});

await test('groups list their members, and initials load their table on demand', async () => {
  const cli = spawnSync(bangchim, ['search', '--out', siteDir, '--json', '남양주 분쟁조정'], { encoding: 'utf8' });
  const first = JSON.parse(cli.stdout).hits[0];
  assert.ok(first.group_size > 1, `cli group size ${first.group_size}`);
  assert.equal(first.members.length, first.group_size, 'cli members listed vs the group size');
  const hit = run('남양주 분쟁조정').hits[0];
  assert.equal(hit.group, first.group, 'the wasm hit\'s group vs the cli\'s');
  assert.equal(hit.members.length, 0, 'the wasm hit lists members unasked');
  const members = withBlocks(searcher, () => searcher.members(hit.group, JSON.stringify(['경기도 남양주시']), 100));
  assert.deepEqual(members, first.members, 'the wasm members (actual) vs the cli\'s (expected)');
  // And the same JSON, key order included.
  assert.equal(JSON.stringify(members), JSON.stringify(first.members));
  assert.ok(searcher.needsInitials('ㄱㅇㅈㅂ'), 'initials needed but not asked for');
  searcher.addInitials(fs.readFileSync(path.join(searchDir, manifest.initials), 'utf8'));
  assert.ok(!searcher.needsInitials('ㄱㅇㅈㅂ'), 'initials asked for twice');
  const r = run('ㄱㅇㅈㅂ');
  assert.ok(r.terms.includes('개인정보'), `ㄱㅇㅈㅂ: terms ${r.terms}`);
  assert.ok(r.total > 0, `ㄱㅇㅈㅂ: total ${r.total}`);
});

await test('filters and facets', async () => {
  const all = run('개인정보 보호책임자');
  const contacts = run('개인정보 보호책임자', { kind: 'contact' });
  assert.deepEqual(contacts.hits.map((h) => h.kind).filter((k) => k !== 'contact'), [], 'kinds the kind filter let through');
  const facet = all.kinds.find(([k]) => k === 'contact');
  assert.ok(facet, `no contact facet among ${JSON.stringify(all.kinds)}`);
  assert.equal(facet[1], contacts.total, 'the contact facet vs the filtered total');
  const seoul = run('개인정보 보호책임자', { agency: '서울특별시' });
  assert.ok(seoul.hits.length > 0, 'no hits for 서울특별시');
  assert.deepEqual(seoul.hits.map((h) => h.agency).filter((a) => a !== '서울특별시'), [], 'agencies the agency filter let through');
});

await test('excerpts are escaped text with marks only', async () => {
  for (const q of QUERIES) {
    for (const h of run(q).hits) {
      const stripped = h.excerpt.replaceAll('<mark>', '').replaceAll('</mark>', '');
      assert.doesNotMatch(stripped, /[<>]/, `raw markup in an excerpt for ${q}: ${h.excerpt.slice(0, 80)}`);
    }
  }
});

await test('another index version is refused plainly', async () => {
  const bad = manifestText.replace(`"format_version": ${manifest.format_version}`, '"format_version": 999');
  assert.throws(() => new glue.Searcher(bad), (e) => {
    const message = String(e.message || e);
    assert.match(message, /999/);
    assert.match(message, /rebuild/);
    return true;
  }, 'format version 999 was taken');
});

await test('hostile queries neither trap nor hang', async () => {
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
  assert.ok(Date.now() - start < 120000, 'took over two minutes');
});

// Figures.
const raw = wasmBytes.length;
const gz = zlib.gzipSync(wasmBytes, { level: 9 }).length;
const br = zlib.brotliCompressSync(wasmBytes).length;
const indexBytes = manifest.index_files.reduce((n, f) => n + f.len, 0);
const preloadBytes = manifest.preload.reduce((n, p) => n + fs.statSync(path.join(searchDir, 'index', p)).size, 0);
const fresh = open();
const lat = [];
for (let r = 0; r < 5; r += 1) {
  for (const q of QUERIES) {
    run(q, {}, fresh); // lexicon chunks and blocks in place: time the search alone
    const t = process.hrtime.bigint();
    run(q, {}, fresh);
    lat.push(Number(process.hrtime.bigint() - t) / 1e6);
  }
}
const pct = (p) => percentile(lat, p).toFixed(2);
console.log(`figures: wasm ${raw} B raw, ${gz} B gzip, ${br} B brotli; index ${indexBytes} B in ${manifest.index_files.length} files, `
  + `${preloadBytes} B preloaded (${manifest.preload.length} blocks); `
  + `lexicon ${manifest.lexicon_chunks} chunks; node query latency p50 ${pct(0.5)} ms, p95 ${pct(0.95)} ms`);
