// The load worker of <hub-pulse>: fetches and parses one load's inputs in its own thread,
// so the page's thread stays free, and hands the dataset over as typed arrays whose
// buffers move without a copy. One worker a load: when it ends, its memory goes with it.
// Messages in: {spec, module?, extra?, hashPort?, parseWorkers?} to start (module: the page's
// compiled wasm; extra: {glue, wasm}, the optional part's URLs, to start that instead;
// parseWorkers: more than 1 parses a large body of events in pieces, piece-pool.js), then
// {parsers} (the ports to the parse workers it asked for), 'abort' to stop.
// Out: 'alive' once the script runs, {progress}, {parsers: n} to ask the page for n parse
// workers, then {parts} or {error: {message, kind, transient, status, retryAfter, source,
// statusText}}, or
// {unavailable} when its wasm cannot start here.
// The default part is imported statically, so that a bundler bundles it into the worker; the
// optional part comes from the URL the page sends, only when asked for.
import * as defaultPart from '../pkg/hubpulse.js';
import { portHashers } from './hash-client.js';
import { piecePool } from './piece-pool.js';

postMessage('alive');
const controller = new AbortController();
/** Progress is sent at most this often: the page repaints no faster anyway. */
const PROGRESS_MS = 50;
/** Resolves the page's answer to a request for parse workers: their ports. */
let given;
const askPage = (n) => new Promise((resolve) => {
  given = resolve;
  postMessage({ parsers: n });
});

onmessage = async ({ data }) => {
  if (data === 'abort') return controller.abort();
  if (data.parsers) return given?.(data.parsers);
  let last = 0;
  const progress = (p) => {
    const now = performance.now();
    if (now - last < PROGRESS_MS && p.loaded !== p.total) return;
    last = now;
    postMessage({ progress: p });
  };
  let wasm;
  try {
    wasm = data.extra ? await import(/* @vite-ignore */ data.extra.glue) : defaultPart;
    await wasm.default({ module_or_path: data.extra?.wasm ?? data.module });
  } catch (error) {
    return postMessage({ unavailable: String(error) }); // the page loads on its own thread
  }
  const pool = data.parseWorkers > 1 && !data.extra
    ? piecePool(data.parseWorkers, askPage, (...piece) => wasm.parsePiece(...piece))
    : undefined;
  try {
    const hashers = data.hashPort ? portHashers(data.hashPort) : undefined;
    const parts = await wasm.loadParts(data.spec, progress, controller.signal, hashers, pool);
    postMessage({ parts }, [parts.meta.buffer, ...parts.columns.map((c) => c.buffer)]);
  } catch (error) {
    // A Rust panic surfaces as a RuntimeError; the panic hook kept its message.
    const message = error instanceof WebAssembly.RuntimeError ? (wasm.lastPanic() ?? error.message) : (error?.message ?? String(error));
    const { kind = error instanceof WebAssembly.RuntimeError ? 'bug' : 'network', transient = false, status, retryAfter, source,
      statusText } = error ?? {};
    postMessage({ error: { message, kind, transient, status, retryAfter, source, statusText } });
  } finally {
    pool?.close();
    data.hashPort?.postMessage({ close: true });
  }
};
