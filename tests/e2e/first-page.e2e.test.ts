import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { openBrowser, screenshot, type BrowserSession } from './browser';

describe('first page in headless Chromium', () => {
  let session: BrowserSession;
  beforeAll(async () => {
    session = await openBrowser();
  });
  afterAll(async () => {
    await session?.close();
  });

  it('should greet in Chinese and switch to English', async () => {
    const { page } = session;
    await page.goto(inject('appUrl'));
    await expect
      .poll(() => page.getByRole('heading', { level: 1 }).textContent())
      .toBe('今天想练哪一段对话？');
    expect(await page.getAttribute('html', 'lang')).toBe('zh-CN');
    await screenshot(page, 'first-page-zh');

    await page.getByLabel('界面语言').selectOption('en');
    await expect
      .poll(() => page.getByRole('heading', { level: 1 }).textContent())
      .toBe('Which conversation do you want to practise today?');
    expect(await page.getAttribute('html', 'lang')).toBe('en');

    await page.reload();
    await expect.poll(() => page.getByRole('link', { name: 'Scenarios' }).count()).toBe(1);
  });
});
