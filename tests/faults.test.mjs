// Failing networks, against a small fault-injecting server on 127.0.0.1: every fault gives
// the widget an error state that names the URL and the reason, transient ones are retried,
// and a refresh that fails keeps the last good figures.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import { gzipSync } from 'node:zlib';
import { browserSuite, settled } from './harness.mjs';

const suite = browserSuite();
const GOOD = '{"ts":"2026-03-01T10:00:00Z","model":"m","caller":"a"}\n{"ts":"2026-03-02T10:00:00Z","model":"m","caller":"b"}\n';
const hits = new Map();
let faults, base;

/** Each path is one fault; the widget's page fetches it cross-origin (CORS allowed). */
const ROUTES = {
  '/ok.ndjson': (req, res) => res.end(GOOD),
  '/500': (req, res) => { res.statusCode = 500; res.end('boom'); },
  '/flaky': (req, res) => {
    // Fails twice with 503, then answers: a retry with backoff must get through.
    if ((hits.get('/flaky') ?? 0) <= 2) { res.statusCode = 503; return res.end('busy'); }
    res.end(GOOD);
  },
  '/slow': (req, res) => {
    // A body that trickles in over ~1.5 s: slow is not broken.
    const lines = GOOD.split('\n').filter(Boolean);
    let i = 0;
    const drip = setInterval(() => {
      if (i < lines.length) res.write(`${lines[i++]}\n`);
      else { clearInterval(drip); res.end(); }
    }, 700);
  },
  '/cut': (req, res) => {
    // Promises 10 kB, sends part of a line, and hangs up.
    res.setHeader('Content-Length', '10000');
    res.write('{"ts":"2026-03-01T10:00:00Z","model":"m"}\n{"ts":"2026-03-0');
    setTimeout(() => res.destroy(), 100);
  },
  '/liar': (req, res) => {
    // Promises 16 GB: nothing may be reserved for what has not come.
    res.setHeader('Content-Length', '16000000000');
    res.write(GOOD.repeat(1000));
    setTimeout(() => res.destroy(), 200);
  },
  '/wrong-type': (req, res) => { res.setHeader('Content-Type', 'image/png'); res.end(GOOD); },
  '/html': (req, res) => { res.setHeader('Content-Type', 'text/html'); res.end('<!doctype html><h1>Login required</h1>'); },
  '/hang': () => {}, // never answers
  // 20 MB of newlines in 20 kB of gzip: a file that expands a thousand times.
  '/bomb.ndjson.gz': (req, res) => res.end(BOMB),
  // The same kind of body sent with Content-Encoding, which the browser undoes unasked.
  '/encoded': (req, res) => { res.setHeader('Content-Encoding', 'gzip'); res.end(BOMB); },
  // One line of 3 MB, longer than any record may be, between two good lines.
  '/long-line': (req, res) => {
    const [first, second] = GOOD.split('\n');
    res.end(`${first}\n{"model":"${'x'.repeat(3 << 20)}"}\n${second}\n`);
  },
  '/nul': (req, res) => res.end(Buffer.concat([Buffer.from('ts,model\n'), Buffer.alloc(4096)])),
  // A byte every 100 ms forever: never idle, never done.
  '/drip': (req, res) => {
    const drip = setInterval(() => res.write(' '), 100);
    res.on('close', () => clearInterval(drip));
  },
  // Too many requests: come back in a second.
  '/busy': (req, res) => {
    stamps.push(Date.now());
    if (stamps.length === 1) { res.statusCode = 429; res.setHeader('Retry-After', '1'); return res.end(); }
    res.end(GOOD);
  },
};
const BOMB = gzipSync(Buffer.alloc(20 << 20, 10));
const stamps = [];

before(async () => {
  faults = createServer((req, res) => {
    const path = new URL(req.url, 'http://x').pathname;
    hits.set(path, (hits.get(path) ?? 0) + 1);
    res.setHeader('Access-Control-Allow-Origin', '*');
    // Cross-origin, a page reads Retry-After only when the server exposes it.
    res.setHeader('Access-Control-Expose-Headers', 'Retry-After');
    (ROUTES[path] ?? ((q, r) => { r.statusCode = 404; r.end(); }))(req, res);
  });
  await new Promise((resolve) => faults.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${faults.address().port}`;
});
after(() => faults?.closeAllConnections?.() ?? faults?.close());

/** A widget on the demo page reading `path` of the fault server; resolves to its state. */
async function widget(path, attributes = {}) {
  const page = await suite.browser.newPage();
  await page.goto(suite.server.url);
  await page.evaluate(([src, attrs]) => {
    const el = document.createElement('hub-pulse');
    el.id = 'faulty';
    el.setAttribute('src', src);
    for (const [k, v] of Object.entries(attrs)) el.setAttribute(k, v);
    document.body.append(el);
  }, [`${base}${path}`, attributes]);
  const state = await settled(page, '#faulty');
  const message = await page.evaluate(() => document.getElementById('faulty').shadowRoot.querySelector('.status').textContent);
  return { page, state, message };
}

const cases = [
  ['an HTTP 500', '/500', /\/500: the server answered HTTP 500/],
  ['a body cut off mid-way', '/cut', /\/cut: could not fetch/],
  ['an HTML page instead of data', '/html', /\/html: this is an HTML page, not data/],
  ['a body that promises 16 GB and sends 100 kB', '/liar', /\/liar: could not fetch/],
  ['a server that never answers', '/hang', /\/hang: no data came for 1 s/],
];
for (const [what, path, reason] of cases) {
  test(`${what} gives an error that names the URL and the reason`, { timeout: 60_000 }, async () => {
    const { page, state, message } = await widget(path, { timeout: '1' });
    assert.equal(state, 'error');
    assert.match(message, reason);
    await page.close();
  });
}

test('in the dark theme the error is shown dark too, though no chart was ever drawn', { timeout: 60_000 }, async () => {
  const { page, state } = await widget('/500', { theme: 'dark' });
  assert.equal(state, 'error');
  const [background, text] = await page.evaluate(() => {
    const status = document.getElementById('faulty').shadowRoot.querySelector('.status');
    const { backgroundColor, color } = getComputedStyle(status);
    return [backgroundColor, color];
  });
  assert.equal(background, 'rgb(23, 26, 31)', 'the dark background');
  assert.equal(text, 'rgb(242, 184, 181)', "the dark theme's error colour");
  await page.close();
});

test('transient failures are retried with backoff', { timeout: 30_000 }, async () => {
  const { page, state } = await widget('/flaky');
  assert.equal(state, 'loaded');
  assert.equal(hits.get('/flaky'), 3, 'two 503s, then the answer');
  await page.close();
});

test('a 500 is retried a bounded number of times', { timeout: 30_000 }, async () => {
  hits.delete('/500');
  const { page } = await widget('/500');
  assert.equal(hits.get('/500'), 4, 'the first attempt and three retries');
  await page.close();
});

test('a slow body loads, and a wrong content type does not matter: the bytes decide', { timeout: 30_000 }, async () => {
  for (const path of ['/slow', '/wrong-type']) {
    const { page, state } = await widget(path, { timeout: '5' });
    assert.equal(state, 'loaded', path);
    assert.equal(await page.evaluate(() => document.getElementById('faulty').report.events), 2);
    await page.close();
  }
});

test('a body over the row limit is refused with a clear error', async () => {
  const { page, state, message } = await widget('/ok.ndjson', { 'max-rows': '1' });
  assert.equal(state, 'error');
  assert.match(message, /ok\.ndjson: larger than the limit of 1 rows/);
  await page.close();
});

test('a body over the byte limit is refused with a clear error', async () => {
  const { page, state, message } = await widget('/ok.ndjson', { 'max-bytes': '50' });
  assert.equal(state, 'error');
  assert.match(message, /ok\.ndjson: larger than the limit of 50 bytes/);
  await page.close();
});

test('a refresh that fails keeps the last good figures, with a notice', { timeout: 30_000 }, async () => {
  ROUTES['/flips'] = (req, res) => {
    if ((hits.get('/flips') ?? 0) === 1) return res.end(GOOD);
    res.statusCode = 404;
    res.end();
  };
  const { page, state } = await widget('/flips', { refresh: '1' });
  assert.equal(state, 'loaded');
  await page.waitForFunction(() => !document.getElementById('faulty').shadowRoot.querySelector('.notice').hidden, null, { timeout: 15_000 });
  const notice = await page.evaluate(() => document.getElementById('faulty').shadowRoot.querySelector('.notice').textContent);
  assert.match(notice, /^Refresh failed \(.*404.*\); showing the data from /);
  assert.equal(await page.evaluate(() => document.getElementById('faulty').report.events), 2);
  await page.close();
});

test('a gzip file that expands a thousand times is stopped early, and the page lives on', { timeout: 30_000 }, async () => {
  const { page, state, message } = await widget('/bomb.ndjson.gz');
  assert.equal(state, 'error');
  assert.match(message, /bomb\.ndjson\.gz: the gzip data expands more than 100 times \(a decompression bomb\?\); it was stopped at \d MB/);
  assert.equal(await page.evaluate(() => 1 + 1), 2, 'the page still answers');
  await page.close();
});

test('a body the browser decompresses counts against max-bytes as the text it becomes', { timeout: 30_000 }, async () => {
  const { page, state, message } = await widget('/encoded', { 'max-bytes': '1000000' });
  assert.equal(state, 'error');
  assert.match(message, /encoded: larger than the limit of 1000000 bytes/);
  await page.close();
});

test('a line longer than any record is one rejected row, and the rest loads', { timeout: 30_000 }, async () => {
  const { page, state } = await widget('/long-line');
  assert.equal(state, 'loaded');
  const r = await page.evaluate(() => document.getElementById('faulty').report);
  assert.deepEqual([r.events, r.input.rows_read, r.input.rows_rejected], [2, 3, 1]);
  const notice = await page.evaluate(() => document.getElementById('faulty').shadowRoot.querySelector('.notice').textContent);
  assert.match(notice, /^1 row rejected \(first: line 2, record: longer than 1048576 bytes; skipped/);
  await page.close();
});

test('binary bytes are named as such', async () => {
  const { page, state, message } = await widget('/nul');
  assert.equal(state, 'error');
  assert.match(message, /nul: .*this is binary data, not text/);
  await page.close();
});

test('a body that never ends stops at the deadline, even though bytes keep coming', { timeout: 30_000 }, async () => {
  const { page, state, message } = await widget('/drip', { timeout: '1', deadline: '2' });
  assert.equal(state, 'error');
  assert.match(message, /drip: the load took longer than its deadline of 2 s/);
  await page.close();
});

test('a 429 with Retry-After is asked again no sooner than it says', { timeout: 30_000 }, async () => {
  const { page, state } = await widget('/busy');
  assert.equal(state, 'loaded');
  assert.equal(stamps.length, 2);
  assert.ok(stamps[1] - stamps[0] >= 950, `waited ${stamps[1] - stamps[0]} ms`);
  await page.close();
});

test('a refresh shorter than a second is held to one second', { timeout: 30_000 }, async () => {
  hits.delete('/ok.ndjson');
  const { page, state } = await widget('/ok.ndjson', { refresh: '0.01' });
  assert.equal(state, 'loaded');
  await page.waitForTimeout(2500);
  const asked = hits.get('/ok.ndjson');
  assert.ok(asked >= 2 && asked <= 4, `${asked} requests in about 2.5 s`);
  await page.close();
});

test('on a page without workers, hostile bodies leave the wasm memory small', { timeout: 60_000 }, async () => {
  const page = await suite.browser.newPage();
  // No load worker: the page's own thread parses, in the page's own wasm memory.
  let refused = 0;
  await page.route('**/hubpulse/load-worker.js', (route) => { refused++; return route.fulfill({ status: 404, body: '' }); });
  await page.goto(suite.server.url);
  for (const [path, state] of [['/bomb.ndjson.gz', 'error'], ['/long-line', 'loaded'], ['/liar', 'error']]) {
    await page.evaluate((src) => {
      document.getElementById('faulty')?.remove();
      const el = document.createElement('hub-pulse');
      el.id = 'faulty';
      el.setAttribute('src', src);
      el.setAttribute('timeout', '2');
      document.body.append(el);
    }, `${base}${path}`);
    assert.equal(await settled(page, '#faulty'), state, path);
  }
  assert.ok(refused > 0, 'the load worker was asked for, and refused');
  const bytes = await page.evaluate(async () => (await import('./hubpulse.js')).wasmMemoryBytes());
  assert.ok(bytes < 32 * 2 ** 20, `${(bytes / 2 ** 20).toFixed(0)} MiB of wasm memory after 20 MB of gzipped blanks, a 3 MB line and a 16 GB promise`);
  await page.close();
});
