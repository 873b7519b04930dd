// One attempt at loading the dataset of a load spec (crate/src/element/attributes.rs):
// files fetched and parsed in a load worker (load-worker.js) and handed to the page as
// parts, or, where a worker cannot start, on this page; a chain read through its node.
// Retries, timeouts and sharing are the cache's (cache.js).
import { hashPort, hashers } from './hashing.js';
import { DatasetParts, EXTRA, compiled, extra, loadUrls, ready } from './wasm.js';
import { inSlices, nextTask } from './dom.js';
import { startParsers } from './piece-pool.js';

/**
 * False once a load worker could not start here for good (a policy without workers, a host
 * without the file): later loads go straight to this page. A worker that was only slow or
 * short of memory leaves it as it was, so one bad moment does not cost the page its workers.
 */
let workersStart = true;

/**
 * Parse workers a large body of events is parsed by (piece-pool.js): one beside each core
 * the page and the hashing worker leave, at most four; 1 parses it in the load worker alone.
 */
const PARSE_WORKERS = Math.max(1, Math.min(4, (globalThis.navigator?.hardwareConcurrency ?? 1) - 2));

/**
 * Loads `spec` with `onProgress({input, loaded, total, unit})`; `signal` aborts it. A chain
 * source keeps its `scan` between loads, so that a refresh reads only the blocks added
 * since: `holder.scan` is read and set. `holder.parseWorkers` overrides how many parse
 * workers a large body is parsed by (the bench compares 1, 2 and 4).
 */
export async function attempt(spec, holder, onProgress, signal) {
  await ready;
  if (spec.chain) {
    holder.scan ??= new (await extra()).ChainScan(spec, (await import('./extra/chain-store.js')).chainStore);
    return takeParts(await holder.scan.update(onProgress, signal));
  }
  if (workersStart) {
    const parts = await inWorker(spec, holder.parseWorkers ?? PARSE_WORKERS, onProgress, signal);
    if (parts) return takeParts(parts);
  }
  if (needsExtra(spec)) return takeParts(await (await extra()).loadParts(spec, onProgress, signal, await hashers()));
  return loadUrls(spec, onProgress, signal, await hashers());
}

/**
 * Says on the console why a load runs on this page rather than in a worker (it is slower
 * and holds the page while it parses); `lasting`: no later load tries a worker. Null.
 */
function unable(why, lasting) {
  if (lasting) workersStart = false;
  console.warn(`hubpulse: loading on the page, not in a worker: ${why}`);
  return null;
}

/** Whether only the optional part reads `spec`'s inputs: a hub's own document shape. */
export const needsExtra = (spec) => spec.format !== undefined && spec.format !== null;

/**
 * The dataset of `parts` from a load worker, copied into the page's wasm a column at a
 * time (a million models' column: up to ~30 ms the first time, as the memory grows), with
 * the page given a task between columns once one has taken a while, and before they are
 * put together (as long again).
 */
export async function takeParts({ meta, columns }) {
  const taking = new DatasetParts(meta);
  let at = 0;
  await inSlices(() => {
    if (at < columns.length) taking.push(columns[at++]);
    return at === columns.length;
  });
  await nextTask();
  return taking.finish();
}

/**
 * The parts of `spec`'s dataset, loaded in a new worker; null when no worker starts here
 * (a policy without workers, a host without the file): the caller loads on this page.
 */
async function inWorker(spec, parseWorkers, onProgress, signal) {
  // Awaited before the worker is made: its "alive" would be lost while no listener is set.
  const [port, module] = await Promise.all([hashPort(), compiled]);
  let worker;
  try {
    worker = new Worker(new URL('./load-worker.js', import.meta.url), { type: 'module' });
  } catch (error) {
    port?.close();
    return unable(error, true);
  }
  return new Promise((resolve, reject) => {
    let alive = false;
    let parsers;
    const done = () => {
      signal.removeEventListener('abort', abort);
      clearTimeout(silent);
      worker.terminate();
      parsers?.stop();
    };
    const broke = (why) => {
      done();
      reject(Object.assign(new Error(`hubpulse failed: ${why}`), { kind: 'bug', transient: false }));
    };
    const fallBack = (why, lasting) => {
      done();
      resolve(unable(why, lasting));
    };
    // A worker that does not say it runs within 5 s is given up for this load.
    const silent = setTimeout(() => { if (!alive) fallBack('it did not start within 5 s', false); }, 5000);
    const abort = () => {
      // The worker aborts its download itself (a terminated worker's request may linger),
      // then ends; it is ended anyway if it does not answer within a second.
      worker.postMessage('abort');
      signal.removeEventListener('abort', abort);
      clearTimeout(silent);
      parsers?.stop();
      worker.onmessage = ({ data }) => { if (data.error || data.parts) worker.terminate(); };
      setTimeout(() => worker.terminate(), 1000);
      reject(signal.reason ?? new DOMException('aborted', 'AbortError'));
    };
    if (signal.aborted) return abort();
    signal.addEventListener('abort', abort);
    worker.onerror = (event) => {
      event.preventDefault();
      if (!alive) return fallBack(event.message || 'its script did not load', true);
      broke(event.message ?? 'the load worker stopped');
    };
    worker.onmessage = ({ data }) => {
      if (data === 'alive') {
        alive = true;
        // The optional part's worker fetches and compiles it itself: the page never does.
        const start = needsExtra(spec) ? { extra: EXTRA } : { module, parseWorkers };
        worker.postMessage({ spec, hashPort: port, ...start }, port ? [port] : []);
      } else if (data.unavailable) {
        fallBack(data.unavailable, false);
      } else if (data.parsers) {
        parsers = startParsers(data.parsers, module, broke);
        parsers.ports.then((ports) => worker.postMessage({ parsers: ports }, ports));
      } else if (data.progress) {
        onProgress(data.progress);
      } else if (data.parts) {
        done();
        resolve(data.parts);
      } else if (data.error) {
        done();
        reject(Object.assign(new Error(data.error.message), data.error));
      }
    };
  });
}
