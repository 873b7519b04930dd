// Where the chain source keeps what it read between visits (docs/sources.md#a-cache-of-what-was-read):
// this browser's IndexedDB, database `hubpulse`, one record a chain, contract and block
// range. Only the wasm reads and writes the records; this is the door. Storage that is
// refused (a private window, a full disk, a sandboxed frame) is no cache, not an error.

const DATABASE = 'hubpulse';
const STORE = 'chain-scans';

let opening = null;

/** The database, or null where IndexedDB is not to be had. */
function open() {
  opening ??= new Promise((resolve) => {
    try {
      const request = indexedDB.open(DATABASE, 1);
      request.onupgradeneeded = () => request.result.createObjectStore(STORE);
      request.onsuccess = () => resolve(request.result);
      request.onerror = () => resolve(null);
      request.onblocked = () => resolve(null);
    } catch {
      resolve(null);
    }
  });
  return opening;
}

/** One request on the store, as a promise of its result (undefined when it fails). */
async function run(mode, act) {
  const db = await open();
  if (!db) return undefined;
  return new Promise((resolve) => {
    try {
      const request = act(db.transaction(STORE, mode).objectStore(STORE));
      request.onsuccess = () => resolve(request.result);
      request.onerror = () => resolve(undefined);
    } catch {
      resolve(undefined);
    }
  });
}

/** What the chain scan was handed: `get(key)` → bytes or undefined, `put(key, bytes)`. */
export const chainStore = {
  get: (key) => run('readonly', (store) => store.get(key)),
  put: (key, bytes) => run('readwrite', (store) => store.put(bytes, key)),
};
