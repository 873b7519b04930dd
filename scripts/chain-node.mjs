// A local chain for the chain demo (www/chain.html): anvil on 127.0.0.1:8545 (CHAIN_PORT)
// with OpenGradient's inference events at the precompile's address, 120 inferences over
// 20 days from four accounts, as the chain source's tests seed it. Runs until stopped.
import { startNode } from '../tests/evm/node.mjs';

const port = Number(process.env.CHAIN_PORT ?? 8545);
const node = await startNode(port);
const events = await node.seed(120);
console.log(`A local chain with ${events.length} inferences is on ${node.url}`);
console.log('Open http://127.0.0.1:8080/chain.html (npm start) and press Read. Ctrl-C stops the chain.');
const stop = () => { node.close(); process.exit(0); };
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
setInterval(() => {}, 1 << 30);
