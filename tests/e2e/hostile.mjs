// The hostile fixture (tests/fixtures/hostile) built and loaded in
// Chromium under the strict CSP: no page may run a script of the content's,
// open a dialog, or carry a javascript: link; search shows the strings as
// text.  node tests/e2e/hostile.mjs <built fixture dir>
// The checks are node:test tests, run in order in one suite; a failure makes
// the exit status non-zero.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { after, describe, test } from 'node:test';
import { startSite } from './harness.mjs';

const [siteDir] = process.argv.slice(2);
const { base, browser, server } = await startSite(siteDir);

const pages = [];
(function walk(dir) {
  for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) walk(p); else if (e.name.endsWith('.html')) pages.push(path.relative(siteDir, p));
  }
})(siteDir);

async function visit(url, inspect) {
  const page = await browser.newPage();
  const problems = [];
  page.on('dialog', async (d) => { problems.push(`dialog: ${d.message()}`); await d.dismiss(); });
  page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
  await page.goto(url, { waitUntil: 'load' });
  if (inspect) await inspect(page);
  await page.waitForTimeout(100);
  const jsLinks = await page.locator('a[href^="javascript:" i], [href^="javascript:" i]').count();
  if (jsLinks) problems.push(`${jsLinks} javascript: links`);
  const injected = await page.locator('body img, body script:not([type="module"])').count();
  if (injected) problems.push(`${injected} injected img/script elements`);
  await page.close();
  return problems;
}

describe('the hostile fixture in Chromium', () => {
  after(async () => {
    await browser.close();
    server.close();
  });

  for (const rel of pages) {
    const url = base + rel.split(path.sep).map(encodeURIComponent).join('/').replace(/index\.html$/, '');
    test(rel, async () => {
      assert.deepEqual(await visit(url), [], 'dialogs, script errors, javascript: links, injected elements');
    });
  }

  test('search shows hostile strings as text', async () => {
    const problems = await visit(`${base}search/?q=${encodeURIComponent('script alert img')}`, async (page) => {
      await page.waitForFunction(() => document.querySelectorAll('#search-results .hit').length > 0, null, { timeout: 20000 });
      const excerpt = await page.locator('#search-results .hit-excerpt').first().textContent();
      assert.ok(excerpt.includes('<'), `the markup is not shown as text: ${excerpt}`);
    });
    assert.deepEqual(problems, [], 'dialogs, script errors, javascript: links, injected elements');
  });
});
