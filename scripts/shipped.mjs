// The files a page downloads to show a chart: the element and its modules, the wasm and
// its glue, as served from www/. The benchmarks count their size from this one list.
import { readdirSync } from 'node:fs';

const root = new URL('..', import.meta.url).pathname;

/** Paths relative to www/. */
export function shippedFiles() {
  const modules = readdirSync(`${root}www/hubpulse`).filter((f) => f.endsWith('.js')).map((f) => `hubpulse/${f}`);
  return ['hubpulse.js', ...modules, 'pkg/hubpulse.js', 'pkg/hubpulse_bg.wasm'];
}
