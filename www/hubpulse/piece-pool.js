// The parse workers of one load worker (docs/architecture.md#several-workers-one-body): a
// large body of events is cut into pieces there, each parsed by one of these workers and
// joined in order (crate/src/web/pieces.rs). The workers start when the first piece is
// ready, so a small body never starts them; where none can start (a browser without nested
// workers), pieces are parsed on the load worker's own thread, with the same result.

/** How long a parse worker may take to say it runs before it is taken for unable. */
const START_MS = 5000;

/**
 * A pool of `workers` parse workers given the compiled `module`: `parse(source, head,
 * text)` resolves to a piece's columns, or rejects with the parser's reason (a string) or
 * an Error; `here(source, head, text)` parses where no worker starts. `close()` ends them.
 */
export function piecePool(workers, module, here) {
  let started = null;
  let next = 0;
  const waiting = new Map();
  const answer = ({ data }) => {
    const piece = waiting.get(data.id);
    waiting.delete(data.id);
    if (data.columns) piece?.resolve(data.columns);
    else if ('reason' in data) piece?.reject(data.reason);
    else piece?.reject(new Error(data.failure));
  };
  const fail = (event) => {
    event.preventDefault();
    for (const piece of waiting.values()) piece.reject(new Error(event.message ?? 'a parse worker stopped'));
    waiting.clear();
  };
  return {
    workers,
    async parse(source, head, text) {
      started ??= Promise.all(Array.from({ length: workers }, () => start(module, answer, fail)));
      const running = (await started).filter(Boolean);
      if (running.length === 0) return here(source, head, text);
      const id = ++next;
      return new Promise((resolve, reject) => {
        waiting.set(id, { resolve, reject });
        running[id % running.length].postMessage({ id, source, head, text }, [text.buffer]);
      });
    },
    close() {
      started?.then((running) => running.forEach((worker) => worker?.terminate()));
    },
  };
}

/** A parse worker given `module`, or null when none starts here. */
function start(module, answer, fail) {
  return new Promise((resolve) => {
    let worker;
    try {
      worker = new Worker(new URL('./parse-worker.js', import.meta.url), { type: 'module' });
    } catch {
      return resolve(null);
    }
    const unable = () => {
      worker.terminate();
      resolve(null);
    };
    const silent = setTimeout(unable, START_MS);
    worker.onerror = (event) => {
      event.preventDefault();
      clearTimeout(silent);
      unable();
    };
    worker.onmessage = ({ data }) => {
      if (data !== 'alive') return;
      clearTimeout(silent);
      worker.onmessage = answer;
      worker.onerror = fail;
      worker.postMessage({ module });
      resolve(worker);
    };
  });
}
