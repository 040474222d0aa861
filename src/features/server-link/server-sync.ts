/**
 * This device and a company's ServiceDojo server: joining with a one-time link (the server says
 * who the device belongs to, and the profile is filled from it), then sending every attempt
 * finished here afterwards. Attempts wait in an IndexedDB queue while offline and go when the
 * browser is back online; each is sent with its own id, so a retry is never counted twice. The
 * server re-scores each one and its answer (its score, and why it differs) is kept beside it.
 * An attempt the trainee abandoned goes the same way; the server keeps it unscored.
 * Without a join nothing here runs and the app works as before.
 */
import { liveQuery } from 'dexie';
import { traineeTurns } from '../../core/attempt';
import type { TranscriptEntry } from '../../core/scenario-machine';
import {
  database,
  type AttemptRecord,
  type PublishedCatalogRecord,
  type ServerLinkRecord,
  type SyncItem,
  type Trainee,
} from '../../data/db';
import { backoffMs } from '../../core/backoff';
import { pullCatalog } from './catalog-pull';
import { withdrawLink } from './link-withdrawn';
import { useCatalogStore } from '../../stores/use-catalog-store';
import { useProfileStore } from '../../stores/use-profile-store';

export type JoinOutcome =
  { ok: true; person: Trainee } | { ok: false; reason: 'used' | 'offline' | 'refused' };

/** Spends a join link's token: binds this device to its person and fills the profile from it. */
export async function joinServer(
  token: string,
  fetchImpl: typeof fetch = fetch,
  now = Date.now(),
): Promise<JoinOutcome> {
  let response: Response;
  try {
    response = await fetchImpl('/api/join', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ token }),
    });
  } catch {
    return { ok: false, reason: 'offline' };
  }
  if (response.status === 410) return { ok: false, reason: 'used' };
  // Busy or down: the link is still good, opening it again later works.
  if (response.status === 429 || response.status >= 500) return { ok: false, reason: 'offline' };
  if (!response.ok) return { ok: false, reason: 'refused' };
  const body = (await response.json()) as {
    deviceToken: string;
    person: { name: string; employeeNo: string | null; department: string };
  };
  const person: Trainee = {
    name: body.person.name,
    employeeNo: body.person.employeeNo ?? '',
    department: body.person.department,
  };
  await database().serverLink.put({
    id: 'me',
    deviceToken: body.deviceToken,
    person,
    joinedAt: now,
  });
  await useProfileStore.getState().save(person);
  return { ok: true, person };
}

export function serverLink(): Promise<ServerLinkRecord | undefined> {
  return database().serverLink.get('me');
}

/** The link while the server still knows this device (not withdrawn), else undefined. */
async function activeLink(): Promise<ServerLinkRecord | undefined> {
  const link = await serverLink();
  return link?.withdrawnAt === undefined ? link : undefined;
}

/** The replies as the server takes them: a timed-out turn's wait is added to the next reply's. */
export function submittedReplies(
  transcript: readonly TranscriptEntry[],
): { text: string; afterMs: number }[] {
  const replies: { text: string; afterMs: number }[] = [];
  let waited = 0;
  for (const turn of traineeTurns(transcript)) {
    if (turn.timeout) waited += turn.responseMs;
    else {
      replies.push({ text: turn.text, afterMs: Math.round(waited + turn.responseMs) });
      waited = 0;
    }
  }
  return replies;
}

/** The conversation of an attempt: its report's once finished, else its snapshot's so far. */
function conversationOf(attempt: AttemptRecord): readonly TranscriptEntry[] {
  if (attempt.report) return attempt.report.transcript;
  const context = (attempt.snapshot as { context?: { transcript?: unknown } } | null)?.context;
  return Array.isArray(context?.transcript) ? (context.transcript as TranscriptEntry[]) : [];
}

/**
 * Practised here since joining, finished with replies or abandoned after at least one reply
 * (one opened and left at once says nothing): what this device sends.
 */
function sendable(attempt: AttemptRecord, since: number): boolean {
  const conversation = conversationOf(attempt);
  return (
    (attempt.source ?? 'practised') === 'practised' &&
    attempt.mode !== 'observed' &&
    attempt.observer === undefined &&
    (attempt.finishedAt ?? attempt.updatedAt) >= since &&
    (attempt.status === 'finished'
      ? conversation.length > 0
      : attempt.status === 'abandoned' && traineeTurns(conversation).length > 0)
  );
}

/** The statuses of the attempts a joined device sends. */
const SENT_STATUSES = ['finished', 'abandoned'];

/**
 * Queues the attempts finished (or abandoned) since the device joined and not queued yet;
 * returns how many.
 * Each notes the published rule packs this device scores with now (the sync loop queues before
 * it pulls a newer catalogue), so the server can say when a newer pack changed the score.
 */
export async function queueFinished(now = Date.now()): Promise<number> {
  const link = await activeLink();
  if (!link) return 0;
  const db = database();
  const { rulePackVersions } = useCatalogStore.getState().published;
  return db.transaction('rw', db.attempts, db.syncQueue, async () => {
    const finished = (await db.attempts.where('status').anyOf(SENT_STATUSES).toArray()).filter(
      (attempt) => sendable(attempt, link.joinedAt),
    );
    const known = new Set(
      (await db.syncQueue.bulkGet(finished.map((attempt) => attempt.id))).flatMap((item) =>
        item ? [item.attemptId] : [],
      ),
    );
    const fresh: SyncItem[] = finished
      .filter((attempt) => !known.has(attempt.id))
      .map((attempt) => ({
        attemptId: attempt.id,
        state: 'pending',
        queuedAt: now,
        tries: 0,
        nextTryAt: now,
        rulePackVersions,
        ...(attempt.status === 'abandoned' ? { abandoned: true as const } : {}),
        ...(attempt.score === undefined ? {} : { claimedScore: attempt.score }),
      }));
    await db.syncQueue.bulkAdd(fresh);
    return fresh.length;
  });
}

/** The server's answer: an abandoned attempt has no score. */
interface AttemptAnswer {
  score?: number;
  passed?: boolean;
  difference?: SyncItem['difference'];
}

/** Sends the due queued attempts, oldest first; stops at the first network or server failure. */
export async function sendQueued(
  fetchImpl: typeof fetch = fetch,
  now: () => number = Date.now,
): Promise<{ sent: number; waiting: number }> {
  const link = await activeLink();
  const db = database();
  const due = link
    ? await db.syncQueue
        .where('[state+nextTryAt]')
        .between(['pending', -Infinity], ['pending', now()], true, true)
        .sortBy('queuedAt')
    : [];
  let sent = 0;
  for (const item of due) {
    const attempt = await db.attempts.get(item.attemptId);
    const conversation = attempt ? conversationOf(attempt) : [];
    if (!attempt || conversation.length === 0) {
      await db.syncQueue.put({ ...item, state: 'refused', lastError: 'no longer on this device' });
      continue;
    }
    let response: Response;
    try {
      response = await fetchImpl(item.abandoned ? '/api/attempts/abandoned' : '/api/attempts', {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          authorization: `Bearer ${link!.deviceToken}`,
        },
        body: JSON.stringify({
          id: attempt.id,
          scenarioId: attempt.scenarioId,
          scenarioVersion: attempt.scenarioVersion,
          mode: attempt.mode,
          startedAt: attempt.startedAt,
          replies: submittedReplies(conversation),
          ...(item.claimedScore === undefined ? {} : { claimedScore: item.claimedScore }),
          ...(item.rulePackVersions ? { rulePackVersions: item.rulePackVersions } : {}),
        }),
      });
    } catch (error) {
      await retryLater(item, now(), error instanceof Error ? error.message : String(error));
      break;
    }
    if (response.status === 401) {
      // The server no longer knows this device: nothing more is sent, what waits is kept here.
      await withdrawLink(now());
      break;
    }
    if (response.status >= 500 || response.status === 429) {
      // The server is down or busy: kept, tried again later.
      await retryLater(item, now(), `HTTP ${response.status}`);
      break;
    }
    if (!response.ok) {
      const { error } = (await response.json().catch(() => ({}))) as { error?: string };
      await db.syncQueue.put({
        ...item,
        state: 'refused',
        tries: item.tries + 1,
        lastError: error ?? `HTTP ${response.status}`,
      });
      continue;
    }
    const answer = (await response.json()) as AttemptAnswer;
    await db.syncQueue.put({
      ...item,
      state: 'sent',
      tries: item.tries + 1,
      ...(answer.score === undefined ? {} : { serverScore: answer.score }),
      ...(answer.passed === undefined ? {} : { serverPassed: answer.passed }),
      ...(answer.difference ? { difference: answer.difference } : {}),
    });
    sent += 1;
  }
  const waiting = await db.syncQueue.where('state').equals('pending').count();
  return { sent, waiting };
}

async function retryLater(item: SyncItem, at: number, message: string): Promise<void> {
  const tries = item.tries + 1;
  await database().syncQueue.put({
    ...item,
    tries,
    nextTryAt: at + backoffMs(tries),
    lastError: message.slice(0, 300),
  });
}

let stopActive: (() => void) | undefined;

/**
 * Queues and sends, then pulls the published catalogue: now, every `intervalMs` and when the
 * browser comes back online; returns stop.
 * One loop per page: starting it again (the app at load, the join page) keeps the running one.
 */
export function startServerSync(intervalMs = 15_000): () => void {
  if (stopActive) return stopActive;
  let running = false;
  const run = () => {
    if (running) return;
    running = true;
    void queueFinished()
      .then(() => sendQueued())
      .then(() => pullCatalog())
      // A withdrawn link never comes back (a new join starts a new loop): stop asking.
      .then(async () => ((await serverLink())?.withdrawnAt === undefined ? undefined : stop()))
      .catch(() => undefined)
      .finally(() => (running = false));
  };
  run();
  const timer = setInterval(run, intervalMs);
  globalThis.addEventListener?.('online', run);
  const stop = () => {
    clearInterval(timer);
    globalThis.removeEventListener?.('online', run);
    if (stopActive === stop) stopActive = undefined;
  };
  stopActive = stop;
  return stop;
}

/** Every queued attempt with its record, newest first, for the sync page. */
export async function syncedAttempts(): Promise<{ item: SyncItem; attempt?: AttemptRecord }[]> {
  const db = database();
  const items = await db.syncQueue.toArray();
  const attempts = await db.attempts.bulkGet(items.map((item) => item.attemptId));
  return items
    .map((item, index) => ({ item, attempt: attempts[index] }))
    .sort((a, b) => (b.attempt?.startedAt ?? 0) - (a.attempt?.startedAt ?? 0));
}

/**
 * Calls `listener` with the link and the queued attempts now and after every change, from this tab
 * or another; attempts that finish meanwhile are queued first, so the page never shows a stale
 * count. Returns stop.
 */
export function watchSync(
  listener: (state: {
    link: ServerLinkRecord | undefined;
    synced: { item: SyncItem; attempt?: AttemptRecord }[];
    published: PublishedCatalogRecord | undefined;
  }) => void,
): () => void {
  const finished = liveQuery(() =>
    database().attempts.where('status').anyOf(SENT_STATUSES).count(),
  ).subscribe({ next: () => void queueFinished().catch(() => 0), error: () => undefined });
  const state = liveQuery(async () => {
    const [link, synced, published] = await Promise.all([
      serverLink(),
      syncedAttempts(),
      database().publishedCatalog.get('current'),
    ]);
    return { link, synced, published };
  }).subscribe({ next: listener, error: () => undefined });
  return () => {
    finished.unsubscribe();
    state.unsubscribe();
  };
}
