/**
 * A device and the server, in one process: the device joins with a link, practises (also
 * offline), and its queue sends each finished attempt once; the server's score is kept beside
 * the device's, with the reason when they differ.
 */
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import {
  finishedAttempt,
  reply,
  runTranscript,
  startConversation,
} from '../../../src/core/attempt';
import { replyLimitMs } from '../../../src/core/scoring';
import { database, ServiceDojoDb, useDatabase, type AttemptRecord } from '../../../src/data/db';
import { getProfile } from '../../../src/data/attempts';
import {
  joinServer,
  queueFinished,
  sendQueued,
  serverLink,
  submittedReplies,
  syncedAttempts,
} from '../../../src/features/server-link/server-sync';
import { pullCatalog } from '../../../src/features/server-link/catalog-pull';
import { call, staff, startTestServer, type As, type TestServer } from '../server/harness';

let server: TestServer;
let links: string[];
let hr: As;
let ids: number[];

/** fetch, answered by the in-process server; `online` false makes it fail as a dropped network does. */
function fetchVia(app: FastifyInstance, state: { online: boolean; calls: number }): typeof fetch {
  return (async (input: string | URL | Request, init?: RequestInit) => {
    state.calls += 1;
    if (!state.online) throw new TypeError('Failed to fetch');
    const response = await app.inject({
      method: (init?.method ?? 'GET') as 'GET' | 'POST',
      url: String(input),
      headers: init?.headers as Record<string, string>,
      ...(init?.body ? { payload: init.body as string } : {}),
    });
    return new Response(response.body, {
      status: response.statusCode,
      headers: { 'content-type': 'application/json' },
    });
  }) as typeof fetch;
}

const REPLIES = [
  { text: '非常抱歉让您等了这么久，换了我也会着急。', afterMs: 8_000 },
  { text: '您能跟我说说当时店员是怎么答应您的吗？', afterMs: 12_000 },
  { text: '我马上给您加急，明天上午送到，运费全免，送到前我给您打电话。', afterMs: 15_000 },
];

/** A finished attempt as the practice page stores it, with the score the device showed. */
async function practise(id: string, shownScore?: number): Promise<AttemptRecord> {
  const scenario = server.catalog.scenarioById('complaint-late-delivery')!;
  const report = runTranscript(scenario, server.catalog.analyzer, { replies: REPLIES }, 'coach');
  const now = Date.now();
  const finished = finishedAttempt(report, now, now + 60_000);
  const record: AttemptRecord = {
    id,
    schemaVersion: 1,
    scenarioId: scenario.id,
    scenarioVersion: scenario.version,
    scenarioTitle: scenario.title,
    mode: 'coach',
    trainee: { name: '李明', employeeNo: 'E001', department: '客服部' },
    startedAt: now,
    updatedAt: now + 60_000,
    revision: 3,
    snapshot: null,
    source: 'practised',
    ...finished,
    ...(shownScore === undefined ? {} : { score: shownScore }),
  };
  await database().attempts.put(record);
  return record;
}

/** An attempt the trainee abandoned after `replies` replies, as the practice page leaves it. */
async function abandoned(id: string, replies: number): Promise<AttemptRecord> {
  const scenario = server.catalog.scenarioById('complaint-late-delivery')!;
  const now = Date.now();
  const conversation = startConversation(scenario, server.catalog.analyzer, {
    mode: 'coach',
    startedAt: now,
  });
  for (const one of REPLIES.slice(0, replies)) reply(conversation, one.text, one.afterMs);
  const record: AttemptRecord = {
    id,
    schemaVersion: 1,
    scenarioId: scenario.id,
    scenarioVersion: scenario.version,
    scenarioTitle: scenario.title,
    mode: 'coach',
    trainee: { name: '王芳', employeeNo: 'E002', department: '客服部' },
    status: 'abandoned',
    startedAt: now,
    updatedAt: now + 30_000,
    revision: 2,
    snapshot: conversation.getPersistedSnapshot(),
    source: 'practised',
  };
  conversation.stop();
  await database().attempts.put(record);
  return record;
}

beforeAll(async () => {
  server = await startTestServer();
  hr = await staff(server, 'hr', 'hr');
  const roster = await call(server.app, hr, 'POST', '/api/roster', {
    csv: '李明,E001,客服部\n王芳,E002,客服部\n张伟,E003,门店\n',
  });
  const people = roster.json().people as { id: number; joinUrl: string }[];
  links = people.map((person) => person.joinUrl);
  ids = people.map((person) => person.id);
}, 60_000);

afterAll(async () => {
  await server?.close();
});

beforeEach(() => {
  useDatabase(new ServiceDojoDb(`test-${crypto.randomUUID()}`));
});

const tokenOf = (url: string) => url.split('/#/join/')[1]!;

describe('joinServer', () => {
  it('should bind the device and fill the profile from the roster, once per link', async () => {
    const network = { online: true, calls: 0 };
    const joined = await joinServer(tokenOf(links[0]!), fetchVia(server.app, network));
    expect(joined).toEqual({
      ok: true,
      person: { name: '李明', employeeNo: 'E001', department: '客服部' },
    });
    expect(await getProfile()).toMatchObject({ name: '李明', employeeNo: 'E001' });
    useDatabase(new ServiceDojoDb(`test-${crypto.randomUUID()}`));
    const again = await joinServer(tokenOf(links[0]!), fetchVia(server.app, network));
    expect(again).toEqual({ ok: false, reason: 'used' });
    const offline = await joinServer(
      tokenOf(links[1]!),
      fetchVia(server.app, { ...network, online: false }),
    );
    expect(offline).toEqual({ ok: false, reason: 'offline' });
  });
});

describe('the sync queue', () => {
  it('should keep attempts while offline and send each once when back online', async () => {
    const network = { online: true, calls: 0 };
    const fetchImpl = fetchVia(server.app, network);
    expect((await joinServer(tokenOf(links[1]!), fetchImpl)).ok).toBe(true);
    network.online = false;
    await practise('sync-1');
    await practise('sync-2', 100);
    expect(await queueFinished()).toBe(2);
    expect(await queueFinished()).toBe(0);
    expect(await sendQueued(fetchImpl)).toEqual({ sent: 0, waiting: 2 });
    network.online = true;
    // The failed try set a back-off; once it is due the queue goes.
    expect(await sendQueued(fetchImpl, () => Date.now() + 60_000)).toEqual({ sent: 2, waiting: 0 });
    expect(await sendQueued(fetchImpl, () => Date.now() + 60_000)).toEqual({ sent: 0, waiting: 0 });
    const rows = await server.db.query<{ id: string; employee_no: string }>(
      "select id, employee_no from attempts where id like 'sync-%' order by id",
    );
    expect(rows).toEqual([
      { id: 'sync-1', employee_no: 'E002' },
      { id: 'sync-2', employee_no: 'E002' },
    ]);
    const synced = await syncedAttempts();
    const forged = synced.find(({ item }) => item.attemptId === 'sync-2')!.item;
    const honest = synced.find(({ item }) => item.attemptId === 'sync-1')!.item;
    expect(forged.serverScore).toBe(honest.serverScore);
    expect(forged.serverScore).not.toBe(100);
    expect(forged.difference).toEqual({ reason: 'rescored', claimedScore: 100 });
    expect(honest.difference).toBeUndefined();
  });

  it('should send an abandoned attempt once, unscored, and skip one left before any reply', async () => {
    const roster = await call(server.app, hr, 'POST', '/api/roster', { csv: '钱静,E005,门店\n' });
    const fetchImpl = fetchVia(server.app, { online: true, calls: 0 });
    expect((await joinServer(tokenOf(roster.json().people[0].joinUrl), fetchImpl)).ok).toBe(true);
    await abandoned('left-1', 2);
    await abandoned('left-empty', 0);
    expect(await queueFinished()).toBe(1);
    expect(await sendQueued(fetchImpl)).toEqual({ sent: 1, waiting: 0 });
    const [item] = (await syncedAttempts()).map((one) => one.item);
    expect(item).toMatchObject({ attemptId: 'left-1', state: 'sent', abandoned: true });
    expect(item?.serverScore).toBeUndefined();
    const rows = await server.db.query<{ status: string; score: number | null; replies: unknown }>(
      "select status, score, replies from attempts where id = 'left-1'",
    );
    expect(rows).toEqual([{ status: 'abandoned', score: null, replies: REPLIES.slice(0, 2) }]);
  });

  it('should send nothing on a device that never joined', async () => {
    const network = { online: true, calls: 0 };
    await practise('never-sent');
    expect(await queueFinished()).toBe(0);
    expect(await sendQueued(fetchVia(server.app, network))).toEqual({ sent: 0, waiting: 0 });
    expect(network.calls).toBe(0);
  });
});

describe('a device the server no longer knows', () => {
  it('should stop sending once HR deleted its person, and keep what waited on the device', async () => {
    const network = { online: true, calls: 0 };
    const fetchImpl = fetchVia(server.app, network);
    expect((await joinServer(tokenOf(links[2]!), fetchImpl)).ok).toBe(true);
    await practise('gone-1');
    expect(await sendQueued(fetchImpl)).toEqual({ sent: 0, waiting: 0 });
    expect(await queueFinished()).toBe(1);
    expect(await sendQueued(fetchImpl)).toEqual({ sent: 1, waiting: 0 });
    expect((await call(server.app, hr, 'DELETE', `/api/people/${ids[2]}`)).statusCode).toBe(204);

    await practise('gone-2');
    await practise('gone-3');
    expect(await queueFinished()).toBe(2);
    expect(await sendQueued(fetchImpl)).toEqual({ sent: 0, waiting: 0 });
    expect((await serverLink())?.withdrawnAt).toEqual(expect.any(Number));
    const states = (await syncedAttempts()).map(({ item }) => [item.attemptId, item.state]);
    expect(states.sort()).toEqual([
      ['gone-1', 'sent'],
      ['gone-2', 'withdrawn'],
      ['gone-3', 'withdrawn'],
    ]);
    // Never tried again, however much later; the attempts themselves stay on the device.
    const calls = network.calls;
    await practise('gone-4');
    expect(await queueFinished()).toBe(0);
    expect(await sendQueued(fetchImpl, () => Date.now() + 86_400_000)).toEqual({
      sent: 0,
      waiting: 0,
    });
    expect(await pullCatalog(fetchImpl)).toBe('not-joined');
    expect(network.calls).toBe(calls);
    expect(await database().attempts.count()).toBe(4);
  });

  it('should treat a 401 from the catalogue like one from the attempts', async () => {
    await database().serverLink.put({
      id: 'me',
      deviceToken: 'x'.repeat(43),
      person: { name: '李明', employeeNo: 'E001', department: '客服部' },
      joinedAt: 0,
    });
    const unknown = (async () =>
      new Response(JSON.stringify({ error: 'sign in (or join this device) first' }), {
        status: 401,
      })) as typeof fetch;
    expect(await pullCatalog(unknown)).toBe('not-joined');
    expect((await serverLink())?.withdrawnAt).toEqual(expect.any(Number));
  });

  it('should start anew, without the kept attempts, after a new join link', async () => {
    await database().serverLink.put({
      id: 'me',
      deviceToken: 'x'.repeat(43),
      person: { name: '李明', employeeNo: 'E001', department: '客服部' },
      joinedAt: 0,
      withdrawnAt: 1,
    });
    await database().syncQueue.put({
      attemptId: 'old',
      state: 'withdrawn',
      queuedAt: 0,
      tries: 1,
      nextTryAt: 0,
    });
    const fetchImpl = fetchVia(server.app, { online: true, calls: 0 });
    const roster = await call(server.app, hr, 'POST', '/api/roster', { csv: '赵敏,E004,门店\n' });
    const link = roster.json().people[0].joinUrl as string;
    expect((await joinServer(tokenOf(link), fetchImpl)).ok).toBe(true);
    expect((await serverLink())?.withdrawnAt).toBeUndefined();
    await practise('after-rejoin');
    expect(await queueFinished()).toBe(1);
    expect(await sendQueued(fetchImpl)).toEqual({ sent: 1, waiting: 0 });
    expect((await database().syncQueue.get('old'))?.state).toBe('withdrawn');
  });
});

describe('submittedReplies', () => {
  it('should add a timed-out turn’s wait to the next reply', async () => {
    const scenario = server.catalog.scenarioById('complaint-late-delivery')!;
    const slow = replyLimitMs(scenario) + 4_000;
    const report = runTranscript(
      scenario,
      server.catalog.analyzer,
      { replies: [{ ...REPLIES[0]!, afterMs: slow }, ...REPLIES.slice(1)] },
      'exam',
    );
    expect(report.transcript.some((entry) => entry.role === 'trainee' && entry.timeout)).toBe(true);
    const replies = submittedReplies(report.transcript);
    expect(replies[0]).toEqual({ text: REPLIES[0]!.text, afterMs: slow });
    expect(replies.map((one) => one.text)).toEqual(REPLIES.map((one) => one.text));
  });
});
