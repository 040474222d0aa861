import { beforeEach, describe, expect, it } from 'vitest';
import { reportDimensions } from '../../../src/data/attempt-summaries';
import { ServiceDojoDb, useDatabase, type AttemptRecord } from '../../../src/data/db';
import {
  allRecordsPaged,
  cellKey,
  countRecords,
  completionMatrix,
  countingRows,
  filterRows,
  getCountingPolicy,
  newestRecords,
  queryRecords,
  reportReplies,
  saveCountingPolicy,
  sortRows,
  toRecordRow,
  traineeRecords,
  type RecordRow,
} from '../../../src/data/records-query';

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

const row = (change: Partial<AttemptRecord> = {}): RecordRow => toRecordRow(attempt(change));

describe('reportDimensions', () => {
  it('should read dimension scores from a record keyed by dimension', () => {
    const report = { dimensions: { 移情性: { score: 8, max: 10 }, 可靠性: 60 } };
    expect(reportDimensions(report)).toEqual({ 移情性: 80, 可靠性: 60 });
  });

  it('should read a list of dimension entries and ignore unknown names', () => {
    const report = {
      dimensions: [
        { dimension: '反应性', percent: 55 },
        { dimension: 'x', percent: 1 },
      ],
    };
    expect(reportDimensions(report)).toEqual({ 反应性: 55 });
  });

  it('should give nothing for a missing report', () => {
    expect(reportDimensions(undefined)).toEqual({});
  });
});

describe('reportReplies', () => {
  it('should list only the trainee replies with the rule ids of their spans and findings', () => {
    const report = {
      transcript: [
        { role: 'customer', text: { 'zh-CN': '怎么还没送到？', en: 'Where is it?' }, at: 1 },
        {
          role: 'trainee',
          turn: 1,
          text: '非常抱歉',
          at: 2,
          analysis: { spans: [{ tag: 'apology', ruleId: 'apology.basic' }] },
        },
        { role: 'trainee', turn: 2, text: '你别激动', at: 3, analysis: { spans: [] } },
      ],
      findings: [
        { turn: 2, ruleId: 'forbidden.calm-down' },
        { turn: 2, kind: 'procedure' },
      ],
    };
    expect(reportReplies(report)).toEqual([
      { text: '非常抱歉', ruleIds: ['apology.basic'], at: 2 },
      { text: '你别激动', ruleIds: ['forbidden.calm-down'], at: 3 },
    ]);
  });

  it('should give no replies for a report of unknown shape', () => {
    expect(reportReplies({ transcript: 'x' })).toEqual([]);
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
    const best = completionMatrix(rows, 'best');
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
    const last = completionMatrix(rows, 'last');
    expect(last.cells.get(cellKey('E001', 'complaint-late-delivery'))?.passed).toBe(false);
    expect(last.departments.find((d) => d.department === '客服部')?.rate).toBe(0);
  });
});

describe('queryRecords', () => {
  beforeEach(async () => {
    useDatabase(new ServiceDojoDb(`test-${crypto.randomUUID()}`));
  });

  it('should answer a date range and a department from the indexes', async () => {
    const { database } = await import('../../../src/data/db');
    await database().attempts.bulkAdd([
      attempt({ id: 'old', startedAt: 1 * DAY }),
      attempt({ id: 'new', startedAt: 20 * DAY }),
      attempt({
        id: 'other',
        startedAt: 20 * DAY,
        trainee: { name: '张华', employeeNo: 'E002', department: '售后部' },
      }),
    ]);
    expect((await queryRecords({ from: 10 * DAY })).map((r) => r.id).sort()).toEqual([
      'new',
      'other',
    ]);
    expect((await queryRecords({ department: '售后部' })).map((r) => r.id)).toEqual(['other']);
    expect((await traineeRecords('E001')).map((r) => r.id)).toEqual(['old', 'new']);
  });

  it('should give the same rows as flattening the full attempts, for every filter', async () => {
    const { database } = await import('../../../src/data/db');
    const attempts = [
      attempt({
        id: 'a',
        report: { dimensions: { 移情性: { score: 8, max: 10 } } },
        endingKind: 'retained',
        finishedAt: 11 * DAY,
        durationMs: 60_000,
      }),
      attempt({ id: 'b', mode: 'exam', score: 40, passed: false, startedAt: 12 * DAY }),
      attempt({ id: 'c', status: 'in-progress', score: undefined, passed: undefined }),
      attempt({
        id: 'd',
        mode: 'observed',
        observer: '周老师',
        classId: 'c1',
        scenarioId: 'spin-office-printer',
        trainee: { name: '张华', employeeNo: 'E002', department: '售后部' },
      }),
    ];
    await database().attempts.bulkAdd(attempts);
    const filters = [
      {},
      { passed: true },
      { passed: false },
      { mode: 'exam' as const },
      { scenarioId: 'spin-office-printer' },
      { department: '客服部', search: 'e001' },
      { from: 11 * DAY, to: 13 * DAY },
    ];
    for (const filter of filters) {
      const rows = await queryRecords(filter);
      const expected = filterRows(attempts.map(toRecordRow), filter);
      const byId = (x: RecordRow, y: RecordRow) => x.id.localeCompare(y.id);
      // A summary is a record row plus its index fields (pass, classId): the row part must match.
      // (JSON drops the flattened row's undefined fields, which a summary leaves out.)
      const plain = JSON.parse(JSON.stringify(expected.sort(byId))) as RecordRow[];
      expect([...rows].sort(byId)).toMatchObject(plain);
      expect(rows).toHaveLength(expected.length);
    }
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
