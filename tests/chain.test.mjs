// The chain source against a real EVM node: anvil (from npm) on 127.0.0.1, seeded with
// OpenGradient's inference events by a contract compiled with solc and put at the
// precompile's address. The widget and `hubpulse fetch-evm` must give exactly the figures
// of the same events written as NDJSON by this test, through a node that refuses large
// ranges, and fail clearly with a node that errors or is not there.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { writeFileSync } from 'node:fs';
import { browserSuite, settled, nativeReport, fixture, fixtures, screenshot, root } from './harness.mjs';
import { freePort, startNode, PRECOMPILE } from './evm/node.mjs';
import { proxy } from './evm/proxy.mjs';

const suite = browserSuite();
let chain, node, provider, contract, expected;

before(async () => {
  chain = await startNode();
  ({ provider, contract } = chain);
  expected = await chain.seed(24);
  await (await contract.connect(await provider.getSigner(2)).garbage()).wait();
  node = await proxy(chain.url);
});

after(() => {
  node?.close();
  chain?.close();
});

const ndjson = (events) => events.map((e) => JSON.stringify(e)).join('\n') + '\n';
/** The figures of a report, without the input block (where the chain's rejected log and sources differ). */
const figures = ({ input, ...rest }) => rest;

test('hubpulse fetch-evm writes exactly the events the chain holds, and names the log that is not one', async () => {
  const path = `${fixtures}chain-expected.ndjson`;
  fixture('chain-expected.ndjson', ndjson(expected));
  const fetched = `${fixtures}chain-fetched.ndjson`;
  node.maxRange = 5;
  // Not execFileSync: the node's proxy answers from this process's event loop.
  const { stdout, stderr } = await promisify(execFile)(`${root}target/debug/hubpulse`,
    ['fetch-evm', '--rpc', node.url, '--from-block', '0'], { maxBuffer: 1 << 26 });
  node.maxRange = Infinity;
  writeFileSync(fetched, stdout);
  assert.match(stderr, /log \d+: block \d+, transaction 0x[0-9a-f]{64}, log \d+: not an inference event/);
  assert.match(stderr, /chain 31337 contract 0x0{38}f4 blocks 0 to \d+, last block hash 0x[0-9a-f]{64}/);
  const chain = nativeReport('--events', fetched);
  const truth = nativeReport('--events', path);
  assert.deepEqual(figures(chain), figures(truth));
  assert.equal(chain.events, 24);
  const count = (mode) => expected.filter((e) => e.mode === mode).length;
  assert.ok(['vanilla', 'tee', 'zkml'].every((m) => count(m) > 0), 'the seed covers every mode');
  assert.deepEqual(chain.by_mode, { vanilla: count('vanilla'), tee: count('tee'), zkml: count('zkml'), other: 1, unknown: 0 });
  assert.equal(chain.models_active, 4);
  assert.equal(chain.callers, 4);
});

test('the widget reads the chain through a node that refuses wide ranges, and shows where the figures come from', async () => {
  node.maxRange = 3;
  node.calls.length = 0;
  const page = await suite.browser.newPage();
  await page.goto(suite.server.url);
  await page.evaluate((rpc) => {
    const el = document.createElement('hub-pulse');
    Object.assign(el, { id: 'chain' });
    for (const [k, v] of Object.entries({ source: 'evm', rpc, 'from-block': '0', chart: 'overview' })) el.setAttribute(k, v);
    document.body.prepend(el);
  }, node.url);
  assert.equal(await settled(page, '#chain'), 'loaded');
  const report = await page.evaluate(() => document.getElementById('chain').report);
  const truth = nativeReport('--events', `${fixtures}chain-expected.ndjson`);
  assert.deepEqual(figures(report), figures(truth), 'the chain gives the figures of the same events as NDJSON');
  assert.equal(report.input.rows_rejected, 1);
  assert.match(report.input.problems[0].reason, /not an inference event/);
  const notice = await page.evaluate(() => document.getElementById('chain').shadowRoot.querySelector('.notice').textContent);
  assert.match(notice, /^1 row rejected \(first: line \d+, log: block \d+, transaction 0x/);
  const provenance = report.input.sources[0].chain;
  const head = await provider.getBlock('latest');
  assert.equal(provenance.chain_id, 31337);
  assert.equal(provenance.to_block, head.number);
  assert.equal(provenance.last_block_hash, head.hash);
  assert.equal(provenance.address, PRECOMPILE.toLowerCase());
  // The source panel says where the figures come from on the chain.
  await page.locator('#chain').getByRole('button', { name: 'Export and source' }).click();
  await page.locator('#chain').getByRole('button', { name: 'Source', exact: true }).click();
  const panel = await page.locator('#chain').getByRole('definition').allTextContents();
  for (const shown of ['chain', node.url, '31337', PRECOMPILE.toLowerCase(), `0 to ${head.number}`, head.hash]) {
    assert.ok(panel.includes(shown), `the source panel shows ${shown}: ${panel}`);
  }
  const ranges = node.calls.filter((c) => c.method === 'eth_getLogs').map((c) => Number(c.params[0].toBlock) - Number(c.params[0].fromBlock) + 1);
  assert.ok(ranges.some((n) => n > 3) && ranges.filter((n) => n <= 3).length > 5, `halved ranges: ${ranges}`);
  // A block's transactions give their senders: no call a transaction (one an inference).
  const asked = (method) => node.calls.filter((c) => c.method === method);
  assert.equal(asked('eth_getTransactionByHash').length, 0);
  const blocks = asked('eth_getBlockByNumber');
  // The seed mines each inference in a block of its own: a call for each, and the last block's hash.
  assert.ok(blocks.length <= expected.length + 1, `${blocks.length} block calls for ${expected.length} inferences`);
  assert.ok(blocks.filter((c) => c.params[1] === true).length > 0, 'whole blocks');
  await screenshot(page, 'chain');
  await page.close();
  node.maxRange = Infinity;
});

test('progress counts blocks, and a refresh reads only the new blocks', async () => {
  node.delay = 40;
  node.maxRange = 2;
  const page = await suite.browser.newPage();
  await page.goto(suite.server.url);
  await page.evaluate((rpc) => {
    const el = document.createElement('hub-pulse');
    el.id = 'live';
    for (const [k, v] of Object.entries({ source: 'evm', rpc, 'from-block': '0', refresh: '1' })) el.setAttribute(k, v);
    document.body.prepend(el);
  }, node.url);
  const message = await page.waitForFunction(() => {
    const text = document.getElementById('live').shadowRoot.querySelector('.status')?.textContent ?? '';
    return /blocks of [\d,]+ blocks/.test(text) && text;
  }, null, { timeout: 20_000 });
  assert.match(await message.jsonValue(), /Loading chain… [\d,]+ blocks of [\d,]+ blocks/);
  assert.equal(await settled(page, '#live'), 'loaded');
  node.delay = 0;
  node.maxRange = Infinity;
  const scanned = (await provider.getBlock('latest')).number;
  node.calls.length = 0;
  const more = await (await contract.connect(await provider.getSigner(4)).completion('late', 1, 'late/model', 7)).wait();
  await page.waitForFunction(() => document.getElementById('live').report.events === 25, null, { timeout: 15_000 });
  const froms = node.calls.filter((c) => c.method === 'eth_getLogs').map((c) => Number(c.params[0].fromBlock));
  assert.ok(froms.length > 0 && froms.every((b) => b > scanned), `only blocks after ${scanned}: ${froms}`);
  const report = await page.evaluate(() => document.getElementById('live').report);
  assert.equal(report.input.sources[0].chain.to_block >= more.blockNumber, true);
  await page.close();
});

test('a failing node, a wrong URL and bad attributes are clear error states', async () => {
  const page = await suite.browser.newPage();
  await page.goto(suite.server.url);
  const attempt = (attributes) => page.evaluate(async (attrs) => {
    document.getElementById('bad')?.remove();
    const el = document.createElement('hub-pulse');
    el.id = 'bad';
    for (const [k, v] of Object.entries(attrs)) el.setAttribute(k, v);
    document.body.prepend(el);
  }, attributes).then(() => settled(page, '#bad'))
    .then(async (state) => [state, await page.evaluate(() => document.getElementById('bad').shadowRoot.querySelector('.status').textContent)]);

  node.failing = true;
  const [state, message] = await attempt({ source: 'evm', rpc: node.url, 'from-block': '0', timeout: '5' });
  node.failing = false;
  assert.equal(state, 'error');
  assert.match(message, new RegExp(`${node.url.replace(/[./]/g, '\\$&')}: the server answered HTTP 500`));

  const closed = `http://127.0.0.1:${await freePort()}/`;
  const [, unreachable] = await attempt({ source: 'evm', rpc: closed, 'from-block': '0' });
  assert.match(unreachable, /could not fetch/);
  assert.match(unreachable, new RegExp(closed.replace(/[./]/g, '\\$&')));

  assert.match((await attempt({ source: 'evm', rpc: node.url }))[1], /needs from-block/);
  assert.match((await attempt({ source: 'evm', rpc: node.url, 'from-block': '0', address: '0xF4' }))[1], /address must be a contract address/);
  assert.match((await attempt({ source: 'chain', rpc: node.url }))[1], /source is "evm"/);
  await page.close();
});

test('the chain demo page reads the node given in its form', async () => {
  const page = await suite.browser.newPage({ viewport: { width: 1220, height: 1500 } });
  await page.goto(`${suite.server.url}chain.html`);
  assert.equal(await page.locator('hub-pulse').count(), 0, 'nothing is read before Read');
  assert.match(await page.locator('#charts').innerText(), /until you press Read/, 'and the page says so');
  await page.fill('input[name=rpc]', node.url);
  await page.click('button[type=submit]');
  await page.waitForFunction(() => [...document.querySelectorAll('hub-pulse')].every((w) => w.report) && document.querySelectorAll('hub-pulse').length === 5,
    null, { timeout: 20_000 });
  const events = await page.evaluate(() => [...document.querySelectorAll('hub-pulse')].map((w) => w.report.events));
  assert.doesNotMatch(await page.locator('#charts').innerText(), /until you press Read/, 'the hint gives way to the widgets');
  assert.deepEqual(new Set(events), new Set([events[0]]));
  assert.ok(events[0] >= 24);
  await screenshot(page, 'chain-demo');
  await page.close();
});
