import Dexie from 'dexie';
import { beforeAll, beforeEach, describe, expect, it } from 'vitest';
import {
  createAttempt,
  StaleAttemptError,
  updateAttempt,
  type NewAttempt,
} from '../../../src/data/attempts';
import { toAttemptSummary } from '../../../src/data/attempt-summaries';
import { database, ServiceDojoDb, useDatabase, type AttemptRecord } from '../../../src/data/db';
import { exportBundle, importBundles } from '../../../src/data/result-bundle';
import { storedReport } from '../../support/stored-reports';
import { nodeScorer, practisedAttempt } from '../../support/practised-attempts';

const newAttempt: NewAttempt = {
  scenarioId: 'complaint-late-delivery',
  scenarioVersion: 2,
  scenarioTitle: { 'zh-CN': '交货延迟', en: 'Late delivery' },
  mode: 'exam',
  trainee: { name: '李明', employeeNo: 'E001', department: '客服部' },
  snapshot: { value: 'vent' },
  startedAt: 1000,
};

function stored(change: Partial<AttemptRecord> = {}): AttemptRecord {
  return {
    ...newAttempt,
    id: crypto.randomUUID(),
    schemaVersion: 1,
    status: 'finished',
    updatedAt: 5000,
    revision: 4,
    finishedAt: 5000,
    durationMs: 4000,
    score: 82,
    passed: true,
    endingKind: 'retained',
    report: storedReport({ dimensions: { 移情性: 80, 可靠性: 60 } }),
    ...change,
  };
}

const summaryOf = (id: string) => database().attemptSummaries.get(id);

// The bundled catalogue's scorer takes seconds to build on a busy machine: build it once, first.
beforeAll(() => nodeScorer(), 60_000);

beforeEach(() => {
  useDatabase(new ServiceDojoDb(`test-${crypto.randomUUID()}`));
});

describe('toAttemptSummary', () => {
  it('should keep who, what, score and dimension scores but not the conversation or report', () => {
    const summary = toAttemptSummary(stored({ id: 'a1', classId: 'c1' }));
    expect(summary).toEqual({
      id: 'a1',
      name: '李明',
      employeeNo: 'E001',
      department: '客服部',
      scenarioId: 'complaint-late-delivery',
      scenarioVersion: 2,
      scenarioTitle: { 'zh-CN': '交货延迟', en: 'Late delivery' },
      mode: 'exam',
      status: 'finished',
      score: 82,
      passed: true,
      pass: 1,
      dimensions: { 移情性: 80, 可靠性: 60 },
      endingKind: 'retained',
      startedAt: 1000,
      finishedAt: 5000,
      durationMs: 4000,
      classId: 'c1',
      source: 'practised',
    });
    expect(Object.keys(summary)).not.toContain('snapshot');
  });
});

describe('attemptSummariesMiddleware', () => {
  it('should store a summary when an attempt is created and follow it to the finish', async () => {
    const created = await createAttempt(newAttempt);
    expect(await summaryOf(created.id)).toMatchObject({ status: 'in-progress', pass: 0 });
    expect((await summaryOf(created.id))?.score).toBeUndefined();

    const turn = await updateAttempt(created.id, 1, { snapshot: { value: 'apology' } });
    const finished = await updateAttempt(created.id, turn.revision, {
      status: 'finished',
      finishedAt: 9000,
      durationMs: 8000,
      score: 75,
      passed: true,
      endingKind: 'retained',
      report: storedReport({ dimensions: { 反应性: 55 } }),
    });

    expect(await summaryOf(created.id)).toEqual(toAttemptSummary(finished));
    expect(await summaryOf(created.id)).toMatchObject({
      status: 'finished',
      score: 75,
      pass: 1,
      dimensions: { 反应性: 55 },
    });
  });

  it('should keep the first tab’s result when a second tab’s stale save is refused', async () => {
    const created = await createAttempt(newAttempt);
    await updateAttempt(created.id, 1, { status: 'finished', score: 90, passed: true });
    await expect(
      updateAttempt(created.id, 1, { status: 'finished', score: 20, passed: false }),
    ).rejects.toBeInstanceOf(StaleAttemptError);
    expect(await summaryOf(created.id)).toMatchObject({ score: 90, passed: true, pass: 1 });
  });

  it('should write nothing when the attempt write is rolled back', async () => {
    const db = database();
    const attempt = stored({ id: 'rolled-back' });
    await expect(
      db.transaction('rw', db.attempts, async () => {
        await db.attempts.put(attempt);
        throw new Error('later step failed');
      }),
    ).rejects.toThrow('later step failed');
    expect(await db.attempts.get('rolled-back')).toBeUndefined();
    expect(await summaryOf('rolled-back')).toBeUndefined();
  });

  it('should add summaries for imported result bundles and none for skipped duplicates', async () => {
    // Imports refuse times before 2020 and dimensions that are not 0–100 numbers.
    const at = Date.UTC(2024, 4, 1);
    const scorer = await nodeScorer();
    const first = practisedAttempt(scorer, 'b1', {
      name: '张伟',
      employeeNo: 'E002',
      startedAt: at,
    });
    first.trainee.department = '售后部';
    const second = practisedAttempt(scorer, 'b2', {
      startedAt: at,
      replies: [{ text: '你弄错了吧，单子上写的就是这周。', afterMs: 5_000 }],
    });
    const text = await exportBundle([first, second], at + 5000);
    await importBundles([{ name: 'a.json', text }], scorer, at + 6000);
    expect(await database().attemptSummaries.count()).toBe(2);
    expect(await summaryOf('b1')).toMatchObject({ name: '张伟', department: '售后部' });
    expect(await summaryOf('b2')).toMatchObject({ score: second.score, passed: false, pass: 0 });
  });

  it('should only summarise the rows a partly failing bulk add stored', async () => {
    const db = database();
    await db.attempts.add(stored({ id: 'dup', score: 60 }));
    await expect(
      db.attempts.bulkAdd([stored({ id: 'dup', score: 99 }), stored({ id: 'fresh' })]),
    ).rejects.toThrow();
    expect(await summaryOf('dup')).toMatchObject({ score: 60 });
    expect(await summaryOf('fresh')).toBeDefined();
  });

  it('should drop summaries when attempts are deleted or cleared', async () => {
    const db = database();
    await db.attempts.bulkAdd([stored({ id: 'x' }), stored({ id: 'y' }), stored({ id: 'z' })]);
    await db.attempts.delete('x');
    expect((await db.attemptSummaries.toCollection().primaryKeys()).sort()).toEqual(['y', 'z']);
    await db.attempts.clear();
    expect(await db.attemptSummaries.count()).toBe(0);
  });
});

describe('fillSummaries', () => {
  it('should summarise the attempts stored before version 4 when the database upgrades', async () => {
    const name = `test-${crypto.randomUUID()}`;
    const old = new Dexie(name);
    old.version(3).stores({
      attempts:
        'id, scenarioId, status, startedAt, mode, trainee.employeeNo, trainee.department, [scenarioId+startedAt], [status+scenarioId], classId',
      profile: 'id',
      settings: 'key',
    });
    const before = [
      stored({ id: 'old-1' }),
      stored({ id: 'old-2', status: 'in-progress', passed: undefined }),
    ];
    await old.table('attempts').bulkAdd(before);
    old.close();

    const upgraded = new ServiceDojoDb(name);
    expect(await upgraded.attemptSummaries.orderBy('id').toArray()).toEqual(
      before.map(toAttemptSummary),
    );
    expect(await upgraded.attemptSummaries.where('pass').equals(1).primaryKeys()).toEqual([
      'old-1',
    ]);
    upgraded.close();
  });
});
