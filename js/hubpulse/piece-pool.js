// The parse workers of one load worker (docs/architecture.md#several-workers-one-body): a
// large body of events is cut into pieces there, each parsed by one of these workers and
// joined in order (crate/src/web/pieces.rs). The load worker asks the page for them when its
// first piece is ready, so a small body never starts them; the page starts them
// (`startParsers`) and hands the load worker a port to each. They are not started inside the
// load worker: there, Firefox's Worker constructor blocked the load worker's thread for good
// in about one large load in six, and Safari before 15.5 has no nested workers. Where none
// starts, pieces are parsed on the load worker's own thread, with the same result.

/** How long a parse worker may take to say it runs before it is taken for unable. */
const START_MS = 5000;

/**
 * The load worker's side: a pool of `workers` parse workers, reached through the ports that
 * `ask(workers)` resolves to. `parse(source, head, text)` resolves to a piece's columns, or
 * rejects with the parser's reason (a string) or an Error; `here(source, head, text)` parses
 * where no worker started. `close()` lets go of the ports.
 */
export function piecePool(workers, ask, here) {
  let ports = null;
  let next = 0;
  const waiting = new Map();
  const answer = ({ data }) => {
    const piece = waiting.get(data.id);
    waiting.delete(data.id);
    if (data.columns) piece?.resolve(data.columns);
    else if ('reason' in data) piece?.reject(data.reason);
    else piece?.reject(new Error(data.failure));
  };
  return {
    workers,
    async parse(source, head, text) {
      ports ??= ask(workers).then((given) => {
        for (const port of given) port.onmessage = answer;
        return given;
      });
      const running = await ports;
      if (running.length === 0) return here(source, head, text);
      const id = ++next;
      return new Promise((resolve, reject) => {
        waiting.set(id, { resolve, reject });
        running[id % running.length].postMessage({ id, source, head, text }, [text.buffer]);
      });
    },
    close() {
      ports?.then((given) => given.forEach((port) => port.close()));
    },
  };
}

/**
 * The page's side: starts `n` parse workers given the compiled `module`. `ports` resolves to
 * a port to each that started (none where none can start here); `failed(message)` is called
 * when one stops afterwards; `stop()` ends them all.
 */
export function startParsers(n, module, failed) {
  const workers = [];
  const starting = Array.from({ length: n }, () => startParser(module, workers, failed));
  return {
    ports: Promise.all(starting).then((ports) => ports.filter(Boolean)),
    stop: () => workers.forEach((worker) => worker.terminate()),
  };
}

/** A port to a new parse worker given `module`, or null when none starts here. */
function startParser(module, workers, failed) {
  return new Promise((resolve) => {
    let worker;
    try {
      worker = new Worker(new URL('./parse-worker.js', import.meta.url), { type: 'module' });
    } catch {
      return resolve(null);
    }
    workers.push(worker);
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
      worker.onerror = (event) => {
        event.preventDefault();
        failed(event.message ?? 'a parse worker stopped');
      };
      const { port1, port2 } = new MessageChannel();
      worker.postMessage({ module, port: port2 }, [port2]);
      resolve(port1);
    };
  });
}
