// A parse worker of <hub-pulse>: parses pieces of one large body of events for a load worker
// (piece-pool.js, crate/src/web/pieces.rs), so that a machine with more cores reads the body
// sooner. The page starts it: it says 'alive' once its script runs, and is then sent
// {module, port}, the page's compiled wasm and its port to the load worker. Messages on the
// port in: {id, source, head, text}; out, per piece: {id, columns}, or {id, reason} (the
// parser's: the body is not a format hubpulse reads), or {id, failure}.
import * as wasm from '../pkg/hubpulse.js';

postMessage('alive');

onmessage = ({ data: { module, port } }) => {
  const started = wasm.default({ module_or_path: module });
  port.onmessage = async ({ data }) => {
    try {
      await started;
      const columns = wasm.parsePiece(data.source, data.head, data.text);
      port.postMessage({ id: data.id, columns }, columns.map((c) => c.buffer));
    } catch (error) {
      if (typeof error === 'string') return port.postMessage({ id: data.id, reason: error });
      const panic = error instanceof WebAssembly.RuntimeError ? wasm.lastPanic() : null;
      port.postMessage({ id: data.id, failure: panic ?? String(error?.message ?? error) });
    }
  };
};
