// Shared set-up of the browser tests: the built demo (www/) served by http-server on a
// free loopback port, and Debian's Chromium driven by playwright-core.
import { before, after } from 'node:test';
import { createServer } from 'http-server';
import { chromium } from 'playwright-core';
import { execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';

export const root = new URL('..', import.meta.url).pathname;

/** Serves www/ on 127.0.0.1; resolves to { url, close, requested }: `requested` lists the
 * paths asked for so far, whichever thread asked (a worker's own requests included). */
export async function serve() {
  const requested = [];
  const server = createServer({ root: `${root}www`, cache: -1, showDir: false, logFn: (req) => requested.push(req.url) });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.server.address();
  return { url: `http://127.0.0.1:${port}/`, close: () => server.close(), requested };
}

/** Launches headless Chromium with the flags this machine needs (no network but loopback). */
export function launch() {
  return chromium.launch({
    executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--disable-background-networking',
           '--disable-component-update', '--disable-sync', '--no-first-run'],
  });
}

/** Runs the native command line; returns its standard output. */
export function hubpulse(...args) {
  return execFileSync(`${root}target/debug/hubpulse`, args, { encoding: 'utf8', maxBuffer: 1 << 28 });
}

/** The native command line's report of a file, to compare the browser's figures with. */
export function nativeReport(...args) {
  return JSON.parse(hubpulse('report', ...args));
}

/** Test inputs live in www/data/test/ (git-ignored), served beside the demo data. */
export const fixtures = `${root}www/data/test/`;

/** Writes a test input; returns its path relative to the page. */
export function fixture(name, contents) {
  mkdirSync(fixtures, { recursive: true });
  writeFileSync(fixtures + name, contents);
  return `data/test/${name}`;
}

/**
 * A body of about 10 MB of events (large enough to be parsed in pieces), written as the
 * fixture `name` (`.csv` or `.ndjson`): bad rows all through it, CRLF and blank lines, apps
 * from row 120,000 on; `quoteAt`: the CSV row whose model is quoted. Returns its path for the
 * page and the lines of its first ten rejected rows.
 */
export function largeEvents(name, quoteAt = -1) {
  const modes = ['tee', 'vanilla', 'zkml'];
  const rows = Array.from({ length: 200_000 }, (_, i) => ({
    ts: i % 19_000 === 7 ? 'not a time' : `2026-03-${String(1 + (i % 28)).padStart(2, '0')}T00:00:00Z`,
    model: `m${i % 53}`, caller: `0x${((i * 7919) % 100_003).toString(16)}`, mode: modes[i % 3],
    latency_ms: (i % 1000) / 10, app: i > 120_000 ? `app${i % 3}` : '',
  }));
  const end = (i) => (i % 5000 === 3 ? '\r\n' : i % 7001 === 5 ? '\n\n' : '\n');
  const csv = name.endsWith('.csv');
  const body = csv
    ? 'ts,model,caller,mode,latency_ms,app\n' + rows.map((r, i) => `${r.ts},${i === quoteAt ? `"${r.model}"` : r.model},` +
      `${r.caller},${r.mode},${r.latency_ms},${r.app}${end(i)}`).join('')
    : rows.map((r, i) => JSON.stringify(r.app ? r : { ...r, app: undefined }) + end(i)).join('');
  const blanks = (i) => Math.floor((i + 7001 - 6) / 7001); // blank lines before row i
  const rejected = rows.flatMap((r, i) => (r.ts === 'not a time' ? [(csv ? 2 : 1) + i + blanks(i)] : []));
  return { path: fixture(name, body), bytes: body.length, rejected: rejected.length, lines: rejected.slice(0, 10) };
}

/** Saves a screenshot under test-results/ for a person to look at. */
export async function screenshot(page, name) {
  mkdirSync(`${root}test-results`, { recursive: true });
  await page.screenshot({ path: `${root}test-results/${name}.png` });
}

/**
 * Adds a `<hub-pulse>` to `page`'s body for each of `widgets` (`id: [width, attributes]`, an
 * attribute whose value is null left out), 340 px high, once hubpulse.js is loaded.
 */
export async function addWidgets(page, widgets) {
  await page.evaluate(() => import('./hubpulse.js'));
  await page.evaluate((widgets) => {
    for (const [id, [width, attributes]] of Object.entries(widgets)) {
      const el = document.createElement('hub-pulse');
      el.id = id;
      el.style.cssText = `display:block;width:${width}px;height:340px;margin-bottom:8px`;
      for (const [k, v] of Object.entries(attributes)) if (v !== null) el.setAttribute(k, v);
      document.body.append(el);
    }
  }, widgets);
}

/** Waits until the widget has a report or an error; returns which. */
export function settled(page, selector) {
  return page.waitForFunction((sel) => {
    const el = document.querySelector(sel);
    if (el?.report) return 'loaded';
    const status = el?.shadowRoot?.querySelector('.status.error');
    return status && !status.hidden ? 'error' : false;
  }, selector, { timeout: 20_000 }).then((h) => h.jsonValue());
}

/**
 * Serves www/ and launches Chromium once for the test file that calls it; the returned
 * object's `server` and `browser` are set before its first test runs.
 *
 * Chromium only: these suites use Playwright's page API (routing requests, CDP sessions,
 * touch, viewport and media emulation), which drives Chromium alone here, since Playwright's
 * own Firefox and WebKit builds cannot be downloaded. What differs between engines is tested
 * in all three by tests/engines.test.mjs, through WebDriver BiDi and WebKitWebDriver.
 */
export function browserSuite() {
  const suite = { server: null, browser: null };
  before(async () => {
    suite.server = await serve();
    suite.browser = await launch();
  });
  after(async () => {
    await suite.browser?.close();
    suite.server?.close();
  });
  return suite;
}

/** The share of a widget's canvas pixels that differ from its top-left (background) pixel. */
export function painted(page, selector) {
  return page.evaluate((sel) => {
    const canvas = document.querySelector(sel).shadowRoot.querySelector('canvas');
    const { data } = canvas.getContext('2d').getImageData(0, 0, canvas.width, canvas.height);
    let n = 0;
    for (let i = 0; i < data.length; i += 4) if (data[i] !== data[0] || data[i + 1] !== data[1] || data[i + 2] !== data[2]) n++;
    return { share: n / (data.length / 4), corner: [data[0], data[1], data[2]] };
  }, selector);
}
