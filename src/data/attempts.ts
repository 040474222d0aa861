/**
 * Attempt records: created when a scenario starts, saved after every turn, finished with
 * the report. Saves carry the revision they were based on so two tabs never overwrite
 * each other silently.
 */
import { ATTEMPT_SCHEMA_VERSION, database, type AttemptRecord, type ProfileRecord } from './db';

export class StaleAttemptError extends Error {
  constructor(readonly latest: AttemptRecord) {
    super('This attempt was changed in another tab');
    this.name = 'StaleAttemptError';
  }
}

export type NewAttempt = Pick<
  AttemptRecord,
  | 'scenarioId'
  | 'scenarioVersion'
  | 'scenarioTitle'
  | 'mode'
  | 'trainee'
  | 'snapshot'
  | 'promptShownAt'
> & {
  startedAt: number;
  /** The id an attempt continued from another computer keeps (a new one when absent). */
  id?: string;
};

/** A new attempt in progress, not yet stored (held in memory when storage fails). */
export function newAttemptRecord(input: NewAttempt): AttemptRecord {
  return {
    ...input,
    id: input.id ?? crypto.randomUUID(),
    schemaVersion: ATTEMPT_SCHEMA_VERSION,
    status: 'in-progress',
    updatedAt: input.startedAt,
    revision: 1,
    source: 'practised',
  };
}

/** Creates and stores an attempt in progress. */
export async function createAttempt(input: NewAttempt): Promise<AttemptRecord> {
  const record = newAttemptRecord(input);
  await database().attempts.add(record);
  return record;
}

/** Applies `change` if the stored revision is still `basedOn`; otherwise throws StaleAttemptError. */
export async function updateAttempt(
  id: string,
  basedOn: number,
  change: Partial<Omit<AttemptRecord, 'id' | 'revision'>>,
): Promise<AttemptRecord> {
  const db = database();
  return db.transaction('rw', db.attempts, async () => {
    const current = await db.attempts.get(id);
    if (!current) throw new Error(`No attempt ${id}`);
    if (current.revision !== basedOn) throw new StaleAttemptError(current);
    const next: AttemptRecord = {
      ...current,
      ...change,
      revision: current.revision + 1,
      updatedAt: change.updatedAt ?? Date.now(),
    };
    await db.attempts.put(next);
    return next;
  });
}

export function getAttempt(id: string): Promise<AttemptRecord | undefined> {
  return database().attempts.get(id);
}

/** The newest attempt of this scenario still in progress, to resume it. */
export async function findInProgress(scenarioId: string): Promise<AttemptRecord | undefined> {
  const open = await database()
    .attempts.where('[status+scenarioId]')
    .equals(['in-progress', scenarioId])
    .toArray();
  return open.sort((a, b) => b.startedAt - a.startedAt)[0];
}

/** Every attempt, newest first (optionally of one scenario). */
export async function listAttempts(scenarioId?: string): Promise<AttemptRecord[]> {
  const table = database().attempts;
  const rows = scenarioId
    ? await table.where('scenarioId').equals(scenarioId).toArray()
    : await table.toArray();
  return rows.sort((a, b) => b.startedAt - a.startedAt);
}

export async function getProfile(): Promise<ProfileRecord | undefined> {
  return database().profile.get('me');
}

export async function saveProfile(profile: Omit<ProfileRecord, 'id' | 'updatedAt'>) {
  const record: ProfileRecord = { ...profile, id: 'me', updatedAt: Date.now() };
  await database().profile.put(record);
  return record;
}

/** What the trainee has done with one scenario, for the library cards. */
export interface ScenarioProgress {
  /** Highest score of a finished attempt, if any was scored. */
  bestScore?: number;
  /** Finished attempts (trainer-observed ones not counted). */
  finished: number;
  /** The newest attempt still in progress, to resume it. */
  inProgress?: Pick<AttemptRecord, 'id' | 'mode' | 'startedAt'>;
}

/** Progress per scenario id over all of this trainee's own attempts. */
export async function scenarioProgress(): Promise<Map<string, ScenarioProgress>> {
  const progress = new Map<string, ScenarioProgress>();
  for (const attempt of await listAttempts()) {
    if (attempt.observer !== undefined) continue;
    const entry = progress.get(attempt.scenarioId) ?? { finished: 0 };
    if (attempt.status === 'finished') {
      entry.finished += 1;
      if (attempt.score !== undefined && (entry.bestScore ?? -Infinity) < attempt.score)
        entry.bestScore = attempt.score;
    } else if (attempt.status === 'in-progress' && entry.inProgress === undefined) {
      // listAttempts is newest first, so the first open one is the newest.
      entry.inProgress = { id: attempt.id, mode: attempt.mode, startedAt: attempt.startedAt };
    }
    progress.set(attempt.scenarioId, entry);
  }
  return progress;
}
