// The wasm of hubpulse, started once per page. Every module takes its bindings from here,
// so the glue's path is named in one place.
import init from '../pkg/hubpulse.js';

/** Resolves to the wasm's exports once it is compiled and started. */
export const ready = init();

export {
  ChainScan, Config, Dataset, View, attributeNames, lastPanic, loadBytes, loadUrls, parseAttributes,
} from '../pkg/hubpulse.js';
