// Exploring one hub's use in the widget (issue #21): the `filter` attribute, a click (or Enter)
// on a row that keeps only its model, owner or category, the chips that take a value off
// again and the `hubpulse-filter` event. Every figure is checked against the demo's events
// counted here, filtered beforehand, and the dataset is fetched once for every widget.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { addWidgets, browserSuite, root, screenshot, settled } from './harness.mjs';

const suite = browserSuite();

const events = readFileSync(`${root}www/data/events.ndjson`, 'utf8').split('\n').filter(Boolean).map(JSON.parse);
const listing = new Map(JSON.parse(readFileSync(`${root}www/data/models.json`, 'utf8')).map((m) => [m.model, m]));
/** The successful events that `keep` keeps: a report's `events` over the data's span. */
const countEvents = (keep) => events.filter((e) => e.ok !== false && keep(e)).length;
/** The successful events of the models `keep` keeps. */
const count = (keep) => countEvents((e) => keep(e.model));
const inCategory = (category) => (m) => listing.get(m)?.category === category;
const hub = { src: 'data/events.ndjson', registry: 'data/models.json' };
const none = { model: [], owner: [], category: [], mode: [], kind: [], app: [] };

async function open(widgets, options = {}) {
  const page = await suite.browser.newPage({ viewport: { width: 1000, height: 1200 }, ...options });
  const errors = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await page.goto(`${suite.server.url}blank.html`);
  await addWidgets(page, widgets);
  for (const id of Object.keys(widgets)) assert.equal(await settled(page, `#${id}`), 'loaded', id);
  await page.evaluate(() => {
    window.filters = [];
    document.addEventListener('hubpulse-filter', (e) => window.filters.push({ id: e.target.id, ...e.detail }));
  });
  return { page, errors };
}

/** What the widget `id` shows: its filter, its events, its accessible name and its chips. */
const shown = (page, id) => page.evaluate((id) => {
  const el = document.getElementById(id);
  const box = el.shadowRoot.querySelector('.chips');
  const chips = box.hidden ? [] : [...box.querySelectorAll('button')].map((b) => [b.textContent, b.getAttribute('aria-label')]);
  return { filter: el.filter, events: el.report.events, label: el.getAttribute('aria-label'), chips };
}, id);

/**
 * The point of widget `id`'s legend, in page pixels, where `double(x, y)` (a double-click or a
 * double-tap) moves the filter off the one mode `kept`, or null: the legend is a row at the
 * right, under the heading and the chips, so the first entry met from its middle is vanilla.
 */
async function legendEntry(page, id, kept, double) {
  const box = await page.locator(`#${id}`).boundingBox();
  const mode = () => page.evaluate((id) => document.getElementById(id).filter?.mode.join() ?? '', id);
  for (let x = box.width / 2; x < box.width; x += 6) {
    for (const y of [82, 88, 94]) {
      await double(box.x + x, box.y + y);
      if (await mode() !== kept) return { x: box.x + x, y: box.y + y };
    }
  }
  return null;
}

/** The point of widget `id` whose tooltip's title starts with `title` (a row), in page pixels. */
async function rowAt(page, id, title) {
  const box = await page.locator(`#${id}`).boundingBox();
  for (let y = box.y + 60; y < box.y + box.height; y += 4) {
    await page.mouse.move(box.x + 60, y);
    const tip = await page.evaluate((id) => {
      const tip = document.getElementById(id).shadowRoot.querySelector('.tooltip');
      return tip.hidden ? null : { title: tip.querySelector('b').textContent, hint: tip.lastChild.textContent };
    }, id);
    if (tip?.title.startsWith(title)) return { x: box.x + 60, y, ...tip };
  }
  throw new Error(`no row of #${id} is titled ${title}`);
}

test('a filter attribute counts the part it names in every chart, says so, and a chip takes a value off', async () => {
  const vision = count(inCategory('vision'));
  const { page, errors } = await open({
    board: [1000, { ...hub, chart: 'leaderboard', filter: 'category=vision' }],
    narrow: [320, { ...hub, chart: 'volume', filter: 'category=vision&category=llm' }],
    whole: [320, { ...hub, chart: 'overview' }],
  });
  assert.ok(vision > 0 && vision < count(() => true));
  const board = await shown(page, 'board');
  assert.deepEqual(board.filter, { ...none, category: ['vision'] });
  assert.equal(board.events, vision);
  assert.match(board.label, / Filter: category vision\.$/);
  assert.deepEqual(board.chips, [['category vision ×', 'Remove the filter category vision']]);
  const narrow = await shown(page, 'narrow');
  assert.equal(narrow.events, count((m) => ['vision', 'llm'].includes(listing.get(m)?.category)));
  assert.match(narrow.label, / Filter: category vision or llm\.$/);
  assert.equal(narrow.chips.length, 2);
  const whole = await shown(page, 'whole');
  assert.deepEqual([whole.filter, whole.events, whole.chips], [none, count(() => true), []]);
  await screenshot(page, 'filtered');
  // The llm chip of the narrow widget: the vision models' use is left, and the event says so.
  await page.locator('#narrow').locator('.chips button', { hasText: 'llm' }).click();
  const cut = await shown(page, 'narrow');
  assert.deepEqual([cut.filter, cut.events, cut.chips.length], [{ ...none, category: ['vision'] }, vision, 1]);
  const [event] = await page.evaluate(() => window.filters);
  assert.deepEqual([event.id, event.filter, event.report.events], ['narrow', { ...none, category: ['vision'] }, vision]);
  // A new attribute drops the reader's filter; a value the data lacks is an error naming it.
  await page.evaluate(() => document.getElementById('narrow').setAttribute('filter', 'category=llm'));
  await page.waitForFunction(() => document.getElementById('narrow').filter?.category[0] === 'llm');
  assert.equal((await shown(page, 'narrow')).events, count(inCategory('llm')));
  await page.evaluate(() => document.getElementById('narrow').setAttribute('filter', 'owner=nobody'));
  assert.equal(await settled(page, '#narrow'), 'error');
  const said = await page.evaluate(() => document.getElementById('narrow').shadowRoot.querySelector('.status').textContent);
  assert.match(said, /filter: no owner is named "nobody" in the data/);
  const fetched = suite.server.requested.filter((path) => path.endsWith('/data/events.ndjson'));
  assert.equal(fetched.length, 1, 'one fetch for every widget and filter');
  assert.deepEqual(errors, []);
  await page.close();
});

test('a click or Enter on a row keeps only its model, owner or category, and on the only one kept shows all', async () => {
  const { page } = await open({
    board: [1000, { ...hub, chart: 'leaderboard', filter: 'category=vision' }],
    owners: [1000, { ...hub, chart: 'leaderboard', by: 'owner' }],
    categories: [1000, { ...hub, chart: 'categories' }],
  });
  const second = (await page.evaluate(() => document.getElementById('board').report.models[1]));
  const row = await rowAt(page, 'board', '2. ');
  assert.equal(row.hint, `Click or Enter to show only ${second.name}`);
  await page.mouse.click(row.x, row.y);
  const one = await shown(page, 'board');
  assert.deepEqual(one.filter, { ...none, model: [second.model], category: ['vision'] }, 'beside the category');
  assert.equal(one.events, count((m) => m === second.model));
  assert.equal(one.chips.length, 2);
  assert.notEqual(second.name, second.model, 'the demo registry names its models');
  assert.equal(one.chips[0][0], `model ${second.name} ×`, 'the chip names the model as its row did, not by id');
  assert.ok(one.label.endsWith(` Filter: model ${second.name}; category vision.`), one.label);
  // The keyboard: the arrows reach the one row left, Enter on it shows every vision model again.
  await page.locator('#board').focus();
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('Enter');
  const again = await shown(page, 'board');
  assert.deepEqual([again.filter, again.events], [{ ...none, category: ['vision'] }, count(inCategory('vision'))]);
  // An owner's row, and a category's.
  const owner = await page.evaluate(() => document.getElementById('owners').report.owners.find((o) => o.owner).owner);
  const ownerRow = await rowAt(page, 'owners', '1. ');
  await page.mouse.click(ownerRow.x, ownerRow.y);
  const owners = await shown(page, 'owners');
  assert.deepEqual(owners.filter, { ...none, owner: [owner] });
  assert.equal(owners.events, count((m) => listing.get(m)?.owner === owner));
  const firstCategory = await rowAt(page, 'categories', '');
  await page.mouse.click(firstCategory.x, firstCategory.y);
  const categories = await shown(page, 'categories');
  assert.equal(categories.filter.category.length, 1);
  assert.equal(categories.events, count(inCategory(categories.filter.category[0])));
  assert.deepEqual((await page.evaluate(() => window.filters)).map((f) => f.id), ['board', 'board', 'owners', 'categories']);
  await screenshot(page, 'filtered-by-rows');
  await page.close();
});

test('filters by mode, kind and app count those events in every widget, and a mode\'s legend entry filters by it', async () => {
  const kind = events[0].kind;
  const { page, errors } = await open({
    tee: [1000, { ...hub, chart: 'overview', filter: 'mode=tee' }],
    kinds: [320, { ...hub, chart: 'volume', filter: `kind=${encodeURIComponent(kind)}&app=chat-web` }],
    apps: [1000, { ...hub, chart: 'leaderboard', filter: 'app=og-studio&category=vision' }],
    modes: [1000, { ...hub, chart: 'verification' }],
  });
  const tee = await shown(page, 'tee');
  assert.deepEqual([tee.filter, tee.events], [{ ...none, mode: ['tee'] }, countEvents((e) => e.mode === 'tee')]);
  assert.deepEqual(tee.chips, [['mode tee ×', 'Remove the filter mode tee']]);
  assert.match(tee.label, / Filter: mode tee\.$/);
  const kinds = await shown(page, 'kinds');
  assert.equal(kinds.events, countEvents((e) => e.kind === kind && e.app === 'chat-web'));
  assert.match(kinds.label, new RegExp(` Filter: kind ${kind}; app chat-web\\.$`));
  const apps = await shown(page, 'apps');
  assert.equal(apps.events, countEvents((e) => e.app === 'og-studio' && inCategory('vision')(e.model)));
  const verified = await page.evaluate(() => document.getElementById('tee').report.verified_share);
  assert.equal(verified, 1, 'every event kept was made in a TEE');
  // Shift and the third entry's digit keep only zkml; a double-click on an entry (the legend is
  // a row at the right, under the heading and the chips: the first entry met from its left is
  // vanilla) keeps
  // only that mode instead, and a second one on it shows all again.
  await page.locator('#modes').focus();
  await page.keyboard.press('Shift+Digit3');
  await page.waitForFunction(() => document.getElementById('modes').filter?.mode.length === 1);
  const zkml = await shown(page, 'modes');
  assert.deepEqual([zkml.filter, zkml.events], [{ ...none, mode: ['zkml'] }, countEvents((e) => e.mode === 'zkml')]);
  const entry = await legendEntry(page, 'modes', 'zkml', (x, y) => page.mouse.dblclick(x, y));
  assert.ok(entry, 'a legend entry was met');
  const vanilla = await shown(page, 'modes');
  assert.deepEqual([vanilla.filter, vanilla.events], [{ ...none, mode: ['vanilla'] }, countEvents((e) => e.mode === 'vanilla')]);
  await page.mouse.dblclick(entry.x, entry.y);
  await page.waitForFunction(() => document.getElementById('modes').filter?.mode.length === 0);
  const all = await shown(page, 'modes');
  assert.deepEqual([all.filter, all.events], [none, count(() => true)]);
  assert.deepEqual((await page.evaluate(() => window.filters)).map((f) => f.id), ['modes', 'modes', 'modes']);
  assert.deepEqual(errors, []);
  await screenshot(page, 'filtered-by-mode');
  await page.close();
});

test('with row-click="card" a leaderboard\'s row opens its model\'s card, and Back or Enter goes back', async () => {
  const { page, errors } = await open({ cards: [1000, { ...hub, chart: 'leaderboard', 'row-click': 'card' }] });
  const second = await page.evaluate(() => document.getElementById('cards').report.models[1]);
  const row = await rowAt(page, 'cards', '2. ');
  assert.equal(row.hint, `Click or Enter to open the card of ${second.name}`);
  const label = () => page.evaluate(() => document.getElementById('cards').getAttribute('aria-label'));
  const board = await label();
  await page.evaluate(() => {
    window.cards = [];
    document.addEventListener('hubpulse-card', (e) => window.cards.push([e.target.id, e.detail.model]));
  });
  await page.mouse.click(row.x, row.y);
  await page.waitForFunction((board) => document.getElementById('cards').getAttribute('aria-label') !== board, board);
  const card = await label();
  assert.ok(card.includes(second.name), card);
  const back = page.locator('#cards').locator('button', { hasText: 'Back' });
  assert.ok(await back.isVisible(), 'a Back button');
  assert.deepEqual((await shown(page, 'cards')).filter, none, 'no filter: the card of one model of the whole use');
  await page.locator('#cards').screenshot({ path: `${root}test-results/card-from-row.png` });
  await back.press('Enter');
  await page.waitForFunction((board) => document.getElementById('cards').getAttribute('aria-label') === board, board);
  assert.ok(!(await back.isVisible()), 'gone with the card');
  assert.deepEqual(await page.evaluate(() => window.cards), [['cards', second.model], ['cards', null]],
                   'hubpulse-card says which card opened, then that it closed');
  // The keyboard: the arrows reach the first row, Enter opens its card.
  const first = await page.evaluate(() => document.getElementById('cards').report.models[0].name);
  await page.locator('#cards').focus();
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('Enter');
  await page.waitForFunction((board) => document.getElementById('cards').getAttribute('aria-label') !== board, board);
  assert.ok((await label()).includes(first));
  assert.deepEqual(errors, []);
  await page.close();
});

test('on a touch screen the first tap on a row shows its tooltip and the second filters', async () => {
  const { page } = await open({ board: [360, { ...hub, chart: 'leaderboard' }] }, { hasTouch: true, isMobile: true });
  const row = await rowAt(page, 'board', '3. ');
  const third = await page.evaluate(() => document.getElementById('board').report.models[2]);
  await page.touchscreen.tap(row.x, row.y);
  const tip = await page.evaluate(() => document.getElementById('board').shadowRoot.querySelector('.tooltip b')?.textContent);
  assert.equal(tip, `3. ${third.name}`);
  assert.deepEqual((await shown(page, 'board')).filter, none, 'not yet');
  await page.touchscreen.tap(row.x, row.y);
  const one = await shown(page, 'board');
  assert.deepEqual([one.filter, one.events], [{ ...none, model: [third.model] }, count((m) => m === third.model)]);
  await screenshot(page, 'filtered-touch');
  await page.close();
});

test('on a touch screen a double-tap on a mode\'s legend entry keeps only that mode, as a double-click does', async () => {
  const { page, errors } = await open({ modes: [1000, { ...hub, chart: 'verification' }] }, { hasTouch: true, isMobile: true });
  const doubleTap = async (x, y) => {
    await page.touchscreen.tap(x, y);
    await page.touchscreen.tap(x, y);
  };
  // Shift and the third entry's digit keep only zkml, so that the chips stand under the heading
  // throughout, where the legend is found.
  await page.locator('#modes').focus();
  await page.keyboard.press('Shift+Digit3');
  await page.waitForFunction(() => document.getElementById('modes').filter?.mode.length === 1);
  const entry = await legendEntry(page, 'modes', 'zkml', doubleTap);
  assert.ok(entry, 'a legend entry was met');
  const vanilla = await shown(page, 'modes');
  assert.deepEqual([vanilla.filter, vanilla.events], [{ ...none, mode: ['vanilla'] }, countEvents((e) => e.mode === 'vanilla')]);
  await doubleTap(entry.x, entry.y);
  await page.waitForFunction(() => document.getElementById('modes').filter?.mode.length === 0);
  // Each double-tap filtered once: a dblclick the browser may make of it is not taken again.
  assert.deepEqual((await page.evaluate(() => window.filters)).map((f) => f.id), ['modes', 'modes', 'modes']);
  assert.deepEqual(errors, []);
  await page.close();
});

test('widgets of one group share a brush, a row\'s filter and a reset, from one fetch, and a late one joins their view', async () => {
  const requested = suite.server.requested.length;
  const linked = { ...hub, group: 'hub' };
  const { page } = await open({
    vol: [1000, { ...linked, chart: 'volume' }],
    board: [1000, { ...linked, chart: 'leaderboard' }],
    over: [320, { ...linked, chart: 'overview' }],
    alone: [320, { ...hub, chart: 'volume' }],
  });
  await page.evaluate(() => {
    window.ranges = [];
    document.addEventListener('hubpulse-range', (e) => window.ranges.push(e.target.id));
  });
  const windows = () => page.evaluate(() => ['vol', 'board', 'over', 'alone'].map((id) => document.getElementById(id).report.window));
  const [whole] = await windows();
  const box = await page.locator('#vol').boundingBox();
  await page.mouse.move(box.x + box.width * 0.3, box.y + box.height * 0.6);
  await page.mouse.down();
  await page.mouse.move(box.x + box.width * 0.45, box.y + box.height * 0.6, { steps: 4 });
  await page.mouse.move(box.x + box.width * 0.6, box.y + box.height * 0.6, { steps: 4 });
  await page.mouse.up();
  const [vol, board, over, alone] = await windows();
  assert.ok(vol.days < whole.days / 2, `${vol.days} days`);
  assert.deepEqual([board, over, alone], [vol, vol, whole], 'the group follows; the widget outside it does not');
  assert.deepEqual(await page.evaluate(() => window.ranges), ['vol'], 'the widget brushed tells');
  const inWindow = (e) => e.ts.slice(0, 10) >= vol.from && e.ts.slice(0, 10) <= vol.to;
  const second = await page.evaluate(() => document.getElementById('board').report.models[1]);
  const row = await rowAt(page, 'board', '2. ');
  await page.mouse.click(row.x, row.y);
  for (const id of ['vol', 'board', 'over']) {
    const seen = await shown(page, id);
    assert.deepEqual(seen.filter, { ...none, model: [second.model] }, id);
    assert.equal(seen.events, events.filter((e) => e.ok !== false && e.model === second.model && inWindow(e)).length, id);
  }
  assert.deepEqual((await shown(page, 'alone')).filter, none);
  await page.locator('#over').locator('button', { hasText: 'Reset zoom' }).click();
  assert.deepEqual((await windows()).slice(0, 3), [whole, whole, whole]);
  assert.deepEqual((await shown(page, 'board')).filter, { ...none, model: [second.model] }, 'the filter stays');
  await addWidgets(page, { late: [320, { ...linked, chart: 'volume' }] });
  assert.equal(await settled(page, '#late'), 'loaded');
  assert.deepEqual((await shown(page, 'late')).filter, { ...none, model: [second.model] });
  const fetched = suite.server.requested.slice(requested).filter((path) => path.endsWith('/data/events.ndjson'));
  assert.equal(fetched.length, 1, 'one fetch for the five widgets');
  await screenshot(page, 'linked');
  await page.close();
});

test('with sync-url the view lives in the URL: a link reopens it, and back and forward step through views', async () => {
  const linked = { ...hub, group: 'hub' };
  const { page } = await open({ vol: [1000, { ...linked, chart: 'volume', 'sync-url': '' }], board: [1000, { ...linked, chart: 'leaderboard' }] });
  const view = () => page.evaluate(() => ['vol', 'board'].map((id) => {
    const el = document.getElementById(id);
    return { window: el.report.window, filter: el.filter, events: el.report.events };
  }));
  const [whole] = await view();
  const box = await page.locator('#vol').boundingBox();
  await page.mouse.move(box.x + box.width * 0.3, box.y + box.height * 0.6);
  await page.mouse.down();
  await page.mouse.move(box.x + box.width * 0.6, box.y + box.height * 0.6, { steps: 6 });
  await page.mouse.up();
  const [brushed] = await view();
  const second = await page.evaluate(() => document.getElementById('board').report.models[1]);
  const row = await rowAt(page, 'board', '2. ');
  await page.mouse.click(row.x, row.y);
  const [chosen, beside] = await view();
  const hash = new URLSearchParams(new URL(page.url()).hash.slice(1));
  assert.deepEqual([hash.get('hub.from'), hash.get('hub.to'), hash.getAll('hub.model')],
                   [brushed.window.from, brushed.window.to, [second.model]]);
  assert.deepEqual(beside, chosen);
  // The link, opened afresh: the same view in both widgets.
  const link = page.url();
  const other = await suite.browser.newPage({ viewport: { width: 1000, height: 1200 } });
  await other.goto(link);
  await addWidgets(other, { vol: [1000, { ...linked, chart: 'volume', 'sync-url': '' }], board: [1000, { ...linked, chart: 'leaderboard' }] });
  for (const id of ['#vol', '#board']) assert.equal(await settled(other, id), 'loaded');
  const reopened = await other.evaluate(() => ['vol', 'board'].map((id) => {
    const el = document.getElementById(id);
    return { window: el.report.window, filter: el.filter, events: el.report.events };
  }));
  assert.deepEqual(reopened, [chosen, beside]);
  await other.close();
  // Back: the brushed window without the filter; back again: the whole window.
  await page.goBack();
  await page.waitForFunction(() => document.getElementById('vol').filter?.model.length === 0);
  assert.deepEqual((await view())[1].window, brushed.window);
  await page.goBack();
  await page.waitForFunction((days) => document.getElementById('board').report.window.days === days, whole.window.days);
  await page.goForward();
  await page.waitForFunction((days) => document.getElementById('board').report.window.days === days, brushed.window.days);
  await page.close();
});

test('compare="previous" carries the report of the days just before, in the tiles, the volume chart and the URL', async () => {
  const linked = { ...hub, group: 'cmp', range: '30d' };
  const { page } = await open({
    tiles: [1000, { ...linked, chart: 'overview', compare: 'previous', filter: 'category=vision', 'sync-url': '' }],
    vol: [1000, { ...linked, chart: 'volume', compare: 'previous', filter: 'category=vision' }],
  });
  const report = await page.evaluate(() => document.getElementById('tiles').report);
  const before = report.compared;
  const day = (d, n) => new Date(Date.parse(`${d}T00:00:00Z`) + n * 864e5).toISOString().slice(0, 10);
  assert.deepEqual(before.window, { from: day(report.window.from, -30), to: day(report.window.from, -1), days: 30 });
  // The earlier period's figures are its own report's, counted here from the events.
  const inside = (e, w) => e.ts.slice(0, 10) >= w.from && e.ts.slice(0, 10) <= w.to;
  const vision = (e) => listing.get(e.model)?.category === 'vision';
  assert.equal(before.events, events.filter((e) => e.ok !== false && vision(e) && inside(e, before.window)).length);
  assert.equal(before.failed, events.filter((e) => e.ok === false && vision(e) && inside(e, before.window)).length);
  assert.ok(before.events > 0 && before.models.length === 0 && before.compared === null);
  for (const m of report.models.slice(0, 5)) {
    const then = events.filter((e) => e.ok !== false && e.model === m.model && inside(e, before.window)).length;
    assert.equal(m.events_compared, then, `${m.model}'s events then`);
  }
  const alone = await page.evaluate(async (w) => {
    const { load } = await import('./hubpulse.js');
    const data = await load({ events: new URL('data/events.ndjson', location.href).href, registry: new URL('data/models.json', location.href).href });
    const r = data.report({ from: w.from, to: w.to, filter: { category: ['vision'] } });
    data.free();
    return r;
  }, before.window);
  for (const key of ['events', 'failed', 'models_active', 'models_listed', 'callers', 'mau', 'effective_models', 'verified_share', 'daily']) {
    assert.deepEqual(before[key], alone[key], key);
  }
  const change = `${Math.round(Math.abs(report.events / before.events - 1) * 100)}\u00a0%`;
  await page.locator('#tiles').focus();
  await page.keyboard.press('Home');
  const tile = await page.evaluate(() => document.getElementById('tiles').shadowRoot.querySelector('[aria-live]').textContent);
  assert.match(tile, new RegExp(`^Inferences: Value [0-9,]+, [+−]${change} against `), 'the first tile says its change');
  // Set by script, the comparison is the group's and the URL's; a link reopens it.
  await page.evaluate(() => { document.getElementById('vol').compare = '2026-08-01/2026-08-14'; });
  await page.waitForFunction(() => document.getElementById('tiles').report.compared?.window.days === 14);
  const hash = new URLSearchParams(new URL(page.url()).hash.slice(1));
  assert.equal(hash.get('cmp.compare'), '2026-08-01/2026-08-14');
  const other = await suite.browser.newPage({ viewport: { width: 1000, height: 800 } });
  await other.goto(page.url());
  await addWidgets(other, { tiles: [1000, { ...linked, chart: 'overview', compare: 'previous', filter: 'category=vision', 'sync-url': '' }] });
  assert.equal(await settled(other, '#tiles'), 'loaded');
  const reopened = await other.evaluate(() => document.getElementById('tiles').report);
  assert.deepEqual([reopened.compared.window.from, reopened.input.filter.category], ['2026-08-01', ['vision']]);
  await other.close();
  await screenshot(page, 'compared');
  await page.close();
});
