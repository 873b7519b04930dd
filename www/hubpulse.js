// <hub-pulse>: the embeddable widget. A thin shell: it reads attributes, asks the wasm
// for a dataset (one fetch and one parse per URL, shared by every widget on the page),
// sizes the canvases, forwards pointer and keyboard input, and shows loading, error and
// export controls. Parsing, figures, drawing, hit-testing and tooltips happen in Rust
// (crate/src/web, crate/src/chart). Everything it writes to the page is text
// (textContent), never HTML.
import init, { ChainScan, loadBytes, loadUrls, View, lastPanic } from './pkg/hubpulse.js';

const ready = init();

/**
 * The hashing worker (hubpulse-hash.js): SHA-256 of the raw bytes beside the parsing. Loads
 * wait until its script has run ("alive", within milliseconds; chunks then wait in it until
 * its own wasm is ready) or has failed to. When it cannot start (a host without the file, a
 * policy without workers, no word within a second), a load hashes on this thread; if it
 * fails later, the loads that used it fail and are retried on this thread.
 */
const hashing = (() => {
  let started;
  const state = { alive: false, failed: false, next: 0, pending: new Map(), worker: null,
                  started: new Promise((resolve) => { started = resolve; }) };
  setTimeout(started, 1000);
  const fail = (reason) => {
    state.failed = true;
    started();
    for (const { reject } of state.pending.values()) reject(new Error(`could not fetch: the hashing worker failed (${reason})`));
    state.pending.clear();
  };
  try {
    state.worker = new Worker(new URL('./hubpulse-hash.js', import.meta.url), { type: 'module' });
  } catch {
    started();
    return state;
  }
  state.worker.onmessage = ({ data }) => {
    if (data === 'alive') return void (state.alive = true, started());
    if (data.failed) return fail(data.failed);
    state.pending.get(data.id)?.resolve(data.sha256);
    state.pending.delete(data.id);
  };
  state.worker.onerror = (event) => {
    event.preventDefault();
    fail(event.message ?? 'error');
  };
  return state;
})();

/** A new SHA-256 in the hashing worker: `update(bytes)` hands the chunk over, `digest()` resolves to hex. */
function hasher() {
  const id = hashing.next++;
  return {
    update: (bytes) => hashing.worker.postMessage({ id, bytes }, [bytes.buffer]),
    digest: () => new Promise((resolve, reject) => {
      if (hashing.failed) return reject(new Error('could not fetch: the hashing worker failed'));
      hashing.pending.set(id, { resolve, reject });
      hashing.worker.postMessage({ id, done: true });
    }),
  };
}
/** The hasher factory for a load: the worker's, or none (hash on this thread). */
const hashers = async () => {
  await hashing.started;
  return hashing.alive && !hashing.failed ? hasher : undefined;
};

/**
 * The datasets of the page, by load spec: widgets naming the same inputs share one fetch
 * and one parse. Each entry counts the widgets holding it and is freed (wasm memory and
 * all) when the last lets go.
 */
const datasets = new Map();

/** Waits between attempts at a transient failure (a 5xx answer, a lost connection). */
const RETRY_DELAYS_MS = [500, 1500, 4000];

/** Whether a load error may go away by itself: the server's fault or the network's. */
const transient = (error) => /HTTP 5\d\d|could not fetch/.test(error?.message ?? '');

class Shared {
  /** `scan`: a chain source's scan, taken over from the dataset this one refreshes. */
  constructor(key, spec, idleSeconds, scan = null) {
    this.key = key;
    this.listeners = new Set();
    this.holders = 0;
    this.controller = new AbortController();
    this.scan = scan;
    this.loading = ready.then(() => this.#attempts(spec, idleSeconds));
    this.loading.catch(() => { if (datasets.get(key) === this) datasets.delete(key); }); // a failed load may be retried
  }

  /**
   * Loads with a bounded number of retries, each attempt aborted when no byte has come for
   * `idleSeconds` (a server that never answers, or stops half-way).
   */
  async #attempts(spec, idleSeconds) {
    for (let attempt = 0; ; attempt++) {
      const idle = new AbortController();
      let timer = setTimeout(() => idle.abort(), idleSeconds * 1000);
      const progress = (p) => {
        clearTimeout(timer);
        timer = setTimeout(() => idle.abort(), idleSeconds * 1000);
        this.listeners.forEach((f) => f(p));
      };
      try {
        const signal = AbortSignal.any([this.controller.signal, idle.signal]);
        if (!spec.chain) return await loadUrls(spec, progress, signal, await hashers());
        // The chain source keeps its scan between refreshes: each reads only new blocks.
        this.scan ??= new ChainScan(spec.chain);
        return await this.scan.update(progress, signal);
      } catch (error) {
        if (this.controller.signal.aborted) throw error;
        const url = spec.chain?.rpc ?? spec.events ?? spec.rollups ?? spec.snapshots;
        const cause = idle.signal.aborted ? new Error(`${url}: no data came for ${idleSeconds} s; the server does not answer`) : error;
        if (attempt >= RETRY_DELAYS_MS.length || !(idle.signal.aborted || transient(error))) throw cause;
        await new Promise((resolve) => setTimeout(resolve, RETRY_DELAYS_MS[attempt]));
      } finally {
        clearTimeout(timer);
      }
    }
  }

  release() {
    if (--this.holders > 0) return;
    if (datasets.get(this.key) === this) datasets.delete(this.key);
    this.controller.abort(); // nobody waits for it any more (does nothing once loaded)
    this.loading.then((data) => data.free(), () => {}).finally(() => this.scan?.free());
  }
}

/** The shared dataset for `spec`, held once more; `fresh` starts a new fetch (refresh). */
function acquire(spec, fresh = false, idleSeconds = 30) {
  const key = JSON.stringify(spec);
  let shared = datasets.get(key);
  if (!shared || fresh) {
    // A refresh of a chain source continues its scan rather than reading the chain again.
    const scan = shared?.scan ?? null;
    if (shared) shared.scan = null;
    shared = new Shared(key, spec, idleSeconds, scan);
    datasets.set(key, shared);
  }
  shared.holders++;
  return shared;
}

const absolute = (url) => (url ? new URL(url, document.baseURI).href : undefined);

const isBytes = (v) => v instanceof Uint8Array || v instanceof ArrayBuffer || (typeof v === 'object' && v !== null && 'text' in v);
const toBytes = (v) => (v instanceof Uint8Array ? v : v instanceof ArrayBuffer ? new Uint8Array(v) : new TextEncoder().encode(v.text));

/**
 * The JS API (SPEC §4): loads the inputs and resolves to a Dataset whose
 * `report({ range, from, to, first_party, unit })` returns the plain report object of
 * SPEC §2. Call `free()` when done with it. Each input is a URL (string or URL), bytes
 * (Uint8Array, ArrayBuffer) or `{ text }`: `events`, `rollups` or `snapshots`, and
 * optionally `registry`; `format` names a hub's own document shape; `maxRows` and
 * `maxBytes` bound what is read; an AbortSignal as `signal` stops a download. URLs are
 * parsed while they download, with `onProgress`; when some input is bytes, the URLs among
 * them are fetched whole first.
 */
export async function load({ events, rollups, snapshots, registry, format, maxRows, maxBytes, credentials, onProgress,
                             signal } = {}) {
  await ready;
  const inputs = { events, rollups, snapshots, registry };
  if (Object.values(inputs).some(isBytes)) {
    const spec = { format, maxRows, maxBytes };
    for (const [name, value] of Object.entries(inputs)) {
      if (value === undefined || value === null) continue;
      if (isBytes(value)) {
        spec[name] = { source: 'bytes', bytes: toBytes(value) };
        continue;
      }
      const url = absolute(value);
      const response = await fetch(url, { credentials: credentials ?? 'omit', signal });
      if (!response.ok) throw new Error(`${url}: the server answered HTTP ${response.status} ${response.statusText}`);
      spec[name] = { source: url, bytes: new Uint8Array(await response.arrayBuffer()) };
    }
    return loadBytes(spec);
  }
  const spec = { events: absolute(events), rollups: absolute(rollups), snapshots: absolute(snapshots),
                 registry: absolute(registry), format, maxRows, maxBytes, credentials };
  return loadUrls(spec, onProgress, signal, await hashers());
}

/**
 * Shows `data` (from `load`) in `target`: a container gets a new `<hub-pulse>` (with every
 * interaction), an existing `<hub-pulse>` shows it instead of fetching. `options` are the
 * element's attributes (`chart`, `theme`, `range`, `model`, …). Returns `{ element,
 * update(options), destroy() }`; the dataset stays the caller's to free.
 */
export function mount(target, data, options = {}) {
  const element = target instanceof HubPulse ? target : document.createElement('hub-pulse');
  const update = (changes) => {
    for (const [name, value] of Object.entries(changes)) {
      const attribute = name.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`);
      if (value === undefined || value === null) element.removeAttribute(attribute);
      else element.setAttribute(attribute, String(value));
    }
  };
  update(options);
  element.data = data;
  if (element !== target) target.append(element);
  return { element, update, destroy: () => { element.data = null; if (element !== target) element.remove(); } };
}

/** Bytes of wasm memory the page's hubpulse holds (it grows, never shrinks): for tests. */
export async function wasmMemoryBytes() {
  return (await ready).memory.buffer.byteLength;
}

// Constructable stylesheets work under a strict CSP (no inline <style>, no style="").
const sheet = new CSSStyleSheet();
sheet.replaceSync(`
  :host { display: block; position: relative; height: 320px; min-width: 120px;
          font: 13px var(--hubpulse-font, system-ui, sans-serif);
          color: var(--hubpulse-text, #1b1e23); background: var(--hubpulse-background, #fff);
          border-radius: var(--hubpulse-radius, 8px); overflow: hidden; }
  :host([hidden]) { display: none; }
  :host([data-theme="dark"]) { color: var(--hubpulse-text, #e8eaed); background: var(--hubpulse-background, #171a1f); }
  :host(:focus-visible) { outline: 2px solid var(--hubpulse-focus, #0b4f8c); outline-offset: 2px; }
  canvas { position: absolute; inset: 0; width: 100%; height: 100%; display: block; }
  .overlay { touch-action: pan-y; cursor: crosshair; }
  .status { position: absolute; inset: 0; display: flex; flex-direction: column; gap: 8px;
            align-items: center; justify-content: center; padding: 16px; text-align: center;
            background: inherit; }
  [hidden] { display: none !important; }
  .status.error { color: var(--hubpulse-error, #b3261e); }
  :host([data-theme="dark"]) .status.error { color: var(--hubpulse-error, #f2b8b5); }
  progress { width: min(240px, 80%); }
  .notice { position: absolute; left: 8px; bottom: 4px; max-width: calc(100% - 16px); font-size: 11px;
            color: var(--hubpulse-muted, #5f6670); white-space: nowrap; overflow: hidden; text-overflow: ellipsis; }
  .tooltip { position: absolute; pointer-events: none; min-width: 120px; max-width: 260px; padding: 8px 10px;
             font-size: 12px; line-height: 1.45; border-radius: 6px; box-shadow: 0 2px 10px rgba(0,0,0,.18);
             background: var(--hubpulse-tooltip-background, #1b1e23); color: var(--hubpulse-tooltip-text, #fff); }
  :host([data-theme="dark"]) .tooltip { background: var(--hubpulse-tooltip-background, #e8eaed);
                                         color: var(--hubpulse-tooltip-text, #1b1e23); }
  .tooltip b { display: block; margin-bottom: 2px; }
  .tooltip .row { display: flex; justify-content: space-between; gap: 12px; }
  .tooltip .row span:last-child { font-variant-numeric: tabular-nums; font-weight: 600; }
  .tools { position: absolute; top: 8px; right: 8px; display: flex; gap: 4px; }
  button { font: inherit; font-size: 12px; color: inherit; background: var(--hubpulse-control, rgba(127,127,127,.12));
           border: 0; border-radius: 5px; padding: 3px 8px; cursor: pointer; }
  button:hover { background: rgba(127,127,127,.24); }
  .menu { position: absolute; top: 34px; right: 8px; display: flex; flex-direction: column; min-width: 140px;
          padding: 4px; border-radius: 6px; background: inherit; box-shadow: 0 2px 12px rgba(0,0,0,.2); }
  .menu button { text-align: left; background: transparent; }
  .panel { position: absolute; inset: 8px; overflow: auto; padding: 12px 14px; border-radius: 6px; font-size: 12px;
           background: inherit; box-shadow: 0 2px 12px rgba(0,0,0,.2); }
  .panel dl { display: grid; grid-template-columns: max-content 1fr; gap: 2px 12px; margin: 8px 0; }
  .panel dd { margin: 0; word-break: break-all; font-family: ui-monospace, monospace; }
  .panel h3 { margin: 0 0 4px; font-size: 13px; }
  .sr-only { position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0); white-space: nowrap; }
`);

const ATTRIBUTES = ['src', 'rollups', 'snapshots', 'source', 'rpc', 'from-block', 'to-block', 'address', 'format', 'unit', 'registry', 'max-rows', 'chart', 'theme', 'range', 'from', 'to', 'model',
                    'stack', 'cohort', 'locale', 'refresh', 'timeout', 'credentials', 'max-bytes'];
/** Attributes that change what is drawn but not what is loaded. */
const VIEW_ATTRIBUTES = new Set(['chart', 'theme', 'model', 'stack', 'cohort', 'locale', 'unit']);
/** CSS custom properties (without `--hubpulse-`) that reach the chart's colours and font. */
const THEME_PROPERTIES = ['background', 'text', 'muted', 'grid', 'accent', 'accent-fill', 'supply', 'font'];

function formatBytes(n) {
  return n >= 1e6 ? `${(n / 1e6).toFixed(1)} MB` : `${Math.max(1, Math.round(n / 1e3))} kB`;
}

function element(tag, className, text) {
  const node = document.createElement(tag);
  if (className) node.className = className;
  if (text !== undefined) node.textContent = text;
  return node;
}

function download(blob, name) {
  const a = element('a');
  a.href = URL.createObjectURL(blob);
  a.download = name;
  a.click();
  setTimeout(() => URL.revokeObjectURL(a.href), 1000);
}

class HubPulse extends HTMLElement {
  static observedAttributes = ATTRIBUTES;

  #canvas = element('canvas');
  #overlay = element('canvas', 'overlay');
  #status = element('div', 'status');
  #message = element('div');
  #progress = element('progress');
  #notice = element('div', 'notice');
  #tooltip = element('div', 'tooltip');
  #tools = element('div', 'tools');
  #reset = element('button', '', 'Reset zoom');
  #menuButton = element('button', '', '⋯');
  #menu = element('div', 'menu');
  #panel = element('div', 'panel');
  #live = element('div', 'sr-only');
  #table = element('table', 'sr-only');
  #view = null;
  #data = null;
  /** The shared dataset this element holds, or null when given `data` directly. */
  #shared = null;
  /** A dataset handed over by script (`mount`, `element.data`): not fetched, not freed here. */
  #given = null;
  #timer = null;
  #loadedAt = null;
  #resize = null;
  #media = [];
  #generation = 0;
  /** The window a brush selected, over the attributes' window. */
  #zoom = null;
  #drag = null;
  #index = -1;

  constructor() {
    super();
    const root = this.attachShadow({ mode: 'open' });
    root.adoptedStyleSheets = [sheet];
    this.#canvas.setAttribute('aria-hidden', 'true');
    this.#overlay.setAttribute('aria-hidden', 'true');
    this.#status.append(this.#message, this.#progress);
    this.#tooltip.setAttribute('aria-hidden', 'true');
    this.#live.setAttribute('aria-live', 'polite');
    this.#reset.title = 'Back to the whole window (or double-click)';
    this.#menuButton.title = 'Export and source';
    this.#menuButton.setAttribute('aria-label', 'Export and source');
    this.#menuButton.setAttribute('aria-haspopup', 'true');
    const items = [['Download PNG', () => this.exportPng()], ['Download CSV', () => this.exportCsv()],
                   ['Source', () => this.#showSource()]];
    for (const [label, action] of items) {
      const button = element('button', '', label);
      button.addEventListener('click', () => { this.#menu.hidden = true; action(); });
      this.#menu.append(button);
    }
    this.#tools.append(this.#reset, this.#menuButton);
    for (const node of [this.#tooltip, this.#notice, this.#menu, this.#panel, this.#reset]) node.hidden = true;
    root.append(this.#canvas, this.#overlay, this.#tooltip, this.#notice, this.#tools, this.#menu, this.#panel,
                this.#live, this.#table, this.#status);
    this.#menuButton.addEventListener('click', () => { this.#menu.hidden = !this.#menu.hidden; });
    this.#reset.addEventListener('click', () => this.resetZoom());
    this.#listen();
    /** The report the chart shows (SPEC §2), for scripts and tests. */
    this.report = null;
  }

  connectedCallback() {
    if (!this.hasAttribute('tabindex')) this.tabIndex = 0;
    this.setAttribute('role', 'figure');
    this.#resize = new ResizeObserver(() => this.#draw());
    this.#resize.observe(this);
    // Redraw when the pixel ratio changes (browser zoom, another screen) and when the
    // system theme flips under theme="auto".
    this.#watch(`(resolution: ${window.devicePixelRatio}dppx)`, () => this.#draw());
    this.#watch('(prefers-color-scheme: dark)', () => { if (this.#themeAttribute === 'auto') this.#makeView(); });
    this.#load();
  }

  disconnectedCallback() {
    this.#generation++;
    clearInterval(this.#timer);
    this.#timer = null;
    this.#shared?.release();
    this.#shared = null;
    this.#data = null;
    this.#resize?.disconnect();
    this.#resize = null;
    for (const [query, listener] of this.#media) query.removeEventListener('change', listener);
    this.#media = [];
    this.#view?.free();
    this.#view = null;
  }

  /** A dataset from `load()` to show instead of fetching `src` (null: fetch again). */
  get data() {
    return this.#given;
  }

  set data(dataset) {
    this.#given = dataset ?? null;
    if (this.isConnected) this.#load();
  }

  attributeChangedCallback(name, before, after) {
    if (!this.isConnected || before === after) return;
    // A view attribute redraws what is loaded; while loading, the view reads it when the data comes.
    if (VIEW_ATTRIBUTES.has(name)) return this.#data ? this.#makeView() : undefined;
    if (name === 'refresh') return this.#schedule();
    if (['range', 'from', 'to'].includes(name)) this.#zoom = null;
    this.#load();
  }

  #watch(query, listener) {
    const media = matchMedia(query);
    const wrapped = () => {
      listener();
      if (query.startsWith('(resolution')) { // the ratio changed: watch the new one
        media.removeEventListener('change', wrapped);
        this.#media = this.#media.filter(([q]) => q !== media);
        this.#watch(`(resolution: ${window.devicePixelRatio}dppx)`, listener);
      }
    };
    media.addEventListener('change', wrapped);
    this.#media.push([media, wrapped]);
  }

  /** Seconds without a byte before a download counts as failed (`timeout`, default 30). */
  get #timeout() {
    const seconds = Number(this.getAttribute('timeout'));
    return seconds > 0 ? seconds : 30;
  }

  get #themeAttribute() {
    return this.getAttribute('theme') ?? 'auto';
  }

  get #theme() {
    const theme = this.#themeAttribute;
    if (theme === 'auto') return matchMedia('(prefers-color-scheme: dark)').matches ? 'dark' : 'light';
    return theme === 'dark' ? 'dark' : 'light';
  }

  /** The CSS custom properties set on the element, as #rrggbb colours and a font list. */
  #colors() {
    const style = getComputedStyle(this);
    const probe = this.#canvas.getContext('2d');
    const colors = {};
    for (const name of THEME_PROPERTIES) {
      const value = style.getPropertyValue(`--hubpulse-${name}`).trim();
      if (!value) continue;
      if (name === 'font') { colors.font = value; continue; }
      probe.fillStyle = '#000001'; // a colour the value will not be, to see whether it parsed
      probe.fillStyle = value;
      if (probe.fillStyle !== '#000001') colors[name] = probe.fillStyle;
    }
    return colors;
  }

  #reportOptions() {
    const options = {};
    if (this.#zoom) Object.assign(options, this.#zoom);
    else for (const key of ['range', 'from', 'to']) if (this.hasAttribute(key)) options[key] = this.getAttribute(key);
    if (this.hasAttribute('unit')) options.unit = this.getAttribute('unit');
    return options;
  }

  /** The load spec of the attributes, or a reason why they name no data. */
  /** `source="evm"`: the chain source's spec, or why the attributes do not make one. */
  #chainSpec() {
    const rpc = this.getAttribute('rpc');
    if (!rpc) return 'source="evm" needs rpc, the URL of a JSON-RPC node.';
    const chain = { rpc: absolute(rpc) };
    for (const [attribute, key] of [['from-block', 'fromBlock'], ['to-block', 'toBlock']]) {
      if (!this.hasAttribute(attribute)) continue;
      const block = Number(this.getAttribute(attribute));
      if (!Number.isSafeInteger(block) || block < 0) return `${attribute} must be a block number ≥ 0.`;
      chain[key] = block;
    }
    if (chain.fromBlock === undefined) return 'source="evm" needs from-block, the first block to read.';
    if (this.hasAttribute('address')) chain.address = this.getAttribute('address');
    if (this.hasAttribute('registry')) chain.registry = absolute(this.getAttribute('registry'));
    return { chain };
  }

  #spec() {
    const source = this.getAttribute('source');
    if (source !== null && source !== 'evm') return `source is "evm" (a chain) or absent (files), not "${source}".`;
    const [src, rollups, snapshots] = ['src', 'rollups', 'snapshots'].map((a) => this.getAttribute(a));
    let spec;
    if (source === 'evm') {
      if (src || rollups || snapshots) return 'source="evm" reads the chain: leave out src, rollups and snapshots.';
      spec = this.#chainSpec();
      if (typeof spec === 'string') return spec;
    } else {
      if (!src && !rollups && !snapshots) {
        return 'Set the src attribute to the URL of an events file (or rollups, or snapshots), or source="evm".';
      }
      spec = { events: absolute(src), rollups: absolute(rollups), snapshots: absolute(snapshots),
               registry: absolute(this.getAttribute('registry')) };
      if (this.hasAttribute('credentials')) spec.credentials = this.getAttribute('credentials');
      if (this.hasAttribute('format')) spec.format = this.getAttribute('format');
    }
    for (const [attribute, key, unit] of [['max-rows', 'maxRows', 'rows'], ['max-bytes', 'maxBytes', 'bytes']]) {
      if (!this.hasAttribute(attribute)) continue;
      const limit = Number(this.getAttribute(attribute));
      if (!Number.isSafeInteger(limit) || limit < 1) return `${attribute} must be a whole number of ${unit} ≥ 1.`;
      (spec.chain ?? spec)[key] = limit;
    }
    return spec;
  }

  async #load() {
    const generation = ++this.#generation;
    const previous = this.#shared;
    this.#shared = null;
    this.#data = null;
    if (this.#given) {
      previous?.release();
      this.#data = this.#given;
      this.#loadedAt = new Date();
      this.#makeView();
      return;
    }
    const spec = this.#spec();
    if (typeof spec === 'string') {
      previous?.release();
      return this.#fail(spec);
    }
    this.#showStatus(`Loading ${spec.chain?.rpc ?? spec.events ?? spec.rollups ?? spec.snapshots}…`, true);
    // Hold the new inputs before letting go of the old, so that inputs that did not change
    // are neither freed nor fetched again.
    const shared = (this.#shared = acquire(spec, false, this.#timeout));
    previous?.release();
    const onProgress = ({ input, loaded, total, unit }) => {
      if (generation !== this.#generation) return;
      const count = unit === 'blocks' ? (n) => `${n.toLocaleString()} blocks` : formatBytes;
      const amount = total ? `${count(loaded)} of ${count(total)}` : count(loaded);
      this.#message.textContent = `Loading ${input}… ${amount}`;
      if (total) {
        this.#progress.max = total;
        this.#progress.value = loaded;
      }
    };
    shared.listeners.add(onProgress);
    try {
      this.#data = await shared.loading;
      if (generation !== this.#generation) return;
      this.#loadedAt = new Date();
      this.#makeView();
      this.#schedule();
      this.dispatchEvent(new CustomEvent('hubpulse-load', { bubbles: true, composed: true, detail: { report: this.report } }));
    } catch (error) {
      if (generation === this.#generation) this.#fail(this.#reason(error));
    } finally {
      shared.listeners.delete(onProgress);
    }
  }

  /** `refresh="N"`: fetch again every N seconds (at least 1). */
  #schedule() {
    clearInterval(this.#timer);
    this.#timer = null;
    const seconds = Number(this.getAttribute('refresh'));
    if (!this.isConnected || this.#given || !(seconds > 0)) return;
    this.#timer = setInterval(() => this.#refresh(), Math.max(1, seconds) * 1000);
  }

  /**
   * Fetches the inputs again and swaps the new figures in when they are ready, so the chart
   * never blanks; when the refresh fails, the last good figures stay with a notice.
   */
  async #refresh() {
    const spec = this.#spec();
    if (typeof spec === 'string' || !this.#shared) return;
    const generation = this.#generation;
    const key = JSON.stringify(spec);
    // Widgets sharing the inputs share the refresh: the first to tick starts it.
    const current = datasets.get(key);
    const shared = current && current !== this.#shared ? current : acquire(spec, true, this.#timeout);
    if (shared === current) shared.holders++;
    try {
      const data = await shared.loading;
      if (generation !== this.#generation || !this.isConnected) return shared.release();
      this.#shared.release();
      this.#shared = shared;
      this.#data = data;
      this.#loadedAt = new Date();
      this.#makeView();
    } catch (error) {
      shared.release();
      if (generation !== this.#generation) return;
      const since = this.#loadedAt?.toLocaleTimeString() ?? '';
      this.#notice.textContent = `Refresh failed (${this.#reason(error)}); showing the data from ${since}`;
      this.#notice.hidden = false;
    }
  }

  /** (Re)creates the view for the current chart attributes, recomputes and draws. */
  #makeView() {
    if (!this.#data) return;
    try {
      this.#view?.free();
      this.#view = null;
      const theme = this.#theme;
      this.dataset.theme = theme;
      const spec = { chart: this.getAttribute('chart') ?? 'overview', theme, colors: this.#colors(),
                     locale: this.getAttribute('locale') ?? navigator.language };
      for (const key of ['model', 'stack', 'cohort']) if (this.hasAttribute(key)) spec[key] = this.getAttribute(key);
      this.#view = new View(this.#canvas, this.#overlay, spec);
      this.report = this.#view.setData(this.#data, this.#reportOptions());
      this.#showNotice(this.report.input);
      this.#status.hidden = true;
      this.#reset.hidden = !this.#zoom;
      this.#draw();
      this.#describe();
    } catch (error) {
      this.#fail(this.#reason(error));
    }
  }

  #draw() {
    if (!this.#view) return;
    const { width, height } = this.getBoundingClientRect();
    try {
      this.#view.draw(Math.floor(width), Math.floor(height), window.devicePixelRatio || 1);
    } catch (error) {
      this.#fail(this.#reason(error));
    }
  }

  /** The accessible name, and the figures as a table for screen readers. */
  #describe() {
    this.setAttribute('aria-label', this.#view.summary());
    const table = this.#view.table();
    this.#table.replaceChildren();
    if (!table) return;
    this.#table.append(element('caption', '', table.caption));
    const head = element('tr');
    for (const c of table.columns) head.append(element('th', '', c));
    this.#table.append(head);
    for (const row of table.rows) {
      const tr = element('tr');
      for (const c of row) tr.append(element('td', '', c));
      this.#table.append(tr);
    }
  }

  #listen() {
    const point = (e) => {
      const box = this.getBoundingClientRect();
      return [e.clientX - box.left, e.clientY - box.top];
    };
    this.#overlay.addEventListener('pointermove', (e) => {
      if (!this.#view) return;
      const [x, y] = point(e);
      if (this.#drag) {
        this.#drag.x1 = x;
        if (Math.abs(x - this.#drag.x0) > 3) this.#drag.moved = true;
        if (this.#drag.moved) { this.#tooltip.hidden = true; this.#view.brushMove(this.#drag.x0, x); }
        return;
      }
      if (e.pointerType !== 'touch') this.#showTooltip(this.#view.hover(x, y));
    });
    this.#overlay.addEventListener('pointerleave', (e) => {
      // A finger leaves when it lifts: the tapped tooltip stays until the next tap.
      if (this.#drag || e.pointerType === 'touch') return;
      this.#tooltip.hidden = true;
      this.#view?.leave();
    });
    this.#overlay.addEventListener('pointerdown', (e) => {
      if (!this.#view || e.button !== 0) return;
      const [x] = point(e);
      this.#drag = { x0: x, x1: x, moved: false };
      if (this.#view.isTime && e.pointerType !== 'touch') this.#overlay.setPointerCapture(e.pointerId);
    });
    this.#overlay.addEventListener('pointerup', (e) => {
      const drag = this.#drag;
      this.#drag = null;
      if (!this.#view || !drag) return;
      const [x, y] = point(e);
      if (drag.moved && this.#view.isTime) {
        const range = this.#view.brushEnd(drag.x0, drag.x1);
        if (range) this.#zoomTo(range);
        return;
      }
      if (this.#view.click(x, y) !== undefined) { this.#describe(); return; } // a legend entry
      // A tap (touch) shows the tooltip there; a tap on nothing hides it.
      if (e.pointerType === 'touch') this.#showTooltip(this.#view.hover(x, y));
    });
    this.addEventListener('dblclick', () => this.resetZoom());
    this.addEventListener('keydown', (e) => {
      if (!this.#view) return;
      const steps = { ArrowRight: 1, ArrowLeft: -1, ArrowDown: 1, ArrowUp: -1 };
      if (e.key in steps || e.key === 'Home' || e.key === 'End') {
        e.preventDefault();
        this.#index = e.key === 'Home' ? 0 : e.key === 'End' ? 1e9 : Math.max(0, this.#index + steps[e.key]);
        const tip = this.#view.hoverIndex(this.#index);
        if (tip) {
          this.#index = tip.index;
          this.#live.textContent = `${tip.title}: ${tip.lines.map(([k, v]) => (k ? `${k} ${v}` : v)).join(', ')}`;
        }
        this.#showTooltip(tip);
      } else if (e.key === 'Escape') {
        this.#tooltip.hidden = true;
        this.#menu.hidden = true;
        this.#panel.hidden = true;
        this.#view.leave();
      }
    });
  }

  #showTooltip(tip) {
    if (!tip) { this.#tooltip.hidden = true; return; }
    this.#tooltip.replaceChildren(element('b', '', tip.title));
    for (const [label, value] of tip.lines) {
      const row = element('div', 'row');
      row.append(element('span', '', label), element('span', '', value));
      this.#tooltip.append(row);
    }
    this.#tooltip.hidden = false;
    const { width, height } = this.getBoundingClientRect();
    const w = this.#tooltip.offsetWidth;
    const h = this.#tooltip.offsetHeight;
    const left = tip.x + 12 + w > width ? tip.x - 12 - w : tip.x + 12;
    const top = Math.min(Math.max(4, tip.y), height - h - 4);
    this.#tooltip.style.left = `${Math.max(4, left)}px`; // CSSOM, allowed under a strict CSP
    this.#tooltip.style.top = `${top}px`;
  }

  #zoomTo(range) {
    this.#zoom = range;
    this.#makeView();
    this.dispatchEvent(new CustomEvent('hubpulse-range', { bubbles: true, composed: true, detail: { ...range, report: this.report } }));
  }

  /** Back to the window the attributes ask for. */
  resetZoom() {
    if (!this.#zoom) return;
    this.#zoom = null;
    this.#makeView();
    this.dispatchEvent(new CustomEvent('hubpulse-range', { bubbles: true, composed: true, detail: { reset: true, report: this.report } }));
  }

  /** Downloads the chart as a PNG at twice its CSS size. */
  exportPng() {
    if (!this.#view) return;
    const { width, height } = this.getBoundingClientRect();
    this.#view.draw(Math.floor(width), Math.floor(height), 2);
    this.#canvas.toBlob((blob) => blob && download(blob, `hubpulse-${this.getAttribute('chart') ?? 'overview'}.png`));
    this.#draw();
  }

  /** Downloads every figure as CSV, with the sources and their SHA-256. */
  exportCsv() {
    if (!this.#view) return;
    download(new Blob([this.#view.csv()], { type: 'text/csv' }), `hubpulse-${this.getAttribute('chart') ?? 'overview'}.csv`);
  }

  /** Where the figures came from (SPEC §1.6): URL, bytes, SHA-256, fetch time, rows. */
  #showSource() {
    const input = this.report?.input;
    if (!input) return;
    const close = element('button', '', 'Close');
    close.addEventListener('click', () => { this.#panel.hidden = true; });
    this.#panel.replaceChildren(element('h3', '', 'Where these figures come from'));
    for (const s of input.sources) {
      const list = element('dl');
      const rows = [['Input', s.input], ['Source', s.source], ['Bytes', s.bytes.toLocaleString('en-US')],
                    ['SHA-256', s.sha256], ['Fetched', s.fetched_at]];
      if (s.chain) {
        rows.push(['Chain id', String(s.chain.chain_id)], ['Contract', s.chain.address],
                  ['Blocks', `${s.chain.from_block.toLocaleString('en-US')} to ${s.chain.to_block.toLocaleString('en-US')}`],
                  ['Last block hash', s.chain.last_block_hash]);
      }
      for (const [k, v] of rows) list.append(element('dt', '', k), element('dd', '', v));
      this.#panel.append(list);
    }
    const rows = `${input.rows_read.toLocaleString('en-US')} rows read, ${input.rows_rejected.toLocaleString('en-US')} rejected, ` +
      `${input.warnings.toLocaleString('en-US')} warnings; supply ${input.supply_source}, demand from ${input.demand_source}.`;
    this.#panel.append(element('p', '', rows), close);
    this.#panel.hidden = false;
    close.focus();
  }

  #reason(error) {
    // A Rust panic surfaces as a RuntimeError; the panic hook kept its message.
    if (error instanceof WebAssembly.RuntimeError) return lastPanic() ?? `hubpulse failed: ${error.message}`;
    return error?.message ?? String(error);
  }

  /** Rows that were refused are never dropped silently (SPEC §1.4): say how many, and why the first. */
  #showNotice({ rows_rejected: rejected, problems }) {
    const first = problems.find((p) => p.severity === 'rejected');
    const why = first ? ` (first: line ${first.line}, ${first.field}: ${first.reason})` : '';
    const rows = rejected === 1 ? 'row' : 'rows';
    this.#notice.textContent = rejected ? `${rejected.toLocaleString('en-US')} ${rows} rejected${why}` : '';
    this.#notice.title = this.#notice.textContent;
    this.#notice.hidden = !rejected;
  }

  #showStatus(message, busy) {
    this.#status.hidden = false;
    this.#status.classList.toggle('error', !busy);
    this.#status.setAttribute('role', busy ? 'status' : 'alert');
    this.#message.textContent = message;
    this.#progress.hidden = !busy;
    this.#progress.removeAttribute('value');
  }

  #fail(reason) {
    this.report = null;
    this.#notice.hidden = true;
    this.#tooltip.hidden = true;
    this.setAttribute('aria-label', `Chart unavailable: ${reason}`);
    this.#showStatus(`Could not show this chart: ${reason}`, false);
    this.dispatchEvent(new CustomEvent('hubpulse-error', { bubbles: true, composed: true, detail: { reason } }));
  }
}

customElements.define('hub-pulse', HubPulse);

export { HubPulse as HubPulseElement };
