import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { openBrowser, screenshot, type BrowserSession } from './browser';

describe('trainee sets a profile and browses the library in headless Chromium', () => {
  let session: BrowserSession;
  beforeAll(async () => {
    session = await openBrowser();
  });
  afterAll(async () => {
    await session?.close();
  });

  it('should keep the profile, list the scenarios in Chinese and filter them', async () => {
    const { page } = session;
    await page.goto(`${inject('appUrl')}#/profile`);
    await page.getByRole('button', { name: '保存' }).click();
    await expect.poll(() => page.getByRole('alert').textContent()).toContain('请填写姓名。');
    await screenshot(page, 'profile-zh-errors');
    await page.getByLabel('姓名').fill('李明');
    await page.getByLabel('工号').fill('E001');
    await page.getByLabel('部门').fill('客服部');
    await page.getByRole('button', { name: '保存' }).click();
    await expect.poll(() => page.getByText('已保存。').count()).toBe(1);

    await page.reload();
    await expect.poll(() => page.getByLabel('部门').inputValue()).toBe('客服部');

    await page.getByRole('link', { name: '场景库' }).click();
    await expect.poll(() => page.getByRole('heading', { level: 1 }).textContent()).toBe('场景库');
    expect(await page.getByRole('link', { name: '场景库' }).getAttribute('aria-current')).toBe(
      'page',
    );
    const cards = page.getByRole('article');
    await expect.poll(() => cards.count()).toBeGreaterThan(3);
    const all = await cards.count();

    await page.getByLabel('类别').selectOption({ label: 'SPIN 提问' });
    await expect.poll(() => cards.count()).toBeLessThan(all);
    const shown = await cards.count();
    expect(shown).toBeGreaterThan(0);
    for (let index = 0; index < shown; index++)
      expect(await cards.nth(index).textContent()).toContain('SPIN 提问');
    await page.getByRole('radio', { name: /考试模式/ }).check();
    const start = cards.first().getByRole('link', { name: /^开始练习/ });
    expect(await start.getAttribute('href')).toMatch(/^#\/practice\/[a-z0-9-]+\?mode=exam$/);
    await screenshot(page, 'library-zh-filtered');

    await page.getByLabel('类别').selectOption({ label: '全部' });
    await expect.poll(() => cards.count()).toBe(all);
    await screenshot(page, 'library-zh');
  });
});
