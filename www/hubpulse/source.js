// One attempt at loading the dataset of a load spec (crate/src/element/attributes.rs): files
// fetched and parsed as they arrive, or a chain read through its node. Retries, timeouts and
// sharing are the cache's (cache.js).
import { hashers } from './hashing.js';
import { ChainScan, loadUrls, ready } from './wasm.js';

/**
 * Loads `spec` with `onProgress({input, loaded, total, unit})`; `signal` aborts it. A chain
 * source keeps its `scan` between loads, so that a refresh reads only the blocks added
 * since: `holder.scan` is read and set.
 */
export async function attempt(spec, holder, onProgress, signal) {
  await ready;
  if (!spec.chain) return loadUrls(spec, onProgress, signal, await hashers());
  holder.scan ??= new ChainScan(spec);
  return holder.scan.update(onProgress, signal);
}
