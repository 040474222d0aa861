/**
 * The browser's record store (IndexedDB through Dexie): trainee profile, attempts, settings.
 * Records live here, not in zustand; stores keep only what the screen needs now.
 * Every table change is a new Dexie version with its upgrade beside it.
 */
import Dexie, { type EntityTable } from 'dexie';
import type { Localized } from '../core/rule-schema';
import type { EndingKind, Mode } from '../core/scenario-schema';

export const ATTEMPT_SCHEMA_VERSION = 1;

export interface Trainee {
  name: string;
  employeeNo: string;
  department: string;
}

export interface ProfileRecord extends Trainee {
  id: 'me';
  updatedAt: number;
}

export type AttemptStatus = 'in-progress' | 'finished' | 'abandoned';

export interface AttemptRecord {
  id: string;
  schemaVersion: number;
  scenarioId: string;
  scenarioVersion: number;
  scenarioTitle: Localized;
  mode: Mode;
  trainee: Trainee;
  status: AttemptStatus;
  startedAt: number;
  updatedAt: number;
  /** Bumped on every save; a write based on an older revision (another tab) is refused. */
  revision: number;
  /** The XState persisted snapshot after the last turn: the conversation itself. */
  snapshot: unknown;
  finishedAt?: number;
  durationMs?: number;
  score?: number;
  passed?: boolean;
  endingKind?: EndingKind;
  /** The report model of src/core/report.ts, kept as JSON when the attempt is finished. */
  report?: unknown;
  /** Set on attempts recorded by a trainer's observer scorecard. */
  observer?: string;
}

export interface SettingRecord {
  key: string;
  value: unknown;
}

export class ServiceDojoDb extends Dexie {
  attempts!: EntityTable<AttemptRecord, 'id'>;
  profile!: EntityTable<ProfileRecord, 'id'>;
  settings!: EntityTable<SettingRecord, 'key'>;

  constructor(name = 'servicedojo') {
    super(name);
    this.version(1).stores({
      attempts:
        'id, scenarioId, status, startedAt, mode, trainee.employeeNo, trainee.department, [scenarioId+startedAt], [status+scenarioId]',
      profile: 'id',
      settings: 'key',
    });
  }
}

let shared: ServiceDojoDb | undefined;

/** The app's database, opened once. */
export function database(): ServiceDojoDb {
  shared ??= new ServiceDojoDb();
  return shared;
}

/** Replaces the shared database (tests use a fresh name each time). */
export function useDatabase(db: ServiceDojoDb): void {
  shared = db;
}
