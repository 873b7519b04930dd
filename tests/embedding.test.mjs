// Embedding, as a stranger's page does it: many widgets sharing one fetch, a strict CSP,
// attributes that change live, refresh without flicker, removal that frees memory, the
// host-page events, and the npm package in a Vite app.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { cpSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'http-server';
import { browserSuite, fixture, launch, painted, root, settled } from './harness.mjs';

const suite = browserSuite();

/** Events on `days` consecutive days from 2026-03-01, `perDay` each. */
function events(days, perDay, model = 'm') {
  const lines = [];
  for (let d = 0; d < days; d++) {
    for (let i = 0; i < perDay; i++) lines.push(JSON.stringify({ ts: `2026-03-${String(d + 1).padStart(2, '0')}T10:00:00Z`, model, caller: `c${i}` }));
  }
  return `${lines.join('\n')}\n`;
}

test('widgets naming the same inputs share one request and one dataset', async () => {
  const page = await suite.browser.newPage();
  const requests = [];
  page.on('request', (r) => requests.push(new URL(r.url()).pathname));
  await page.goto(suite.server.url);
  await page.waitForFunction(() => [...document.querySelectorAll('hub-pulse')].every((e) => e.report), null, { timeout: 30_000 });
  const widgets = await page.evaluate(() => document.querySelectorAll('hub-pulse').length);
  assert.ok(widgets >= 9);
  assert.equal(requests.filter((p) => p === '/data/events.ndjson').length, 1, requests.join(' '));
  assert.equal(requests.filter((p) => p === '/data/models.json').length, 1);
  await page.close();
});

/** Adds `<hub-pulse id="shaped">` of the demo's saved Replicate pages to `page`. */
function addReplicateWidget(page) {
  return page.evaluate(() => {
    const widget = Object.assign(document.createElement('hub-pulse'), { id: 'shaped' });
    widget.setAttribute('snapshots', '../data/replicate-models.ndjson');
    widget.setAttribute('format', 'replicate-models');
    document.body.append(widget);
  });
}

test('a page downloads the optional part only for a widget that reads a hub\'s own document', async () => {
  const page = await suite.browser.newPage();
  const requests = [];
  page.on('request', (r) => requests.push(new URL(r.url()).pathname));
  await page.goto(`${suite.server.url}examples/plain.html`);
  assert.equal(await settled(page, '#plain'), 'loaded');
  assert.ok(requests.includes('/pkg/hubpulse_bg.wasm'), requests.join(' '));
  assert.deepEqual(requests.filter((p) => p.startsWith('/pkg/extra/')), [], 'a page of events fetched the optional part');
  // The same page given a widget of a hub's own shape fetches the optional part for it.
  await addReplicateWidget(page);
  assert.equal(await settled(page, '#shaped'), 'loaded');
  assert.ok(requests.includes('/pkg/extra/hubpulse_bg.wasm'), requests.join(' '));
  const inWorker = await page.evaluate(() => document.getElementById('shaped').report);
  assert.equal(inWorker.input.unit, 'runs');
  await page.close();

  // Where no load worker starts, the page starts the optional part itself: the same figures.
  const alone = await suite.browser.newPage();
  await alone.route('**/hubpulse/load-worker.js', (route) => route.fulfill({ status: 404, body: '' }));
  await alone.goto(`${suite.server.url}examples/plain.html`);
  await addReplicateWidget(alone);
  assert.equal(await settled(alone, '#shaped'), 'loaded');
  const onPage = await alone.evaluate(() => document.getElementById('shaped').report);
  assert.deepEqual({ ...onPage, input: null }, { ...inWorker, input: null });
  assert.ok(inWorker.events > 0);
  await alone.close();
});

test('the element exists as soon as the script runs and observes exactly the attributes the wasm reads, and knows its languages', async () => {
  const page = await suite.browser.newPage();
  await page.goto(`${suite.server.url}examples/plain.html`);
  const seen = await page.evaluate(async () => {
    const element = document.createElement('hub-pulse'); // whether or not the wasm has started
    const { attributeNames, languages, ready } = await import('../hubpulse/wasm.js');
    const { LANGUAGES } = await import('../hubpulse/words.js');
    await ready;
    return { shadow: element.shadowRoot !== null, observed: customElements.get('hub-pulse').observedAttributes,
             read: attributeNames(), fetched: LANGUAGES, shipped: languages() };
  });
  assert.ok(seen.shadow, 'a new element has its shadow root at once');
  assert.deepEqual([...seen.observed].sort(), [...seen.read].sort());
  assert.deepEqual(seen.fetched, seen.shipped, 'the element fetches the words of the languages the wasm knows');
  await page.close();
});

test('a page under a strict Content-Security-Policy loads and paints with no violation', async () => {
  const page = await suite.browser.newPage();
  const problems = [];
  page.on('console', (m) => { if (m.type() === 'error' && !/favicon/.test(m.text())) problems.push(m.text()); });
  page.on('pageerror', (e) => problems.push(e.message));
  await page.addInitScript(() => {
    window.violations = [];
    document.addEventListener('securitypolicyviolation', (e) => window.violations.push(`${e.violatedDirective} ${e.blockedURI}`));
  });
  await page.goto(`${suite.server.url}examples/csp.html`);
  for (const id of ['csp-volume', 'csp-leaderboard', 'csp-overview', 'csp-replicate']) {
    assert.equal(await settled(page, `#${id}`), 'loaded', id);
  }
  assert.equal(await page.evaluate(() => document.getElementById('csp-replicate').report.input.unit), 'runs');
  const box = await page.locator('#csp-volume').boundingBox();
  await page.mouse.move(box.x + box.width / 2, box.y + box.height * 0.6); // the tooltip is placed through CSSOM
  assert.ok(!(await page.evaluate(() => document.getElementById('csp-volume').shadowRoot.querySelector('.tooltip').hidden)));
  assert.ok((await painted(page, '#csp-volume')).share > 0.03);
  assert.deepEqual(await page.evaluate(() => window.violations), []);
  assert.deepEqual(problems, []);
  await page.close();
});

test('a plain page with one script tag works', async () => {
  const page = await suite.browser.newPage();
  await page.goto(`${suite.server.url}examples/plain.html`);
  assert.equal(await settled(page, '#plain'), 'loaded');
  assert.equal(await page.evaluate(() => document.getElementById('plain').report.window.days), 30);
  await page.close();
});

test('every page of the site fits a 320 px screen: nothing scrolls sideways', async () => {
  const pages = ['index.html', 'hubs.html', 'hub.html', 'embed.html', 'chain.html', 'examples/plain.html',
                 'examples/csp.html', 'examples/no-workers.html'];
  const page = await suite.browser.newPage({ viewport: { width: 320, height: 800 } });
  const wide = [];
  for (const path of pages) {
    await page.goto(`${suite.server.url}${path}`, { waitUntil: 'networkidle' });
    const width = await page.evaluate(() => document.documentElement.scrollWidth);
    if (width > 320) wide.push(`${path}: ${width} px`);
  }
  // A long <code> in a paragraph (index.html) and the chain page's form once made pages scroll.
  assert.deepEqual(wide, []);
  await page.close();
});

test('changing any attribute updates the widget without a reload', async () => {
  const small = fixture('attributes.ndjson', events(10, 3));
  const page = await suite.browser.newPage();
  await page.goto(suite.server.url);
  const report = () => page.evaluate(() => document.getElementById('volume').report);
  assert.equal(await settled(page, '#volume'), 'loaded');
  const before = await report();
  const change = async (name, value, check) => {
    await page.evaluate(([n, v]) => document.getElementById('volume').setAttribute(n, v), [name, value]);
    await page.waitForFunction(check, null, { timeout: 10_000 });
  };
  await change('range', '7d', () => document.getElementById('volume').report?.window.days === 7);
  await change('src', small, () => document.getElementById('volume').report?.input.sources[0].source.endsWith('attributes.ndjson'));
  assert.equal((await report()).events, 21, 'the last 7 of its 10 days, 3 events each');
  assert.notEqual((await report()).events, before.events);
  await change('chart', 'leaderboard', () => document.getElementById('volume').getAttribute('aria-label').includes('is the busiest with'));
  await change('theme', 'dark', () => document.getElementById('volume').dataset.theme === 'dark');
  await change('max-rows', '5', () => document.getElementById('volume').shadowRoot.querySelector('.status.error:not([hidden])'));
  await page.close();
});

test('refresh fetches again and swaps the figures in without blanking the chart', async () => {
  const url = fixture('live.ndjson', events(3, 2));
  const page = await suite.browser.newPage();
  await page.goto(suite.server.url);
  await page.evaluate((src) => {
    const el = document.createElement('hub-pulse');
    el.id = 'live';
    el.setAttribute('src', src);
    el.setAttribute('refresh', '1');
    document.body.append(el);
    window.blanked = 0;
    el.addEventListener('hubpulse-load', () => {
      // From the first load on, the status overlay must never cover the chart again.
      new MutationObserver(() => { if (!el.shadowRoot.querySelector('.status').hidden) window.blanked++; })
        .observe(el.shadowRoot, { attributes: true, subtree: true });
    }, { once: true });
  }, url);
  await page.waitForFunction(() => document.getElementById('live').report?.events === 6);
  fixture('live.ndjson', events(3, 5));
  await page.waitForFunction(() => document.getElementById('live').report?.events === 15, null, { timeout: 10_000 });
  assert.equal(await page.evaluate(() => window.blanked), 0);
  await page.close();
});

test('removed widgets free their memory and a re-attached one works', async () => {
  const url = fixture('cycle.ndjson', events(20, 50));
  const page = await suite.browser.newPage();
  await page.goto(`${suite.server.url}blank.html`);
  const cycles = (n) => page.evaluate(async ([src, n]) => {
    for (let i = 0; i < n; i++) {
      const el = document.createElement('hub-pulse');
      el.setAttribute('src', src);
      el.setAttribute('chart', 'volume');
      const loaded = new Promise((resolve) => el.addEventListener('hubpulse-load', resolve, { once: true }));
      document.body.append(el);
      await loaded;
      el.remove();
    }
    const { wasmMemoryBytes } = await import('./hubpulse.js');
    return wasmMemoryBytes();
  }, [url, n]);
  await page.evaluate(() => import('./hubpulse.js'));
  const warm = await cycles(20);
  const after = await cycles(200);
  assert.ok(after <= warm * 1.1, `wasm memory grew from ${warm} to ${after} bytes over 200 cycles`);
  const again = await page.evaluate(async (src) => {
    const el = document.createElement('hub-pulse');
    el.setAttribute('src', src);
    document.body.append(el);
    await new Promise((r) => el.addEventListener('hubpulse-load', r, { once: true }));
    el.remove();
    const loaded = new Promise((r) => el.addEventListener('hubpulse-load', r, { once: true }));
    document.body.append(el);
    await loaded;
    return el.report.events;
  }, url);
  assert.equal(again, 1000);
  await page.close();
});

test('the host page hears load and error events, bubbling out of the shadow root', async () => {
  const page = await suite.browser.newPage();
  await page.goto(suite.server.url);
  const heard = await page.evaluate(async () => {
    const seen = [];
    for (const type of ['hubpulse-load', 'hubpulse-error']) {
      document.addEventListener(type, (e) => seen.push([type, e.bubbles, e.composed, e.detail.reason ?? e.detail.report.events]));
    }
    const make = (src) => {
      const el = document.createElement('hub-pulse');
      el.setAttribute('src', src);
      document.body.append(el);
    };
    make('data/events.ndjson');
    make('data/missing.ndjson');
    await new Promise((r) => setTimeout(r, 3000));
    return seen;
  });
  assert.ok(heard.some(([type, b, c, n]) => type === 'hubpulse-load' && b && c && n > 0), JSON.stringify(heard));
  assert.ok(heard.some(([type, b, c, why]) => type === 'hubpulse-error' && b && c && /404/.test(why)));
  await page.close();
});

test('the npm package builds into a Vite app, which paints', { timeout: 300_000 }, async () => {
  execFileSync('node', [`${root}scripts/package.mjs`], { stdio: 'pipe' });
  const packed = execFileSync('npm', ['pack', '--dry-run', '--json', `${root}dist`], { encoding: 'utf8' });
  const files = JSON.parse(packed)[0].files.map((f) => f.path);
  for (const file of ['hubpulse.js', 'hubpulse.d.ts', 'pkg/hubpulse.js', 'pkg/hubpulse_bg.wasm', 'pkg/extra/hubpulse.js',
                      'pkg/extra/hubpulse_bg.wasm', 'package.json']) {
    assert.ok(files.includes(file), `npm pack leaves out ${file}: ${files}`);
  }
  const app = `${root}examples/vite-app/`;
  // npm keeps an installed copy of a file: dependency whose version did not change: drop it.
  rmSync(`${app}node_modules/hubpulse`, { recursive: true, force: true });
  execFileSync('npm', ['install', '--no-audit', '--no-fund', '--install-links'], { cwd: app, stdio: 'pipe' });
  mkdirSync(`${app}public/data`, { recursive: true });
  for (const file of ['events.ndjson', 'replicate-models.ndjson']) cpSync(`${root}www/data/${file}`, `${app}public/data/${file}`);
  execFileSync('npx', ['vite', 'build', '--logLevel', 'error'], { cwd: app, stdio: 'pipe' });
  const server = createServer({ root: `${app}dist`, cache: -1, showDir: false, logFn: () => {} });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  const browser = await launch();
  try {
    const page = await browser.newPage();
    const errors = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await page.goto(`http://127.0.0.1:${server.server.address().port}/`);
    assert.equal(await settled(page, '#element'), 'loaded');
    assert.equal(await settled(page, '#shaped'), 'loaded', 'the optional part works bundled');
    assert.equal(await page.evaluate(() => document.getElementById('shaped').report.input.unit), 'runs');
    await page.waitForFunction(() => document.querySelector('#mounted hub-pulse')?.report, null, { timeout: 20_000 });
    assert.match(await page.textContent('#figures'), /^\d+ inferences in the last 30 days$/);
    assert.ok((await painted(page, '#element')).share > 0.03);
    assert.ok((await painted(page, '#mounted hub-pulse')).share > 0.03);
    assert.deepEqual(errors, []);
  } finally {
    await browser.close();
    server.close();
  }
});

test('a widget removed while its data downloads aborts the download', async () => {
  const page = await suite.browser.newPage();
  await page.goto(suite.server.url);
  // A server that takes its time: the element is removed before the answer comes.
  await page.route('**/slow.ndjson', async (route) => {
    await new Promise((r) => setTimeout(r, 1500));
    await route.fulfill({ body: '{"ts":"2026-03-01","model":"m"}\n' }).catch(() => {});
  });
  const failed = new Promise((resolve) => {
    page.on('requestfailed', (r) => { if (r.url().endsWith('slow.ndjson')) resolve(r.failure()?.errorText); });
  });
  // Removed once its download is under way (on a busy machine the load worker may take a while
  // to start it).
  const requested = new Promise((resolve) => {
    page.on('request', (r) => { if (r.url().endsWith('slow.ndjson')) resolve(); });
  });
  await page.evaluate(() => {
    const el = document.createElement('hub-pulse');
    el.id = 'slow';
    el.setAttribute('src', 'data/slow.ndjson');
    document.body.append(el);
  });
  await requested;
  await page.evaluate(() => document.getElementById('slow').remove());
  const outcome = await Promise.race([failed, new Promise((r) => setTimeout(() => r('not aborted'), 5000))]);
  assert.match(outcome, /ABORTED/);
  await page.close();
});
