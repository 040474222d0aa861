import { readFileSync, readdirSync } from 'node:fs';
import { render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createClass, saveClass } from '../../src/data/class-repository';
import { groupInOrder, planRound, toRoster } from '../../src/data/class-rounds';
import { saveObservedAttempt } from '../../src/data/observer-scorecard';
import { database, ServiceDojoDb, useDatabase } from '../../src/data/db';
import { ClassConsolePage } from '../../src/features/classroom/class-console-page';
import { ClassSummaryView } from '../../src/features/classroom/class-summary-view';
import { CustomerBriefPage } from '../../src/features/classroom/customer-brief-page';
import { ProjectorPage } from '../../src/features/classroom/projector-page';
import { TrainerHomePage } from '../../src/features/classroom/trainer-home-page';
import { TrainerLock } from '../../src/features/classroom/trainer-lock';
import { setPin } from '../../src/features/classroom/trainer-pin';
import { useCatalogStore } from '../../src/stores/use-catalog-store';
import { useClassroomStore } from '../../src/stores/use-classroom-store';
import { useLocaleStore } from '../../src/stores/use-locale-store';

function yamlFiles(dir: string) {
  return readdirSync(dir)
    .filter((name) => name.endsWith('.yaml'))
    .sort()
    .map((name) => ({ file: `${dir}/${name}`, text: readFileSync(`${dir}/${name}`, 'utf8') }));
}

const strong = JSON.parse(
  readFileSync('tests/fixtures/transcripts/complaint-late-delivery.strong.json', 'utf8'),
) as { replies: { text: string }[] };

const trio = toRoster([
  { name: '张伟', employeeNo: 'E101', department: '客服部' },
  { name: '李娜', employeeNo: 'E102', department: '客服部' },
  { name: '王芳', employeeNo: 'E103', department: '售后部' },
]);

/** A class of three, grouped as one trio, with round 1 planned. */
async function classWithRound(
  scenarioIds: string[] = ['complaint-late-delivery'],
): Promise<string> {
  const record = await createClass({
    name: '投诉处理一班',
    trainer: '周老师',
    date: '2024-05-06',
    scenarioIds,
    roster: trio,
  });
  const groups = groupInOrder(trio.map((entry) => entry.id));
  await saveClass({ ...record, groups, rounds: [planRound(groups, 1, 30)] });
  return record.id;
}

beforeAll(() => {
  useCatalogStore.getState().load({
    scenarios: yamlFiles('scenarios'),
    rules: yamlFiles('scenarios/rules'),
  });
});

beforeEach(() => {
  useDatabase(new ServiceDojoDb(`test-${crypto.randomUUID()}`));
  useLocaleStore.setState({ locale: 'zh-CN' });
  useClassroomStore.getState().reset();
  sessionStorage.clear();
});

describe('ClassConsolePage', () => {
  it(
    'should take the rep and observer from the round group, explain the live score and save the round',
    { timeout: 20_000 },
    async () => {
      const user = userEvent.setup();
      render(<ClassConsolePage classId={await classWithRound()} />);
      const card = await screen.findByRole('region', { name: '观察员评分卡' });

      // Round 1 of the trio: 张伟 plays the customer, 李娜 the rep, 王芳 observes.
      expect(within(card).getByLabelText('小组')).toHaveDisplayValue(
        '第 1 组：客服 李娜，顾客 张伟',
      );
      expect(within(card).getByLabelText('被观察的学员（客服）')).toHaveDisplayValue('李娜');
      expect(within(card).getByLabelText('观察员姓名')).toHaveValue('王芳');

      await user.click(within(card).getByLabelText('让顾客发泄'));
      await user.click(within(card).getByLabelText('充分道歉并表示关心'));
      await user.click(within(card).getByLabelText('收集信息(开放式问题)'));
      for (let tap = 0; tap < 3; tap += 1)
        await user.click(within(card).getByRole('button', { name: /^但（/ }));
      expect(within(card).getByRole('button', { name: '但（3）' })).toBeInTheDocument();

      // 3 of 7 steps (+30) and 但 three times (its rule weight 4 each): 18 of 70 → 26, explained.
      const live = within(card).getByRole('region', { name: /当前得分/ });
      expect(live).toHaveTextContent('当前得分 26');
      expect(live).toHaveTextContent('做到：充分道歉并表示关心 +10');
      expect(live).toHaveTextContent('听到“但” 3 次：-12');
      expect(live).toHaveTextContent('合计 18 分 / 满分 70 → 26 分');

      await user.click(within(card).getByRole('button', { name: '保存第 1 轮评分卡' }));
      await waitFor(() =>
        expect(within(card).getByRole('status')).toHaveTextContent(
          '已保存第 1 轮：李娜 得分 26（观察员 王芳）。',
        ),
      );
      const [saved] = await database().attempts.toArray();
      expect(saved).toMatchObject({
        mode: 'observed',
        observer: '王芳',
        status: 'finished',
        classRound: 1,
        trainee: { name: '李娜', employeeNo: 'E102' },
      });
      expect(saved?.report?.dimensions['移情性']).toBeGreaterThan(0);
    },
  );

  it(
    'should show the common phrases first and the rest behind "more"',
    { timeout: 20_000 },
    async () => {
      const user = userEvent.setup();
      render(<ClassConsolePage classId={await classWithRound()} />);
      const card = await screen.findByRole('region', { name: '观察员评分卡' });
      const heard = within(card).getByRole('group', { name: /听到的禁用语/ });
      const more = within(heard).getByText(/^更多禁用语（\d+）$/, { selector: 'summary' });

      expect(within(heard).getByRole('button', { name: /^但是（/ })).toBeVisible();
      expect(within(heard).getByRole('button', { name: /^你弄错（/ })).toBeVisible();
      expect(within(heard).getByRole('button', { name: /^你肯定弄混（/ })).not.toBeVisible();
      await user.click(more);
      await user.click(within(heard).getByRole('button', { name: /^你肯定弄混（/ }));
      expect(within(heard).getByRole('button', { name: '你肯定弄混（1）' })).toBeVisible();
    },
  );

  it(
    'should show the trio roles and let the pair type a role play that is scored for the rep',
    { timeout: 30_000 },
    async () => {
      const user = userEvent.setup();
      render(<ClassConsolePage classId={await classWithRound()} />);
      const rounds = await screen.findByRole('region', { name: '轮次' });
      expect(
        within(rounds).getByText('第 1 组：顾客 张伟，客服 李娜，观察员 王芳'),
      ).toBeInTheDocument();

      await user.click(within(rounds).getByRole('button', { name: '第 1 组 在本设备上打字演练' }));
      const pair = screen.getByRole('region', { name: '两人打字演练：第 1 组' });
      // The customer player opens in their own words; the log shows them as said.
      await user.type(within(pair).getByLabelText('顾客（张伟）说'), '我的沙发到底什么时候送来？');
      await user.click(within(pair).getByRole('button', { name: '顾客说完了，轮到客服' }));
      expect(within(pair).getByRole('listitem')).toHaveTextContent(
        '张伟：我的沙发到底什么时候送来？',
      );
      for (const reply of strong.replies) {
        if (within(pair).queryByRole('status')) break;
        if (within(pair).queryByRole('button', { name: '用提示台词' }))
          await user.click(within(pair).getByRole('button', { name: '用提示台词' }));
        await user.type(within(pair).getByLabelText('客服（李娜）回复'), reply.text);
        await user.click(within(pair).getByRole('button', { name: '发送回复' }));
      }

      await waitFor(() =>
        expect(within(pair).getByRole('status')).toHaveTextContent(
          /演练结束：李娜 得分 \d+，已保存。/,
        ),
      );
      const [saved] = await database().attempts.toArray();
      expect(saved).toMatchObject({
        status: 'finished',
        partner: '张伟',
        trainee: { name: '李娜' },
      });
      expect(saved?.score).toBeGreaterThanOrEqual(60);
      const transcript = (saved?.report as { transcript: { role: string; text: unknown }[] })
        .transcript;
      expect(transcript[0]).toMatchObject({
        role: 'customer',
        text: { 'zh-CN': '我的沙发到底什么时候送来？' },
      });
    },
  );

  it("should let the pair type any of the class's scenarios", { timeout: 20_000 }, async () => {
    const user = userEvent.setup();
    render(
      <ClassConsolePage
        classId={await classWithRound(['complaint-late-delivery', 'spin-office-printer'])}
      />,
    );
    const rounds = await screen.findByRole('region', { name: '轮次' });
    await user.click(within(rounds).getByRole('button', { name: '第 1 组 在本设备上打字演练' }));
    const pair = screen.getByRole('region', { name: '两人打字演练：第 1 组' });
    const pick = within(pair).getByLabelText('演练场景');
    expect(pick).toHaveValue('complaint-late-delivery');

    const sofaLine = within(pair).getByText(/^提示台词：/).textContent;
    await user.selectOptions(pick, 'spin-office-printer');
    await waitFor(() =>
      expect(within(pair).getByText(/^提示台词：/).textContent).not.toBe(sofaLine),
    );

    await user.click(within(pair).getByRole('button', { name: '用提示台词' }));
    expect(within(pair).getByLabelText('演练场景')).toBeDisabled();
  });

  it(
    'should report bad roster rows by line and keep the good ones',
    { timeout: 20_000 },
    async () => {
      const user = userEvent.setup();
      render(<ClassConsolePage classId={await classWithRound()} />);
      const roster = await screen.findByRole('region', { name: '学员名单' });

      await user.type(
        within(roster).getByLabelText(/粘贴或输入名单/),
        '刘洋,E104,售后部{enter}陈静,,客服部{enter}张伟,E101,客服部',
      );
      await user.click(within(roster).getByRole('button', { name: '加入名单' }));

      await waitFor(() => expect(within(roster).getAllByRole('row')).toHaveLength(5));
      expect(within(roster).getByRole('alert')).toHaveTextContent('第 2 行：工号为空');
      expect(within(roster).getByRole('status')).toHaveTextContent('加入 1 人，跳过重复 1 人。');
    },
  );
});

describe('RosterPanel', () => {
  it(
    'should edit an entry in place and refuse a number another trainee has',
    { timeout: 20_000 },
    async () => {
      const user = userEvent.setup();
      const classId = await classWithRound();
      render(<ClassConsolePage classId={classId} />);
      const roster = await screen.findByRole('region', { name: '学员名单' });

      await user.click(within(roster).getByRole('button', { name: '编辑 王芳' }));
      const number = within(roster).getByLabelText('王芳 的工号');
      await user.clear(number);
      await user.type(number, 'E101');
      await user.click(within(roster).getByRole('button', { name: '保存' }));
      expect(within(roster).getByRole('alert')).toHaveTextContent('工号 E101 已属于 张伟');

      await user.clear(number);
      await user.type(number, 'E201');
      await user.clear(within(roster).getByLabelText('王芳 的部门'));
      await user.type(within(roster).getByLabelText('王芳 的部门'), '大客户部');
      await user.click(within(roster).getByRole('button', { name: '保存' }));

      await waitFor(async () =>
        expect((await database().classes.get(classId))?.roster[2]).toMatchObject({
          name: '王芳',
          employeeNo: 'E201',
          department: '大客户部',
        }),
      );
      // The id stays: the trio and its round keep her.
      expect((await database().classes.get(classId))?.rounds).toHaveLength(1);
      expect(within(roster).getByRole('row', { name: /王芳 E201 大客户部/ })).toBeInTheDocument();
    },
  );

  it(
    'should remove an entry only after confirming, and ask to pair again',
    { timeout: 20_000 },
    async () => {
      const user = userEvent.setup();
      const classId = await classWithRound();
      render(<ClassConsolePage classId={classId} />);
      const roster = await screen.findByRole('region', { name: '学员名单' });

      await user.click(within(roster).getByRole('button', { name: '移除 王芳' }));
      expect(within(roster).getByText(/分组和轮次将清空/)).toBeInTheDocument();
      await user.click(within(roster).getByRole('button', { name: '取消' }));
      expect(within(roster).getAllByRole('row')).toHaveLength(4);

      await user.click(within(roster).getByRole('button', { name: '移除 王芳' }));
      await user.click(within(roster).getByRole('button', { name: '确认移除 王芳' }));
      await waitFor(() => expect(within(roster).getAllByRole('row')).toHaveLength(3));
      expect(await database().classes.get(classId)).toMatchObject({ groups: [], rounds: [] });
    },
  );

  it(
    'should read a GBK roster CSV from Chinese Excel without mojibake',
    { timeout: 20_000 },
    async () => {
      const user = userEvent.setup();
      render(<ClassConsolePage classId={await classWithRound()} />);
      const roster = await screen.findByRole('region', { name: '学员名单' });
      // 刘洋,E104,售后部 in GB18030, as Excel on a Chinese Windows saves "CSV".
      const bytes = Uint8Array.from([
        0xc1, 0xf5, 0xd1, 0xf3, 0x2c, 0x45, 0x31, 0x30, 0x34, 0x2c, 0xca, 0xdb, 0xba, 0xf3, 0xb2,
        0xbf, 0x0d, 0x0a,
      ]);

      await user.upload(
        within(roster).getByLabelText('导入名单 CSV'),
        new File([bytes], 'roster.csv', { type: 'text/csv' }),
      );

      expect(
        await within(roster).findByRole('row', { name: /刘洋 E104 售后部/ }),
      ).toBeInTheDocument();
      expect(within(roster).getByRole('status')).toHaveTextContent('GBK/GB18030');
    },
  );
});

describe('TrainerHomePage', () => {
  it('should delete a class only after confirming', async () => {
    const user = userEvent.setup();
    const classId = await classWithRound();
    render(<TrainerHomePage />);

    await user.click(await screen.findByRole('button', { name: '删除课堂 投诉处理一班' }));
    expect(screen.getByText(/已保存的成绩仍留在培训档案中/)).toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: '确认删除' }));

    expect(await screen.findByRole('status')).toHaveTextContent('已删除课堂“投诉处理一班”。');
    expect(await database().classes.get(classId)).toBeUndefined();
    expect(screen.queryByRole('link', { name: /投诉处理一班/ })).toBeNull();
  });
});

describe('ProjectorPage', () => {
  it(
    'should show the class summary in a projector window opened after the trainer switched to it',
    { timeout: 20_000 },
    async () => {
      const user = userEvent.setup();
      const classId = await classWithRound();
      const consolePage = render(<ClassConsolePage classId={classId} />);
      await user.click(await screen.findByRole('button', { name: '在投影上显示小结' }));
      expect(await screen.findByRole('button', { name: '在投影上显示本轮' })).toBeInTheDocument();
      await waitFor(async () =>
        expect(await database().classes.get(classId)).toMatchObject({ projectorView: 'summary' }),
      );
      consolePage.unmount();

      render(<ProjectorPage classId={classId} />);
      const projector = await screen.findByRole('main', { name: /投影/ });
      expect(
        await within(projector).findByRole('heading', { name: '课堂小结' }),
      ).toBeInTheDocument();
      expect(
        within(projector).queryByText('第 1 组：顾客 张伟，客服 李娜，观察员 王芳'),
      ).toBeNull();
    },
  );

  it('should show the round in a projector window while the trainer has not switched', async () => {
    render(<ProjectorPage classId={await classWithRound()} />);
    expect(
      await screen.findByText('第 1 组：顾客 张伟，客服 李娜，观察员 王芳'),
    ).toBeInTheDocument();
    expect(screen.queryByRole('heading', { name: '课堂小结' })).toBeNull();
  });

  it("should show each group's scenario and a brief link with a QR code, never the brief itself", async () => {
    render(<ProjectorPage classId={await classWithRound()} />);
    const projector = await screen.findByRole('main', { name: /投影/ });
    const sofa = useCatalogStore.getState().scenarioById('complaint-late-delivery')!;

    expect(within(projector).getByText(`场景：${sofa.title['zh-CN']}`)).toBeInTheDocument();
    expect(within(projector).getByText('张伟（扮演顾客）用手机扫码看角色卡')).toBeInTheDocument();
    expect(
      within(projector).getByRole('link', { name: /#\/brief\/complaint-late-delivery\?group=1$/ }),
    ).toBeInTheDocument();
    expect(
      await within(projector).findByRole('img', { name: '第 1 组 顾客角色卡的二维码' }),
    ).toHaveAttribute('src', expect.stringMatching(/^data:image\/svg\+xml/));
    // The hidden facts, the situation and the model procedure stay off the shared screen.
    expect(projector).not.toHaveTextContent(sofa.persona.situation['zh-CN']);
    expect(projector).not.toHaveTextContent(sofa.persona.facts[0]!.text['zh-CN']);
    expect(projector).not.toHaveTextContent(sofa.brief['zh-CN']);
  });

  it('should show the pairs and their round 1 roles before round 1 is planned', async () => {
    const record = await createClass({
      name: '投诉处理一班',
      trainer: '周老师',
      date: '2024-05-06',
      scenarioIds: ['complaint-late-delivery'],
      roster: trio,
    });
    await saveClass({ ...record, groups: groupInOrder(trio.map((entry) => entry.id)) });
    render(<ProjectorPage classId={record.id} />);

    expect(
      await screen.findByRole('heading', { name: '分组（第 1 轮的角色）' }),
    ).toBeInTheDocument();
    expect(screen.getByText('第 1 组：顾客 张伟，客服 李娜，观察员 王芳')).toBeInTheDocument();
    expect(screen.getByText('等待培训师开始一轮。')).toBeInTheDocument();
  });

  it('should show the class summary large, with the average and a dimension chart', async () => {
    const classId = await classWithRound();
    const record = (await database().classes.get(classId))!;
    const { analyzer, scenarioById } = useCatalogStore.getState();
    await saveObservedAttempt({
      scenario: scenarioById('complaint-late-delivery')!,
      analyzer: analyzer!,
      trainee: trio[1]!,
      observer: '王芳',
      classId,
      done: ['let-vent', 'apologise', 'gather', 'solve', 'follow-up'],
      heard: [],
      now: Date.now(),
    });
    await saveClass({ ...record, projectorView: 'summary' });
    render(<ProjectorPage classId={classId} />);

    const summary = await screen.findByRole('region', { name: '课堂小结' });
    await waitFor(() => expect(within(summary).getByText('平均分')).toBeInTheDocument());
    expect(within(summary).getByText('71', { selector: 'strong' })).toBeInTheDocument();
    expect(summary.querySelector('figure.lazy-chart-radar')).not.toBeNull();
  });
});

describe('CustomerBriefPage', () => {
  it('should show the customer player the persona, the facts to reveal and the opening line', () => {
    const sofa = useCatalogStore.getState().scenarioById('complaint-late-delivery')!;
    render(<CustomerBriefPage scenarioId="complaint-late-delivery" group={1} />);

    expect(
      screen.getByRole('heading', { name: `顾客角色卡：${sofa.title['zh-CN']}` }),
    ).toBeInTheDocument();
    expect(screen.getByText(sofa.persona.situation['zh-CN'])).toBeInTheDocument();
    expect(screen.getByText(sofa.persona.facts[0]!.text['zh-CN'])).toBeInTheDocument();
    expect(screen.getByText('开场时你很生气。')).toBeInTheDocument();
    expect(screen.getByText(/^我的沙发说好 15 号前送到/)).toBeInTheDocument();
  });
});

describe('ClassSummaryView', () => {
  const summary = {
    attempts: 4,
    trainees: 3,
    averageScore: 72,
    dimensions: {},
    frequentFindings: [{ label: { 'zh-CN': '没有道歉', en: 'No apology' }, count: 3 }],
    forbiddenPhrases: [{ words: '你弄错', count: 4 }],
  };

  it('should write each count in the Chinese wording', () => {
    render(<ClassSummaryView summary={summary} />);
    expect(screen.getByText('没有道歉 · 3 次')).toBeInTheDocument();
    expect(screen.getByText('“你弄错” · 4 次')).toBeInTheDocument();
  });

  it('should write each count in the English wording', () => {
    useLocaleStore.setState({ locale: 'en' });
    render(<ClassSummaryView summary={summary} />);
    expect(screen.getByText('No apology · 3×')).toBeInTheDocument();
    expect(screen.getByText('“你弄错” · 4×')).toBeInTheDocument();
  });
});

describe('PairingPanel', () => {
  it(
    'should refuse manual groups that leave someone out and accept a trio',
    { timeout: 20_000 },
    async () => {
      const user = userEvent.setup();
      render(<ClassConsolePage classId={await classWithRound()} />);
      const pairing = await screen.findByRole('region', { name: '分组' });
      await user.click(within(pairing).getByText('按所选小组分组', { selector: 'summary' }));

      await user.selectOptions(within(pairing).getByLabelText('小组 王芳'), '—');
      await user.click(within(pairing).getByRole('button', { name: '按所选小组分组' }));
      expect(within(pairing).getByRole('alert')).toHaveTextContent('王芳 没有分到组');

      await user.selectOptions(within(pairing).getByLabelText('小组 王芳'), '第 1 组');
      await user.click(within(pairing).getByRole('button', { name: '按所选小组分组' }));
      await waitFor(() => expect(within(pairing).queryByRole('alert')).toBeNull());
      expect(within(pairing).getByText('第 1 组: 张伟、李娜、王芳')).toBeInTheDocument();
    },
  );
});

describe('TrainerLock', () => {
  it('should ask for the PIN once one is set, refuse a wrong one and open with the right one', async () => {
    const user = userEvent.setup();
    const { unmount } = render(<TrainerLock>秘密内容</TrainerLock>);
    await user.click(await screen.findByText('这台设备还没有设置培训师 PIN。'));
    await user.type(screen.getByLabelText('新 PIN（4–8 位数字）'), '2468');
    await user.click(screen.getByRole('button', { name: '设置 PIN' }));
    await screen.findByText('PIN 已设置。');
    unmount();
    sessionStorage.clear();

    render(<TrainerLock>秘密内容</TrainerLock>);
    await user.type(await screen.findByLabelText('输入 PIN'), '1111');
    await user.click(screen.getByRole('button', { name: '解锁' }));
    expect(await screen.findByRole('alert')).toHaveTextContent('PIN 不对。请等 1 秒再试');
    expect(screen.queryByText('秘密内容')).toBeNull();
    expect(screen.getByText(/便利锁，不是安全措施/)).toBeInTheDocument();
    expect(screen.getByRole('button', { name: '解锁' })).toBeDisabled();

    await waitFor(() => expect(screen.getByRole('button', { name: '解锁' })).toBeEnabled());
    await user.clear(screen.getByLabelText('输入 PIN'));
    await user.type(screen.getByLabelText('输入 PIN'), '2468');
    await user.click(screen.getByRole('button', { name: '解锁' }));
    expect(await screen.findByText('秘密内容')).toBeInTheDocument();
  });

  it('should not open for a session flag or a copied hash, only for the PIN', async () => {
    await setPin('2468');
    const stored = (await database().settings.get('trainer-pin'))?.value as { hash: string };
    sessionStorage.clear();
    sessionStorage.setItem('servicedojo-trainer-unlocked', 'yes');
    sessionStorage.setItem('servicedojo-trainer-session', stored.hash);

    render(<TrainerLock>秘密内容</TrainerLock>);
    expect(await screen.findByLabelText('输入 PIN')).toBeInTheDocument();
    expect(screen.queryByText('秘密内容')).toBeNull();
  });

  it('should stay unlocked for the tab after the right PIN', async () => {
    await setPin('2468');
    sessionStorage.clear();
    const user = userEvent.setup();
    const { unmount } = render(<TrainerLock>秘密内容</TrainerLock>);
    await user.type(await screen.findByLabelText('输入 PIN'), '2468');
    await user.click(screen.getByRole('button', { name: '解锁' }));
    expect(await screen.findByText('秘密内容')).toBeInTheDocument();
    unmount();

    render(<TrainerLock>秘密内容</TrainerLock>);
    expect(await screen.findByText('秘密内容')).toBeInTheDocument();
  });
});

describe('parseRoute', () => {
  it('should route the trainer pages, the projector window and the trainee export page', async () => {
    const { parseRoute } = await import('../../src/app/app');
    expect(parseRoute('/trainer')).toEqual({ page: 'trainer', view: { kind: 'home' } });
    expect(parseRoute('/trainer/class/c-1')).toEqual({
      page: 'trainer',
      view: { kind: 'class', classId: 'c-1' },
    });
    expect(parseRoute('/trainer/authoring')).toEqual({
      page: 'trainer',
      view: { kind: 'authoring' },
    });
    expect(parseRoute('/trainer/projector/c-1')).toEqual({ page: 'projector', classId: 'c-1' });
    expect(parseRoute('/export')).toEqual({ page: 'export' });
    expect(parseRoute('/brief/complaint-late-delivery?group=2')).toEqual({
      page: 'brief',
      scenarioId: 'complaint-late-delivery',
      group: 2,
    });
    expect(parseRoute('/trainer/class')).toEqual({ page: 'not-found' });
    expect(parseRoute('/trainer/class/c-1/extra')).toEqual({ page: 'not-found' });
  });
});
