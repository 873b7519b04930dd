// The data layer in the browser, as a reader meets it: daily rollups instead of events,
// rows that are refused and said so, a limit that stops an input too large for the tab,
// and a large file whose progress bar moves while it loads.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { browserSuite, nativeReport, hubpulse, fixture, fixtures, largeEvents, screenshot, settled, root } from './harness.mjs';

const suite = browserSuite();

/** Opens the demo page and adds a widget with `attributes`; resolves when it settled. */
async function widget(attributes, expected = 'loaded') {
  const page = await suite.browser.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await page.goto(suite.server.url);
  await page.evaluate((attrs) => {
    const el = document.createElement('hub-pulse');
    el.id = 'under-test';
    for (const [name, value] of Object.entries(attrs)) el.setAttribute(name, value);
    document.body.append(el);
  }, attributes);
  assert.equal(await settled(page, '#under-test'), expected);
  const shadow = (selector) => page.evaluate((sel) => {
    const node = document.querySelector('#under-test').shadowRoot.querySelector(sel);
    return node.hidden ? null : node.textContent;
  }, selector);
  return { page, errors, shadow, report: () => page.evaluate(() => document.querySelector('#under-test').report) };
}

test('a widget reads daily rollups and gives the figures of the command line', async () => {
  const events = `${root}www/data/events.ndjson`;
  const registry = `${root}www/data/models.json`;
  const rollups = fixture('rollups.ndjson', hubpulse('rollup', '--events', events, '--registry', registry));
  const { page, errors, report } = await widget({ rollups, registry: 'data/models.json', chart: 'volume' });
  const browserReport = await report();
  const native = nativeReport('--rollups', fixtures + 'rollups.ndjson', '--registry', registry);
  for (const r of [browserReport, native]) {
    for (const source of r.input.sources) {
      delete source.source;
      delete source.fetched_at;
    }
  }
  assert.deepEqual(browserReport, native);
  assert.equal(browserReport.input.demand_source, 'rollups');
  assert.equal(browserReport.callers, null, 'distinct callers across models need the raw events');
  assert.ok(browserReport.input.unavailable.some((u) => u.figure === 'callers' && u.reason.length > 20));
  // Rollups of the same events count the same inferences.
  const raw = nativeReport('--events', events, '--registry', registry);
  assert.equal(browserReport.events, raw.events);
  assert.deepEqual(browserReport.daily.events, raw.daily.events);
  assert.deepEqual(errors, []);
  await page.close();
});

test('rollups with sketches give estimated callers and latency, marked as estimates', async () => {
  const events = `${root}www/data/events.ndjson`;
  const registry = `${root}www/data/models.json`;
  const rollups = fixture('sketched.ndjson', hubpulse('rollup', '--events', events, '--registry', registry, '--sketches'));
  const { page, errors, report } = await widget({ rollups, registry: 'data/models.json', chart: 'callers' });
  const estimated = await report();
  const raw = nativeReport('--events', events, '--registry', registry);
  const error = (figure) => estimated.input.estimates.find((e) => e.figure === figure).relative_error;
  for (const figure of ['callers', 'mau']) {
    assert.ok(Math.abs(estimated[figure] - raw[figure]) <= 4 * error(figure) * raw[figure], `${figure}: ${estimated[figure]} vs ${raw[figure]}`);
  }
  assert.ok(Math.abs(estimated.latency_p95 - raw.latency_p95) <= error('latency_p95') * raw.latency_p95);
  assert.equal(estimated.events, raw.events);
  assert.match(await page.evaluate(() => document.querySelector('#under-test').getAttribute('aria-label')), /distinct callers/);
  assert.ok(!estimated.input.unavailable.some((u) => u.figure === 'callers'));
  assert.deepEqual(errors, []);
  await page.close();
});

test("a report and a CSV of sixty thousand models are written a row at a time, not copied whole in the wasm's memory", { timeout: 60_000 }, async () => {
  const page = await suite.browser.newPage();
  await page.goto(suite.server.url);
  const { rows, grown, csv, report } = await page.evaluate(async () => {
    const { load, wasmMemoryBytes } = await import('./hubpulse.js');
    const lines = Array.from({ length: 60_000 }, (_, i) => `{"ts":"2026-03-${String(1 + (i % 28)).padStart(2, '0')}","model":"m${i}"}`);
    const data = await load({ events: { text: lines.join('\n') } });
    const before = await wasmMemoryBytes();
    const report = data.report();
    const grown = (await wasmMemoryBytes()) - before;
    const file = data.csv();
    const csv = { grown: (await wasmMemoryBytes()) - before, type: file.type, last: (await file.text()).includes('\nmodel,m59999.events,,1\n') };
    data.free();
    return { rows: report.models.length, grown, csv, report: { events: report.events, days: report.models[0].daily.length } };
  });
  assert.equal(rows, 60_000);
  assert.deepEqual(report, { events: 60_000, days: 28 });
  // The report takes ~31 MiB; its rows as serde_json Values all at once took it to 161 MiB,
  // which the wasm memory keeps.
  assert.ok(grown < 64 * 2 ** 20, `the wasm memory grew by ${(grown / 2 ** 20).toFixed(0)} MiB for the report`);
  assert.ok(csv.last, "the CSV has the last model's row");
  assert.equal(csv.type, 'text/csv');
  // The CSV's text is ~30 MB; with the report's rows as Values at once it took 208 MiB, and
  // written whole in the wasm 76 MiB. It leaves a megabyte at a time.
  assert.ok(csv.grown < 48 * 2 ** 20, `the wasm memory grew by ${(csv.grown / 2 ** 20).toFixed(0)} MiB for the report and its CSV`);
  await page.close();
});

test('rejected rows are counted and the widget says how many and why', async () => {
  const body = [
    '{"ts":"2026-03-02T10:00:00Z","model":"a","caller":"0xab"}',
    '{"model":"b"}',
    '{"ts":"yesterday","model":"a"}',
    '{"ts":"2026-03-03T10:00:00Z","model":"a","latency_ms":"fast"}',
    '{"ts":"2026-03-04T10:00:00Z","model":"c"}',
  ].join('\n');
  const { page, shadow, report } = await widget({ src: fixture('rejected.ndjson', body) });
  const r = await report();
  assert.deepEqual([r.input.rows_read, r.input.rows_rejected, r.input.warnings, r.events], [5, 2, 1, 3]);
  const notice = await shadow('.notice');
  assert.match(notice, /^2 rows rejected \(first: line 2, ts: missing/);
  await screenshot(page, 'rows-rejected');
  await page.close();
});

test('max-rows stops an input that is too large with a clear error', async () => {
  const { page, shadow } = await widget({ src: 'data/events.ndjson', 'max-rows': '1000' }, 'error');
  assert.match(await shadow('.status'), /events\.ndjson: larger than the limit of 1000 rows/);
  await page.close();
  const bad = await widget({ src: 'data/events.ndjson', 'max-rows': 'lots' }, 'error');
  assert.match(await bad.shadow('.status'), /max-rows must be a whole number/);
  await bad.page.close();
});

test('a million events load with a progress bar that moves', async () => {
  if (!existsSync(`${fixtures}million/events.ndjson`)) {
    hubpulse('synth', '--out', `${fixtures}million`, '--count', '1000000', '--seed', '11');
  }
  const page = await suite.browser.newPage();
  await page.goto(suite.server.url);
  // Sample the progress bar once per painted frame while the file loads.
  const seen = await page.evaluate(async () => {
    const el = document.createElement('hub-pulse');
    el.setAttribute('src', 'data/test/million/events.ndjson');
    document.body.append(el);
    const painted = new Set();
    const started = performance.now();
    await new Promise((resolve) => {
      const sample = () => {
        const bar = el.shadowRoot.querySelector('progress');
        if (bar.value > 0) painted.add(bar.value);
        if (el.report || performance.now() - started > 60_000) resolve();
        else requestAnimationFrame(sample);
      };
      requestAnimationFrame(sample);
    });
    return { values: [...painted], rows: el.report?.input.rows_read, rejected: el.report?.input.rows_rejected };
  });
  assert.equal(seen.rows, 1_000_000);
  assert.equal(seen.rejected, 0);
  assert.ok(seen.values.length >= 3, `the progress bar was painted at ${seen.values.length} values`);
  await page.close();
});

test('a large body of events parsed by four workers gives the figures, problems and lines of one parser', async () => {
  // Pieces past the first carry rejected rows, whose lines must count from the body's start;
  // the quoted CSV is cut until its first quote and parsed in one piece from there.
  const page = await suite.browser.newPage();
  const started = [];
  page.on('worker', (w) => { if (w.url().endsWith('/parse-worker.js')) started.push(w.url()); });
  const warned = [];
  page.on('console', (m) => { if (m.type() === 'warning') warned.push(m.text()); });
  await page.goto(suite.server.url);
  for (const [name, quoteAt] of [['pieces.csv', -1], ['pieces.ndjson', -1], ['pieces-quoted.csv', 150_000]]) {
    const body = largeEvents(name, quoteAt);
    assert.ok(body.bytes > 9_000_000, `${name} is ${body.bytes} bytes`);
    const load = (parseWorkers) => page.evaluate(async ([src, parseWorkers]) => {
      const { load } = await import('./hubpulse.js');
      const data = await load({ events: new URL(src, location.href).href, parseWorkers });
      const report = data.report();
      data.free();
      return report;
    }, [body.path, parseWorkers]);
    started.length = 0;
    const one = await load(1);
    assert.equal(started.length, 0, `${name}: one worker parses alone`);
    const four = await load(4);
    assert.equal(started.length, 4, `${name}: four parse workers started; the page warned ${JSON.stringify(warned)}`);
    const native = nativeReport('--events', fixtures + name, '--threads', '1');
    const threads = nativeReport('--events', fixtures + name, '--threads', '4');
    for (const r of [one, four, native, threads]) {
      for (const source of r.input.sources) {
        delete source.source;
        delete source.fetched_at;
      }
    }
    assert.deepEqual(four, one, name);
    assert.deepEqual(four, native, name);
    assert.deepEqual(threads, native, `${name}: the command line's four threads`);
    assert.equal(four.input.rows_rejected, body.rejected, name);
    assert.deepEqual(four.input.problems.map((p) => p.line), body.lines, name);
  }
  await page.close();
});

test('counter snapshots become daily use, shown in their unit, and a day after a gap says what it carries', async () => {
  const body = 'day,model,total\n2026-03-01,a,100\n2026-03-02,a,130\n2026-03-04,a,190\n2026-03-01,b,5\n2026-03-03,b,9\n';
  const snapshots = fixture('snapshots.csv', body);
  const { page, report } = await widget({ snapshots, chart: 'volume', unit: 'downloads' });
  const r = await report();
  assert.deepEqual([r.input.demand_source, r.input.unit, r.events], ['snapshots', 'downloads', 94]);
  assert.deepEqual(r.daily.events, [30, 4, 60]);
  assert.match(await page.getAttribute('#under-test', 'aria-label'), /^94 downloads in 3 days/);
  assert.equal(r.input.warnings, 2, 'the gaps are said');
  // Mar 3 closes b's gap and Mar 4 a's: each carries two days, and says so; Mar 2 does not.
  assert.deepEqual(r.daily.days_carried, [1, 2, 2]);
  await page.focus('#under-test');
  await page.keyboard.press('Home');
  const heard = () => page.evaluate(() => document.querySelector('#under-test').shadowRoot.querySelector('[aria-live]').textContent);
  assert.doesNotMatch(await heard(), /Carries/);
  await page.keyboard.press('End');
  assert.match(await heard(), /Carries:? 2 days: no snapshot on the day before/);
  await page.locator('#under-test').scrollIntoViewIfNeeded();
  await screenshot(page, 'snapshots-gap');
  await page.close();
});

test('a source without callers, modes or self-calls shows the figures it has and says what it does not report', async () => {
  const headers = (page) => page.evaluate(() =>
    [...document.querySelector('#under-test').shadowRoot.querySelectorAll('table th')].map((th) => th.textContent));
  // Keyboard steps through the chart's targets; the live region reads each one out.
  const heard = async (page, steps) => {
    await page.focus('#under-test');
    await page.keyboard.press('Home');
    for (let i = 0; i < steps; i++) await page.keyboard.press('ArrowRight');
    return page.evaluate(() => document.querySelector('#under-test').shadowRoot.querySelector('[aria-live]').textContent);
  };
  // Events that name callers and modes keep every column.
  const events = await widget({ src: 'data/events.ndjson', registry: 'data/models.json', chart: 'leaderboard' });
  assert.deepEqual(await headers(events.page), ['Model', 'Inferences', 'Share', 'Callers', 'Verified', 'Self-calls', 'Week over week']);
  assert.match(await heard(events.page, 0), /Verified/);
  await events.page.close();

  const { page } = await widget({ snapshots: 'data/snapshots.csv', registry: 'data/models.json', chart: 'leaderboard' });
  assert.deepEqual(await headers(page), ['Model', 'Runs', 'Share', 'Week over week']);
  const first = await heard(page, 0);
  assert.match(first, /^1\. .+: Runs [\d,]+, Share /);
  assert.doesNotMatch(first, /Verified|Callers|Self-calls/);
  await page.evaluate(() => document.querySelector('#under-test').setAttribute('chart', 'overview'));
  await page.waitForFunction(() => document.querySelector('#under-test').shadowRoot.querySelector('table th')?.textContent === 'Day (UTC)');
  assert.deepEqual(await headers(page), ['Day (UTC)', 'Runs', 'Models used', 'Models listed']);
  // The tiles of verified share, callers and organic use give way to figures the source has.
  const tiles = [];
  for (let k = 3; k < 6; k++) tiles.push((await heard(page, k)).split(':')[0]);
  assert.deepEqual(tiles, ['Top model', 'Models for 80\u00a0%', 'Per listed model']);
  await page.setViewportSize({ width: 360, height: 900 });
  await page.evaluate(() => { document.querySelector('#under-test').style.cssText = 'display:block;width:320px;height:640px'; });
  await page.locator('#under-test').scrollIntoViewIfNeeded();
  await screenshot(page, 'counters-overview-320');
  await page.close();
});

test('the screen-reader tables of the retention and callers charts hold what the charts draw', async () => {
  const table = (page) => page.evaluate(() => {
    const t = document.querySelector('#under-test').shadowRoot.querySelector('table');
    return { caption: t.caption.textContent, rows: [...t.querySelectorAll('tr')].map((tr) => [...tr.cells].map((c) => c.textContent)) };
  });
  const { page, report } = await widget({ src: 'data/events.ndjson', chart: 'retention' });
  const r = await report();
  let t = await table(page);
  assert.match(t.caption, /models first active in a week still active k weeks later/);
  assert.deepEqual(t.rows[0].slice(0, 3), ['Cohort (week from, UTC)', 'Models', '+0']);
  assert.equal(t.rows.length - 1, r.retention.models.cohorts.length, 'a row per cohort');
  assert.deepEqual(t.rows[1].slice(0, 3), [r.retention.models.cohorts[0], r.retention.models.sizes[0].toLocaleString('en-US'), '100\u00a0%']);
  await page.evaluate(() => document.querySelector('#under-test').setAttribute('cohort', 'callers'));
  await page.waitForFunction(() => document.querySelector('#under-test').shadowRoot.querySelector('table th:nth-child(2)')?.textContent === 'Callers');
  t = await table(page);
  assert.equal(t.rows.length - 1, r.retention.callers.cohorts.length);
  await page.evaluate(() => document.querySelector('#under-test').setAttribute('chart', 'callers'));
  await page.waitForFunction(() => document.querySelector('#under-test').shadowRoot.querySelector('table th:nth-child(2)')?.textContent === 'Daily callers');
  t = await table(page);
  assert.deepEqual(t.rows[0], ['Day (UTC)', 'Daily callers', 'WAU', 'MAU']);
  const last = t.rows.at(-1);
  assert.deepEqual(last.slice(1).map((n) => Number(n.replace(/,/g, ''))), [r.daily.callers.at(-1), r.daily.wau.at(-1), r.daily.mau.at(-1)]);
  await page.close();
});

test('OpenRouter rankings read as published: tokens, the other row, and the credit under the chart', async () => {
  const rows = [];
  for (let d = 1; d <= 9; d++) {
    rows.push({ date: `2026-03-0${d}`, model_permaslug: 'vendor/model-a', total_tokens: String(9e11 + d) });
    rows.push({ date: `2026-03-0${d}`, model_permaslug: 'vendor/model-b', total_tokens: String(2e11) });
    rows.push({ date: `2026-03-0${d}`, model_permaslug: 'other', total_tokens: String(1e11) });
  }
  const rankings = fixture('rankings.json', JSON.stringify({ data: rows, meta: { as_of: '2026-03-10' } }, null, 2));
  const { page, report } = await widget({ rollups: rankings, format: 'openrouter-rankings', chart: 'volume' });
  const r = await report();
  assert.equal(r.input.unit, 'tokens');
  assert.equal(r.models_active, 2, 'the other row is not a model');
  assert.deepEqual(r.owners.map((o) => o.owner), ['vendor'], 'a model\'s author owns it; the long tail is no model\'s');
  assert.equal(r.events, 9 * (9e11 + 2e11 + 1e11) + 45);
  assert.equal(r.input.attribution, 'Source: OpenRouter (openrouter.ai/rankings), as of 2026-03-10');
  assert.match(await page.getAttribute('#under-test', 'aria-label'), / tokens in 9 days/);
  await page.locator('#under-test').scrollIntoViewIfNeeded();
  await screenshot(page, 'openrouter');
  await page.close();
});

test('the hubs page reads the made-up hub in each public shape, in its unit, with its credit', async () => {
  const page = await suite.browser.newPage({ viewport: { width: 1220, height: 1800 } });
  await page.goto(`${suite.server.url}hubs.html`);
  const ids = ['snapshots-overview', 'replicate-overview', 'hf-overview', 'rankings-overview'];
  for (const id of ids) assert.equal(await settled(page, `#${id}`), 'loaded', id);
  const [snap, replicate, hf, rank] = await page.evaluate((ids) => ids.map((id) => document.getElementById(id).report), ids);
  const data = `${root}www/data/`;
  const raw = nativeReport('--events', `${data}events.ndjson`, '--registry', `${data}models.json`);
  assert.equal(snap.events, raw.events, 'the running totals add up to the events they count');
  assert.deepEqual(snap.daily.events, raw.daily.events);
  assert.equal(snap.models_active, raw.models_active);
  assert.equal(snap.input.unit, 'runs');
  // Replicate's pages: the same hub, but a model's first page is its baseline.
  assert.equal(replicate.input.unit, 'runs');
  assert.equal(replicate.models_listed, raw.models_listed, 'every listed model is on the pages');
  const native = nativeReport('--snapshots', `${data}replicate-models.ndjson`, '--format', 'replicate-models');
  const figures = (r) => ({ ...r, input: { ...r.input, sources: r.input.sources.map((s) => s.sha256) } });
  assert.deepEqual(figures(replicate), figures(native), 'the widget and the command line agree');
  // Hugging Face: 30-day totals, no days.
  const last30 = nativeReport('--events', `${data}events.ndjson`, '--registry', `${data}models.json`, '--range', '30d');
  assert.equal(hf.input.unit, 'downloads');
  assert.equal(hf.window.days, 30);
  assert.equal(hf.events, last30.events);
  assert.equal(hf.models_active, last30.models_active);
  assert.deepEqual(hf.daily.day, []);
  assert.ok(hf.input.unavailable.some((u) => u.figure === 'daily'));
  assert.equal(rank.input.unit, 'tokens');
  assert.equal(rank.events, raw.events * 1000);
  assert.match(rank.input.attribution, /^Source: OpenRouter \(openrouter\.ai\/rankings\), as of /);
  await screenshot(page, 'hubs');
  await page.close();
});

test('each hub shape has its own dashboard page that says what it cannot show', async () => {
  const page = await suite.browser.newPage({ viewport: { width: 1220, height: 1400 } });
  for (const shape of ['snapshots', 'replicate', 'huggingface', 'openrouter']) {
    await page.goto(`${suite.server.url}hub.html?shape=${shape}`);
    for (const id of ['overview', 'volume', 'supply', 'concentration', 'leaderboard']) {
      assert.equal(await settled(page, `#${id}`), 'loaded', `${shape} ${id}`);
    }
    await screenshot(page, `hubs-${shape}`);
  }
  // Hugging Face's totals have no days: the volume chart says so rather than drawing one bar.
  await page.goto(`${suite.server.url}hub.html?shape=huggingface`);
  await settled(page, '#volume');
  const label = await page.evaluate(() => document.querySelector('#volume').getAttribute('aria-label'));
  assert.match(label, /downloads in 30 days; .* totals over the period, not by day\./);
  await page.close();
});

test('report({filter}) gives the figures of the events filtered beforehand, by model, owner, category, mode, kind and app', async () => {
  // The demo hub's events and registry, and the same files cut by hand to what each filter
  // keeps: the filtered report in the browser must equal the command line's report of the
  // cut files over the same window (all but `input`, which names other files).
  const events = readFileSync(`${root}www/data/events.ndjson`, 'utf8').split('\n').filter(Boolean).map(JSON.parse);
  const models = JSON.parse(readFileSync(`${root}www/data/models.json`, 'utf8'));
  const listing = new Map(models.map((m) => [m.model, m]));
  const busiest = [...events.reduce((n, e) => n.set(e.model, (n.get(e.model) ?? 0) + 1), new Map())]
    .sort((a, b) => b[1] - a[1]).map(([model]) => model);
  const owner = listing.get(busiest[0]).owner;
  const category = listing.get(busiest[1]).category;
  // A case: the filter, the models it keeps (and lists) and the events of those it keeps.
  const all = () => true;
  const cases = [
    [{ model: busiest.slice(2, 4) }, (m) => busiest.slice(2, 4).includes(m), all],
    [{ owner: [owner.toUpperCase().replace('0X', '0x')] }, (m) => listing.get(m)?.owner === owner, all],
    [{ category: [category] }, (m) => listing.get(m)?.category === category, all],
    [{ mode: ['zkml', 'tee'] }, all, (e) => ['zkml', 'tee'].includes(e.mode)],
    [{ kind: [events[0].kind], app: ['chat-web'] }, all, (e) => e.kind === events[0].kind && e.app === 'chat-web'],
    [{ category: [category], app: [events[0].app] }, (m) => listing.get(m)?.category === category, (e) => e.app === events[0].app],
  ];
  const page = await suite.browser.newPage();
  await page.goto(suite.server.url);
  const reports = await page.evaluate(async (filters) => {
    const { load } = await import('./hubpulse.js');
    const data = await load({ events: new URL('data/events.ndjson', location.href).href, registry: new URL('data/models.json', location.href).href });
    const out = { whole: data.report({ range: '30d' }), filtered: filters.map((filter) => data.report({ range: '30d', filter })) };
    try { data.report({ filter: { model: ['no/such-model'] } }); } catch (e) { out.error = e.message; }
    data.free();
    return out;
  }, cases.map(([filter]) => filter));
  const { from, to } = reports.whole.window;
  cases.forEach(([filter, keep, event], k) => {
    const name = `filtered-${k}`;
    fixture(`${name}.ndjson`, events.filter((e) => keep(e.model) && event(e)).map((e) => JSON.stringify(e)).join('\n'));
    fixture(`${name}.json`, JSON.stringify(models.filter((m) => keep(m.model))));
    const expected = nativeReport('--events', `${fixtures}${name}.ndjson`, '--registry', `${fixtures}${name}.json`, '--from', from, '--to', to);
    const got = reports.filtered[k];
    assert.deepEqual(got.input.filter, { model: [], owner: [], category: [], mode: [], kind: [], app: [], ...filter });
    assert.ok(got.events > 0 && got.events < reports.whole.events, `${JSON.stringify(filter)} keeps part of the use`);
    delete got.input;
    delete expected.input;
    assert.deepEqual(got, expected, JSON.stringify(filter));
  });
  assert.match(reports.error, /filter: no model is named "no\/such-model"/);
  await page.close();
});
