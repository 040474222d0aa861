/**
 * Re-scoring stored attempts under a changed rule set: each finished typed attempt's replies
 * are replayed through the scenario machine with the new analyzer (same response times), and
 * the new score is compared with the stored one.
 */
import { createActor } from 'xstate';
import type { Analyzer } from '../../core/analyzer';
import { buildReport } from '../../core/report';
import { createScenarioMachine, type TraineeEntry } from '../../core/scenario-machine';
import type { Scenario } from '../../core/scenario-schema';
import type { AttemptRecord } from '../../data/db';

export interface Rescored {
  attemptId: string;
  trainee: string;
  scenarioId: string;
  before: number;
  after: number;
}

function traineeTurns(attempt: AttemptRecord): TraineeEntry[] {
  const snapshot = attempt.snapshot as { context?: { transcript?: unknown } } | null;
  const transcript = snapshot?.context?.transcript;
  if (!Array.isArray(transcript)) return [];
  return (transcript as TraineeEntry[]).filter((entry) => entry?.role === 'trainee');
}

/** The new score of one attempt under `analyzer`, or undefined when it cannot be replayed. */
export function rescoreAttempt(
  attempt: AttemptRecord,
  scenario: Scenario,
  analyzer: Analyzer,
): number | undefined {
  const turns = traineeTurns(attempt);
  if (turns.length === 0) return undefined;
  const actor = createActor(createScenarioMachine(scenario, analyzer), {
    input: { mode: attempt.mode, startedAt: 0 },
  }).start();
  for (const turn of turns) {
    if (actor.getSnapshot().status !== 'active') break;
    const at = actor.getSnapshot().context.promptedAt + turn.responseMs;
    actor.send(turn.timeout ? { type: 'TIMEOUT', at } : { type: 'REPLY', text: turn.text, at });
  }
  const report = buildReport(scenario, actor.getSnapshot(), analyzer, { mode: attempt.mode });
  actor.stop();
  return report.score;
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
