// End-to-end checks of a built site in real Chromium (Debian's), served
// from 127.0.0.1 with a strict Content-Security-Policy:
//   node tests/e2e/site.mjs <built site dir> <screenshot dir>
// The checks are node:test tests, run in order in one suite (they share the
// browser); a failure makes the exit status non-zero.

import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { after, describe, test } from 'node:test';
import { axeViolations, percentile, startSite } from './harness.mjs';

const [siteDir, shotDir] = process.argv.slice(2);
if (!siteDir || !shotDir) {
  console.error('usage: node site.mjs <built site dir> <screenshot dir>');
  process.exit(2);
}
fs.mkdirSync(shotDir, { recursive: true });

const { base, browser, server } = await startSite(siteDir);

/** Opens a page, failing on script errors and CSP refusals. */
async function open(url, width = 1280) {
  const page = await browser.newPage({ viewport: { width, height: 900 } });
  const problems = [];
  page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
  page.on('console', (m) => {
    if (m.type() === 'error' && !/Failed to load resource: the server responded with a status of 404/.test(m.text())) {
      problems.push(`console: ${m.text()}`);
    }
  });
  const response = await page.goto(base + url, { waitUntil: 'load' });
  return { page, problems, response };
}

describe('the built site in Chromium', () => {
  after(async () => {
    await browser.close();
    server.close();
  });

  const POLICIES = [
    { url: 'seoul-junggu/privacy/', articles: 11, trustees: 20, contacts: 2 },
    { url: 'gwangju-seogu/privacy/', articles: 12, trustees: 0, contacts: 2 },
    { url: 'seoul/contract/', articles: 13, trustees: 1, contacts: 3 },
    { url: 'gyeonggi-namyangju/privacy/', articles: 11, trustees: 0, contacts: 2 },
    { url: 'seoul/poll/', articles: 17, trustees: 1, contacts: 4 },
  ];

  for (const p of POLICIES) {
    test(`policy page ${p.url} shows its articles, trustees and contacts`, async () => {
      const { page, problems, response } = await open(p.url);
      assert.equal(response.status(), 200, 'HTTP status');
      const articles = await page.locator('section.article[id^="제"]').count();
      assert.equal(articles, p.articles, 'article sections');
      const trustees = await page.locator('#위탁현황 tbody tr').count();
      assert.equal(trustees, p.trustees, 'trustee rows');
      const contacts = await page.locator('#연락처 table tbody tr').count();
      assert.equal(contacts, p.contacts, 'contact rows');
      const h1 = await page.locator('h1').count();
      assert.equal(h1, 1, 'h1 elements');
      const telLinks = await page.locator('#연락처 a[href^="tel:"]').count();
      assert.ok(telLinks > 0, 'no tel: link among the contacts');
      assert.deepEqual(problems, [], 'script errors and CSP refusals');
      await page.close();
    });
  }

  test('an article anchor scrolls to its article', async () => {
    const { page } = await open('seoul/poll/');
    await page.locator('.toc a[href="#제6조"]').click();
    const top = await page.locator('#제6조').evaluate((el) => el.getBoundingClientRect().top);
    assert.ok(Math.abs(top) < 60, `article top at ${top}px after following its link`);
    await page.close();
  });

  test('the skip link is the first stop and moves focus to the content', async () => {
    const { page } = await open('seoul/poll/');
    await page.keyboard.press('Tab');
    const first = await page.evaluate(() => document.activeElement.textContent.trim());
    assert.equal(first, '본문 바로가기', 'the first focus stop');
    await page.keyboard.press('Enter');
    const id = await page.evaluate(() => document.activeElement.id);
    assert.equal(id, 'main-content', 'the focused id after the skip link');
    await page.close();
  });

  test('everything but search works without JavaScript', async () => {
    const context = await browser.newContext({ javaScriptEnabled: false });
    const page = await context.newPage();
    await page.goto(base + 'trustees/');
    const rows = await page.locator('table tbody tr').count();
    assert.ok(rows >= 20, `${rows} trustee rows without JavaScript`);
    await context.close();
  });

  test('the trustee directory flags resident registration numbers', async () => {
    const { page } = await open('trustees/');
    const flagged = await page.locator('.rrn-summary li').allTextContents();
    assert.ok(flagged.some((t) => t.includes('서울특별시 중구')), `flagged: ${flagged.join(', ')}`);
    await page.close();
  });

  test('the compliance page filters by agency group and links each finding to its evidence', async () => {
    const { page, problems } = await open('compliance/');
    const rows = page.locator('.matrix tbody tr');
    assert.equal(await rows.count(), 5, 'matrix rows');
    await page.locator('.group-filter label', { hasText: '광역자치단체' }).click();
    const shown = await page.locator('.matrix tbody tr:visible').count();
    assert.equal(shown, 2, 'rows shown for 광역자치단체');
    const sections = await page.locator('section.findings:visible').count();
    assert.equal(sections, 2, 'finding sections shown');
    assert.match(page.url(), /group=metropolitan/);
    // Every mandatory cell of the seeds is "있음" and leads to an article.
    const cells = await page.locator('.matrix tbody tr:visible td.status').allTextContents();
    assert.equal(cells.length, 16, `status cells: ${cells.join(',')}`);
    assert.deepEqual(cells.filter((t) => !t.trim().startsWith('있음')), [], 'status cells not starting with 있음');
    // Each cell's link names its policy and item for screen readers.
    const name = await page.locator('.matrix tbody tr:visible td.status a').first().textContent();
    assert.match(name, /서울특별시/);
    assert.match(name, /처리 목적/);
    const status = await page.locator('[data-filter-status]').textContent();
    assert.match(status, /5개 중 2개/);
    await page.locator('.matrix tbody tr:visible td.status a').first().click();
    await page.waitForLoadState('load');
    const hash = decodeURIComponent(new URL(page.url()).hash);
    assert.match(hash, /^#제\d+조$/, `the link landed on ${page.url()}`);
    assert.equal(await page.locator(hash).count(), 1, `elements ${hash} on ${page.url()}`);
    assert.deepEqual(problems, [], 'script errors and CSP refusals');
    await page.close();
    const home = await open('?group=local');
    const cards = await home.page.locator('.card:visible').count();
    assert.equal(cards, 3, 'cards on the home page for 기초자치단체');
    await home.page.close();
  });

  test('nothing of the searcher loads before a search box is focused', async () => {
    const { page, problems } = await open('');
    const fetched = [];
    page.on('request', (r) => fetched.push(r.url()));
    await page.waitForTimeout(500);
    assert.deepEqual(fetched.filter((u) => u.includes('/search/') || u.includes('.wasm')), [], 'searcher files fetched before focus');
    await page.locator('#home-q').focus();
    await page.waitForResponse((r) => r.url().endsWith('manifest.json'), { timeout: 10000 });
    assert.deepEqual(problems, [], 'script errors and CSP refusals');
    await page.close();
  });

  test('the search page finds a trustee from a spoken query and its link leads to the row', async () => {
    const { page, problems } = await open(`search/?q=${encodeURIComponent('피씨엔에 위탁한 업무')}`);
    await page.waitForFunction(() => /검색 결과 \d+건/.test(document.getElementById('search-status').textContent), null, { timeout: 20000 });
    const first = page.locator('#search-results a.hit-title').first();
    const href = await first.getAttribute('href');
    assert.match(href, /seoul\//);
    const marks = await page.locator('#search-results mark').count();
    assert.ok(marks > 0, 'no highlighted words');
    const trustee = page.locator('#search-results a.hit-title[href$="seoul/poll/#위탁-1"]');
    assert.equal(await trustee.count(), 1, 'hits for the (주)피씨엔 row of the polling system');
    await trustee.click();
    await page.waitForURL(/seoul\/poll\/#/);
    const row = await page.locator('[id="위탁-1"]').textContent();
    assert.match(row, /피씨엔/, `landed on ${row}`);
    assert.deepEqual(problems, [], 'script errors and CSP refusals');
    await page.close();
  });

  test('typing on the search page searches as you type and keeps the query in the URL', async () => {
    const { page, problems } = await open('search/');
    await page.locator('#search-q').pressSequentially('정지인 전화번호', { delay: 30 });
    await page.waitForFunction(() => document.querySelectorAll('#search-results .hit').length > 0, null, { timeout: 20000 });
    const first = await page.locator('#search-results a.hit-title').first().getAttribute('href');
    assert.match(first, /#연락처-2$/);
    assert.match(decodeURIComponent(page.url()), /q=정지인[ +]전화번호/);
    await page.keyboard.press('ArrowDown');
    const focused = await page.evaluate(() => document.activeElement.className);
    assert.equal(focused, 'hit-title', 'the class of what arrow down focuses');
    const kinds = await page.locator('.kind-filter button').allTextContents();
    assert.ok(kinds.some((k) => k.startsWith('연락처')), `kind filters: ${kinds.join(', ')}`);
    assert.deepEqual(problems, [], 'script errors and CSP refusals');
    await page.close();
  });

  test('the header box of every page shows hits as you type', async () => {
    const { page, problems } = await open('trustees/');
    await page.locator('#header-q').pressSequentially('쿠키를 차단하려면', { delay: 30 });
    await page.waitForFunction(() => document.querySelector('.search-panel:not([hidden]) .hit'), null, { timeout: 20000 });
    const titles = await page.locator('.search-panel .hit-title').allTextContents();
    assert.ok(titles.some((t) => t.includes('자동')), `header hits: ${titles.join(' | ')}`);
    assert.deepEqual(problems, [], 'script errors and CSP refusals');
    await page.close();
  });

  test('what the query names shows as removable chips, and shared wording opens to its agencies', async () => {
    const { page, problems } = await open(`search/?q=${encodeURIComponent('남양주 분쟁조정')}`);
    await page.waitForFunction(() => /검색 결과 \d+건/.test(document.getElementById('search-status').textContent), null, { timeout: 20000 });
    const chips = await page.locator('.understood button').allTextContents();
    assert.ok(chips.includes('경기도 남양주시 ×'), `chips: ${chips.join(', ')}`);
    assert.ok(chips.includes('구제 기관 ×'), `chips: ${chips.join(', ')}`);
    const first = page.locator('#search-results .hit').first();
    const summary = await first.locator('.same-wording summary').textContent();
    assert.match(summary, /같은 문구: \d+개 기관/);
    await first.locator('.same-wording summary').click();
    await page.waitForFunction(() => document.querySelectorAll('.same-wording-list a').length >= 4, null, { timeout: 20000 });
    const agencies = await first.locator('.same-wording-list a').allTextContents();
    assert.equal(agencies[0], '경기도 남양주시', `the first member of ${agencies.join(', ')}`);
    await page.locator('.understood button', { hasText: '경기도 남양주시' }).click();
    await page.waitForFunction(() => ![...document.querySelectorAll('.understood button')].some((b) => b.textContent.includes('남양주')), null, { timeout: 20000 });
    assert.deepEqual(problems, [], 'script errors and CSP refusals');
    await page.close();
  });

  test('two words naming one kind make one chip, and removing it takes both literally', async () => {
    const { page, problems } = await open(`search/?q=${encodeURIComponent('남양주시 보호책임자 연락처')}`);
    await page.waitForFunction(() => /검색 결과 \d+건/.test(document.getElementById('search-status').textContent), null, { timeout: 20000 });
    const chips = await page.locator('.understood button').allTextContents();
    assert.deepEqual(chips, ['경기도 남양주시 ×', '연락처 ×']);
    const label = await page.locator('.understood button', { hasText: '연락처' }).getAttribute('aria-label');
    assert.match(label, /보호책임자, 연락처/);
    await page.locator('.understood button', { hasText: '연락처' }).click();
    await page.waitForFunction(() => [...document.querySelectorAll('.understood button')].map((b) => b.textContent).join('|') === '경기도 남양주시 ×', null, { timeout: 20000 });
    assert.deepEqual(problems, [], 'script errors and CSP refusals');
    await page.close();
  });

  test('a word found nowhere is left out, and the page says so', async () => {
    const { page, problems } = await open(`search/?q=${encodeURIComponent('쿼크스트라움 보호책임자')}`);
    await page.waitForFunction(() => /검색 결과 \d+건/.test(document.getElementById('search-status').textContent), null, { timeout: 20000 });
    const note = await page.locator('#search-results .left-out').textContent();
    assert.match(note, /‘쿼크스트라움’: 찾을 수 없는 낱말이라 빼고 검색했습니다/);
    const status = await page.locator('#search-status').textContent();
    assert.match(status, /‘쿼크스트라움’ 빼고 검색/, 'the live region says it too');
    const kinds = await page.locator('#search-results .hit').count();
    assert.ok(kinds > 0, 'the kind named still finds its documents');
    assert.deepEqual(problems, [], 'script errors and CSP refusals');
    await page.close();
  });

  test('a half-typed syllable finds what it becomes and never flashes no results', async () => {
    const { page, problems } = await open('search/');
    await page.evaluate(() => {
      window.statuses = [];
      const status = document.getElementById('search-status');
      new MutationObserver(() => window.statuses.push(status.textContent)).observe(status, { childList: true, characterData: true, subtree: true });
    });
    for (const typed of ['수', '수탁', '수탁ㅈ']) {
      await page.locator('#search-q').fill(typed);
      await page.waitForTimeout(250);
    }
    await page.waitForFunction(() => /검색 결과 \d+건/.test(document.getElementById('search-status').textContent), null, { timeout: 20000 });
    const text = await page.locator('#search-results .hit').first().textContent();
    assert.ok(text.includes('수탁자'), `first hit: ${text.slice(0, 120)}`);
    const statuses = await page.evaluate(() => window.statuses);
    assert.deepEqual(statuses.filter((s) => s.includes('없습니다')), [], `statuses: ${statuses.join(' | ')}`);
    await page.locator('#search-q').fill('ㄱㅇㅈㅂ');
    await page.waitForFunction(() => [...document.querySelectorAll('#search-results mark')].some((m) => m.textContent === '개인정보'), null, { timeout: 20000 });
    assert.deepEqual(problems, [], 'script errors and CSP refusals');
    await page.close();
  });

  test('no results gives advice, not silence', async () => {
    const { page } = await open(`search/?q=${encodeURIComponent('콰르릉퀭')}`);
    await page.waitForFunction(() => document.getElementById('search-status').textContent.includes('검색 결과가 없습니다'), null, { timeout: 20000 });
    await page.close();
  });

  test('figures: bytes fetched and query latency in Chromium', async (t) => {
    const { page } = await open('');
    let bytes = 0;
    const counted = [];
    page.on('requestfinished', (req) => {
      if (req.url().includes('/search/') || req.url().includes('/static/search')) {
        counted.push(req.sizes().then((z) => { bytes += z.responseBodySize; }));
      }
    });
    const timing = await page.evaluate(async (queries) => {
      const w = new Worker('/static/search-worker.js', { type: 'module' });
      const ask = (msg) => new Promise((ok, fail) => {
        w.onmessage = (e) => (e.data.type === 'error' ? fail(new Error(e.data.message)) : ok(e.data));
        w.postMessage(msg);
      });
      const t0 = performance.now();
      await ask({
        type: 'init',
        base: '/',
        // The bundle's names, as the page states them.
        searcher: Object.fromEntries(['glue', 'module'].map((n) => [n,
          document.querySelector(`meta[name="bangchim-search-${n}"]`).content])),
      });
      await ask({ type: 'search', id: 1, request: { query: queries[0], limit: 10 } });
      const first = performance.now() - t0;
      const times = [];
      const empty = [];
      for (let r = 0; r < 5; r += 1) {
        for (const q of queries) {
          const t = performance.now();
          const answer = await ask({ type: 'search', id: 2, request: { query: q, limit: 10 } });
          times.push(performance.now() - t);
          if (!answer.results || answer.results.hits.length === 0) empty.push(q);
        }
      }
      return { first, times, empty };
    }, ['피씨엔에 위탁한 업무', '쿠키를 차단하려면', '정지인 전화번호', '접속기록 보관', '주민등록번호']);
    await page.waitForTimeout(200);
    await Promise.all(counted);
    const [p50, p95] = [percentile(timing.times, 0.5), percentile(timing.times, 0.95)];
    t.diagnostic(`figures: first query ${timing.first.toFixed(0)} ms after load with ${bytes} B fetched; `
      + `warm queries p50 ${p50.toFixed(2)} ms, p95 ${p95.toFixed(2)} ms`);
    // The figures are of queries that found something.
    assert.deepEqual(timing.empty, [], 'queries timed without hits');
    assert.equal(timing.times.length, 25);
    assert.ok(bytes > 0, 'nothing of the searcher was counted');
    await page.close();
  });

  const AXE_PAGES = ['', 'seoul/poll/', 'seoul-junggu/privacy/', 'trustees/', 'contacts/', 'compare/', 'compare/retention/',
    'compliance/', 'search/', 'data/'];
  for (const url of AXE_PAGES) {
    test(`axe-core finds no serious or critical violation on /${url}`, async () => {
      const { page, problems } = await open(url);
      const bad = await axeViolations(page);
      assert.deepEqual(bad, [], 'axe-core violations');
      assert.deepEqual(problems, [], 'script errors and CSP refusals');
      await page.close();
    });
  }

  test('pages fit 360 px without horizontal scrolling', async () => {
    for (const url of ['', 'seoul/poll/', 'trustees/', 'compliance/']) {
      const { page } = await open(url, 360);
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
      assert.ok(overflow <= 0, `/${url} is ${overflow}px wider than 360`);
      await page.close();
    }
  });

  test('screenshots at 360 and 1280 px', async () => {
    const shots = [['home', ''], ['policy', 'seoul/poll/'], ['trustees', 'trustees/'], ['contacts', 'contacts/'],
      ['compare', 'compare/retention/'], ['compliance', 'compliance/'],
      ['search', `search/?q=${encodeURIComponent('피씨엔에 위탁한 업무')}`]];
    for (const [name, url] of shots) {
      for (const width of [360, 1280]) {
        const { page } = await open(url, width);
        if (url.includes('?q=')) {
          await page.waitForFunction(() => document.querySelectorAll('#search-results .hit').length > 0, null, { timeout: 20000 });
        }
        await page.screenshot({ path: path.join(shotDir, `${name}-${width}.png`), fullPage: true });
        await page.close();
      }
    }
  });
});
