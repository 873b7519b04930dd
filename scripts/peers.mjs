// The peers of issue #7, side by side in one headless Chromium: hubpulse, DuckDB-Wasm and
// Arquero compute the same figures (bench/peers/peers.js) from the same generated files
// served from 127.0.0.1; the script checks they agree and prints start-up, fetch-to-figures
// and the bytes each engine downloads, with ratios to hubpulse, into bench/PEERS.md.
// Perspective is not measured yet. Run by `npm run bench` after the build and bench.mjs.
import { createServer } from 'http-server';
import { existsSync, statSync, writeFileSync } from 'node:fs';
import { run } from './run.mjs';
import { launch } from '../tests/harness.mjs';

const root = new URL('..', import.meta.url).pathname;
if (!existsSync(`${root}bench/peers/node_modules/@duckdb/duckdb-wasm`)) {
  run('npm', ['install', '--no-audit', '--no-fund', '--prefix', `${root}bench/peers`]);
}
const sizes = (process.env.BENCH_SIZES ?? '100000,1000000').split(',').map(Number);
const server = createServer({ root, cache: -1, showDir: false, logFn: () => {} });
await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
const base = `http://127.0.0.1:${server.server.address().port}`;
const browser = await launch();
const engines = [['hubpulse', 'hubpulseFigures'], ['DuckDB-Wasm', 'duckdbFigures'], ['Arquero', 'arqueroFigures']];

/** Runs one engine on one file in a fresh page; returns its timing, figures and download. */
async function measure(fn, file) {
  const page = await browser.newPage();
  await page.goto(`${base}/bench/peers/peers.html`);
  await page.waitForFunction(() => window.peersReady);
  const result = await page.evaluate(async ([f, url]) => {
    const r = await window[f](url);
    return r;
  }, [fn, `${base}/www/data/bench/${file}`]);
  await page.close();
  return result;
}

/** What each engine makes a page download (its worker fetches the wasm, which the page's
 * resource timing does not see, so the files are counted from disk), gzipped. */
const { gzipSync } = await import('node:zlib');
const { readFileSync, readdirSync } = await import('node:fs');
const peers = `${root}bench/peers/node_modules/`;
const arrow = readdirSync(`${peers}apache-arrow`, { recursive: true }).filter((f) => f.endsWith('.mjs') && !f.includes('node'))
  .map((f) => `${peers}apache-arrow/${f}`);
const artifacts = {
  hubpulse: ['www/pkg/hubpulse_bg.wasm', 'www/pkg/hubpulse.js', 'www/hubpulse.js'].map((f) => root + f),
  'DuckDB-Wasm': ['duckdb-eh.wasm', 'duckdb-browser-eh.worker.js', 'duckdb-browser.mjs']
    .map((f) => `${peers}@duckdb/duckdb-wasm/dist/${f}`).concat(arrow),
  Arquero: [`${peers}arquero/dist/arquero.min.js`],
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
        console.log(`${format} ${size} ${name}: ${r.error ?? `${r.totalMs.toFixed(0)} ms`}`);
      }
      const ours = results[0][1];
      for (const [name, r] of results) {
        const same = r.error ? 'failed' : agree(r.figures, ours.figures) ? 'yes' : 'NO';
        rows.push(`| ${format} | ${size.toLocaleString('en-US')} (${mb.toFixed(0)} MB) | ${name} | ` +
          (r.error ? `— | — | — | — | ${r.error} |` :
            `${r.startMs.toFixed(0)} ms | ${r.totalMs.toFixed(0)} ms | ${(r.totalMs / ours.totalMs).toFixed(1)}× | ` +
            `${(download(name) / 1024).toFixed(0)} KiB | ${same} |`));
      }
    }
  }
} finally {
  await browser.close();
  server.close();
}
const table = ['| input | events | engine | start-up | fetch → figures | vs hubpulse | engine download | same figures |',
               '|---|---|---|---:|---:|---:|---:|---|', ...rows];
const text = `# hubpulse and its peers\n\nOne headless Chromium, ${new Date().toISOString().slice(0, 10)}, files served from ` +
  `127.0.0.1, each engine in a fresh page. Figures: events per day, distinct models, distinct callers overall and ` +
  `per day, top-10 share, HHI and events by mode, over successful events. "Engine download" is the gzipped ` +
  `size of the files the engine needs (DuckDB-Wasm: its wasm, worker and Arrow). DuckDB-Wasm reads NDJSON only ` +
  `with its json extension, which it downloads at run time: offline it fails. Peak memory needs cross-origin isolation and is not measured yet, nor ` +
  `is Perspective. Regenerate with \`npm run bench\`.\n\n${table.join('\n')}\n`;
writeFileSync(`${root}bench/PEERS.md`, text);
console.log(`\n${table.join('\n')}\n\nwritten to bench/PEERS.md`);
