// The hashing worker of <hub-pulse>: the SHA-256 of each input's raw bytes
// (docs/inputs.md#provenance), computed here while another thread parses the same bytes.
// Each thread that parses gets a port of its own ({port}, on the worker's own): on it,
// {id, bytes} for each chunk, {id, done} for the digest, answered with {id, sha256};
// {close} when it is done with the port. The first message on its own port is {module}, the
// page's compiled wasm (or {} to compile its own). The worker says "alive" once this script
// runs; a port is told {failed} if the wasm cannot start.
import init, { Sha256Stream } from '../pkg/hubpulse.js';

postMessage('alive');
let start;
const ready = new Promise((resolve) => { start = resolve; }).then((module) => init(module ? { module_or_path: module } : undefined));

/** Answers the hashing messages that come on `port`; ids are the port's own. */
function serve(port) {
  const streams = new Map();
  port.onmessage = async ({ data: { id, bytes, done, port: handed, close, module } }) => {
    if (module !== undefined) return start(module);
    if (handed) return serve(handed);
    if (close) {
      streams.forEach((stream) => stream.free());
      streams.clear();
      return port.close?.();
    }
    try {
      await ready; // chunks that arrive first wait, in order
    } catch (e) {
      return port.postMessage({ failed: String(e) }); // the loads waiting for digests fail
    }
    if (bytes) {
      if (!streams.has(id)) streams.set(id, new Sha256Stream());
      streams.get(id).update(bytes);
    }
    if (done) {
      const stream = streams.get(id) ?? new Sha256Stream();
      streams.delete(id);
      port.postMessage({ id, sha256: stream.finish() });
    }
  };
}

serve(self);
