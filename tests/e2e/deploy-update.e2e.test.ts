/**
 * A deploy switch on one test server: build A is served and its worker installed, then build B
 * replaces every file (A's hashed chunks are gone, as on a real deploy). The open build must
 * keep working, offer the new version, never reload mid-conversation, and after the trainee
 * accepts run build B with its lazy pages.
 */
import { execFile } from 'node:child_process';
import { cpSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { serveStatic, type StaticServer } from '../../src/node/static-server';
import { openBrowser, screenshot, type BrowserSession, type Page } from './browser';

// Build B: the same app with one lazy page changed, which renames nearly every chunk. Built in
// its own process with NODE_ENV=production (this one runs under NODE_ENV=test).
const BUILD_B = `
import { build } from 'vite';
await build({
  logLevel: 'warn',
  build: { outDir: process.env.DEPLOY_OUT_DIR, emptyOutDir: true },
  plugins: [{
    name: 'deploy-b-marker',
    transform(code, id) {
      if (!id.endsWith('src/features/library/library-page.tsx')) return undefined;
      return code + "\\ndocument.documentElement.dataset.build = 'B';\\n";
    },
  }],
});
`;

async function buildB(outDir: string): Promise<void> {
  await promisify(execFile)(process.execPath, ['--input-type=module', '-e', BUILD_B], {
    env: { ...process.env, NODE_ENV: 'production', DEPLOY_OUT_DIR: outDir },
  });
}

/** Replaces everything the server serves with `build`, as a deploy does. */
function deploy(build: string, site: string): void {
  for (const name of readdirSync(site)) rmSync(join(site, name), { recursive: true, force: true });
  cpSync(build, site, { recursive: true });
}

/** The entry script of the build running in the page (its name changes with every build). */
function entryScript(page: Page): Promise<string> {
  return page.evaluate(
    () => document.querySelector<HTMLScriptElement>('script[type="module"][src]')?.src ?? '',
  );
}

async function heading(page: Page, name: string): Promise<void> {
  await expect.poll(() => page.getByRole('heading', { level: 1, name }).count()).toBe(1);
}

describe('a new deploy while the app is open', () => {
  let session: BrowserSession;
  let server: StaticServer;
  let workDir: string;
  let site: string;
  let buildDirB: string;

  beforeAll(async () => {
    workDir = mkdtempSync(join(tmpdir(), 'servicedojo-deploy-'));
    site = join(workDir, 'site');
    buildDirB = join(workDir, 'build-b');
    cpSync('dist', site, { recursive: true });
    await buildB(buildDirB);
    server = await serveStatic(site);
    session = await openBrowser();
  }, 180_000);
  afterAll(async () => {
    await session?.close();
    await server?.close();
    rmSync(workDir, { recursive: true, force: true });
  });

  it('should keep the open build working, offer B, and run B with lazy pages after accepting', async () => {
    const { page } = session;
    const url = server.url;

    // Build A, with its worker in control (clientsClaim) and a profile for the practice page.
    await page.goto(`${url}#/profile`);
    await page.getByLabel('姓名').fill('王芳');
    await page.getByLabel('工号').fill('E042');
    await page.getByLabel('部门').fill('售后部');
    await page.getByRole('button', { name: '保存' }).click();
    await expect.poll(() => page.getByText('已保存。').count()).toBe(1);
    await page.evaluate(() => navigator.serviceWorker.ready.then(() => undefined));
    await expect
      .poll(() => page.evaluate(() => navigator.serviceWorker.controller !== null))
      .toBe(true);
    const entryA = await entryScript(page);
    expect(entryA).toMatch(/\/assets\/.+\.js$/);
    // The first install offers nothing.
    expect(await page.getByRole('button', { name: '更新并重新加载' }).count()).toBe(0);

    deploy(buildDirB, site);
    // A's chunks are gone from the server, as after a real deploy.
    expect((await fetch(entryA)).status).toBe(404);

    // The first reload after the deploy still runs A; B installs and waits.
    await page.goto(`${url}#/`);
    await page.reload();
    expect(await entryScript(page)).toBe(entryA);
    await expect
      .poll(() => page.getByRole('button', { name: '更新并重新加载' }).count(), {
        timeout: 30_000,
      })
      .toBe(1);
    expect(await page.getByRole('status').filter({ hasText: '新版本已就绪' }).count()).toBe(1);
    await screenshot(page, 'deploy-update-offered');

    // Lazy pages of A still open (they used to 404 and leave a blank page).
    await page.goto(`${url}#/history`);
    await heading(page, '练习记录');
    expect(await page.getByRole('alert').count()).toBe(0);

    // Mid-conversation: the banner says so, offers no reload, and nothing reloads.
    await page.goto(`${url}#/practice/complaint-broken-aircon?mode=coach`);
    await expect.poll(() => page.getByRole('textbox').count()).toBeGreaterThan(0);
    await expect
      .poll(() =>
        page.getByRole('status').filter({ hasText: '练习结束后或回到首页时再更新' }).count(),
      )
      .toBe(1);
    expect(await page.getByRole('button', { name: '更新并重新加载' }).count()).toBe(0);
    expect(page.url()).toContain('#/practice/');
    expect(await entryScript(page)).toBe(entryA);

    // On the start page the trainee accepts: B takes over and the page reloads on it.
    await page.goto(`${url}#/`);
    await Promise.all([
      page.waitForEvent('load'),
      page.getByRole('button', { name: '更新并重新加载' }).click(),
    ]);
    await expect.poll(() => entryScript(page)).not.toBe(entryA);
    await expect
      .poll(() => page.evaluate(() => navigator.serviceWorker.controller !== null))
      .toBe(true);
    expect(await page.getByRole('button', { name: '更新并重新加载' }).count()).toBe(0);

    // B's lazy pages load, from the network and then offline from B's precache.
    await page.goto(`${url}#/library`);
    await heading(page, '场景库');
    expect(await page.evaluate(() => document.documentElement.dataset.build)).toBe('B');
    await page.goto(`${url}#/history`);
    await heading(page, '练习记录');
    await session.browser.setOffline(true);
    try {
      await page.reload();
      await heading(page, '练习记录');
      await page.goto(`${url}#/profile`);
      await heading(page, '个人资料');
      await page.goto(`${url}#/library`);
      await heading(page, '场景库');
      expect(await page.evaluate(() => document.documentElement.dataset.build)).toBe('B');
      expect(await page.getByRole('alert').count()).toBe(0);
    } finally {
      await session.browser.setOffline(false);
    }
    await screenshot(page, 'deploy-update-applied');
  });
});
