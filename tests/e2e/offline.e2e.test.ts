import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { openBrowser, screenshot, type BrowserSession } from './browser';
import { strongReplies, onReport, typeReply, waitForServiceWorker } from './trainee-actions';

describe('offline after one visit', () => {
  let session: BrowserSession;
  beforeAll(async () => {
    session = await openBrowser();
  });
  afterAll(async () => {
    await session?.close();
  });

  it('should be installable: a zh-CN manifest with 192, 512 and maskable icons', async () => {
    const { page } = session;
    await page.goto(inject('appUrl'));
    const href = await page.locator('link[rel="manifest"]').first().getAttribute('href');
    expect(href).toBeTruthy();
    const manifest = (await page.evaluate(
      (url) => fetch(url).then((response) => response.json()),
      href ?? '',
    )) as {
      name: string;
      short_name: string;
      lang: string;
      icons: { sizes: string; purpose?: string; src: string }[];
    };
    expect(manifest.short_name).toBe('服务道场');
    expect(manifest.lang).toBe('zh-CN');
    expect(manifest.icons.map((icon) => icon.sizes)).toEqual(
      expect.arrayContaining(['192x192', '512x512']),
    );
    expect(manifest.icons.some((icon) => icon.purpose === 'maskable')).toBe(true);
    for (const icon of manifest.icons) {
      const type = await page.evaluate(
        (src) => fetch(src).then((response) => response.headers.get('content-type')),
        icon.src,
      );
      expect(type).toBe('image/png');
    }
  });

  it('should open and run a whole scenario to the report with the network off', async () => {
    const { browser, page } = session;
    await page.goto(`${inject('appUrl')}#/profile`);
    await page.getByLabel('姓名').fill('王芳');
    await page.getByLabel('工号').fill('E042');
    await page.getByLabel('部门').fill('售后部');
    await page.getByRole('button', { name: '保存' }).click();
    await expect.poll(() => page.getByText('已保存。').count()).toBe(1);
    await waitForServiceWorker(page);

    await browser.setOffline(true);
    try {
      expect(await page.evaluate(() => navigator.onLine)).toBe(false);
      await page.reload();
      await expect
        .poll(() => page.getByRole('heading', { level: 1, name: '个人资料' }).count())
        .toBe(1);
      await page.goto(`${inject('appUrl')}#/library`);
      await expect
        .poll(() => page.getByRole('heading', { level: 1, name: '场景库' }).count())
        .toBe(1);

      await page.goto(`${inject('appUrl')}#/practice/complaint-broken-aircon?mode=coach`);
      for (const reply of strongReplies('complaint-broken-aircon')) {
        if (onReport(page)) break;
        await typeReply(page, reply);
      }
      await expect.poll(() => onReport(page)).toBe(true);
      await expect.poll(() => page.getByRole('region', { name: '总分' }).count()).toBe(1);
      // The chart library is a lazy chunk; it must come from the cache as well.
      await expect.poll(() => page.locator('canvas').count()).toBe(1);
      await screenshot(page, 'offline-report');
    } finally {
      await browser.setOffline(false);
    }
  });
});
