// Compiles InferenceEvents.sol with solc's JavaScript build (no download) into its ABI and
// runtime bytecode, for the chain source's tests.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const solc = require('solc');

export function compile() {
  const source = readFileSync(new URL('InferenceEvents.sol', import.meta.url), 'utf8');
  const input = {
    language: 'Solidity',
    sources: { 'InferenceEvents.sol': { content: source } },
    settings: { optimizer: { enabled: true, runs: 200 }, viaIR: true,
                outputSelection: { '*': { '*': ['abi', 'evm.bytecode.object', 'evm.deployedBytecode.object'] } } },
  };
  const output = JSON.parse(solc.compile(JSON.stringify(input)));
  const errors = (output.errors ?? []).filter((e) => e.severity === 'error');
  if (errors.length) throw new Error(errors.map((e) => e.formattedMessage).join('\n'));
  const contract = output.contracts['InferenceEvents.sol'].InferenceEvents;
  return { abi: contract.abi, bytecode: `0x${contract.evm.bytecode.object}`, runtime: `0x${contract.evm.deployedBytecode.object}` };
}
