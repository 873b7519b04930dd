// hubpulse: the <hub-pulse> element and the JS API (docs/embedding.md). Importing this
// module defines the element; its parts live in hubpulse/, one concern a file:
//   wasm.js     the wasm, started once          cache.js    datasets shared by key, retries
//   source.js   one load of files or a chain    hashing.js  SHA-256 in a worker
//   element.js  the element's life and status   pointer.js  hover, touch, brush, keys
//   panels.js   export and the source panel     api.js      load(), mount()
//   styles.js, dom.js                            the stylesheet and DOM helpers
export { load, mount, wasmMemoryBytes } from './hubpulse/api.js';
export { HubPulse as HubPulseElement } from './hubpulse/element.js';
