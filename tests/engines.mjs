// The three browser engines a reader may use, behind one small driver, so that one test runs
// in each: Chromium (Debian's, through playwright-core), Firefox (Debian's ESR, through
// puppeteer-core over WebDriver BiDi) and WebKit (WebKitGTK's MiniBrowser, Safari's engine,
// through its WebKitWebDriver with selenium-webdriver, on an Xvfb display). Playwright's own
// Firefox and WebKit builds cannot be downloaded here; these are the system's.
//
// A tab offers what every engine's driver can do: go to a URL, run a function in the page
// (awaiting a promise it returns), wait for one to be true, move and press the mouse in CSS
// pixels of the viewport, press keys, and take a screenshot.
import { spawn } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { launch } from './harness.mjs';

export const ENGINES = ['chromium', 'firefox', 'webkit'];

const MINIBROWSER = '/usr/lib/x86_64-linux-gnu/webkit2gtk-4.1/MiniBrowser';
const VIEWPORT = { width: 1200, height: 900 };

/** Starts `engine`; resolves to `{ version, tab(), close() }`, one tab open at a time. */
export async function startEngine(engine) {
  if (engine === 'chromium') return chromium();
  if (engine === 'firefox') return firefox();
  if (engine === 'webkit') return webkit();
  throw new Error(`no engine ${engine}`);
}

async function chromium() {
  const browser = await launch();
  return {
    version: `Chromium ${browser.version()}`,
    async tab() {
      const page = await browser.newPage({ viewport: VIEWPORT });
      return {
        goto: (url) => page.goto(url),
        evaluate: (fn, arg) => page.evaluate(fn, arg),
        waitFor: (fn, arg, timeout = 30_000) => page.waitForFunction(fn, arg, { timeout }),
        mouse: { move: (x, y) => page.mouse.move(x, y), down: () => page.mouse.down(), up: () => page.mouse.up() },
        press: (key) => page.keyboard.press(key),
        screenshot: (path) => page.screenshot({ path }),
        close: () => page.close(),
      };
    },
    close: () => browser.close(),
  };
}

async function firefox() {
  const { default: puppeteer } = await import('puppeteer-core');
  const browser = await puppeteer.launch({
    browser: 'firefox', protocol: 'webDriverBiDi', executablePath: '/usr/bin/firefox-esr', headless: true,
  });
  return {
    version: await browser.version(),
    async tab() {
      const page = await browser.newPage();
      await page.setViewport(VIEWPORT);
      return {
        goto: (url) => page.goto(url),
        evaluate: (fn, arg) => page.evaluate(fn, arg),
        waitFor: (fn, arg, timeout = 30_000) => page.waitForFunction(fn, { timeout }, arg),
        mouse: { move: (x, y) => page.mouse.move(x, y), down: () => page.mouse.down(), up: () => page.mouse.up() },
        press: (key) => page.keyboard.press(key),
        screenshot: (path) => page.screenshot({ path }),
        close: () => page.close(),
      };
    },
    close: () => browser.close(),
  };
}

/** WebDriver's codes for the keys the tests press. */
const KEYS = { ArrowRight: '\uE014', ArrowLeft: '\uE012', Home: '\uE011', End: '\uE010', Escape: '\uE00C' };

async function webkit() {
  const { default: webdriver } = await import('selenium-webdriver');
  const display = await xvfb();
  const port = 4400 + Math.floor(Math.random() * 500);
  const service = spawn('/usr/bin/WebKitWebDriver', [`--port=${port}`], {
    stdio: 'ignore', env: { ...process.env, DISPLAY: display.name },
  });
  await waitForPort(port);
  const capabilities = new webdriver.Capabilities();
  capabilities.set('browserName', 'MiniBrowser');
  capabilities.set('webkitgtk:browserOptions', { binary: MINIBROWSER, args: ['--automation'] });
  const driver = await new webdriver.Builder().usingServer(`http://127.0.0.1:${port}`).withCapabilities(capabilities).build();
  await driver.manage().window().setRect({ x: 0, y: 0, ...VIEWPORT });
  const version = (await driver.getCapabilities()).get('browserVersion');
  // In a page, `fn(arg)` with its promise awaited: WebDriver runs a function body.
  const call = (fn, arg) => driver.executeScript(`return (${fn})(arguments[0]);`, arg);
  const actions = () => driver.actions({ async: true });
  let pointer = { x: 0, y: 0 };
  return {
    version: `WebKitGTK ${version}`,
    async tab() {
      return {
        goto: (url) => driver.get(url),
        evaluate: call,
        waitFor: (fn, arg, timeout = 30_000) => driver.wait(() => call(fn, arg), timeout),
        mouse: {
          move: (x, y) => {
            pointer = { x: Math.round(x), y: Math.round(y) };
            return actions().move({ ...pointer, origin: 'viewport' }).perform();
          },
          down: () => actions().move({ ...pointer, origin: 'viewport' }).press().perform(),
          up: () => actions().move({ ...pointer, origin: 'viewport' }).release().perform(),
        },
        press: (key) => actions().sendKeys(KEYS[key] ?? key).perform(),
        screenshot: async (path) => writeFileSync(path, Buffer.from(await driver.takeScreenshot(), 'base64')),
        close: () => driver.get('about:blank'),
      };
    },
    async close() {
      await driver.quit();
      service.kill();
      display.close();
    },
  };
}

/** An X display of its own (Xvfb picks a free number and says which). */
function xvfb() {
  const server = spawn('Xvfb', ['-displayfd', '3', '-screen', '0', '1280x1024x24', '-nolisten', 'tcp'], {
    stdio: ['ignore', 'ignore', 'ignore', 'pipe'],
  });
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.stdio[3].once('data', (data) => resolve({ name: `:${String(data).trim()}`, close: () => server.kill() }));
  });
}

/** Resolves once something listens on `port` of 127.0.0.1 (a driver that has started). */
async function waitForPort(port, timeout = 10_000) {
  const ends = Date.now() + timeout;
  while (Date.now() < ends) {
    try {
      const response = await fetch(`http://127.0.0.1:${port}/status`);
      if (response.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`WebKitWebDriver did not start on port ${port}`);
}
