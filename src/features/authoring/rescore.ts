/**
 * Re-scoring stored attempts under a changed rule set: each finished typed attempt's replies
 * are replayed (same response times, core/attempt.ts) with the rules in use (baseline) and with
 * the changed ones (candidate). Only baseline → candidate is the change's effect; where the
 * stored score already differs from the baseline (older rules or scenario version), that is
 * shown apart.
 */
import type { Analyzer } from '../../core/analyzer';
import { rescoreReport } from '../../core/attempt';
import type { Scenario } from '../../core/scenario-schema';
import { restoreReport } from '../../core/stored-report';
import type { AttemptRecord } from '../../data/db';

export interface Rescored {
  attemptId: string;
  trainee: string;
  scenarioId: string;
  /** The score kept with the attempt. */
  stored: number;
  /** Re-scored with the rules in use now. */
  baseline: number;
  /** Re-scored with the changed rules. */
  candidate: number;
}

/** The new score of one attempt under `analyzer`, or undefined when it cannot be replayed. */
export function rescoreAttempt(
  attempt: AttemptRecord,
  scenario: Scenario,
  analyzer: Analyzer,
): number | undefined {
  const stored = restoreReport(attempt.report);
  if (!stored.ok) return undefined;
  return rescoreReport(scenario, analyzer, attempt.mode, stored.report.transcript)?.score;
}

/** Every finished, scored, typed attempt (observed ones have no replies) with its stored, baseline and candidate scores. */
export function rescoreAttempts(
  attempts: readonly AttemptRecord[],
  scenarioById: (id: string) => Scenario | undefined,
  baseline: Analyzer,
  candidate: Analyzer,
): Rescored[] {
  const rows: Rescored[] = [];
  for (const attempt of attempts) {
    if (attempt.status !== 'finished' || attempt.score === undefined || attempt.mode === 'observed')
      continue;
    const scenario = scenarioById(attempt.scenarioId);
    if (!scenario) continue;
    const now = rescoreAttempt(attempt, scenario, baseline);
    const next = rescoreAttempt(attempt, scenario, candidate);
    if (now === undefined || next === undefined) continue;
    rows.push({
      attemptId: attempt.id,
      trainee: attempt.trainee.name,
      scenarioId: attempt.scenarioId,
      stored: attempt.score,
      baseline: now,
      candidate: next,
    });
  }
  return rows;
}

/** The rows the change moves (baseline ≠ candidate) and, apart, those whose stored score already disagreed with the baseline. */
export function splitRescored(rows: readonly Rescored[]): {
  changed: Rescored[];
  disagreed: Rescored[];
} {
  return {
    changed: rows.filter((row) => row.candidate !== row.baseline),
    disagreed: rows.filter((row) => row.stored !== row.baseline),
  };
}
