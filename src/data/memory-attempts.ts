/**
 * Attempts and the profile held in memory when the browser cannot store them (no IndexedDB in
 * private mode, a full disk). Practice goes on with these for the rest of the tab's life: the
 * report page reads a finished attempt from here, and practice reads the profile from here.
 * A successful save makes the stored record the truth again and the memory copy is dropped.
 * State: module-level maps, gone when the tab closes (which is what the trainee is told).
 */
import { getAttempt, getProfile } from './attempts';
import type { AttemptRecord, Trainee } from './db';

/** An attempt kept in memory: `stored` says whether an older revision of it is in IndexedDB. */
export interface RememberedAttempt {
  record: AttemptRecord;
  stored: boolean;
}

const attempts = new Map<string, RememberedAttempt>();
let profile: Trainee | undefined;

// Dexie's and the browser's names for "this browser cannot (or can no longer) store data".
const STORAGE_FAILURES = new Set([
  'QuotaExceededError',
  'DatabaseClosedError',
  'MissingAPIError',
  'OpenFailedError',
  'InvalidStateError',
  'UnknownError',
  'AbortError',
  'SecurityError',
]);

/** True for errors that mean storage is missing, closed or full (not a bug in the record). */
export function isStorageFailure(error: unknown): boolean {
  if (typeof error !== 'object' || error === null) return false;
  const { name, inner } = error as { name?: unknown; inner?: unknown };
  if (typeof name === 'string' && STORAGE_FAILURES.has(name)) return true;
  return inner !== undefined && inner !== error && isStorageFailure(inner);
}

/** Keeps (or replaces) the in-memory copy of an attempt. */
export function rememberAttempt(record: AttemptRecord, stored: boolean): void {
  attempts.set(record.id, { record, stored });
}

/** Drops the in-memory copy once the stored record has caught up. */
export function forgetAttempt(id: string): void {
  attempts.delete(id);
}

/** The in-memory copy of one attempt, if this tab holds one. */
export function rememberedAttempt(id: string): RememberedAttempt | undefined {
  return attempts.get(id);
}

/** Every attempt this tab holds in memory, newest first (the history page without storage). */
export function rememberedAttempts(): AttemptRecord[] {
  return [...attempts.values()]
    .map(({ record }) => record)
    .sort((a, b) => b.startedAt - a.startedAt);
}

/** The newest unfinished in-memory attempt of a scenario, to resume it. */
export function rememberedInProgress(scenarioId: string): RememberedAttempt | undefined {
  return [...attempts.values()]
    .filter(({ record }) => record.scenarioId === scenarioId && record.status === 'in-progress')
    .sort((a, b) => b.record.startedAt - a.record.startedAt)[0];
}

/** An attempt by id: the in-memory copy (newer when present), else the stored one; never throws. */
export async function loadAttempt(id: string): Promise<AttemptRecord | undefined> {
  const held = attempts.get(id);
  if (held) return held.record;
  try {
    return await getAttempt(id);
  } catch {
    return undefined;
  }
}

/** Keeps the trainee's profile for this tab (it could not be stored). */
export function rememberProfile(trainee: Trainee): void {
  profile = { ...trainee };
}

/** Drops the in-memory profile once a stored one is the newest. */
export function forgetProfile(): void {
  profile = undefined;
}

/** The profile given in this tab, else the stored one; never throws. */
export async function loadProfile(): Promise<Trainee | undefined> {
  if (profile) return { ...profile };
  try {
    const record = await getProfile();
    if (record)
      return { name: record.name, employeeNo: record.employeeNo, department: record.department };
  } catch {
    // No storage and none given in this tab: the trainee is asked for one.
  }
  return undefined;
}

/** Test helper: forget every in-memory attempt and the profile. */
export function resetMemoryAttempts(): void {
  attempts.clear();
  profile = undefined;
}
