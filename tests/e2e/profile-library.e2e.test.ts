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

    await page.getByLabel('界面语言').selectOption('en');
    await expect
      .poll(() => page.getByRole('heading', { level: 1 }).textContent())
      .toBe('Scenario library');
    expect(
      await cards
        .first()
        .getByRole('link', { name: /^Start: / })
        .count(),
    ).toBe(1);
    await screenshot(page, 'library-en');
    await page.getByLabel('Language').selectOption('zh-CN');
  });

  it('should list past attempts and draw the score trend with chart.js', async () => {
    const { page } = session;
    await page.goto(`${inject('appUrl')}#/history`);
    await expect.poll(() => page.getByRole('link', { name: '打开场景库' }).count()).toBe(1);
    // Past attempts written straight into the app's IndexedDB, as finished runs would leave them.
    await page.evaluate(async () => {
      const day = 24 * 3600 * 1000;
      const base = Date.UTC(2025, 2, 3, 2, 0);
      const title = { 'zh-CN': '沙发迟到两周', en: 'A sofa two weeks late' };
      const trainee = { name: '李明', employeeNo: 'E001', department: '客服部' };
      const rows = [48, 63, 71, 86].map((score, index) => ({
        id: `seeded-${index}`,
        schemaVersion: 1,
        scenarioId: 'complaint-late-delivery',
        scenarioVersion: 1,
        scenarioTitle: title,
        mode: index % 2 ? 'exam' : 'coach',
        trainee,
        status: 'finished',
        startedAt: base + index * day,
        updatedAt: base + index * day,
        finishedAt: base + index * day + 600_000,
        revision: 3,
        snapshot: {},
        score,
        passed: score >= 65,
        endingKind: score >= 65 ? 'retained' : 'escalated',
      }));
      const db = await new Promise<IDBDatabase>((resolve, reject) => {
        const request = indexedDB.open('servicedojo');
        request.onsuccess = () => resolve(request.result);
        request.onerror = () => reject(request.error);
      });
      await new Promise<void>((resolve, reject) => {
        const transaction = db.transaction('attempts', 'readwrite');
        for (const row of rows) transaction.objectStore('attempts').put(row);
        transaction.oncomplete = () => resolve();
        transaction.onerror = () => reject(transaction.error);
      });
      db.close();
    });
    await page.reload();
    const table = page.getByRole('table', { name: '全部练习' });
    await expect.poll(() => table.getByRole('row').count()).toBe(5);
    expect(await table.getByRole('row').nth(1).textContent()).toContain('86');
    await expect.poll(() => page.getByText('图表加载中…').count()).toBe(0);
    expect(await page.getByText('无法绘制图表').count()).toBe(0);
    const canvas = page.getByRole('img', { name: '沙发迟到两周：历次得分' });
    expect((await canvas.boundingBox())?.height).toBeGreaterThan(100);
    await screenshot(page, 'history-zh');
  });
});
