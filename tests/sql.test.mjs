// The scale path (docs/sources.md): the project's warehouse SQL, run in real engines (DuckDB, and
// ClickHouse's engine through chDB), turns raw events into rollups whose report equals the
// raw events' report on every figure rollups determine; the others are null with a reason.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { hubpulse, nativeReport, root } from './harness.mjs';

const dir = `${root}test-results/sql/`;

/** Hand-made events that exercise every rule the SQL must follow, then generated ones. */
function inputs() {
  mkdirSync(dir, { recursive: true });
  hubpulse('synth', '--out', dir, '--count', '4000', '--models', '40', '--callers', '200', '--days', '21');
  const tricky = [
    { ts: '2026-08-01T23:30:00-02:00', model: 'og/ml-0001', caller: '0xABCDEF', mode: 'TEE' },      // next UTC day
    { ts: '2026-08-02T01:00:00+05:30', model: 'og/ml-0001', caller: '0xabcdef', mode: 'zkml' },     // previous UTC day
    { ts: '2026-08-02T10:00:00Z', model: 'og/ml-0001', caller: '  0xAbCdEf ', mode: 'fhe' },       // other mode
    { ts: '2026-08-02T11:00:00Z', model: 'og/ml-0001', caller: '', ok: false },                   // failed, no caller
    { ts: '2026-08-02T12:00:00Z', model: 'og/ml-0001', caller: 'Alice', mode: ' Vanilla ' },
    { ts: '2026-08-02T13:00:00Z', model: 'og/ml-0001', caller: 'alice' },                         // another caller
    { ts: '2026-08-03T00:00:00Z', model: 'og/ml-0002', caller: '0xOWNER', mode: 'vanilla' },      // not hex: exact
  ];
  const generated = execFileSync('cat', [`${dir}events.ndjson`], { encoding: 'utf8' });
  writeFileSync(`${dir}events.ndjson`, generated + tricky.map((e) => JSON.stringify(e)).join('\n') + '\n');
  const models = JSON.parse(execFileSync('cat', [`${dir}models.json`], { encoding: 'utf8' }));
  models.push({ model: 'og/ml-0001-x', listed_at: '2026-08-01', owner: '0xABCDEF' });
  for (const m of models) if (m.model === 'og/ml-0001') m.owner = '0xAbCdEf';
  writeFileSync(`${dir}models.json`, JSON.stringify(models));
}

/** Sets the figure at `path` (`a.b`, `models[].callers`) to null. */
function nullOut(value, path) {
  const [head, ...rest] = path.split('.');
  if (head.endsWith('[]')) for (const item of value[head.slice(0, -2)]) nullOut(item, rest.join('.'));
  else if (rest.length) nullOut(value[head], rest.join('.'));
  else value[head] = null;
}

function compare(engine, script) {
  const rollups = execFileSync('python3', [`${root}sql/${script}`, `${dir}events.ndjson`, `${dir}models.json`], {
    encoding: 'utf8', maxBuffer: 1 << 28,
  });
  writeFileSync(`${dir}${engine}.ndjson`, rollups);
  const raw = nativeReport('--events', `${dir}events.ndjson`, '--registry', `${dir}models.json`);
  const rolled = nativeReport('--rollups', `${dir}${engine}.ndjson`, '--registry', `${dir}models.json`);
  assert.equal(rolled.input.rows_rejected, 0, `${engine} wrote rows hubpulse refuses`);
  const unavailable = rolled.input.unavailable.map((u) => u.figure);
  assert.ok(unavailable.includes('callers') && unavailable.includes('latency_p50'));
  for (const u of rolled.input.unavailable) assert.ok(u.reason.length > 20);
  for (const figure of unavailable) {
    if (!figure.includes('[]')) {
      const value = figure.split('.').reduce((v, k) => v[k], rolled);
      assert.equal(value, null, `${figure} is not determined by rollups`);
    }
    nullOut(raw, figure);
    nullOut(rolled, figure);
  }
  raw.input = rolled.input = null;
  assert.deepEqual(rolled, raw);
  assert.ok(raw.events > 3000 && raw.self_calls > 0);
}

test('DuckDB: the rollups SQL gives the figures of the raw events', { timeout: 120_000 }, () => {
  inputs();
  compare('duckdb', 'duckdb_rollups.py');
});

test('ClickHouse (chDB): the rollups SQL gives the figures of the raw events', { timeout: 120_000 }, () => {
  compare('chdb', 'chdb_rollups.py');
});
