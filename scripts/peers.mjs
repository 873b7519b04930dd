// The peers of issue #7, side by side in headless Chromium: hubpulse, DuckDB-Wasm, Arquero
// and Perspective compute the same figures (bench/peers/peers.js) from the same generated
// files served from 127.0.0.1, beside the body drained unparsed (bench/page.js); checks
// that they agree and writes start-up, fetch-to-figures (start-up excluded), its ratio to
// the drain and to hubpulse, peak memory and each engine's download into bench/PEERS.md.
// Each engine runs in a fresh browser, so its renderer's peak resident memory is its own.
// Called by scripts/bench.mjs; alone: `node scripts/peers.mjs` (after `npm run bench` made
// the files). BENCH_SIZES and BENCH_ENGINES (comma-separated) narrow it.
import { existsSync, readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { pathToFileURL } from 'node:url';
import { run } from './run.mjs';
import { shippedFiles } from './shipped.mjs';
import { inFreshBrowser, mb, median, mib, ms, rendererPeak, root, serveRoot, times } from './measure.mjs';

const ENGINES = [['hubpulse', 'hubpulseFigures'], ['DuckDB-Wasm', 'duckdbFigures'], ['Arquero', 'arqueroFigures'],
                 ['Perspective', 'perspectiveFigures']];
/** Timed runs after the first; an engine slower than RUN_CAP_MS a run is timed once. */
const RUNS = 3;
const RUN_CAP_MS = 10_000;

/** Runs `fn` of the peers' page on `url` in a fresh browser: a first run (start-up, the
 * wasm compiled), then up to RUNS timed runs; the renderer's peak is over all of them. */
async function measure(base, fn, url) {
  return inFreshBrowser(async (browser) => {
    const page = await browser.newPage();
    await page.goto(`${base}/bench/peers/peers.html`);
    await page.waitForFunction(() => window.peersReady && window.benchReady);
    if (!fn) return { peakBytes: await rendererPeak(browser) };
    const call = () => page.evaluate(([f, u]) => (f === 'drain' ? window.drain({ events: u }).then((r) => ({ startMs: 0, totalMs: r.ms })) : window[f](u)), [fn, url]);
    const first = await call();
    const spent = (r) => r.totalMs - r.startMs;
    const runs = [first];
    while (runs.length <= RUNS && spent(first) < RUN_CAP_MS) runs.push(await call());
    const timed = runs.length > 1 ? runs.slice(1) : runs;
    return { ...first, fetchMs: median(timed.map(spent)), peakBytes: await rendererPeak(browser) };
  });
}

/** What each engine makes a page download (its worker fetches the wasm, which the page's
 * resource timing does not see, so the files are counted from disk), gzipped. */
function downloads() {
  const peers = `${root}bench/peers/node_modules/`;
  const arrow = readdirSync(`${peers}apache-arrow`, { recursive: true })
    .filter((f) => f.endsWith('.mjs') && !f.includes('node')).map((f) => `${peers}apache-arrow/${f}`);
  const artifacts = {
    hubpulse: shippedFiles().map((f) => `${root}www/${f}`),
    'DuckDB-Wasm': ['duckdb-eh.wasm', 'duckdb-browser-eh.worker.js', 'duckdb-browser.mjs']
      .map((f) => `${peers}@duckdb/duckdb-wasm/dist/${f}`).concat(arrow),
    Arquero: [`${peers}arquero/dist/arquero.min.js`],
    Perspective: ['cdn/perspective.js', 'cdn/perspective-server.worker.js', 'wasm/perspective-js.wasm',
                  'wasm/perspective-server.wasm'].map((f) => `${peers}@finos/perspective/dist/${f}`),
  };
  return Object.fromEntries(Object.entries(artifacts)
    .map(([name, files]) => [name, files.reduce((a, f) => a + gzipSync(readFileSync(f)).length, 0)]));
}

/** Whether two engines' figures agree (shares to 1e-9). */
function agree(a, b) {
  const close = (x, y) => Math.abs(x - y) <= 1e-9 * Math.max(1, Math.abs(x));
  const same = (key) => JSON.stringify(a[key]) === JSON.stringify(b[key]);
  return ['events', 'models_active', 'callers', 'events_per_day', 'callers_per_day', 'by_mode'].every(same)
    && close(a.top10_share, b.top10_share) && close(a.hhi, b.hhi);
}

/**
 * Measures every engine on each of `files` (paths under www/data/bench/); writes
 * bench/PEERS.md and resolves to { [file]: { drainMs, [engine]: fetchMs | null } }.
 */
export async function comparePeers(files) {
  if (!existsSync(`${root}bench/peers/node_modules/@finos/perspective`)) {
    run('npm', ['install', '--no-audit', '--no-fund', '--prefix', `${root}bench/peers`]);
  }
  const only = process.env.BENCH_ENGINES?.split(',');
  const engines = ENGINES.filter(([name]) => !only || only.includes(name));
  const sizes = downloads();
  const server = await serveRoot();
  const rows = [];
  const summary = {};
  try {
    const baseline = (await measure(server.base, null, null)).peakBytes;
    for (const file of files) {
      const url = `${server.base}/www/data/bench/${file}`;
      const body = statSync(`${root}www/data/bench/${file}`).size;
      const drain = (await measure(server.base, 'drain', url)).fetchMs;
      console.log(`${file} drained: ${ms(drain)}`);
      const results = [];
      for (const [name, fn] of engines) {
        try {
          results.push([name, await measure(server.base, fn, url)]);
        } catch (error) {
          results.push([name, { error: error.message.split('\n')[0] }]);
        }
        const r = results.at(-1)[1];
        console.log(`${file} ${name}: ${r.error ?? `${ms(r.fetchMs)}, peak ${mib(r.peakBytes)}`}`);
      }
      const ours = results.find(([name]) => name === 'hubpulse')?.[1];
      summary[file] = { drainMs: drain, ...Object.fromEntries(results.map(([name, r]) => [name, r.error ? null : r.fetchMs])) };
      for (const [name, r] of results) {
        const vs = (value, of) => (ours && !ours.error ? times(value / of) : '—');
        const same = r.error ? 'failed' : ours && !ours.error ? (agree(r.figures, ours.figures) ? 'yes' : 'NO') : '—';
        rows.push(`| ${file} (${mb(body)}) | ${name} | ${r.error ? '— | — | — | — | — | —' :
          `${ms(r.startMs)} | ${ms(r.fetchMs)} | ${times(r.fetchMs / drain)} | ${vs(r.fetchMs, ours?.fetchMs)} | ` +
          `${mib(r.peakBytes - baseline)} | ${vs(r.peakBytes - baseline, ours?.peakBytes - baseline)}`} | ` +
          `${(sizes[name] / 1024).toFixed(0)} KiB | ${r.error ? `failed: ${r.error}` : same} |`);
      }
    }
    const table = ['| input | engine | start-up | fetch → figures | ÷ drain | ÷ hubpulse | peak memory | ÷ hubpulse | download | same figures |',
                   '|---|---|---:|---:|---:|---:|---:|---:|---:|---|', ...rows];
    const text = `# hubpulse and its peers\n\nHeadless Chromium, ${new Date().toISOString().slice(0, 10)}, files served from ` +
      `127.0.0.1, each engine in a fresh browser. Figures: events per day, distinct models, distinct callers overall and ` +
      `per day, top-10 share, HHI and events by mode, over successful events. "Fetch → figures" excludes start-up ` +
      `(the engine's first load and compile) and is the median of up to ${RUNS} runs after a first (one run when a run ` +
      `takes over ${RUN_CAP_MS / 1000} s); "÷ drain" divides it by the time to read the same body unparsed in the same ` +
      `page. "Download" is the gzipped size of the files the engine needs (DuckDB-Wasm: its wasm, worker and Arrow). ` +
      `DuckDB-Wasm reads NDJSON only with its json extension, which it downloads at run time: offline it fails. ` +
      `Arquero and Perspective need the whole file as one JavaScript string, which fails past V8's limit (~1 GB). ` +
      `"Peak memory" is the renderer process's peak resident memory (VmHWM) in a fresh browser, less that of the ` +
      `same page without an engine (${mib(baseline)}); it includes the engines' workers. Regenerate with \`npm run bench\`.\n\n` +
      `${table.join('\n')}\n`;
    writeFileSync(`${root}bench/PEERS.md`, text);
    console.log(`\n${table.join('\n')}\n\nwritten to bench/PEERS.md`);
  } finally {
    server.close();
  }
  return summary;
}

if (import.meta.url === pathToFileURL(process.argv[1]).href) {
  const sizes = (process.env.BENCH_SIZES ?? '100000,1000000').split(',');
  const files = sizes.flatMap((size) => ['csv', 'ndjson'].map((format) => `${size}-${format}/events.${format}`))
    .filter((file) => existsSync(`${root}www/data/bench/${file}`));
  await comparePeers(files);
}
