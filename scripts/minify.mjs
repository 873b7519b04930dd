// What a page downloads is minified (terser: comments and blanks dropped, local names
// shortened): the element's modules from js/ into www/, and the wasm-bindgen glue in place.
// Each file stays a module of its own at its own path, so imports, workers and the optional
// part resolve as they do from the sources (docs/architecture.md#the-browser-side).
import { copyFileSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { minify } from 'terser';

const options = { module: true, ecma: 2020, compress: { passes: 2 }, mangle: true, format: { comments: false } };

/** Minifies the module at `from` into `to`. */
export async function minifyFile(from, to = from) {
  const { code } = await minify(readFileSync(from, 'utf8'), options);
  mkdirSync(dirname(to), { recursive: true });
  writeFileSync(to, code);
}

/**
 * The element's sources (js/: hubpulse.js, hubpulse.d.ts and hubpulse/) as a page gets them,
 * in `www`: what was there before is removed first, so a module deleted from js/ is not
 * shipped.
 */
export async function minifyElement(js, www) {
  rmSync(`${www}hubpulse`, { recursive: true, force: true });
  copyFileSync(`${js}hubpulse.d.ts`, `${www}hubpulse.d.ts`);
  const files = ['hubpulse.js', ...readdirSync(`${js}hubpulse`, { recursive: true })
    .filter((f) => f.endsWith('.js')).map((f) => `hubpulse/${f}`)];
  await Promise.all(files.map((file) => minifyFile(`${js}${file}`, `${www}${file}`)));
}
