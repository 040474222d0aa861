/**
 * Re-scoring stored attempts under a changed rule set: each finished typed attempt's replies
 * are replayed with the new analyzer (same response times, core/attempt.ts), and the new score
 * is compared with the stored one.
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
  before: number;
  after: number;
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

/** Every finished, scored, typed attempt (observed ones have no replies) with its score before and after. */
export function rescoreAttempts(
  attempts: readonly AttemptRecord[],
  scenarioById: (id: string) => Scenario | undefined,
  analyzer: Analyzer,
): Rescored[] {
  const rows: Rescored[] = [];
  for (const attempt of attempts) {
    if (attempt.status !== 'finished' || attempt.score === undefined || attempt.mode === 'observed')
      continue;
    const scenario = scenarioById(attempt.scenarioId);
    if (!scenario) continue;
    const after = rescoreAttempt(attempt, scenario, analyzer);
    if (after === undefined) continue;
    rows.push({
      attemptId: attempt.id,
      trainee: attempt.trainee.name,
      scenarioId: attempt.scenarioId,
      before: attempt.score,
      after,
    });
  }
  return rows;
}
