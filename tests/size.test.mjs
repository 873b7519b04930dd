// The size budget (issue #19): what a page downloads, gzipped as a reader gets it, stays
// within package.json's "sizeBudget", part by part, and a failure names the part that grew.
// Runs after the wasm build (scripts/test.mjs), on the files www/ serves.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { budgetParts, overBudget, sizeBudget } from '../scripts/shipped.mjs';

test('the default load and each of its parts stay within the size budget', () => {
  const over = overBudget(budgetParts().parts);
  assert.deepEqual(over, [], `over the size budget (package.json, "sizeBudget"):\n${over.join('\n')}`);
});

test('every file a page downloads is counted by a part of the budget besides the whole load', () => {
  const { parts, uncounted } = budgetParts();
  assert.ok(parts.some((p) => p.name === 'default load' && p.files.length > 0));
  assert.deepEqual(uncounted, [], 'a new file must join a part, so that its growth is named');
});

test('a part over its budget is named, with its files and by how much', () => {
  const tight = { ...sizeBudget(), 'wasm glue': { files: ['pkg/hubpulse.js'], gzipKiB: 1 } };
  const over = overBudget(budgetParts(tight).parts);
  assert.equal(over.length, 1);
  assert.match(over[0], /^wasm glue \(pkg\/hubpulse\.js\): [\d.]+ KiB gzipped, [\d.]+ KiB over its 1\.0 KiB$/);
});
