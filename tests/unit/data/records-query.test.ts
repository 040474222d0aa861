import { beforeEach, describe, expect, it } from 'vitest';
import { toAttemptSummary } from '../../../src/data/attempt-summaries';
import { ServiceDojoDb, useDatabase, type AttemptRecord } from '../../../src/data/db';
import {
  allRecordsPaged,
  cellKey,
  countRecords,
  completionMatrix,
  countingRows,
  filterRoster,
  filterRows,
  getCompletionModes,
  getCountingPolicy,
  saveCompletionModes,
  newestRecords,
  saveCountingPolicy,
  sortRows,
  traineeRecords,
  type RecordRow,
} from '../../../src/data/records-query';
import { MODES } from '../../../src/core/scenario-schema';
import { reportReplies } from '../../../src/core/report-replies';
import { customerLine, finding, storedReport, traineeLine } from '../../support/stored-reports';

const DAY = 86_400_000;

function attempt(change: Partial<AttemptRecord> = {}): AttemptRecord {
  return {
    id: crypto.randomUUID(),
    schemaVersion: 1,
    scenarioId: 'complaint-late-delivery',
    scenarioVersion: 1,
    scenarioTitle: { 'zh-CN': '沙发延迟送货', en: 'Late sofa delivery' },
    mode: 'coach',
    trainee: { name: '李明', employeeNo: 'E001', department: '客服部' },
    status: 'finished',
    startedAt: 10 * DAY,
    updatedAt: 10 * DAY,
    revision: 3,
    snapshot: null,
    score: 70,
    passed: true,
    ...change,
  };
}

const row = (change: Partial<AttemptRecord> = {}): RecordRow => toAttemptSummary(attempt(change));

describe('reportReplies', () => {
  it('should list only the trainee replies with the rule ids of their spans and findings', () => {
    const report = storedReport({
      transcript: [
        customerLine('怎么还没送到？', 1),
        traineeLine(1, '非常抱歉', 2, ['apology.basic']),
        traineeLine(2, '你别激动', 3, [], { stepId: 'calm', responseMs: 7000 }),
      ],
      findings: [
        finding({ turn: 2, ruleId: 'forbidden.calm-down' }),
        finding({ turn: 2, kind: 'procedure' }),
      ],
      turns: [
        { turn: 2, stepId: 'calm', text: '你别激动', timeout: false, score: -10, maximum: 8 },
      ],
    });
    expect(reportReplies(report)).toEqual([
      {
        turn: 1,
        stepId: 'open',
        text: '非常抱歉',
        tags: ['apology'],
        ruleIds: ['apology.basic'],
        at: 2,
        responseMs: 5000,
        timeout: false,
        prompt: { 'zh-CN': '怎么还没送到？', en: '怎么还没送到？' },
      },
      {
        turn: 2,
        stepId: 'calm',
        text: '你别激动',
        tags: [],
        ruleIds: ['forbidden.calm-down'],
        at: 3,
        responseMs: 7000,
        timeout: false,
        score: -10,
        maximum: 8,
        prompt: { 'zh-CN': '怎么还没送到？', en: '怎么还没送到？' },
      },
    ]);
  });

  it('should give no replies for an attempt without a report', () => {
    expect(reportReplies(undefined)).toEqual([]);
  });
});

describe('filterRows', () => {
  const rows = [
    row({ id: 'a', startedAt: 1 * DAY, mode: 'exam', passed: false }),
    row({
      id: 'b',
      startedAt: 5 * DAY,
      trainee: { name: '张华', employeeNo: 'E002', department: '售后部' },
    }),
    row({ id: 'c', startedAt: 9 * DAY, scenarioId: 'spin-office-printer' }),
  ];
  const ids = (list: RecordRow[]) => list.map((r) => r.id);

  it('should keep a date range with the end excluded', () => {
    expect(ids(filterRows(rows, { from: 1 * DAY, to: 9 * DAY }))).toEqual(['a', 'b']);
  });

  it('should combine department, pass and mode', () => {
    expect(ids(filterRows(rows, { department: '售后部' }))).toEqual(['b']);
    expect(ids(filterRows(rows, { passed: false }))).toEqual(['a']);
    expect(ids(filterRows(rows, { mode: 'coach', scenarioId: 'spin-office-printer' }))).toEqual([
      'c',
    ]);
  });

  it('should search names, employee numbers and scenario titles', () => {
    expect(ids(filterRows(rows, { search: '张华' }))).toEqual(['b']);
    expect(ids(filterRows(rows, { search: 'e002' }))).toEqual(['b']);
    expect(ids(filterRows(rows, { search: 'sofa' }))).toHaveLength(3);
  });
});

describe('sortRows', () => {
  it('should sort by score descending with missing scores last', () => {
    const rows = [
      row({ id: 'x', score: 50 }),
      row({ id: 'y', score: undefined }),
      row({ id: 'z', score: 90 }),
    ];
    expect(sortRows(rows, { key: 'score', descending: true }).map((r) => r.id)).toEqual([
      'z',
      'x',
      'y',
    ]);
  });
});

describe('countingRows', () => {
  const rows = [
    row({ id: 'first', startedAt: 1 * DAY, score: 60 }),
    row({ id: 'best', startedAt: 2 * DAY, score: 95 }),
    row({ id: 'last', startedAt: 3 * DAY, score: 80 }),
    row({ id: 'open', startedAt: 4 * DAY, status: 'in-progress', score: undefined }),
  ];

  it('should pick the best, the last or the first finished attempt', () => {
    expect(countingRows(rows, 'best').map((r) => r.id)).toEqual(['best']);
    expect(countingRows(rows, 'last').map((r) => r.id)).toEqual(['last']);
    expect(countingRows(rows, 'first').map((r) => r.id)).toEqual(['first']);
  });

  it('should keep one attempt per trainee and scenario', () => {
    const other = row({
      id: 'other',
      trainee: { name: '张华', employeeNo: 'E002', department: '客服部' },
    });
    expect(countingRows([...rows, other], 'best')).toHaveLength(2);
  });
});

describe('completionMatrix', () => {
  it('should follow the counting policy and give each department its completion rate', () => {
    const rows = [
      row({ id: 'fail-late', startedAt: 3 * DAY, score: 40, passed: false }),
      row({ id: 'pass-early', startedAt: 1 * DAY, score: 90, passed: true }),
      row({
        scenarioId: 'spin-office-printer',
        scenarioTitle: { 'zh-CN': '办公打印机', en: 'Printer' },
        status: 'abandoned',
      }),
      row({ trainee: { name: '王芳', employeeNo: 'E003', department: '售后部' }, score: 75 }),
    ];
    const best = completionMatrix(rows, 'best', 'zh-CN', { countedModes: MODES });
    expect(best.scenarios).toHaveLength(2);
    expect(best.cells.get(cellKey('E001', 'complaint-late-delivery'))).toEqual({
      attemptId: 'pass-early',
      score: 90,
      passed: true,
    });
    expect(best.cells.has(cellKey('E001', 'spin-office-printer'))).toBe(false);
    expect(best.departments.find((d) => d.department === '客服部')).toMatchObject({
      completed: 1,
      required: 2,
      rate: 0.5,
    });
    const last = completionMatrix(rows, 'last', 'zh-CN', { countedModes: MODES });
    expect(last.cells.get(cellKey('E001', 'complaint-late-delivery'))?.passed).toBe(false);
    expect(last.departments.find((d) => d.department === '客服部')?.rate).toBe(0);
  });

  it('should complete a scenario by exam or observed passes only, unless other modes are chosen', () => {
    const rows = [
      row({ id: 'choice-pass', mode: 'choice', score: 95, passed: true }),
      row({ id: 'exam-fail', mode: 'exam', score: 50, passed: false, startedAt: 2 * DAY }),
      row({
        id: 'coach-only',
        mode: 'coach',
        trainee: { name: '张华', employeeNo: 'E002', department: '客服部' },
      }),
    ];

    const byDefault = completionMatrix(rows, 'best');

    expect(byDefault.countedModes).toEqual(['exam', 'observed']);
    expect(byDefault.cells.get(cellKey('E001', 'complaint-late-delivery'))).toMatchObject({
      attemptId: 'exam-fail',
      passed: false,
    });
    expect(byDefault.cells.has(cellKey('E002', 'complaint-late-delivery'))).toBe(false);
    expect(byDefault.practisedOnly.has(cellKey('E002', 'complaint-late-delivery'))).toBe(true);
    expect(byDefault.departments[0]).toMatchObject({ completed: 0, required: 2 });

    const withChoice = completionMatrix(rows, 'best', 'zh-CN', {
      countedModes: ['exam', 'choice'],
    });

    expect(withChoice.cells.get(cellKey('E001', 'complaint-late-delivery'))?.attemptId).toBe(
      'choice-pass',
    );
    expect(withChoice.departments[0]).toMatchObject({ completed: 1, required: 2 });
  });

  it('should list roster people who have not started and count them in the headcount', () => {
    const rows = [row({ mode: 'exam', passed: true })];
    const roster = [
      { name: '李明（名册）', employeeNo: 'E001', department: '客服部' },
      { name: '赵强', employeeNo: 'E009', department: '客服部' },
      { name: '钱伟', employeeNo: 'E010', department: '售后部' },
    ];

    const matrix = completionMatrix(rows, 'best', 'zh-CN', { roster });

    expect(matrix.trainees.map((t) => [t.employeeNo, t.name, t.started])).toEqual([
      ['E001', '李明', true],
      ['E009', '赵强', false],
      ['E010', '钱伟', false],
    ]);
    expect(matrix.departments.find((d) => d.department === '客服部')).toMatchObject({
      trainees: 2,
      completed: 1,
      required: 2,
      rate: 0.5,
    });
    expect(matrix.departments.find((d) => d.department === '售后部')).toMatchObject({
      trainees: 1,
      rate: 0,
    });
  });
});

describe('filterRoster', () => {
  it('should keep roster people of the chosen department that match the search', () => {
    const roster = [
      { name: '赵强', employeeNo: 'E009', department: '客服部' },
      { name: '钱伟', employeeNo: 'E010', department: '售后部' },
    ];
    expect(filterRoster(roster, { department: '售后部' }).map((p) => p.name)).toEqual(['钱伟']);
    expect(filterRoster(roster, { search: 'e009', scenarioId: 'x' }).map((p) => p.name)).toEqual([
      '赵强',
    ]);
  });
});

describe('traineeRecords', () => {
  beforeEach(() => {
    useDatabase(new ServiceDojoDb(`test-${crypto.randomUUID()}`));
  });

  it('should give one trainee’s attempts, oldest first', async () => {
    const { database } = await import('../../../src/data/db');
    await database().attempts.bulkAdd([
      attempt({ id: 'new', startedAt: 20 * DAY }),
      attempt({ id: 'old', startedAt: 1 * DAY }),
      attempt({
        id: 'other',
        startedAt: 5 * DAY,
        trainee: { name: '张华', employeeNo: 'E002', department: '售后部' },
      }),
    ]);
    expect((await traineeRecords('E001')).map((r) => r.id)).toEqual(['old', 'new']);
  });
});

describe('allRecordsPaged', () => {
  beforeEach(() => {
    useDatabase(new ServiceDojoDb(`test-${crypto.randomUUID()}`));
  });

  it('should read every attempt across pages and report progress after each page', async () => {
    const { database } = await import('../../../src/data/db');
    const ids = ['a', 'b', 'c', 'd', 'e'];
    await database().attempts.bulkAdd(ids.map((id) => attempt({ id })));
    const progress: number[] = [];
    const rows = await allRecordsPaged(2, (loaded) => progress.push(loaded));
    expect(rows.map((r) => r.id)).toEqual(ids);
    expect(progress).toEqual([2, 4, 5]);
    expect(await countRecords()).toBe(5);
  });
});

describe('newestRecords', () => {
  beforeEach(() => {
    useDatabase(new ServiceDojoDb(`test-${crypto.randomUUID()}`));
  });

  it('should give the most recently started attempts, newest first', async () => {
    const { database } = await import('../../../src/data/db');
    await database().attempts.bulkAdd([
      attempt({ id: 'mid', startedAt: 2 * DAY }),
      attempt({ id: 'new', startedAt: 3 * DAY }),
      attempt({ id: 'old', startedAt: 1 * DAY }),
    ]);
    expect((await newestRecords(2)).map((r) => r.id)).toEqual(['new', 'mid']);
  });
});

describe('getCountingPolicy', () => {
  beforeEach(() => {
    useDatabase(new ServiceDojoDb(`test-${crypto.randomUUID()}`));
  });

  it('should default to best and remember a change', async () => {
    expect(await getCountingPolicy()).toBe('best');
    await saveCountingPolicy('last');
    expect(await getCountingPolicy()).toBe('last');
  });
});

describe('getCompletionModes', () => {
  beforeEach(() => {
    useDatabase(new ServiceDojoDb(`test-${crypto.randomUUID()}`));
  });

  it('should default to exam and observed, remember a change and ignore a broken value', async () => {
    expect(await getCompletionModes()).toEqual(['exam', 'observed']);
    await saveCompletionModes(['exam', 'choice']);
    expect(await getCompletionModes()).toEqual(['exam', 'choice']);
    const { database } = await import('../../../src/data/db');
    await database().settings.put({ key: 'records.completionModes', value: ['speed-run'] });
    expect(await getCompletionModes()).toEqual(['exam', 'observed']);
  });
});
