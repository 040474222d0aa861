import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { openBrowser, screenshot, type BrowserSession, type Page } from './browser';
import { seriousViolations } from './trainee-actions';

const ID = 'complaint-wrong-parcel';
const TITLE = '寄错的包裹';

/** The trainer's lines for each step: [zh-CN, en]. */
const LINES: Record<string, [string, string]> = {
  opening: ['我买的是蓝色的，你们寄来的是红色的！', 'I ordered blue and you sent red!'],
  step: ['那现在怎么办？', 'So what now?'],
  'step-2': ['我下周就要用。', 'I need it next week.'],
  'step-3': ['行吧，记得联系我。', 'Fine, make sure you call me.'],
};

function region(page: Page, name: string) {
  return page.getByRole('region', { name });
}

/** Clicks a node of the flow chart by the start of its label. */
async function openNode(page: Page, label: RegExp) {
  await region(page, '场景流程图').getByRole('group', { name: label }).click();
}

/** Fills the open step form: the customer's line when upset and one transition's goto and condition. */
async function fillStep(
  page: Page,
  id: string,
  transitions: { goto: string; any?: string[]; none?: string[]; turnsAtLeast?: number }[],
) {
  const form = region(page, `编辑步骤 ${id}`);
  const [zh, en] = LINES[id] ?? ['', ''];
  await form.getByLabel('不太满意（中文）').fill(zh);
  await form.getByLabel('不太满意（英文）').fill(en);
  for (const [index, transition] of transitions.entries()) {
    const item = `转移 ${index + 1}`;
    if ((await form.getByLabel(`${item}：去往`).count()) === 0)
      await form.getByRole('button', { name: `添加：${item}` }).click();
    await form.getByLabel(`${item}：去往`).selectOption(transition.goto);
    if (transition.any) await form.getByLabel(`${item}：做到其一`).selectOption(transition.any);
    if (transition.none) await form.getByLabel(`${item}：没有`).selectOption(transition.none);
    if (transition.turnsAtLeast)
      await form.getByLabel(`${item}：本步回复次数至少`).fill(String(transition.turnsAtLeast));
  }
}

describe('trainer draws a new scenario in headless Chromium', () => {
  let session: BrowserSession;
  let scratch: string;
  beforeAll(async () => {
    session = await openBrowser();
    scratch = mkdtempSync(join(tmpdir(), 'servicedojo-drawn-'));
  });
  afterAll(async () => {
    await session?.close();
    rmSync(scratch, { recursive: true, force: true });
  });

  it('should build a four-step complaint scenario with the graph and forms, playtest, save and find it in the library', async () => {
    const { page } = session;
    await page.goto(`${inject('appUrl')}#/trainer/authoring`);
    const editor = region(page, '场景编辑器');
    await editor.getByText('新建场景', { exact: true }).click();
    await editor.getByLabel('场景编号（小写字母、数字、短横线）').fill(ID);
    await editor.getByLabel('标题').fill(TITLE);
    await editor.getByRole('button', { name: '创建场景' }).click();
    const canvas = region(page, '场景流程图');
    await expect
      .poll(() => canvas.getByRole('group', { name: /^步骤 opening，开始/ }).count())
      .toBe(1);

    // Steps drawn after the opening, two endings, and one step added on its own.
    await openNode(page, /^步骤 opening/);
    await region(page, '编辑步骤 opening')
      .getByRole('button', { name: '在它之后添加步骤' })
      .click();
    await region(page, '编辑步骤 step').getByRole('button', { name: '在它之后添加步骤' }).click();
    const diagram = region(page, '场景图');
    await diagram.getByRole('button', { name: '添加结局：顾客留住了' }).click();
    await diagram.getByRole('button', { name: '添加结局：投诉升级' }).click();
    await diagram.getByRole('button', { name: '添加步骤' }).click();

    // The lone step is flagged on the graph and in the list of problems.
    const lone = canvas.getByRole('group', { name: /^步骤 step-3/ });
    await expect.poll(() => lone.getAttribute('aria-label')).toContain('从开始无法到达');
    await expect.poll(() => diagram.getByText('步骤 step-3：从开始无法到达').count()).toBe(1);
    await screenshot(page, 'authoring-graph-unreachable');

    await openNode(page, /^步骤 opening/);
    await region(page, '编辑步骤 opening').getByRole('button', { name: '添加：必须做到' }).click();
    await fillStep(page, 'opening', [
      { goto: 'step', any: ['apology', 'empathy'], none: ['forbidden'] },
      { goto: 'escalated', turnsAtLeast: 2 },
    ]);
    // The condition is said in words on the edge.
    await expect.poll(() => canvas.getByText('道歉或表示理解，且没有禁用语').count()).toBe(1);
    await openNode(page, /^步骤 step，/);
    await fillStep(page, 'step', [
      { goto: 'step-2', any: ['open-question'] },
      { goto: 'escalated', turnsAtLeast: 2 },
    ]);
    // The fix: a transition to the lone step, drawn by dragging from step-2's connector.
    const from = await canvas
      .getByRole('group', { name: /^步骤 step-2/ })
      .getByTitle('连线点：拖到另一个节点')
      .boundingBox();
    const to = await lone.boundingBox();
    if (!from || !to) throw new Error('the graph is not drawn');
    await page.mouse.move(from.x + from.width / 2, from.y + from.height / 2);
    await page.mouse.down();
    await page.mouse.move(to.x + to.width / 2, to.y + 4, { steps: 8 });
    await page.mouse.up();
    await expect.poll(() => lone.getAttribute('aria-label')).not.toContain('从开始无法到达');
    await openNode(page, /^步骤 step-2/);
    await fillStep(page, 'step-2', [
      { goto: 'step-3', any: ['compensation'] },
      { goto: 'escalated', turnsAtLeast: 2 },
    ]);
    await openNode(page, /^步骤 step-3/);
    await fillStep(page, 'step-3', [
      { goto: 'retained', any: ['follow-up'] },
      { goto: 'escalated', turnsAtLeast: 2 },
    ]);
    await expect.poll(() => lone.getAttribute('aria-label')).toBe('步骤 step-3');
    await expect
      .poll(() => diagram.getByText('每个步骤都能从开始到达，也都能走到结局。').count())
      .toBe(1);
    await expect.poll(() => editor.getByText('没有错误。').count()).toBe(1);
    await screenshot(page, 'authoring-graph-drawn');
    expect(await seriousViolations(page)).toEqual([]);
    await diagram.getByRole('button', { name: '大纲（键盘操作）' }).click();
    expect(await seriousViolations(page)).toEqual([]);
    await page.setViewportSize({ width: 390, height: 844 });
    await screenshot(page, 'authoring-graph-outline-phone');
    await diagram.getByRole('button', { name: '流程图' }).click();
    await screenshot(page, 'authoring-graph-phone');
    await page.setViewportSize({ width: 1280, height: 860 });

    // Playtest from the opening: an apology moves the customer to the next step.
    await openNode(page, /^步骤 opening/);
    await region(page, '编辑步骤 opening').getByRole('button', { name: '从这一步试玩' }).click();
    await page.getByLabel('试玩回复').fill('真是对不起，寄错了颜色，我理解您的心情。');
    await page.getByRole('button', { name: '发送', exact: true }).click();
    await expect
      .poll(() => page.getByRole('list', { name: '试玩' }).textContent())
      .toContain(LINES.step?.[0]);

    // The YAML it produced passes npm run validate.
    const yaml = editor.getByLabel('场景 YAML');
    const text = await yaml.inputValue();
    const file = join(scratch, `${ID}.yaml`);
    writeFileSync(file, text);
    const out = execFileSync('node', ['--import', 'tsx', 'scripts/validate.ts', file], {
      encoding: 'utf8',
    });
    expect(out).toContain('1 of 1 scenario file(s) valid');

    // Saved, and after a reload it is in the library.
    await editor.getByRole('button', { name: '另存为新版本（v1）' }).click();
    await expect.poll(() => editor.getByText(/已保存为第 1 版/).count()).toBe(1);

    // Editing the YAML moves the graph: step leads straight to step-3, which moves up a rank,
    // and step-2 is flagged as unreachable.
    const opening = canvas.getByRole('group', { name: /^步骤 opening/ });
    const belowOpening = async () =>
      ((await lone.boundingBox())?.y ?? 0) - ((await opening.boundingBox())?.y ?? 0);
    const before = await belowOpening();
    await yaml.fill(text.replace('goto: step-2', 'goto: step-3'));
    await expect.poll(belowOpening).toBeLessThan(before);
    await expect
      .poll(() => canvas.getByRole('group', { name: /^步骤 step-2/ }).getAttribute('aria-label'))
      .toContain('从开始无法到达');
    // And a step added in the YAML appears on the graph.
    await yaml.fill(
      text
        .replace('goto: retained', 'goto: thanks')
        .replace(
          /^endings:/m,
          [
            '  - id: thanks',
            '    customer: { upset: { zh-CN: 谢谢。, en: Thanks. } }',
            '    choices: [{ zh-CN: 好, en: OK }, { zh-CN: 行, en: Fine }, { zh-CN: 嗯, en: Sure }]',
            '    next: [{ goto: retained }]',
            'endings:',
          ].join('\n'),
        ),
    );
    await expect.poll(() => canvas.getByRole('group', { name: /^步骤 thanks/ }).count()).toBe(1);
    await screenshot(page, 'authoring-graph-yaml-edited');

    await page.reload();
    await page.goto(`${inject('appUrl')}#/library`);
    // Saved versions are read from IndexedDB and the catalogue rebuilt after the first screen.
    await expect
      .poll(() => page.getByRole('article').filter({ hasText: TITLE }).count(), {
        timeout: 15_000,
      })
      .toBe(1);

    // Retired: gone from the library, still in the editor's list (and for old records).
    await page.goto(`${inject('appUrl')}#/trainer/authoring`);
    await editor.getByLabel('选择场景').selectOption(ID);
    await editor.getByRole('button', { name: '退役此场景' }).click();
    await expect.poll(() => editor.getByText(/^已退役/).count()).toBe(1);
    await page.goto(`${inject('appUrl')}#/library`);
    await expect.poll(() => page.getByRole('article').count()).toBeGreaterThan(3);
    expect(await page.getByRole('article').filter({ hasText: TITLE }).count()).toBe(0);
  });
});
