// The element's attributes as the wasm reads them (crate/src/element/attributes.rs): which it
// observes, its URLs made absolute against the page, and the words of the language they ask
// for (words.js), fetched before the attributes are read.
import { absolute } from './dom.js';
import { parseAttributes } from './wasm.js';
import { wordsOf } from './words.js';

/** Attributes that hold URLs, made absolute against the page before the wasm reads them. */
const URL_ATTRIBUTES = new Set(['src', 'rollups', 'snapshots', 'registry', 'rpc']);

/**
 * The attributes the wasm reads. Known before the wasm starts, so the element is defined at
 * once; a test checks it against the wasm's list.
 */
export const OBSERVED = ['src', 'rollups', 'snapshots', 'registry', 'format', 'source', 'rpc', 'from-block',
  'to-block', 'address', 'reorg-depth', 'max-rows', 'max-bytes', 'credentials', 'chart', 'theme', 'range', 'from', 'to', 'model',
  'stack', 'cohort', 'by', 'locale', 'words', 'unit', 'first-party', 'filter', 'compare', 'row-click', 'group', 'sync-url', 'refresh',
  'timeout', 'deadline'];

/** The reader's locale for `element`: its `locale` attribute, else the browser's language. */
const localeOf = (element) => element.getAttribute('locale') ?? navigator.language;

/** The words of `element`'s language, as fetched (JSON text), or null for English. */
export const wordsFor = (element) => wordsOf(localeOf(element));

/**
 * `element`'s attributes read into a wasm Config, with `words` (from `wordsFor`); `given`: the
 * element was handed its dataset. Throws an `attribute` error that names the attribute at fault.
 */
export function readAttributes(element, words, given) {
  const attributes = {};
  for (const { name, value } of element.attributes) attributes[name] = URL_ATTRIBUTES.has(name) ? absolute(value) : value;
  return parseAttributes(attributes, navigator.language, words, given);
}
