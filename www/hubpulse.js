// <hub-pulse>: the embeddable widget. A thin shell: it reads attributes, asks the wasm
// for a dataset (one fetch and one parse per URL, shared by every widget on the page),
// sizes the canvas, and shows loading and error states. Parsing, figures and drawing
// all happen in Rust (crate/src/web).
import init, { loadUrls, View, lastPanic } from './pkg/hubpulse.js';

const ready = init();

/**
 * Load spec → { loading: Promise<Dataset>, listeners }: widgets naming the same inputs
 * share one fetch and one parse.
 */
const datasets = new Map();

function dataset(spec) {
  const key = JSON.stringify(spec);
  if (!datasets.has(key)) {
    const listeners = new Set();
    const loading = ready.then(() => loadUrls(spec, (p) => listeners.forEach((f) => f(p))));
    loading.catch(() => datasets.delete(key)); // a failed load may be retried later
    datasets.set(key, { loading, listeners });
  }
  return datasets.get(key);
}

const absolute = (url) => (url ? new URL(url, document.baseURI).href : undefined);

/**
 * The JS API (SPEC §4): loads the inputs and resolves to a Dataset whose
 * `report({ range, from, to, first_party })` returns the plain report object of SPEC §2.
 * Call `free()` when done with it. Inputs are URLs (strings or URL objects): `events` or
 * `rollups`, and optionally `registry`; `maxRows` and `maxBytes` bound what is read.
 */
export async function load({ events, rollups, registry, maxRows, maxBytes, onProgress } = {}) {
  await ready;
  const spec = { events: absolute(events), rollups: absolute(rollups), registry: absolute(registry), maxRows, maxBytes };
  return loadUrls(spec, onProgress);
}

// Constructable stylesheets work under a strict CSP (no inline <style>, no style="").
const sheet = new CSSStyleSheet();
sheet.replaceSync(`
  :host { display: block; position: relative; height: 320px; min-width: 120px;
          font: 13px var(--hubpulse-font, system-ui, sans-serif);
          color: var(--hubpulse-text, #1b1e23); background: var(--hubpulse-background, #fff);
          border-radius: var(--hubpulse-radius, 8px); overflow: hidden; }
  :host([data-theme="dark"]) { color: var(--hubpulse-text, #e8eaed); background: var(--hubpulse-background, #171a1f); }
  :host(:focus-visible) { outline: 2px solid var(--hubpulse-focus, #0b4f8c); outline-offset: 2px; }
  canvas { position: absolute; inset: 0; width: 100%; height: 100%; display: block; }
  .status { position: absolute; inset: 0; display: flex; flex-direction: column; gap: 8px;
            align-items: center; justify-content: center; padding: 16px; text-align: center; }
  .status[hidden] { display: none; }
  .status.error { color: var(--hubpulse-error, #b3261e); }
  :host([data-theme="dark"]) .status.error { color: var(--hubpulse-error, #f2b8b5); }
  progress { width: min(240px, 80%); }
  .notice { position: absolute; left: 8px; bottom: 4px; max-width: calc(100% - 16px); font-size: 11px;
            color: var(--hubpulse-muted, #5f6670); white-space: nowrap; overflow: hidden; text-overflow: ellipsis; }
  .notice[hidden] { display: none; }
`);

const ATTRIBUTES = ['src', 'rollups', 'registry', 'max-rows', 'chart', 'theme', 'range', 'from', 'to'];

function formatBytes(n) {
  return n >= 1e6 ? `${(n / 1e6).toFixed(1)} MB` : `${Math.max(1, Math.round(n / 1e3))} kB`;
}

class HubPulse extends HTMLElement {
  static observedAttributes = ATTRIBUTES;

  #canvas;
  #status;
  #message;
  #progress;
  #notice;
  #view = null;
  #data = null;
  #resize = null;
  #generation = 0;

  constructor() {
    super();
    const root = this.attachShadow({ mode: 'open' });
    root.adoptedStyleSheets = [sheet];
    this.#canvas = document.createElement('canvas');
    this.#canvas.setAttribute('aria-hidden', 'true');
    this.#status = document.createElement('div');
    this.#status.className = 'status';
    this.#message = document.createElement('div');
    this.#progress = document.createElement('progress');
    this.#status.append(this.#message, this.#progress);
    this.#notice = document.createElement('div');
    this.#notice.className = 'notice';
    this.#notice.hidden = true;
    root.append(this.#canvas, this.#notice, this.#status);
    /** The report the chart shows (SPEC §2), for scripts and tests. */
    this.report = null;
  }

  connectedCallback() {
    if (!this.hasAttribute('tabindex')) this.tabIndex = 0;
    this.setAttribute('role', 'img');
    this.#resize = new ResizeObserver(() => this.#draw());
    this.#resize.observe(this);
    this.#load();
  }

  disconnectedCallback() {
    this.#generation++;
    this.#resize?.disconnect();
    this.#resize = null;
    this.#view?.free();
    this.#view = null;
  }

  attributeChangedCallback() {
    if (this.isConnected) this.#load();
  }

  get #theme() {
    const theme = this.getAttribute('theme') ?? 'auto';
    if (theme === 'auto') return matchMedia('(prefers-color-scheme: dark)').matches ? 'dark' : 'light';
    return theme;
  }

  async #load() {
    const generation = ++this.#generation;
    const [src, rollups] = [this.getAttribute('src'), this.getAttribute('rollups')];
    if (!src && !rollups) return this.#fail('Set the src attribute to the URL of an events file (or rollups to daily rollups).');
    const spec = { events: absolute(src), rollups: absolute(rollups), registry: absolute(this.getAttribute('registry')) };
    if (this.hasAttribute('max-rows')) {
      const maxRows = Number(this.getAttribute('max-rows'));
      if (!Number.isSafeInteger(maxRows) || maxRows < 1) return this.#fail('max-rows must be a whole number of rows ≥ 1.');
      spec.maxRows = maxRows;
    }
    this.#showStatus(`Loading ${src ?? rollups}…`, true);
    const { loading, listeners } = dataset(spec);
    const onProgress = ({ input, loaded, total }) => {
      if (generation !== this.#generation) return;
      const amount = total ? `${formatBytes(loaded)} of ${formatBytes(total)}` : formatBytes(loaded);
      this.#message.textContent = `Loading ${input}… ${amount}`;
      if (total) {
        this.#progress.max = total;
        this.#progress.value = loaded;
      }
    };
    listeners?.add(onProgress);
    try {
      this.#data = await loading;
      if (generation !== this.#generation) return;
      this.#view?.free();
      const theme = this.#theme;
      this.dataset.theme = theme;
      this.#view = new View(this.#canvas, this.getAttribute('chart') ?? 'volume', theme);
      const options = {};
      for (const key of ['range', 'from', 'to']) if (this.hasAttribute(key)) options[key] = this.getAttribute(key);
      this.report = this.#view.setData(this.#data, options);
      this.#showNotice(this.report.input);
      this.#status.hidden = true;
      this.#draw();
      this.dispatchEvent(new CustomEvent('hubpulse-load', { bubbles: true, composed: true, detail: { report: this.report } }));
    } catch (error) {
      if (generation === this.#generation) this.#fail(this.#reason(error));
    } finally {
      listeners?.delete(onProgress);
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

  #reason(error) {
    // A Rust panic surfaces as a RuntimeError; the panic hook kept its message.
    if (error instanceof WebAssembly.RuntimeError) return lastPanic() ?? `hubpulse failed: ${error.message}`;
    return error?.message ?? String(error);
  }

  /** Rows that were refused are never dropped silently (SPEC §1.4): say how many, and why the first. */
  #showNotice({ rows_rejected: rejected, problems }) {
    const first = problems.find((p) => p.severity === 'rejected');
    const why = first ? ` (first: line ${first.line}, ${first.field}: ${first.reason})` : '';
    this.#notice.textContent = rejected ? `${rejected.toLocaleString('en-US')} rows rejected${why}` : '';
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
    this.setAttribute('aria-label', `Chart unavailable: ${reason}`);
    this.#showStatus(`Could not show this chart: ${reason}`, false);
    this.dispatchEvent(new CustomEvent('hubpulse-error', { bubbles: true, composed: true, detail: { reason } }));
  }
}

customElements.define('hub-pulse', HubPulse);
