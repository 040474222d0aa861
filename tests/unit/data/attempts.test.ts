import { beforeEach, describe, expect, it } from 'vitest';
import {
  createAttempt,
  findInProgress,
  getAttempt,
  StaleAttemptError,
  updateAttempt,
  type NewAttempt,
} from '../../../src/data/attempts';
import { ServiceDojoDb, useDatabase } from '../../../src/data/db';

const newAttempt: NewAttempt = {
  scenarioId: 'complaint-late-delivery',
  scenarioVersion: 1,
  scenarioTitle: { 'zh-CN': '交货延迟', en: 'Late delivery' },
  mode: 'coach',
  trainee: { name: '李明', employeeNo: 'E001', department: '客服部' },
  snapshot: { value: 'vent' },
  startedAt: 1000,
};

describe('updateAttempt', () => {
  beforeEach(() => {
    useDatabase(new ServiceDojoDb(`test-${crypto.randomUUID()}`));
  });

  it('should save each turn and bump the revision', async () => {
    const created = await createAttempt(newAttempt);
    const saved = await updateAttempt(created.id, created.revision, {
      snapshot: { value: 'apology' },
    });
    expect(saved.revision).toBe(2);
    expect((await getAttempt(created.id))?.snapshot).toEqual({ value: 'apology' });
  });

  it('should refuse a write from a tab that has not seen the latest turn', async () => {
    const created = await createAttempt(newAttempt);
    await updateAttempt(created.id, 1, { snapshot: { value: 'tab A' } });
    await expect(
      updateAttempt(created.id, 1, { snapshot: { value: 'tab B' } }),
    ).rejects.toBeInstanceOf(StaleAttemptError);
    expect((await getAttempt(created.id))?.snapshot).toEqual({ value: 'tab A' });
  });
});

describe('findInProgress', () => {
  beforeEach(() => {
    useDatabase(new ServiceDojoDb(`test-${crypto.randomUUID()}`));
  });

  it('should find the newest unfinished attempt of a scenario and ignore finished ones', async () => {
    const older = await createAttempt(newAttempt);
    const newer = await createAttempt({ ...newAttempt, startedAt: 2000 });
    await updateAttempt(newer.id, 1, { status: 'finished' });
    expect((await findInProgress('complaint-late-delivery'))?.id).toBe(older.id);
    expect(await findInProgress('spin-office-printer')).toBeUndefined();
  });
});
