/** Finished, scored attempts of one scenario as points of a trend line, oldest first. */
import type { AttemptRecord } from '../../data/db';

export interface TrendPoint {
  at: number;
  score: number;
}

/** The finished attempts of `scenarioId` that have a score, in the order they were taken. */
export function scoreTrend(attempts: readonly AttemptRecord[], scenarioId: string): TrendPoint[] {
  return attempts
    .filter(
      (attempt) =>
        attempt.scenarioId === scenarioId &&
        attempt.status === 'finished' &&
        attempt.score !== undefined,
    )
    .map((attempt) => ({ at: attempt.finishedAt ?? attempt.startedAt, score: attempt.score ?? 0 }))
    .sort((a, b) => a.at - b.at);
}

/** Scenario ids that have at least one scored finished attempt, most recently practised first. */
export function scenariosWithScores(attempts: readonly AttemptRecord[]): string[] {
  const ids: string[] = [];
  for (const attempt of [...attempts].sort((a, b) => b.startedAt - a.startedAt)) {
    if (attempt.status !== 'finished' || attempt.score === undefined) continue;
    if (!ids.includes(attempt.scenarioId)) ids.push(attempt.scenarioId);
  }
  return ids;
}
