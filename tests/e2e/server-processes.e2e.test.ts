/**
 * PROCESSES=2 on a real PostgreSQL (SERVICEDOJO_TEST_DATABASE_URL): npm start's server runs two
 * server processes on one port under a supervisor, replaces one that dies while the other keeps
 * answering, and stops them all with itself. Without DATABASE_URL it refuses to start.
 */
import { spawnSync } from 'node:child_process';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { healthOf, startServer, stopServers, type Running } from './server-process';

const ADMIN_URL = process.env.SERVICEDOJO_TEST_DATABASE_URL;
const DATABASE = `servicedojo_processes_${Date.now()}`;

/** The processes the supervisor forked (its children), by pid. */
function serverProcesses(supervisor: Running): number[] {
  const listed = spawnSync('pgrep', ['-P', String(supervisor.process.pid)], { encoding: 'utf8' });
  return listed.stdout.split('\n').filter(Boolean).map(Number);
}

async function until<T>(check: () => T | undefined, what: string): Promise<T> {
  for (let i = 0; i < 120; i++) {
    const value = check();
    if (value !== undefined) return value;
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error(`timed out waiting for ${what}`);
}

describe('PROCESSES', () => {
  it('should refuse more than one process on the embedded database, naming DATABASE_URL', () => {
    const started = spawnSync(process.execPath, ['--import', 'tsx', 'src/server/main.ts'], {
      env: { ...process.env, PROCESSES: '2', DATABASE_URL: '', PORT: '1' },
      encoding: 'utf8',
    });
    expect(started.status).toBe(1);
    expect(started.stderr).toContain('PROCESSES=2 needs DATABASE_URL');
  });
});

describe.skipIf(!ADMIN_URL)('PROCESSES=2 on PostgreSQL', () => {
  let admin: pg.Client;
  let server: Running;

  beforeAll(async () => {
    admin = new pg.Client({ connectionString: ADMIN_URL });
    await admin.connect();
    await admin.query(`create database ${DATABASE}`);
    const url = new URL(ADMIN_URL!);
    url.pathname = `/${DATABASE}`;
    server = await startServer({ DATABASE_URL: url.toString(), PROCESSES: '2' });
  }, 120_000);

  afterAll(async () => {
    if (server) await stopServers([server]);
    await admin?.query(`drop database if exists ${DATABASE}`);
    await admin?.end();
  });

  it('should serve from two processes and say so', async () => {
    expect(await healthOf(server)).toEqual({ ok: true, database: 'postgres' });
    await until(
      () => (server.output().includes('(database: PostgreSQL, 2 processes)') ? true : undefined),
      'the start message',
    );
    expect(serverProcesses(server)).toHaveLength(2);
  });

  it('should start another process when one dies, answering all the while', async () => {
    const [first, second] = serverProcesses(server);
    process.kill(first!, 'SIGKILL');
    for (let i = 0; i < 10; i++)
      expect(await healthOf(server)).toEqual({ ok: true, database: 'postgres' });
    const replaced = await until(() => {
      const now = serverProcesses(server);
      return now.length === 2 && !now.includes(first!) ? now : undefined;
    }, 'a new server process');
    expect(replaced).toContain(second);
    expect(server.output()).toContain(
      `server process ${first} stopped (SIGKILL); starting another`,
    );
  }, 60_000);

  it('should stop every process when it is stopped', async () => {
    const forked = serverProcesses(server);
    await stopServers([server]);
    const alive = forked.filter((pid) => {
      try {
        process.kill(pid, 0);
        return true;
      } catch {
        return false;
      }
    });
    expect(alive).toEqual([]);
  });
});
