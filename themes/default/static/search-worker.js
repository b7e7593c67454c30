// The search worker: loads the WebAssembly searcher and the index blocks
// every query reads once, fetches lexicon chunks and further blocks as
// queries need them, and answers search
// requests off the main thread so typing never waits for a search.
import init, { Searcher } from './search/bangchim_search_wasm.js';

let ready = null;
let searcher = null;
let root = null;

async function fetchOk(url, kind) {
  const r = await fetch(url);
  if (!r.ok) throw new Error(`${url}: HTTP ${r.status}`);
  return kind === 'bytes' ? new Uint8Array(await r.arrayBuffer()) : r.text();
}

async function addBlocks(paths) {
  const blocks = await Promise.all(paths.map((p) => fetchOk(`${root}index/${p}`, 'bytes')));
  paths.forEach((p, i) => searcher.addBlock(p, blocks[i]));
}

// Runs `step` (which answers JSON) until it stops asking for index blocks,
// fetching the blocks it names in between: the index arrives piece by
// piece, only the pieces queries read, cached by the browser like any file.
async function withBlocks(step) {
  for (let round = 0; round < 32; round += 1) {
    const answer = JSON.parse(step());
    if (!answer.need) return answer;
    await addBlocks(answer.need);
  }
  throw new Error('the search index keeps asking for more blocks');
}

async function load(base) {
  root = `${base}search/`;
  await init({ module_or_path: `${base}static/search/bangchim_search_wasm_bg.wasm` });
  const manifest = await fetchOk(`${root}manifest.json`, 'text');
  searcher = new Searcher(manifest);
  const vocabulary = JSON.parse(manifest).vocabulary;
  const [, words] = await Promise.all([
    addBlocks(searcher.preload()),
    vocabulary ? fetchOk(`${root}${vocabulary}`, 'text') : null,
  ]);
  await withBlocks(() => searcher.open());
  if (words) searcher.addVocabulary(words);
}

self.onmessage = async (event) => {
  const msg = event.data;
  try {
    if (msg.type === 'init') {
      if (!ready) ready = load(msg.base);
      await ready;
      self.postMessage({ type: 'ready' });
      return;
    }
    if (msg.type === 'search') {
      await ready;
      // A plain array: mapping the Uint32Array itself would make numbers of the promises.
      const chunks = Array.from(searcher.missingChunks(msg.request.query));
      const texts = await Promise.all(chunks.map((k) => fetchOk(`${root}lexicon/${k}.txt`, 'text')));
      chunks.forEach((k, i) => searcher.addChunk(k, texts[i]));
      const request = JSON.stringify(msg.request);
      const results = await withBlocks(() => searcher.search(request));
      self.postMessage({ type: 'results', id: msg.id, results });
    }
  } catch (e) {
    self.postMessage({ type: 'error', id: msg.id, message: String(e && e.message ? e.message : e) });
  }
};
