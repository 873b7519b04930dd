// What the benchmarks measure with, shared by bench.mjs and peers.mjs: the repository
// served from 127.0.0.1, a fresh browser per measurement (so its peak memory is that
// run's alone), the renderer's peak resident memory, and a native command's time and peak.
import { createServer } from 'http-server';
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { launch } from '../tests/harness.mjs';

export const root = new URL('..', import.meta.url).pathname;

/** Serves the repository root (www/ and bench/) on 127.0.0.1; resolves to { base, close }. */
export async function serveRoot() {
  const server = createServer({ root, cache: -1, showDir: false, logFn: () => {} });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { base: `http://127.0.0.1:${server.server.address().port}`, close: () => server.close() };
}

/** Runs `fn(browser)` in a browser of its own, closed after. */
export async function inFreshBrowser(fn) {
  const browser = await launch();
  try {
    return await fn(browser);
  } finally {
    await browser.close();
  }
}

/** The peak resident memory (Linux's VmHWM) of the browser's renderer processes, in bytes;
 * a page's dedicated workers live in its renderer, so theirs is included. */
export async function rendererPeak(browser) {
  const session = await browser.newBrowserCDPSession();
  const { processInfo } = await session.send('SystemInfo.getProcessInfo');
  await session.detach();
  const peaks = processInfo.filter((p) => p.type === 'renderer').map((p) => peakOf(p.id));
  return Math.max(0, ...peaks);
}

/** VmHWM of a process in bytes, 0 once it is gone. */
function peakOf(pid) {
  try {
    return Number(readFileSync(`/proc/${pid}/status`, 'utf8').match(/VmHWM:\s+(\d+) kB/)?.[1] ?? 0) * 1024;
  } catch {
    return 0;
  }
}

/** Runs a native command with its output thrown away; resolves to its wall time and its
 * peak resident memory, read from /proc every 5 ms (the high-water mark only rises, so
 * the last reading is the peak unless the peak came in the last 5 ms). */
export function nativeRun(command, args) {
  return new Promise((resolve, reject) => {
    const start = performance.now();
    const child = spawn(command, args, { stdio: ['ignore', 'ignore', 'pipe'] });
    let peak = 0;
    let stderr = '';
    const poll = setInterval(() => { peak = Math.max(peak, peakOf(child.pid)); }, 5);
    child.stderr.on('data', (chunk) => { stderr += chunk; });
    child.on('error', reject);
    child.on('exit', (status) => {
      clearInterval(poll);
      if (status !== 0) reject(new Error(`${command} ${args.join(' ')}: ${stderr.trim()}`));
      else resolve({ ms: performance.now() - start, peakBytes: peak });
    });
  });
}

export const median = (values) => [...values].sort((a, b) => a - b)[values.length >> 1];
export const mib = (bytes) => `${(bytes / 2 ** 20).toFixed(0)} MiB`;
export const mb = (bytes) => `${(bytes / 1e6).toFixed(0)} MB`;
export const ms = (value) => `${value.toFixed(0)} ms`;
export const times = (value) => `${value.toFixed(1)}×`;
