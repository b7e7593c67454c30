// The search worker: loads the WebAssembly searcher and the index blocks
// every query reads once, fetches lexicon chunks and further blocks as
// queries need them, and answers search
// requests off the main thread so typing never waits for a search.
let ready = null;
let searcher = null;
let root = null;
let initialsFile = null;

async function fetchOk(url, kind) {
  const r = await fetch(url);
  if (!r.ok) throw new Error(`${url}: HTTP ${r.status}`);
  return kind === 'bytes' ? new Uint8Array(await r.arrayBuffer()) : r.text();
}

// At most this many requests at once: a large answer may need hundreds of
// blocks, more than a browser will have in flight.
const PARALLEL = 24;

// Fetches the blocks on PARALLEL lanes, each taking the next block as soon
// as its last one arrived (not in lock-step batches, where one slow block
// holds up the next 23), and hands each to the searcher as it comes.
async function addBlocks(paths) {
  let next = 0;
  const lane = async () => {
    while (next < paths.length) {
      const path = paths[next];
      next += 1;
      searcher.addBlock(path, await fetchOk(`${root}index/${path}`, 'bytes'));
    }
  };
  await Promise.all(Array.from({ length: Math.min(PARALLEL, paths.length) }, lane));
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

// The module, its bindings and the manifest are fetched at once: the
// bindings' and module's names come from the page (they carry a hash of
// their content, so hosts may cache them for good).
async function load(base, files) {
  root = `${base}search/`;
  const manifestText = fetchOk(`${root}manifest.json`, 'text');
  const moduleResponse = fetch(files.module);
  const glue = await import(files.glue);
  await glue.default({ module_or_path: moduleResponse });
  const manifest = await manifestText;
  searcher = new glue.Searcher(manifest);
  const { vocabulary, initials } = JSON.parse(manifest);
  initialsFile = initials || null;
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
      if (!ready) ready = load(msg.base, msg.searcher);
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
      // Initial consonants (ㄱㅇㅈㅂ): the small table of whole words, once.
      if (initialsFile && searcher.needsInitials(msg.request.query)) {
        searcher.addInitials(await fetchOk(`${root}${initialsFile}`, 'text'));
      }
      const request = JSON.stringify(msg.request);
      const results = await withBlocks(() => searcher.search(request));
      self.postMessage({ type: 'results', id: msg.id, results });
      return;
    }
    if (msg.type === 'members') {
      await ready;
      const prefer = JSON.stringify(msg.prefer || []);
      const members = await withBlocks(() => searcher.members(msg.group, prefer, msg.limit || 50));
      self.postMessage({ type: 'members', id: msg.id, members });
    }
  } catch (e) {
    self.postMessage({ type: 'error', id: msg.id, message: String(e && e.message ? e.message : e) });
  }
};
