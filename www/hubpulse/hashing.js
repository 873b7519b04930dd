// The client of the hashing worker (hash-worker.js): the SHA-256 of each input's raw bytes
// (docs/inputs.md, provenance) computed in another thread while this one parses them.
//
// Loads wait until the worker's script has run ("alive", within milliseconds; chunks then
// wait in it until its own wasm is ready) or has failed to. When it cannot start (a host
// without the file, a policy without workers, no word within a second), a load hashes on
// this thread; if it fails later, the loads that used it fail with a transient error and
// are retried, on this thread.

const state = { alive: false, failed: false, next: 0, pending: new Map(), worker: null };
const started = new Promise((resolve) => {
  setTimeout(resolve, 1000);
  const fail = (reason) => {
    state.failed = true;
    resolve();
    for (const { reject } of state.pending.values()) reject(failure(reason));
    state.pending.clear();
  };
  try {
    state.worker = new Worker(new URL('./hash-worker.js', import.meta.url), { type: 'module' });
  } catch {
    resolve();
    return;
  }
  state.worker.onmessage = ({ data }) => {
    if (data === 'alive') return void (state.alive = true, resolve());
    if (data.failed) return fail(data.failed);
    state.pending.get(data.id)?.resolve(data.sha256);
    state.pending.delete(data.id);
  };
  state.worker.onerror = (event) => {
    event.preventDefault();
    fail(event.message ?? 'error');
  };
});

/** The error of a load whose hash was lost with the worker: transient, so it is retried. */
function failure(reason) {
  return Object.assign(new Error(`the hashing worker failed (${reason})`), { kind: 'network', transient: true });
}

/** A new SHA-256 in the worker: `update(bytes)` hands the chunk over, `digest()` resolves to hex. */
function hasher() {
  const id = state.next++;
  return {
    update: (bytes) => state.worker.postMessage({ id, bytes }, [bytes.buffer]),
    digest: () => new Promise((resolve, reject) => {
      if (state.failed) return reject(failure('it stopped'));
      state.pending.set(id, { resolve, reject });
      state.worker.postMessage({ id, done: true });
    }),
  };
}

/** The hasher factory for a load: the worker's, or undefined (hash on this thread). */
export async function hashers() {
  await started;
  return state.alive && !state.failed ? hasher : undefined;
}
