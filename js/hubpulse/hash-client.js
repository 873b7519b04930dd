// Hashers over a port to the hashing worker (hash-worker.js), for whichever thread parses:
// the page, or a load worker. No side effects: importing it starts nothing.

/**
 * The hasher factory over `port` that the wasm's loader calls: each hasher's `update(bytes)`
 * hands a chunk over, `digest()` resolves to the hex SHA-256. Used on this page and in the
 * load worker alike.
 */
export function portHashers(port) {
  const pending = new Map();
  let failed = null;
  let next = 0;
  port.onmessage = ({ data }) => {
    if (data.failed) {
      failed = new Error(`the hashing worker failed (${data.failed})`);
      for (const { reject } of pending.values()) reject(failed);
      return pending.clear();
    }
    pending.get(data.id)?.resolve(data.sha256);
    pending.delete(data.id);
  };
  return () => {
    const id = next++;
    return {
      update: (bytes) => port.postMessage({ id, bytes }, [bytes.buffer]),
      digest: () => new Promise((resolve, reject) => {
        if (failed) return reject(failed);
        pending.set(id, { resolve, reject });
        port.postMessage({ id, done: true });
      }),
    };
  };
}
