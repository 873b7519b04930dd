// `npm run bench`: the speed and memory figures, measured, not asserted.
//   1. natively, with Criterion (crate/benches/throughput.rs): parse MB/s per format at
//      100 k and 1 M events, bytes per event, and report recompute time at 1 M events;
//   2. in headless Chromium, on the same generated files served from localhost:
//      fetch-to-report time, parse MB/s, bytes per stored event, recompute time, and each
//      chart's redraw and hover time.
// Writes the browser table to bench/RESULTS.md, which the README quotes.
//   BENCH_SIZES=100000 npm run bench      only the given sizes (comma-separated)
import { existsSync, mkdirSync, statSync, writeFileSync } from 'node:fs';
import { run } from './run.mjs';
import { serve, launch } from '../tests/harness.mjs';

const root = new URL('..', import.meta.url).pathname;
const sizes = (process.env.BENCH_SIZES ?? '100000,1000000').split(',').map(Number);
const formats = ['ndjson', 'csv'];

run('cargo', ['bench', '--bench', 'throughput'], { cwd: root });
run('cargo', ['build', '--release', '--bin', 'hubpulse'], { cwd: root });

const dir = `${root}www/data/bench`;
for (const size of sizes) {
  for (const format of formats) {
    const out = `${dir}/${size}-${format}`;
    if (!existsSync(`${out}/events.${format}`)) {
      run(`${root}target/release/hubpulse`, ['synth', '--out', out, '--count', String(size), '--format', format]);
    }
  }
}

const server = await serve();
const browser = await launch();
const rows = [];
try {
  for (const size of sizes) {
    for (const format of formats) {
      const path = `data/bench/${size}-${format}/events.${format}`;
      const bytes = statSync(`${root}www/${path}`).size;
      const page = await browser.newPage();
      await page.goto(`${server.url}bench.html`);
      const m = await page.evaluate(async (url) => {
        const { load } = await import('./hubpulse.js');
        const start = performance.now();
        // Progress as the element shows it: how often it moved while the file loaded.
        let progress = 0;
        const data = await load({ events: url, onProgress: () => progress++ });
        const report = data.report();
        const loadMs = performance.now() - start;
        // Recompute for a new window, as a brush drag does: alternate windows, take the median.
        const times = [];
        for (let i = 0; i < 21; i++) {
          const t = performance.now();
          data.report({ range: `${7 + (i % 3) * 20}d` });
          times.push(performance.now() - t);
        }
        times.sort((a, b) => a - b);
        // Each chart's full redraw and one hover update, on canvases the size of a widget.
        const { View } = await import('./pkg/hubpulse.js');
        const charts = {};
        // Batches of 10, each ended by reading a pixel back (which waits for the drawing to
        // be rasterised): the clock's resolution is coarser than one hover.
        const median = (f, n, canvas) => {
          const t = [];
          for (let i = 0; i < n; i++) {
            const s = performance.now();
            for (let k = 0; k < 10; k++) f(i * 10 + k);
            canvas.getContext('2d').getImageData(0, 0, 1, 1);
            t.push((performance.now() - s) / 10);
          }
          return t.sort((a, b) => a - b)[n >> 1];
        };
        for (const chart of ['overview', 'volume', 'supply-demand', 'verification', 'callers', 'concentration',
                             'leaderboard', 'retention', 'model']) {
          const [canvas, overlay] = [document.createElement('canvas'), document.createElement('canvas')];
          const view = new View(canvas, overlay, { chart, model: report.models[0]?.model });
          view.setData(data, {});
          charts[chart] = { drawMs: median(() => view.draw(960, 400, 2), 11, canvas),
                            hoverMs: median((i) => view.hover(100 + (i * 37) % 760, 250), 21, overlay) };
          view.free();
        }
        const { wasmMemoryBytes } = await import('./hubpulse.js');
        const result = { loadMs, events: data.eventCount, heapBytes: data.heapBytes, recomputeMs: times[10],
                         rows: report.input.rows_read, charts, progress, wasmBytes: await wasmMemoryBytes() };
        data.free();
        return result;
      }, path);
      await page.close();
      rows.push({ size, format, bytes, ...m });
      console.log(`${format} ${size}: ${m.loadMs.toFixed(0)} ms fetch-to-report, recompute ${m.recomputeMs.toFixed(1)} ms`);
    }
  }
} finally {
  await browser.close();
  server.close();
}

const mb = (n) => (n / 1e6).toFixed(1);
let table = [
  '| input | events | body | fetch → report | parse rate | progress updates | store bytes / event | wasm memory | recompute (new window) |',
  '|---|---:|---:|---:|---:|---:|---:|---:|---:|',
  ...rows.map((r) => `| ${r.format} | ${r.events.toLocaleString('en-US')} | ${mb(r.bytes)} MB | ${r.loadMs.toFixed(0)} ms | ` +
    `${(r.bytes / 1e6 / (r.loadMs / 1e3)).toFixed(0)} MB/s | ${r.progress.toLocaleString('en-US')} | ${(r.heapBytes / r.events).toFixed(1)} | ` +
    `${(r.wasmBytes / 2 ** 20).toFixed(0)} MiB | ${r.recomputeMs.toFixed(1)} ms |`),
];
const largest = rows.filter((r) => r.format === 'ndjson').at(-1);
if (largest) {
  table.push('', `Drawing at ${largest.events.toLocaleString('en-US')} events (960 × 400 CSS px at 2×): median of 11 batches of 10 redraws and 21 of 10 hovers, each batch waiting for the pixels.`, '',
             '| chart | full redraw | hover update |', '|---|---:|---:|',
             ...Object.entries(largest.charts).map(([c, m]) => `| ${c} | ${m.drawMs.toFixed(1)} ms | ${m.hoverMs.toFixed(2)} ms |`));
}
// What a page downloads to show a chart (docs/embedding.md's "small"): raw and gzipped.
const { gzipSync } = await import('node:zlib');
const { readFileSync } = await import('node:fs');
const { shippedFiles } = await import('./shipped.mjs');
const shipped = shippedFiles().map((file) => {
  const bytes = readFileSync(`${root}www/${file}`);
  return [file, bytes.length, gzipSync(bytes, { level: 9 }).length];
});
const kb = (n) => `${(n / 1024).toFixed(0)} KiB`;
table.push('', 'What a page downloads:', '', '| file | raw | gzipped |', '|---|---:|---:|',
           ...shipped.map(([f, raw, gz]) => `| ${f} | ${kb(raw)} | ${kb(gz)} |`),
           `| **total** | ${kb(shipped.reduce((a, [, r]) => a + r, 0))} | ${kb(shipped.reduce((a, [, , g]) => a + g, 0))} |`);
const cpu = (await import('node:os')).cpus()[0]?.model ?? 'unknown CPU';
const text = `# Benchmark results\n\nHeadless Chromium on ${cpu} (${(await import('node:os')).cpus().length} cores), ` +
  `${new Date().toISOString().slice(0, 10)}, files served from 127.0.0.1. "Fetch → report" is \`load()\` plus the ` +
  `first \`report()\`; "recompute" is the median \`report({ range })\` for a new window. Store bytes are the ` +
  `event columns plus the interned strings. Regenerate with \`npm run bench\`.\n\n${table.join('\n')}\n`;
mkdirSync(`${root}bench`, { recursive: true });
writeFileSync(`${root}bench/RESULTS.md`, text);
console.log(`\n${table.join('\n')}\n\nwritten to bench/RESULTS.md`);
