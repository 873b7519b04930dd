// `npm run package`: the npm package in dist/ (then `npm pack ./dist`): the element and JS
// API (hubpulse.js), its types (hubpulse.d.ts), and the wasm with its glue (pkg/, and the
// optional part in pkg/extra/, the languages' words in pkg/words/). The same
// files work copied to any static host. Run after a build (`npm run build`).
import { copyFileSync, cpSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';

const root = new URL('..', import.meta.url).pathname;
const www = `${root}www/`;
const dist = `${root}dist/`;
if (!existsSync(`${www}pkg/hubpulse_bg.wasm`)) {
  console.error('hubpulse: build first (npm run build)');
  process.exit(1);
}
const version = readFileSync(`${root}crate/Cargo.toml`, 'utf8').match(/^version = "([^"]+)"/m)[1];
rmSync(dist, { recursive: true, force: true });
mkdirSync(`${dist}pkg/extra`, { recursive: true });
for (const file of ['hubpulse.js', 'hubpulse.d.ts']) copyFileSync(www + file, dist + file);
cpSync(`${www}hubpulse`, `${dist}hubpulse`, { recursive: true });
// The default part, and the optional one that pages fetch for a chain or a hub's own shape.
for (const part of ['pkg/', 'pkg/extra/']) {
  for (const file of ['hubpulse.js', 'hubpulse.d.ts', 'hubpulse_bg.wasm', 'hubpulse_bg.wasm.d.ts']) {
    if (existsSync(`${www}${part}${file}`)) copyFileSync(`${www}${part}${file}`, `${dist}${part}${file}`);
  }
}
cpSync(`${www}pkg/words`, `${dist}pkg/words`, { recursive: true });
const manifest = {
  name: 'hubpulse',
  version,
  description: 'Usage, not inventory: an embeddable <hub-pulse> chart of an AI-model hub\'s inference, computed in the browser (Rust → WebAssembly).',
  license: 'MIT',
  type: 'module',
  main: './hubpulse.js',
  module: './hubpulse.js',
  types: './hubpulse.d.ts',
  exports: {
    '.': { types: './hubpulse.d.ts', import: './hubpulse.js', default: './hubpulse.js' },
    './pkg/*': './pkg/*',
    './hubpulse/*': './hubpulse/*',
    './package.json': './package.json',
  },
  files: ['hubpulse.js', 'hubpulse/', 'hubpulse.d.ts', 'pkg/', 'README.md'],
  // Importing the module defines the <hub-pulse> element.
  sideEffects: ['./hubpulse.js', './hubpulse/element.js'],
};
writeFileSync(`${dist}package.json`, `${JSON.stringify(manifest, null, 2)}\n`);
writeFileSync(`${dist}README.md`, `# hubpulse

An embeddable chart of an AI-model hub's inference: usage, not inventory. Rust compiled to
WebAssembly fetches the hub's usage data, computes the figures in the reader's browser and
draws them into a canvas.

\`\`\`js
import 'hubpulse'; // defines <hub-pulse>
// <hub-pulse src="https://hub.example/usage.ndjson" chart="volume" range="30d"></hub-pulse>

import { load, mount } from 'hubpulse';
const data = await load({ events: '/usage.ndjson' });
console.log(data.report({ range: '30d' }).events);
mount(document.querySelector('#chart'), data, { chart: 'leaderboard' });
\`\`\`

Bundlers that understand \`new URL('…', import.meta.url)\` (Vite, webpack 5, Rollup with its
URL plugin) ship the wasm as an asset with no configuration. Without a bundler, copy this
folder to any static host and load \`hubpulse.js\` with one \`<script type="module">\`.
See the project's docs/ for every attribute, the CSP it needs, and the metric definitions.
`);
console.log(`dist/: hubpulse ${version} (npm pack ./dist makes the tarball)`);
