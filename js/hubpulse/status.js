// What a <hub-pulse> says in words around its chart: a load and how far it got, or why there
// is no chart, in a box over the canvas; and a line under it (what was refused, a refresh
// that failed). Everything it writes is text.
import { element, formatBytes } from './dom.js';
import { lastPanic } from './wasm.js';

/**
 * The words of `error`: a Rust panic's message (the panic hook kept it), an HTTP status in the
 * chart's language (`say`: `(key, values) => text`), else the error's message.
 */
export function reasonOf(error, say) {
  if (error instanceof WebAssembly.RuntimeError) return lastPanic() ?? `hubpulse failed: ${error.message}`;
  if (error?.kind === 'http' && error.source) {
    return say('reason_http', { source: error.source, status: String(error.status), status_text: error.statusText ?? '' });
  }
  return error?.message ?? String(error);
}

export class Status {
  /** `(key, values) => text`: a word in the chart's language. */
  #say;
  /** The box over the chart: a load under way, or why there is no chart. */
  box = element('div', 'status');
  /** The line under the chart. */
  notice = element('div', 'notice');
  #message = element('div');
  #progress = element('progress');

  /** `say`: `(key, values) => text`, a word in the chart's language (words.js). */
  constructor(say) {
    this.#say = say;
    this.box.append(this.#message, this.#progress);
    this.notice.hidden = true;
  }

  /** Says `message` over the chart: with a progress bar while `busy`, else as an error. */
  show(message, busy) {
    this.box.hidden = false;
    this.box.classList.toggle('error', !busy);
    this.box.setAttribute('role', busy ? 'status' : 'alert');
    this.#message.textContent = message;
    this.#progress.hidden = !busy;
    this.#progress.removeAttribute('value');
  }

  /**
   * Says how far a load got: `{input, loaded, total, unit, kept}` (`unit`: bytes or blocks;
   * `kept`: blocks of `loaded` kept from an earlier visit).
   */
  progress({ input, loaded, total, unit, kept }) {
    const count = unit === 'blocks' ? (n) => this.#say('n_blocks', { n: n.toLocaleString() }) : formatBytes;
    let progress = total ? this.#say('progress_of', { loaded: count(loaded), total: count(total) }) : count(loaded);
    if (kept) progress = this.#say('kept_earlier', { progress, n: kept.toLocaleString() });
    this.#message.textContent = this.#say('loading_progress', { input, progress });
    if (total) [this.#progress.max, this.#progress.value] = [total, loaded];
  }

  /** The chart is shown: nothing over it. */
  hide() {
    this.box.hidden = true;
  }

  /** Says `text` under the chart, or nothing there when it is empty. */
  say(text) {
    [this.notice.textContent, this.notice.title, this.notice.hidden] = [text, text, !text];
  }
}
