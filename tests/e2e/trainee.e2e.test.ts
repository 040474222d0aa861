import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { createNodeAnalyzer } from '../../src/node/node-rules';
import { loadNodeScenarios } from '../../src/node/node-scenarios';
import { bestChoiceOf } from '../../src/core/report';
import { openBrowser, screenshot, type BrowserSession, type Page } from './browser';
import {
  strongReplies,
  seriousViolations,
  onReport,
  waitForTurn,
  typeReply,
  startOverIfOffered,
} from './trainee-actions';

async function expectReport(page: Page): Promise<void> {
  await expect.poll(() => onReport(page)).toBe(true);
  await expect
    .poll(() => page.getByRole('heading', { level: 1 }).textContent())
    .toMatch(/^练习报告/);
  await expect.poll(() => page.getByRole('region', { name: '总分' }).count()).toBe(1);
}

/** Saves the trainee's profile (each test can then run on its own). */
async function ensureProfile(page: Page): Promise<void> {
  await page.goto(`${inject('appUrl')}#/profile`);
  await page.getByLabel('姓名').fill('李明');
  await page.getByLabel('工号').fill('E001');
  await page.getByLabel('部门').fill('客服部');
  await page.getByRole('button', { name: '保存' }).click();
  await expect.poll(() => page.getByText('已保存。').count()).toBe(1);
}

async function playByTyping(page: Page, scenarioId: string, mode = 'coach'): Promise<void> {
  await page.goto(`${inject('appUrl')}#/practice/${scenarioId}?mode=${mode}`);
  for (const reply of strongReplies(scenarioId)) {
    if (onReport(page)) break;
    await typeReply(page, reply);
  }
  await expectReport(page);
}

describe('trainee practises in headless Chromium', () => {
  let session: BrowserSession;
  beforeAll(async () => {
    session = await openBrowser();
  });
  afterAll(async () => {
    await session?.close();
  });

  it('should ask for a profile first, then complete a complaint scenario by typing', async () => {
    const { page } = session;
    await page.goto(`${inject('appUrl')}#/practice/complaint-late-delivery?mode=coach`);
    await page.getByLabel('姓名').fill('李明');
    await page.getByLabel('工号').fill('E001');
    await page.getByLabel('部门').fill('客服部');
    await page.getByRole('button', { name: '保存并开始练习' }).click();

    const box = page.getByLabel('你的回复');
    await box.fill('你弄错了，但是我们会查一下');
    const hints = page.getByRole('region', { name: '教练提示' });
    await expect.poll(() => hints.locator('mark').count()).toBe(2);
    await screenshot(page, 'practice-coach-hints');
    expect(await seriousViolations(page)).toEqual([]);

    const [first, ...rest] = strongReplies('complaint-late-delivery');
    await typeReply(page, first ?? '');
    await expect
      .poll(() => page.getByRole('meter', { name: '顾客情绪' }).getAttribute('aria-valuenow'))
      .not.toBe('30');
    await screenshot(page, 'practice-coach-after-reply');
    for (const reply of rest) if (!onReport(page)) await typeReply(page, reply);
    await expectReport(page);
    expect(await page.getByRole('region', { name: '总分' }).textContent()).toContain('通过');
    await expect.poll(() => page.locator('canvas').count()).toBe(1);
    await screenshot(page, 'report-complaint');
    expect(await seriousViolations(page)).toEqual([]);
    await page.screenshot({ path: 'test-artifacts/report-complaint-top.png' });
  });

  it('should complete a SPIN and a value-add scenario by typing', async () => {
    const { page } = session;
    await ensureProfile(page);
    await playByTyping(page, 'spin-office-printer', 'exam');
    await playByTyping(page, 'value-add-rice-delivery');
    await screenshot(page, 'report-value-add');
  });

  it('should resume a conversation after a reload with nothing lost', async () => {
    const { page } = session;
    await ensureProfile(page);
    const [first, second, ...rest] = strongReplies('complaint-price-drop');
    await page.goto(`${inject('appUrl')}#/practice/complaint-price-drop?mode=coach`);
    await typeReply(page, first ?? '');
    await typeReply(page, second ?? '');
    await page.reload();
    await page.getByRole('button', { name: '继续上次的对话' }).click();
    const log = page.getByRole('list', { name: '对话记录' });
    await expect.poll(() => log.getByText(first ?? '', { exact: true }).count()).toBe(1);
    await expect.poll(() => log.getByText(second ?? '', { exact: true }).count()).toBe(1);
    for (const reply of rest) if (!onReport(page)) await typeReply(page, reply);
    await expectReport(page);
    const transcript = page.getByRole('region', { name: '完整对话' });
    expect(await transcript.getByText(first ?? '', { exact: true }).count()).toBe(1);
  });

  it('should complete a scenario in choice mode, picking the best reply each time', async () => {
    const { page } = session;
    await ensureProfile(page);
    const scenario = loadNodeScenarios().scenarios.find(
      (item) => item.id === 'spin-restaurant-pos',
    );
    const { analyzer } = await createNodeAnalyzer();
    if (!scenario) throw new Error('scenario spin-restaurant-pos is missing');
    await page.goto(`${inject('appUrl')}#/practice/${scenario.id}?mode=choice`);
    const group = page.getByRole('group', { name: '选一条回复' });
    await expect.poll(() => group.getByRole('button').count()).toBeGreaterThan(2);
    await screenshot(page, 'practice-choice');
    for (let turn = 0; turn < 12 && !onReport(page); turn++) {
      const log = page.getByRole('list', { name: '对话记录' }).getByRole('listitem');
      const before = await log.count();
      // Which step is showing, known by its authored replies (shown in an order of their own);
      // the best one is what a report would call the model reply, clicked by its words.
      const shown = await group.getByRole('button').allTextContents();
      const step = scenario.steps.find((candidate) =>
        candidate.choices.some((choice) => shown.includes(choice['zh-CN'])),
      );
      const best = step ? bestChoiceOf(scenario, step, analyzer, 'choice') : undefined;
      const bestText = best?.text['zh-CN'];
      await (
        bestText
          ? group.getByRole('button').filter({ hasText: bestText }).first()
          : group.getByRole('button').first()
      ).click();
      const ready = group.getByRole('button', { disabled: false });
      await expect
        .poll(
          async () => onReport(page) || ((await log.count()) > before && (await ready.count()) > 0),
        )
        .toBe(true);
    }
    await expectReport(page);
    expect(await page.getByRole('region', { name: '总分' }).textContent()).toContain('通过');
    await screenshot(page, 'report-choice');
  });

  it('should show the model reply beside a weak one and let the trainee retry that turn', async () => {
    const { page } = session;
    await ensureProfile(page);
    await page.goto(`${inject('appUrl')}#/practice/complaint-late-delivery?mode=choice`);
    const group = page.getByRole('group', { name: '选一条回复' });
    // A brush-off first, then whatever comes first: a weak attempt.
    await group.getByRole('button', { name: /过几天再打来/ }).click();
    for (let turn = 0; turn < 12 && !onReport(page); turn++) {
      const log = page.getByRole('list', { name: '对话记录' }).getByRole('listitem');
      const before = await log.count();
      await group.getByRole('button').first().click();
      const ready = group.getByRole('button', { disabled: false });
      await expect
        .poll(
          async () => onReport(page) || ((await log.count()) > before && (await ready.count()) > 0),
        )
        .toBe(true);
    }
    await expectReport(page);
    const weak = page.getByRole('region', { name: '可以说得更好的回复' });
    await weak.getByRole('button', { name: '重练这一句' }).first().click();
    await weak
      .getByRole('textbox')
      .fill('王女士，真的非常抱歉！让您请了假还白等，换作是我也会很生气。');
    await weak.getByRole('button', { name: '试试这句' }).click();
    await expect.poll(() => weak.getByRole('status').textContent()).toMatch(/比原来好了/);
    await weak.screenshot({ path: 'test-artifacts/report-weak-replies.png' });
  });

  it('should keep the exam countdown running across a reload', async () => {
    const { page } = session;
    await ensureProfile(page);
    await page.goto(`${inject('appUrl')}#/practice/complaint-price-drop?mode=exam`);
    const timer = page.getByRole('timer');
    const seconds = async () => Number(/\d+/.exec((await timer.textContent()) ?? '')?.[0]);
    await expect.poll(seconds, { timeout: 10_000 }).toBeLessThanOrEqual(57);
    await page.reload();
    await page.getByRole('button', { name: '继续上次的对话' }).click();
    // Were the deadline reset on reload, the countdown would read its full 60 s again.
    expect(await seconds()).toBeLessThanOrEqual(57);
  });

  it('should fit a 390×844 phone: navigation, send button, hints above the box, history', async () => {
    const { page } = session;
    await ensureProfile(page);
    await page.setViewportSize({ width: 390, height: 844 });
    try {
      /** How many lines an element's text takes on screen. */
      const lines = (selector: string) =>
        page.evaluate((query) => {
          const found = [...document.querySelectorAll(query)];
          return found.map((element) => {
            const range = document.createRange();
            range.selectNodeContents(element);
            return new Set([...range.getClientRects()].map((rect) => Math.round(rect.top))).size;
          });
        }, selector);

      /** Elements that stick out past the right edge of the phone (the page would scroll sideways). */
      const overflowing = () =>
        page.evaluate(() =>
          [...document.querySelectorAll('body *')]
            .filter((element) => element.getBoundingClientRect().right > window.innerWidth + 1)
            .filter((element) => !element.closest('.visually-hidden'))
            .map((element) => `${element.tagName.toLowerCase()}.${element.className}`)
            .slice(0, 5),
        );

      await page.goto(`${inject('appUrl')}#/practice/complaint-late-delivery?mode=coach`);
      await startOverIfOffered(page);
      const box = page.getByLabel('你的回复');
      await box.fill('你弄错了，但是我们会查一下');
      const hints = page.getByRole('region', { name: '教练提示' });
      await expect.poll(() => hints.locator('mark').count()).toBe(2);

      expect(await lines('header nav a')).toEqual([1, 1, 1, 1, 1]);
      expect(await lines('.reply-row button')).toEqual([1]);
      const hintBox = await hints.boundingBox();
      const replyBox = await box.boundingBox();
      expect(hintBox && replyBox && hintBox.y + hintBox.height <= replyBox.y).toBe(true);
      expect(await overflowing()).toEqual([]);
      await screenshot(page, 'phone-practice-coach');

      await page.goto(`${inject('appUrl')}#/practice/complaint-late-delivery?mode=choice`);
      await startOverIfOffered(page);
      const group = page.getByRole('group', { name: '选一条回复' });
      await group.getByRole('button', { name: /真的非常抱歉/ }).click();
      await expect
        .poll(() => page.getByRole('region', { name: '上一个选择的得分' }).textContent())
        .toMatch(/上一个选择：\+\d+ 分/);
      await screenshot(page, 'phone-practice-choice-feedback');

      await playByTyping(page, 'value-add-rice-delivery');
      expect(await overflowing()).toEqual([]);
      await screenshot(page, 'phone-report');
      await page.screenshot({ path: 'test-artifacts/phone-report-top.png' });

      await page.goto(`${inject('appUrl')}#/history`);
      const table = page.getByRole('table', { name: '全部练习' });
      await expect.poll(() => table.count()).toBe(1);
      await screenshot(page, 'phone-history');
      expect(await overflowing()).toEqual([]);
      // Each attempt is a card: its scenario title reads on one line, not a character a line.
      const titles = await lines('.history-table tbody th');
      expect(titles.length).toBeGreaterThan(0);
      expect(Math.max(...titles)).toBe(1);
      expect(await seriousViolations(page)).toEqual([]);

      await page.goto(`${inject('appUrl')}#/records`);
      await expect.poll(() => page.getByRole('heading', { name: '培训档案' }).count()).toBe(1);
      await screenshot(page, 'phone-records');
    } finally {
      await page.setViewportSize({ width: 1280, height: 860 });
    }
    for (const [name, hash] of [
      ['wide-history', '#/history'],
      ['wide-records', '#/records'],
      ['wide-practice-choice', '#/practice/complaint-late-delivery?mode=choice'],
    ] as const) {
      await page.goto(`${inject('appUrl')}${hash}`);
      await page.locator('main h1').first().waitFor();
      await screenshot(page, name);
    }
    await page.goto(`${inject('appUrl')}#/records`);
    await page.getByRole('radio', { name: '完成矩阵' }).click();
    await page.getByRole('group', { name: '计入完成的模式' }).waitFor();
    await screenshot(page, 'wide-records-matrix');
  });

  it('should be completed with the keyboard alone', async () => {
    const { page } = session;
    await ensureProfile(page);
    await page.goto(`${inject('appUrl')}#/practice/complaint-rough-installation?mode=coach`);
    await expect.poll(() => page.getByLabel('你的回复').count()).toBe(1);
    for (const reply of strongReplies('complaint-rough-installation')) {
      if (onReport(page)) break;
      for (let presses = 0; presses < 30; presses++) {
        const focused = await page.evaluate(() => document.activeElement?.tagName);
        if (focused === 'TEXTAREA') break;
        await page.keyboard.press('Tab');
      }
      await page.keyboard.insertText(reply);
      await page.keyboard.press('Enter');
      await waitForTurn(page, reply);
    }
    await expectReport(page);
    // The report's own controls are reachable by keyboard too: retry a turn or try again.
    for (let presses = 0; presses < 40; presses++) {
      await page.keyboard.press('Tab');
      const name = await page.evaluate(() => document.activeElement?.textContent ?? '');
      if (name === '再练一次') break;
    }
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('再练一次');
    await page.keyboard.press('Enter');
    await expect.poll(() => new URL(page.url()).hash).toMatch(/^#\/practice\//);
  });
});
