import { availableParallelism } from 'node:os';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runTranscript } from '../../../src/core/attempt';
import { toStoredReport } from '../../../src/core/stored-report';
import { buildServer } from '../../../src/server/app';
import type { Catalog } from '../../../src/server/catalog';
import { readConfig } from '../../../src/server/config';
import { migrate, type Database } from '../../../src/server/database';
import { call, joined, nobody, staff, startTestServer, type As, type TestServer } from './harness';

let server: TestServer;
let db: Database;
let catalog: Catalog;
let app: FastifyInstance;

const REPLIES = [
  { text: '非常抱歉让您等了这么久，换了我也会着急。', afterMs: 8_000 },
  { text: '您能跟我说说当时店员是怎么答应您的吗？', afterMs: 12_000 },
  { text: '我马上给您加急，明天上午送到，运费全免，送到前我给您打电话。', afterMs: 15_000 },
];

beforeAll(async () => {
  server = await startTestServer();
  ({ db, catalog, app } = server);
}, 60_000);

afterAll(async () => {
  await server?.close();
});

const post = (url: string, payload: unknown) =>
  app.inject({ method: 'POST', url, payload: payload as Record<string, unknown> });

describe('GET /api/health', () => {
  it('should say the server is up on the embedded database', async () => {
    const response = await app.inject({ method: 'GET', url: '/api/health' });
    expect(response.statusCode).toBe(200);
    expect(response.json()).toEqual({ ok: true, database: 'embedded' });
  });
});

describe('GET /api/session before the first administrator', () => {
  it('should tell the sign-in page that no administrator exists yet', async () => {
    const response = await app.inject({ method: 'GET', url: '/api/session' });
    expect(response.statusCode).toBe(401);
    expect(response.json()).toEqual({ error: 'not signed in', firstRun: true });
  });
});

describe('POST /api/score', () => {
  it('should answer the same report as npm run play for the same replies', async () => {
    const response = await post('/api/score', {
      scenarioId: 'complaint-late-delivery',
      replies: REPLIES,
      mode: 'exam',
    });
    expect(response.statusCode).toBe(200);
    const scenario = catalog.scenarioById('complaint-late-delivery')!;
    const expected = toStoredReport(
      runTranscript(scenario, catalog.analyzer, { replies: REPLIES }, 'exam'),
    );
    expect(response.json()).toEqual(expected);
    expect(response.json()).toMatchObject({ schemaVersion: 2, passScore: expect.any(Number) });
  });

  it('should refuse bad JSON and bad fields with a message naming the field', async () => {
    const broken = await app.inject({
      method: 'POST',
      url: '/api/score',
      headers: { 'content-type': 'application/json' },
      payload: '{"scenarioId": ',
    });
    expect(broken.statusCode).toBe(400);
    expect(broken.json().error).toMatch(/JSON/);
    const negative = await post('/api/score', {
      scenarioId: 'complaint-late-delivery',
      replies: [{ text: '您好', afterMs: -5 }],
    });
    expect(negative.statusCode).toBe(400);
    expect(negative.json().error).toMatch(/^replies\.0\.afterMs:/);
    const mode = await post('/api/score', {
      scenarioId: 'complaint-late-delivery',
      replies: REPLIES,
      mode: 'observed',
    });
    expect(mode.statusCode).toBe(400);
    expect(mode.json().error).toMatch(/^mode:/);
  });

  it('should answer 404 for a scenario it does not have', async () => {
    const response = await post('/api/score', { scenarioId: 'no-such', replies: REPLIES });
    expect(response.statusCode).toBe(404);
    expect(response.json().error).toBe('unknown scenario "no-such"');
  });

  it('should refuse a body over the size limit', async () => {
    const response = await post('/api/score', {
      scenarioId: 'complaint-late-delivery',
      replies: REPLIES,
      padding: 'x'.repeat(1_100_000),
    });
    expect(response.statusCode).toBe(413);
  });
});

describe('rate limit', () => {
  it('should answer 429 once a client sends more than the limit in a minute', async () => {
    const limited = await buildServer({ db, catalog, rateLimit: 3 });
    const codes: number[] = [];
    for (let i = 0; i < 4; i++)
      codes.push((await limited.inject({ method: 'GET', url: '/api/health' })).statusCode);
    await limited.close();
    expect(codes).toEqual([200, 200, 200, 429]);
  });
});

describe('POST /api/attempts', () => {
  let device: As;
  const attempt = {
    id: 'device-attempt-1',
    scenarioId: 'complaint-late-delivery',
    mode: 'exam',
    startedAt: Date.UTC(2026, 11, 1),
    replies: REPLIES,
  };

  beforeAll(async () => {
    const admin = await staff(server, 'admin', 'admin');
    const roster = await call(app, admin, 'POST', '/api/roster', { csv: '李明,E001,客服部\n' });
    device = await joined(app, roster.json().people[0].joinUrl);
  });

  it('should store the attempt with the server’s own score, as the device’s person', async () => {
    const response = await call(app, device, 'POST', '/api/attempts', attempt);
    expect(response.statusCode).toBe(201);
    const scenario = catalog.scenarioById('complaint-late-delivery')!;
    const own = runTranscript(scenario, catalog.analyzer, { replies: REPLIES }, 'exam');
    expect(response.json()).toEqual({
      id: 'device-attempt-1',
      duplicate: false,
      score: own.score,
      passed: own.passed,
      scenarioVersion: scenario.version,
      rulePackVersions: {},
    });
    const [row] = await db.query<{
      score: number;
      employee_no: string;
      name: string;
      report: { schemaVersion: number };
    }>('select score, employee_no, name, report from attempts where id = $1', ['device-attempt-1']);
    expect(row).toMatchObject({ score: own.score, employee_no: 'E001', name: '李明' });
    expect(row?.report.schemaVersion).toBe(2);
  });

  it('should refuse an attempt from no joined device, and one that names its trainee', async () => {
    const anonymous = await call(app, nobody, 'POST', '/api/attempts', { ...attempt, id: 'x' });
    expect(anonymous.statusCode).toBe(401);
    const named = await call(app, device, 'POST', '/api/attempts', {
      ...attempt,
      id: 'named',
      trainee: { name: '王芳', employeeNo: 'E002', department: '' },
    });
    expect(named.statusCode).toBe(400);
  });

  it('should keep its own score over a forged one and say why they differ', async () => {
    const forged = await call(app, device, 'POST', '/api/attempts', {
      ...attempt,
      id: 'forged',
      replies: [{ text: '你自己看不懂说明书吗', afterMs: 3_000 }],
      claimedScore: 100,
    });
    expect(forged.statusCode).toBe(201);
    expect(forged.json().score).toBeLessThan(100);
    expect(forged.json().difference).toEqual({ reason: 'rescored', claimedScore: 100 });
    const [row] = await db.query<{ score: number; claimed_score: number }>(
      "select score, claimed_score from attempts where id = 'forged'",
    );
    expect(row).toEqual({ score: forged.json().score, claimed_score: 100 });
    const scenario = catalog.scenarioById('complaint-late-delivery')!;
    const older = await call(app, device, 'POST', '/api/attempts', {
      ...attempt,
      id: 'older-version',
      scenarioVersion: scenario.version + 1,
      claimedScore: 100,
    });
    expect(older.json().difference).toEqual({
      reason: 'scenario-version',
      claimedScore: 100,
      deviceVersion: scenario.version + 1,
      serverVersion: scenario.version,
    });
  });

  it('should refuse a score field: the device does not get to set it', async () => {
    const response = await call(app, device, 'POST', '/api/attempts', {
      ...attempt,
      id: 'scored',
      score: 100,
    });
    expect(response.statusCode).toBe(400);
    expect(response.json().error).toMatch(/score/);
  });

  it('should take the same attempt twice as one, and flag the same id with other replies', async () => {
    const again = await call(app, device, 'POST', '/api/attempts', attempt);
    expect(again.statusCode).toBe(200);
    expect(again.json()).toMatchObject({ duplicate: true });
    const changed = await call(app, device, 'POST', '/api/attempts', {
      ...attempt,
      replies: [{ text: '你自己看不懂说明书吗', afterMs: 3_000 }],
    });
    expect(changed.statusCode).toBe(409);
    const [count] = await db.query<{ n: number }>(
      "select count(*)::int as n from attempts where id = 'device-attempt-1'",
    );
    expect(count?.n).toBe(1);
  });
});

describe('migrations', () => {
  it('should apply each migration once', async () => {
    expect(await migrate(db)).toEqual([]);
    const versions = await db.query<{ version: string }>('select version from schema_migrations');
    expect(versions.map((row) => row.version)).toEqual([
      '001_attempts',
      '002_people',
      '003_best-scores',
      '004_published',
      '005_xapi-outbox',
      '006_classes',
      '007_assignments',
      '008_audit',
      '009_abandoned-attempts',
      '010_report-json',
    ]);
  });
});

describe('readConfig', () => {
  it('should default to 127.0.0.1:8080 and ./data', () => {
    expect(readConfig({})).toMatchObject({ port: 8080, host: '127.0.0.1', databaseUrl: undefined });
  });

  it('should stop on a wrong setting, naming it', () => {
    expect(() => readConfig({ PORT: 'eighty' })).toThrow(/^PORT must be a port number/);
    expect(() => readConfig({ PORT: '70000' })).toThrow(/^PORT/);
    expect(() => readConfig({ DATABASE_URL: 'mysql://x@y/z' })).toThrow(/^DATABASE_URL must start/);
    expect(() => readConfig({ HOST: ' ' })).toThrow(/^HOST/);
    expect(() => readConfig({ WORKERS: 'two' })).toThrow(/^WORKERS must be a number of threads/);
    expect(() => readConfig({ WORKERS: '-1' })).toThrow(/^WORKERS/);
    expect(() => readConfig({ WORKERS: '65' })).toThrow(/^WORKERS/);
  });

  it('should take WORKERS as a number of re-scoring threads: by default ("auto") one per core but one, at least one', () => {
    expect(readConfig({}).workers).toBe(Math.max(1, availableParallelism() - 1));
    expect(readConfig({ WORKERS: '0' }).workers).toBe(0);
    expect(readConfig({ WORKERS: '3' }).workers).toBe(3);
    expect(readConfig({ WORKERS: 'auto' }).workers).toBe(Math.max(1, availableParallelism() - 1));
  });

  it('should run one server process unless PROCESSES asks for more, and more only on PostgreSQL', () => {
    const postgres = { DATABASE_URL: 'postgres://app@127.0.0.1:5432/dojo' };
    expect(readConfig({}).processes).toBe(1);
    expect(readConfig({ ...postgres, PROCESSES: '2' }).processes).toBe(2);
    expect(readConfig({ ...postgres, PROCESSES: 'auto' }).processes).toBe(availableParallelism());
    expect(readConfig({ PROCESSES: '1' }).processes).toBe(1);
    expect(() => readConfig({ PROCESSES: '2' })).toThrow(/^PROCESSES=2 needs DATABASE_URL/);
    expect(() => readConfig({ ...postgres, PROCESSES: '0' })).toThrow(/^PROCESSES must be/);
    expect(() => readConfig({ ...postgres, PROCESSES: 'many' })).toThrow(/^PROCESSES must be/);
  });
});
