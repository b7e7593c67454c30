// The versions fixture (tests/fixtures/versions: the seed 서울계약마당 policy
// and a hand-written later version) built and loaded in Chromium under the
// strict CSP: the 대조표, the earlier version's page and the feeds.
//   node tests/e2e/versions.mjs <built fixture dir> <screenshot dir>
import fs from 'node:fs';
import path from 'node:path';
import { assert, axeViolations, checker, startSite } from './harness.mjs';

const [siteDir, shotDir] = process.argv.slice(2);
if (!siteDir || !shotDir) {
  console.error('usage: node versions.mjs <built site dir> <screenshot dir>');
  process.exit(2);
}
fs.mkdirSync(shotDir, { recursive: true });
const { base, browser, server } = await startSite(siteDir);
const { check, finish } = checker();

const CHANGES = 'seoul/contract/changes/2025-03-01/';

async function open(url, width = 1280) {
  const page = await browser.newPage({ viewport: { width, height: 900 } });
  const problems = [];
  page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
  page.on('console', (m) => {
    if (m.type() === 'error' && !/status of 404/.test(m.text())) problems.push(`console: ${m.text()}`);
  });
  const response = await page.goto(base + url, { waitUntil: 'load' });
  return { page, problems, response };
}

await check('the 대조표 marks the changed words of each changed article', async () => {
  const { page, problems, response } = await open(CHANGES);
  assert(response.status() === 200, `status ${response.status()}`);
  const del = await page.locator('table.changes del').allTextContents();
  const ins = await page.locator('table.changes ins').allTextContents();
  assert(del.some((t) => t.includes('3년입니다')), `deleted: ${del.join(' | ')}`);
  assert(ins.some((t) => t.includes('5년입니다')), `inserted: ${ins.join(' | ')}`);
  const labels = await page.locator('table.changes tbody th').allTextContents();
  for (const want of ['문구 변경', '신설', '삭제', '조 번호 변경']) {
    assert(labels.includes(want), `no row "${want}" among ${labels.join(', ')}`);
  }
  const summary = await page.locator('.summary-line').textContent();
  assert(summary.includes('수탁자 1곳 추가') && summary.includes('보유기간 변경'), summary);
  // The unchanged articles are folded, one click away.
  const folded = page.locator('details.unchanged');
  assert(!(await folded.getAttribute('open')), 'the unchanged articles are not folded');
  await folded.locator('summary').click();
  assert(await folded.locator('li').first().isVisible(), 'unfolding shows nothing');
  assert(problems.length === 0, problems.join('; '));
  await page.close();
});

await check('the earlier version has its own page, marked as not in force', async () => {
  const { page, problems } = await open('seoul/contract/2023-12-01/');
  const notice = await page.locator('.earlier').textContent();
  assert(notice.includes('현재 시행 중이 아닙니다'), notice);
  const text = await page.locator('#제2조').textContent();
  assert(text.includes('3년입니다'), 'the earlier page shows the earlier wording');
  await page.locator('.earlier a').click();
  await page.waitForLoadState('load');
  assert(page.url().endsWith('/seoul/contract/'), `the notice leads to ${page.url()}`);
  const current = await page.locator('#제2조').textContent();
  assert(current.includes('5년입니다'), 'the current page shows the current wording');
  const versions = await page.locator('.version-list li').count();
  assert(versions === 2, `${versions} versions listed`);
  assert(problems.length === 0, problems.join('; '));
  await page.close();
});

await check('pages link their feeds, and the feeds parse as Atom in the browser', async () => {
  const { page } = await open('seoul/contract/');
  const feeds = await page.locator('link[rel="alternate"][type="application/atom+xml"]').evaluateAll(
    (links) => links.map((l) => l.getAttribute('href')),
  );
  assert(feeds.includes('/feed.xml') && feeds.includes('/seoul/feed.xml'), `feeds: ${feeds.join(', ')}`);
  for (const href of feeds) {
    const entries = await page.evaluate(async (u) => {
      const doc = new DOMParser().parseFromString(await (await fetch(u)).text(), 'application/xml');
      if (doc.querySelector('parsererror')) return -1;
      if (doc.documentElement.namespaceURI !== 'http://www.w3.org/2005/Atom') return -2;
      return doc.getElementsByTagName('entry').length;
    }, href);
    assert(entries === 2, `${href}: ${entries} entries`);
  }
  await page.close();
});

for (const url of [CHANGES, 'seoul/contract/2023-12-01/', 'seoul/contract/']) {
  await check(`axe-core finds no serious or critical violation on /${url}`, async () => {
    const { page, problems } = await open(url);
    const bad = await axeViolations(page);
    assert(bad.length === 0, bad.join('; '));
    assert(problems.length === 0, problems.join('; '));
    await page.close();
  });
}

await check('the 대조표 fits 360 px and prints on A4 landscape', async () => {
  for (const width of [360, 1280]) {
    const { page } = await open(CHANGES, width);
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    assert(overflow <= 0, `${overflow}px of horizontal scrolling at ${width} px`);
    await page.screenshot({ path: path.join(shotDir, `changes-${width}.png`), fullPage: true });
    if (width === 1280) {
      const pdf = await page.pdf({ preferCSSPageSize: true });
      // A4 landscape is 842 × 595 pt: the first page's MediaBox says so.
      const box = /MediaBox\s*\[\s*0\s+0\s+([\d.]+)\s+([\d.]+)/.exec(pdf.toString('latin1'));
      assert(box && Math.round(+box[1]) === 842 && Math.round(+box[2]) === 595, `page box ${box && box.slice(1)}`);
    }
    await page.close();
  }
});

await browser.close();
server.close();
finish();
