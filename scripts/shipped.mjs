// The files a page downloads to show a chart: the element and its modules, the wasm and
// its glue, as served from www/ (the default load), and the optional part that a page
// fetches only for a chain or a hub's own document shape; their sizes as a reader downloads
// them (gzip, level 9); and the parts the size budget (package.json, "sizeBudget") groups
// them into ("*": every file of the default load). The benchmarks and the size test count
// from here.
import { readdirSync, readFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';

const root = new URL('..', import.meta.url).pathname;

/** Paths relative to www/: the default load's files. */
export function shippedFiles() {
  const modules = readdirSync(`${root}www/hubpulse`).filter((f) => f.endsWith('.js')).map((f) => `hubpulse/${f}`);
  return ['hubpulse.js', ...modules, 'pkg/hubpulse.js', 'pkg/hubpulse_bg.wasm'];
}

/** Paths relative to www/: the optional part's files (the chain source, hubs' own shapes,
 * and the element's modules that only they use, in hubpulse/extra/), the modules of linked
 * widgets and URL views (hubpulse/linked/, for `group` and `sync-url`), and each language's
 * words, which a page fetches only for a reader in that language. */
export const optionalFiles = () => ['pkg/extra/hubpulse.js', 'pkg/extra/hubpulse_bg.wasm',
  ...readdirSync(`${root}www/hubpulse/extra`).sort().map((f) => `hubpulse/extra/${f}`),
  ...readdirSync(`${root}www/hubpulse/linked`).sort().map((f) => `hubpulse/linked/${f}`),
  ...readdirSync(`${root}www/pkg/words`).sort().map((f) => `pkg/words/${f}`)];

/** Each shipped file with its raw and gzipped bytes: [{file, raw, gzip, optional}]. */
export function shippedSizes() {
  const files = [...shippedFiles().map((file) => [file, false]), ...optionalFiles().map((file) => [file, true])];
  return files.map(([file, optional]) => {
    const bytes = readFileSync(`${root}www/${file}`);
    return { file, raw: bytes.length, gzip: gzipSync(bytes, { level: 9 }).length, optional };
  });
}

/** Whether `s` is one of a part's `files`: a path, a folder's files as `folder/*`, or `*`
 * (the default load). */
const inPart = (s, patterns) => patterns.some((p) => (p === '*' && !s.optional) || p === s.file ||
  (p.endsWith('/*') && s.file.startsWith(p.slice(0, -1)) && !s.file.slice(p.length - 1).includes('/')));

/** The size budget: part name → {files, gzipKiB}. */
export const sizeBudget = () => JSON.parse(readFileSync(`${root}package.json`, 'utf8')).sizeBudget;

/**
 * The parts of `budget` with what they weigh now: [{name, files, raw, gzip, budget}] (bytes;
 * `budget` from its `gzipKiB`), and the shipped files that no part but the whole load counts.
 */
export function budgetParts(budget = sizeBudget()) {
  const sizes = shippedSizes();
  const parts = Object.entries(budget).map(([name, { files, gzipKiB }]) => {
    const counted = sizes.filter((s) => inPart(s, files));
    return { name, files: counted.map((s) => s.file), raw: counted.reduce((a, s) => a + s.raw, 0),
             gzip: counted.reduce((a, s) => a + s.gzip, 0), budget: gzipKiB * 1024 };
  });
  const separate = parts.filter((p) => !budget[p.name].files.includes('*'));
  const uncounted = sizes.map((s) => s.file).filter((f) => !separate.some((p) => p.files.includes(f)));
  return { parts, uncounted };
}

/** What each part over its budget weighs, and by how much it is over: one line a part. */
export function overBudget(parts) {
  const kib = (n) => `${(n / 1024).toFixed(1)} KiB`;
  return parts.filter((p) => p.gzip > p.budget)
    .map((p) => `${p.name} (${p.files.join(', ')}): ${kib(p.gzip)} gzipped, ${kib(p.gzip - p.budget)} over its ${kib(p.budget)}`);
}
