// Every test, in the order a failure is cheapest to find: format and lints, the Rust
// tests, the wasm build, then the browser tests against the built demo.
import { run } from './run.mjs';

const root = new URL('..', import.meta.url).pathname;
run('cargo', ['fmt', '--all', '--', '--check'], { cwd: root });
run('cargo', ['clippy', '--all-targets', '--', '-D', 'warnings'], { cwd: root });
// The wasm as each part is built (scripts/build.mjs): the default part, the optional one.
for (const features of ['view', 'evm,shapes']) {
  run('cargo', ['clippy', '--target', 'wasm32-unknown-unknown', '-p', 'hubpulse', '--lib', '--no-default-features',
                '--features', features, '--', '-D', 'warnings'], { cwd: root });
}
run('cargo', ['test'], { cwd: root });
run('node', ['scripts/build.mjs'], { cwd: root });
run('cargo', ['build', '--bin', 'hubpulse'], { cwd: root });
run('node', ['--test', '--test-concurrency=1', 'tests/'], { cwd: root });
