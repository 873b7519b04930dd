// `npm run bench`: the load path's speed and memory, measured, not asserted (issue #17).
// On generated files served from 127.0.0.1, in headless Chromium (bench/page.js):
//   - fetch → full report through `load()`, beside the same body drained unparsed in the
//     same page (the floor), their ratio, the longest task on the page's thread meanwhile,
//     the renderer's peak memory, the wasm memory a parse needs beside the store it keeps,
//     a new window's recompute, and a filter's (a new one, and a new window under a kept one);
//   - a dashboard of every chart on 1 M listed models: each widget's JS heap and the longest
//     task while they draw; each chart's view, redraw and hover times;
//   - the peers (scripts/peers.mjs) on the same event files;
// and natively, `hubpulse report` on the same files: time and peak resident memory.
// Writes bench/RESULTS.md (and bench/PEERS.md), which the README quotes.
//   BENCH_SIZES=100000 npm run bench      only the given event counts (comma-separated)
//   BENCH_ENGINES=hubpulse,Arquero        only these peers
//   BENCH_CRITERION=1                      also Criterion's native micro-benchmarks
import { existsSync, mkdirSync, statSync, writeFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { run } from './run.mjs';
import { shippedSizes } from './shipped.mjs';
import { comparePeers } from './peers.mjs';
import { inFreshBrowser, mb, median, mib, ms, nativeRun, rendererPeak, root, serveRoot, times } from './measure.mjs';

const sizes = (process.env.BENCH_SIZES ?? '100000,1000000').split(',').map(Number);
const RUNS = 3;
const cli = `${root}target/release/hubpulse`;
const dir = `${root}www/data/bench`;

if (process.env.BENCH_CRITERION) run('cargo', ['bench', '--bench', 'throughput'], { cwd: root });
run('cargo', ['build', '--release', '--bin', 'hubpulse'], { cwd: root });

/** Makes `out` with `hubpulse synth` unless `file` is there. */
function synth(out, file, args) {
  if (!existsSync(`${out}/${file}`)) run(cli, ['synth', '--out', out, ...args]);
}

// Each case: a label, the file under www/data/bench/ that is its body, the load spec (paths
// under www/data/bench/) and the command line's arguments for the same input.
const cases = [];
for (const size of sizes) {
  for (const format of ['csv', 'ndjson']) {
    synth(`${dir}/${size}-${format}`, `events.${format}`, ['--count', String(size), '--format', format, '--no-shapes']);
    const file = `${size}-${format}/events.${format}`;
    cases.push({ label: `events ${format}`, file, spec: { events: file }, args: ['--events', `${dir}/${file}`],
                 registry: `${size}-${format}/models.json` });
  }
}
// Two years of a counter hub's daily model list, 5,000 models (the real one: 147 MB).
synth(`${dir}/replicate-2y`, 'replicate-models.ndjson', ['--models', '5000', '--days', '730', '--count', '200000']);
const pages = 'replicate-2y/replicate-models.ndjson';
cases.push({ label: 'replicate-models, 2 years', file: pages, spec: { snapshots: pages, format: 'replicate-models' },
             args: ['--snapshots', `${dir}/${pages}`, '--format', 'replicate-models'] });
// A hub that lists a million models.
synth(`${dir}/listed-1000000`, 'events.csv', ['--count', '1000000', '--models', '1000000', '--format', 'csv', '--no-shapes']);
const listed = { events: 'listed-1000000/events.csv', registry: 'listed-1000000/models.json' };

const server = await serveRoot();
const absolute = (spec) => Object.fromEntries(Object.entries(spec)
  .map(([k, v]) => [k, k === 'format' ? v : `${server.base}/www/data/bench/${v}`]));

/** A fresh browser on the bench page; resolves to what `fn(page, browser)` does there. */
const onBenchPage = (fn) => inFreshBrowser(async (browser) => {
  const page = await browser.newPage();
  await page.goto(`${server.base}/bench/page.html`);
  await page.waitForFunction(() => window.benchReady);
  return fn(page, browser);
});
const call = (page, name, arg) => page.evaluate(([n, a]) => window[n](a), [name, arg]);

const results = [];
let baseline;
let chartTimes;
let dashboard;
try {
  baseline = await onBenchPage((page, browser) => rendererPeak(browser));
  for (const c of cases) {
    const spec = absolute(c.spec);
    const body = statSync(`${dir}/${c.file}`).size + (c.spec.registry ? statSync(`${dir}/${c.spec.registry}`).size : 0);
    // Speed: drain and load alternate in one page, after a first run of each; a body of
    // events also with 2 and 4 parse workers (one is the load worker alone).
    const speedWith = (parseWorkers) => onBenchPage(async (page) => {
      const load = { ...spec, parseWorkers };
      await call(page, 'drain', spec);
      await call(page, 'fetchToReport', load);
      const drains = [];
      const loads = [];
      for (let i = 0; i < RUNS; i++) {
        drains.push((await call(page, 'drain', spec)).ms);
        loads.push(await call(page, 'fetchToReport', load));
      }
      const once = c.spec.events && parseWorkers === 1;
      const recompute = once ? await call(page, 'recompute', spec) : null;
      const filtered = once ? await call(page, 'recomputeFiltered', absolute({ ...c.spec, registry: c.registry })) : null;
      return { ...loads[0], drainMs: median(drains), loadMs: median(loads.map((l) => l.ms)), recompute, filtered,
               reportMs: median(loads.map((l) => l.reportMs)), longestTask: Math.max(...loads.map((l) => l.longestTask)) };
    });
    const speed = await speedWith(1);
    const workers = {};
    for (const n of c.spec.events ? [2, 4] : []) workers[n] = await speedWith(n);
    // Memory: one load in a fresh browser; then the same parse on a page's own thread, whose
    // wasm memory (never given back) is the peak the parse needed.
    const peak = await onBenchPage(async (page, browser) => {
      await call(page, 'fetchToReport', spec);
      return rendererPeak(browser);
    });
    const wasm = await onBenchPage((page) => call(page, 'peakWasm', spec));
    const native = await nativeRun(cli, ['report', ...c.args, '--threads', '1']);
    const threads = {};
    for (const n of c.spec.events ? [2, 4] : []) threads[n] = await nativeRun(cli, ['report', ...c.args, '--threads', String(n)]);
    const r = { ...c, body, ...speed, workers, peakBytes: peak - baseline, wasmBytes: wasm.wasmBytes, native, threads };
    results.push(r);
    console.log(`${c.file}: drain ${ms(r.drainMs)}, fetch → report ${ms(r.loadMs)} (${times(r.loadMs / r.drainMs)}), ` +
                Object.entries(workers).map(([n, w]) => `${n} parse workers ${ms(w.loadMs)} (${times(w.loadMs / w.drainMs)}), `).join('') +
                `longest task ${ms(r.longestTask)}, wasm ${mib(r.wasmBytes)} for a ${mib(r.storeBytes)} store; ` +
                `natively ${ms(native.ms)}, ${mib(native.peakBytes)}` +
                Object.entries(threads).map(([n, t]) => `; ${n} threads ${ms(t.ms)}, ${mib(t.peakBytes)}`).join(''));
  }
  // Each chart's costs on the largest CSV of events.
  const largest = cases.filter((c) => c.file.endsWith('.csv') && c.spec.events).at(-1);
  chartTimes = await onBenchPage((page) => call(page, 'charts', absolute(largest.spec)));
  chartTimes.events = results.find((r) => r.file === largest.file).events;
  // A dashboard on a million listed models: JS heap after a collection, before and after.
  dashboard = await onBenchPage(async (page) => {
    const session = await page.context().newCDPSession(page);
    const heap = async () => {
      await session.send('HeapProfiler.collectGarbage');
      return (await session.send('Runtime.getHeapUsage')).usedSize;
    };
    await page.evaluate(() => import('/www/hubpulse.js'));
    const before = await heap();
    const drawn = await call(page, 'dashboard', absolute(listed));
    const after = await heap();
    const models = await page.evaluate(() => window.dashboardData.report({ range: '7d' }).models_in_universe);
    const groups = await call(page, 'groupsDashboard');
    return { ...drawn, heapPerWidget: (after - before) / 9, models, groups };
  });
  console.log(`dashboard of 9 widgets on ${dashboard.models.toLocaleString('en-US')} listed models: ` +
              `${mib(dashboard.heapPerWidget)} of JS heap each, longest task ${ms(dashboard.longestTask)}; ` +
              `4 owner and category charts after: longest task ${ms(dashboard.groups.longestTask)}`);
} finally {
  server.close();
}

const peers = await comparePeers(cases.filter((c) => c.spec.events).map((c) => c.file));

const count = (n) => n.toLocaleString('en-US');
const tenths = (t) => (t === null || t === undefined ? '—' : `${t.toFixed(1)} ms`);
const ratio = (r, engine) => (peers[r.file]?.[engine] ? times(peers[r.file][engine] / peers[r.file].hubpulse) : '—');
const load = [
  '| input | events | body | drain | fetch → report | ÷ drain | of it `report()` | longest page task | renderer peak | wasm peak | store | wasm ÷ store | new window | new filter | new window, filter kept | new mode filter |',
  '|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|',
  ...results.map((r) => `| ${r.label} | ${count(r.events)} | ${mb(r.body)} | ${ms(r.drainMs)} | ${ms(r.loadMs)} | ` +
    `${times(r.loadMs / r.drainMs)} | ${ms(r.reportMs)} | ${ms(r.longestTask)} | ${mib(r.peakBytes)} | ${mib(r.wasmBytes)} | ` +
    `${mib(r.storeBytes)} | ${times(r.wasmBytes / r.storeBytes)} | ${tenths(r.recompute)} | ${tenths(r.filtered?.cut)} | ` +
    `${tenths(r.filtered?.kept)} | ${tenths(r.filtered?.mode)} |`),
];
const inPieces = [
  '| input | events | parse workers | drain | fetch → report | ÷ drain | longest page task |', '|---|---:|---:|---:|---:|---:|---:|',
  ...results.filter((r) => Object.keys(r.workers).length).flatMap((r) => [[1, r], ...Object.entries(r.workers)].map(([n, w]) =>
    `| ${r.label} | ${count(r.events)} | ${n} | ${ms(w.drainMs)} | ${ms(w.loadMs)} | ${times(w.loadMs / w.drainMs)} | ${ms(w.longestTask)} |`)),
];
const versus = [
  '| input | events | hubpulse ÷ drain | DuckDB-Wasm ÷ hubpulse | Arquero ÷ hubpulse | Perspective ÷ hubpulse |',
  '|---|---:|---:|---:|---:|---:|',
  ...results.filter((r) => peers[r.file]).map((r) => `| ${r.label} | ${count(r.events)} | ` +
    `${peers[r.file].hubpulse ? times(peers[r.file].hubpulse / peers[r.file].drainMs) : '—'} | ` +
    `${ratio(r, 'DuckDB-Wasm')} | ${ratio(r, 'Arquero')} | ${ratio(r, 'Perspective')} |`),
];
const native = [
  '| input | body | threads | `hubpulse report` | peak RSS | ÷ store |', '|---|---:|---:|---:|---:|---:|',
  ...results.flatMap((r) => [[1, r.native], ...Object.entries(r.threads)].map(([n, t]) =>
    `| ${r.label}, ${count(r.events)} events | ${mb(r.body)} | ${n} | ${ms(t.ms)} | ${mib(t.peakBytes)} | ${times(t.peakBytes / r.storeBytes)} |`)),
];
const charts = [
  '| chart | its view (report) | full redraw | hover update |', '|---|---:|---:|---:|',
  ...Object.entries(chartTimes).filter(([name]) => name !== 'events').map(([name, m]) =>
    `| ${name} | ${m.viewMs.toFixed(1)} ms | ${m.drawMs.toFixed(1)} ms | ${m.hoverMs.toFixed(2)} ms |`),
];
const kib = (n) => `${(n / 1024).toFixed(0)} KiB`;
const shipped = shippedSizes();
const total = (files, key) => kib(files.reduce((a, s) => a + s[key], 0));
const row = ({ file, raw, gzip }) => `| ${file} | ${kib(raw)} | ${kib(gzip)} |`;
const words = (s) => s.file.startsWith('pkg/words/');
const [always, optional] = [shipped.filter((s) => !s.optional), shipped.filter((s) => s.optional && !words(s))];
const download = ['| file | raw | gzipped |', '|---|---:|---:|', ...always.map(row),
                  `| **default load** | ${total(always, 'raw')} | ${total(always, 'gzip')} |`, ...optional.map(row),
                  `| **optional part** (a chain or a hub's own document only) | ${total(optional, 'raw')} | ${total(optional, 'gzip')} |`,
                  ...shipped.filter(words).map(row).map((r) => r.replace(/^\| (\S+) \|/, '| $1 (its readers only) |'))];

const text = `# Benchmark results

Headless Chromium on ${cpus()[0]?.model ?? 'an unknown CPU'} (${cpus().length} cores), ${new Date().toISOString().slice(0, 10)},
files made by \`hubpulse synth\` and served from 127.0.0.1. Regenerate with \`npm run bench\`.

## The load path

"Fetch → report" is \`load()\` (one load worker fetches, parses and hands the store over; SHA-256 in
the hashing worker) and the first full \`report()\`, median of ${RUNS} after a first run; "drain" reads the
same body to its end unparsed, in the same page, alternating with it; "of it \`report()\`" is the
full report's share (every figure, each model's daily series included, made into one JS object).
"Longest page task" is the longest task on the page's thread during those loads, before the report
(a \`longtask\` observer; 0 when none passed 50 ms).
"Renderer peak" is the page's renderer process's peak resident memory (workers included) for one
load in a fresh browser, less that of the same page before any load (${mib(baseline)}). "Wasm peak" is the wasm memory the
same parse leaves on a page's own thread (wasm memory only grows, so this is its peak); "store" is
the dataset it keeps (columns and interned strings). These rows parse each body in the load
worker alone (\`parseWorkers: 1\`, the default on a machine of fewer than four cores).
"New window" is a full \`report()\` of another window (median of 21); "new filter" one that counts a
category of models (the registry beside the events; three categories in turn, so the dataset is cut
anew each time; median of 9), and "new window, filter kept" one of another window under the same
filter (median of 21): what a click on a category and a brush after it cost. "New mode filter"
counts one verification mode (three in turn; median of 9): the events are cut and their daily
tallies summed anew, as a double-click on a mode's legend entry asks.

${load.join('\n')}

A body of events cut into pieces that 2 or 4 parse workers parse beside the load worker
(docs/architecture.md#several-workers-one-body; the same figures, checked by the browser tests).
This machine has ${cpus().length} cores: the load worker, the hashing worker and the parse
workers share them.

${inPieces.join('\n')}

Against the peers (bench/PEERS.md: each engine in a fresh browser, start-up excluded, same figures
checked):

${versus.join('\n')}

## A million listed models

Nine widgets, one of each chart, given one dataset of ${count(dashboard.models)} listed models
(\`hubpulse synth --count 1000000 --models 1000000\`): ${mib(dashboard.heapPerWidget)} of JS heap per widget
(after a collection), all drawn in ${ms(dashboard.result)}, longest task on the page's thread
${ms(dashboard.longestTask)} (${dashboard.longTasks} over 50 ms). Then four charts of its owners and categories
(share by owner and by category, categories, the owners' leaderboard), on the same dataset:
all drawn in ${ms(dashboard.groups.result)}, longest task ${ms(dashboard.groups.longestTask)} (${dashboard.groups.longTasks} over 50 ms).

## Drawing, at ${count(chartTimes.events)} events

At 960 × 400 CSS px at 2×: making a chart's view (its report, cut to what it draws; median of 5),
then medians of 11 batches of 10 redraws and 21 of 10 hovers, each batch waiting for the pixels.

${charts.join('\n')}

## Natively

The command line on the same files: wall time and peak resident memory (sampled every 5 ms),
parsing in 1 thread, and a body of events in pieces on 2 and 4 (\`--threads\`; the default is one a core).

${native.join('\n')}

## What a page downloads

${download.join('\n')}
`;
mkdirSync(`${root}bench`, { recursive: true });
writeFileSync(`${root}bench/RESULTS.md`, text);
console.log(`\n${text}\nwritten to bench/RESULTS.md`);
