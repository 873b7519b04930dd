import { chromium } from 'playwright-core';
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox','--disable-gpu','--disable-quic','--disable-background-networking','--disable-component-update','--disable-sync'] });
const page = await browser.newPage({ viewport: { width: 320, height: 900 } });
const html = `<!doctype html><meta name=viewport content="width=device-width"><script type=module src="/hubpulse.js"></script>
<body style="margin:0">
<hub-pulse id=a src="/data/events.ndjson" registry="/data/models.json" chart=overview compare=previous locale=de-DE style="display:block;height:260px"></hub-pulse>
<hub-pulse id=b src="/data/events.ndjson" registry="/data/models.json" chart=volume filter="model=og/ml-0392" style="display:block;height:260px"></hub-pulse>
<hub-pulse id=c src="/data/test/long/events.ndjson" registry="/data/test/long/models.json" chart=leaderboard compare=previous style="display:block;height:340px"></hub-pulse>
</body>`;
await page.route('**/shot.html', (r) => r.fulfill({ body: html, contentType: 'text/html' }));
await page.goto('http://127.0.0.1:8080/shot.html');
await page.waitForFunction(() => [...document.querySelectorAll('hub-pulse')].every((w) => w.report), null, { timeout: 30000 });
await page.waitForTimeout(500);
await page.screenshot({ path: '/tmp/shot320.png', fullPage: true });
await browser.close();
