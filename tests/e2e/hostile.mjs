// The hostile fixture (tests/fixtures/hostile) built and loaded in
// Chromium under the strict CSP: no page may run a script of the content's,
// open a dialog, or carry a javascript: link; search shows the strings as
// text.  node tests/e2e/hostile.mjs <built fixture dir>
import fs from 'node:fs';
import path from 'node:path';
import { assert, checker, startSite } from './harness.mjs';

const [siteDir] = process.argv.slice(2);
const { base, browser, server } = await startSite(siteDir);

const pages = [];
(function walk(dir) {
  for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) walk(p); else if (e.name.endsWith('.html')) pages.push(path.relative(siteDir, p));
  }
})(siteDir);

const { check, finish } = checker();
async function visit(url, after) {
  const page = await browser.newPage();
  const problems = [];
  page.on('dialog', async (d) => { problems.push(`dialog: ${d.message()}`); await d.dismiss(); });
  page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
  await page.goto(url, { waitUntil: 'load' });
  if (after) await after(page);
  await page.waitForTimeout(100);
  const jsLinks = await page.locator('a[href^="javascript:" i], [href^="javascript:" i]').count();
  if (jsLinks) problems.push(`${jsLinks} javascript: links`);
  const injected = await page.locator('body img, body script:not([type="module"])').count();
  if (injected) problems.push(`${injected} injected img/script elements`);
  await page.close();
  return problems;
}

for (const rel of pages) {
  const url = base + rel.split(path.sep).map(encodeURIComponent).join('/').replace(/index\.html$/, '');
  await check(rel, async () => {
    const problems = await visit(url);
    assert(problems.length === 0, problems.join('; '));
  });
}

await check('search shows hostile strings as text', async () => {
  const problems = await visit(`${base}search/?q=${encodeURIComponent('script alert img')}`, async (page) => {
    await page.waitForFunction(() => document.querySelectorAll('#search-results .hit').length > 0, null, { timeout: 20000 });
    const excerpt = await page.locator('#search-results .hit-excerpt').first().textContent();
    assert(excerpt.includes('<'), `the markup is not shown as text: ${excerpt}`);
  });
  assert(problems.length === 0, problems.join('; '));
});

await browser.close();
server.close();
finish();
