/**
 * The xAPI outbox in IndexedDB. Statements are queued by id (queuing the same id again is a
 * no-op, so an attempt is never queued twice), claimed in a transaction before sending (so two
 * tabs never send the same batch at once), marked sent only after the LRS said so, and retried
 * with exponential back-off while the network or the LRS fails. A statement the LRS refuses
 * as malformed (4xx other than 408/429) is kept as "rejected" with the reason, not retried.
 */
import type { Statement } from '@xapi/xapi';
import { database, type QueuedStatement } from '../data/db';

/** Sends a batch; throws an LrsError when the LRS (or the network) fails. */
export type StatementSender = (statements: Statement[]) => Promise<void>;

export class LrsError extends Error {
  /** HTTP status, or undefined when no answer came (offline, DNS, CORS). */
  constructor(
    message: string,
    readonly status?: number,
  ) {
    super(message);
    this.name = 'LrsError';
  }

  /** Worth retrying: no answer, a timeout, rate limiting or a server error. */
  get retryable(): boolean {
    return (
      this.status === undefined || this.status === 408 || this.status === 429 || this.status >= 500
    );
  }
}

const BASE_DELAY_MS = 2_000;
const MAX_DELAY_MS = 10 * 60_000;
/** How long a claimed batch stays reserved for the tab that claimed it. */
export const CLAIM_MS = 60_000;

/** Delay before the next try after `tries` failures: 2 s, 4 s, 8 s … capped at 10 minutes. */
export function backoffMs(tries: number): number {
  return Math.min(MAX_DELAY_MS, BASE_DELAY_MS * 2 ** Math.max(0, tries - 1));
}

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

/** Reserves up to `limit` due statements (pending, or claimed by a tab that went away). */
async function claim(now: number, limit: number): Promise<QueuedStatement[]> {
  const db = database();
  return db.transaction('rw', db.xapiQueue, async () => {
    const due = await db.xapiQueue
      .where('[state+nextTryAt]')
      .between(['pending', -Infinity], ['pending', now], true, true)
      .limit(limit)
      .toArray();
    if (due.length < limit) {
      const stale = await db.xapiQueue
        .where('[state+nextTryAt]')
        .between(['sending', -Infinity], ['sending', now], true, true)
        .limit(limit - due.length)
        .toArray();
      due.push(...stale);
    }
    due.sort((a, b) => a.queuedAt - b.queuedAt || a.id.localeCompare(b.id));
    await db.xapiQueue.bulkPut(
      due.map((item) => ({ ...item, state: 'sending' as const, nextTryAt: now + CLAIM_MS })),
    );
    return due;
  });
}

async function settle(
  items: readonly QueuedStatement[],
  outcome: { sent: true; at: number } | { sent: false; at: number; error: unknown },
): Promise<'sent' | 'retry' | 'rejected'> {
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
  const retryable = !(error instanceof LrsError) || error.retryable;
  const message = error instanceof Error ? error.message : String(error);
  await db.xapiQueue.bulkPut(
    items.map((item) => {
      const tries = item.tries + 1;
      return {
        ...item,
        state: retryable ? ('pending' as const) : ('rejected' as const),
        tries,
        nextTryAt: retryable ? outcome.at + backoffMs(tries) : Infinity,
        lastError: message.slice(0, 500),
      };
    }),
  );
  return retryable ? 'retry' : 'rejected';
}

export interface FlushResult {
  sent: number;
  retrying: number;
  rejected: number;
}

/**
 * Sends every due statement in batches. A batch the LRS refuses as a whole is split and sent
 * one by one, so one bad statement does not hold the others back. Stops at the first failure
 * that is worth retrying (the LRS or the network is down).
 */
export async function flushQueue(
  send: StatementSender,
  options: { now?: () => number; batchSize?: number } = {},
): Promise<FlushResult> {
  const now = options.now ?? Date.now;
  const batchSize = options.batchSize ?? 50;
  const result: FlushResult = { sent: 0, retrying: 0, rejected: 0 };
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
        const permanent = error instanceof LrsError && !error.retryable;
        if (permanent && group.length > 1) {
          groups.push(...group.map((item) => [item]));
          continue;
        }
        const outcome = await settle(group, { sent: false, at: now(), error });
        if (outcome === 'rejected') {
          result.rejected += group.length;
          continue;
        }
        // Down: put back what was claimed but not tried, then stop until the next flush.
        const untried = groups.flat();
        await database().xapiQueue.bulkPut(
          untried.map((item) => ({ ...item, state: 'pending' as const, nextTryAt: now() })),
        );
        result.retrying += group.length + untried.length;
        return result;
      }
    }
  }
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
