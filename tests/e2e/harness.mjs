// Shared by the end-to-end scripts: `bangchim serve --out` over a built
// site (the server publishers preview with: Range, validators, caching,
// precompressed siblings, the strict Content-Security-Policy), and Debian's
// Chromium. The benchmark alone keeps a counting server of its own.
import http from 'node:http';
import fs from 'node:fs';
import path from 'node:path';
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

const here = path.dirname(fileURLToPath(import.meta.url));

/** The p-th quantile (0–1) of `xs`: the value at floor(p·n) of the sorted list. */
export function percentile(xs, p) {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor(p * s.length))];
}

/**
 * The serious and critical axe-core violations of an open page (WCAG 2.0/2.1
 * A and AA, best practice), one line each; empty when clean.
 */
let axeSource = null;
export async function axeViolations(page) {
  // Evaluated through the DevTools protocol, which the page's CSP does not
  // govern: axe needs no exception in the policy under test.
  axeSource ??= fs.readFileSync(path.join(here, 'node_modules', 'axe-core', 'axe.min.js'), 'utf8');
  await page.evaluate(axeSource);
  const result = await page.evaluate(async () =>
    // eslint-disable-next-line no-undef
    axe.run(document, { runOnly: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'] }));
  return result.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id} (${v.impact}, ${v.nodes.length}): ${v.nodes[0].target}`);
}

export const CSP =
  "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'; object-src 'none'; base-uri 'none'";

const TYPES = {
  '.html': 'text/html; charset=utf-8', '.css': 'text/css', '.js': 'text/javascript',
  '.mjs': 'text/javascript', '.json': 'application/json', '.wasm': 'application/wasm',
  '.xml': 'application/xml', '.txt': 'text/plain',
};

/** Debian's Chromium, headless, with no traffic of its own. */
function launchChromium() {
  return chromium.launch({
    executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
      '--disable-component-update', '--disable-sync'],
  });
}

/**
 * Serves the built `siteDir` with `bangchim serve --out` on 127.0.0.1 (the
 * binary is $BANGCHIM, else the debug build in $CARGO_TARGET_DIR) and
 * launches Chromium.
 */
export async function startSite(siteDir) {
  const bin = process.env.BANGCHIM
    || path.join(process.env.CARGO_TARGET_DIR || path.join(here, '..', '..', 'target'), 'debug', 'bangchim');
  const child = spawn(bin, ['serve', '--out', siteDir, '--port', '0'], { stdio: ['ignore', 'ignore', 'pipe'] });
  const base = await new Promise((ok, fail) => {
    let said = '';
    child.stderr.on('data', (d) => {
      said += d;
      const m = said.match(/serving (http:\/\/127\.0\.0\.1:\d+\/)/);
      if (m) ok(m[1]);
    });
    child.on('exit', (code) => fail(new Error(`${bin} serve exited with ${code}: ${said}`)));
    child.on('error', fail);
  });
  const server = { close: () => child.kill() };
  return { base, browser: await launchChromium(), server };
}

/**
 * The benchmark's server: serves `siteDir` on 127.0.0.1 and launches
 * Chromium. `traffic` counts the requests answered and the body bytes sent
 * (after compression), which is what the benchmark measures.
 */
export async function startCountingSite(siteDir) {
  const traffic = { requests: 0, bytes: 0, files: [] };
  const server = http.createServer((req, res) => {
    const url = new URL(req.url, 'http://127.0.0.1');
    let file = path.resolve(siteDir, decodeURIComponent(url.pathname).replace(/^\/+/, ''));
    if (!file.startsWith(path.resolve(siteDir))) { res.writeHead(403).end(); return; }
    if (fs.existsSync(file) && fs.statSync(file).isDirectory()) file = path.join(file, 'index.html');
    if (!fs.existsSync(file)) {
      res.writeHead(404, { 'Content-Type': TYPES['.html'], 'Content-Security-Policy': CSP });
      res.end(fs.readFileSync(path.join(siteDir, '404.html')));
      return;
    }
    const headers = {
      'Content-Type': TYPES[path.extname(file)] || 'application/octet-stream',
      'Content-Security-Policy': CSP,
    };
    // Precompressed siblings, as static hosts serve them.
    const accepted = (req.headers['accept-encoding'] || '').split(',').map((e) => e.trim().split(';')[0]);
    for (const [name, ext] of [['br', '.br'], ['gzip', '.gz']]) {
      if (accepted.includes(name) && fs.existsSync(file + ext)) {
        file += ext;
        headers['Content-Encoding'] = name;
        headers.Vary = 'Accept-Encoding';
        break;
      }
    }
    const body = fs.readFileSync(file);
    traffic.requests += 1;
    traffic.bytes += body.length;
    traffic.files.push({ path: url.pathname, bytes: body.length });
    res.writeHead(200, headers);
    res.end(body);
  });
  await new Promise((ok) => server.listen(0, '127.0.0.1', ok));
  const base = `http://127.0.0.1:${server.address().port}/`;

  return { base, browser: await launchChromium(), server, traffic };
}
