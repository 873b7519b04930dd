// `npm run fuzz`: runs each parser's fuzz target (crate/fuzz) for a bounded time, starting
// from the seeds and the corpus grown by earlier runs. An input that crashes a target or
// breaks an invariant is copied to crate/fuzz/regressions/<target>/, which `npm test`
// replays on every run: commit it with the fix.
//   FUZZ_SECONDS=60 npm run fuzz          seconds per target (default 60)
//   npm run fuzz -- events                only the named targets
import { copyFileSync, existsSync, mkdirSync, readdirSync } from 'node:fs';
import { spawnSync } from 'node:child_process';

const fuzz = new URL('../crate/fuzz/', import.meta.url).pathname;
const seconds = Number(process.env.FUZZ_SECONDS ?? 60);
const all = ['events', 'rollups', 'snapshots', 'registry'];
const targets = process.argv.slice(2).filter((t) => all.includes(t));

let failed = [];
for (const target of targets.length ? targets : all) {
  const corpus = `${fuzz}corpus/${target}`;
  mkdirSync(corpus, { recursive: true });
  console.log(`\n$ cargo +nightly fuzz run ${target} (${seconds} s)`);
  const result = spawnSync('cargo', ['+nightly', 'fuzz', 'run', target, corpus, `${fuzz}seeds/${target}`, '--',
    `-max_total_time=${seconds}`, '-max_len=4096', '-timeout=10'], { cwd: fuzz, stdio: 'inherit' });
  const artifacts = `${fuzz}artifacts/${target}`;
  const found = existsSync(artifacts) ? readdirSync(artifacts) : [];
  if (found.length) {
    mkdirSync(`${fuzz}regressions/${target}`, { recursive: true });
    for (const name of found) copyFileSync(`${artifacts}/${name}`, `${fuzz}regressions/${target}/${name}`);
    failed.push(`${target}: ${found.length} input(s) kept in crate/fuzz/regressions/${target}/`);
  } else if (result.status !== 0) {
    failed.push(`${target}: cargo fuzz exited with status ${result.status}`);
  }
}
if (failed.length) {
  console.error(`\nhubpulse fuzz: ${failed.join('; ')}`);
  process.exit(1);
}
console.log('\nhubpulse fuzz: no crash found');
