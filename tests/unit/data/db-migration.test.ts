import Dexie from 'dexie';
import { beforeAll, describe, expect, it } from 'vitest';
import { runTranscript } from '../../../src/core/attempt';
import type { Report } from '../../../src/core/report';
import { REPORT_SCHEMA_VERSION } from '../../../src/core/stored-report';
import { ServiceDojoDb } from '../../../src/data/db';
import { createNodeAnalyzer } from '../../../src/node/node-rules';
import { loadNodeScenarios } from '../../../src/node/node-scenarios';

let report: Report;

beforeAll(async () => {
  const { analyzer } = await createNodeAnalyzer();
  const scenario = loadNodeScenarios().scenarios.find((s) => s.id === 'complaint-price-drop')!;
  report = runTranscript(scenario, analyzer, {
    replies: [{ text: '真不好意思，让您心里不舒服了，差价我们给您退。', afterMs: 6_000 }],
  });
});

/** The database as version 4 of the app left it. */
function version4(name: string): Dexie {
  const old = new Dexie(name);
  old.version(4).stores({
    attempts:
      'id, scenarioId, status, startedAt, mode, trainee.employeeNo, trainee.department, [scenarioId+startedAt], [status+scenarioId], classId',
    profile: 'id',
    settings: 'key',
    xapiQueue: 'id, state, [state+nextTryAt]',
    classes: 'id, createdAt',
    customRulePacks: 'pack',
    scenarioVersions: '[scenarioId+version], scenarioId',
    importedBundles: 'id',
    attemptSummaries:
      'id, startedAt, department, scenarioId, pass, mode, employeeNo, [scenarioId+startedAt]',
  });
  return old;
}

function oldAttempt(id: string, report: unknown) {
  return {
    id,
    schemaVersion: 1,
    scenarioId: 'complaint-price-drop',
    scenarioVersion: 1,
    scenarioTitle: { 'zh-CN': '降价', en: 'Price drop' },
    mode: 'coach',
    trainee: { name: '李明', employeeNo: 'E001', department: '客服部' },
    status: 'finished',
    startedAt: 1_000,
    updatedAt: 9_000,
    revision: 3,
    snapshot: { status: 'done', context: { transcript: [] } },
    score: 70,
    passed: true,
    report,
  };
}

describe('ServiceDojoDb version 5', () => {
  it('should migrate stored reports once, drop finished snapshots and remove unreadable reports', async () => {
    const name = `test-${crypto.randomUUID()}`;
    const old = version4(name);
    // Today's shape: the report as JSON, no schemaVersion, no reply-time limit.
    const today = JSON.parse(JSON.stringify(report)) as Record<string, unknown>;
    delete (today.responseTimes as Record<string, unknown>).limitMs;
    await old
      .table('attempts')
      .bulkAdd([oldAttempt('good', today), oldAttempt('broken', { score: 'lots' })]);
    old.close();

    const db = new ServiceDojoDb(name);
    const good = await db.attempts.get('good');
    expect(good?.report?.schemaVersion).toBe(REPORT_SCHEMA_VERSION);
    expect(good?.report?.responseTimes.limitMs).toBe(60_000);
    expect(good?.report?.findings).toEqual(report.findings);
    expect(good?.snapshot).toBeNull();
    const broken = await db.attempts.get('broken');
    expect(broken?.report).toBeUndefined();
    expect(broken?.score).toBe(70);
    db.close();
  });
});
