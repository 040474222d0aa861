/**
 * The observer's scorecard in the browser: saves an observed role play (scored by
 * core/observer-scorecard.ts from the taps, marked "observed") as an attempt of the trainee.
 */
import { observedReport, type ObservedInput } from '../core/observer-scorecard';
import { toStoredReport } from '../core/stored-report';
import { ATTEMPT_SCHEMA_VERSION, database, type AttemptRecord, type Trainee } from './db';

export interface ScorecardInput extends ObservedInput {
  trainee: Trainee;
  observer: string;
  classId?: string;
  now: number;
  /** The class round the role play belonged to. */
  round?: number;
}

/** Saves an observer scorecard as a finished 'observed' attempt of the trainee, with the observer's name. */
export async function saveObservedAttempt(input: ScorecardInput): Promise<AttemptRecord> {
  const report = observedReport(input);
  const record: AttemptRecord = {
    id: crypto.randomUUID(),
    schemaVersion: ATTEMPT_SCHEMA_VERSION,
    scenarioId: input.scenario.id,
    scenarioVersion: input.scenario.version,
    scenarioTitle: input.scenario.title,
    mode: 'observed',
    trainee: input.trainee,
    status: 'finished',
    startedAt: input.now,
    updatedAt: input.now,
    finishedAt: input.now,
    durationMs: 0,
    revision: 1,
    snapshot: null,
    score: report.score,
    passed: report.passed,
    report: toStoredReport(report),
    observer: input.observer,
    source: 'observed',
    ...(input.classId ? { classId: input.classId } : {}),
    ...(input.round !== undefined ? { classRound: input.round } : {}),
  };
  await database().attempts.add(record);
  return record;
}
