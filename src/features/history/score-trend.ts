/** Finished, scored attempts of one scenario as a trend: one series per mode, oldest first. */
import { MODES, type Mode } from '../../core/scenario-schema';
import type { AttemptRecord } from '../../data/db';

export interface TrendPoint {
  at: number;
  score: number;
  mode: Mode;
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
    .map((attempt) => ({
      at: attempt.finishedAt ?? attempt.startedAt,
      score: attempt.score ?? 0,
      mode: attempt.mode,
    }))
    .sort((a, b) => a.at - b.at);
}

/** One line per mode over the shared time axis: a coach score is not an exam score. */
export interface ModeSeries {
  mode: Mode;
  /** One figure per trend point; null where that attempt was in another mode. */
  scores: (number | null)[];
}

/** The trend's points split by mode (modes in their usual order, only those present). */
export function seriesByMode(points: readonly TrendPoint[]): ModeSeries[] {
  return MODES.filter((mode) => points.some((point) => point.mode === mode)).map((mode) => ({
    mode,
    scores: points.map((point) => (point.mode === mode ? Math.round(point.score) : null)),
  }));
}

/** The pass mark of the scenario as its newest stored report gives it; undefined when none has one. */
export function passScoreOf(
  attempts: readonly AttemptRecord[],
  scenarioId: string,
): number | undefined {
  const reported = attempts
    .filter((attempt) => attempt.scenarioId === scenarioId && attempt.report !== undefined)
    .sort((a, b) => b.startedAt - a.startedAt)[0];
  return reported?.report?.passScore;
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
