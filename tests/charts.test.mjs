// The chart catalog as a reader meets it on the demo page: eleven charts painted in both
// themes, exact values on hover, brushing to narrow the window (and back), legend
// toggles, the keyboard, a summary and a table for screen readers, and the exports.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { addWidgets, browserSuite, fixtures, hubpulse, painted, screenshot, settled } from './harness.mjs';

const suite = browserSuite();

const CHARTS = ['overview', 'volume', 'supply-demand', 'verification', 'callers', 'concentration', 'leaderboard',
                'retention', 'model', 'share', 'categories', 'owners'];

async function openDemo(options = {}) {
  const page = await suite.browser.newPage({ viewport: { width: 1220, height: 900 }, ...options });
  const errors = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await page.goto(suite.server.url);
  await page.waitForFunction((ids) => ids.every((id) => document.getElementById(id)?.report), CHARTS, { timeout: 30_000 });
  return { page, errors };
}

/** The painted share of the widget with this id. */
const paintedId = (page, id) => painted(page, `#${id}`);

/** Page coordinates of a point `fx, fy` of the way across a widget. */
async function at(page, id, fx, fy) {
  const box = await page.locator(`#${id}`).boundingBox();
  return [box.x + box.width * fx, box.y + box.height * fy];
}

function tooltip(page, id) {
  return page.evaluate((id) => {
    const tip = document.getElementById(id).shadowRoot.querySelector('.tooltip');
    if (tip.hidden) return null;
    return { title: tip.querySelector('b').textContent,
             lines: Object.fromEntries([...tip.querySelectorAll('.row')].map((r) => [...r.children].map((c) => c.textContent))) };
  }, id);
}

test('every chart of the catalog is painted, in the light and the dark theme', async () => {
  const { page, errors } = await openDemo();
  for (const id of CHARTS) {
    const { share } = await paintedId(page, id);
    assert.ok(share > 0.02, `${id}: only ${(share * 100).toFixed(1)} % painted`);
  }
  await screenshot(page, 'catalog-light');
  await page.click('#theme');
  await page.waitForFunction(() => document.getElementById('volume').dataset.theme === 'dark');
  await page.waitForTimeout(100);
  for (const id of CHARTS) {
    const { share, corner } = await paintedId(page, id);
    assert.ok(share > 0.02, `${id} (dark): only ${(share * 100).toFixed(1)} % painted`);
    assert.ok(corner[0] < 60 && corner[1] < 60 && corner[2] < 60, `${id}: the dark background is ${corner}`);
  }
  await screenshot(page, 'catalog-dark');
  assert.deepEqual(errors, []);
  await page.close();
});

test('hovering a day shows its exact figures, from the report', async () => {
  const { page } = await openDemo();
  const [x, y] = await at(page, 'volume', 0.5, 0.6);
  await page.mouse.move(x, y);
  const tip = await tooltip(page, 'volume');
  assert.ok(tip, 'a tooltip is shown');
  const report = await page.evaluate(() => document.getElementById('volume').report);
  const months = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
  const index = report.daily.day.findIndex((d) => {
    const [yy, mm, dd] = d.split('-').map(Number);
    return tip.title === `${months[mm - 1]} ${dd}, ${yy} (UTC)`;
  });
  assert.ok(index >= 0, `the title names a day of the window: ${tip.title}`);
  assert.equal(tip.lines.Inferences, report.daily.events[index].toLocaleString('en-US'));
  assert.equal(tip.lines.TEE, report.daily.by_mode.tee[index].toLocaleString('en-US'));
  await page.mouse.move(x, y - 1000 > 0 ? y - 1000 : 1);
  assert.equal(await tooltip(page, 'volume'), null, 'leaving hides it');
  await page.close();
});

test('dragging across a time chart narrows the window and double-click resets it', async () => {
  const { page } = await openDemo();
  const before = await page.evaluate(() => document.getElementById('volume').report);
  await page.evaluate(() => {
    window.ranges = [];
    document.addEventListener('hubpulse-range', (e) => window.ranges.push(e.detail));
  });
  const [x0, y] = await at(page, 'volume', 0.3, 0.6);
  const [x1] = await at(page, 'volume', 0.6, 0.6);
  await page.mouse.move(x0, y);
  await page.mouse.down();
  await page.mouse.move((x0 + x1) / 2, y, { steps: 4 });
  await page.mouse.move(x1, y, { steps: 4 });
  await page.mouse.up();
  const narrowed = await page.evaluate(() => document.getElementById('volume').report);
  assert.ok(narrowed.window.days < before.window.days / 2, `${narrowed.window.days} days`);
  assert.ok(narrowed.window.from > before.window.from && narrowed.window.to < before.window.to);
  assert.equal(narrowed.events, narrowed.daily.events.reduce((a, b) => a + b, 0), 'every figure is recomputed');
  assert.equal(await page.evaluate(() => window.ranges.length), 1);
  assert.equal(await page.evaluate(() => window.ranges[0].from), narrowed.window.from);
  const reset = page.locator('#volume').locator('button', { hasText: 'Reset zoom' });
  assert.ok(await reset.isVisible(), 'a reset button is shown');
  await page.mouse.dblclick(x0, y);
  const back = await page.evaluate(() => document.getElementById('volume').report);
  assert.deepEqual(back.window, before.window);
  assert.ok(!(await reset.isVisible()));
  await screenshot(page, 'brushed');
  await page.close();
});

test('a legend entry toggles its series', async () => {
  const { page } = await openDemo();
  const before = await paintedId(page, 'verification');
  // The legend sits at the top right, under the subtitle (one or two lines of it): find an
  // entry by scanning for it through the element's click handling.
  const toggled = await page.evaluate(async () => {
    const el = document.getElementById('verification');
    const box = el.getBoundingClientRect();
    const overlay = el.shadowRoot.querySelector('.overlay');
    for (let x = box.width * 0.5; x < box.width - 10; x += 4) {
      for (let y = 58; y < 110; y += 4) {
        const init = { clientX: box.left + x, clientY: box.top + y, bubbles: true, button: 0, pointerType: 'mouse' };
        const report = JSON.stringify(el.shadowRoot.querySelector('canvas').toDataURL().length);
        overlay.dispatchEvent(new PointerEvent('pointerdown', init));
        overlay.dispatchEvent(new PointerEvent('pointerup', init));
        if (JSON.stringify(el.shadowRoot.querySelector('canvas').toDataURL().length) !== report) return { x, y };
      }
    }
    return null;
  });
  assert.ok(toggled, 'some legend entry changed the chart');
  const after = await paintedId(page, 'verification');
  assert.notEqual(after.share, before.share);
  await page.close();
});

test('the keyboard moves through the days and a screen reader gets words and a table', async () => {
  const { page } = await openDemo();
  const label = await page.getAttribute('#volume', 'aria-label');
  const report = await page.evaluate(() => document.getElementById('volume').report);
  assert.match(label, new RegExp(`^${report.events.toLocaleString('en-US')} inferences in ${report.window.days} days`));
  const rows = await page.evaluate(() => document.getElementById('volume').shadowRoot.querySelectorAll('table tr').length);
  assert.equal(rows, report.window.days + 1, 'a header and a row per day');
  await page.focus('#volume');
  await page.keyboard.press('Home');
  await page.keyboard.press('ArrowRight');
  const tip = await tooltip(page, 'volume');
  assert.equal(tip.lines.Inferences, report.daily.events[1].toLocaleString('en-US'));
  const live = await page.evaluate(() => document.getElementById('volume').shadowRoot.querySelector('[aria-live]').textContent);
  assert.match(live, /Inferences/);
  // The model card's table is its model by day, as its line draws it.
  const card = await page.evaluate(() => {
    const el = document.getElementById('model');
    const row = el.report.models.find((m) => m.model === el.getAttribute('model'));
    const t = el.shadowRoot.querySelector('table');
    return { caption: t.caption.textContent, rows: t.rows.length - 1, name: row.name, third: t.rows[3].cells[1].textContent, daily: row.daily[2] };
  });
  assert.equal(card.caption, `${card.name}: inferences by day`);
  assert.equal(card.rows, report.window.days);
  assert.equal(card.third, card.daily.toLocaleString('en-US'));
  await page.close();
});

test('the figures download as CSV with their source, and the chart as PNG', async () => {
  const { page } = await openDemo();
  const [csv] = await Promise.all([page.waitForEvent('download'), page.evaluate(() => document.getElementById('volume').exportCsv())]);
  const text = await (await csv.createReadStream()).toArray().then((chunks) => Buffer.concat(chunks).toString());
  assert.match(text, /^section,name,day,value\n/);
  assert.match(text, /\nsource,events\.sha256,,[0-9a-f]{64}\n/);
  const [png] = await Promise.all([page.waitForEvent('download'), page.evaluate(() => document.getElementById('volume').exportPng())]);
  const bytes = await (await png.createReadStream()).toArray().then((chunks) => Buffer.concat(chunks));
  assert.deepEqual([...bytes.subarray(1, 4)].map((b) => String.fromCharCode(b)).join(''), 'PNG');
  const width = bytes.readUInt32BE(16);
  const box = await page.locator('#volume').boundingBox();
  assert.equal(width, Math.floor(box.width) * 2, 'the PNG is drawn at twice the CSS size');
  await page.close();
});

test('a widget created hidden draws once it is shown', async () => {
  const page = await suite.browser.newPage();
  await page.goto(suite.server.url);
  await page.evaluate(() => {
    const el = document.createElement('hub-pulse');
    el.id = 'hidden';
    el.hidden = true;
    el.setAttribute('src', 'data/events.ndjson');
    el.setAttribute('chart', 'volume');
    document.body.append(el);
  });
  await page.waitForFunction(() => document.getElementById('hidden').report);
  const hiddenWidth = await page.evaluate(() => document.getElementById('hidden').getBoundingClientRect().width);
  assert.equal(hiddenWidth, 0, 'the element really starts hidden');
  await page.evaluate(() => { document.getElementById('hidden').hidden = false; });
  // The canvas starts at its default 300 px: wait until it is sized to the shown element.
  await page.waitForFunction(() => {
    const el = document.getElementById('hidden');
    const width = Math.floor(el.getBoundingClientRect().width) * devicePixelRatio;
    return width > 0 && el.shadowRoot.querySelector('canvas').width === width;
  });
  const { share } = await paintedId(page, 'hidden');
  assert.ok(share > 0.02);
  await page.close();
});

test('CSS custom properties on the element reach the chart', async () => {
  const { page } = await openDemo();
  const red = (id) => page.evaluate((id) => {
    const canvas = document.getElementById(id).shadowRoot.querySelector('canvas');
    const { data } = canvas.getContext('2d').getImageData(0, 0, canvas.width, canvas.height);
    let n = 0;
    for (let i = 0; i < data.length; i += 4) if (data[i] > 200 && data[i + 1] < 40 && data[i + 2] < 40) n++;
    return n;
  }, id);
  assert.equal(await red('supply-demand'), 0);
  await page.evaluate(() => {
    const el = document.createElement('hub-pulse');
    el.id = 'styled';
    el.style.setProperty('--hubpulse-supply', 'rgb(230, 0, 0)'); // any CSS colour syntax
    for (const [k, v] of Object.entries({ src: 'data/events.ndjson', registry: 'data/models.json', chart: 'supply-demand' })) {
      el.setAttribute(k, v);
    }
    document.body.append(el);
  });
  await page.waitForFunction(() => document.getElementById('styled').report);
  await page.locator('#styled').scrollIntoViewIfNeeded();
  assert.ok((await red('styled')) > 1000, 'the listed-models area is drawn in the page\'s colour');
  // A page that swaps a class to change the properties later gets the new colours at once.
  await page.addStyleTag({ content: '.reddish hub-pulse { --hubpulse-supply: rgb(230, 0, 0); }' });
  await page.evaluate(() => document.documentElement.classList.add('reddish'));
  const until = Date.now() + 5000;
  while ((await red('supply-demand')) <= 1000 && Date.now() < until) await new Promise((r) => setTimeout(r, 100));
  assert.ok((await red('supply-demand')) > 1000, 'the chart already on the page took the new colour');
  await page.close();
});

test('a tap shows the tooltip on a touch screen; a tap on nothing, on another chart or outside hides it', async () => {
  const page = await suite.browser.newPage({ viewport: { width: 420, height: 800 }, hasTouch: true, isMobile: true });
  await page.goto(suite.server.url);
  await page.waitForFunction(() => document.getElementById('volume')?.report, null, { timeout: 30_000 });
  await page.locator('#volume').scrollIntoViewIfNeeded();
  const [x, y] = await at(page, 'volume', 0.5, 0.7);
  await page.touchscreen.tap(x, y);
  const tip = await tooltip(page, 'volume');
  assert.ok(tip?.lines.Inferences, 'the tapped day\'s figures are shown');
  const [x2, y2] = await at(page, 'volume', 0.5, 0.08);
  await page.touchscreen.tap(x2, y2);
  assert.equal(await tooltip(page, 'volume'), null);
  // A tap on another chart opens its tooltip and closes the first: never two open at once.
  await page.touchscreen.tap(x, y);
  assert.ok(await tooltip(page, 'volume'));
  await page.locator('#callers').scrollIntoViewIfNeeded();
  const [cx, cy] = await at(page, 'callers', 0.5, 0.7);
  await page.touchscreen.tap(cx, cy);
  assert.ok(await tooltip(page, 'callers'), 'the other chart\'s tooltip is open');
  assert.equal(await tooltip(page, 'volume'), null, 'the first closed');
  // A tap outside any chart closes it too.
  await page.touchscreen.tap(5, 5);
  assert.equal(await tooltip(page, 'callers'), null);
  await screenshot(page, 'touch');
  await page.close();
});

test('the digit keys switch legend entries, and the 7-day mean follows the bars shown', async () => {
  const { page } = await openDemo();
  const live = () => page.evaluate(() => document.getElementById('volume').shadowRoot.querySelector('[aria-live]').textContent);
  const mean = async () => {
    await page.keyboard.press('End');
    return Number((await live()).match(/7-day mean ([\d.,]+)/)[1].replace(/,/g, ''));
  };
  await page.focus('#volume');
  const all = await mean();
  await page.keyboard.press('1');
  assert.equal(await live(), 'vanilla hidden');
  const report = await page.evaluate(() => document.getElementById('volume').report);
  const last7 = (mode) => report.daily.by_mode[mode].slice(-7).reduce((a, b) => a + b, 0) / 7;
  const shown = ['tee', 'zkml', 'other', 'unknown'].reduce((sum, mode) => sum + last7(mode), 0);
  const withoutVanilla = await mean();
  assert.ok(Math.abs(withoutVanilla - shown) < 0.06, `the mean of the shown modes: ${withoutVanilla} vs ${shown}`);
  assert.ok(withoutVanilla < all / 2, `${withoutVanilla} < ${all}`);
  await page.keyboard.press('1');
  assert.equal(await live(), 'vanilla shown');
  assert.equal(await mean(), all);
  await page.close();
});

test('three years of days read as weekly bars, or monthly ones at 320 px, named with their year; a brush stays exact to the day', async () => {
  hubpulse('synth', '--out', `${fixtures}long`, '--days', '1100', '--count', '60000', '--no-shapes');
  const page = await suite.browser.newPage({ viewport: { width: 1000, height: 900 } });
  await page.goto(suite.server.url);
  const add = (id, width) => page.evaluate(([id, width]) => {
    const el = document.createElement('hub-pulse');
    el.id = id;
    el.style.cssText = `display:block;width:${width}px;height:340px`;
    for (const [k, v] of Object.entries({ src: 'data/test/long/events.ndjson', chart: 'volume', stack: 'mode' })) el.setAttribute(k, v);
    document.body.prepend(el);
  }, [id, width]);
  await add('narrow', 320);
  await add('wide', 900);
  await add('cohorts', 900);
  await page.evaluate(() => document.getElementById('cohorts').setAttribute('chart', 'retention'));
  for (const id of ['wide', 'narrow', 'cohorts']) assert.equal(await settled(page, `#${id}`), 'loaded');
  const heard = async (id, key) => {
    await page.focus(`#${id}`);
    await page.keyboard.press(key);
    return page.evaluate((id) => document.getElementById(id).shadowRoot.querySelector('[aria-live]').textContent, id);
  };
  const report = await page.evaluate(() => document.getElementById('wide').report);
  assert.equal(report.window.days, 1100);
  const firstWeek = await heard('wide', 'Home');
  assert.match(firstWeek, /^Week of Jul 27, 2026 \(UTC\): Inferences [\d,]+, A day [\d.,]+/);
  const total = Number(firstWeek.match(/Inferences ([\d,]+)/)[1].replace(/,/g, ''));
  assert.equal(total, report.daily.events.slice(0, 2).reduce((a, b) => a + b, 0), 'the first week, clipped to the window');
  assert.match(await heard('wide', 'End'), /^Week of Jul 30, 2029 \(UTC\)/);
  assert.match(await heard('narrow', 'Home'), /^Aug 2026 \(UTC\)/);
  // The screen-reader table holds the bars as drawn: a row a week (or month), not 1,100 days.
  const table = (id) => page.evaluate((id) => {
    const t = document.getElementById(id).shadowRoot.querySelector('table');
    return { caption: t.caption.textContent, rows: [...t.rows].slice(1).map((r) => [...r.cells].map((c) => c.textContent)) };
  }, id);
  const weeks = await table('wide');
  assert.equal(weeks.caption, 'Figures by week');
  assert.equal(weeks.rows.length, 158, 'Jul 27, 2026 to Jul 30, 2029: 158 weeks, the first and last clipped');
  assert.deepEqual(weeks.rows[0].slice(0, 2), ['Week of Jul 27, 2026', total.toLocaleString('en-US')]);
  const months = await table('narrow');
  assert.equal(months.caption, 'Figures by month');
  assert.equal(months.rows.length, 37);
  // Three years of weekly cohorts would be 157 columns: the chart shows months.
  assert.match(await heard('cohorts', 'Home'), /^Aug 2026 \(UTC\): Cohort [\d,]+ models, Active in month \+0 100/);
  assert.match(await heard('cohorts', 'ArrowRight'), /Active in month \+1 /);
  assert.match(await page.getAttribute('#cohorts', 'aria-label'), /month/);
  const box = await page.locator('#wide').boundingBox();
  await page.mouse.move(box.x + box.width * 0.4, box.y + box.height * 0.6);
  await page.mouse.down();
  await page.mouse.move(box.x + box.width * 0.5, box.y + box.height * 0.6, { steps: 4 });
  await page.mouse.up();
  await page.waitForFunction(() => document.getElementById('wide').report.window.days < 1100);
  const brushed = await page.evaluate(() => document.getElementById('wide').report.window);
  assert.ok(brushed.days > 60 && brushed.days < 200, JSON.stringify(brushed));
  await page.locator('#wide').scrollIntoViewIfNeeded();
  await screenshot(page, 'three-years');
  await page.close();
});

test('numbers and words follow the locale attribute, each language fetched once, and a page overrides any word', async () => {
  const { page } = await openDemo();
  const fetched = [];
  page.on('request', (r) => { if (r.url().includes('/pkg/words/')) fetched.push(r.url().replace(/.*\/pkg\/words\//, '')); });
  const report = await page.evaluate(() => document.getElementById('volume').report);
  const label = () => page.getAttribute('#volume', 'aria-label');
  const caption = () => page.evaluate(() => document.getElementById('volume').shadowRoot.querySelector('table').caption.textContent);
  await page.evaluate(() => document.getElementById('volume').setAttribute('locale', 'de-DE'));
  await page.waitForFunction(() => document.getElementById('volume').getAttribute('aria-label').includes('Inferenzen'));
  assert.ok((await label()).startsWith(`${report.events.toLocaleString('de-DE')} Inferenzen über 90 Tage; `), await label());
  assert.match(await caption(), /^(Tageswerte|Werte pro Woche)$/);
  const [x, y] = await at(page, 'volume', 0.5, 0.6);
  await page.mouse.move(x, y);
  const tip = await tooltip(page, 'volume');
  assert.match(tip.title, /^\d{1,2}\. \S+ 2026 \(UTC\)$/, 'the day is written the German way');
  assert.ok('Inferenzen' in tip.lines && '7-Tage-Mittel' in tip.lines, JSON.stringify(tip.lines));
  await page.locator('#volume').scrollIntoViewIfNeeded();
  await screenshot(page, 'volume-de');
  // A page's own words over the language's, and French after German.
  await page.evaluate(() => document.getElementById('volume').setAttribute('words', '{"unit_inferences": "Aufrufe"}'));
  await page.waitForFunction(() => document.getElementById('volume').getAttribute('aria-label').includes('Aufrufe'));
  await page.evaluate(() => document.getElementById('volume').removeAttribute('words'));
  await page.evaluate(() => document.getElementById('volume').setAttribute('locale', 'fr'));
  await page.waitForFunction(() => document.getElementById('volume').getAttribute('aria-label').includes('inférences'));
  assert.ok((await label()).startsWith(`${report.events.toLocaleString('fr').replace(/\s/g, '\u202f')} inférences en 90 jours`),
    await label());
  await page.evaluate(() => document.getElementById('volume').setAttribute('locale', 'de'));
  await page.waitForFunction(() => document.getElementById('volume').getAttribute('aria-label').includes('Inferenzen'));
  // An attribute that makes no sense is refused in the reader's language too (the reason, in
  // English, names the attribute).
  const status = () => page.evaluate(() => document.getElementById('volume').shadowRoot.querySelector('.status').textContent);
  await page.evaluate(() => document.getElementById('volume').setAttribute('filter', 'nonsense'));
  await page.waitForFunction(() => !document.getElementById('volume').shadowRoot.querySelector('.status').hidden);
  assert.match(await status(), /^Dieses Diagramm kann nicht gezeigt werden: filter /, await status());
  await page.evaluate(() => document.getElementById('volume').removeAttribute('filter'));
  await page.waitForFunction(() => document.getElementById('volume').getAttribute('aria-label').includes('Inferenzen'));
  await page.evaluate(() => document.getElementById('volume').setAttribute('locale', 'en'));
  await page.waitForFunction(() => document.getElementById('volume').getAttribute('aria-label').includes(','));
  assert.ok((await label()).startsWith(`${report.events.toLocaleString('en-US')} inferences in 90 days; `), await label());
  assert.deepEqual(fetched, ['de.json', 'fr.json'], 'each language once, English none');
  await page.close();
});

test('who carries the hub: the share by owner, the categories and the owners\' leaderboard say the report\'s figures, over months and at 320 px', async () => {
  hubpulse('synth', '--out', `${fixtures}long`, '--days', '1100', '--count', '60000', '--no-shapes');
  const page = await suite.browser.newPage({ viewport: { width: 1000, height: 1500 } });
  await page.goto(`${suite.server.url}blank.html`);
  const hub = { src: 'data/test/long/events.ndjson', registry: 'data/test/long/models.json', from: '2027-01-01',
                to: '2027-06-30' };
  const widgets = {
    'share-wide': [900, { ...hub, chart: 'share', by: 'owner' }],
    'share-narrow': [320, { ...hub, chart: 'share', by: 'category' }],
    cats: [320, { ...hub, chart: 'categories' }],
    owners: [900, { ...hub, chart: 'leaderboard', by: 'owner' }],
    bare: [320, { ...hub, chart: 'share', by: 'owner', registry: null }],
  };
  await addWidgets(page, widgets);
  for (const id of Object.keys(widgets)) assert.equal(await settled(page, `#${id}`), 'loaded', id);
  const heard = async (id, key) => {
    await page.focus(`#${id}`);
    await page.keyboard.press(key);
    return page.evaluate((id) => document.getElementById(id).shadowRoot.querySelector('[aria-live]').textContent, id);
  };
  const table = (id) => page.evaluate((id) => {
    const t = document.getElementById(id).shadowRoot.querySelector('table');
    return { caption: t.caption.textContent, rows: [...t.rows].slice(1).map((r) => [...r.cells].map((c) => c.textContent)) };
  }, id);
  const n = (x) => x.toLocaleString('en-US');
  const report = await page.evaluate(() => document.getElementById('share-wide').report);
  assert.equal(report.window.days, 181);
  // The first day of the share by owner: the seven busiest owners' events that day, then the rest.
  const top = report.owners.filter((o) => o.events > 0).slice(0, 7);
  assert.equal(top.length, 7, 'the synthetic hub has more than seven owners');
  const first = await heard('share-wide', 'Home');
  assert.match(first, /^Jan 1, 2027 \(UTC\): /);
  // An owner's 0x address is written short, as wallets write one.
  const short = (name) => (/^0x[0-9a-f]{40}$/.test(name) ? `${name.slice(0, 6)}…${name.slice(-4)}` : name);
  for (const o of top) assert.ok(first.includes(`${short(o.owner ?? 'Unknown owner')} ${n(o.daily[0])} (`), `${o.owner}: ${first}`);
  const rest = report.daily.events[0] - top.reduce((sum, o) => sum + o.daily[0], 0);
  assert.ok(first.endsWith(`Other ${n(rest)} (${first.match(/Other [\d,]+ \(([^)]+)\)$/)?.[1]})`), first);
  assert.equal((await table('share-wide')).rows.length, 181, 'a row a day');
  // At 320 px the same half year is drawn by week, by category.
  assert.match(await heard('share-narrow', 'Home'), /^Week of Dec 28, 2026 \(UTC\): /);
  // The categories, most listed first, with their idle models.
  const cats = [...report.categories].sort((a, b) => b.models_listed - a.models_listed || b.events - a.events);
  const c = cats[0];
  assert.ok((await heard('cats', 'Home')).startsWith(`${c.category}: Models listed ${n(c.models_listed)} (`));
  assert.ok(c.models_idle >= 0 && c.models_idle <= c.models_listed);
  const catTable = await table('cats');
  assert.equal(catTable.rows.length, report.categories.length);
  assert.deepEqual(catTable.rows[0].slice(0, 2), [c.category, n(c.models_listed)]);
  // The owners ranked as models are.
  const o = report.owners[0];
  assert.equal(await heard('owners', 'Home'), `1. ${o.owner}: Inferences ${n(o.events)}, Share ${(await heard('owners', 'Home')).match(/Share ([^,]+)/)[1]}, `
    + `Models listed ${n(o.models_listed)}, Models used ${n(o.models_active)}, Click or Enter to show only ${o.owner}`);
  // A source without a registry names no owner, and the chart says so.
  assert.match(await page.getAttribute('#bare', 'aria-label'), /the source names no owners/);
  assert.ok((await painted(page, '#bare')).share > 0.001, 'the message is drawn');
  await screenshot(page, 'owners-and-categories');
  await page.close();
});
