// A local EVM node seeded with OpenGradient's inference events: anvil (npm
// @foundry-rs/anvil) on 127.0.0.1, InferenceEvents.sol compiled by solc and put at the
// precompile's address, and inferences sent with ethers from four accounts, in every mode,
// one per hour over several days. Used by tests/chain.test.mjs and `npm run chain-node`.
import { spawn } from 'node:child_process';
import { createServer } from 'node:http';
import { createRequire } from 'node:module';
import { compile } from './compile.mjs';

const require = createRequire(import.meta.url);
export const { ethers } = require('ethers');

export const PRECOMPILE = '0x00000000000000000000000000000000000000F4';
const DAY = 86_400;
/** 2026-03-01T00:00:00Z: the first inference's day. */
export const START = 1_772_323_200;

/** A free port on 127.0.0.1. */
export function freePort() {
  return new Promise((resolve) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

const MODES = { ml: ['vanilla', 'zkml', 'tee'], llm: ['vanilla', 'tee'] };

/**
 * Starts anvil on `port` (a free one unless given) with the emitting contract at the
 * precompile's address; resolves to `{ url, provider, contract, seed(count),
 * seedBlocks(count, perBlock, tag), close() }`.
 */
export async function startNode(port) {
  port ??= await freePort();
  const anvil = spawn(new URL('node_modules/.bin/anvil', import.meta.url).pathname,
    ['--port', String(port), '--host', '127.0.0.1', '--silent', '--timestamp', String(START - DAY)], { stdio: 'ignore' });
  const url = `http://127.0.0.1:${port}/`;
  const ask = { method: 'POST', headers: { 'content-type': 'application/json' },
                body: '{"jsonrpc":"2.0","id":1,"method":"eth_chainId","params":[]}' };
  for (let i = 0; ; i++) { // anvil starts in about 0.1 s
    try { await fetch(url, ask); break; } catch (e) { if (i > 100) throw e; await new Promise((r) => setTimeout(r, 50)); }
  }
  const network = ethers.Network.from(31337);
  const provider = new ethers.JsonRpcProvider(url, network, { staticNetwork: network, pollingInterval: 50 });
  const { abi, bytecode, runtime } = compile();
  const deployer = await provider.getSigner(0);
  await (await new ethers.ContractFactory(abi, bytecode, deployer).deploy()).waitForDeployment();
  await provider.send('anvil_setCode', [PRECOMPILE, runtime]);
  const contract = new ethers.Contract(PRECOMPILE, abi, deployer);
  return {
    url, provider, contract,
    seed: (count) => seed(provider, contract, count),
    seedBlocks: (count, perBlock, tag) => seedBlocks(url, provider, contract, count, perBlock, tag),
    close: () => anvil.kill(),
  };
}

/** One JSON-RPC request (a call or a batch) to `url`; throws on an error answer. */
async function rpc(url, body) {
  const answer = await (await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) })).json();
  const failed = [answer].flat().find((a) => a.error);
  if (failed) throw new Error(`${url}: ${failed.error.message}`);
  return answer;
}

/**
 * Sends `count` inferences at the scale of a busy hub: `perBlock` transactions a block, one
 * inference each, from four accounts, in blocks an hour apart (sent in batches and mined
 * together, so thousands take seconds). `tag` names their models, so that inferences sent
 * after a reorganisation differ from those they replace. Resolves to their events.
 */
async function seedBlocks(url, provider, contract, count, perBlock, tag) {
  const accounts = await provider.send('eth_accounts', []);
  const code = contract.interface;
  let ts = (await provider.getBlock('latest')).timestamp;
  const events = [];
  await provider.send('evm_setAutomine', [false]);
  try {
    for (let first = 0; first < count; first += perBlock) {
      ts += 3_600;
      const calls = [];
      for (let i = first; i < Math.min(count, first + perBlock); i++) {
        const from = accounts[1 + ((i * 7) % 4)];
        const mode = i % 2;
        const model = `${tag}/model-${i % 5}`;
        const [data, event] = i % 3 === 0
          ? [code.encodeFunctionData('modelInference', [`${tag}-${i}`, mode, model]), { model, mode: MODES.ml[mode], kind: 'ml' }]
          : [code.encodeFunctionData('completion', [`${tag}-${i}`, mode, model, 10 + i]),
             { model, mode: MODES.llm[mode], kind: 'llm_completion', units: 10 + i }];
        calls.push({ jsonrpc: '2.0', id: i, method: 'eth_sendTransaction', params: [{ from, to: PRECOMPILE, data, gas: '0xf4240' }] });
        events.push({ ts, caller: from.toLowerCase(), ...event });
      }
      await rpc(url, calls);
      await rpc(url, { jsonrpc: '2.0', id: 0, method: 'evm_mine', params: [ts] });
    }
  } finally {
    await provider.send('evm_setAutomine', [true]);
  }
  return events;
}

/**
 * Sends `count` inferences: the i-th from account 1 + 7i mod 4, six a day an hour apart,
 * cycling ML inference, LLM completion and chat; the ninth has mode 7, which neither enum
 * has. Resolves to the events as docs/inputs.md#events lines, written from what was sent.
 */
async function seed(provider, contract, count) {
  const events = [];
  let ts = (await provider.getBlock('latest')).timestamp;
  for (let i = 0; i < count; i++) {
    ts = Math.max(ts + 1, START + Math.floor(i / 6) * DAY + (i % 6) * 3_600);
    await provider.send('evm_setNextBlockTimestamp', [ts]);
    const signer = await provider.getSigner(1 + ((i * 7) % 4));
    const emitter = contract.connect(signer);
    const kind = ['ml', 'llm_completion', 'llm_chat'][i % 3];
    let tx, event;
    if (kind === 'ml') {
      const mode = i === 9 ? 7 : Math.floor(i / 3) % 3;
      const model = i % 2 ? 'QmVisionModel' : 'QmRiskModel';
      tx = await emitter.modelInference(`inf-${i}`, mode, model);
      event = { model, mode: MODES.ml[mode] ?? 'other', kind };
    } else {
      const mode = i % 2;
      const model = kind === 'llm_chat' ? 'openai/gpt-4.1' : 'meta-llama/Llama-3.1-8B';
      const maxTokens = 100 + i;
      tx = await emitter[kind === 'llm_chat' ? 'chat' : 'completion'](`inf-${i}`, mode, model, maxTokens);
      event = { model, mode: MODES.llm[mode], kind, units: maxTokens };
    }
    await tx.wait();
    events.push({ ts, caller: (await signer.getAddress()).toLowerCase(), ...event });
  }
  return events;
}
