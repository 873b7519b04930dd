// The peers of issue #7, side by side in headless Chromium: hubpulse, DuckDB-Wasm, Arquero
// and Perspective compute the same figures (bench/peers/peers.js) from the same generated
// files served from 127.0.0.1; the script checks they agree and prints start-up,
// fetch-to-figures, peak memory and the bytes each engine downloads, with ratios to
// hubpulse, into bench/PEERS.md. Each run gets a fresh browser, so its renderer's peak
// resident memory (Linux's VmHWM) is that run's alone. Run by `npm run bench` after the
// build and bench.mjs; BENCH_SIZES and BENCH_ENGINES (comma-separated) narrow it.
import { createServer } from 'http-server';
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { run } from './run.mjs';
import { launch } from '../tests/harness.mjs';
import { shippedFiles } from './shipped.mjs';

const root = new URL('..', import.meta.url).pathname;
if (!existsSync(`${root}bench/peers/node_modules/@finos/perspective`)) {
  run('npm', ['install', '--no-audit', '--no-fund', '--prefix', `${root}bench/peers`]);
}
const sizes = (process.env.BENCH_SIZES ?? '100000,1000000').split(',').map(Number);
const server = createServer({ root, cache: -1, showDir: false, logFn: () => {} });
await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
const base = `http://127.0.0.1:${server.server.address().port}`;
const only = process.env.BENCH_ENGINES?.split(',');
const engines = [['hubpulse', 'hubpulseFigures'], ['DuckDB-Wasm', 'duckdbFigures'], ['Arquero', 'arqueroFigures'],
                 ['Perspective', 'perspectiveFigures']].filter(([name]) => !only || only.includes(name));

/** The peak resident memory of the browser's renderer processes, in bytes (Linux). */
async function rendererPeak(browser) {
  const session = await browser.newBrowserCDPSession();
  const { processInfo } = await session.send('SystemInfo.getProcessInfo');
  await session.detach();
  const peaks = processInfo.filter((p) => p.type === 'renderer').map((p) => {
    try {
      const kb = readFileSync(`/proc/${p.id}/status`, 'utf8').match(/VmHWM:\s+(\d+) kB/)?.[1];
      return Number(kb ?? 0) * 1024;
    } catch {
      return 0;
    }
  });
  return Math.max(0, ...peaks);
}

/** Runs one engine (or, with no engine, nothing: the baseline) on one file in a fresh
 * browser; returns its timing, figures, download and the renderer's peak memory. */
async function measure(fn, file) {
  const browser = await launch();
  try {
    const page = await browser.newPage();
    await page.goto(`${base}/bench/peers/peers.html`);
    await page.waitForFunction(() => window.peersReady);
    const result = fn ? await page.evaluate(async ([f, url]) => window[f](url), [fn, `${base}/www/data/bench/${file}`]) : {};
    result.peakBytes = await rendererPeak(browser);
    return result;
  } finally {
    await browser.close();
  }
}

/** What each engine makes a page download (its worker fetches the wasm, which the page's
 * resource timing does not see, so the files are counted from disk), gzipped. */
const { gzipSync } = await import('node:zlib');
const peers = `${root}bench/peers/node_modules/`;
const arrow = readdirSync(`${peers}apache-arrow`, { recursive: true }).filter((f) => f.endsWith('.mjs') && !f.includes('node'))
  .map((f) => `${peers}apache-arrow/${f}`);
const artifacts = {
  hubpulse: shippedFiles().map((f) => `${root}www/${f}`),
  'DuckDB-Wasm': ['duckdb-eh.wasm', 'duckdb-browser-eh.worker.js', 'duckdb-browser.mjs']
    .map((f) => `${peers}@duckdb/duckdb-wasm/dist/${f}`).concat(arrow),
  Arquero: [`${peers}arquero/dist/arquero.min.js`],
  Perspective: ['cdn/perspective.js', 'cdn/perspective-server.worker.js', 'wasm/perspective-js.wasm',
                'wasm/perspective-server.wasm'].map((f) => `${peers}@finos/perspective/dist/${f}`),
};
const download = (name) => artifacts[name].reduce((a, f) => a + gzipSync(readFileSync(f)).length, 0);

/** Whether two engines' figures agree (shares to 1e-9). */
function agree(a, b) {
  const close = (x, y) => Math.abs(x - y) <= 1e-9 * Math.max(1, Math.abs(x));
  return a.events === b.events && a.models_active === b.models_active && a.callers === b.callers
    && JSON.stringify(a.events_per_day) === JSON.stringify(b.events_per_day)
    && JSON.stringify(a.callers_per_day) === JSON.stringify(b.callers_per_day)
    && JSON.stringify(a.by_mode) === JSON.stringify(b.by_mode)
    && close(a.top10_share, b.top10_share) && close(a.hhi, b.hhi);
}

const rows = [];
const baseline = (await measure(null, null)).peakBytes;
const mib = (bytes) => `${(bytes / 2 ** 20).toFixed(0)} MiB`;
try {
  for (const size of sizes) {
    for (const format of ['csv', 'ndjson']) {
      const file = `${size}-${format}/events.${format}`;
      if (!existsSync(`${root}www/data/bench/${file}`)) continue;
      const mb = statSync(`${root}www/data/bench/${file}`).size / 1e6;
      const results = [];
      for (const [name, fn] of engines) {
        try {
          results.push([name, await measure(fn, file)]);
        } catch (error) {
          results.push([name, { error: error.message.split('\n')[0] }]);
        }
        const r = results.at(-1)[1];
        console.log(`${format} ${size} ${name}: ${r.error ?? `${r.totalMs.toFixed(0)} ms, peak ${mib(r.peakBytes)}`}`);
      }
      const ours = results[0][1];
      for (const [name, r] of results) {
        const same = r.error ? 'failed' : agree(r.figures, ours.figures) ? 'yes' : 'NO';
        rows.push(`| ${format} | ${size.toLocaleString('en-US')} (${mb.toFixed(0)} MB) | ${name} | ` +
          (r.error ? `— | — | — | — | — | ${(download(name) / 1024).toFixed(0)} KiB | ${r.error} |` :
            `${r.startMs.toFixed(0)} ms | ${r.totalMs.toFixed(0)} ms | ${(r.totalMs / ours.totalMs).toFixed(1)}× | ` +
            `${mib(r.peakBytes - baseline)} | ${((r.peakBytes - baseline) / (ours.peakBytes - baseline)).toFixed(1)}× | ` +
            `${(download(name) / 1024).toFixed(0)} KiB | ${same} |`));
      }
    }
  }
} finally {
  server.close();
}
const table = ['| input | events | engine | start-up | fetch → figures | vs hubpulse | peak memory | vs hubpulse | engine download | same figures |',
               '|---|---|---|---:|---:|---:|---:|---:|---:|---|', ...rows];
const text = `# hubpulse and its peers\n\nHeadless Chromium, ${new Date().toISOString().slice(0, 10)}, files served from ` +
  `127.0.0.1, each run in a fresh browser. Figures: events per day, distinct models, distinct callers overall and ` +
  `per day, top-10 share, HHI and events by mode, over successful events. "Engine download" is the gzipped ` +
  `size of the files the engine needs (DuckDB-Wasm: its wasm, worker and Arrow). DuckDB-Wasm reads NDJSON only ` +
  `with its json extension, which it downloads at run time: offline it fails ("unreachable"). At 10 M events ` +
  `Arquero and Perspective fail: each needs the whole file as one JavaScript string, and a 1 GB body is longer ` +
  `than V8 allows. "Peak memory" is the renderer ` +
  `process's peak resident memory (VmHWM) in a fresh browser, less that of the same page without an engine ` +
  `(${mib(baseline)}); it includes the engines' workers. Regenerate with \`npm run bench\`.\n\n${table.join('\n')}\n`;
writeFileSync(`${root}bench/PEERS.md`, text);
console.log(`\n${table.join('\n')}\n\nwritten to bench/PEERS.md`);
