// The chain source at a busy hub's scale: 3,000 inferences, each its own transaction, in
// 150 blocks of a local node, read through a proxy that counts the JSON-RPC calls (what a
// visit costs the node). A return visit with what the first one kept reads only what was
// added since, and a reorganisation between visits is found and only the replaced blocks
// are read again: on the command line (`fetch-evm --cache`) and in the widget (IndexedDB).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { browserSuite, settled, nativeReport, fixture, fixtures, screenshot, root } from './harness.mjs';
import { startNode } from './evm/node.mjs';
import { proxy } from './evm/proxy.mjs';

const suite = browserSuite();
const INFERENCES = 3_000;
const PER_BLOCK = 20;
let chain, node, events;

before(async () => {
  chain = await startNode();
  events = await chain.seedBlocks(INFERENCES, PER_BLOCK, 'first');
  node = await proxy(chain.url);
});

after(() => {
  node?.close();
  chain?.close();
});

/**
 * Replaces the chain's last `blocks` blocks with as many others holding other inferences
 * (anvil_rollback, then new blocks): the events the chain now holds.
 */
async function reorganise(blocks, tag) {
  await chain.provider.send('anvil_rollback', [blocks]);
  const kept = events.slice(0, events.length - blocks * PER_BLOCK);
  events = [...kept, ...await chain.seedBlocks(blocks * PER_BLOCK, PER_BLOCK, tag)];
}

/** `hubpulse fetch-evm` from block 0 with `args`, through the proxy. */
function fetchEvm(...args) {
  // Not execFileSync: the proxy answers from this process's event loop.
  return promisify(execFile)(`${root}target/debug/hubpulse`, ['fetch-evm', '--rpc', node.url, '--from-block', '0', ...args],
    { maxBuffer: 1 << 28 });
}

/** The report of NDJSON `lines` (written as the fixture `name`), without its input block (where sources differ). */
function figures(name, lines) {
  fixture(name, lines);
  const { input, ...rest } = nativeReport('--events', `${fixtures}${name}`);
  return rest;
}

const truth = () => figures('chain-scale-truth.ndjson', events.map((e) => JSON.stringify(e)).join('\n') + '\n');

test('fetch-evm --cache reads 3,000 inferences in ~0.05 calls each, and after a 5-block reorganisation only what changed', async (t) => {
  const cache = mkdtempSync(`${tmpdir()}/hubpulse-chain-`);
  node.calls.length = 0;
  const first = await fetchEvm('--cache', cache);
  const firstCalls = node.calls.length;
  assert.ok(firstCalls <= 0.1 * INFERENCES, `${firstCalls} calls for ${INFERENCES} inferences`);
  assert.equal(node.calls.filter((c) => c.method === 'eth_getTransactionByHash').length, 0);
  const read = figures('chain-scale-first.ndjson', first.stdout);
  assert.equal(read.events, INFERENCES);
  assert.deepEqual(read, truth());

  await reorganise(5, 'second');
  node.calls.length = 0;
  const second = await fetchEvm('--cache', cache);
  const secondCalls = node.calls.length;
  assert.ok(secondCalls <= firstCalls / 4, `the return visit made ${secondCalls} calls, the first ${firstCalls}`);
  assert.match(second.stderr, /\d+ blocks kept from an earlier read/);
  assert.match(second.stderr, /a reorganisation replaced blocks \d+ to \d+: read again/);
  const froms = node.calls.filter((c) => c.method === 'eth_getLogs').map((c) => Number(c.params[0].fromBlock));
  assert.ok(froms.every((b) => b > 130), `only the last blocks are read again: ${froms}`);
  assert.deepEqual(figures('chain-scale-second.ndjson', second.stdout), truth(), 'exactly the new chain\'s events');
  t.diagnostic(`fetch-evm: ${firstCalls} calls for ${INFERENCES} inferences in 150 blocks; ${secondCalls} after a 5-block reorganisation`);
  // Byte for byte what a fresh read of the new chain writes (its sha256 is the figures' provenance).
  const fresh = await fetchEvm();
  assert.equal(second.stdout, fresh.stdout);
  // Nothing new since: the chain id, the head and the last block's hash, nothing read again.
  node.calls.length = 0;
  const third = await fetchEvm('--cache', cache);
  assert.deepEqual(node.calls.map((c) => c.method), ['eth_chainId', 'eth_blockNumber', 'eth_getBlockByNumber']);
  assert.equal(third.stdout, fresh.stdout);
});

test('a node that refuses batches gets paced single calls, and one that says "too many requests" is waited for', async () => {
  const head = await chain.provider.getBlockNumber();
  const range = ['--from-block', String(head - 3)];
  const batched = await fetchEvm(...range);
  node.noBatches = true;
  node.requests.length = 0;
  const single = await fetchEvm(...range);
  node.noBatches = false;
  assert.equal(single.stdout, batched.stdout);
  assert.ok(node.requests.length > 5 && node.requests.slice(1).every((n) => n === 1), `calls a request: ${node.requests}`);
  node.tooMany = 2;
  const patient = await fetchEvm(...range);
  assert.equal(node.tooMany, 0);
  assert.equal(patient.stdout, batched.stdout);
});

test('the widget keeps what it read in the browser: a return visit after a reorganisation reads only what changed', async (t) => {
  const context = await suite.browser.newContext();
  /** Opens the page with a chain widget; `during(page)` runs while it loads. */
  const visit = async (during = async () => {}) => {
    const page = await context.newPage();
    await page.goto(suite.server.url);
    await page.evaluate((rpc) => {
      const el = document.createElement('hub-pulse');
      el.id = 'chain';
      for (const [k, v] of Object.entries({ source: 'evm', rpc, 'from-block': '0', chart: 'overview' })) el.setAttribute(k, v);
      document.body.prepend(el);
    }, node.url);
    await during(page);
    assert.equal(await settled(page, '#chain'), 'loaded');
    const { input, ...report } = await page.evaluate(() => document.getElementById('chain').report);
    return { page, report, chain: input.sources[0].chain };
  };
  node.calls.length = 0;
  const first = await visit();
  const firstCalls = node.calls.length;
  assert.deepEqual(first.report, truth());
  assert.equal(first.chain.kept_to_block, undefined);
  await first.page.close();

  await reorganise(3, 'third');
  node.calls.length = 0;
  node.delay = 150;
  // While it reads, its progress says how much was kept from the first visit.
  const again = await visit((page) => page.waitForFunction(() => /kept from an earlier read/
    .test(document.getElementById('chain').shadowRoot.querySelector('.status')?.textContent), null, { timeout: 10_000 }));
  node.delay = 0;
  assert.ok(node.calls.length <= firstCalls / 4, `the return visit made ${node.calls.length} calls, the first ${firstCalls}`);
  assert.deepEqual(again.report, truth(), 'exactly the new chain\'s events');
  t.diagnostic(`widget: ${firstCalls} calls on the first visit, ${node.calls.length} on the return visit after a 3-block reorganisation`);
  assert.ok(again.chain.kept_to_block > 100, `kept to block ${again.chain.kept_to_block}`);
  assert.ok(again.chain.reorg.from_block > again.chain.kept_to_block, JSON.stringify(again.chain));
  // The source panel says what was kept and what a reorganisation made it read again.
  const widget = again.page.locator('#chain');
  await widget.getByRole('button', { name: 'Export and source' }).click();
  await widget.getByRole('button', { name: 'Source', exact: true }).click();
  const terms = await widget.getByRole('term').allTextContents();
  assert.ok(terms.includes('Kept from an earlier read') && terms.includes('Read again after a reorganisation'), `${terms}`);
  await screenshot(again.page, 'chain-return-visit');
  await context.close();
});
