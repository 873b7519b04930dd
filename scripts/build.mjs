// Builds the widget: the crate to wasm (the `wasm` profile: Cargo.toml), bound with wasm-bindgen for the web,
// shrunk with binaryen's wasm-opt, into www/pkg/ (the default part) and www/pkg/extra/ (the
// optional part); the element's modules (js/) minified into www/, and the glue minified in
// place; the languages' words (crate/words/) into www/pkg/words/; and the demo's synthetic
// data into www/data/ when it is missing.
import { cpSync, existsSync, statSync } from 'node:fs';
import { homedir } from 'node:os';
import { minifyElement, minifyFile } from './minify.mjs';
import { run } from './run.mjs';

const root = new URL('..', import.meta.url).pathname;
const wasm = `${root}target/wasm32-unknown-unknown/wasm/hubpulse.wasm`;

/**
 * The two parts a page may download (docs/architecture.md#what-a-page-downloads): the default
 * part, which every page loads, and the optional one with the chain source and hubs' own
 * document shapes, which a page fetches only when an attribute asks for them.
 */
const parts = [
  { dir: `${root}www/pkg`, features: ['--no-default-features', '--features', 'view'] },
  { dir: `${root}www/pkg/extra`, features: ['--no-default-features', '--features', 'evm,shapes'] },
];
/**
 * The wasm names the dependencies' source files in its panic messages, by their path under
 * wherever this machine keeps them ($CARGO_HOME): cut off, the same commit builds the same
 * bytes on every machine (so the size budget measures the file a reader gets from anyone's
 * build), and no home folder ships to readers.
 */
const cargoHome = process.env.CARGO_HOME ?? `${homedir()}/.cargo`;
const remap = `target.wasm32-unknown-unknown.rustflags=["--remap-path-prefix=${cargoHome}/registry/src/="]`;
for (const { dir, features } of parts) {
  run('cargo', ['build', '--config', remap, '--profile', 'wasm', '--target', 'wasm32-unknown-unknown', '-p', 'hubpulse', '--lib', ...features], { cwd: root });
  run('wasm-bindgen', ['--target', 'web', '--out-dir', dir, wasm]);
  // Passes repeated until they find nothing more (1.2 KiB gzipped for ~12 s a part), and no
  // custom sections that only tools read. `--low-memory-unused` folds a constant added to a
  // pointer into the load or store's offset (7 KB raw, 1.3 KiB gzipped, no slower): it would
  // differ only for an address past 4 GiB minus the constant, which Rust never forms (its
  // data begins at 1 MiB, and the first KiB that the flag promises is never touched).
  run(`${root}node_modules/.bin/wasm-opt`, ['-O3', '--converge', '--low-memory-unused', '--strip-producers', '--strip-target-features',
                                            `${dir}/hubpulse_bg.wasm`, '-o', `${dir}/hubpulse_bg.wasm`]);
  await minifyFile(`${dir}/hubpulse.js`);
  const bytes = statSync(`${dir}/hubpulse_bg.wasm`).size;
  console.log(`${dir.slice(root.length)}/hubpulse_bg.wasm: ${(bytes / 1024).toFixed(0)} KiB`);
}

await minifyElement(`${root}js/`, `${root}www/`);

// Each language's words, fetched by a page in that language only (docs/charts.md#words).
cpSync(`${root}crate/words`, `${root}www/pkg/words`, { recursive: true });

const demoData = ['events.ndjson', 'models.json', 'snapshots.csv', 'rankings.json', 'replicate-models.ndjson', 'hf-models.json'];
if (!demoData.every((file) => existsSync(`${root}www/data/${file}`))) {
  run('cargo', ['run', '--quiet', '--bin', 'hubpulse', '--', 'synth', '--out', `${root}www/data`], { cwd: root });
}
