/**
 * xAPI forwarded by the server to a real learning record store (Learning Locker's statement
 * service on redis-server, started here on loopback): an administrator points the server at the
 * LRS, joined devices submit attempts, and every statement of the server's re-scored reports is
 * read back with GET /statements exactly once — also those sent while the LRS was unreachable.
 * On a real PostgreSQL (SERVICEDOJO_TEST_DATABASE_URL) two server processes forward from one
 * outbox; without it one server runs on the embedded database.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer as createHttpServer, request as httpRequest, type Server } from 'node:http';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { realLrsMissing, startRealLrs, type RealLrs } from './real-lrs';

const missing = realLrsMissing();
if (missing) console.warn(`Skipping the server-to-LRS tests: ${missing}.`);

const ADMIN_URL = process.env.SERVICEDOJO_TEST_DATABASE_URL;
const DATABASE = `servicedojo_lrs_e2e_${Date.now()}`;
const PASSWORD = 'e2e admin password';

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      probe.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
    });
  });
}

/** A way to the LRS that can be cut: while down, every connection is dropped unanswered. */
async function cuttableProxy(target: string): Promise<{
  endpoint: string;
  setDown: (down: boolean) => void;
  close: () => Promise<void>;
}> {
  const to = new URL(target);
  let down = false;
  const server: Server = createHttpServer((request, response) => {
    if (down) return void request.socket.destroy();
    const upstream = httpRequest(
      {
        host: to.hostname,
        port: to.port,
        path: request.url,
        method: request.method,
        headers: request.headers,
      },
      (answer) => {
        response.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(response);
      },
    );
    upstream.on('error', () => request.socket.destroy());
    request.pipe(upstream);
  });
  const port = await freePort();
  await new Promise<void>((done) => server.listen(port, '127.0.0.1', done));
  return {
    endpoint: `http://127.0.0.1:${port}${to.pathname}`,
    setDown: (value) => {
      down = value;
    },
    close: () => new Promise((done) => server.close(() => done())),
  };
}

interface Running {
  url: string;
  process: ChildProcess;
  output: () => string;
}

async function startServer(env: Record<string, string>): Promise<Running> {
  const port = await freePort();
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/server/main.ts'], {
    env: { ...process.env, PORT: String(port), HOST: '127.0.0.1', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const running = { url: `http://127.0.0.1:${port}`, process: child, output: () => output };
  for (let i = 0; i < 240; i++) {
    if ((await fetch(`${running.url}/api/health`).catch(() => undefined))?.ok) return running;
    if (child.exitCode !== null) throw new Error(`server stopped: ${output}`);
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error(`server did not answer: ${output}`);
}

async function api(
  server: Running,
  method: string,
  path: string,
  as: Record<string, string>,
  body?: unknown,
) {
  const response = await fetch(`${server.url}${path}`, {
    method,
    headers: { ...(body === undefined ? {} : { 'content-type': 'application/json' }), ...as },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  return { status: response.status, headers: response.headers, body: await response.json() };
}

const attempt = (i: number) => ({
  id: `lrs-e2e-attempt-${i}`,
  scenarioId: 'complaint-late-delivery',
  mode: 'exam',
  startedAt: Date.UTC(2026, 11, 4, 9, i),
  replies: [
    { text: '真是对不起，让您等了两个星期，换成我也会着急。', afterMs: 9_000 },
    { text: '您方便说说当时销售是怎么跟您约的送货时间吗？', afterMs: 14_000 },
    { text: '我马上给您加急，明天上午送到，运费全免，送到前我先给您打电话。', afterMs: 16_000 },
  ],
  claimedScore: 100,
});

type Statement = {
  id: string;
  verb: { id: string };
  actor: { account?: { name: string } };
  result?: { score?: { raw: number } };
  context?: { registration?: string };
};
const verbOf = (statement: Statement) => statement.verb.id.split('/').at(-1);

describe.skipIf(missing !== undefined)('xAPI forwarded by the server to a real LRS', () => {
  let lrs: RealLrs;
  let proxy: Awaited<ReturnType<typeof cuttableProxy>>;
  let admin: pg.Client | undefined;
  let dataDir: string | undefined;
  const servers: Running[] = [];
  let staff: Record<string, string>;
  const devices: Record<string, string>[] = [];
  /** The server's score of each attempt, by its id. */
  const scores = new Map<string, number>();

  const status = async () => (await api(servers[0]!, 'GET', '/api/xapi/status', staff)).body;
  const submit = async (i: number) => {
    const answer = await api(
      servers[i % servers.length]!,
      'POST',
      '/api/attempts',
      devices[i % devices.length]!,
      attempt(i),
    );
    expect(answer.status).toBe(201);
    scores.set(answer.body.id, answer.body.score);
  };

  beforeAll(async () => {
    lrs = await startRealLrs();
    proxy = await cuttableProxy(lrs.endpoint);
    let env: Record<string, string>;
    if (ADMIN_URL) {
      admin = new pg.Client({ connectionString: ADMIN_URL });
      await admin.connect();
      await admin.query(`create database ${DATABASE}`);
      const url = new URL(ADMIN_URL);
      url.pathname = `/${DATABASE}`;
      env = { DATABASE_URL: url.toString() };
      servers.push(await startServer(env), await startServer(env));
    } else {
      dataDir = mkdtempSync(join(tmpdir(), 'servicedojo-lrs-e2e-'));
      env = { DATA_DIR: dataDir };
      // The embedded database is one process's: the administrator is made before it starts.
    }
    const created = spawnSync(
      process.execPath,
      ['--import', 'tsx', 'src/server/admin.ts', '--login', 'admin', '--name', '管理员'],
      { env: { ...process.env, ...env, SERVICEDOJO_ADMIN_PASSWORD: PASSWORD }, encoding: 'utf8' },
    );
    if (created.status !== 0) throw new Error(`server:admin failed: ${created.stderr}`);
    if (!ADMIN_URL) servers.push(await startServer(env));

    const signIn = await api(
      servers[0]!,
      'POST',
      '/api/session',
      {},
      {
        login: 'admin',
        password: PASSWORD,
      },
    );
    expect(signIn.status).toBe(200);
    staff = {
      cookie: signIn.headers.get('set-cookie')!.split(';')[0]!,
      'x-csrf-token': signIn.body.csrfToken,
    };
    const roster = await api(servers[0]!, 'POST', '/api/roster', staff, {
      csv: '李明,E001,客服部\n王芳,E002,门店\n',
    });
    expect(roster.status).toBe(201);
    for (const [i, person] of (roster.body.people as { joinUrl: string }[]).entries()) {
      const token = person.joinUrl.split('/#/join/')[1];
      const joined = await api(servers[i % servers.length]!, 'POST', '/api/join', {}, { token });
      expect(joined.status).toBe(201);
      devices.push({ authorization: `Bearer ${joined.body.deviceToken}` });
    }
  }, 180_000);

  afterAll(async () => {
    for (const server of servers) server.process.kill('SIGTERM');
    await Promise.all(
      servers.map(
        (server) =>
          new Promise((resolve) =>
            server.process.exitCode !== null ? resolve(null) : server.process.once('exit', resolve),
          ),
      ),
    );
    await proxy?.close();
    await lrs?.close();
    if (admin) {
      await admin.query(`drop database if exists ${DATABASE}`);
      await admin.end();
    }
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  });

  it('should take the LRS from an administrator and never show its secret', async () => {
    const saved = await api(servers[0]!, 'PUT', '/api/xapi/lrs', staff, {
      endpoint: proxy.endpoint,
      key: 'servicedojo',
      secret: 'test',
    });
    expect(saved.status).toBe(200);
    // Any process reads the same settings (they live in the database), never the secret.
    const read = await api(servers.at(-1)!, 'GET', '/api/xapi/lrs', staff);
    expect(read.body).toEqual({
      configured: true,
      endpoint: proxy.endpoint,
      key: 'servicedojo',
      hasSecret: true,
    });
    const trainee = await api(servers[0]!, 'GET', '/api/xapi/lrs', devices[0]!);
    expect(trainee.status).toBe(403);
  });

  it("should deliver every statement of the server's reports exactly once, also after an outage", async () => {
    for (let i = 0; i < 4; i++) await submit(i);
    await expect
      .poll(async () => (await status()).queued, { timeout: 30_000, interval: 500 })
      .toBe(0);
    const before = (await status()).sent as number;
    expect(before).toBeGreaterThanOrEqual(4 * 6);
    expect(await lrs.statements()).toHaveLength(before);

    // The LRS becomes unreachable: attempts keep coming and wait in the outbox.
    proxy.setDown(true);
    for (let i = 4; i < 8; i++) await submit(i);
    await expect
      .poll(async () => (await status()).lastError?.message ?? '', { timeout: 30_000 })
      .not.toBe('');
    const during = await status();
    expect(during.queued).toBeGreaterThan(0);
    expect(during.sent).toBe(before);
    expect(await lrs.statements()).toHaveLength(before);

    // Back: the forwarder's next try sends the rest.
    proxy.setDown(false);
    await expect
      .poll(async () => (await status()).queued, { timeout: 60_000, interval: 500 })
      .toBe(0);
    const after = await status();
    expect(after).toMatchObject({ failed: 0, paused: false, retryAt: null });

    const stored = (await lrs.statements()) as Statement[];
    const ids = stored.map((statement) => statement.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids).toHaveLength(after.sent);
    // Each of the 8 attempts: one attempted, one completed whose score is the server's.
    const registrations = new Set(stored.map((statement) => statement.context?.registration));
    expect(registrations.size).toBe(8);
    expect(stored.filter((statement) => verbOf(statement) === 'attempted')).toHaveLength(8);
    const completed = stored.filter((statement) => verbOf(statement) === 'completed');
    expect(completed).toHaveLength(8);
    const serverScores = [...scores.values()].sort();
    expect(completed.map((statement) => statement.result?.score?.raw).sort()).toEqual(serverScores);
    expect(serverScores).not.toContain(100);
    expect(new Set(stored.map((statement) => statement.actor.account?.name))).toEqual(
      new Set(['E001', 'E002']),
    );
  }, 150_000);
});
