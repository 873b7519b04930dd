// The client of the hashing worker (hash-worker.js): the SHA-256 of each input's raw bytes
// (docs/inputs.md#provenance) computed in another thread while the bytes are parsed.
//
// Loads wait until the worker's script has run ("alive", within milliseconds; chunks then
// wait in it until its own wasm is ready) or has failed to. When it cannot start (a host
// without the file, a policy without workers, no word within a second), a load hashes in
// the thread that parses; if it fails later, the loads that used it fail with a transient
// error and are retried.
import { portHashers } from './hash-client.js';
import { compiled } from './wasm.js';

const state = { alive: false, failed: false, worker: null };
const started = new Promise((resolve) => {
  setTimeout(resolve, 1000);
  try {
    state.worker = new Worker(new URL('./hash-worker.js', import.meta.url), { type: 'module' });
  } catch {
    resolve();
    return;
  }
  // The worker starts from the page's compiled wasm (or compiles its own if that fails).
  compiled.then((module) => state.worker.postMessage({ module }), () => state.worker.postMessage({ module: null }));
  state.worker.addEventListener('message', ({ data }) => {
    if (data === 'alive') return void (state.alive = true, resolve());
    if (data.failed) state.failed = true;
  });
  state.worker.onerror = (event) => {
    event.preventDefault();
    state.failed = true;
    resolve();
  };
});

/**
 * A port to the hashing worker, for the thread that parses (this one or a load worker), or
 * undefined when there is no worker to hash in.
 */
export async function hashPort() {
  await started;
  if (!state.alive || state.failed) return undefined;
  const channel = new MessageChannel();
  state.worker.postMessage({ port: channel.port2 }, [channel.port2]);
  return channel.port1;
}

/** The hasher factory for a load on this page: the worker's, or undefined (hash here). */
export async function hashers() {
  const port = await hashPort();
  return port && portHashers(port);
}
