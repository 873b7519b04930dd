// The datasets of the page, by load key: widgets that name the same inputs share one fetch
// and one parse. The cache owns who holds what: a hold is released exactly once, and an
// entry is freed (wasm memory and all) when its last hold goes. A load is retried while its
// error says it is transient (a 5xx or 429 answer, a lost connection), within the deadline.
import { attempt } from './source.js';

const entries = new Map();

/** Waits between attempts at a transient failure. */
const RETRY_DELAYS_MS = [500, 1500, 4000];

/** One load of one key, and the widgets holding it. */
class Entry {
  constructor(key, spec, timing, scan = null) {
    this.key = key;
    this.holders = 0;
    this.listeners = new Set();
    this.controller = new AbortController();
    this.scan = scan;
    this.loading = this.#attempts(spec, timing);
    this.loading.catch(() => { if (entries.get(key) === this) entries.delete(key); }); // a failed load may be tried again
  }

  /**
   * Loads with a bounded number of retries: each attempt is aborted when no byte has come
   * for `idleMs`, and all of them when `deadlineMs` has passed.
   */
  async #attempts(spec, { idleMs, deadlineMs }) {
    const deadline = AbortSignal.timeout(deadlineMs);
    const ends = performance.now() + deadlineMs;
    const what = spec.chain?.rpc ?? spec.events ?? spec.rollups ?? spec.snapshots;
    for (let attempt_ = 0; ; attempt_++) {
      const idle = new AbortController();
      let timer = setTimeout(() => idle.abort(), idleMs);
      const progress = (p) => {
        clearTimeout(timer);
        timer = setTimeout(() => idle.abort(), idleMs);
        this.listeners.forEach((listener) => listener(p));
      };
      try {
        const signal = AbortSignal.any([this.controller.signal, idle.signal, deadline]);
        return await attempt(spec, this, progress, signal);
      } catch (error) {
        if (this.controller.signal.aborted) throw error;
        if (deadline.aborted) throw timeout(`${what}: the load took longer than its deadline of ${seconds(deadlineMs)}`);
        const cause = idle.signal.aborted ? timeout(`${what}: no data came for ${seconds(idleMs)}; the server does not answer`) : error;
        if (attempt_ >= RETRY_DELAYS_MS.length || !cause.transient) throw cause;
        // A server that says when to come back (429, 503 with Retry-After) is waited for,
        // unless that is past the deadline.
        const wait = cause.retryAfter !== undefined ? cause.retryAfter * 1000 : RETRY_DELAYS_MS[attempt_];
        if (performance.now() + wait > ends) throw cause;
        await pause(wait, deadline);
      } finally {
        clearTimeout(timer);
      }
    }
  }

  /** Lets go of one hold; the last frees the dataset and aborts a download nobody awaits. */
  release() {
    if (--this.holders > 0) return;
    if (entries.get(this.key) === this) entries.delete(this.key);
    this.controller.abort(); // does nothing once loaded
    this.loading.then((data) => data.free(), () => {}).finally(() => this.scan?.free());
  }
}

const seconds = (ms) => `${Math.round(ms / 100) / 10} s`;

function timeout(message) {
  return Object.assign(new Error(message), { kind: 'network', transient: true });
}

function pause(ms, signal) {
  return new Promise((resolve) => {
    const timer = setTimeout(resolve, ms);
    signal.addEventListener('abort', () => { clearTimeout(timer); resolve(); }, { once: true });
  });
}

/** A widget's hold on a dataset: its promise, its progress, and one release. */
class Hold {
  #entry;
  #released = false;

  constructor(entry) {
    this.#entry = entry;
    entry.holders++;
  }

  /** Resolves to the dataset. */
  get loading() {
    return this.#entry.loading;
  }

  /** Calls `listener` with each progress report until `release`. */
  listen(listener) {
    this.#entry.listeners.add(listener);
    return () => this.#entry.listeners.delete(listener);
  }

  /** Whether this hold is on the entry the cache now has for its key. */
  get current() {
    return entries.get(this.#entry.key) === this.#entry;
  }

  release() {
    if (this.#released) return;
    this.#released = true;
    this.#entry.release();
  }

  /**
   * A hold on fresh figures for the same inputs (refresh): on the load another widget
   * already started since this hold was taken, or on a new one, which continues a chain
   * source's scan.
   */
  refresh(config) {
    const newest = entries.get(this.#entry.key);
    if (newest && newest !== this.#entry) return new Hold(newest);
    const scan = this.#entry.scan;
    this.#entry.scan = null;
    return new Hold(start(config, scan));
  }
}

function start(config, scan = null) {
  const timing = { idleMs: config.idleTimeoutMs, deadlineMs: config.deadlineMs };
  const entry = new Entry(config.loadKey, config.load, timing, scan);
  entries.set(config.loadKey, entry);
  return entry;
}

/** A hold on the dataset of `config` (a parsed Config), loading it unless a widget already is. */
export function acquire(config) {
  return new Hold(entries.get(config.loadKey) ?? start(config));
}
