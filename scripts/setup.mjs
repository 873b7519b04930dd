// Installs what the build and the tests need and is missing; does nothing for what is
// already there, so running it twice costs a few milliseconds.
//   node scripts/setup.mjs            the build: wasm target, wasm-bindgen CLI, npm packages
//   node scripts/setup.mjs --browser  also Chromium for the browser tests and benchmarks (apt-get)
//   node scripts/setup.mjs --engines  also Firefox ESR, WebKitGTK's driver and Xvfb (apt-get), for
//                                     the tests that run in every engine
//   node scripts/setup.mjs --evm      also a local EVM node, solc and ethers (tests/evm, npm)
import { existsSync, readFileSync, statSync } from 'node:fs';
import { output, run } from './run.mjs';

const root = new URL('..', import.meta.url).pathname;

// The wasm target of the Rust toolchain.
const targets = output('rustup', ['target', 'list', '--installed']) ?? '';
if (!targets.split('\n').includes('wasm32-unknown-unknown')) {
  run('rustup', ['target', 'add', 'wasm32-unknown-unknown']);
}

// wasm-bindgen's CLI must be exactly the version of the crate in Cargo.lock, or the
// generated glue does not match the module.
const lock = readFileSync(`${root}Cargo.lock`, 'utf8');
const locked = lock.match(/name = "wasm-bindgen"\nversion = "([^"]+)"/)?.[1];
if (!locked) {
  console.error('hubpulse: Cargo.lock names no wasm-bindgen version');
  process.exit(1);
}
const installed = output('wasm-bindgen', ['--version'])?.trim().split(' ')[1];
if (installed !== locked) {
  console.log(`wasm-bindgen CLI ${installed ?? 'missing'}, need ${locked} (takes a few minutes once)`);
  run('cargo', ['install', 'wasm-bindgen-cli', '--version', locked]);
}

// npm packages: install when node_modules is missing or older than the lock file.
const stamp = `${root}node_modules/.package-lock.json`;
const lockFile = `${root}package-lock.json`;
if (!existsSync(stamp) || (existsSync(lockFile) && statSync(lockFile).mtimeMs > statSync(stamp).mtimeMs)) {
  run('npm', ['install', '--no-audit', '--no-fund'], { cwd: root });
}

// The browsers of the browser tests, from Debian's packages: Chromium, and with --engines the
// other two engines (tests/engines.mjs).
const browsers = {
  ...(process.argv.includes('--browser') ? { chromium: '/usr/bin/chromium' } : {}),
  ...(process.argv.includes('--engines')
    ? { 'firefox-esr': '/usr/bin/firefox-esr', 'webkit2gtk-driver': '/usr/bin/WebKitWebDriver', xvfb: '/usr/bin/Xvfb' }
    : {}),
};
const missing = Object.keys(browsers).filter((name) => !existsSync(browsers[name]));
if (missing.length > 0) {
  if (process.getuid?.() !== 0) {
    console.error(`hubpulse: the browser tests need ${missing.join(', ')}: run \`sudo apt-get install -y ${missing.join(' ')}\``);
    process.exit(1);
  }
  run('apt-get', ['update']);
  run('apt-get', ['install', '-y', ...missing]);
}

// cargo-fuzz and the nightly toolchain, for `npm run fuzz` only.
if (process.argv.includes('--fuzz')) {
  const toolchains = output('rustup', ['toolchain', 'list']) ?? '';
  if (!toolchains.split('\n').some((t) => t.startsWith('nightly'))) run('rustup', ['toolchain', 'install', 'nightly']);
  if (output('cargo', ['fuzz', '--version']) === null) run('cargo', ['install', 'cargo-fuzz']);
}

// DuckDB and chDB (ClickHouse's engine) from PyPI, for the tests of the warehouse SQL.
if (process.argv.includes('--sql') && output('python3', ['-c', 'import duckdb, chdb']) === null) {
  console.log('DuckDB and chDB for the SQL tests (chDB is large: a minute or two once)');
  run('python3', ['-m', 'pip', 'install', '--quiet', 'duckdb', 'chdb']);
}

// A local EVM node (anvil), the Solidity compiler and a client, for the chain source's tests.
// Anvil's binary comes in a per-platform package, so its install script need not run.
const evm = `${root}tests/evm/`;
if (process.argv.includes('--evm') && !existsSync(`${evm}node_modules/.package-lock.json`)) {
  run('npm', ['ci', '--no-audit', '--no-fund'], { cwd: evm });
}
