// The versions fixture (tests/fixtures/versions: the seed 서울계약마당 policy
// and a hand-written later version) built and loaded in Chromium under the
// strict CSP: the 대조표, the earlier version's page and the feeds.
//   node tests/e2e/versions.mjs <built fixture dir> <screenshot dir>
// The checks are node:test tests, run in order in one suite (they share the
// browser); a failure makes the exit status non-zero.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { after, describe, test } from 'node:test';
import { axeViolations, startSite } from './harness.mjs';

const [siteDir, shotDir] = process.argv.slice(2);
if (!siteDir || !shotDir) {
  console.error('usage: node versions.mjs <built site dir> <screenshot dir>');
  process.exit(2);
}
fs.mkdirSync(shotDir, { recursive: true });
const { base, browser, server } = await startSite(siteDir);

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

describe('policy versions in Chromium', () => {
  after(async () => {
    await browser.close();
    server.close();
  });

  test('the 대조표 marks the changed words of each changed article', async () => {
    const { page, problems, response } = await open(CHANGES);
    assert.equal(response.status(), 200, 'HTTP status');
    const del = await page.locator('table.changes del').allTextContents();
    const ins = await page.locator('table.changes ins').allTextContents();
    assert.ok(del.some((t) => t.includes('3년입니다')), `deleted: ${del.join(' | ')}`);
    assert.ok(ins.some((t) => t.includes('5년입니다')), `inserted: ${ins.join(' | ')}`);
    const labels = await page.locator('table.changes tbody th').allTextContents();
    for (const want of ['문구 변경', '신설', '삭제', '조 번호 변경']) {
      assert.ok(labels.includes(want), `no row "${want}" among ${labels.join(', ')}`);
    }
    const summary = await page.locator('.summary-line').textContent();
    assert.match(summary, /수탁자 1곳 추가/);
    assert.match(summary, /보유기간 변경/);
    // The unchanged articles are folded, one click away. (`open` is a
    // boolean attribute: present, it reads as "", so compare with null.)
    const folded = page.locator('details.unchanged');
    assert.equal(await folded.getAttribute('open'), null, 'the open attribute of the unchanged articles');
    await folded.locator('summary').click();
    assert.ok(await folded.locator('li').first().isVisible(), 'unfolding shows nothing');
    assert.deepEqual(problems, [], 'script errors and CSP refusals');
    await page.close();
  });

  test('the earlier version has its own page, marked as not in force', async () => {
    const { page, problems } = await open('seoul/contract/2023-12-01/');
    const notice = await page.locator('.earlier').textContent();
    assert.match(notice, /현재 시행 중이 아닙니다/);
    const text = await page.locator('#제2조').textContent();
    assert.ok(text.includes('3년입니다'), `the earlier page does not show the earlier wording: ${text}`);
    await page.locator('.earlier a').click();
    await page.waitForLoadState('load');
    assert.match(page.url(), /\/seoul\/contract\/$/, `the notice leads to ${page.url()}`);
    const current = await page.locator('#제2조').textContent();
    assert.ok(current.includes('5년입니다'), `the current page does not show the current wording: ${current}`);
    const versions = await page.locator('.version-list li').count();
    assert.equal(versions, 2, 'versions listed');
    assert.deepEqual(problems, [], 'script errors and CSP refusals');
    await page.close();
  });

  test('pages link their feeds, and the feeds parse as Atom in the browser', async () => {
    const { page } = await open('seoul/contract/');
    const feeds = await page.locator('link[rel="alternate"][type="application/atom+xml"]').evaluateAll(
      (links) => links.map((l) => l.getAttribute('href')),
    );
    assert.ok(feeds.includes('/feed.xml'), `feeds: ${feeds.join(', ')}`);
    assert.ok(feeds.includes('/seoul/feed.xml'), `feeds: ${feeds.join(', ')}`);
    for (const href of feeds) {
      const entries = await page.evaluate(async (u) => {
        const doc = new DOMParser().parseFromString(await (await fetch(u)).text(), 'application/xml');
        if (doc.querySelector('parsererror')) return -1;
        if (doc.documentElement.namespaceURI !== 'http://www.w3.org/2005/Atom') return -2;
        return doc.getElementsByTagName('entry').length;
      }, href);
      assert.equal(entries, 2, `${href}: entries (-1: not XML, -2: not Atom)`);
    }
    await page.close();
  });

  for (const url of [CHANGES, 'seoul/contract/2023-12-01/', 'seoul/contract/']) {
    test(`axe-core finds no serious or critical violation on /${url}`, async () => {
      const { page, problems } = await open(url);
      const bad = await axeViolations(page);
      assert.deepEqual(bad, [], 'axe-core violations');
      assert.deepEqual(problems, [], 'script errors and CSP refusals');
      await page.close();
    });
  }

  test('the 대조표 fits 360 px and prints on A4 landscape', async () => {
    for (const width of [360, 1280]) {
      const { page } = await open(CHANGES, width);
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
      assert.ok(overflow <= 0, `${overflow}px of horizontal scrolling at ${width} px`);
      await page.screenshot({ path: path.join(shotDir, `changes-${width}.png`), fullPage: true });
      if (width === 1280) {
        const pdf = await page.pdf({ preferCSSPageSize: true });
        // A4 landscape is 842 × 595 pt: the first page's MediaBox says so.
        const box = /MediaBox\s*\[\s*0\s+0\s+([\d.]+)\s+([\d.]+)/.exec(pdf.toString('latin1'));
        assert.ok(box, 'no MediaBox in the PDF');
        assert.deepEqual([Math.round(+box[1]), Math.round(+box[2])], [842, 595], 'the page box in pt');
      }
      await page.close();
    }
  });
});
