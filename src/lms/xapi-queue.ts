/**
 * The xAPI outbox in IndexedDB. Statements are queued by id (queuing the same id again is a
 * no-op, so an attempt is never queued twice), claimed in a transaction before sending (so two
 * tabs never send the same batch at once) in the order they happened, marked sent only after the LRS said so, and retried
 * with exponential back-off while the network or the LRS fails. An answer of 401, 403 or 404
 * means the settings are wrong (credentials, endpoint), not the statements: the queue pauses
 * (a flag in the settings table, shared by all tabs), keeps every statement pending and resumes
 * when the LRS settings are saved again. A statement the LRS refuses as malformed (another 4xx
 * other than 408/429) is kept as "rejected" with the reason until someone retries it.
 */
import type { Statement } from '@xapi/xapi';
import { liveQuery } from 'dexie';
import { database, type QueuedStatement } from '../data/db';
import { backoffMs } from '../core/backoff';
import { LrsError, type StatementSender } from './xapi-send';

/** How long a claimed batch stays reserved for the tab that claimed it. */
export const CLAIM_MS = 60_000;

/** Adds statements to the outbox; ids already queued (or sent) are skipped. Returns how many were new. */
export async function enqueueStatements(
  statements: readonly Statement[],
  now = Date.now(),
): Promise<number> {
  const db = database();
  return db.transaction('rw', db.xapiQueue, async () => {
    const ids = statements.map((s) => s.id).filter((id): id is string => Boolean(id));
    if (ids.length !== statements.length) throw new Error('Every queued statement needs an id');
    const known = new Set(
      (await db.xapiQueue.bulkGet(ids)).flatMap((item) => (item ? [item.id] : [])),
    );
    const fresh: QueuedStatement[] = [];
    for (const statement of statements) {
      const id = statement.id as string;
      if (known.has(id)) continue;
      known.add(id);
      fresh.push({ id, statement, state: 'pending', queuedAt: now, tries: 0, nextTryAt: now });
    }
    await db.xapiQueue.bulkAdd(fresh);
    return fresh.length;
  });
}

/** When a queued statement happened (its timestamp), for sending in that order. */
function happenedAt(item: QueuedStatement): number {
  const at = Date.parse((item.statement as Statement).timestamp ?? '');
  return Number.isNaN(at) ? item.queuedAt : at;
}

/**
 * Reserves up to `limit` due statements (pending, or claimed by a tab that went away), the
 * earliest happened first: an LRS receives them in the order they happened.
 */
async function claim(now: number, limit: number): Promise<QueuedStatement[]> {
  const db = database();
  return db.transaction('rw', db.xapiQueue, async () => {
    const due = [
      ...(await db.xapiQueue
        .where('[state+nextTryAt]')
        .between(['pending', -Infinity], ['pending', now], true, true)
        .toArray()),
      ...(await db.xapiQueue
        .where('[state+nextTryAt]')
        .between(['sending', -Infinity], ['sending', now], true, true)
        .toArray()),
    ]
      .sort((a, b) => happenedAt(a) - happenedAt(b) || a.queuedAt - b.queuedAt)
      .slice(0, limit);
    await db.xapiQueue.bulkPut(
      due.map((item) => ({ ...item, state: 'sending' as const, nextTryAt: now + CLAIM_MS })),
    );
    return due;
  });
}

async function settle(
  items: readonly QueuedStatement[],
  outcome: { sent: true; at: number } | { sent: false; at: number; error: unknown },
): Promise<'sent' | 'retry' | 'held' | 'rejected'> {
  const db = database();
  if (outcome.sent) {
    await db.xapiQueue.bulkPut(
      items.map((item) => ({
        ...item,
        state: 'sent' as const,
        tries: item.tries + 1,
        sentAt: outcome.at,
        lastError: undefined,
      })),
    );
    return 'sent';
  }
  const error = outcome.error;
  // A configuration error keeps the statement pending and due: it goes as soon as the queue resumes.
  const held = error instanceof LrsError && error.configuration;
  const retryable = !(error instanceof LrsError) || error.retryable;
  const message = error instanceof Error ? error.message : String(error);
  await db.xapiQueue.bulkPut(
    items.map((item) => {
      const tries = item.tries + 1;
      return {
        ...item,
        state: held || retryable ? ('pending' as const) : ('rejected' as const),
        tries,
        nextTryAt: held ? outcome.at : retryable ? outcome.at + backoffMs(tries) : Infinity,
        lastError: message.slice(0, 500),
      };
    }),
  );
  return held ? 'held' : retryable ? 'retry' : 'rejected';
}

export interface FlushResult {
  sent: number;
  retrying: number;
  rejected: number;
  /** Set when the queue is paused for a configuration error (now or by an earlier flush). */
  paused?: QueuePause;
}

/**
 * Sends every due statement in batches. A batch the LRS refuses as a whole is split and sent
 * one by one, so one bad statement does not hold the others back. Stops at the first failure
 * that is worth retrying (the LRS or the network is down), and pauses the queue at the first
 * configuration error (401/403/404); while paused it sends nothing.
 */
export async function flushQueue(
  send: StatementSender,
  options: { now?: () => number; batchSize?: number } = {},
): Promise<FlushResult> {
  const now = options.now ?? Date.now;
  const batchSize = options.batchSize ?? 50;
  const result: FlushResult = { sent: 0, retrying: 0, rejected: 0 };
  const paused = await queuePause();
  if (paused) return { ...result, paused };
  for (;;) {
    const batch = await claim(now(), batchSize);
    if (batch.length === 0) return result;
    const groups: QueuedStatement[][] = [batch];
    while (groups.length > 0) {
      const group = groups.shift() ?? [];
      try {
        await send(group.map((item) => item.statement as Statement));
        await settle(group, { sent: true, at: now() });
        result.sent += group.length;
      } catch (error) {
        const configuration = error instanceof LrsError && error.configuration;
        const permanent = error instanceof LrsError && !error.retryable && !configuration;
        if (permanent && group.length > 1) {
          groups.push(...group.map((item) => [item]));
          continue;
        }
        const outcome = await settle(group, { sent: false, at: now(), error });
        if (outcome === 'rejected') {
          result.rejected += group.length;
          continue;
        }
        // Down or misconfigured: put back what was claimed but not tried, then stop.
        const untried = groups.flat();
        await database().xapiQueue.bulkPut(
          untried.map((item) => ({ ...item, state: 'pending' as const, nextTryAt: now() })),
        );
        result.retrying += group.length + untried.length;
        if (outcome === 'held') {
          const pause: QueuePause = {
            message: error instanceof Error ? error.message.slice(0, 500) : String(error),
            at: now(),
            ...(error instanceof LrsError && error.status !== undefined
              ? { status: error.status }
              : {}),
          };
          await database().settings.put({ key: QUEUE_PAUSE_KEY, value: pause });
          result.paused = pause;
        }
        return result;
      }
    }
  }
}

export const QUEUE_PAUSE_KEY = 'xapi.paused';

/** Why the queue stopped sending: the LRS answered 401, 403 or 404. */
export interface QueuePause {
  status?: number;
  message: string;
  at: number;
}

/** The pause set by a configuration error, or undefined while the queue runs. */
export async function queuePause(): Promise<QueuePause | undefined> {
  const value = (await database().settings.get(QUEUE_PAUSE_KEY))?.value as
    Partial<QueuePause> | undefined;
  if (typeof value?.message !== 'string' || typeof value.at !== 'number') return undefined;
  return value as QueuePause;
}

/** A rejection that came from wrong settings (401/403/404), as older versions stored it. */
const CONFIGURATION_REJECTION = /^LRS answered (401|403|404)\b/;

/**
 * Lets the queue send again after the settings were fixed: clears the pause and puts back
 * statements an older version rejected for a 401/403/404. Returns how many were put back.
 */
export async function resumeQueue(now = Date.now()): Promise<number> {
  const db = database();
  return db.transaction('rw', db.xapiQueue, db.settings, async () => {
    await db.settings.delete(QUEUE_PAUSE_KEY);
    const rejected = await db.xapiQueue.where('state').equals('rejected').toArray();
    const refused = rejected.filter((item) => CONFIGURATION_REJECTION.test(item.lastError ?? ''));
    await db.xapiQueue.bulkPut(refused.map((item) => requeued(item, now)));
    return refused.length;
  });
}

/** Puts every rejected statement back in the queue (the "retry rejected" action). Returns how many. */
export async function retryRejected(now = Date.now()): Promise<number> {
  const db = database();
  return db.transaction('rw', db.xapiQueue, async () => {
    const rejected = await db.xapiQueue.where('state').equals('rejected').toArray();
    await db.xapiQueue.bulkPut(rejected.map((item) => requeued(item, now)));
    return rejected.length;
  });
}

function requeued(item: QueuedStatement, now: number): QueuedStatement {
  return { ...item, state: 'pending', tries: 0, nextTryAt: now };
}

export interface QueueCounts {
  pending: number;
  sent: number;
  rejected: number;
}

/** How many statements wait, went through, or were refused (for the settings screen). */
export async function queueCounts(): Promise<QueueCounts> {
  const table = database().xapiQueue;
  const [pending, sending, sent, rejected] = await Promise.all(
    (['pending', 'sending', 'sent', 'rejected'] as const).map((state) =>
      table.where('state').equals(state).count(),
    ),
  );
  return { pending: (pending ?? 0) + (sending ?? 0), sent: sent ?? 0, rejected: rejected ?? 0 };
}

/**
 * Calls `listener` with the queue's counts and pause now and after every change to the queue or
 * the pause, from this tab or another (the records page's live status). Returns stop.
 */
export function watchQueue(
  listener: (status: { counts: QueueCounts; pause: QueuePause | undefined }) => void,
): () => void {
  const subscription = liveQuery(async () => {
    const [counts, pause] = await Promise.all([queueCounts(), queuePause()]);
    return { counts, pause };
  }).subscribe({ next: listener, error: () => undefined });
  return () => subscription.unsubscribe();
}
