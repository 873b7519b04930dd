// The hashing worker of <hub-pulse>: the SHA-256 of each input's raw bytes (docs/inputs.md, provenance),
// computed here while the page's thread parses the same bytes, so a load takes less time
// on two cores. Messages: {id, bytes} for each chunk, {id, done} for the digest, answered
// with {id, sha256}; "alive" once this script runs, {failed} if its wasm cannot start.
// Without this file the element hashes on its own thread.
import init, { Sha256Stream } from '../pkg/hubpulse.js';

postMessage('alive');
const streams = new Map();
const ready = init();
ready.catch((e) => postMessage({ failed: String(e) }));

onmessage = async ({ data: { id, bytes, done } }) => {
  try {
    await ready; // chunks that arrive first wait, in order
  } catch {
    return; // the page was told, and rejects the digest
  }
  if (bytes) {
    if (!streams.has(id)) streams.set(id, new Sha256Stream());
    streams.get(id).update(bytes);
  }
  if (done) {
    const stream = streams.get(id) ?? new Sha256Stream();
    streams.delete(id);
    postMessage({ id, sha256: stream.finish() });
  }
};
