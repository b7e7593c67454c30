// The hostile fixture (tests/fixtures/hostile) built and loaded in
// Chromium under the strict CSP: no page may run a script of the content's,
// open a dialog, or carry a javascript: link; search shows the strings as
// text.  node tests/e2e/hostile.mjs <built fixture dir>
import fs from 'node:fs';
import path from 'node:path';
import { startSite } from './harness.mjs';

const [siteDir] = process.argv.slice(2);
const { base, browser, server } = await startSite(siteDir, '');

const pages = [];
(function walk(dir) {
  for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) walk(p); else if (e.name.endsWith('.html')) pages.push(path.relative(siteDir, p));
  }
})(siteDir);

let passed = 0;
let failed = 0;
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
  const problems = await visit(url);
  if (problems.length) { failed += 1; console.log(`FAIL ${rel}: ${problems.join('; ')}`); } else { passed += 1; console.log(`ok   ${rel}`); }
}

const searchProblems = await visit(`${base}search/?q=${encodeURIComponent('script alert img')}`, async (page) => {
  await page.waitForFunction(() => document.querySelectorAll('#search-results .hit').length > 0, null, { timeout: 20000 });
  const excerpt = await page.locator('#search-results .hit-excerpt').first().textContent();
  if (!excerpt.includes('<')) throw new Error(`the markup is not shown as text: ${excerpt}`);
});
if (searchProblems.length) { failed += 1; console.log(`FAIL search: ${searchProblems.join('; ')}`); } else { passed += 1; console.log('ok   search shows hostile strings as text'); }

await browser.close();
server.close();
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed === 0 ? 0 : 1);
