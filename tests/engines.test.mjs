// The same tests in Chromium, Firefox and WebKit (tests/engines.mjs): the demo's figures and
// paint, the strict-CSP page with the load worker, the optional part and the hashing worker,
// a page that allows no workers (the page's own fallback), a large body parsed by nested
// parse workers, hover, keys, brush, both exports, three years' weekly bars and monthly
// cohorts read out by keyboard, a chain read again after a reload from what the browser
// kept, and the error state. The other suites go deeper in Chromium alone; what differs
// between engines (module workers under a CSP, streams, IndexedDB, canvas text, pointer
// events) is exercised here in each.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import { fixtures, hubpulse, largeEvents, nativeReport, root, serve } from './harness.mjs';
import { ENGINES, startEngine } from './engines.mjs';
import { startNode } from './evm/node.mjs';
import { proxy } from './evm/proxy.mjs';

/** Resolves, in the page, once `#id` has a report or an error: which. */
const settledIn = (id) => {
  const el = document.getElementById(id);
  if (el?.report) return 'loaded';
  const status = el?.shadowRoot?.querySelector('.status.error');
  return status && !status.hidden ? 'error' : false;
};

/** The worker scripts the page fetched (resource timing lists what it requested). */
const workersIn = () => [...new Set(performance.getEntriesByType('resource').map((e) => e.name.split('/').pop())
  .filter((name) => name.endsWith('-worker.js')))].sort();

/** The share of a widget's canvas that is not its background colour, in the page. */
const paintedIn = (id) => {
  const canvas = document.getElementById(id).shadowRoot.querySelector('canvas');
  const { data } = canvas.getContext('2d').getImageData(0, 0, canvas.width, canvas.height);
  let n = 0;
  for (let i = 0; i < data.length; i += 4) if (data[i] !== data[0] || data[i + 1] !== data[1] || data[i + 2] !== data[2]) n++;
  return n / (data.length / 4);
};

const expected = nativeReport('--events', `${root}www/data/events.ndjson`, '--registry', `${root}www/data/models.json`);
const large = largeEvents('engines-pieces.csv');
hubpulse('synth', '--out', `${fixtures}long`, '--days', '1100', '--count', '60000', '--no-shapes');
const largeExpected = nativeReport('--events', `${fixtures}engines-pieces.csv`);

/** A local chain with 200 inferences in 10 blocks, behind a proxy that counts calls. */
let chain, node, inferences;
before(async () => {
  chain = await startNode();
  inferences = (await chain.seedBlocks(200, 20, 'engines')).length;
  node = await proxy(chain.url);
});
after(() => {
  node?.close();
  chain?.close();
});

for (const engine of ENGINES) {
  describe(engine, () => {
    let server;
    let browser;
    before(async () => {
      server = await serve();
      browser = await startEngine(engine);
      console.log(`${engine}: ${browser.version}`);
    });
    after(async () => {
      await browser?.close();
      server?.close();
    });

    /** A tab at `path` whose widgets have all settled; resolves to the tab. */
    async function opened(path, ids) {
      const tab = await browser.tab();
      await tab.goto(`${server.url}${path}`);
      for (const id of ids) {
        await tab.waitFor(settledIn, id);
        assert.equal(await tab.evaluate(settledIn, id), 'loaded', `${engine}: #${id}`);
      }
      return tab;
    }

    test('the demo draws its figures, equal to the command line\'s', async () => {
      const tab = await opened('', ['overview', 'volume', 'leaderboard']);
      const figures = await tab.evaluate(() => {
        const r = document.getElementById('overview').report;
        return [r.events, r.models_active, r.models_listed, r.callers, r.verified_share];
      });
      assert.deepEqual(figures, [expected.events, expected.models_active, expected.models_listed, expected.callers,
                                 expected.verified_share]);
      for (const id of ['overview', 'volume', 'leaderboard']) assert.ok(await tab.evaluate(paintedIn, id) > 0.03, `${engine}: #${id} painted`);
      mkdirSync(`${root}test-results`, { recursive: true });
      await tab.screenshot(`${root}test-results/engine-${engine}-demo.png`);
      await tab.close();
    });

    test('under a strict CSP the workers, the hashing and the optional part work', async () => {
      const ids = ['csp-volume', 'csp-leaderboard', 'csp-overview', 'csp-replicate'];
      const tab = await opened('examples/csp.html', ids);
      const [events, unit, sha256] = await tab.evaluate(() => {
        const r = document.getElementById('csp-volume').report;
        return [r.events, document.getElementById('csp-replicate').report.input.unit, r.input.sources[0].sha256];
      });
      assert.equal(events, expected.events);
      assert.equal(unit, 'runs', 'a hub\'s own document, read by the optional part');
      assert.equal(sha256, expected.input.sources[0].sha256);
      assert.deepEqual(await tab.evaluate(workersIn), ['hash-worker.js', 'load-worker.js'], 'parsed and hashed in workers');
      await tab.close();
    });

    test('on a page whose policy allows no workers, the page loads and hashes alone: the same figures', async () => {
      const tab = await opened('examples/no-workers.html', ['alone-volume', 'alone-replicate']);
      const [events, sha256, unit] = await tab.evaluate(() => {
        const r = document.getElementById('alone-volume').report;
        return [r.events, r.input.sources[0].sha256, document.getElementById('alone-replicate').report.input.unit];
      });
      assert.equal(events, expected.events);
      assert.equal(sha256, expected.input.sources[0].sha256);
      assert.equal(unit, 'runs');
      assert.deepEqual(await tab.evaluate(workersIn), [], 'no worker was fetched');
      await tab.close();
    });

    test('a large body of events is parsed by four parse workers, load after load, with the figures of one parser', async () => {
      const tab = await opened('', []);
      // Each load gets 20 s in the page, so that one that never ends fails here, named.
      const report = (parseWorkers) => tab.evaluate(async ([src, n]) => {
        const { load } = await import('./hubpulse.js');
        const loading = load({ events: new URL(src, location.href).href, parseWorkers: n }).then((data) => {
          const r = data.report();
          data.free();
          return JSON.stringify(r, (key, value) => (key === 'fetched_at' ? undefined : value));
        });
        return Promise.race([loading, new Promise((resolve) => setTimeout(() => resolve('no report after 20 s'), 20_000))]);
      }, [large.path, parseWorkers]);
      let from = server.requested.length;
      const started = () => server.requested.slice(from).filter((path) => path.endsWith('/parse-worker.js')).length;
      const one = await report(1);
      assert.equal(started(), 0, `${engine}: the load worker parses alone`);
      // Started inside the load worker, Firefox hung about one such load in six: ten in a row.
      for (let load = 1; load <= 10; load++) {
        from = server.requested.length;
        const four = await report(4);
        // WebKit fetches a worker's script once for workers started together (four start, as
        // a page with four workers that answer shows there); the others fetch it each.
        if (engine === 'webkit') assert.ok(started() >= 1, `${engine}: parse workers started`);
        else assert.equal(started(), 4, `${engine}: four parse workers started`);
        assert.equal(four, one, `${engine}, load ${load}: the same report`);
      }
      const { events, input } = JSON.parse(one);
      assert.deepEqual([events, input.rows_rejected, input.problems.map((p) => p.line)],
                       [largeExpected.events, large.rejected, large.lines]);
      await tab.close();
    });

    test('hover, keys and a brush work, and both exports give their files', async () => {
      const tab = await opened('', ['volume']);
      const box = await tab.evaluate(() => {
        const el = document.getElementById('volume');
        el.scrollIntoView({ block: 'center' });
        const r = el.getBoundingClientRect();
        return { x: r.x, y: r.y, width: r.width, height: r.height };
      });
      const at = (fx) => [box.x + box.width * fx, box.y + box.height * 0.6];
      await tab.mouse.move(...at(0.5));
      await tab.waitFor(() => !document.getElementById('volume').shadowRoot.querySelector('.tooltip').hidden);
      const tip = await tab.evaluate(() => document.getElementById('volume').shadowRoot.querySelector('.tooltip').textContent);
      assert.match(tip, /\d/, `${engine}: the tooltip says a figure`);

      await tab.evaluate(() => document.getElementById('volume').focus());
      await tab.press('Home');
      await tab.press('ArrowRight');
      const heard = await tab.evaluate(() => document.getElementById('volume').shadowRoot.querySelector('[aria-live]').textContent);
      assert.match(heard, /^Aug 2, 2026/, `${engine}: the second day, read out`);

      const days = () => tab.evaluate(() => document.getElementById('volume').report.window.days);
      assert.equal(await days(), 90);
      await tab.mouse.move(...at(0.3));
      await tab.mouse.down();
      await tab.mouse.move(...at(0.45));
      await tab.mouse.move(...at(0.6));
      await tab.mouse.up();
      await tab.waitFor(() => document.getElementById('volume').report.window.days < 90);
      assert.ok((await days()) > 10, `${engine}: the brushed window`);

      // The exports hand a Blob to a link: keep what they hand over instead of downloading it.
      const files = await tab.evaluate(async () => {
        const made = [];
        const create = URL.createObjectURL;
        URL.createObjectURL = (blob) => { made.push(blob); return create.call(URL, blob); };
        const el = document.getElementById('volume');
        el.exportCsv();
        el.exportPng();
        for (let i = 0; i < 50 && made.length < 2; i++) await new Promise((r) => setTimeout(r, 100));
        URL.createObjectURL = create;
        return Promise.all(made.map(async (b) => [b.type, b.size, (await b.text()).slice(0, 24)]));
      });
      const csv = files.find(([type]) => type === 'text/csv');
      const png = files.find(([type]) => type === 'image/png');
      assert.ok(csv && csv[2].startsWith('section,name,day,value'), `${engine}: ${JSON.stringify(files)}`);
      assert.ok(png && png[1] > 5000, `${engine}: the PNG`);
      await tab.close();
    });

    // A tap as the pointer events a touch screen sends (pointerType "touch"), dispatched in the
    // page: the drivers' touch input differs by engine (WebKitWebDriver has none), the
    // widget's handling of it does not.
    test('a tap shows the tooltip, and a tap elsewhere on the page hides it', async () => {
      const tab = await opened('', ['volume']);
      const tap = (target, fx, fy) => tab.evaluate(([target, fx, fy]) => {
        const el = document.getElementById(target);
        const node = el.shadowRoot?.querySelectorAll('canvas')[1] ?? el;
        const r = el.getBoundingClientRect();
        const at = { clientX: r.x + r.width * fx, clientY: r.y + r.height * fy };
        for (const type of ['pointerdown', 'pointerup']) {
          node.dispatchEvent(new PointerEvent(type, { ...at, pointerType: 'touch', isPrimary: true, button: 0, bubbles: true, composed: true }));
        }
      }, [target, fx, fy]);
      const open = () => tab.evaluate(() => !document.getElementById('volume').shadowRoot.querySelector('.tooltip').hidden);
      await tab.evaluate(() => document.getElementById('volume').scrollIntoView({ block: 'center' }));
      await tap('volume', 0.5, 0.7);
      assert.ok(await open(), `${engine}: the tapped day's tooltip`);
      await tap('theme', 0.5, 0.5);
      assert.ok(!(await open()), `${engine}: closed by a tap elsewhere`);
      await tab.close();
    });

    test('three years read as weekly bars and monthly cohorts, each bar and cohort named by keyboard', async () => {
      const tab = await opened('', []);
      await tab.evaluate(() => {
        for (const chart of ['volume', 'retention']) {
          const el = document.createElement('hub-pulse');
          el.id = `long-${chart}`;
          el.style.cssText = 'display:block;width:900px;height:340px';
          el.setAttribute('src', 'data/test/long/events.ndjson');
          el.setAttribute('chart', chart);
          document.body.prepend(el);
        }
      });
      const heard = async (id) => {
        await tab.waitFor(settledIn, id);
        await tab.evaluate((id) => document.getElementById(id).focus(), id);
        await tab.press('Home');
        return tab.evaluate((id) => document.getElementById(id).shadowRoot.querySelector('[aria-live]').textContent, id);
      };
      assert.match(await heard('long-volume'), /^Week of Jul 27, 2026 \(UTC\)/, `${engine}: a week's bar`);
      assert.match(await heard('long-retention'), /^Aug 2026 \(UTC\): Cohort [\d,]+ models, Active in month \+0 100/, `${engine}: a month's cohort`);
      await tab.close();
    });

    test('a chain is kept in the browser: a reload reads only the blocks added since', async () => {
      const tab = await browser.tab();
      const visit = async () => {
        await tab.goto(`${server.url}examples/plain.html`);
        await tab.evaluate((rpc) => {
          const el = document.createElement('hub-pulse');
          el.id = 'chain';
          for (const [k, v] of Object.entries({ source: 'evm', rpc, 'from-block': '0' })) el.setAttribute(k, v);
          document.body.append(el);
        }, node.url);
        await tab.waitFor(settledIn, 'chain');
        assert.equal(await tab.evaluate(settledIn, 'chain'), 'loaded', `${engine}: the chain`);
        return tab.evaluate(() => {
          const { events, input } = document.getElementById('chain').report;
          return { events, chain: input.sources[0].chain };
        });
      };
      node.calls.length = 0;
      const first = await visit();
      const firstCalls = node.calls.length;
      assert.equal(first.events, inferences, `${engine}: every inference`);
      inferences += (await chain.seedBlocks(40, 20, `${engine}-later`)).length;
      node.calls.length = 0;
      const again = await visit();
      assert.equal(again.events, inferences, `${engine}: the kept inferences and the new ones`);
      assert.equal(again.chain.kept_to_block, first.chain.to_block, `${engine}: kept from the first visit`);
      const froms = node.calls.filter((c) => c.method === 'eth_getLogs').map((c) => Number(c.params[0].fromBlock));
      assert.ok(froms.every((b) => b > first.chain.to_block), `${engine}: only new blocks are read: ${froms}`);
      assert.ok(node.calls.length < firstCalls / 2, `${engine}: ${node.calls.length} calls, ${firstCalls} the first time`);
      await tab.close();
    });

    test('a missing source is an error state with its reason, and the event says so', async () => {
      const tab = await browser.tab();
      await tab.goto(`${server.url}examples/plain.html`);
      const heard = await tab.evaluate(() => new Promise((resolve) => {
        const el = document.createElement('hub-pulse');
        el.id = 'missing';
        el.setAttribute('src', '../data/missing.ndjson');
        el.addEventListener('hubpulse-error', (e) => resolve(e.detail.reason));
        document.body.append(el);
        setTimeout(() => resolve('no hubpulse-error event'), 20_000);
      }));
      assert.match(heard, /404/);
      await tab.waitFor(settledIn, 'missing');
      assert.equal(await tab.evaluate(settledIn, 'missing'), 'error');
      await tab.close();
    });
  });
}
