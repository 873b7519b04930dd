// The wasm of hubpulse, compiled and started once per page. Every module takes its bindings
// from here, so the glue's path is named in one place; the compiled module also goes to the
// workers, which then start in milliseconds instead of compiling it again.
import init from '../pkg/hubpulse.js';

/** Compiles the wasm, streaming where the server says `application/wasm`. */
async function compile(url) {
  const response = await fetch(url);
  if (!response.ok) throw new Error(`${url}: the server answered HTTP ${response.status}`);
  try {
    return await WebAssembly.compileStreaming(response.clone());
  } catch {
    return WebAssembly.compile(await response.arrayBuffer()); // another content type
  }
}

/** Resolves to the compiled module, for workers to start from. */
export const compiled = compile(new URL('../pkg/hubpulse_bg.wasm', import.meta.url));

/** Resolves to the wasm's exports once it is started on this page. */
export const ready = compiled.then((module) => init({ module_or_path: module }));

export {
  ChainScan, Config, Dataset, DatasetParts, View, attributeNames, lastPanic, loadBytes, loadUrls, parseAttributes,
} from '../pkg/hubpulse.js';
