import { serve, launch } from './harness.mjs';
const server = await serve(); const browser = await launch();
const page = await browser.newPage();
page.on('console', (m) => console.log('console:', m.text().slice(0, 300)));
page.on('pageerror', (e) => console.log('pageerror:', e.message));
page.on('worker', (w) => console.log('worker:', w.url()));
await page.goto(server.url);
const r = await page.evaluate(async () => {
  const t0 = performance.now();
  while (performance.now() - t0 < 30000) {
    await new Promise((r) => setTimeout(r, 200));
    const all = [...document.querySelectorAll('hub-pulse')];
    if (all.every((e) => e.report)) return { ok: true, ms: performance.now() - t0, n: all.length, events: all[0].report.events, sha: all[0].report.input.sources[0].sha256 };
    const err = all.find((e) => { const s = e.shadowRoot.querySelector('.status'); return !s.hidden && s.classList.contains('error'); });
    if (err) return { error: err.shadowRoot.querySelector('.status').textContent };
  }
  return { timeout: true };
});
console.log(r);
await browser.close(); server.close();
