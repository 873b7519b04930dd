// The wasm of hubpulse, compiled and started once per page. Every module takes its bindings
// from here, so the glue's paths are named in one place; the compiled module also goes to the
// workers, which then start in milliseconds instead of compiling it again. The optional part
// (the chain source, hubs' own document shapes) is fetched only when a page asks for it.
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

/**
 * Where the optional part's glue and wasm are, for this page and for the load worker: both
 * named here, so that a bundler that copies files named by `new URL` copies them too.
 */
export const EXTRA = {
  glue: new URL('../pkg/extra/hubpulse.js', import.meta.url).href,
  wasm: new URL('../pkg/extra/hubpulse_bg.wasm', import.meta.url).href,
};

let extraPart = null;

/**
 * Resolves to the optional part's exports, started on this page: fetched and compiled the
 * first time a widget reads a chain or a hub's own document, where no load worker does.
 */
export function extra() {
  extraPart ??= import(/* @vite-ignore */ EXTRA.glue).then(async (glue) => {
    await glue.default({ module_or_path: EXTRA.wasm });
    return glue;
  }).catch((error) => {
    extraPart = null; // a later widget tries again
    throw error;
  });
  return extraPart;
}

export {
  Config, Dataset, DatasetParts, View, attributeNames, languages, lastPanic, loadBytes, loadUrls, parseAttributes,
  sayIn,
} from '../pkg/hubpulse.js';
