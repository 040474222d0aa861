import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { openBrowser, type BrowserSession, type Page } from './browser';
import { seriousViolations, startOverIfOffered, strongReplies } from './trainee-actions';

const firstStrongReply = (scenarioId: string) => strongReplies(scenarioId)[0] ?? '';

/** Opens a route and waits for its heading; undefined when the route does not exist (yet). */
async function open(page: Page, hash: string): Promise<string | undefined> {
  await page.goto(`${inject('appUrl')}${hash}`);
  await page.waitForSelector('main h1, main [role="status"]');
  await expect.poll(() => page.locator('main h1').count(), { timeout: 10_000 }).toBeGreaterThan(0);
  const heading = (await page.locator('main h1').first().textContent()) ?? '';
  return heading === '找不到这个页面' ? undefined : heading;
}

describe('accessibility in headless Chromium (axe-core)', () => {
  let session: BrowserSession;
  const found: Record<string, string[]> = {};
  beforeAll(async () => {
    session = await openBrowser();
    const { page } = session;
    await page.goto(`${inject('appUrl')}#/profile`);
    await page.getByLabel('姓名').fill('李明');
    await page.getByLabel('工号').fill('E001');
    await page.getByLabel('部门').fill('客服部');
    await page.getByRole('button', { name: '保存' }).click();
    await page.getByText('已保存。').waitFor();
  });
  afterAll(async () => {
    await session?.close();
  });

  it.each([
    ['home', '#/'],
    ['library', '#/library'],
    ['profile', '#/profile'],
    ['history', '#/history'],
    ['records', '#/records'],
    ['trainer', '#/trainer'],
    ['not found', '#/nowhere'],
  ])('should have no serious or critical violations on the %s page', async (_name, hash) => {
    const { page } = session;
    await open(page, hash);
    expect(await seriousViolations(page)).toEqual([]);
  });

  it('should have no serious or critical violations in a class console, its projector and a customer brief', async () => {
    const { page } = session;
    await open(page, '#/trainer');
    await page.getByLabel('课堂名称').fill('无障碍检查班');
    await page.getByLabel('培训师', { exact: true }).fill('周老师');
    await page.getByLabel('沙发迟到两周').check();
    await page.getByRole('button', { name: '创建课堂' }).click();
    await page.getByRole('heading', { name: '无障碍检查班' }).waitFor();
    await page
      .getByLabel(/粘贴或输入名单/)
      .fill('张伟,E101,客服部\n李娜,E102,客服部\n王芳,E103,售后部');
    await page.getByRole('button', { name: '加入名单' }).click();
    await page.getByRole('button', { name: '随机分组' }).click();
    await page.getByRole('button', { name: '安排第 1 轮' }).click();
    await page.getByRole('button', { name: '编辑 张伟' }).click();
    await page.getByRole('button', { name: /^但（/ }).click();
    await page.getByRole('region', { name: /当前得分/ }).waitFor();
    expect(await seriousViolations(page)).toEqual([]);

    const classId = /#\/trainer\/class\/(.+)$/.exec(page.url())?.[1] ?? '';
    await page.goto(`${inject('appUrl')}#/trainer/projector/${classId}`);
    await page
      .getByRole('img', { name: /顾客角色卡的二维码$/ })
      .first()
      .waitFor();
    expect(await seriousViolations(page)).toEqual([]);

    await open(page, '#/brief/complaint-late-delivery?group=1');
    expect(await seriousViolations(page)).toEqual([]);
  });

  it.each(['coach', 'exam', 'choice'])(
    'should have no serious or critical violations when practising in %s mode',
    async (mode) => {
      const { page } = session;
      await open(page, `#/practice/complaint-late-delivery?mode=${mode}`);
      await startOverIfOffered(page);
      expect(await seriousViolations(page)).toEqual([]);
    },
  );

  it('should have no serious violations on the completion matrix with its counted-modes setting', async () => {
    const { page } = session;
    await open(page, '#/records');
    await page.getByRole('radio', { name: '完成矩阵' }).click();
    await page.getByRole('group', { name: '计入完成的模式' }).waitFor();
    await page.getByText('考试次数限制').click();
    expect(await seriousViolations(page)).toEqual([]);
  });

  it('should have no serious violations at 390×844 after a choice and on the history', async () => {
    const { page } = session;
    await page.setViewportSize({ width: 390, height: 844 });
    try {
      await open(page, '#/practice/complaint-late-delivery?mode=choice');
      await startOverIfOffered(page);
      const group = page.getByRole('group', { name: '选一条回复' });
      await group.getByRole('button', { name: /真的非常抱歉/ }).click();
      await page.getByRole('region', { name: '上一个选择的得分' }).waitFor();
      expect(await seriousViolations(page)).toEqual([]);
      await open(page, '#/history');
      expect(await seriousViolations(page)).toEqual([]);
    } finally {
      await page.setViewportSize({ width: 1280, height: 860 });
    }
  });

  it('should announce the new customer line in a live region', async () => {
    const { page } = session;
    await open(page, '#/practice/spin-office-printer?mode=coach');
    const live = page.locator('[aria-live="polite"], [aria-live="assertive"], [role="log"]');
    await expect.poll(() => live.count()).toBeGreaterThan(0);
    const before = (await live.allTextContents()).join(' ');
    await page.getByLabel('你的回复').fill(firstStrongReply('spin-office-printer'));
    await page.getByLabel('你的回复').press('Enter');
    // The customer's answer to the reply arrives in the live region for screen readers.
    await expect.poll(async () => (await live.allTextContents()).join(' ')).not.toBe(before);
  });

  it('should show where the keyboard focus is on every focusable control of the start page', async () => {
    const { page } = session;
    await open(page, '#/');
    for (let press = 0; press < 8; press++) {
      await page.keyboard.press('Tab');
      const focus = await page.evaluate(() => {
        const element = document.activeElement as HTMLElement | null;
        if (!element || element === document.body) return undefined;
        const style = getComputedStyle(element);
        return {
          name:
            element.textContent?.trim() || element.getAttribute('aria-label') || element.tagName,
          visible:
            (style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) > 0) ||
            style.boxShadow !== 'none',
        };
      });
      if (!focus) continue;
      found[focus.name] = [String(focus.visible)];
      expect(focus, `focus ring on "${focus.name}"`).toMatchObject({ visible: true });
    }
    expect(Object.keys(found).length).toBeGreaterThan(2);
  });
});
