/**
 * The browser's record store (IndexedDB through Dexie): trainee profile, attempts, settings.
 * Records live here, not in zustand; stores keep only what the screen needs now.
 * Every table change is a new Dexie version with its upgrade beside it.
 */
import Dexie, { type EntityTable, type Table } from 'dexie';
import type {
  ClassContent,
  ClassGroup,
  ClassRound,
  RoleAssignment,
  RosterEntry,
} from '../core/class-record';
import type { Localized } from '../core/rule-schema';
import type { EndingKind, Mode } from '../core/scenario-schema';
import { restoreReport, type StoredReport } from '../core/stored-report';
import {
  attemptSummariesMiddleware,
  fillSummaries,
  type AttemptSummary,
} from './attempt-summaries';

// The attempt record's version has its home beside the bundle check that reads it.
export { ATTEMPT_SCHEMA_VERSION } from '../core/result-bundle';

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

/** Where a record comes from: practised in this browser, imported from a bundle, or observed by a trainer. */
export type AttemptSource = 'practised' | 'imported' | 'observed';

/** The record's source; records from before sources were kept were practised here or observed. */
export function sourceOf(attempt: Pick<AttemptRecord, 'source' | 'mode'>): AttemptSource {
  return attempt.source ?? (attempt.mode === 'observed' ? 'observed' : 'practised');
}

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
  /**
   * The XState persisted snapshot after the last turn: the conversation itself, while it runs.
   * Null once finished (the stored report holds the transcript).
   */
  snapshot: unknown;
  /** When the customer's current line was put on screen (epoch ms): an exam's reply deadline runs from it across reloads. */
  promptShownAt?: number;
  finishedAt?: number;
  durationMs?: number;
  score?: number;
  passed?: boolean;
  endingKind?: EndingKind;
  /** The report, typed and versioned (core/stored-report.ts), once the attempt is finished. */
  report?: StoredReport;
  /** Set on attempts recorded by a trainer's observer scorecard. */
  observer?: string;
  /** The classroom session the attempt was taken in (observer scorecard or pair typing). */
  classId?: string;
  /** The class round an observed or pair-typed role play belonged to. */
  classRound?: number;
  /** Pair typing: the name of the trainee who played the customer. */
  partner?: string;
  source?: AttemptSource;
  /** An imported attempt's own claims where they disagreed with this app's re-scoring. */
  claimed?: { score?: number; passed?: boolean };
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

export const CLASS_SCHEMA_VERSION = 1;

// The class's parts have their home in core/class-record.ts (the server keeps classes too).
export type { ClassGroup, ClassRound, RoleAssignment, RosterEntry };

/** A classroom session: roster, groups and rounds live inside the record (read and synced together). */
export interface ClassRecord extends ClassContent {
  /** A uuid for a class of this browser; `server-<n>` for a class kept on the company server. */
  id: string;
  schemaVersion: number;
  createdAt: number;
  updatedAt: number;
  /** A server class's revision: a save based on an older one is refused (another device saved). */
  revision?: number;
}

/** A company rule pack (YAML text) added by a trainer; loaded beside the bundled packs. */
export interface CustomRulePackRecord {
  pack: string;
  text: string;
  updatedAt: number;
}

/** A scenario version saved from the editor; the newest version of an id replaces the bundled one. */
export interface ScenarioVersionRecord {
  scenarioId: string;
  version: number;
  text: string;
  savedAt: number;
}

/** A scenario a trainer retired: kept for old records, gone from the library (until restored). */
export interface RetiredScenarioRecord {
  scenarioId: string;
  retiredAt: number;
}

/** A result bundle already imported, by its checksum. */
export interface ImportedBundleRecord {
  id: string;
  importedAt: number;
  attempts: number;
}

/** This device's link to a company's ServiceDojo server, made once by a join link. */
export interface ServerLinkRecord {
  id: 'me';
  /** Sent as "Authorization: Bearer …" with every call; the server keeps only its hash. */
  deviceToken: string;
  /** Who the server bound this device to (the roster entry). */
  person: Trainee;
  joinedAt: number;
  /** When the server stopped knowing this device (401: its person was deleted or the link withdrawn). */
  withdrawnAt?: number;
}

/**
 * A finished (or abandoned) attempt on its way to the server, then the server's answer about it.
 * `withdrawn`: still waiting when the server stopped knowing this device; kept here, never sent.
 */
export interface SyncItem {
  attemptId: string;
  state: 'pending' | 'sent' | 'refused' | 'withdrawn';
  /** An attempt the trainee abandoned: the server keeps its conversation so far, unscored. */
  abandoned?: true;
  queuedAt: number;
  tries: number;
  nextTryAt: number;
  /** The score this device showed. */
  claimedScore?: number;
  /** The published company rule packs this device scored with ({"company": 3}). */
  rulePackVersions?: Record<string, number>;
  serverScore?: number;
  serverPassed?: boolean;
  /** Why the server's score differs from the device's (its reason code and versions). */
  difference?: {
    reason: string;
    deviceVersion?: number;
    serverVersion?: number;
    devicePacks?: Record<string, number>;
    serverPacks?: Record<string, number>;
  };
  lastError?: string;
}

/**
 * The catalogue this device last pulled from its company server (one record, replaced whole):
 * the newest published version of each company rule pack and scenario, kept for offline use.
 */
export interface PublishedCatalogRecord {
  id: 'current';
  /** The server's catalogue revision, and its ETag to ask only for what changed. */
  revision: number;
  etag: string;
  rulePacks: { pack: string; version: number; text: string }[];
  scenarioVersions: { scenarioId: string; version: number; text: string }[];
  pulledAt: number;
}

export class ServiceDojoDb extends Dexie {
  attempts!: EntityTable<AttemptRecord, 'id'>;
  profile!: EntityTable<ProfileRecord, 'id'>;
  settings!: EntityTable<SettingRecord, 'key'>;
  xapiQueue!: EntityTable<QueuedStatement, 'id'>;
  classes!: EntityTable<ClassRecord, 'id'>;
  customRulePacks!: EntityTable<CustomRulePackRecord, 'pack'>;
  scenarioVersions!: Table<ScenarioVersionRecord, [string, number]>;
  importedBundles!: EntityTable<ImportedBundleRecord, 'id'>;
  retiredScenarios!: EntityTable<RetiredScenarioRecord, 'scenarioId'>;
  /** Slim copy of each attempt for the HR records; written by the middleware, never directly. */
  attemptSummaries!: EntityTable<AttemptSummary, 'id'>;
  serverLink!: EntityTable<ServerLinkRecord, 'id'>;
  syncQueue!: EntityTable<SyncItem, 'attemptId'>;
  publishedCatalog!: EntityTable<PublishedCatalogRecord, 'id'>;

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
    // Version 3 adds the trainer's tables (classes, company rule packs, scenario versions,
    // imported result bundles) and an index on attempts' classId; nothing existing changes.
    this.version(3).stores({
      attempts:
        'id, scenarioId, status, startedAt, mode, trainee.employeeNo, trainee.department, [scenarioId+startedAt], [status+scenarioId], classId',
      classes: 'id, createdAt',
      customRulePacks: 'pack',
      scenarioVersions: '[scenarioId+version], scenarioId',
      importedBundles: 'id',
    });
    // Version 4 adds the attempt summaries read by the HR records (indexed for their filters
    // and sorts) and fills them from the attempts already stored; attempts are unchanged.
    this.version(4)
      .stores({
        attemptSummaries:
          'id, startedAt, department, scenarioId, pass, mode, employeeNo, [scenarioId+startedAt]',
      })
      .upgrade(fillSummaries);
    // Version 5 migrates every stored report to the current report version once (a report
    // that cannot be read is removed, so the report page says so instead of guessing) and drops
    // the snapshot of finished attempts: their report holds the transcript.
    this.version(5)
      .stores({})
      .upgrade((tx) =>
        tx
          .table<AttemptRecord>('attempts')
          .filter((attempt) => attempt.report !== undefined)
          .modify((attempt) => {
            if (attempt.report !== undefined) {
              const restored = restoreReport(attempt.report);
              if (restored.ok) attempt.report = restored.report;
              else delete attempt.report;
            }
            if (attempt.status === 'finished' && attempt.report) attempt.snapshot = null;
          }),
      );
    // Version 6 adds the link to a company server and the queue of attempts sent to it;
    // nothing existing changes.
    this.version(6).stores({
      serverLink: 'id',
      syncQueue: 'attemptId, [state+nextTryAt]',
    });
    // Version 9 adds the retired scenarios; nothing existing changes. (7 and 8 were never used.)
    this.version(9).stores({ retiredScenarios: 'scenarioId' });
    // Version 10 adds the catalogue pulled from the company server; nothing existing changes.
    this.version(10).stores({ publishedCatalog: 'id' });
    this.use(attemptSummariesMiddleware);
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
