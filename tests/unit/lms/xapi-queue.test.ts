import type { Statement } from '@xapi/xapi';
import { beforeEach, describe, expect, it } from 'vitest';
import { database, ServiceDojoDb, useDatabase, type AttemptRecord } from '../../../src/data/db';
import { queueAttempt, saveLrsConfig, syncNow } from '../../../src/lms/xapi-lrs';
import {
  enqueueStatements,
  flushQueue,
  queueCounts,
  queuePause,
  retryRejected,
} from '../../../src/lms/xapi-queue';
import { backoffMs } from '../../../src/core/backoff';
import { LrsError, lrsSender } from '../../../src/lms/xapi-send';
import { attemptStatements, statementOptionsFor } from '../../../src/lms/xapi-statements';

const OPTIONS = statementOptionsFor('https://training.corp.cn/servicedojo/index.html');
import { storedReport, traineeLine } from '../../support/stored-reports';

function attempt(id: string): AttemptRecord {
  return {
    id,
    schemaVersion: 1,
    scenarioId: 'spin-office-printer',
    scenarioVersion: 1,
    scenarioTitle: { 'zh-CN': '办公打印机', en: 'Office printer' },
    mode: 'coach',
    trainee: { name: '王芳', employeeNo: 'E003', department: '销售部' },
    status: 'finished',
    startedAt: 1_000,
    updatedAt: 60_000,
    finishedAt: 60_000,
    durationMs: 59_000,
    revision: 4,
    snapshot: null,
    score: 77,
    passed: true,
    report: storedReport({
      transcript: [traineeLine(1, '您现在用的是哪款打印机？', 2_000)],
    }),
  };
}

/** A fake LRS over fetch: stores statements by id, counts every POST, and can be switched off. */
function fakeLrs() {
  const stored = new Map<string, Statement>();
  const posts: string[][] = [];
  let up = true;
  let refuse: string | undefined;
  const fetchImpl = (async (_url: string | URL | Request, init?: RequestInit) => {
    if (!up) throw new TypeError('Failed to fetch');
    const batch = JSON.parse(String(init?.body)) as Statement[];
    posts.push(batch.map((s) => s.id ?? ''));
    if (batch.some((s) => s.id === refuse)) return new Response('bad statement', { status: 400 });
    for (const s of batch) if (s.id && !stored.has(s.id)) stored.set(s.id, s);
    return new Response(JSON.stringify(batch.map((s) => s.id)), { status: 200 });
  }) as typeof fetch;
  return {
    stored,
    posts,
    fetchImpl,
    setUp: (value: boolean) => {
      up = value;
    },
    refuseId: (id: string) => {
      refuse = id;
    },
  };
}

const config = { endpoint: 'https://lrs.example.com/xapi/', key: 'k', secret: 's' };

describe('backoffMs', () => {
  it('should double the wait after each failure and stop growing at ten minutes', () => {
    expect([1, 2, 3].map(backoffMs)).toEqual([2_000, 4_000, 8_000]);
    expect(backoffMs(30)).toBe(600_000);
  });
});

describe('enqueueStatements', () => {
  beforeEach(() => {
    useDatabase(new ServiceDojoDb(`test-${crypto.randomUUID()}`));
  });

  it('should skip statements whose id is already queued', async () => {
    const statements = attemptStatements(attempt('a'), OPTIONS);
    expect(await enqueueStatements(statements)).toBe(statements.length);
    expect(await enqueueStatements(statements)).toBe(0);
    expect((await queueCounts()).pending).toBe(statements.length);
  });
});

describe('flushQueue', () => {
  beforeEach(() => {
    useDatabase(new ServiceDojoDb(`test-${crypto.randomUUID()}`));
  });

  it('should keep statements while the LRS is down and deliver each exactly once when it is back', async () => {
    const lrs = fakeLrs();
    const send = lrsSender(config, lrs.fetchImpl);
    let clock = 10_000;
    const now = () => clock;
    await enqueueStatements(attemptStatements(attempt('a'), OPTIONS), clock);

    lrs.setUp(false);
    expect(await flushQueue(send, { now })).toMatchObject({ sent: 0, retrying: 4 });
    expect(lrs.stored.size).toBe(0);

    // Back-off: coming back at once does not resend before the wait is over.
    lrs.setUp(true);
    expect(await flushQueue(send, { now })).toMatchObject({ sent: 0 });
    clock += backoffMs(1);
    await enqueueStatements(attemptStatements(attempt('b'), OPTIONS), clock);
    expect(await flushQueue(send, { now, batchSize: 3 })).toMatchObject({ sent: 8 });
    expect(await flushQueue(send, { now })).toMatchObject({ sent: 0 });

    const postedIds = lrs.posts.flat();
    expect(new Set(postedIds).size).toBe(postedIds.length);
    expect(lrs.stored.size).toBe(8);
    expect(await queueCounts()).toEqual({ pending: 0, sent: 8, rejected: 0 });
  });

  it('should send statements in the order they happened, across attempts and batches', async () => {
    const lrs = fakeLrs();
    // Two attempts queued at once, the later one first; whose ids sort in no useful order.
    const later = attemptStatements(
      { ...attempt('later'), startedAt: 5_000, updatedAt: 90_000, finishedAt: 90_000 },
      OPTIONS,
    );
    const earlier = attemptStatements(attempt('earlier'), OPTIONS);
    await enqueueStatements([...later, ...earlier], 100_000);
    await flushQueue(lrsSender(config, lrs.fetchImpl), { now: () => 100_000, batchSize: 3 });
    const byId = new Map([...later, ...earlier].map((s) => [s.id, s]));
    const sent = lrs.posts.flat().map((id) => Date.parse(byId.get(id)?.timestamp ?? ''));
    expect(sent).toHaveLength(8);
    expect(sent).toEqual([...sent].sort((a, b) => a - b));
  });

  it('should retry after a server error with a longer wait each time', async () => {
    let calls = 0;
    const send = async () => {
      calls += 1;
      throw new LrsError('LRS answered 503', 503);
    };
    let clock = 0;
    await enqueueStatements(attemptStatements(attempt('a'), OPTIONS).slice(0, 1), clock);
    await flushQueue(send, { now: () => clock });
    clock += backoffMs(1);
    await flushQueue(send, { now: () => clock });
    clock += backoffMs(1);
    await flushQueue(send, { now: () => clock });
    expect(calls).toBe(2);
    const [item] = await database().xapiQueue.toArray();
    expect(item).toMatchObject({
      state: 'pending',
      tries: 2,
      nextTryAt: clock - backoffMs(1) + backoffMs(2),
    });
  });

  it('should set a refused statement aside and still deliver the rest of its batch', async () => {
    const lrs = fakeLrs();
    const statements = attemptStatements(attempt('a'), OPTIONS);
    lrs.refuseId(statements[1]?.id ?? '');
    await enqueueStatements(statements, 0);
    const result = await flushQueue(lrsSender(config, lrs.fetchImpl), { now: () => 0 });
    expect(result).toEqual({ sent: 3, retrying: 0, rejected: 1 });
    expect(lrs.stored.has(statements[1]?.id ?? '')).toBe(false);
    expect((await database().xapiQueue.get(statements[1]?.id ?? ''))?.lastError).toContain('400');
  });

  it('should resend a batch claimed by a tab that closed mid-send, under the same ids', async () => {
    const lrs = fakeLrs();
    await enqueueStatements(attemptStatements(attempt('a'), OPTIONS), 0);
    const crashed = async () => {
      throw new Error('tab closed');
    };
    // Simulate a claim that never settled: mark everything as sending by another tab.
    const items = await database().xapiQueue.toArray();
    await database().xapiQueue.bulkPut(
      items.map((i) => ({ ...i, state: 'sending' as const, nextTryAt: 5_000 })),
    );
    expect(await flushQueue(crashed, { now: () => 1_000 })).toMatchObject({ sent: 0, retrying: 0 });
    expect(await flushQueue(lrsSender(config, lrs.fetchImpl), { now: () => 5_000 })).toMatchObject({
      sent: 4,
    });
    expect(lrs.stored.size).toBe(4);
  });
});

describe('queueAttempt', () => {
  beforeEach(() => {
    useDatabase(new ServiceDojoDb(`test-${crypto.randomUUID()}`));
  });

  it('should queue a finished attempt once even when it is reported twice while offline', async () => {
    const lrs = fakeLrs();
    lrs.setUp(false);
    await saveLrsConfig(config);
    await queueAttempt(attempt('a'), { fetchImpl: lrs.fetchImpl });
    await queueAttempt(attempt('a'), { fetchImpl: lrs.fetchImpl });
    expect((await queueCounts()).pending).toBe(4);
  });

  it('should queue nothing when no LRS is configured', async () => {
    await queueAttempt(attempt('a'));
    expect((await queueCounts()).pending).toBe(0);
  });

  it('should leave the statements to the server on a device joined to one', async () => {
    const lrs = fakeLrs();
    await saveLrsConfig(config);
    await database().serverLink.put({
      id: 'me',
      deviceToken: 'device-token-of-this-phone-0001',
      person: { name: '王芳', employeeNo: 'E003', department: '销售部' },
      joinedAt: 1,
    });
    await queueAttempt(attempt('a'), { fetchImpl: lrs.fetchImpl });
    expect(await queueCounts()).toEqual({ pending: 0, sent: 0, rejected: 0 });
    expect(lrs.stored.size).toBe(0);
  });

  it('should send through the configured LRS', async () => {
    const lrs = fakeLrs();
    await saveLrsConfig(config);
    await enqueueStatements(attemptStatements(attempt('a'), OPTIONS));
    await syncNow(lrs.fetchImpl);
    expect(lrs.stored.size).toBe(4);
    expect(await queueCounts()).toEqual({ pending: 0, sent: 4, rejected: 0 });
  });
});

/** A fake LRS that answers `status` unless the request carries Basic auth for `k`:`good`. */
function lockedLrs(status = 401) {
  const stored = new Map<string, Statement>();
  const delivered: string[] = [];
  let requests = 0;
  const fetchImpl = (async (_url: string | URL | Request, init?: RequestInit) => {
    requests += 1;
    const auth = new Headers(init?.headers).get('Authorization');
    if (auth !== `Basic ${btoa('k:good')}`) return new Response('Unauthorized', { status });
    const batch = JSON.parse(String(init?.body)) as Statement[];
    for (const s of batch) {
      delivered.push(s.id ?? '');
      if (s.id) stored.set(s.id, s);
    }
    return new Response(JSON.stringify(batch.map((s) => s.id)), { status: 200 });
  }) as typeof fetch;
  return { stored, delivered, fetchImpl, requests: () => requests };
}

describe('configuration errors (401, 403, 404)', () => {
  beforeEach(() => {
    useDatabase(new ServiceDojoDb(`test-${crypto.randomUUID()}`));
  });

  it('should pause on a 401, keep every statement and deliver each once after the settings are fixed', async () => {
    const lrs = lockedLrs(401);
    await saveLrsConfig({ ...config, secret: 'wrong' });
    await enqueueStatements(attemptStatements(attempt('a'), OPTIONS));

    await syncNow(lrs.fetchImpl);
    expect(await queueCounts()).toEqual({ pending: 4, sent: 0, rejected: 0 });
    expect(await queuePause()).toMatchObject({
      status: 401,
      message: expect.stringContaining('401'),
    });

    // Paused: neither the timer nor a new attempt knocks on the LRS again.
    await enqueueStatements(attemptStatements(attempt('b'), OPTIONS));
    await syncNow(lrs.fetchImpl);
    expect(lrs.requests()).toBe(1);

    await saveLrsConfig({ ...config, secret: 'good' });
    expect(await queuePause()).toBeUndefined();
    await syncNow(lrs.fetchImpl);
    await syncNow(lrs.fetchImpl);

    expect(lrs.stored.size).toBe(8);
    expect(lrs.delivered).toHaveLength(8);
    expect(await queueCounts()).toEqual({ pending: 0, sent: 8, rejected: 0 });
  });

  it.each([403, 404])(
    'should pause on a %i without splitting the batch or rejecting',
    async (status) => {
      const lrs = lockedLrs(status);
      await enqueueStatements(attemptStatements(attempt('a'), OPTIONS));
      const result = await flushQueue(lrsSender(config, lrs.fetchImpl));
      expect(result).toMatchObject({ sent: 0, rejected: 0, retrying: 4, paused: { status } });
      expect(lrs.requests()).toBe(1);
      expect(await flushQueue(lrsSender(config, lrs.fetchImpl))).toMatchObject({ sent: 0 });
      expect(lrs.requests()).toBe(1);
    },
  );

  it('should put back statements an older version rejected for a 401 when the settings are saved', async () => {
    const lrs = lockedLrs();
    const statements = attemptStatements(attempt('a'), OPTIONS);
    await enqueueStatements(statements);
    const items = await database().xapiQueue.toArray();
    await database().xapiQueue.bulkPut(
      items.map((item, index) => ({
        ...item,
        state: 'rejected' as const,
        nextTryAt: Infinity,
        lastError: index === 0 ? 'LRS answered 400: bad statement' : 'LRS answered 401: no',
      })),
    );

    await saveLrsConfig({ ...config, secret: 'good' });
    await syncNow(lrs.fetchImpl);
    expect(await queueCounts()).toEqual({ pending: 0, sent: 3, rejected: 1 });

    // "Retry rejected" sends the rest too.
    expect(await retryRejected()).toBe(1);
    await syncNow(lrs.fetchImpl);
    expect(await queueCounts()).toEqual({ pending: 0, sent: 4, rejected: 0 });
    expect(lrs.delivered).toHaveLength(4);
  });
});

describe('an LRS that never answers', () => {
  beforeEach(() => {
    useDatabase(new ServiceDojoDb(`test-${crypto.randomUUID()}`));
  });

  /** A fetch that hangs; with `honourAbort` it fails once aborted, as the browser's fetch does. */
  function hangingFetch(honourAbort: boolean) {
    const signals: AbortSignal[] = [];
    const fetchImpl = ((_url: string | URL | Request, init?: RequestInit) =>
      new Promise<Response>((_resolve, reject) => {
        if (init?.signal) signals.push(init.signal);
        if (honourAbort)
          init?.signal?.addEventListener('abort', () =>
            reject(new DOMException('aborted', 'AbortError')),
          );
      })) as typeof fetch;
    return { fetchImpl, signals };
  }

  it.each([true, false])(
    'should time the request out and keep the statements for a retry (fetch honours abort: %s)',
    async (honourAbort) => {
      const lrs = hangingFetch(honourAbort);
      let clock = 0;
      await enqueueStatements(attemptStatements(attempt('a'), OPTIONS), clock);

      const result = await flushQueue(lrsSender(config, lrs.fetchImpl, { timeoutMs: 30 }), {
        now: () => clock,
      });

      expect(result).toEqual({ sent: 0, retrying: 4, rejected: 0 });
      expect(lrs.signals[0]?.aborted).toBe(true);
      const items = await database().xapiQueue.toArray();
      expect(items.every((item) => item.state === 'pending')).toBe(true);
      expect(items[0]?.lastError).toContain('did not answer within 30 ms');
      expect(await queuePause()).toBeUndefined();

      // The LRS comes back: everything goes, once.
      const good = fakeLrs();
      clock += backoffMs(1);
      expect(await flushQueue(lrsSender(config, good.fetchImpl), { now: () => clock })).toEqual({
        sent: 4,
        retrying: 0,
        rejected: 0,
      });
      expect(good.posts.flat()).toHaveLength(4);
    },
  );

  it('should free the sync for the next try once a hung request timed out', async () => {
    const lrs = hangingFetch(true);
    await saveLrsConfig(config);
    await enqueueStatements(attemptStatements(attempt('a'), OPTIONS));
    await syncNow(lrs.fetchImpl, { timeoutMs: 20 });
    expect(await queueCounts()).toEqual({ pending: 4, sent: 0, rejected: 0 });

    // Skip the back-off: the next sync must not wait on the hung one.
    await database().xapiQueue.toCollection().modify({ nextTryAt: 0 });
    const good = fakeLrs();
    await syncNow(good.fetchImpl);
    expect(await queueCounts()).toEqual({ pending: 0, sent: 4, rejected: 0 });
  });
});
