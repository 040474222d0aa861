import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createAttempt } from '../../../src/data/attempts';
import { ServiceDojoDb, useDatabase, type AttemptRecord } from '../../../src/data/db';
import {
  isStorageFailure,
  loadAttempt,
  loadProfile,
  rememberAttempt,
  rememberedAttempts,
  rememberedInProgress,
  rememberProfile,
  resetMemoryAttempts,
} from '../../../src/data/memory-attempts';

const trainee = { name: '李明', employeeNo: 'E001', department: '客服部' };

function attempt(id: string, status: AttemptRecord['status'], startedAt: number): AttemptRecord {
  return {
    id,
    schemaVersion: 1,
    scenarioId: 'complaint-late-delivery',
    scenarioVersion: 1,
    scenarioTitle: { 'zh-CN': '沙发迟到两周', en: 'Sofa two weeks late' },
    mode: 'coach',
    trainee,
    status,
    startedAt,
    updatedAt: startedAt,
    revision: 1,
    snapshot: {},
  };
}

function closedDatabase(): ServiceDojoDb {
  const db = new ServiceDojoDb(`test-${crypto.randomUUID()}`);
  db.close();
  return db;
}

beforeEach(() => {
  useDatabase(new ServiceDojoDb(`test-${crypto.randomUUID()}`));
  resetMemoryAttempts();
});
afterEach(() => resetMemoryAttempts());

describe('isStorageFailure', () => {
  it('should recognise a full disk, a closed database and a missing IndexedDB', () => {
    expect(isStorageFailure(new DOMException('over quota', 'QuotaExceededError'))).toBe(true);
    const dexie = Object.assign(new Error('MissingAPIError IndexedDB API missing'), {
      name: 'DatabaseClosedError',
    });
    expect(isStorageFailure(dexie)).toBe(true);
    const wrapped = Object.assign(new Error('aborted'), {
      name: 'Error',
      inner: { name: 'QuotaExceededError' },
    });
    expect(isStorageFailure(wrapped)).toBe(true);
  });

  it('should not take a programming error for a storage failure', () => {
    expect(isStorageFailure(new TypeError('x is undefined'))).toBe(false);
    expect(isStorageFailure('QuotaExceededError')).toBe(false);
  });
});

describe('loadAttempt', () => {
  it('should prefer the in-memory copy over the older stored revision', async () => {
    const stored = await createAttempt({ ...attempt('x', 'in-progress', 1), startedAt: 1 });
    rememberAttempt({ ...stored, status: 'finished', score: 80 }, true);
    expect((await loadAttempt(stored.id))?.score).toBe(80);
  });

  it('should read the stored attempt when memory holds none', async () => {
    const stored = await createAttempt({ ...attempt('x', 'in-progress', 1), startedAt: 1 });
    expect((await loadAttempt(stored.id))?.id).toBe(stored.id);
  });

  it('should find nothing instead of throwing when the database cannot open', async () => {
    useDatabase(closedDatabase());
    await expect(loadAttempt('nope')).resolves.toBeUndefined();
    rememberAttempt(attempt('held', 'finished', 5), false);
    expect((await loadAttempt('held'))?.status).toBe('finished');
  });
});

describe('rememberedInProgress', () => {
  it('should give the newest unfinished attempt of the scenario', () => {
    rememberAttempt(attempt('old', 'in-progress', 1), false);
    rememberAttempt(attempt('new', 'in-progress', 9), false);
    rememberAttempt(attempt('done', 'finished', 20), false);
    expect(rememberedInProgress('complaint-late-delivery')?.record.id).toBe('new');
    expect(rememberedInProgress('spin-office-printer')).toBeUndefined();
  });
});

describe('rememberedAttempts', () => {
  it('should list every attempt this tab holds, newest first', () => {
    rememberAttempt(attempt('old', 'finished', 1_000), false);
    rememberAttempt(attempt('new', 'in-progress', 3_000), false);
    rememberAttempt(attempt('mid', 'finished', 2_000), true);

    expect(rememberedAttempts().map((record) => record.id)).toEqual(['new', 'mid', 'old']);
  });
});

describe('loadProfile', () => {
  it('should give the profile kept in this tab when the database cannot open', async () => {
    useDatabase(closedDatabase());
    expect(await loadProfile()).toBeUndefined();
    rememberProfile(trainee);
    expect(await loadProfile()).toEqual(trainee);
  });
});
