/**
 * Where a practice attempt is kept, hiding the fallback: IndexedDB when the browser can store,
 * else this tab's memory (memory-attempts.ts), with every later save trying storage again and
 * the first one that works writing the whole conversation so far. A save based on an older
 * revision than the stored one (another tab moved on) throws StaleAttemptError; any other
 * error that is not a storage failure is thrown as well.
 */
import {
  StaleAttemptError,
  createAttempt,
  findInProgress,
  newAttemptRecord,
  updateAttempt,
  type NewAttempt,
} from './attempts';
import type { AttemptRecord } from './db';
import {
  forgetAttempt,
  isStorageFailure,
  rememberAttempt,
  rememberedAttempt,
  rememberedInProgress,
} from './memory-attempts';
import { noteStorageError } from './storage-health';

/** Where the attempt's latest turn is: in IndexedDB, or only in this tab's memory. */
export type KeptIn = 'storage' | 'memory';

/** An attempt as the practice page holds it: the record and where it is kept. */
export interface KeptAttempt {
  record: AttemptRecord;
  keptIn: KeptIn;
  /** Whether some revision of it is in IndexedDB (false: never stored). */
  stored: boolean;
}

/** Rethrows what is not a storage failure; a storage failure is noted for the banner. */
function storageFailureOnly(error: unknown): void {
  if (!isStorageFailure(error)) throw error;
  noteStorageError(error);
}

/** A new attempt, stored if the browser can, else held in memory. */
export async function beginAttempt(input: NewAttempt): Promise<KeptAttempt> {
  try {
    return { record: await createAttempt(input), keptIn: 'storage', stored: true };
  } catch (error) {
    storageFailureOnly(error);
    const record = newAttemptRecord(input);
    rememberAttempt(record, false);
    return { record, keptIn: 'memory', stored: false };
  }
}

/** The unfinished attempt of a scenario to offer for resuming: the newest of storage and memory. */
export async function resumableAttempt(scenarioId: string): Promise<KeptAttempt | undefined> {
  const open = await findInProgress(scenarioId).catch((error: unknown) => {
    storageFailureOnly(error);
    return undefined;
  });
  // An attempt held in memory (storage failed) is newer than its stored revision.
  const held = rememberedInProgress(scenarioId);
  if (held && (!open || held.record.startedAt >= open.startedAt))
    return { record: held.record, keptIn: 'memory', stored: held.stored };
  return open ? { record: open, keptIn: 'storage', stored: true } : undefined;
}

/** Saves a change (a turn, the finish) of a kept attempt; storage failing keeps it in memory. */
export async function saveAttempt(
  kept: KeptAttempt,
  change: Partial<AttemptRecord>,
): Promise<KeptAttempt> {
  // What IndexedDB holds of this attempt; it moves on as each write below succeeds.
  let base = kept.record;
  let stored = kept.stored;
  try {
    if (!stored) {
      // Storage is back for an attempt that never reached it: store it now (a new id).
      const { scenarioId, scenarioVersion, scenarioTitle, mode, trainee, snapshot, startedAt } =
        base;
      const created = await createAttempt({
        scenarioId,
        scenarioVersion,
        scenarioTitle,
        mode,
        trainee,
        snapshot,
        startedAt,
      });
      forgetAttempt(base.id);
      base = created;
      stored = true;
    }
    const record = await updateAttempt(base.id, base.revision, change);
    forgetAttempt(record.id);
    return { record, keptIn: 'storage', stored: true };
  } catch (error) {
    if (error instanceof StaleAttemptError) throw error;
    storageFailureOnly(error);
    // Storage missing or full: the change stands, held in memory for this tab.
    const record: AttemptRecord = { ...base, ...change, updatedAt: Date.now() };
    rememberAttempt(record, stored);
    return { record, keptIn: 'memory', stored };
  }
}

/** Marks a kept attempt abandoned (the trainee started over); a newer tab's save wins quietly. */
export async function abandonAttempt(kept: KeptAttempt): Promise<void> {
  const held = rememberedAttempt(kept.record.id);
  if (held) rememberAttempt({ ...held.record, status: 'abandoned' }, held.stored);
  if (held && !held.stored) return;
  await updateAttempt(kept.record.id, kept.record.revision, { status: 'abandoned' }).catch(
    (error: unknown) => {
      if (!(error instanceof StaleAttemptError)) storageFailureOnly(error);
    },
  );
}
