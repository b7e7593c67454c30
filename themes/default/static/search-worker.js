// The search worker: loads the WebAssembly searcher and the index files
// once, fetches lexicon chunks as queries need them, and answers search
// requests off the main thread so typing never waits for a search.
import init, { SearcherBuilder } from './search/bangchim_search_wasm.js';

let ready = null;
let searcher = null;

async function fetchOk(url, kind) {
  const r = await fetch(url);
  if (!r.ok) throw new Error(`${url}: HTTP ${r.status}`);
  return kind === 'bytes' ? new Uint8Array(await r.arrayBuffer()) : r.text();
}

async function load(base) {
  const root = `${base}search/`;
  await init({ module_or_path: `${base}static/search/bangchim_search_wasm_bg.wasm` });
  const manifestText = await fetchOk(`${root}manifest.json`, 'text');
  const manifest = JSON.parse(manifestText);
  const builder = new SearcherBuilder();
  const files = await Promise.all(manifest.index_files.map((f) => fetchOk(`${root}index/${f}`, 'bytes')));
  manifest.index_files.forEach((f, i) => builder.addFile(f, files[i]));
  searcher = builder.build(manifestText);
  if (manifest.vocabulary) searcher.addVocabulary(await fetchOk(`${root}${manifest.vocabulary}`, 'text'));
  return root;
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
      const root = await ready;
      for (const k of searcher.missingChunks(msg.request.query)) {
        searcher.addChunk(k, await fetchOk(`${root}lexicon/${k}.txt`, 'text'));
      }
      const results = JSON.parse(searcher.search(JSON.stringify(msg.request)));
      self.postMessage({ type: 'results', id: msg.id, results });
    }
  } catch (e) {
    self.postMessage({ type: 'error', id: msg.id, message: String(e && e.message ? e.message : e) });
  }
};
