import { afterEach, beforeEach, describe, expect, inject, it } from 'vitest';
import { openBrowser, screenshot, type BrowserSession } from './browser';
import {
  strongReplies,
  onReport,
  typeReply,
  saveProfile,
  practiseToReport,
} from './trainee-actions';

// With no IndexedDB (private mode); a string, so the test runner's transform adds nothing.
const NO_INDEXEDDB = `Object.defineProperty(window, 'indexedDB', { value: undefined, configurable: true });`;
// Chromium's quota override does not reach navigator.storage here: fake a full disk, whose
// estimate has no room left and whose attempt writes fail as a real full disk's do.
const FULL_DISK = `
  navigator.storage.estimate = () => Promise.resolve({ usage: 999990, quota: 1000000 });
  const put = IDBObjectStore.prototype.put;
  IDBObjectStore.prototype.put = function (...args) {
    if (this.name === 'attempts') throw new DOMException('over quota', 'QuotaExceededError');
    return put.apply(this, args);
  };
`;
const NOT_KEPT = /关闭这个标签页后，这次练习就不会保留/;

// Any script smuggled in through a name or a reply would set this flag or open a dialog.
const TRAP = `window.__pwned = 0; window.alert = () => { window.__pwned++; };`;
const HOSTILE_NAME = '<img src=x onerror="window.__pwned=1">';
const HOSTILE_REPLIES = [
  '<script>window.__pwned=2</script>对不起，给您添麻烦了，能说说具体情况吗？',
  '<img src=x onerror="window.__pwned=3"> 我理解您的心情 😀👍🏽 OK，對不起',
];

describe('bad input in headless Chromium', () => {
  let session: BrowserSession;
  beforeEach(async () => {
    session = await openBrowser();
  });
  afterEach(async () => {
    await session?.close();
  });

  it('should show markup in names and replies as text and run none of it', async () => {
    const { browser, page } = session;
    await browser.addInitScript(TRAP);
    let dialogs = 0;
    page.on('dialog', (dialog) => {
      dialogs++;
      void dialog.dismiss();
    });
    await saveProfile(page, HOSTILE_NAME);
    await page.goto(`${inject('appUrl')}#/practice/complaint-late-delivery?mode=coach`);
    for (const reply of HOSTILE_REPLIES) await typeReply(page, reply);
    const log = page.getByRole('list', { name: '对话记录' });
    for (const reply of HOSTILE_REPLIES)
      expect(await log.getByText(reply, { exact: true }).count()).toBe(1);
    expect(await page.locator('main img, main script').count()).toBe(0);
    await page.goto(`${inject('appUrl')}#/history`);
    await page.reload();
    expect(await page.evaluate(() => (window as unknown as { __pwned: number }).__pwned)).toBe(0);
    expect(dialogs).toBe(0);
  });

  it('should refuse an empty reply and a 50,000-character one with a message, keeping the text', async () => {
    const { page } = session;
    await saveProfile(page);
    await page.goto(`${inject('appUrl')}#/practice/spin-office-printer?mode=coach`);
    const box = page.getByLabel('你的回复');
    await box.fill('   ');
    await box.press('Enter');
    await expect.poll(() => page.getByText('回复是空的').count()).toBe(1);

    const huge = '好'.repeat(49_990) + '你弄错了😀';
    await box.fill(huge);
    await box.press('Enter');
    await expect.poll(() => page.getByText(/回复太长了/).count()).toBe(1);
    expect((await box.inputValue()).length).toBe(huge.length);
    expect(await page.getByRole('list', { name: '对话记录' }).getByText(huge).count()).toBe(0);
    // The page still works: a normal reply goes through.
    await typeReply(page, strongReplies('spin-office-printer')[0] ?? '');
  });

  it('should run without IndexedDB (private mode) and say records will not be kept', async () => {
    const { browser, page } = session;
    await browser.addInitScript(NO_INDEXEDDB);
    const errors: string[] = [];
    page.on('pageerror', (error) => errors.push(error.message));
    await page.goto(inject('appUrl'));
    const banner = page.getByText('练习记录不会保留');
    await expect.poll(() => banner.count()).toBe(1);
    await page.goto(`${inject('appUrl')}#/library`);
    await expect
      .poll(() => page.getByRole('heading', { level: 1, name: '场景库' }).count())
      .toBe(1);
    await expect.poll(() => page.locator('main article').count()).toBeGreaterThan(3);
    await screenshot(page, 'bad-input-no-indexeddb');
    expect(await banner.count()).toBe(1);
    // History and profile open too: empty, with the banner, nothing thrown.
    await page.goto(`${inject('appUrl')}#/history`);
    await expect
      .poll(() => page.getByRole('heading', { level: 1, name: '练习记录' }).count())
      .toBe(1);
    expect(await page.getByRole('row').filter({ hasText: '已完成' }).count()).toBe(0);
    expect(await banner.count()).toBe(1);
    await page.goto(`${inject('appUrl')}#/profile`);
    await expect.poll(() => page.getByLabel('姓名').count()).toBe(1);
    expect(await page.getByLabel('姓名').inputValue()).toBe('');
    expect(await banner.count()).toBe(1);
    expect(errors).toEqual([]);
  });

  it('should keep running and say records will not be kept when the disk is over quota', async () => {
    const { browser, page } = session;
    // The fake disk is in place from the first page on; the profile table still has room.
    await browser.addInitScript(FULL_DISK);
    await saveProfile(page);
    await page.goto(`${inject('appUrl')}#/practice/spin-office-printer?mode=coach`);
    await expect.poll(() => page.getByText('存储空间已满').count()).toBe(1);
    // The refused save does not stop the turn: the reply is in the log, said once in plain words.
    const reply = strongReplies('spin-office-printer')[0] ?? '';
    await typeReply(page, reply);
    await expect.poll(() => page.getByText(NOT_KEPT).count()).toBe(1);
    expect(await page.getByText(/保存失败|QuotaExceededError/).count()).toBe(0);
    expect(await page.getByLabel('你的回复').inputValue()).toBe('');
    await screenshot(page, 'bad-input-over-quota');
  });

  it('should let a whole scenario be practised without IndexedDB, nothing kept', async () => {
    const { browser, page } = session;
    await browser.addInitScript(NO_INDEXEDDB);
    const errors: string[] = [];
    page.on('pageerror', (error) => errors.push(error.message));
    // The profile is kept for the tab, so practice can start.
    await saveProfile(page, '李明', /已记住/);
    // In the same document: the profile lives in this tab's memory only.
    await page.evaluate(`location.hash = '#/practice/complaint-late-delivery?mode=coach'`);
    await expect.poll(() => page.getByText(NOT_KEPT).count()).toBe(1);
    const sent = await practiseToReport(page, 'complaint-late-delivery');
    await expect.poll(() => page.getByText(/这份报告只在这个标签页里/).count()).toBe(1);
    const transcript = page.getByRole('region', { name: '完整对话' });
    for (const reply of sent)
      await expect.poll(() => transcript.getByText(reply, { exact: true }).count()).toBe(1);
    expect(await page.getByText('练习记录不会保留').count()).toBe(1);
    expect(await page.getByText(/保存失败|MissingAPIError|DatabaseClosedError/).count()).toBe(0);
    await screenshot(page, 'bad-input-no-indexeddb-report');
    expect(errors).toEqual([]);
  });

  it('should let the conversation go on when the disk is full, nothing kept', async () => {
    const { browser, page } = session;
    // The fake disk is in place from the first page on; the profile table still has room.
    await browser.addInitScript(FULL_DISK);
    await saveProfile(page);
    await page.goto(`${inject('appUrl')}#/practice/spin-office-printer?mode=coach`);
    const sent = await practiseToReport(page, 'spin-office-printer');
    expect(sent.length).toBeGreaterThan(1);
    await expect.poll(() => page.getByText(/这份报告只在这个标签页里/).count()).toBe(1);
    const transcript = page.getByRole('region', { name: '完整对话' });
    for (const reply of sent)
      await expect.poll(() => transcript.getByText(reply, { exact: true }).count()).toBe(1);
    expect(await page.getByText('存储空间已满').count()).toBe(1);
    expect(await page.getByText(/保存失败|QuotaExceededError/).count()).toBe(0);
  });

  it('should resume after a reload at every step and finish with every reply kept', async () => {
    const { page } = session;
    await saveProfile(page);
    const replies = strongReplies('value-add-rice-delivery');
    await page.goto(`${inject('appUrl')}#/practice/value-add-rice-delivery?mode=coach`);
    const sent: string[] = [];
    for (const reply of replies) {
      if (onReport(page)) break;
      await typeReply(page, reply);
      sent.push(reply);
      if (onReport(page)) break;
      await page.reload();
      await page.getByRole('button', { name: '继续上次的对话' }).click();
      const log = page.getByRole('list', { name: '对话记录' });
      for (const earlier of sent)
        await expect.poll(() => log.getByText(earlier, { exact: true }).count()).toBe(1);
    }
    await expect.poll(() => onReport(page)).toBe(true);
    const transcript = page.getByRole('region', { name: '完整对话' });
    for (const reply of sent)
      await expect.poll(() => transcript.getByText(reply, { exact: true }).count()).toBe(1);
  });

  it('should keep both attempts when two tabs practise at the same time', async () => {
    const { browser, page } = session;
    await saveProfile(page);
    const other = await browser.newPage();
    const scenarios = ['complaint-price-drop', 'spin-restaurant-pos'] as const;
    await page.goto(`${inject('appUrl')}#/practice/${scenarios[0]}?mode=coach`);
    await other.goto(`${inject('appUrl')}#/practice/${scenarios[1]}?mode=coach`);
    const [first, second] = scenarios.map(strongReplies);
    for (let turn = 0; turn < Math.max(first?.length ?? 0, second?.length ?? 0); turn++) {
      // Both tabs send at once, so their saves interleave.
      await Promise.all([
        !onReport(page) && first?.[turn] ? typeReply(page, first[turn] ?? '') : undefined,
        !onReport(other) && second?.[turn] ? typeReply(other, second[turn] ?? '') : undefined,
      ]);
    }
    await expect.poll(() => onReport(page) && onReport(other)).toBe(true);
    await page.goto(`${inject('appUrl')}#/history`);
    // A fresh browser: exactly these two attempts, both finished.
    const finished = page.getByRole('row').filter({ hasText: '已完成' });
    await expect.poll(() => finished.count()).toBe(2);
  });
});
