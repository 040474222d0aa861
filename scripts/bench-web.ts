/**
 * `npm run bench:web`: how the built app feels in a browser. Builds ServiceDojo and a blank
 * Vite + React page (same toolchain, in a temp folder), serves both on 127.0.0.1 and measures in
 * headless Chromium: first-screen load (median of cold loads) and the ratio to the blank page,
 * the first screen's JavaScript (gzip), the coach hint's latency after a keystroke, and, with
 * 100,000 attempts in IndexedDB, the records page's first render and a CSV export of them all.
 * Prints figures; asserts nothing. Options: RUNS=7, ATTEMPTS=100000, CPU_SLOWDOWN=4.
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { gzipSync } from 'node:zlib';
import react from '@vitejs/plugin-react';
import { chromium, type Browser, type Page } from 'playwright-core';
import { build } from 'vite';
import { serveStatic } from '../src/node/static-server';

/** Debian's Chromium (never a downloaded browser), as in the end-to-end tests. */
const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

const RUNS = Number(process.env.RUNS ?? 5);
const ATTEMPTS = Number(process.env.ATTEMPTS ?? 100_000);
const CPU_SLOWDOWN = Number(process.env.CPU_SLOWDOWN ?? 1);
const QUIET_MS = 1000;

const work = mkdtempSync(join(tmpdir(), 'servicedojo-bench-web-'));
const appDir = join(work, 'app');
const blankRoot = join(work, 'blank');

async function buildApp(): Promise<void> {
  await build({ logLevel: 'warn', build: { outDir: appDir, emptyOutDir: true } });
}

/** A blank Vite + React page: one heading, rendered by React, nothing else. */
async function buildBlank(): Promise<string> {
  mkdirSync(join(blankRoot, 'src'), { recursive: true });
  symlinkSync(resolve('node_modules'), join(blankRoot, 'node_modules'));
  writeFileSync(
    join(blankRoot, 'index.html'),
    '<!doctype html><html lang="zh-CN"><head><meta charset="UTF-8" /><title>blank</title></head>' +
      '<body><div id="root"></div><script type="module" src="/src/main.jsx"></script></body></html>',
  );
  writeFileSync(
    join(blankRoot, 'src/main.jsx'),
    "import { createRoot } from 'react-dom/client';\n" +
      "createRoot(document.getElementById('root')).render(<h1>空白页</h1>);\n",
  );
  const outDir = join(blankRoot, 'dist');
  await build({
    root: blankRoot,
    configFile: false,
    base: './',
    logLevel: 'warn',
    plugins: [react()],
    build: { outDir, emptyOutDir: true, target: 'es2022' },
  });
  return outDir;
}

/** gzip bytes of the entry script and its modulepreloads: what the first screen must fetch. */
function firstScreenJs(dir: string): { files: string[]; gzip: number } {
  const html = readFileSync(join(dir, 'index.html'), 'utf8');
  const files = [...html.matchAll(/(?:src|href)="\.?\/?([^"]+\.js)"/g)].map((match) => match[1]!);
  const gzip = files.reduce(
    (sum, file) => sum + gzipSync(readFileSync(join(dir, file)), { level: 9 }).length,
    0,
  );
  return { files, gzip };
}

const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? NaN;
};
const ms = (value: number | undefined) =>
  value === undefined || Number.isNaN(value) ? 'n/a' : `${value.toFixed(1)} ms`;
const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`;

// Runs before any page script: collects long tasks (main thread busy > 50 ms) from the start.
const OBSERVE_LONG_TASKS = `
  window.__name = (fn) => fn; // tsx names the functions handed to page.evaluate with this helper
  window.__longTaskEnds = [];
  new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) window.__longTaskEnds.push(entry.startTime + entry.duration);
  }).observe({ type: 'longtask', buffered: true });
`;

interface Load {
  fcp: number;
  interactive: number;
  jsBytes: number;
}

/**
 * One cold load (fresh context: empty cache, no service worker). Interactive = the later of
 * first contentful paint, DOMContentLoaded end and the end of the last long task, once the
 * page has had QUIET_MS with no long task and no request in flight.
 */
async function coldLoad(browser: Browser, url: string, ready: string): Promise<Load> {
  const context = await browser.newContext({ serviceWorkers: 'block', locale: 'zh-CN' });
  const page = await context.newPage();
  if (CPU_SLOWDOWN > 1) {
    const cdp = await context.newCDPSession(page);
    await cdp.send('Emulation.setCPUThrottlingRate', { rate: CPU_SLOWDOWN });
  }
  await page.addInitScript(OBSERVE_LONG_TASKS);
  let inFlight = 0;
  let lastNetwork = Date.now();
  let jsBytes = 0;
  page.on('request', () => {
    inFlight++;
    lastNetwork = Date.now();
  });
  const done = () => {
    inFlight--;
    lastNetwork = Date.now();
  };
  page.on('requestfinished', (request) => {
    done();
    if (request.resourceType() === 'script')
      void request
        .response()
        .then((response) => response?.body())
        .then((body) => {
          if (body) jsBytes += gzipSync(body).length;
        });
  });
  page.on('requestfailed', done);
  await page.goto(url);
  await page.waitForSelector(ready);
  let lastLongTasks = -1;
  let quietSince = Date.now();
  for (;;) {
    await page.waitForTimeout(100);
    const count = await page.evaluate(
      () => (window as unknown as { __longTaskEnds: number[] }).__longTaskEnds.length,
    );
    if (count !== lastLongTasks || inFlight > 0) {
      lastLongTasks = count;
      quietSince = Date.now();
    }
    if (Date.now() - Math.max(quietSince, lastNetwork) >= QUIET_MS) break;
  }
  const timing = await page.evaluate(() => {
    const paint = performance.getEntriesByName('first-contentful-paint')[0];
    const navigation = performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming;
    const ends = (window as unknown as { __longTaskEnds: number[] }).__longTaskEnds;
    return {
      fcp: paint?.startTime ?? NaN,
      dcl: navigation.domContentLoadedEventEnd,
      lastLongTask: Math.max(0, ...ends),
    };
  });
  await context.close();
  return {
    fcp: timing.fcp,
    interactive: Math.max(timing.fcp, timing.dcl, timing.lastLongTask),
    jsBytes,
  };
}

async function saveProfile(page: Page, appUrl: string): Promise<void> {
  await page.goto(`${appUrl}#/profile`);
  await page.getByLabel('姓名').fill('李明');
  await page.getByLabel('工号').fill('E001');
  await page.getByLabel('部门').fill('客服部');
  await page.getByRole('button', { name: '保存' }).click();
  await page.getByText('已保存。').waitFor();
}

/**
 * Keystroke to coach hint: the draft holds "你弄错", the key adds "了" (a forbidden phrase);
 * measured from the input event to the hint's DOM change and to the next frame after it.
 */
async function coachHintLatency(page: Page, appUrl: string) {
  await page.goto(`${appUrl}#/practice/complaint-late-delivery?mode=coach`);
  const box = page.getByLabel('你的回复');
  await box.waitFor();
  const toDom: number[] = [];
  const toFrame: number[] = [];
  for (let round = 0; round < 15; round++) {
    await box.fill('');
    await box.fill('您好，你弄错');
    await page.waitForTimeout(150);
    const waiting = page.evaluate(
      () =>
        new Promise<{ dom: number; frame: number }>((done, fail) => {
          const hints = document.querySelector('.coach-hints');
          if (!hints) return fail(new Error('no coach hints region'));
          let start = 0;
          const onInput = () => (start = performance.now());
          document.addEventListener('input', onInput, { capture: true, once: true });
          const observer = new MutationObserver(() => {
            if (start === 0 || !hints.querySelector('mark')) return;
            observer.disconnect();
            const dom = performance.now() - start;
            requestAnimationFrame(() => done({ dom, frame: performance.now() - start }));
          });
          observer.observe(hints, { childList: true, subtree: true, characterData: true });
          setTimeout(() => fail(new Error('no hint within 2 s')), 2000);
        }),
    );
    await box.press('End');
    await page.keyboard.insertText('了');
    const { dom, frame } = await waiting;
    toDom.push(dom);
    toFrame.push(frame);
  }
  return { dom: median(toDom), frame: median(toFrame) };
}

/**
 * Writes `count` finished attempts straight into the app's IndexedDB store, each with the
 * summary the app writes beside it in the same transaction (src/data/attempt-summaries.ts).
 */
async function seedAttempts(page: Page, count: number): Promise<void> {
  await page.evaluate(async (total) => {
    const db = await new Promise<IDBDatabase>((done, fail) => {
      const request = indexedDB.open('servicedojo');
      request.onsuccess = () => done(request.result);
      request.onerror = () => fail(request.error);
    });
    if (!db.objectStoreNames.contains('attemptSummaries'))
      throw new Error('the app has not created the attemptSummaries store');
    const scenarios = ['complaint-late-delivery', 'spin-office-printer', 'value-add-rice-delivery'];
    const departments = ['客服部', '售后部', '销售部', '前台'];
    const batch = 5000;
    for (let from = 0; from < total; from += batch) {
      await new Promise<void>((done, fail) => {
        const tx = db.transaction(['attempts', 'attemptSummaries'], 'readwrite');
        const store = tx.objectStore('attempts');
        const summaries = tx.objectStore('attemptSummaries');
        for (let i = from; i < Math.min(total, from + batch); i++) {
          const startedAt = Date.UTC(2025, 0, 1) + i * 60_000;
          const score = 40 + ((i * 37) % 61);
          const trainee = {
            name: `学员${i % 2000}`,
            employeeNo: `E${String(i % 2000).padStart(4, '0')}`,
            department: departments[i % 4]!,
          };
          const common = {
            id: `bench-${i}`,
            scenarioId: scenarios[i % 3],
            scenarioVersion: 1,
            scenarioTitle: { 'zh-CN': `场景 ${i % 3}`, en: `Scenario ${i % 3}` },
            mode: i % 2 ? 'exam' : 'coach',
            status: 'finished',
            startedAt,
            finishedAt: startedAt + 300_000,
            durationMs: 300_000,
            score,
            passed: score >= 70,
            endingKind: score >= 70 ? 'retained' : 'lost',
          };
          store.put({
            ...common,
            schemaVersion: 1,
            trainee,
            updatedAt: startedAt + 300_000,
            revision: 1,
            snapshot: null,
          });
          summaries.put({ ...common, ...trainee, dimensions: {}, pass: score >= 70 ? 1 : 0 });
        }
        tx.oncomplete = () => done();
        tx.onerror = () => fail(tx.error);
      });
    }
    db.close();
  }, count);
}

/**
 * Records page first render (hash change to the first table row) and a CSV export of all
 * attempts: "show every attempt" is ticked first, so the export is not only the counting rows.
 */
async function recordsFigures(page: Page, appUrl: string) {
  await page.goto(`${appUrl}#/`);
  await page.waitForSelector('h1');
  // First render: the first table row (the newest attempts paint before the rest are read).
  // All loaded: the export buttons appear, i.e. counting, matrix and filters cover every attempt.
  const times = await page.evaluate(
    () =>
      new Promise<{ render?: number; all?: number }>((done) => {
        const start = performance.now();
        let render: number | undefined;
        window.location.hash = '#/records';
        const check = () => {
          const now = performance.now() - start;
          if (
            render === undefined &&
            document.querySelector('main table tbody tr, main [role="row"] + [role="row"]')
          )
            render = now;
          const exportReady = [...document.querySelectorAll('button')].some(
            (button) => button.textContent === '导出 CSV',
          );
          if (render !== undefined && exportReady) return done({ render, all: now });
          if (now > 60_000) return done({ render });
          requestAnimationFrame(check);
        };
        check();
      }),
  );
  const { render, all } = times;
  if (render === undefined || all === undefined) return { render, all, csv: undefined };
  await page.getByLabel('显示每一次练习').check();
  try {
    // The seeded attempts plus the one the coach-hint run left in progress.
    await page.waitForFunction(
      (least) =>
        [...document.querySelectorAll('[role="status"]')].some(
          (status) => Number(/共 (\d+) 条/.exec(status.textContent ?? '')?.[1] ?? 0) >= least,
        ),
      ATTEMPTS,
      { timeout: 60_000 },
    );
  } catch {
    const shown = await page.getByRole('status').allTextContents();
    console.log(`  every attempt not shown (status: ${shown.join(' | ')})`);
    return { render, all, csv: undefined };
  }
  const csv = await page.evaluate(
    () =>
      new Promise<{ ms: number; bytes: number } | undefined>((done) => {
        const original = URL.createObjectURL.bind(URL);
        const button = [...document.querySelectorAll('button')].find(
          (candidate) => candidate.textContent === '导出 CSV',
        );
        if (!button) return done(undefined);
        const start = performance.now();
        URL.createObjectURL = (blob: Blob | MediaSource) => {
          done({ ms: performance.now() - start, bytes: blob instanceof Blob ? blob.size : 0 });
          URL.createObjectURL = original;
          return original(blob);
        };
        button.click();
        setTimeout(() => done(undefined), 60_000);
      }),
  );
  return { render, all, csv };
}

async function main(): Promise<void> {
  console.log('building the app and a blank Vite + React page …');
  await buildApp();
  const blankDir = await buildBlank();
  const app = await serveStatic(appDir);
  const blank = await serveStatic(blankDir);
  const browser = await chromium.launch({
    executablePath: CHROMIUM_PATH,
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run'],
  });
  try {
    const js = firstScreenJs(appDir);
    const blankJs = firstScreenJs(blankDir);
    console.log(
      `first screen JS (entry + preloads, gzip -9): ${kb(js.gzip)}  [target ≤ 200 KB]  (blank page ${kb(blankJs.gzip)})`,
    );

    // Alternate the pages so both see the same machine load.
    const appLoads: Load[] = [];
    const blankLoads: Load[] = [];
    for (let run = 0; run < RUNS; run++) {
      blankLoads.push(await coldLoad(browser, blank.url, 'h1'));
      appLoads.push(await coldLoad(browser, app.url, 'main h1'));
    }
    const summary = (loads: Load[]) => ({
      fcp: median(loads.map((load) => load.fcp)),
      interactive: median(loads.map((load) => load.interactive)),
      jsBytes: median(loads.map((load) => load.jsBytes)),
    });
    const appLoad = summary(appLoads);
    const blankLoad = summary(blankLoads);
    console.log(
      `cold load, median of ${RUNS}${CPU_SLOWDOWN > 1 ? ` (CPU ${CPU_SLOWDOWN}× slower)` : ''}:`,
    );
    console.log(
      `  blank page   FCP ${ms(blankLoad.fcp)}  interactive ${ms(blankLoad.interactive)}  JS fetched ${kb(blankLoad.jsBytes)} gzip`,
    );
    console.log(
      `  ServiceDojo  FCP ${ms(appLoad.fcp)}  interactive ${ms(appLoad.interactive)}  JS fetched ${kb(appLoad.jsBytes)} gzip (every script fetched until quiet)`,
    );
    console.log(
      `  ratio (interactive) ${(appLoad.interactive / blankLoad.interactive).toFixed(2)}×  [target ≤ 1.5×]`,
    );

    const context = await browser.newContext({ serviceWorkers: 'block', locale: 'zh-CN' });
    const page = await context.newPage();
    await page.addInitScript(OBSERVE_LONG_TASKS);
    await saveProfile(page, app.url);
    try {
      const hint = await coachHintLatency(page, app.url);
      console.log(
        `coach hint after a keystroke (median of 15): DOM ${ms(hint.dom)}, next frame ${ms(hint.frame)}  [target < 16 ms]`,
      );
    } catch (error) {
      console.log(`coach hint after a keystroke: n/a (${(error as Error).message})`);
    }

    const seedStart = performance.now();
    await seedAttempts(page, ATTEMPTS);
    console.log(`seeded ${ATTEMPTS} attempts in ${ms(performance.now() - seedStart)}`);
    const records = await recordsFigures(page, app.url);
    console.log(
      `records page first render (${ATTEMPTS} attempts): ${ms(records.render)}  [target < 1 s]`,
    );
    console.log(`records page all attempts loaded (filters, matrix, exports): ${ms(records.all)}`);
    console.log(
      `CSV export of all (${ATTEMPTS} attempts, every attempt shown): ${ms(records.csv?.ms)}` +
        `${records.csv ? `, ${kb(records.csv.bytes)}` : ''}  [target < 3 s]`,
    );
    await context.close();
  } finally {
    await browser.close();
    await app.close();
    await blank.close();
    rmSync(work, { recursive: true, force: true });
  }
}

await main();
