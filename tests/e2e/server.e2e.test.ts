/**
 * The server on a real PostgreSQL (started by .ci/run; SERVICEDOJO_TEST_DATABASE_URL names it):
 * two server processes on one fresh database, attempts submitted to both, the app served by it.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openBrowser, screenshot, type BrowserSession } from './browser';

const ADMIN_URL = process.env.SERVICEDOJO_TEST_DATABASE_URL;
const DATABASE = `servicedojo_e2e_${Date.now()}`;

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

interface Running {
  url: string;
  process: ChildProcess;
  output: () => string;
}

async function startServer(databaseUrl: string): Promise<Running> {
  const port = await freePort();
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/server/main.ts'], {
    env: { ...process.env, PORT: String(port), HOST: '127.0.0.1', DATABASE_URL: databaseUrl },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  return { url: `http://127.0.0.1:${port}`, process: child, output: () => output };
}

async function healthOf(server: Running): Promise<unknown> {
  for (let i = 0; i < 120; i++) {
    try {
      const response = await fetch(`${server.url}/api/health`);
      if (response.ok) return response.json();
    } catch {
      // not listening yet
    }
    if (server.process.exitCode !== null) throw new Error(`server stopped: ${server.output()}`);
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error(`server did not answer: ${server.output()}`);
}

const attempt = (i: number) => ({
  id: `e2e-attempt-${i}`,
  trainee: { name: `学员${i}`, employeeNo: `E${String(i).padStart(3, '0')}`, department: '客服部' },
  scenarioId: 'complaint-late-delivery',
  mode: 'exam',
  startedAt: Date.UTC(2026, 11, 1, 9, i),
  replies: [
    { text: '真是对不起，让您等了两个星期，换成我也会着急。', afterMs: 9_000 },
    { text: '您方便说说当时销售是怎么跟您约的送货时间吗？', afterMs: 14_000 },
    { text: '我马上给您加急，明天上午送到，运费全免，送到前我先给您打电话。', afterMs: 16_000 },
  ],
});

describe.skipIf(!ADMIN_URL)('server on PostgreSQL (two processes, one database)', () => {
  let admin: pg.Client;
  let databaseUrl: string;
  const servers: Running[] = [];
  let session: BrowserSession;

  beforeAll(async () => {
    admin = new pg.Client({ connectionString: ADMIN_URL });
    await admin.connect();
    await admin.query(`create database ${DATABASE}`);
    const url = new URL(ADMIN_URL!);
    url.pathname = `/${DATABASE}`;
    databaseUrl = url.toString();
    // Both start together: the migration lock makes one migrate and the other wait.
    servers.push(await startServer(databaseUrl), await startServer(databaseUrl));
    session = await openBrowser();
  }, 120_000);

  afterAll(async () => {
    await session?.close();
    for (const server of servers) server.process.kill('SIGTERM');
    await Promise.all(
      servers.map(
        (server) =>
          new Promise((resolve) =>
            server.process.exitCode !== null ? resolve(null) : server.process.once('exit', resolve),
          ),
      ),
    );
    await admin?.query(`drop database if exists ${DATABASE}`);
    await admin?.end();
  });

  it('should answer health from both processes on PostgreSQL', async () => {
    for (const server of servers)
      expect(await healthOf(server)).toEqual({ ok: true, database: 'postgres' });
  });

  it('should keep every attempt sent to either process exactly once, with its own score', async () => {
    const sends = Array.from({ length: 20 }, (_, i) =>
      fetch(`${servers[i % 2]!.url}/api/attempts`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(attempt(i)),
      }),
    );
    const statuses = (await Promise.all(sends)).map((response) => response.status);
    expect(statuses).toEqual(Array(20).fill(201));
    // The same attempt again, to the other process: taken as a duplicate, not a second row.
    const again = await fetch(`${servers[1]!.url}/api/attempts`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(attempt(0)),
    });
    expect(again.status).toBe(200);
    const check = new pg.Client({ connectionString: databaseUrl });
    await check.connect();
    const rows = await check.query('select count(*)::int as n from attempts');
    const migrations = await check.query('select count(*)::int as n from schema_migrations');
    await check.end();
    expect(rows.rows[0]).toMatchObject({ n: 20 });
    expect(migrations.rows[0]).toEqual({ n: 1 });
  });

  it('should serve the app itself', async () => {
    const { page } = session;
    await page.goto(servers[0]!.url);
    await expect
      .poll(() => page.getByRole('heading', { level: 1 }).textContent())
      .toBe('今天想练哪一段对话？');
    await screenshot(page, 'server-first-page');
  });
});
