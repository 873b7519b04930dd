// A JSON-RPC proxy in front of anvil that the chain tests steer, and that counts what a read
// costs the node. It allows any origin, as public nodes do.
import { createServer } from 'node:http';

/**
 * A proxy to `upstream`: `maxRange` refuses eth_getLogs over more blocks, `failing` answers
 * every request with HTTP 500, `delay` slows each answer, `noBatches` answers a batch with
 * one error (as nodes that take one call a request do), `tooMany` answers that many
 * requests with HTTP 429 and `Retry-After: 1`. `calls` records each call asked (a batch's
 * calls each), `requests` the calls in each request.
 */
export async function proxy(upstream) {
  const state = { maxRange: Infinity, failing: false, delay: 0, noBatches: false, tooMany: 0, calls: [], requests: [] };
  const server = createServer(async (req, res) => {
    res.setHeader('access-control-allow-origin', '*');
    res.setHeader('access-control-allow-headers', 'content-type');
    res.setHeader('access-control-expose-headers', 'retry-after');
    if (req.method === 'OPTIONS') return res.end();
    let body = '';
    for await (const chunk of req) body += chunk;
    const request = JSON.parse(body);
    const calls = Array.isArray(request) ? request : [request];
    await new Promise((r) => setTimeout(r, state.delay));
    if (state.tooMany > 0) {
      state.tooMany -= 1;
      res.statusCode = 429;
      res.setHeader('retry-after', '1');
      return res.end('too many requests');
    }
    state.requests.push(calls.length);
    state.calls.push(...calls.map((c) => ({ method: c.method, params: c.params })));
    if (state.failing) {
      res.statusCode = 500;
      return res.end('upstream unavailable');
    }
    if (state.noBatches && Array.isArray(request)) {
      const error = { code: -32600, message: 'batch requests are not supported' };
      return res.end(JSON.stringify({ jsonrpc: '2.0', id: null, error }));
    }
    const tooWide = calls.find((c) => c.method === 'eth_getLogs'
      && Number(c.params[0].toBlock) - Number(c.params[0].fromBlock) + 1 > state.maxRange);
    if (tooWide) {
      const error = { code: -32005, message: `query exceeds max block range ${state.maxRange}` };
      return res.end(JSON.stringify({ jsonrpc: '2.0', id: tooWide.id, error }));
    }
    const answer = await fetch(upstream, { method: 'POST', headers: { 'content-type': 'application/json' }, body });
    res.setHeader('content-type', 'application/json');
    res.end(await answer.text());
  });
  await new Promise((r) => server.listen(0, '127.0.0.1', r));
  state.url = `http://127.0.0.1:${server.address().port}/`;
  state.close = () => server.close();
  return state;
}
