import { render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createAttempt, updateAttempt } from '../../src/data/attempts';
import { ServiceDojoDb, useDatabase, type AttemptRecord } from '../../src/data/db';
import { rememberAttempt, resetMemoryAttempts } from '../../src/data/memory-attempts';
import { HistoryPage } from '../../src/features/history/history-page';
import { exportBundle } from '../../src/data/result-bundle';
import { useCatalogStore } from '../../src/stores/use-catalog-store';
import { useLocaleStore } from '../../src/stores/use-locale-store';
import { nodeScorer, practisedAttempt } from '../support/practised-attempts';
import { storedReport } from '../support/stored-reports';

const trainee = { name: '李明', employeeNo: 'E001', department: '客服部' };
const sofa = { 'zh-CN': '沙发迟到', en: 'Late sofa' };
const printer = { 'zh-CN': '办公打印机', en: 'Office printer' };

async function attempt(
  scenarioId: string,
  scenarioTitle: { 'zh-CN': string; en: string },
  startedAt: number,
  result?: Partial<AttemptRecord>,
) {
  const created = await createAttempt({
    scenarioId,
    scenarioVersion: 1,
    scenarioTitle,
    mode: 'coach',
    trainee,
    snapshot: {},
    startedAt,
  });
  return result ? updateAttempt(created.id, created.revision, result) : created;
}

function finished(score: number, endingKind: AttemptRecord['endingKind'], at: number) {
  return {
    status: 'finished' as const,
    score,
    passed: score >= 65,
    endingKind,
    finishedAt: at,
    mode: 'exam' as const,
  };
}

const day = 24 * 3600 * 1000;
const start = Date.UTC(2025, 2, 3, 2, 0);

describe('HistoryPage', () => {
  beforeEach(() => {
    useDatabase(new ServiceDojoDb(`test-${crypto.randomUUID()}`));
    useLocaleStore.setState({ locale: 'zh-CN' });
    // jsdom cannot draw on a canvas; the chart then shows its figures as a table.
    vi.spyOn(HTMLCanvasElement.prototype, 'getContext').mockReturnValue(null);
  });
  afterEach(() => {
    vi.restoreAllMocks();
  });

  it('should list every attempt newest first with score, result, ending and a report link', async () => {
    const first = await attempt('sofa', sofa, start, finished(52, 'escalated', start + 600_000));
    const second = await attempt(
      'printer',
      printer,
      start + day,
      finished(81, 'retained', start + day),
    );
    await attempt('sofa', sofa, start + 2 * day);
    render(<HistoryPage />);
    const table = await screen.findByRole('table', { name: '全部练习' });
    const rows = within(table).getAllByRole('row').slice(1);
    expect(rows.map((row) => within(row).getByRole('rowheader').textContent)).toEqual([
      '沙发迟到',
      '办公打印机',
      '沙发迟到',
    ]);
    expect(rows[0]).toHaveTextContent('进行中');
    expect(within(rows[0]!).getByRole('link', { name: '继续练习' })).toHaveAttribute(
      'href',
      '#/practice/sofa?mode=coach',
    );
    expect(rows[1]).toHaveTextContent('考试模式');
    expect(rows[1]).toHaveTextContent('81');
    expect(rows[1]).toHaveTextContent('通过');
    expect(rows[1]).toHaveTextContent('顾客留住了');
    expect(within(rows[1]!).getByRole('link', { name: '查看报告' })).toHaveAttribute(
      'href',
      `#/report/${second.id}`,
    );
    expect(rows[2]).toHaveTextContent('未通过');
    expect(rows[2]).toHaveTextContent('投诉升级');
    expect(within(rows[2]!).getByRole('link', { name: '查看报告' })).toHaveAttribute(
      'href',
      `#/report/${first.id}`,
    );
  });

  it('should chart the scores of the chosen scenario in the order they were taken', async () => {
    await attempt('sofa', sofa, start, finished(40, 'lost', start));
    await attempt('sofa', sofa, start + day, finished(55, 'escalated', start + day));
    await attempt('printer', printer, start + 2 * day, finished(90, 'retained', start + 2 * day));
    await attempt('sofa', sofa, start + 3 * day, finished(72.6, 'retained', start + 3 * day));
    const user = userEvent.setup();
    render(<HistoryPage />);
    const chart = await screen.findByRole('table', { name: '沙发迟到：历次得分' });
    const scores = within(chart)
      .getAllByRole('row')
      .slice(1)
      .map((row) => within(row).getByRole('cell').textContent);
    expect(scores).toEqual(['40', '55', '73']);
    await user.selectOptions(screen.getByLabelText('选择场景'), 'printer');
    const other = screen.getByRole('table', { name: '办公打印机：历次得分' });
    expect(
      within(other)
        .getAllByRole('cell')
        .map((cell) => cell.textContent),
    ).toEqual(['90']);
  });

  it('should draw coach, exam and choice attempts as separate lines with the pass line', async () => {
    const report = storedReport({ scenarioId: 'sofa', passScore: 65 });
    await attempt('sofa', sofa, start, { ...finished(40, 'lost', start), mode: 'coach' });
    await attempt('sofa', sofa, start + day, { ...finished(58, 'escalated', start + day), report });
    await attempt('sofa', sofa, start + 2 * day, {
      ...finished(90, 'retained', start + 2 * day),
      mode: 'choice',
    });
    render(<HistoryPage />);
    const chart = await screen.findByRole('table', { name: '沙发迟到：历次得分' });
    expect(
      within(chart)
        .getAllByRole('columnheader')
        .map((cell) => cell.textContent),
    ).toEqual(['项目', '教练模式', '考试模式', '选择模式', '及格线 65 分']);
    const rows = within(chart)
      .getAllByRole('row')
      .slice(1)
      .map((row) =>
        within(row)
          .getAllByRole('cell')
          .map((cell) => cell.textContent),
      );
    expect(rows).toEqual([
      ['40', '—', '—', '65'],
      ['—', '58', '—', '65'],
      ['—', '—', '90', '65'],
    ]);
    expect(screen.getByText(/虚线是及格线 65 分/)).toBeInTheDocument();
  });

  it('should point a trainee without attempts to the library', async () => {
    render(<HistoryPage />);
    expect(await screen.findByRole('link', { name: '打开场景库' })).toHaveAttribute(
      'href',
      '#/library',
    );
    expect(screen.queryByRole('table')).not.toBeInTheDocument();
  });

  it('should offer the result bundle a trainer collects in class', async () => {
    render(<HistoryPage />);
    expect(
      await screen.findByRole('link', { name: '把成绩包交给培训师（课堂收集成绩用）' }),
    ).toHaveAttribute('href', '#/export');
  });
});

describe('HistoryPage without storage', () => {
  beforeEach(() => {
    // A database that cannot open, as in private mode.
    const closed = new ServiceDojoDb(`test-${crypto.randomUUID()}`);
    closed.close();
    useDatabase(closed);
    resetMemoryAttempts();
    useLocaleStore.setState({ locale: 'zh-CN' });
  });
  afterEach(() => resetMemoryAttempts());

  it('should say records are not kept on this device instead of a read error', async () => {
    render(<HistoryPage />);
    expect(await screen.findByText(/这台设备不保存练习记录/)).toBeInTheDocument();
    expect(screen.getByText('这个标签页里还没有练习。')).toBeInTheDocument();
    expect(screen.queryByRole('alert')).not.toBeInTheDocument();
  });

  it("should list this tab's attempts with a link to the report", async () => {
    rememberAttempt(
      {
        id: 'in-tab',
        schemaVersion: 1,
        scenarioId: 'sofa',
        scenarioVersion: 1,
        scenarioTitle: sofa,
        mode: 'coach',
        trainee,
        status: 'finished',
        startedAt: start,
        updatedAt: start,
        finishedAt: start + 600_000,
        revision: 2,
        snapshot: {},
        score: 81,
        passed: true,
      },
      false,
    );
    render(<HistoryPage />);
    expect(await screen.findByText(/这台设备不保存练习记录/)).toBeInTheDocument();
    const row = screen.getByRole('row', { name: /沙发迟到/ });
    expect(within(row).getByText('81')).toBeInTheDocument();
    expect(within(row).getByRole('link', { name: '查看报告' })).toHaveAttribute(
      'href',
      '#/report/in-tab',
    );
  });
});

describe('HistoryPage restore', () => {
  beforeEach(() => {
    useDatabase(new ServiceDojoDb(`test-${crypto.randomUUID()}`));
    useLocaleStore.setState({ locale: 'zh-CN' });
    vi.spyOn(HTMLCanvasElement.prototype, 'getContext').mockReturnValue(null);
  });
  afterEach(() => {
    vi.restoreAllMocks();
  });

  it('should restore an exported bundle into the history, re-scored', async () => {
    const scorer = await nodeScorer();
    useCatalogStore.setState({
      status: 'ready',
      analyzer: scorer.analyzer,
      scenarioById: scorer.scenarioById,
    });
    const backup = practisedAttempt(scorer, 'from-old-phone', {
      name: trainee.name,
      employeeNo: trainee.employeeNo,
      startedAt: Date.UTC(2026, 10, 20, 9),
    });
    const text = await exportBundle([backup]);
    render(<HistoryPage />);
    const input = await screen.findByLabelText('从备份恢复（导出过的成绩包）');
    await userEvent.upload(input, new File([text], 'backup.json', { type: 'application/json' }));
    expect(
      await screen.findByText(/已恢复 1 条练习（重新评分），0 条已在本机/),
    ).toBeInTheDocument();
    const table = await screen.findByRole('table', { name: '全部练习' });
    expect(await within(table).findByText(String(backup.score))).toBeInTheDocument();
  }, 30_000);
});
