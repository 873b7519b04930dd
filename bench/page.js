// What scripts/bench.mjs measures inside the page, each a function on `window` that
// resolves to plain figures. Inputs are load specs: { events | snapshots, registry, format }.
import { load, mount, wasmMemoryBytes } from '/www/hubpulse.js';
import { hashers } from '/www/hubpulse/hashing.js';
import { takeParts } from '/www/hubpulse/source.js';
import { View, loadUrls, parseAttributes, ready } from '/www/hubpulse/wasm.js';

const CHARTS = ['overview', 'volume', 'supply-demand', 'verification', 'callers', 'concentration', 'leaderboard',
                'retention', 'model'];
const median = (values) => [...values].sort((a, b) => a - b)[values.length >> 1];

/** Tasks longer than 50 ms on this page's thread while `fn` runs: the longest and how many. */
async function watchingTasks(fn) {
  const tasks = [];
  const observer = new PerformanceObserver((list) => tasks.push(...list.getEntries().map((e) => e.duration)));
  observer.observe({ type: 'longtask' });
  const result = await fn();
  // Entries are delivered after the task; give the last one a frame to arrive.
  await new Promise((resolve) => setTimeout(resolve, 100));
  observer.takeRecords().forEach((e) => tasks.push(e.duration));
  observer.disconnect();
  return { result, longestTask: Math.max(0, ...tasks), longTasks: tasks.length };
}

/** The floor: the body read to its end through the same fetch, nothing parsed. */
window.drain = async (spec) => {
  const start = performance.now();
  let bytes = 0;
  for (const url of [spec.events ?? spec.snapshots, spec.registry].filter(Boolean)) {
    const reader = (await fetch(url)).body.getReader();
    for (let r = await reader.read(); !r.done; r = await reader.read()) bytes += r.value.byteLength;
  }
  return { ms: performance.now() - start, bytes };
};

/** hubpulse's load path as an embedding page has it: `load()` (a load worker parses and
 * hashes, the page takes the store over) then the full `report()`, which turns every
 * figure, each model's daily series included, into one JS object. The long tasks are
 * those of the load alone: the report is one call the page chose to make. */
window.fetchToReport = async (spec) => {
  await ready;
  const start = performance.now();
  const { result: data, longestTask, longTasks } = await watchingTasks(() => load(spec));
  const loaded = performance.now();
  const report = data.report();
  const end = performance.now();
  const figures = { ms: end - start, reportMs: end - loaded, events: report.events, storeBytes: data.heapBytes,
                    longestTask, longTasks, pageWasmBytes: await wasmMemoryBytes() };
  data.free();
  return figures;
};

/** The same parse on this page's own thread (the path of a page without workers): the
 * wasm memory it leaves is the peak the load path needs, since wasm memory never shrinks (a
 * hub's own document: the optional part's memory). */
window.peakWasm = async (spec) => {
  await ready;
  if (spec.format) {
    // A hub's own document is read by the optional part: its memory holds the parse's peak.
    const part = await import('/www/pkg/extra/hubpulse.js');
    const { memory } = await part.default({ module_or_path: '/www/pkg/extra/hubpulse_bg.wasm' });
    const data = await takeParts(await part.loadParts(spec, () => {}, new AbortController().signal, await hashers()));
    const figures = { wasmBytes: memory.buffer.byteLength, storeBytes: data.heapBytes };
    data.free();
    return figures;
  }
  const data = await loadUrls(spec, () => {}, new AbortController().signal, await hashers());
  const figures = { wasmBytes: await wasmMemoryBytes(), storeBytes: data.heapBytes };
  data.free();
  return figures;
};

/** A new window's report, as a brush drag asks for: median of 21 over three windows. */
window.recompute = async (spec) => {
  const data = await load(spec);
  const times = [];
  for (let i = 0; i < 21; i++) {
    const start = performance.now();
    data.report({ range: `${7 + (i % 3) * 20}d` });
    times.push(performance.now() - start);
  }
  data.free();
  return median(times);
};

/**
 * A report counting part of the use (docs/metrics.md#filters), as a click on a category asks
 * for: with a new filter each time (the dataset cut anew; median of 9 over three categories),
 * and with the one kept over new windows (median of 21), beside a registry for the categories;
 * and a new filter by mode (a double-click in the legend: the events cut and their tallies
 * summed anew; median of 9 over three modes).
 */
window.recomputeFiltered = async (spec) => {
  const data = await load(spec);
  const categories = data.report({}).categories.filter((c) => c.category).map((c) => c.category).slice(0, 3);
  const timed = (n, options) => {
    const times = [];
    for (let i = 0; i < n; i++) {
      const start = performance.now();
      data.report(options(i));
      times.push(performance.now() - start);
    }
    return median(times);
  };
  const cut = timed(9, (i) => ({ range: '30d', filter: { category: [categories[i % 3]] } }));
  data.report({ filter: { category: [categories[0]] } });
  const kept = timed(21, (i) => ({ range: `${7 + (i % 3) * 20}d`, filter: { category: [categories[0]] } }));
  const mode = timed(9, (i) => ({ range: '30d', filter: { mode: [['tee', 'zkml', 'vanilla'][i % 3]] } }));
  data.free();
  return { cut, kept, mode };
};

/** Per chart, on a widget-sized canvas: making its view (its report, trimmed to what it
 * draws), a full redraw and a hover. Batches of 10 end by reading a pixel back, which
 * waits for the drawing to be rasterised: one hover is finer than the clock. */
window.charts = async (spec) => {
  const data = await load(spec);
  const model = data.report().models[0]?.model;
  const batches = (f, n, canvas) => {
    const t = [];
    for (let i = 0; i < n; i++) {
      const s = performance.now();
      for (let k = 0; k < 10; k++) f(i * 10 + k);
      canvas.getContext('2d').getImageData(0, 0, 1, 1);
      t.push((performance.now() - s) / 10);
    }
    return median(t);
  };
  const charts = {};
  for (const chart of CHARTS) {
    const [canvas, overlay] = [document.createElement('canvas'), document.createElement('canvas')];
    const config = parseAttributes({ chart, ...(model ? { model } : {}) }, 'en', null, true);
    const made = [];
    let view;
    for (let i = 0; i < 5; i++) {
      const s = performance.now();
      view?.free();
      view = new View(canvas, overlay, data, config, { dark: false, colors: {} });
      made.push(performance.now() - s);
    }
    charts[chart] = { viewMs: median(made), drawMs: batches(() => view.draw(960, 400, 2), 11, canvas),
                      hoverMs: batches((i) => view.hover(100 + (i * 37) % 760, 250), 21, overlay) };
    view.free();
    config.free();
  }
  data.free();
  return charts;
};

/** Whether a widget given its dataset has drawn its chart: it fills the chart's table for
 * screen readers right after (its theme, set as soon as its attributes are read, says nothing
 * of a chart). */
const isDrawn = (element) => element.shadowRoot.querySelector('table.sr-only')?.rows.length > 0;

/** One widget of each chart on a dataset already loaded, as a dashboard shows them; resolves
 * once every one is drawn, with the page's long tasks meanwhile. The caller measures the JS
 * heap before and after. */
window.dashboard = async (spec) => {
  window.dashboardData = await load(spec);
  return watchingTasks(async () => {
    const start = performance.now();
    const elements = CHARTS.map((chart) => {
      const { element } = mount(document.body, window.dashboardData, { chart });
      element.style.cssText = 'display:block;width:960px;height:400px';
      return element;
    });
    const drawn = () => elements.every(isDrawn);
    while (!drawn()) await new Promise((resolve) => requestAnimationFrame(resolve));
    return performance.now() - start;
  });
};

/** The charts of owners and categories on the dashboard's dataset (share by owner and by
 * category, categories, the owners' leaderboard): drawn, with the page's long tasks meanwhile. */
window.groupsDashboard = () => watchingTasks(async () => {
  const start = performance.now();
  const elements = [['share', 'owner'], ['share', 'category'], ['categories'], ['leaderboard', 'owner']].map(([chart, by]) => {
    const { element } = mount(document.body, window.dashboardData, by ? { chart, by } : { chart });
    element.style.cssText = 'display:block;width:960px;height:400px';
    return element;
  });
  while (!elements.every(isDrawn)) await new Promise((resolve) => requestAnimationFrame(resolve));
  return performance.now() - start;
});

window.benchReady = true;
