// Builds the widget: the crate to wasm (release), bound with wasm-bindgen for the web,
// shrunk with binaryen's wasm-opt, into www/pkg/; and the demo's synthetic data into
// www/data/ when it is missing.
import { existsSync, statSync } from 'node:fs';
import { run } from './run.mjs';

const root = new URL('..', import.meta.url).pathname;
const wasm = `${root}target/wasm32-unknown-unknown/release/hubpulse.wasm`;
const pkg = `${root}www/pkg`;

run('cargo', ['build', '--release', '--target', 'wasm32-unknown-unknown', '-p', 'hubpulse', '--lib'], { cwd: root });
run('wasm-bindgen', ['--target', 'web', '--out-dir', pkg, wasm]);
run(`${root}node_modules/.bin/wasm-opt`, ['-O3', `${pkg}/hubpulse_bg.wasm`, '-o', `${pkg}/hubpulse_bg.wasm`]);
const bytes = statSync(`${pkg}/hubpulse_bg.wasm`).size;
console.log(`www/pkg/hubpulse_bg.wasm: ${(bytes / 1024).toFixed(0)} KiB`);

const demoData = ['events.ndjson', 'models.json', 'snapshots.csv', 'rankings.json', 'replicate-models.ndjson', 'hf-models.json'];
if (!demoData.every((file) => existsSync(`${root}www/data/${file}`))) {
  run('cargo', ['run', '--quiet', '--bin', 'hubpulse', '--', 'synth', '--out', `${root}www/data`], { cwd: root });
}
