// Hostile data: names that are HTML, script, control and bidi characters are shown as
// text (on the canvas or through textContent), never parsed; bad attribute values give a
// clear error; nothing the data says runs.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { browserSuite, fixture, settled } from './harness.mjs';

const suite = browserSuite();

const NASTY = [
  '<img src=x onerror="window.pwned=1">',
  '<script>window.pwned=2</script>',
  '"><svg onload=window.pwned=3>',
  'evil\u202Egnp.exe',
  'bell\u0007tab\tnul\u0000',
];

test('names made of HTML and script are drawn as text and never run', async () => {
  const lines = [];
  NASTY.forEach((model, i) => {
    for (let k = 0; k <= i; k++) lines.push(JSON.stringify({ ts: `2026-03-0${k + 1}T10:00:00Z`, model, caller: NASTY[(i + 1) % NASTY.length], app: model }));
  });
  const registry = JSON.stringify(NASTY.map((model) => ({ model, listed_at: '2026-03-01', name: model, owner: '<b>owner</b>' })));
  const src = fixture('hostile.ndjson', `${lines.join('\n')}\n`);
  const reg = fixture('hostile-models.json', registry);
  const page = await suite.browser.newPage();
  const dialogs = [];
  page.on('dialog', (d) => { dialogs.push(d.message()); d.dismiss(); });
  await page.goto(suite.server.url);
  await page.evaluate(([s, r]) => {
    for (const chart of ['leaderboard', 'model', 'overview']) {
      const el = document.createElement('hub-pulse');
      el.id = `hostile-${chart}`;
      el.setAttribute('src', s);
      el.setAttribute('registry', r);
      el.setAttribute('chart', chart);
      el.setAttribute('model', '<script>window.pwned=2</script>');
      document.body.append(el);
    }
  }, [src, reg]);
  for (const chart of ['leaderboard', 'model', 'overview']) assert.equal(await settled(page, `#hostile-${chart}`), 'loaded');
  // Hover every leaderboard row so each name goes through the tooltip.
  await page.locator('#hostile-leaderboard').scrollIntoViewIfNeeded();
  const box = await page.locator('#hostile-leaderboard').boundingBox();
  for (let y = box.y + 70; y < box.y + box.height - 10; y += 15) await page.mouse.move(box.x + box.width / 2, y);
  await page.mouse.move(box.x + box.width / 2, box.y + 84);
  const found = await page.evaluate(() => {
    const el = document.getElementById('hostile-leaderboard');
    const root = el.shadowRoot;
    return {
      pwned: window.pwned ?? null,
      injected: [...document.querySelectorAll('img, svg, script:not([src])')].length
        + [...document.querySelectorAll('hub-pulse')].reduce((n, w) => n + w.shadowRoot.querySelectorAll('img, svg, script').length, 0),
      tooltip: root.querySelector('.tooltip').textContent,
      table: root.querySelector('table').textContent,
      label: document.getElementById('hostile-model').getAttribute('aria-label'),
    };
  });
  assert.equal(found.pwned, null, 'no script from the data ran');
  assert.equal(found.injected, 0, 'no element was made from the data');
  assert.deepEqual(dialogs, []);
  assert.ok(found.table.includes('<img src=x onerror="window.pwned=1">'), 'the screen-reader table shows the name as text');
  // Control characters are shown as \u{…} escapes so the reader sees that they are there.
  const shown = (name) => name.replace(/[\u0000-\u001f\u007f-\u009f\u200b-\u200f\u202a-\u202e\u2060-\u2069\ufeff]/g, (c) => `\\u{${c.codePointAt(0).toString(16)}}`);
  assert.ok(NASTY.some((name) => found.tooltip.includes(shown(name))), `the tooltip shows the name as text: ${found.tooltip}`);
  assert.doesNotMatch(found.tooltip, /[\u0000-\u0008]/, 'no raw control character reaches the tooltip');
  assert.ok(found.label.includes('<script>window.pwned=2</script>'), 'the model card names it as text');
  await page.close();
});

test('bad attribute values give a clear error instead of a broken widget', async () => {
  const page = await suite.browser.newPage();
  await page.goto(suite.server.url);
  const cases = [['chart', '<img src=x onerror=window.pwned=9>', /unknown chart/],
                 ['range', 'lots', /range must be a number of days/], ['from', 'yesterday', /from must be a date/],
                 ['cohort', 'planets', /cohort is models or callers/],
                 ['words', '{"unit_inferences": "calls"', /words is a JSON object of texts by their keys/],
                 ['words', '{"inferencez": "calls"}', /no word is called "inferencez"/],
                 ['words', '{"slogan": "{n} calls"}', /slogan: \{n\} is not a blank of this word \(it has none\)/]];
  for (const [name, value, reason] of cases) {
    await page.evaluate(([n, v]) => {
      document.getElementById('bad')?.remove();
      const el = document.createElement('hub-pulse');
      el.id = 'bad';
      el.setAttribute('src', 'data/events.ndjson');
      el.setAttribute(n, v);
      document.body.append(el);
    }, [name, value]);
    assert.equal(await settled(page, '#bad'), 'error', name);
    const message = await page.evaluate(() => document.getElementById('bad').shadowRoot.querySelector('.status').textContent);
    assert.match(message, reason, name);
  }
  assert.equal(await page.evaluate(() => window.pwned ?? null), null);
  await page.close();
});

test('a panic in the wasm becomes that widget\'s error state; the others keep working', async () => {
  const page = await suite.browser.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await page.goto(suite.server.url);
  await page.waitForFunction(() => document.getElementById('volume')?.report && document.getElementById('callers')?.report);
  await page.evaluate(async () => {
    // Make the next draw of one widget's view panic, as a bug in the drawing code would.
    const wasm = await import('./pkg/hubpulse.js');
    const draw = wasm.View.prototype.draw;
    const victim = document.getElementById('volume');
    wasm.View.prototype.draw = function (...args) {
      if (window.breakNext) { window.breakNext = false; return wasm.panicForTests('a bug on purpose'); }
      return draw.apply(this, args);
    };
    window.breakNext = true;
    victim.style.width = '500px'; // a resize redraws it
  });
  await page.waitForFunction(() => !document.getElementById('volume').shadowRoot.querySelector('.status').hidden);
  const message = await page.evaluate(() => document.getElementById('volume').shadowRoot.querySelector('.status').textContent);
  assert.match(message, /hubpulse bug:[\s\S]*a bug on purpose/);
  // Another widget still computes and draws.
  await page.evaluate(() => { document.getElementById('callers').setAttribute('range', '14d'); });
  await page.waitForFunction(() => document.getElementById('callers').report?.window.days === 14);
  await page.evaluate(() => { document.getElementById('callers').style.width = '400px'; });
  await page.waitForFunction(() => document.getElementById('callers').shadowRoot.querySelector('canvas').width === 400 * devicePixelRatio);
  assert.deepEqual(errors, []);
  await page.close();
});

test('a trap inside the load worker becomes that widget\'s error state and event; the next load works', async () => {
  const page = await suite.browser.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(e.message));
  // The worker's parse traps for one load (max-rows 999999), as a wasm bug or an exhausted
  // memory would. The worker is minified: its names are found, not assumed.
  const call = /await (\w+)\.loadParts\((\w+)\.spec/;
  const trap = "await (JSON.stringify($2.spec).includes('999999') ? (() => { throw new WebAssembly.RuntimeError('unreachable executed'); })() : $1).loadParts($2.spec";
  let patched = false;
  await page.route('**/hubpulse/load-worker.js', async (route) => {
    const body = await (await route.fetch()).text();
    patched = call.test(body);
    await route.fulfill({ contentType: 'text/javascript', body: body.replace(call, trap) });
  });
  await page.goto(`${suite.server.url}embed.html`);
  const event = await page.evaluate(async () => {
    const el = document.createElement('hub-pulse');
    el.id = 'trapped';
    el.setAttribute('src', 'data/events.ndjson');
    el.setAttribute('max-rows', '999999'); // a load of its own, shared with no other widget
    const heard = new Promise((resolve) => el.addEventListener('hubpulse-error', (e) => resolve(e.detail)));
    document.body.append(el);
    return Promise.race([heard, new Promise((resolve) => setTimeout(() => resolve('no hubpulse-error event'), 20_000))]);
  });
  assert.ok(patched, `the load worker no longer has ${call}: the trap was not set`);
  assert.equal(event?.kind, 'bug', event);
  assert.equal(await settled(page, '#trapped'), 'error');
  const status = await page.evaluate(() => document.getElementById('trapped').shadowRoot.querySelector('.status').textContent);
  assert.match(status, /unreachable executed/);
  // The next widget's load starts a fresh worker, which works.
  await page.evaluate(() => {
    const el = document.createElement('hub-pulse');
    el.id = 'after';
    el.setAttribute('src', 'data/events.ndjson');
    el.setAttribute('max-rows', '999998');
    document.body.append(el);
  });
  assert.equal(await settled(page, '#after'), 'loaded');
  assert.deepEqual(errors, []);
  await page.close();
});

test('no cookie goes with the requests unless the page asks for it', async () => {
  const page = await suite.browser.newPage();
  await page.context().addCookies([{ name: 'session', value: 'secret', url: suite.server.url }]);
  const cookies = new Map();
  page.on('request', async (r) => {
    if (r.url().includes('/data/test/cookie')) cookies.set(new URL(r.url()).search, (await r.allHeaders()).cookie ?? null);
  });
  const src = fixture('cookie.ndjson', '{"ts":"2026-03-01","model":"m"}\n');
  await page.goto(suite.server.url);
  await page.evaluate((s) => {
    for (const [id, credentials] of [['plain', null], ['with', 'include']]) {
      const el = document.createElement('hub-pulse');
      el.id = `cookie-${id}`;
      el.setAttribute('src', `${s}?${id}`);
      if (credentials) el.setAttribute('credentials', credentials);
      document.body.append(el);
    }
  }, src);
  assert.equal(await settled(page, '#cookie-plain'), 'loaded');
  assert.equal(await settled(page, '#cookie-with'), 'loaded');
  assert.equal(cookies.get('?plain'), null, 'no cookie by default, even to the same origin');
  assert.match(cookies.get('?with') ?? '', /session=secret/);
  await page.close();
});
