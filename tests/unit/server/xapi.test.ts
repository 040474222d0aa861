/**
 * xAPI from the server, against a fake LRS: only administrators set the LRS, whose secret no
 * answer ever contains; a stored attempt's statements (from the server's own report) wait in the
 * outbox and reach the LRS in the order they happened, each once — also after an outage, a
 * refused secret and a statement refused as malformed, and with two forwarders at once.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { forwardStatements } from '../../../src/server/xapi-forwarder';
import { call, joined, nobody, staff, startTestServer, type As, type TestServer } from './harness';

const SECRET = 'lrs-secret-that-never-leaves';
const ENDPOINT = 'https://lrs.corp.example.cn/xapi/';

interface FakeStatement {
  id: string;
  timestamp: string;
  verb: { id: string };
  actor: { account?: { name: string } };
  result?: { score?: { raw: number }; success?: boolean };
}

/** An LRS that keeps each statement id once (as a real one does), and can be down or refuse. */
function fakeLrs() {
  const stored = new Map<string, FakeStatement>();
  const received: FakeStatement[][] = [];
  const lrs = {
    stored,
    received,
    /** 'down': no answer; a number: that status for every request. */
    failure: undefined as 'down' | number | undefined,
    /** Statement ids answered 400 (malformed). */
    malformed: new Set<string>(),
    /** Every secret a request authenticated with. */
    secrets: new Set<string>(),
    fetch: (async (url: string | URL | Request, init?: RequestInit) => {
      if (lrs.failure === 'down') throw new TypeError('fetch failed');
      if (typeof lrs.failure === 'number') return new Response('refused', { status: lrs.failure });
      const auth = new Headers(init?.headers).get('authorization') ?? '';
      lrs.secrets.add(
        Buffer.from(auth.replace(/^Basic /, ''), 'base64')
          .toString()
          .split(':')[1]!,
      );
      expect(String(url)).toBe(`${ENDPOINT}statements`);
      const batch = JSON.parse(String(init?.body)) as FakeStatement[];
      if (batch.some((statement) => lrs.malformed.has(statement.id)))
        return new Response('bad statement', { status: 400 });
      received.push(batch);
      for (const statement of batch)
        if (!stored.has(statement.id)) stored.set(statement.id, statement);
      return Response.json(batch.map((statement) => statement.id));
    }) as typeof fetch,
  };
  return lrs;
}

const attempt = (id: string, minute: number, claimedScore?: number) => ({
  id,
  scenarioId: 'complaint-late-delivery',
  mode: 'exam',
  startedAt: Date.UTC(2026, 11, 3, 9, minute),
  replies: [
    { text: '真是对不起，让您等了两个星期，换成我也会着急。', afterMs: 9_000 },
    { text: '我马上给您加急，明天上午送到，运费全免。', afterMs: 12_000 },
  ],
  ...(claimedScore === undefined ? {} : { claimedScore }),
});

const verbOf = (statement: FakeStatement) => statement.verb.id.split('/').at(-1);

let server: TestServer;
let admin: As;
let hr: As;
let trainer: As;
let device: As;
const lrs = fakeLrs();
const forward = (options: Parameters<typeof forwardStatements>[1] = {}) =>
  forwardStatements(server.db, { fetchImpl: lrs.fetch, backoff: () => 0, ...options });
const status = async () => (await call(server.app, admin, 'GET', '/api/xapi/status')).json();
const submit = (body: unknown) => call(server.app, device, 'POST', '/api/attempts', body);
const saveLrs = (body: Record<string, unknown>, as: As = admin) =>
  call(server.app, as, 'PUT', '/api/xapi/lrs', body);

beforeAll(async () => {
  server = await startTestServer({ xapi: false });
  admin = await staff(server, 'admin', 'admin');
  hr = await staff(server, 'hr', 'hr');
  trainer = await staff(server, 'trainer', 'trainer');
  const roster = await call(server.app, hr, 'POST', '/api/roster', { csv: '李明,E001,客服部\n' });
  device = await joined(server.app, roster.json().people[0].joinUrl);
}, 60_000);

afterAll(async () => {
  await server?.close();
});

describe('LRS settings on the server', () => {
  it('should let only administrators read or change the LRS and its status', async () => {
    for (const [as, code] of [
      [nobody, 401],
      [device, 403],
      [hr, 403],
      [trainer, 403],
    ] as const) {
      expect((await call(server.app, as, 'GET', '/api/xapi/lrs')).statusCode).toBe(code);
      expect((await call(server.app, as, 'GET', '/api/xapi/status')).statusCode).toBe(code);
      expect((await saveLrs({ endpoint: ENDPOINT, key: 'k', secret: 's' }, as)).statusCode).toBe(
        code,
      );
    }
    // A signed-in administrator's write without the session's CSRF token is refused too.
    const noCsrf = await saveLrs(
      { endpoint: ENDPOINT, key: 'k', secret: 's' },
      { cookies: admin.cookies, headers: {} },
    );
    expect(noCsrf.statusCode).toBe(403);
    expect((await call(server.app, admin, 'GET', '/api/xapi/lrs')).json()).toEqual({
      configured: false,
    });
  });

  it('should refuse a wrong endpoint or a first save without a secret, naming the field', async () => {
    const ftp = await saveLrs({ endpoint: 'ftp://lrs.corp.cn/', key: 'k', secret: 's' });
    expect(ftp.statusCode).toBe(400);
    expect(ftp.json().error).toMatch(/^endpoint:/);
    const plain = await saveLrs({ endpoint: 'http://lrs.corp.cn/xapi/', key: 'k', secret: 's' });
    expect(plain.json().error).toMatch(/^endpoint: http:\/\/ is allowed only for this machine/);
    const noSecret = await saveLrs({ endpoint: ENDPOINT, key: 'k' });
    expect(noSecret.statusCode).toBe(400);
    expect(noSecret.json().error).toMatch(/^secret:/);
  });

  it('should store the settings and never answer the secret', async () => {
    const saved = await saveLrs({ endpoint: ENDPOINT, key: 'servicedojo', secret: SECRET });
    expect(saved.statusCode).toBe(200);
    const read = await call(server.app, admin, 'GET', '/api/xapi/lrs');
    expect(read.json()).toEqual({
      configured: true,
      endpoint: ENDPOINT,
      key: 'servicedojo',
      hasSecret: true,
    });
    for (const body of [saved.body, read.body, JSON.stringify(await status())])
      expect(body).not.toContain(SECRET);
  });
});

describe('forwarding statements', () => {
  it("should queue an attempt's statements from the server's own report and send each once, in time order", async () => {
    // The device claims 100; the server's report decides what the LRS hears.
    const first = await submit(attempt('x-1', 0, 100));
    expect(first.statusCode).toBe(201);
    const serverScore = first.json().score as number;
    expect(serverScore).toBeLessThan(100);
    const queued = (await status()).queued as number;
    expect(queued).toBeGreaterThanOrEqual(5); // attempted, 2 responded, completed, passed/failed
    // A retry of the same attempt queues nothing more.
    expect((await submit(attempt('x-1', 0, 100))).json().duplicate).toBe(true);
    expect((await status()).queued).toBe(queued);

    expect(await forward()).toEqual({ sent: queued, rejected: 0 });
    expect(await forward()).toEqual({ sent: 0, rejected: 0 });
    expect(lrs.stored.size).toBe(queued);
    expect(lrs.received.flat()).toHaveLength(queued);
    const sent = lrs.received.flat();
    const times = sent.map((statement) => Date.parse(statement.timestamp));
    expect(times).toEqual([...times].sort((a, b) => a - b));
    expect(sent.map(verbOf).slice(0, 2)).toEqual(['attempted', 'responded']);
    expect(times[0]).toBe(Date.UTC(2026, 11, 3, 9, 0));
    const completed = sent.find((statement) => verbOf(statement) === 'completed');
    expect(completed?.result?.score?.raw).toBe(serverScore);
    expect(completed?.actor.account?.name).toBe('E001');
    expect(lrs.secrets).toEqual(new Set([SECRET]));
    expect(await status()).toMatchObject({ queued: 0, sent: queued, failed: 0, paused: false });
  });

  it('should keep statements through an LRS outage, back off, then send each exactly once', async () => {
    const before = lrs.stored.size;
    lrs.failure = 'down';
    await submit(attempt('x-2', 10));
    await submit(attempt('x-3', 20));
    const queued = (await status()).queued as number;
    expect(await forward({ backoff: () => 60_000 })).toMatchObject({ sent: 0, stopped: 'down' });
    const down = await status();
    expect(down).toMatchObject({ queued, paused: false });
    expect(down.lastError.message).toMatch(/fetch failed/);
    expect(Date.parse(down.retryAt)).toBeGreaterThan(Date.now());

    // Back up, but the back-off still runs: nothing goes before it ends.
    lrs.failure = undefined;
    expect(await forward()).toEqual({ sent: 0, rejected: 0 });
    await server.db.query('update lrs_settings set retry_at = now()');
    expect(await forward()).toEqual({ sent: queued, rejected: 0 });
    expect(lrs.stored.size).toBe(before + queued);
    const ids = lrs.received.flat().map((statement) => statement.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect(await status()).toMatchObject({ queued: 0, retryAt: null });
  });

  it('should pause on a refused secret and go on once the settings are saved again', async () => {
    lrs.failure = 401;
    await submit(attempt('x-4', 30));
    expect(await forward()).toMatchObject({ sent: 0, stopped: 'paused' });
    lrs.failure = undefined;
    expect(await forward()).toEqual({ sent: 0, rejected: 0 });
    expect(await status()).toMatchObject({ paused: true, queued: 5 });
    // Saved again without the secret: the stored one is kept, and the queue resumes.
    expect((await saveLrs({ endpoint: ENDPOINT, key: 'servicedojo' })).statusCode).toBe(200);
    expect((await forward()).sent).toBe(5);
    expect(lrs.secrets).toEqual(new Set([SECRET]));
    expect(await status()).toMatchObject({ paused: false, queued: 0 });
  });

  it('should send the others when the LRS refuses one statement, and retry it on request', async () => {
    await submit(attempt('x-5', 40));
    const [refused] = await server.db.query<{ id: string }>(
      `select statement_id as id from xapi_outbox where attempt_id = 'x-5'
       order by happened_at desc, seq desc limit 1`,
    );
    lrs.malformed.add(refused!.id);
    expect(await forward()).toEqual({ sent: 4, rejected: 1 });
    expect(await status()).toMatchObject({ queued: 0, failed: 1 });
    expect((await status()).lastError.message).toMatch(/LRS answered 400/);
    lrs.malformed.clear();
    const retried = await call(server.app, admin, 'POST', '/api/xapi/retry-rejected', {});
    expect(retried.json()).toEqual({ requeued: 1 });
    expect(await forward()).toEqual({ sent: 1, rejected: 0 });
    expect(lrs.stored.has(refused!.id)).toBe(true);
  });

  it('should send each statement once when two forwarders run at once', async () => {
    const before = lrs.received.flat().length;
    for (let i = 0; i < 6; i++) await submit(attempt(`y-${i}`, 50 + i));
    const queued = (await status()).queued as number;
    const [a, b] = await Promise.all([forward({ batchSize: 4 }), forward({ batchSize: 4 })]);
    // The second may find the first mid-batch and leave; whatever is left goes on the next pass.
    const rest = await forward();
    expect(a.sent + b.sent + rest.sent).toBe(queued);
    const ids = lrs.received
      .flat()
      .slice(before)
      .map((statement) => statement.id);
    expect(new Set(ids).size).toBe(queued);
    expect(ids).toHaveLength(queued);
  });
});

describe('the forwarder in the background', () => {
  it('should forward an attempt the moment a device stores it', async () => {
    const background = fakeLrs();
    const other = await startTestServer({
      xapi: { fetchImpl: background.fetch, intervalMs: 60_000 },
    });
    try {
      const otherAdmin = await staff(other, 'admin', 'admin');
      const otherHr = await staff(other, 'hr', 'hr');
      await call(other.app, otherAdmin, 'PUT', '/api/xapi/lrs', {
        endpoint: ENDPOINT,
        key: 'k',
        secret: SECRET,
      });
      const roster = await call(other.app, otherHr, 'POST', '/api/roster', {
        csv: '王芳,E002,门店\n',
      });
      const phone = await joined(other.app, roster.json().people[0].joinUrl);
      expect(
        (await call(other.app, phone, 'POST', '/api/attempts', attempt('z-1', 0))).statusCode,
      ).toBe(201);
      // The timer is a minute away: only the kick after the attempt was stored can send it.
      await expect.poll(() => background.stored.size).toBe(5);
      expect([...background.stored.values()].map(verbOf)).toContain('completed');
    } finally {
      await other.close();
    }
  }, 60_000);
});
