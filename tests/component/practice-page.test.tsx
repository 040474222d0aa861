import { readFileSync, readdirSync } from 'node:fs';
import { act, render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { createActor } from 'xstate';
import { afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { createScenarioMachine } from '../../src/core/scenario-machine';
import {
  createAttempt,
  findInProgress,
  getAttempt,
  saveProfile,
  updateAttempt,
} from '../../src/data/attempts';
import { ServiceDojoDb, useDatabase } from '../../src/data/db';
import { saveExamLimit } from '../../src/data/exam-limits';
import { rememberedAttempt, resetMemoryAttempts } from '../../src/data/memory-attempts';
import { getStorageHealth, resetStorageHealth } from '../../src/data/storage-health';
import { PracticePage } from '../../src/features/practice/practice-page';
import { ReportPage } from '../../src/features/report/report-page';
import { useCatalogStore } from '../../src/stores/use-catalog-store';
import { useLocaleStore } from '../../src/stores/use-locale-store';
import { usePracticeStore } from '../../src/stores/use-practice-store';
import { resetProfileStore, useProfileStore } from '../../src/stores/use-profile-store';

function yamlFiles(dir: string) {
  return readdirSync(dir)
    .filter((name) => name.endsWith('.yaml'))
    .sort()
    .map((name) => ({ file: `${dir}/${name}`, text: readFileSync(`${dir}/${name}`, 'utf8') }));
}

const catalogFiles = { scenarios: yamlFiles('scenarios'), rules: yamlFiles('scenarios/rules') };
const strong = JSON.parse(
  readFileSync('tests/fixtures/transcripts/complaint-late-delivery.strong.json', 'utf8'),
) as { replies: { text: string }[] };

async function withProfile() {
  await saveProfile({ name: '李明', employeeNo: 'E001', department: '客服部' });
}

describe('PracticePage', () => {
  beforeAll(() => {
    useCatalogStore.getState().load(catalogFiles);
  });
  beforeEach(() => {
    useDatabase(new ServiceDojoDb(`test-${crypto.randomUUID()}`));
    useLocaleStore.setState({ locale: 'zh-CN' });
    usePracticeStore.getState().reset();
    resetMemoryAttempts();
    resetProfileStore();
    window.location.hash = '#/practice/complaint-late-delivery?mode=coach';
  });

  it('should send a trainee without a profile to the profile page with the way back', async () => {
    render(<PracticePage scenarioId="complaint-late-delivery" mode="coach" />);
    await waitFor(() =>
      expect(window.location.hash).toBe(
        `#/profile?next=${encodeURIComponent('#/practice/complaint-late-delivery?mode=coach')}`,
      ),
    );
  });

  it('should show the customer, the situation and the mood', async () => {
    await withProfile();
    render(<PracticePage scenarioId="complaint-late-delivery" mode="coach" />);
    expect(await screen.findByRole('heading', { name: '沙发迟到两周' })).toBeInTheDocument();
    expect(screen.getByRole('meter', { name: '顾客情绪' })).toHaveAttribute('aria-valuenow', '30');
    expect(screen.getAllByText(/沙发说好 15 号前送到/).length).toBeGreaterThan(0);
    expect(screen.getByText(/她为了等送货请过两次假/)).toBeInTheDocument();
  });

  it('should mark 你弄错了 and 但是 in the draft while typing, with a better phrasing', async () => {
    await withProfile();
    const user = userEvent.setup();
    render(<PracticePage scenarioId="complaint-late-delivery" mode="coach" />);
    const box = await screen.findByLabelText('你的回复');
    await user.type(box, '你弄错了，但是我们会查');
    const hints = screen.getByRole('region', { name: '教练提示' });
    const marks = hints.querySelectorAll('mark');
    expect(marks).toHaveLength(2);
    expect(marks[0]?.textContent).toMatch(/^你弄错/);
    expect(marks[1]?.textContent).toBe('但是');
    expect(within(hints).getByText('禁用语')).toBeInTheDocument();
    expect(within(hints).getByText('转折语')).toBeInTheDocument();
    expect(within(hints).getAllByText(/更好的说法/).length).toBe(2);
  });

  it('should give one hint card to a phrase that several rules or tags fire on', async () => {
    await withProfile();
    const user = userEvent.setup();
    render(<PracticePage scenarioId="complaint-late-delivery" mode="coach" />);
    const box = await screen.findByLabelText('你的回复');
    const hints = screen.getByRole('region', { name: '教练提示' });

    // 是你自己弄错了 fires four forbidden-phrase rules on overlapping words.
    await user.type(box, '是你自己弄错了吧');
    expect(within(hints).getAllByRole('listitem')).toHaveLength(1);
    expect(hints.querySelectorAll('mark')).toHaveLength(1);

    // 可是你自己… : a 转折语 and a blame on overlapping words, one card naming both.
    await user.clear(box);
    await user.type(box, '可是你自己没有保留小票啊');
    const [card, ...others] = within(hints).getAllByRole('listitem');
    expect(others).toHaveLength(0);
    expect(within(card!).getByText('转折语')).toBeInTheDocument();
    expect(within(card!).getByText('禁用语')).toBeInTheDocument();
  });

  it("should tick off the step's required apology and praise it as it is typed", async () => {
    await withProfile();
    const user = userEvent.setup();
    render(<PracticePage scenarioId="complaint-late-delivery" mode="coach" />);
    const hints = await screen.findByRole('region', { name: '教练提示' });
    expect(
      within(hints)
        .getByText(/这一步要做到/)
        .closest('p'),
    ).toHaveTextContent('道歉（还没有）');
    await user.type(screen.getByLabelText('你的回复'), '真的非常抱歉');
    expect(within(hints).getByText('已道歉')).toBeInTheDocument();
    expect(
      within(hints)
        .getByText(/这一步要做到/)
        .closest('p'),
    ).toHaveTextContent('道歉（已做到）');
  });

  it('should refuse an empty reply and send nothing', async () => {
    await withProfile();
    const user = userEvent.setup();
    render(<PracticePage scenarioId="complaint-late-delivery" mode="coach" />);
    const box = await screen.findByLabelText('你的回复');
    await user.type(box, '   {Enter}');
    expect(screen.getByRole('alert')).toHaveTextContent('回复是空的');
    expect(usePracticeStore.getState().snapshot?.context.turn).toBe(0);
  });

  it('should refuse a reply over 2,000 characters and keep the draft', async () => {
    await withProfile();
    const user = userEvent.setup();
    render(<PracticePage scenarioId="complaint-late-delivery" mode="coach" />);
    const box = await screen.findByLabelText('你的回复');
    await user.click(box);
    await user.paste('好'.repeat(2001));
    await user.keyboard('{Enter}');
    expect(screen.getByRole('alert')).toHaveTextContent('最多 2000 个字');
    expect(box).toHaveValue('好'.repeat(2001));
    expect(usePracticeStore.getState().snapshot?.context.turn).toBe(0);
  });

  it('should show <script> and emoji replies as plain text', async () => {
    await withProfile();
    const user = userEvent.setup();
    render(<PracticePage scenarioId="complaint-late-delivery" mode="coach" />);
    const box = await screen.findByLabelText('你的回复');
    await user.click(box);
    await user.paste('<script>alert(1)</script> 抱歉😀');
    await user.keyboard('{Enter}');
    const log = screen.getByRole('list', { name: '对话记录' });
    expect(await within(log).findByText('<script>alert(1)</script> 抱歉😀')).toBeInTheDocument();
    expect(document.querySelector('script')).toBeNull();
  });

  it('should offer the authored replies as buttons in choice mode', async () => {
    await withProfile();
    const user = userEvent.setup();
    render(<PracticePage scenarioId="complaint-late-delivery" mode="choice" />);
    const group = await screen.findByRole('group', { name: '选一条回复' });
    const buttons = within(group).getAllByRole('button');
    expect(buttons).toHaveLength(4);
    await user.click(within(group).getByRole('button', { name: /真的非常抱歉/ }));
    await waitFor(() => expect(usePracticeStore.getState().snapshot?.context.turn).toBe(1));
    expect(screen.getByRole('meter', { name: '顾客情绪' })).not.toHaveAttribute(
      'aria-valuenow',
      '30',
    );
  });

  it('should say after each choice what it earned and why, with the better phrasing of a lost point', async () => {
    await withProfile();
    const user = userEvent.setup();
    render(<PracticePage scenarioId="complaint-late-delivery" mode="choice" />);
    const group = await screen.findByRole('group', { name: '选一条回复' });
    expect(screen.queryByRole('region', { name: '上一个选择的得分' })).toBeNull();
    await user.click(within(group).getByRole('button', { name: /真的非常抱歉/ }));

    const feedback = await screen.findByRole('region', { name: '上一个选择的得分' });
    expect(feedback).toHaveTextContent(/上一个选择：\+\d+ 分。/);
    expect(feedback).toHaveTextContent(/顾客情绪 30 → \d+/);
    expect(within(feedback).getAllByRole('listitem').length).toBeGreaterThan(0);

    const next = await screen.findByRole('group', { name: '选一条回复' });
    await user.click(within(next).getByRole('button', { name: /您应该先把订单号报给我/ }));
    await waitFor(() => expect(usePracticeStore.getState().snapshot?.context.turn).toBe(2));
    const lost = screen.getByRole('region', { name: '上一个选择的得分' });
    expect(lost).toHaveTextContent(/上一个选择：-\d+ 分。/);
    expect(lost).toHaveTextContent('更好的说法：');
  });

  it('should save every turn so the attempt can be resumed', async () => {
    await withProfile();
    const user = userEvent.setup();
    const { unmount } = render(<PracticePage scenarioId="complaint-late-delivery" mode="coach" />);
    const box = await screen.findByLabelText('你的回复');
    await user.click(box);
    await user.paste(strong.replies[0]?.text ?? '');
    await user.keyboard('{Enter}');
    await waitFor(() => expect(usePracticeStore.getState().saving).toBe(false));
    await waitFor(() => expect(usePracticeStore.getState().attempt?.revision).toBe(2));
    unmount();

    render(<PracticePage scenarioId="complaint-late-delivery" mode="coach" />);
    await user.click(await screen.findByRole('button', { name: '继续上次的对话' }));
    const log = screen.getByRole('list', { name: '对话记录' });
    expect(within(log).getByText(strong.replies[0]?.text ?? '')).toBeInTheDocument();
  });

  it('should finish a conversation, save the report and go to it', async () => {
    await withProfile();
    const user = userEvent.setup();
    render(<PracticePage scenarioId="complaint-late-delivery" mode="coach" />);
    for (const reply of strong.replies) {
      if (window.location.hash.startsWith('#/report/')) break;
      const box = await screen.findByLabelText('你的回复');
      await user.click(box);
      await user.paste(reply.text);
      await user.keyboard('{Enter}');
      await waitFor(() => expect(usePracticeStore.getState().saving).toBe(false));
    }
    await waitFor(() => expect(window.location.hash).toMatch(/^#\/report\//));
    const id = window.location.hash.replace('#/report/', '');
    const record = await getAttempt(id);
    expect(record?.status).toBe('finished');
    expect(record?.score).toBeGreaterThan(0);
    expect(record?.report).toBeDefined();
    expect(await findInProgress('complaint-late-delivery')).toBeUndefined();
  });

  it('should load what another tab saved first, say so, and keep the draft', async () => {
    await withProfile();
    const user = userEvent.setup();
    render(<PracticePage scenarioId="complaint-late-delivery" mode="coach" />);
    const box = await screen.findByLabelText('你的回复');
    // Another tab answers the first line and saves before this one.
    const { attempt, scenario, analyzer } = usePracticeStore.getState();
    if (!attempt || !scenario || !analyzer) throw new Error('practice did not start');
    const other = createActor(createScenarioMachine(scenario, analyzer), {
      input: { mode: 'coach', startedAt: attempt.startedAt },
    }).start();
    other.send({
      type: 'REPLY',
      text: '另一个标签页里的回复：非常抱歉',
      at: attempt.startedAt + 5000,
    });
    await updateAttempt(attempt.id, attempt.revision, { snapshot: other.getPersistedSnapshot() });

    await user.click(box);
    await user.paste('这一页的回复');
    await user.keyboard('{Enter}');
    expect(await screen.findByText(/在另一个标签页里有了新进度/)).toHaveTextContent(
      '你刚才的回复没有发送，还在输入框里',
    );
    const log = screen.getByRole('list', { name: '对话记录' });
    expect(within(log).getByText('另一个标签页里的回复：非常抱歉')).toBeInTheDocument();
    expect(within(log).queryByText('这一页的回复')).toBeNull();
    expect(screen.getByLabelText('你的回复')).toHaveValue('这一页的回复');
  });

  it('should say the reply was not counted, with its words, when another tab finished the attempt', async () => {
    await withProfile();
    const user = userEvent.setup();
    render(<PracticePage scenarioId="complaint-late-delivery" mode="coach" />);
    const box = await screen.findByLabelText('你的回复');
    const { attempt } = usePracticeStore.getState();
    if (!attempt) throw new Error('practice did not start');
    await updateAttempt(attempt.id, attempt.revision, { status: 'finished', score: 70 });

    await user.click(box);
    await user.paste('这一页的回复');
    await user.keyboard('{Enter}');
    expect(
      await screen.findByText(
        '这次练习已在另一个标签页里完成，你刚才的回复没有计入：“这一页的回复”',
      ),
    ).toBeInTheDocument();
  });

  describe('in exam mode', () => {
    afterEach(() => {
      vi.useRealTimers();
    });

    it('should hide hints and count the turn as unanswered when the time runs out', async () => {
      await withProfile();
      // Only the countdown's clock is faked; IndexedDB and React keep their real timers.
      vi.useFakeTimers({ toFake: ['setInterval', 'clearInterval', 'Date'] });
      render(<PracticePage scenarioId="complaint-late-delivery" mode="exam" />);
      await screen.findByLabelText('你的回复');
      expect(screen.queryByRole('region', { name: '教练提示' })).toBeNull();
      // complaint-late-delivery sets no limit: the one default, 60 s, as in scoring and play.
      expect(screen.getByRole('timer')).toHaveTextContent('60 秒');
      act(() => vi.advanceTimersByTime(61_000));
      const log = screen.getByRole('list', { name: '对话记录' });
      expect(await within(log).findByText('（超时，没有回复）')).toBeInTheDocument();
    });

    it('should keep the reply countdown running across a reload', async () => {
      await withProfile();
      vi.useFakeTimers({ toFake: ['setInterval', 'clearInterval', 'Date'] });
      const { unmount } = render(<PracticePage scenarioId="complaint-late-delivery" mode="exam" />);
      await screen.findByLabelText('你的回复');
      expect(screen.getByRole('timer')).toHaveTextContent('60 秒');
      act(() => vi.advanceTimersByTime(20_000));
      expect(screen.getByRole('timer')).toHaveTextContent('40 秒');
      unmount();
      usePracticeStore.getState().reset();

      render(<PracticePage scenarioId="complaint-late-delivery" mode="exam" />);
      await userEvent.click(await screen.findByRole('button', { name: '继续上次的对话' }));
      expect(screen.getByRole('timer')).toHaveTextContent('40 秒');
    });

    it('should not start an exam once its attempt limit is used, nor start one over', async () => {
      await withProfile();
      await saveExamLimit('complaint-late-delivery', 1);
      const { unmount } = render(<PracticePage scenarioId="complaint-late-delivery" mode="exam" />);
      await screen.findByLabelText('你的回复');
      expect(screen.getByText(/这个场景的考试你已开始过 1 次（最多 1 次）/)).toBeInTheDocument();
      unmount();
      usePracticeStore.getState().reset();

      // The open exam can be continued, not started over.
      const again = render(<PracticePage scenarioId="complaint-late-delivery" mode="exam" />);
      expect(await screen.findByRole('button', { name: '继续上次的对话' })).toBeInTheDocument();
      expect(screen.queryByRole('button', { name: '重新开始' })).toBeNull();
      expect(screen.getByText('考试次数已用完，只能继续这次考试。')).toBeInTheDocument();
      again.unmount();
      usePracticeStore.getState().reset();

      // Once it is no longer open, no new exam starts.
      const open = await findInProgress('complaint-late-delivery');
      if (!open) throw new Error('the exam should be open');
      await updateAttempt(open.id, open.revision, { status: 'abandoned' });
      render(<PracticePage scenarioId="complaint-late-delivery" mode="exam" />);
      expect(await screen.findByRole('alert')).toHaveTextContent(
        '这个场景的考试次数已用完（1/1 次）',
      );
      expect(screen.queryByLabelText('你的回复')).toBeNull();
      expect(await findInProgress('complaint-late-delivery')).toBeUndefined();
    });

    it('should let an exam be started over while attempts are left, counting the new one', async () => {
      await withProfile();
      await saveExamLimit('complaint-late-delivery', 2);
      const { unmount } = render(<PracticePage scenarioId="complaint-late-delivery" mode="exam" />);
      await screen.findByLabelText('你的回复');
      unmount();
      usePracticeStore.getState().reset();

      render(<PracticePage scenarioId="complaint-late-delivery" mode="exam" />);
      expect(
        await screen.findByText('重新开始算作新的一次考试，上次的考试记为放弃。'),
      ).toBeInTheDocument();
      await userEvent.click(screen.getByRole('button', { name: '重新开始' }));
      expect(await screen.findByLabelText('你的回复')).toBeInTheDocument();
      expect(screen.getByText(/已开始过 2 次（最多 2 次）/)).toBeInTheDocument();
    });
  });

  it('should not count the time away as a slow reply when an attempt is resumed', async () => {
    await withProfile();
    const { scenarioById, analyzer } = useCatalogStore.getState();
    const scenario = scenarioById('complaint-late-delivery');
    if (!scenario || !analyzer) throw new Error('catalogue not loaded');
    const anHourAgo = Date.now() - 3_600_000;
    const left = createActor(createScenarioMachine(scenario, analyzer), {
      input: { mode: 'coach', startedAt: anHourAgo },
    }).start();
    await createAttempt({
      scenarioId: scenario.id,
      scenarioVersion: scenario.version,
      scenarioTitle: scenario.title,
      mode: 'coach',
      trainee: { name: '李明', employeeNo: 'E001', department: '客服部' },
      snapshot: left.getPersistedSnapshot(),
      startedAt: anHourAgo,
    });
    const user = userEvent.setup();
    render(<PracticePage scenarioId="complaint-late-delivery" mode="coach" />);
    await user.click(await screen.findByRole('button', { name: '继续上次的对话' }));
    await user.click(screen.getByLabelText('你的回复'));
    await user.paste(strong.replies[0]?.text ?? '');
    await user.keyboard('{Enter}');
    await waitFor(() => expect(usePracticeStore.getState().snapshot?.context.turn).toBe(1));
    const findings = usePracticeStore.getState().snapshot?.context.findings ?? [];
    expect(findings.some((finding) => finding.kind === 'slow')).toBe(false);
  });

  describe('when the browser cannot store records', () => {
    const put = IDBObjectStore.prototype.put;
    afterEach(() => {
      IDBObjectStore.prototype.put = put;
      resetStorageHealth();
    });

    /** Makes every write to the attempts table fail the way a full disk does. */
    function fillDisk() {
      IDBObjectStore.prototype.put = function (this: IDBObjectStore, ...args) {
        if (this.name === 'attempts') throw new DOMException('over quota', 'QuotaExceededError');
        return put.apply(this, args);
      };
    }

    async function sendReply(user: ReturnType<typeof userEvent.setup>, text: string) {
      const box = await screen.findByLabelText('你的回复');
      await user.click(box);
      await user.paste(text);
      await user.keyboard('{Enter}');
      await waitFor(() => expect(usePracticeStore.getState().saving).toBe(false));
    }

    it('should practise to the report without IndexedDB, saying once that nothing is kept', async () => {
      // A database that cannot open stands in for private mode (Dexie: DatabaseClosedError).
      const closed = new ServiceDojoDb(`test-${crypto.randomUUID()}`);
      closed.close();
      useDatabase(closed);
      expect(
        await useProfileStore
          .getState()
          .save({ name: '李明', employeeNo: 'E001', department: '客服部' }),
      ).toBe('memory');
      const user = userEvent.setup();
      const { unmount } = render(
        <PracticePage scenarioId="complaint-late-delivery" mode="coach" />,
      );
      expect(await screen.findByText(/关闭这个标签页后，这次练习就不会保留/)).toBeInTheDocument();
      expect(screen.queryByText(/保存失败/)).toBeNull();
      for (const reply of strong.replies) {
        if (window.location.hash.startsWith('#/report/')) break;
        await sendReply(user, reply.text);
        expect(screen.queryByText(/保存失败/)).toBeNull();
        expect(screen.getAllByText(/这次练习就不会保留/)).toHaveLength(1);
      }
      await waitFor(() => expect(window.location.hash).toMatch(/^#\/report\//));
      const id = window.location.hash.replace('#/report/', '');
      expect(rememberedAttempt(id)?.record.status).toBe('finished');
      unmount();

      render(<ReportPage attemptId={id} />);
      expect(await screen.findByRole('heading', { name: /练习报告/ })).toBeInTheDocument();
      expect(screen.getByText(/这份报告只在这个标签页里/)).toBeInTheDocument();
      const transcript = screen.getByRole('region', { name: '完整对话' });
      expect(within(transcript).getByText(strong.replies[0]?.text ?? '')).toBeInTheDocument();
    });

    it('should let the conversation go on when the disk is full, said once and put away', async () => {
      await withProfile();
      const user = userEvent.setup();
      render(<PracticePage scenarioId="complaint-late-delivery" mode="coach" />);
      await screen.findByLabelText('你的回复');
      fillDisk();
      await sendReply(user, strong.replies[0]?.text ?? '');
      await sendReply(user, strong.replies[1]?.text ?? '');
      const log = screen.getByRole('list', { name: '对话记录' });
      expect(within(log).getByText(strong.replies[1]?.text ?? '')).toBeInTheDocument();
      expect(screen.getByLabelText('你的回复')).toHaveValue('');
      expect(screen.queryByText(/保存失败/)).toBeNull();
      expect(getStorageHealth()).toBe('full');
      await user.click(screen.getByRole('button', { name: '知道了' }));
      await sendReply(user, strong.replies[2]?.text ?? '');
      expect(screen.queryByText(/这次练习就不会保留/)).toBeNull();
      expect(screen.getByRole('button', { name: /离开（这次练习不会保留）/ })).toBeInTheDocument();
    });

    it('should store every turn held in memory once the disk has room again', async () => {
      await withProfile();
      const user = userEvent.setup();
      render(<PracticePage scenarioId="complaint-late-delivery" mode="coach" />);
      await screen.findByLabelText('你的回复');
      const first = usePracticeStore.getState().attempt;
      fillDisk();
      await sendReply(user, strong.replies[0]?.text ?? '');
      expect(usePracticeStore.getState().keptIn).toBe('memory');
      expect((await getAttempt(first?.id ?? ''))?.revision).toBe(1);

      IDBObjectStore.prototype.put = put;
      await sendReply(user, strong.replies[1]?.text ?? '');
      expect(usePracticeStore.getState().keptIn).toBe('storage');
      expect(screen.queryByText(/这次练习就不会保留/)).toBeNull();
      const stored = await getAttempt(first?.id ?? '');
      const said = JSON.stringify(stored?.snapshot);
      expect(said).toContain(strong.replies[0]?.text ?? '');
      expect(said).toContain(strong.replies[1]?.text ?? '');
      expect(rememberedAttempt(first?.id ?? '')).toBeUndefined();
    });
  });
});
