// Small helpers for the element's own DOM: everything it writes is text (textContent),
// never HTML, and styles go through CSSOM, so a strict CSP holds.

/** A new element of `tag`, with a class and text. */
export function element(tag, className, text) {
  const node = document.createElement(tag);
  if (className) node.className = className;
  if (text !== undefined) node.textContent = text;
  return node;
}

/** Saves `blob` as a file named `name`. */
export function download(blob, name) {
  const a = element('a');
  a.href = URL.createObjectURL(blob);
  a.download = name;
  a.click();
  setTimeout(() => URL.revokeObjectURL(a.href), 1000);
}

/** Bytes as "12 kB" or "3.4 MB", for the progress line. */
export function formatBytes(n) {
  return n >= 1e6 ? `${(n / 1e6).toFixed(1)} MB` : `${Math.max(1, Math.round(n / 1e3))} kB`;
}

/** `url` made absolute against the page, as the wasm and the workers need it. */
export const absolute = (url) => (url ? new URL(url, document.baseURI).href : undefined);

/** Fires a bubbling, composed `CustomEvent` named `type` on `target`. */
export function announce(target, type, detail) {
  target.dispatchEvent(new CustomEvent(type, { bubbles: true, composed: true, detail }));
}

/** Fills `table` with `{caption, columns, rows}` (the figures, for screen readers). */
export function fillTable(table, { caption, columns, rows }) {
  const line = (cells, tag) => {
    const tr = element('tr');
    for (const c of cells) tr.append(element(tag, '', c));
    return tr;
  };
  table.replaceChildren(element('caption', '', caption), line(columns, 'th'), ...rows.map((row) => line(row, 'td')));
}

/**
 * Resolves in a task of its own: widgets whose data arrives together (one load shared, one
 * dataset given to a dashboard) each make their chart in a separate task, so the page can
 * paint and answer input between them instead of waiting for all of them at once.
 */
export function nextTask() {
  return globalThis.scheduler?.yield?.() ?? new Promise((resolve) => setTimeout(resolve, 0));
}

/** How long a task may run steps before `inSlices` gives the thread back: with a step of up
 * to ~35 ms, no task passes 50 ms. */
const SLICE_MS = 10;

/**
 * Calls `step()` until it answers true, giving the thread back (`nextTask`) once a slice has
 * passed; resolves to true when done, false as soon as `wanted()` answers false after a pause.
 */
export async function inSlices(step, wanted = () => true) {
  let start = performance.now();
  while (!step()) {
    if (performance.now() - start < SLICE_MS) continue;
    await nextTask();
    if (!wanted()) return false;
    start = performance.now();
  }
  return true;
}

/**
 * Runs `step` in slices (`inSlices`) between two pauses, so that what follows has a task of
 * its own; resolves to whether `wanted()` still holds. A step that throws (its dataset freed
 * meanwhile) ends the run: what comes next says why.
 */
export async function sliced(step, wanted) {
  await nextTask();
  try {
    if (wanted()) await inSlices(step, wanted);
  } catch {
    // Said by what comes next.
  }
  await nextTask();
  return wanted();
}
