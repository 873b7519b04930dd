// The walking skeleton, as a reader sees it: the demo page loads real fetched data,
// the figures equal the native command line's, the canvas is painted and sharp, it
// follows its container, and a bad URL gives a clear error instead of a blank box.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { browserSuite, nativeReport, painted, screenshot, settled, root } from './harness.mjs';

const suite = browserSuite();

async function openDemo(options = {}) {
  const page = await suite.browser.newPage(options);
  const errors = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await page.goto(suite.server.url);
  assert.equal(await settled(page, '#volume'), 'loaded');
  return { page, errors };
}

test('the demo widget computes the same figures as the command line', async () => {
  const { page, errors } = await openDemo();
  const browserReport = await page.evaluate(() => document.querySelector('#volume').report);
  const native = nativeReport('--events', `${root}www/data/events.ndjson`, '--registry', `${root}www/data/models.json`);
  // Provenance names differ (a URL in the browser, a path natively) and so do the times
  // they were read; the bytes and their hashes must not, nor any figure.
  assert.match(browserReport.input.sources[0].source, /\/data\/events\.ndjson$/);
  assert.match(browserReport.input.sources[1].source, /\/data\/models\.json$/);
  for (const report of [browserReport, native]) {
    for (const source of report.input.sources) {
      assert.match(source.fetched_at, /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?Z$/);
      delete source.source;
      delete source.fetched_at;
    }
  }
  const file = readFileSync(`${root}www/data/events.ndjson`);
  assert.equal(native.input.sources[0].sha256, createHash('sha256').update(file).digest('hex'));
  assert.deepEqual(browserReport, native);
  assert.ok(native.events > 10_000, `the demo data has ${native.events} events`);
  assert.equal(native.daily.day.length, native.window.days);
  assert.deepEqual(errors, []);
  await screenshot(page, 'demo');
  await page.close();
});

test('the chart is painted, and sharp at the device pixel ratio', async () => {
  const { page } = await openDemo({ deviceScaleFactor: 2 });
  const { share } = await painted(page, '#volume');
  assert.ok(share > 0.03, `only ${(share * 100).toFixed(1)} % of the pixels painted`);
  const sizes = await page.evaluate(() => {
    const el = document.querySelector('#volume');
    const canvas = el.shadowRoot.querySelector('canvas');
    const box = el.getBoundingClientRect();
    return { backing: [canvas.width, canvas.height], css: [Math.floor(box.width), Math.floor(box.height)] };
  });
  assert.deepEqual(sizes.backing, [sizes.css[0] * 2, sizes.css[1] * 2]);
  await screenshot(page, 'demo-2x');
  await page.close();
});

test('the chart follows its container when it is resized', async () => {
  const { page } = await openDemo();
  await page.evaluate(() => {
    const el = document.querySelector('#volume');
    el.style.width = '420px';
    el.style.height = '260px';
  });
  await page.waitForFunction(() => document.querySelector('#volume').shadowRoot.querySelector('canvas').width === 420);
  const height = await page.evaluate(() => document.querySelector('#volume').shadowRoot.querySelector('canvas').height);
  assert.equal(height, 260);
  await screenshot(page, 'demo-narrow');
  await page.close();
});

test('a URL that fails shows the reason instead of a blank canvas, inside a narrow widget too', async () => {
  const page = await suite.browser.newPage();
  await page.goto(suite.server.url);
  await page.evaluate(() => {
    const el = document.createElement('hub-pulse');
    el.id = 'broken';
    // A URL longer than a line of a 320 px widget: it breaks where it must, not past the edges.
    el.setAttribute('src', `data/no-such-file-${'x'.repeat(40)}.ndjson`);
    el.style.width = '320px';
    document.body.append(el);
  });
  assert.equal(await settled(page, '#broken'), 'error');
  const { message, host, text } = await page.evaluate(() => {
    const el = document.querySelector('#broken');
    const status = el.shadowRoot.querySelector('.status');
    const range = document.createRange();
    range.selectNodeContents(status);
    const box = (r) => ({ left: r.left, right: r.right });
    return { message: status.textContent, host: box(el.getBoundingClientRect()), text: box(range.getBoundingClientRect()) };
  });
  assert.match(message, /no-such-file-x+\.ndjson/);
  assert.match(message, /404/);
  assert.ok(text.left >= host.left && text.right <= host.right, `the reason spills out: ${JSON.stringify({ host, text })}`);
  // In the reader's language, the server's answer too (its status words as the server sent them).
  await page.evaluate(() => document.querySelector('#broken').setAttribute('locale', 'de-DE'));
  await page.waitForFunction(() => document.querySelector('#broken').shadowRoot.querySelector('.status').textContent.startsWith('Dieses'));
  const german = await page.evaluate(() => document.querySelector('#broken').shadowRoot.querySelector('.status').textContent);
  assert.match(german, /^Dieses Diagramm kann nicht gezeigt werden: http:\/\/\S+no-such-file-x+\.ndjson: der Server antwortete mit HTTP 404 Not Found$/);
  await page.close();
});

test('the JS API loads a dataset whose report equals the widget\'s, for any window', async () => {
  const { page } = await openDemo();
  const result = await page.evaluate(async () => {
    const { load } = await import('./hubpulse.js');
    const progress = [];
    const data = await load({ events: 'data/events.ndjson', registry: 'data/models.json', onProgress: (p) => progress.push(p) });
    const all = data.report();
    const week = data.report({ range: '7d' });
    data.free();
    return { all, week, progress: progress.length, widget: document.querySelector('#volume').report };
  });
  assert.ok(result.progress > 0, 'progress was reported');
  assert.equal(result.all.events, result.widget.events);
  assert.deepEqual(result.all.by_mode, result.widget.by_mode);
  assert.equal(result.week.window.days, 7);
  assert.equal(result.week.window.to, result.all.window.to);
  assert.equal(result.week.daily.events.reduce((a, b) => a + b, 0), result.week.events);
  assert.ok(result.week.events < result.all.events);
  await page.close();
});

test('the JS API also takes bytes and text, with the same figures as the URL', async () => {
  const page = await suite.browser.newPage();
  await page.goto(suite.server.url);
  const result = await page.evaluate(async () => {
    const { load } = await import('./hubpulse.js');
    const bytes = new Uint8Array(await (await fetch('data/events.ndjson')).arrayBuffer());
    const fromUrl = await load({ events: 'data/events.ndjson', registry: 'data/models.json' });
    const fromBytes = await load({ events: bytes, registry: 'data/models.json' });
    const fromText = await load({ events: { text: '{"ts":"2026-03-01","model":"m"}\n{"ts":"2026-03-02","model":"m"}' } });
    const [a, b, c] = [fromUrl.report(), fromBytes.report(), fromText.report()];
    for (const d of [fromUrl, fromBytes, fromText]) d.free();
    return { a, b, c };
  });
  assert.equal(result.b.input.sources[0].source, 'bytes');
  assert.equal(result.b.input.sources[0].sha256, result.a.input.sources[0].sha256, 'the same bytes, the same hash');
  for (const r of [result.a, result.b]) for (const s of r.input.sources) { delete s.source; delete s.fetched_at; }
  assert.deepEqual(result.b, result.a);
  assert.equal(result.c.events, 2);
  await page.close();
});

test('the JS API refuses load options that make no sense and says why, credentials in the attribute\'s words', async () => {
  const page = await suite.browser.newPage();
  await page.goto(suite.server.url);
  const reasons = await page.evaluate(async () => {
    const { load } = await import('./hubpulse.js');
    const tried = [{ credentials: 'all' }, { maxRows: 'lots' }];
    return Promise.all(tried.map((options) => load({ events: 'data/events.ndjson', ...options }).then(
      (data) => { data.free(); return 'loaded'; }, (error) => `${error.kind}: ${error.message}`)));
  });
  assert.equal(reasons[0], 'inputs: inputs: load options: credentials is omit, same-origin or include, not "all"');
  assert.equal(reasons[1], 'inputs: inputs: load options: maxRows: invalid type: string "lots", expected u64', 'names the option');
  await page.close();
});

test('the SHA-256 of the bytes is computed in the hashing worker, or on the page when the worker is missing', async () => {
  const expected = createHash('sha256').update(readFileSync(`${root}www/data/events.ndjson`)).digest('hex');
  for (const missing of [false, true]) {
    const page = await suite.browser.newPage();
    const workers = [];
    page.on('worker', (worker) => workers.push(worker.url()));
    if (missing) await page.route('**/hubpulse/hash-worker.js', (route) => route.fulfill({ status: 404, body: 'gone' }));
    await page.goto(`${suite.server.url}examples/plain.html`);
    assert.equal(await settled(page, '#plain'), 'loaded', missing ? 'without the worker' : 'with the worker');
    const report = await page.evaluate(() => document.getElementById('plain').report);
    assert.equal(report.input.sources[0].sha256, expected, missing ? 'hashed on the page' : 'hashed in the worker');
    if (!missing) assert.ok(workers.some((url) => url.endsWith('/hubpulse/hash-worker.js')), `workers: ${workers}`);
    await page.close();
  }
});
