/**
 * xAPI from the server: the statements of every re-scored attempt, built from the server's own
 * report by the builder the app uses (lms/xapi-statements.ts), are written to an outbox in the
 * attempt's transaction and forwarded to the LRS the administrator set (lrs_settings; the secret
 * never leaves the server). Forwarding keeps the app's queue semantics: statement ids are fixed,
 * so sending again never duplicates; statements go in the order they happened; while the LRS is
 * down the forwarder backs off (2 s, 4 s … 10 min); a 401/403/404 pauses it until the settings
 * are saved again; a statement refused as malformed is kept as rejected. Several server
 * processes may share one database: claiming takes an advisory lock and a lease, so one process
 * sends at a time and a batch left by a process that died is sent again when its lease ends.
 */
import type { Statement } from '@xapi/xapi';
import { z } from 'zod';
import type { ConversationSoFar } from '../core/attempt';
import type { Scenario } from '../core/scenario-schema';
import type { StoredReport } from '../core/stored-report';
import { backoffMs } from '../core/backoff';
import {
  LrsError,
  lrsConfigSchema,
  lrsSender,
  type LrsConfig,
  type SenderOptions,
} from '../lms/xapi-send';
import { attemptStatements, statementOptionsFor, type XapiAttempt } from '../lms/xapi-statements';
import type { Database, Queries } from './database';

/** PUT /api/xapi/lrs: the settings; without a secret the stored one is kept. */
export const lrsSettingsSchema = lrsConfigSchema.partial({ secret: true });

/** Any fixed number: the advisory lock a process takes to claim a batch. */
const CLAIM_LOCK = 74_226_005;
/** How long a claimed batch stays reserved for the process sending it (seconds). */
const LEASE_SECONDS = 60;

export interface SettingsRow {
  endpoint: string;
  key: string;
  secret: string;
  activityBase: string | null;
  homePage: string | null;
}

const SETTINGS_COLUMNS = `endpoint, key, secret, activity_base as "activityBase",
  home_page as "homePage"`;

/** The stored LRS settings as one JSON value, null when none are set (for a query that reads more). */
export const LRS_SETTINGS_VALUE = `(select row_to_json(s) from (select ${SETTINGS_COLUMNS}
  from lrs_settings) s)`;

/** Settings from their row (or LRS_SETTINGS_VALUE), with the secret (for sending only). */
export function lrsSettingsOf(row: SettingsRow | null | undefined): LrsConfig | undefined {
  if (!row) return undefined;
  return {
    endpoint: row.endpoint,
    key: row.key,
    secret: row.secret,
    ...(row.activityBase ? { activityBase: row.activityBase } : {}),
    ...(row.homePage ? { homePage: row.homePage } : {}),
  };
}

/** The stored LRS settings, with the secret (for sending only), or undefined when none are set. */
async function storedSettings(db: Queries): Promise<LrsConfig | undefined> {
  const [row] = await db.query<SettingsRow>(`select ${SETTINGS_COLUMNS} from lrs_settings`);
  return lrsSettingsOf(row);
}

/** The settings as an administrator reads them back: everything but the secret. */
export async function publicLrsSettings(db: Queries) {
  const settings = await storedSettings(db);
  if (!settings) return { configured: false as const };
  const { secret, ...shown } = settings;
  return { configured: true as const, ...shown, hasSecret: secret !== '' };
}

/**
 * Saves the settings (a missing secret keeps the stored one) and lets a paused or backing-off
 * forwarder send again at once. Answers an error message when no secret was ever given.
 */
export async function saveLrsSettings(
  db: Queries,
  settings: z.infer<typeof lrsSettingsSchema>,
): Promise<string | undefined> {
  const [saved] = await db.query<{ id: number }>(
    `insert into lrs_settings as s (id, endpoint, key, secret, activity_base, home_page)
     select 1, $1, $2, coalesce($3, (select secret from lrs_settings)), $4, $5
     where coalesce($3, (select secret from lrs_settings)) is not null
     on conflict (id) do update set endpoint = excluded.endpoint, key = excluded.key,
       secret = excluded.secret, activity_base = excluded.activity_base,
       home_page = excluded.home_page, updated_at = now(), failures = 0, retry_at = null,
       paused = false
     returning id`,
    [
      settings.endpoint,
      settings.key,
      settings.secret ?? null,
      settings.activityBase ?? null,
      settings.homePage ?? null,
    ],
  );
  return saved ? undefined : 'secret: required the first time the LRS is set';
}

/** An attempt the server re-scored, as the statement builder reads it. */
export interface RescoredAttempt {
  id: string;
  startedAt: number;
  mode: XapiAttempt['mode'];
  trainee: XapiAttempt['trainee'];
  scenario: Scenario;
  /** The server's report; its times count from the start of the attempt. */
  report: StoredReport;
}

/** An attempt the trainee abandoned, played by the server up to where it was left. */
export interface AbandonedAttempt extends Omit<RescoredAttempt, 'report'> {
  /** Its times count from the start of the attempt. */
  conversation: ConversationSoFar;
}

/** Transcript entries with absolute times (they count from 0 when the server plays them). */
function absolute<T extends { at: number }>(entries: readonly T[], startedAt: number): T[] {
  return entries.map((entry) => ({ ...entry, at: entry.at + startedAt }));
}

/** The abandoned attempt as the app's own xAPI sees one: its conversation so far, unscored. */
function abandonedAsXapi(attempt: AbandonedAttempt): XapiAttempt {
  const { conversation, startedAt } = attempt;
  const transcript = absolute(conversation.transcript, startedAt);
  return {
    id: attempt.id,
    scenarioId: attempt.scenario.id,
    scenarioVersion: attempt.scenario.version,
    scenarioTitle: attempt.scenario.title,
    mode: attempt.mode,
    trainee: attempt.trainee,
    status: 'abandoned',
    startedAt,
    updatedAt: Math.max(startedAt, ...transcript.map((entry) => entry.at)),
    snapshot: { context: { transcript, findings: conversation.findings } },
  };
}

/** The attempt with its report's times made absolute (they count from 0 when re-scored). */
function asXapiAttempt(attempt: RescoredAttempt): XapiAttempt {
  const { report, startedAt } = attempt;
  const transcript = absolute(report.transcript, startedAt);
  const finishedAt = Math.max(startedAt, ...transcript.map((entry) => entry.at));
  return {
    id: attempt.id,
    scenarioId: attempt.scenario.id,
    scenarioVersion: attempt.scenario.version,
    scenarioTitle: attempt.scenario.title,
    mode: attempt.mode,
    trainee: attempt.trainee,
    status: 'finished',
    startedAt,
    updatedAt: finishedAt,
    finishedAt,
    durationMs: finishedAt - startedAt,
    score: report.score,
    passed: report.passed,
    report: { ...report, transcript },
    snapshot: null,
  };
}

/** A re-scored attempt with its stored report read from the JSON text it was stored as. */
function withReport({
  reportJson,
  ...rest
}: Omit<RescoredAttempt, 'report'> & { reportJson: string }): RescoredAttempt {
  return { ...rest, report: JSON.parse(reportJson) as StoredReport };
}

/**
 * With an LRS set, the statements of a re-scored attempt for the outbox, else none; `origin` is
 * the server's address, for IRIs and the account home page the settings leave out (as the app
 * served from it would name them).
 */
export function attemptOutbox(
  settings: LrsConfig | undefined,
  attempt: (Omit<RescoredAttempt, 'report'> & { reportJson: string }) | AbandonedAttempt,
  origin: string,
): Statement[] {
  if (!settings) return [];
  // An abandoned one ends with terminated, as the app's own queue reports it; a finished one's
  // stored report text is read only when there is an LRS to tell.
  const xapiAttempt =
    'reportJson' in attempt ? asXapiAttempt(withReport(attempt)) : abandonedAsXapi(attempt);
  return attemptStatements(xapiAttempt, {
    ...statementOptionsFor(`${origin}/`, settings),
    scenarioOf: (id) => (id === attempt.scenario.id ? attempt.scenario : undefined),
  });
}

/**
 * The part of the attempt's insert (a CTE after `inserted`, which returns `id`) that puts its
 * statements, the JSON array in the numbered parameter, in the outbox: only when the attempt is new, in
 * the same statement. The array's order breaks ties between statements of one moment (seq).
 */
export const outboxFromInserted = (statementsParameter: number): string => `outbox as (
  insert into xapi_outbox (statement_id, attempt_id, statement, happened_at)
  select (s.value->>'id')::uuid, inserted.id, s.value, (s.value->>'timestamp')::timestamptz
  from inserted, jsonb_array_elements($${statementsParameter}::jsonb) with ordinality as s(value, n)
  order by s.n
  on conflict (statement_id) do nothing
)`;

export interface XapiStatus {
  configured: boolean;
  queued: number;
  sent: number;
  failed: number;
  /** Stopped for a 401/403/404 until the settings are saved again. */
  paused: boolean;
  /** When the next try is due while the LRS is down (ISO time), else null. */
  retryAt: string | null;
  lastError: { message: string; at: string } | null;
}

/** Counts of the outbox and how forwarding goes, for administrators. */
export async function xapiStatus(db: Queries): Promise<XapiStatus> {
  const counts = await db.query<{ state: string; count: number }>(
    'select state, count(*)::int as count from xapi_outbox group by state',
  );
  const count = (...states: string[]) =>
    counts.filter((row) => states.includes(row.state)).reduce((sum, row) => sum + row.count, 0);
  const [settings] = await db.query<{
    paused: boolean;
    retryAt: string | null;
    lastError: string | null;
    lastErrorAt: string | null;
  }>(
    `select paused, to_char(retry_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') as "retryAt",
       last_error as "lastError",
       to_char(last_error_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') as "lastErrorAt"
     from lrs_settings`,
  );
  return {
    configured: settings !== undefined,
    queued: count('pending', 'sending'),
    sent: count('sent'),
    failed: count('rejected'),
    paused: settings?.paused ?? false,
    retryAt: settings?.retryAt ?? null,
    lastError:
      settings?.lastError && settings.lastErrorAt
        ? { message: settings.lastError, at: settings.lastErrorAt }
        : null,
  };
}

/** Puts the statements the LRS refused back in the queue; returns how many. */
export async function retryRejected(db: Queries): Promise<number> {
  const rows = await db.query(
    `update xapi_outbox set state = 'pending', tries = 0, last_error = null
     where state = 'rejected' returning statement_id`,
  );
  return rows.length;
}

interface Claimed {
  statementId: string;
  statement: Statement;
}

/**
 * Reserves the next batch, earliest first, unless another process is sending one, the LRS is
 * paused or backing off, or nothing is due.
 */
async function claim(db: Database, batchSize: number): Promise<Claimed[]> {
  return db.transaction(async (tx) => {
    const [lock] = await tx.query<{ locked: boolean }>(
      'select pg_try_advisory_xact_lock($1) as locked',
      [CLAIM_LOCK],
    );
    if (!lock?.locked) return [];
    const [ready] = await tx.query<{ ready: boolean }>(
      `select not paused and (retry_at is null or retry_at <= now())
         and not exists (select 1 from xapi_outbox where state = 'sending' and claimed_until > now())
         as ready
       from lrs_settings`,
    );
    if (!ready?.ready) return [];
    const due = await tx.query<Claimed>(
      `select statement_id as "statementId", statement from xapi_outbox
       where state in ('pending', 'sending')
       order by happened_at, seq limit $1 for update skip locked`,
      [batchSize],
    );
    if (due.length > 0)
      await tx.query(
        `update xapi_outbox set state = 'sending', tries = tries + 1,
           claimed_until = now() + make_interval(secs => $2)
         where statement_id = any($1::uuid[])`,
        [due.map((row) => row.statementId), LEASE_SECONDS],
      );
    return due;
  });
}

const idsOf = (rows: readonly Claimed[]) => rows.map((row) => row.statementId);

async function markSent(db: Queries, rows: readonly Claimed[]): Promise<void> {
  await db.query(
    `update xapi_outbox set state = 'sent', sent_at = now(), claimed_until = null,
       last_error = null
     where statement_id = any($1::uuid[])`,
    [idsOf(rows)],
  );
  await db.query('update lrs_settings set failures = 0, retry_at = null');
}

async function release(db: Queries, rows: readonly Claimed[], error?: string): Promise<void> {
  await db.query(
    `update xapi_outbox set state = 'pending', claimed_until = null,
       last_error = coalesce($2, last_error)
     where statement_id = any($1::uuid[])`,
    [idsOf(rows), error ?? null],
  );
}

export interface ForwardOptions extends SenderOptions {
  fetchImpl?: typeof fetch;
  batchSize?: number;
  /** Delay before the next try after `failures` failures in a row (backoffMs). */
  backoff?: (failures: number) => number;
}

export interface ForwardResult {
  sent: number;
  rejected: number;
  /** Why forwarding stopped before the queue was empty. */
  stopped?: 'down' | 'paused';
}

/**
 * Sends every due statement in batches, as the app's queue does: a batch refused as a whole is
 * split and sent one by one, so one bad statement does not hold the others back; the first
 * failure worth retrying backs off, the first configuration error pauses.
 */
export async function forwardStatements(
  db: Database,
  options: ForwardOptions = {},
): Promise<ForwardResult> {
  const result: ForwardResult = { sent: 0, rejected: 0 };
  const settings = await storedSettings(db);
  if (!settings) return result;
  const send = lrsSender(settings, options.fetchImpl, options);
  for (;;) {
    const batch = await claim(db, options.batchSize ?? 50);
    if (batch.length === 0) return result;
    const groups: Claimed[][] = [batch];
    while (groups.length > 0) {
      const group = groups.shift() ?? [];
      try {
        await send(group.map((row) => row.statement));
        await markSent(db, group);
        result.sent += group.length;
      } catch (error) {
        const message = (error instanceof Error ? error.message : String(error)).slice(0, 500);
        const configuration = error instanceof LrsError && error.configuration;
        const retryable = !(error instanceof LrsError) || error.retryable;
        if (!configuration && !retryable) {
          if (group.length > 1) {
            groups.push(...group.map((row) => [row]));
            continue;
          }
          await db.query(
            `update xapi_outbox set state = 'rejected', claimed_until = null, last_error = $2
             where statement_id = any($1::uuid[])`,
            [idsOf(group), message],
          );
          await noteError(db, message);
          result.rejected += group.length;
          continue;
        }
        // Down or misconfigured: put back what was claimed, then wait (or pause).
        await release(db, group, message);
        await release(db, groups.flat());
        const [row] = await db.query<{ failures: number }>(
          `update lrs_settings set failures = failures + 1, last_error = $1,
             last_error_at = now(), paused = $2
           returning failures`,
          [message, configuration],
        );
        if (!configuration)
          await db.query(
            `update lrs_settings set retry_at = now() + make_interval(secs => $1 / 1000.0)`,
            [(options.backoff ?? backoffMs)(row?.failures ?? 1)],
          );
        result.stopped = configuration ? 'paused' : 'down';
        return result;
      }
    }
  }
}

async function noteError(db: Queries, message: string): Promise<void> {
  await db.query('update lrs_settings set last_error = $1, last_error_at = now()', [message]);
}

export interface Forwarder {
  /** Forwards now (after an attempt was stored), unless a pass is already running here. */
  kick(): void;
  stop(): Promise<void>;
}

/** Forwards every `intervalMs` and on kick(), one pass at a time in this process. */
export function startForwarder(
  db: Database,
  options: ForwardOptions & { intervalMs?: number; onError?: (error: unknown) => void } = {},
): Forwarder {
  let running: Promise<unknown> | undefined;
  let again = false;
  let stopped = false;
  const pass = (): void => {
    if (stopped) return;
    if (running) {
      again = true;
      return;
    }
    running = forwardStatements(db, options)
      .catch((error: unknown) => options.onError?.(error))
      .finally(() => {
        running = undefined;
        if (again) {
          again = false;
          pass();
        }
      });
  };
  const timer = setInterval(pass, options.intervalMs ?? 1_000);
  timer.unref();
  return {
    kick: pass,
    stop: async () => {
      stopped = true;
      clearInterval(timer);
      await running;
    },
  };
}
