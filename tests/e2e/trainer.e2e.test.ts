import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { AttemptRecord } from '../../src/data/db';
import { exportBundle, type ImportScorer } from '../../src/data/result-bundle';
import { nodeScorer, practisedAttempt } from '../support/practised-attempts';
import { openBrowser, screenshot, type BrowserSession, type Page } from './browser';

/** When the class is held (the page's fake clock); device attempts are taken a minute later, the same day in any time zone. */
const CLASS_TIME = Date.parse('2024-05-06T09:00:00+08:00');

const ROSTER_CSV = [
  '姓名,工号,部门',
  '张伟,E101,客服部',
  '李娜,E102,客服部',
  '王芳,E103,售后部',
  ',E104,售后部',
  '刘洋,E105,售后部',
  '陈静,E106,客服部',
  '杨帆,E107,客服部',
  '赵敏,E108,售后部',
].join('\n');

/** An attempt as a trainee's own device stores it: really played, with one forbidden phrase. */
function deviceAttempt(id: string, name: string, employeeNo: string): AttemptRecord {
  return practisedAttempt(scorer, id, {
    name,
    employeeNo,
    startedAt: CLASS_TIME + 60_000,
    replies: [
      { text: '真是对不起让您久等了，我理解您着急的心情。', afterMs: 8_000 },
      { text: '你弄错了日期吧，单子上写的就是这周。', afterMs: 9_000 },
    ],
  });
}

let scorer: ImportScorer;

/** 姓名,工号,部门 / 张伟,E101,客服部 / 李娜,E102,客服部 as Excel saves "CSV" on a Chinese Windows (GB18030). */
const GBK_ROSTER = Buffer.from(
  '0NXD+yy5pLrFLLK/w8UNCtXFzrAsRTEwMSy/zbf+sr8NCsDuxMgsRTEwMiy/zbf+sr8NCg==',
  'base64',
);

async function uploadText(
  page: Page,
  label: string,
  files: { name: string; text: string | Buffer }[],
) {
  await page.getByLabel(label).setInputFiles(
    files.map((file) => ({
      name: file.name,
      mimeType: file.name.endsWith('.csv') ? 'text/csv' : 'application/json',
      buffer: typeof file.text === 'string' ? Buffer.from(file.text, 'utf8') : file.text,
    })),
  );
}

/** Screenshots at 390×844 (a phone) too, then back to the desktop size. */
async function phoneScreenshot(page: Page, name: string) {
  await page.setViewportSize({ width: 390, height: 844 });
  await screenshot(page, name);
  await page.setViewportSize({ width: 1280, height: 860 });
}

describe('trainer runs a classroom session in headless Chromium', () => {
  let session: BrowserSession;
  beforeAll(async () => {
    scorer = await nodeScorer();
    session = await openBrowser();
  });
  afterAll(async () => {
    await session?.close();
  });

  it('should run a class of 7 from a CSV through two rounds and show the summary on the projector', async () => {
    const { page, browser } = session;
    await page.clock.install({ time: CLASS_TIME });
    await page.goto(`${inject('appUrl')}#/trainer`);
    await expect
      .poll(() => page.getByRole('heading', { level: 1 }).textContent())
      .toBe('培训师控制台');

    // A class with one scenario.
    await page.getByLabel('课堂名称').fill('投诉处理一班');
    await page.getByLabel('培训师', { exact: true }).fill('周老师');
    await page.getByLabel('沙发迟到两周').check();
    await page.getByRole('button', { name: '创建课堂' }).click();
    await expect
      .poll(() => page.getByRole('heading', { level: 1 }).textContent())
      .toBe('投诉处理一班');

    // Roster from a CSV: 7 good rows, the bad one reported by its line.
    await uploadText(page, '导入名单 CSV', [{ name: 'roster.csv', text: ROSTER_CSV }]);
    const roster = page.getByRole('region', { name: '学员名单' });
    await expect.poll(() => roster.getByRole('row').count()).toBe(8);
    await expect.poll(() => roster.getByRole('alert').textContent()).toContain('第 5 行');
    // The same people again from a GBK file of Chinese Excel: read as such, so no mojibake rows.
    await uploadText(page, '导入名单 CSV', [{ name: 'roster-gbk.csv', text: GBK_ROSTER }]);
    await expect
      .poll(() => roster.getByRole('status').textContent())
      .toBe('加入 0 人，跳过重复 2 人。（文件按 GBK/GB18030 编码读取）');
    await expect.poll(() => roster.getByRole('row').count()).toBe(8);
    // At 1280 px the whole table shows: employee number and department are not clipped.
    const table = roster.getByRole('table');
    const fits = await table.evaluate((element) => {
      const box = element.getBoundingClientRect();
      const panel = element.closest('section')?.getBoundingClientRect();
      const cell = element.querySelector('td.employee-no');
      return {
        inside: panel !== undefined && box.right <= panel.right + 0.5,
        numberWhole: cell !== null && cell.scrollWidth <= cell.clientWidth,
      };
    });
    expect(fits).toEqual({ inside: true, numberWhole: true });
    await expect
      .poll(() => roster.getByRole('columnheader', { name: '部门' }).isVisible())
      .toBe(true);
    await screenshot(page, 'trainer-roster');

    // Random pairs: two pairs and a trio with an observer.
    await page.getByRole('button', { name: '随机分组' }).click();
    const pairing = page.getByRole('region', { name: '分组' });
    await expect.poll(() => pairing.getByRole('listitem').count()).toBe(3);
    await expect.poll(() => pairing.getByText('第三人担任观察员').count()).toBe(1);

    // The projector window.
    const [projector] = await Promise.all([
      browser.waitForEvent('page'),
      page.getByRole('button', { name: '打开投影视图' }).click(),
    ]);
    await projector.waitForLoadState();
    await expect.poll(() => projector.getByText('等待培训师开始一轮。').count()).toBe(1);
    // Before round 1 the projector already shows the pairs and the roles they start with.
    await expect
      .poll(() => projector.getByRole('heading', { name: '分组（第 1 轮的角色）' }).count())
      .toBe(1);
    await expect.poll(() => projector.getByText(/^第 \d 组：顾客 /).count()).toBe(3);

    // Round 1: 30 minutes, started, fast-forwarded to the end.
    const rounds = page.getByRole('region', { name: '轮次' });
    await rounds.getByRole('button', { name: '安排第 1 轮' }).click();
    await rounds.getByRole('button', { name: '开始本轮' }).click();
    await expect.poll(() => projector.getByRole('timer').textContent()).toMatch(/^(30:00|29:5\d)$/);
    const firstRoles = (await rounds.getByRole('listitem').first().textContent()) ?? '';
    // Each group: its scenario and a QR code of the customer brief; the brief itself stays off the screen.
    await expect.poll(() => projector.getByText('场景：沙发迟到两周').count()).toBe(3);
    await expect
      .poll(() => projector.getByRole('img', { name: /顾客角色卡的二维码$/ }).count())
      .toBe(3);
    await expect
      .poll(() => projector.getByText('给扮演顾客的人', { exact: false }).count())
      .toBe(0);
    await expect.poll(() => projector.getByText('请过两次假', { exact: false }).count()).toBe(0);
    await screenshot(projector, 'trainer-projector-round');
    await phoneScreenshot(projector, 'trainer-projector-round-390');
    // The customer player's phone opens the link of the QR code.
    const briefLink =
      (await projector
        .getByRole('link', { name: /#\/brief\// })
        .first()
        .getAttribute('href')) ?? '';
    const phone = await browser.newPage();
    await phone.setViewportSize({ width: 390, height: 844 });
    await phone.goto(briefLink);
    await expect
      .poll(() => phone.getByRole('heading', { level: 1 }).textContent())
      .toBe('顾客角色卡：沙发迟到两周');
    await expect.poll(() => phone.getByText('请过两次假', { exact: false }).count()).toBe(1);
    await screenshot(phone, 'trainer-customer-brief-390');
    await phone.close();
    await page.clock.fastForward('30:00');
    await expect.poll(() => rounds.getByRole('timer').textContent()).toBe('0:00');
    await expect.poll(() => projector.getByText('时间到').count()).toBe(1);

    // Round 2: roles swapped (the rep of round 1 now plays the customer).
    await rounds.getByRole('button', { name: '下一轮（互换角色）' }).click();
    await expect.poll(() => projector.getByText('第 2 轮').count()).toBe(1);
    const [, customer1, rep1] = /顾客 (\S+)，客服 (\S+?)(，|$)/.exec(firstRoles) ?? [];
    const secondRoles = (await rounds.getByRole('listitem').first().textContent()) ?? '';
    expect(secondRoles).toContain(`顾客 ${rep1}，客服 ${customer1}`);

    // Two observer scorecards, for the reps of the first two groups (pairs: the trainer observes).
    const card = page.getByRole('region', { name: '观察员评分卡' });
    for (const [index, heard] of [
      [0, 2],
      [1, 0],
    ] as const) {
      await card.getByLabel('小组').selectOption({ index });
      const rep = /客服 (\S+)，/.exec(
        (await card.getByLabel('小组').locator('option:checked').textContent()) ?? '',
      )?.[1];
      await card.getByLabel('让顾客发泄').check();
      await card.getByLabel('充分道歉并表示关心').check();
      for (let tap = 0; tap < heard; tap += 1)
        await card.getByRole('button', { name: /^你弄错（/ }).click();
      await expect
        .poll(() => card.getByRole('region', { name: /当前得分/ }).textContent())
        .toContain(heard > 0 ? `听到“你弄错” ${heard} 次：-16` : '合计 20 分 / 满分 70 → 29 分');
      await card.getByRole('button', { name: '保存第 2 轮评分卡' }).click();
      await expect
        .poll(() => card.getByRole('status').textContent())
        .toMatch(new RegExp(`已保存第 2 轮：${rep} 得分 \\d+（观察员 周老师）`));
    }
    await phoneScreenshot(page, 'trainer-console-390');

    // Bundles from trainee devices: one good (imported twice), one broken.
    // The third attempt claims a start in 1970: refused on its own, naming the field.
    // The class code the console shows; each trainee device signs its bundle with it.
    const results = page.getByRole('region', { name: '收集成绩' });
    const codeLine = (await results.getByText(/^班级码：/).textContent()) ?? '';
    const classCode = /班级码：(\w+)/.exec(codeLine)?.[1] ?? '';
    expect(classCode).toMatch(/^[A-Z2-9]{8}$/);
    const good = await exportBundle(
      [
        deviceAttempt('dev-1', '张伟', 'E101'),
        deviceAttempt('dev-2', '李娜', 'E102'),
        { ...deviceAttempt('dev-3', '王芳', 'E103'), startedAt: 0 },
      ],
      CLASS_TIME + 900_000,
      classCode,
    );
    await uploadText(page, '导入成绩包（可多选）', [
      { name: 'zhangwei.json', text: good },
      { name: 'broken.json', text: good.slice(0, 120) },
    ]);
    await expect
      .poll(() => results.getByRole('status').textContent())
      .toContain('新增 2 条成绩，重复 0 条，拒收 1 个文件。');
    await expect
      .poll(() =>
        results.getByText('broken.json：已拒收——不是 JSON 文件（已损坏或不完整）').count(),
      )
      .toBe(1);
    await expect.poll(() => results.getByText(/第 3 条成绩已拒收：字段 startedAt/).count()).toBe(1);
    await uploadText(page, '导入成绩包（可多选）', [{ name: 'zhangwei.json', text: good }]);
    await expect
      .poll(() => results.getByRole('status').textContent())
      .toContain('新增 0 条成绩，重复 2 条，拒收 0 个文件。');
    await screenshot(page, 'trainer-console');

    // The class summary on the projector.
    await page.getByRole('button', { name: '在投影上显示小结' }).click();
    const summary = projector.getByRole('region', { name: '课堂小结' });
    await expect.poll(() => summary.count()).toBe(1);
    await expect.poll(() => summary.textContent()).toContain('4 条成绩');
    await expect.poll(() => summary.textContent()).toContain('“你弄错” · 4 次');
    await expect.poll(() => summary.getByText('平均分', { exact: true }).count()).toBe(1);
    await expect.poll(() => summary.locator('figure.lazy-chart-radar canvas').count()).toBe(1);
    await screenshot(projector, 'trainer-projector-summary');
    await phoneScreenshot(projector, 'trainer-projector-summary-390');

    // A projector window reloaded after the switch still shows the summary.
    await projector.reload();
    // A reload fetches the page's chunks and catalog again: on a busy machine that takes a while.
    await expect.poll(() => summary.count(), { timeout: 15_000 }).toBe(1);
    await expect.poll(() => summary.textContent()).toContain('4 条成绩');
  });

  it('should show a scenario error at its line and add a company phrase the analyzer then uses', async () => {
    const { page } = session;
    await page.goto(`${inject('appUrl')}#/trainer/authoring`);
    const editor = page.getByRole('region', { name: '场景编辑器' });
    await editor.getByLabel('选择场景').selectOption('complaint-late-delivery');
    const yaml = editor.getByLabel('场景 YAML');
    const original = await yaml.inputValue();
    const line = original.split('\n').findIndex((text) => text.startsWith('passScore:')) + 1;
    await yaml.fill(original.replace(/^passScore: .*$/m, 'passScore: lots'));
    await expect.poll(() => editor.getByRole('alert').textContent()).toContain(`第 ${line} 行`);
    await yaml.fill(original);
    await expect.poll(() => editor.getByText('没有错误。').count()).toBe(1);

    const rules = page.getByRole('region', { name: '公司用语规则' });
    await rules.getByLabel('用语', { exact: true }).fill('找总部去');
    await rules.getByLabel('提示（中文）').fill('把顾客推给总部是推卸责任。');
    await rules
      .getByLabel('提示（英文）')
      .fill('Sending the customer to head office shirks the job.');
    await rules
      .getByLabel('更好的说法', { exact: true })
      .fill('这件事我来联系总部，今天给您回电。');
    await rules
      .getByLabel('更好的说法（英文）')
      .fill("I'll contact head office myself and call you back today.");
    await rules.getByLabel('示例回复（应被识别）').fill('这事您找总部去吧。');
    await rules.getByRole('button', { name: '加入规则包' }).click();
    await expect.poll(() => rules.getByText(/示例回复：\d+\/\d+ 通过/).count()).toBe(1);
    await rules.getByRole('button', { name: '接受并保存' }).click();
    await expect.poll(() => rules.getByText('已保存，分析器已使用新规则。').count()).toBe(1);
    await screenshot(page, 'trainer-authoring');

    // After a reload the company pack is read back from IndexedDB and used by the analyzer.
    await page.reload();
    await expect
      .poll(() =>
        page
          .getByRole('region', { name: '公司用语规则' })
          .getByLabel('公司规则包 YAML')
          .inputValue(),
      )
      .toContain('找总部去');
  });
});
