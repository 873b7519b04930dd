// The words of the reader's language (docs/charts.md#words): English is in the wasm; each
// other language is a table of texts in pkg/words/<language>.json, fetched once per page and
// only by a page that shows that language. A table that cannot be fetched leaves the words
// English: the figures do not wait on it.
import { sayIn } from './wasm.js';

/**
 * The languages whose words ship in pkg/words/ (crate/words/; a test keeps this list the
 * wasm's). Known before the wasm starts, so that a page's words are fetched while it compiles.
 */
export const LANGUAGES = ['de', 'es', 'fr', 'it', 'nl', 'pt'];

/** language → Promise of its table's JSON text (null: English, or not fetched). */
const tables = new Map();

/** The language of a BCP 47 locale: `de` of `de-DE`. */
const languageOf = (locale) => String(locale ?? '').trim().split(/[-_]/)[0].toLowerCase();

/** The JSON text of `locale`'s words, or null for English and languages not shipped. */
export function wordsOf(locale) {
  const language = languageOf(locale);
  if (!LANGUAGES.includes(language)) return Promise.resolve(null);
  if (!tables.has(language)) {
    const url = new URL(`../pkg/words/${language}.json`, import.meta.url);
    tables.set(language, fetch(url).then((r) => (r.ok ? r.text() : null)).catch(() => null));
  }
  return tables.get(language);
}

/**
 * `key`'s text (crate/src/chart/words.rs) in the language of `config`, the element's attributes
 * as read, with its blanks filled from `values`; while there is no config (its attributes did
 * not read), in the language of `table`, the JSON text `wordsOf` fetched (English: null).
 */
export const say = (config, key, values = {}, table = null) =>
  config ? config.say(key, values) : sayIn(table, key, values);
