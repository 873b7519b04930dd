// The JS API (docs/embedding.md): load a dataset once, ask it for reports of any window,
// and show it in widgets without fetching again.
import { absolute } from './dom.js';
import { HubPulse } from './element.js';
import { attempt, needsExtra, takeParts } from './source.js';
import { extra, loadBytes, ready } from './wasm.js';

const isBytes = (v) => v instanceof Uint8Array || v instanceof ArrayBuffer || (typeof v === 'object' && v !== null && 'text' in v);
const toBytes = (v) => (v instanceof Uint8Array ? v : v instanceof ArrayBuffer ? new Uint8Array(v) : new TextEncoder().encode(v.text));

/**
 * Loads the inputs and resolves to a Dataset whose `report({ range, from, to, first_party,
 * unit })` returns the plain report object of docs/metrics.md. Call `free()` when done with
 * it. Each input is a URL (string or URL), bytes (Uint8Array, ArrayBuffer) or `{ text }`:
 * `events`, `rollups` or `snapshots`, and optionally `registry`; `format` names a hub's own
 * document shape; `maxRows` and `maxBytes` bound what is read; an AbortSignal as `signal`
 * stops a download. URLs are parsed while they download, with `onProgress`; when some
 * input is bytes, the URLs among them are fetched whole first. `parseWorkers` sets how many
 * workers parse a large body of events (default: from the reader's cores).
 */
export async function load({ events, rollups, snapshots, registry, format, maxRows, maxBytes, credentials, onProgress,
                             signal, parseWorkers } = {}) {
  await ready;
  const inputs = { events, rollups, snapshots, registry };
  if (Object.values(inputs).some(isBytes)) {
    const spec = { format, maxRows, maxBytes };
    for (const [name, value] of Object.entries(inputs)) {
      if (value === undefined || value === null) continue;
      if (isBytes(value)) {
        spec[name] = { source: 'bytes', bytes: toBytes(value) };
        continue;
      }
      const url = absolute(value);
      const response = await fetch(url, { credentials: credentials ?? 'omit', signal });
      if (!response.ok) throw new Error(`${url}: the server answered HTTP ${response.status} ${response.statusText}`);
      spec[name] = { source: url, bytes: new Uint8Array(await response.arrayBuffer()) };
    }
    return needsExtra(spec) ? takeParts((await extra()).loadBytesParts(spec)) : loadBytes(spec);
  }
  const spec = { events: absolute(events), rollups: absolute(rollups), snapshots: absolute(snapshots),
                 registry: absolute(registry), format, maxRows, maxBytes, credentials };
  return attempt(spec, { parseWorkers }, onProgress ?? (() => {}), signal ?? new AbortController().signal);
}

/** A filter (`{model, owner, category, mode, kind, app}`) as the `filter` attribute reads it: `owner=acme&category=chat`. */
const filterAttribute = (filter) =>
  new URLSearchParams(Object.entries(filter).flatMap(([name, values]) => (values ?? []).map((v) => [name, v]))).toString();

/**
 * Shows `data` (from `load`) in `target`: a container gets a new `<hub-pulse>` (with every
 * interaction), an existing `<hub-pulse>` shows it instead of fetching. `options` are the
 * element's attributes (`chart`, `theme`, `range`, `model`, …). Returns `{ element,
 * update(options), destroy() }`; the dataset stays the caller's to free.
 */
export function mount(target, data, options = {}) {
  const element = target instanceof HubPulse ? target : document.createElement('hub-pulse');
  const update = (changes) => {
    for (const [name, value] of Object.entries(changes)) {
      const attribute = name.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`);
      if (value === undefined || value === null) element.removeAttribute(attribute);
      else if (name === 'filter' && typeof value === 'object') element.setAttribute(attribute, filterAttribute(value));
      else element.setAttribute(attribute, typeof value === 'object' ? JSON.stringify(value) : String(value));
    }
  };
  update(options);
  element.data = data;
  if (element !== target) target.append(element);
  return { element, update, destroy: () => { element.data = null; if (element !== target) element.remove(); } };
}

/** Bytes of wasm memory the page's hubpulse holds (it grows, never shrinks): for tests. */
export async function wasmMemoryBytes() {
  return (await ready).memory.buffer.byteLength;
}
