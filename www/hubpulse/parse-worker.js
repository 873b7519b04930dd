// A parse worker of <hub-pulse>: parses pieces of one large body of events for the load
// worker that started it (piece-pool.js, crate/src/web/pieces.rs), so that a machine with
// more cores reads the body sooner. Messages in: {module} once (the page's compiled wasm),
// then {id, source, head, text}. Out: 'alive' once the script runs, then per piece {id,
// columns}, or {id, reason} (the parser's: the body is not a format hubpulse reads), or
// {id, failure}.
import * as wasm from '../pkg/hubpulse.js';

postMessage('alive');
let started;

onmessage = async ({ data }) => {
  if (data.module) {
    started = wasm.default({ module_or_path: data.module });
    return;
  }
  try {
    await started;
    const columns = wasm.parsePiece(data.source, data.head, data.text);
    postMessage({ id: data.id, columns }, columns.map((c) => c.buffer));
  } catch (error) {
    if (typeof error === 'string') return postMessage({ id: data.id, reason: error });
    const panic = error instanceof WebAssembly.RuntimeError ? wasm.lastPanic() : null;
    postMessage({ id: data.id, failure: panic ?? String(error?.message ?? error) });
  }
};
