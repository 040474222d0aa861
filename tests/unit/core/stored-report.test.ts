import { beforeAll, describe, expect, it } from 'vitest';
import type { Analyzer } from '../../../src/core/analyzer';
import { finishedAttempt, runTranscript } from '../../../src/core/attempt';
import type { Report } from '../../../src/core/report';
import {
  REPORT_SCHEMA_VERSION,
  restoreReport,
  toStoredReport,
} from '../../../src/core/stored-report';
import { createNodeAnalyzer } from '../../../src/node/node-rules';
import { loadNodeScenarios } from '../../../src/node/node-scenarios';

const { scenarios } = loadNodeScenarios();
let analyzer: Analyzer;
let report: Report;

beforeAll(async () => {
  analyzer = (await createNodeAnalyzer()).analyzer;
  const scenario = scenarios.find((s) => s.id === 'complaint-late-delivery')!;
  report = runTranscript(
    scenario,
    analyzer,
    {
      replies: [
        { text: '非常抱歉让您久等了，我完全理解您的心情。', afterMs: 8_000 },
        { text: '您能说说具体是哪天下的单吗？', afterMs: 9_000 },
        { text: '我马上加急处理，今天下午给您回电话。', afterMs: 70_000 },
      ],
    },
    'exam',
  );
});

/** A report as the app stored it from 2026-11-23 to 2026-12-04: no version, no reply-time limit. */
function version1(): Record<string, unknown> {
  const old = JSON.parse(JSON.stringify(report)) as Record<string, unknown>;
  delete (old.responseTimes as Record<string, unknown>).limitMs;
  return old;
}

describe('restoreReport', () => {
  it('should give back a stored report unchanged', () => {
    const stored = toStoredReport(report);
    expect(restoreReport(stored)).toEqual({ ok: true, report: stored, migrated: false });
  });

  it('should migrate a version-1 report: version stamped, the one reply-time limit filled in', () => {
    const restored = restoreReport(version1());
    expect(restored.ok && restored.migrated).toBe(true);
    if (!restored.ok) return;
    expect(restored.report.schemaVersion).toBe(REPORT_SCHEMA_VERSION);
    expect(restored.report.responseTimes.limitMs).toBe(60_000);
    expect(restored.report.findings).toEqual(report.findings);
    expect(restored.report.score).toBe(report.score);
  });

  it('should refuse a damaged report, naming the field', () => {
    const damaged = { ...version1(), score: 'lots' };
    expect(restoreReport(damaged)).toEqual({ ok: false, error: expect.stringMatching(/^score:/) });
    const findings = [{ ...report.findings[0], points: 'x' }];
    expect(restoreReport({ ...version1(), findings })).toEqual({
      ok: false,
      error: expect.stringMatching(/^findings\.0\.points:/),
    });
  });

  it('should refuse a report from a newer app and anything that is not a report', () => {
    expect(restoreReport({ ...toStoredReport(report), schemaVersion: 99 })).toEqual({
      ok: false,
      error: 'schemaVersion 99: written by a newer app',
    });
    expect(restoreReport(null).ok).toBe(false);
    expect(restoreReport([]).ok).toBe(false);
  });

  it('should refuse a score above 100 or a dimension out of range', () => {
    expect(restoreReport({ ...toStoredReport(report), score: 101 }).ok).toBe(false);
    expect(restoreReport({ ...toStoredReport(report), dimensions: { 移情性: 99999 } }).ok).toBe(
      false,
    );
  });
});

describe('finishedAttempt', () => {
  it('should give the record fields of a finished attempt with the report stored', () => {
    const fields = finishedAttempt(report, 1_000, 61_000);
    expect(fields).toMatchObject({
      status: 'finished',
      durationMs: 60_000,
      score: report.score,
      passed: report.passed,
    });
    expect(fields.report.schemaVersion).toBe(REPORT_SCHEMA_VERSION);
    expect(restoreReport(fields.report).ok).toBe(true);
  });
});
