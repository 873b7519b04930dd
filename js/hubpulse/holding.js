// Where a widget's dataset comes from: held from the page's cache (cache.js) and fetched again
// every `refresh`, or handed over by a script (`element.data`, `mount`), which is neither
// fetched nor freed here. The element decides what a dataset shows once it is here.
import { acquire } from './cache.js';

export class Holding {
  /** The dataset shown, or null while none is. */
  data = null;
  /** A dataset handed over by script, or null: the attributes' inputs are fetched. */
  given = null;
  /** The cache's hold on `data`, or null when it was given. */
  #hold = null;
  #timer = null;
  #loadedAt = null;
  /**
   * The element: `config()` (its wasm Config, or null), `current()` (a check that stays true
   * while the widget shows what it shows now), `prepared(data, current)` (false when the
   * widget moved on meanwhile), `shown()`, `progress(p)`, `failed(error)`,
   * `refreshFailed(error, since)`.
   */
  #host;

  constructor(host) {
    this.#host = host;
  }

  /**
   * Lets go of the dataset shown, for a load to come, and returns the hold on it: `load` lets
   * go of it only once the next inputs are held, so inputs that did not change are neither
   * freed nor fetched again (`release()` it when there is no next load).
   */
  detach() {
    const previous = this.#hold;
    [this.#hold, this.data] = [null, null];
    return previous;
  }

  /** Shows the given dataset, or the inputs the config names: then true once they are shown. */
  async load(previous, current) {
    if (this.given) {
      previous?.release();
      if (await this.#host.prepared(this.given, current)) this.#shown(this.given);
      return false;
    }
    const hold = (this.#hold = acquire(this.#host.config()));
    previous?.release();
    const stop = hold.listen((progress) => { if (current()) this.#host.progress(progress); });
    try {
      const data = await hold.loading;
      if (!(await this.#host.prepared(data, current))) return false;
      this.#shown(data);
      this.schedule();
      return true;
    } catch (error) {
      if (current()) this.#host.failed(error);
      return false;
    } finally {
      stop();
    }
  }

  /** Lets go of everything: the widget left the page. */
  release() {
    clearInterval(this.#timer);
    this.#timer = null;
    this.detach()?.release();
  }

  /** `refresh`: fetch again every so often (at least a second); never a given dataset. */
  schedule() {
    clearInterval(this.#timer);
    this.#timer = null;
    const ms = this.#host.config()?.refreshMs;
    if (this.given || !ms) return;
    this.#timer = setInterval(() => this.#refresh(), ms);
  }

  #shown(data) {
    [this.data, this.#loadedAt] = [data, new Date()];
    this.#host.shown();
  }

  /**
   * Fetches the inputs again and swaps the new figures in when they are ready, so the chart
   * never blanks; when the refresh fails, the last good figures stay with a notice.
   */
  async #refresh() {
    const config = this.#host.config();
    if (!this.#hold || !config) return;
    const current = this.#host.current();
    const next = this.#hold.refresh(config);
    try {
      const data = await next.loading;
      if (!(await this.#host.prepared(data, current))) return next.release();
      this.#hold.release();
      this.#hold = next;
      this.#shown(data);
    } catch (error) {
      next.release();
      if (current()) this.#host.refreshFailed(error, this.#loadedAt?.toLocaleTimeString() ?? '');
    }
  }
}
