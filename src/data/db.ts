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

/** An xAPI statement waiting for (or done with) the LRS; the id is the statement id. */
export interface QueuedStatement {
  id: string;
  statement: unknown;
  /** sending: claimed by a tab until `nextTryAt`; after that any tab may retry it. */
  state: 'pending' | 'sending' | 'sent' | 'rejected';
  queuedAt: number;
  tries: number;
  nextTryAt: number;
  sentAt?: number;
  lastError?: string;
}

export class ServiceDojoDb extends Dexie {
  attempts!: EntityTable<AttemptRecord, 'id'>;
  profile!: EntityTable<ProfileRecord, 'id'>;
  settings!: EntityTable<SettingRecord, 'key'>;
  xapiQueue!: EntityTable<QueuedStatement, 'id'>;

  constructor(name = 'servicedojo') {
    super(name);
    this.version(1).stores({
      attempts:
        'id, scenarioId, status, startedAt, mode, trainee.employeeNo, trainee.department, [scenarioId+startedAt], [status+scenarioId]',
      profile: 'id',
      settings: 'key',
    });
    // Version 2 adds the xAPI statement queue; existing tables are unchanged, so no upgrade.
    this.version(2).stores({ xapiQueue: 'id, state, [state+nextTryAt]' });
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
