/**
 * A real learning record store for the end-to-end tests: Learning Locker's statement service
 * (npm xapi-statements, GPL-3.0, test-only, installed in tests/lrs with its own lock file) on
 * Debian's redis-server, both started here on 127.0.0.1 at free ports and stopped after.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const SERVICE = 'tests/lrs/node_modules/xapi-statements/dist/index.js';

/** Why the LRS cannot run on this machine (redis-server missing), or undefined when it can. */
export function realLrsMissing(): string | undefined {
  const redis = spawnSync('redis-server', ['--version'], { stdio: 'ignore' });
  if (redis.error || redis.status !== 0)
    return 'redis-server is not installed (apt-get install -y redis-server; .ci/run does)';
  return undefined;
}

async function freePort(): Promise<number> {
  return new Promise((done, fail) => {
    const server = createServer();
    server.once('error', fail);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => done(port));
    });
  });
}

async function waitFor(check: () => Promise<boolean>, what: string, timeoutMs = 30_000) {
  const until = Date.now() + timeoutMs;
  while (Date.now() < until) {
    if (await check().catch(() => false)) return;
    await new Promise((done) => setTimeout(done, 200));
  }
  throw new Error(`${what} did not start within ${timeoutMs} ms`);
}

export interface RealLrs {
  /** The xAPI endpoint, ending in "/". */
  endpoint: string;
  /** Every statement the LRS holds (GET /statements, following "more"). */
  statements: () => Promise<Record<string, unknown>[]>;
  close: () => Promise<void>;
}

const HEADERS = {
  authorization: `Basic ${Buffer.from('servicedojo:test').toString('base64')}`,
  'x-experience-api-version': '1.0.3',
};

function stop(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null) return Promise.resolve();
  return new Promise((done) => {
    child.once('exit', () => done());
    child.kill('SIGTERM');
  });
}

/**
 * Installs the statement service into tests/lrs (its own lock file) when it is not there yet, so
 * `npm ci && npm test` works on a fresh machine; run once before the e2e files (global setup).
 */
export function installRealLrs(): void {
  if (existsSync(SERVICE)) return;
  spawnSync('npm', ['ci', '--omit=dev', '--ignore-scripts', '--no-audit', '--no-fund'], {
    cwd: 'tests/lrs',
    stdio: 'ignore',
  });
}

/** Starts redis-server and the statement service; throws with a clear message when it cannot. */
export async function startRealLrs(): Promise<RealLrs> {
  if (!existsSync(SERVICE))
    throw new Error('xapi-statements is not installed: run `npm ci` in tests/lrs (.ci/run does)');
  const [redisPort, port] = [await freePort(), await freePort()];
  const storage = mkdtempSync(join(tmpdir(), 'servicedojo-lrs-'));
  const redis = spawn(
    'redis-server',
    ['--port', String(redisPort), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'],
    { stdio: 'ignore' },
  );
  const service = spawn(process.execPath, [SERVICE], {
    env: {
      ...process.env,
      EXPRESS_PORT: String(port),
      AUTH_REPO: 'test',
      MODELS_REPO: 'memory',
      STORAGE_REPO: 'local',
      FS_LOCAL_STORAGE_DIR: storage,
      EVENTS_REPO: 'redis',
      REDIS_URL: `redis://127.0.0.1:${redisPort}/0`,
      WINSTON_CONSOLE_LEVEL: 'error',
    },
    stdio: 'ignore',
  });
  const endpoint = `http://127.0.0.1:${port}/xAPI/`;
  const close = async () => {
    await stop(service);
    await stop(redis);
    rmSync(storage, { recursive: true, force: true });
  };
  try {
    await waitFor(async () => (await fetch(`${endpoint}about`)).ok, 'The LRS');
  } catch (error) {
    await close();
    throw error;
  }
  return {
    endpoint,
    statements: async () => {
      const all: Record<string, unknown>[] = [];
      let next: string | undefined = `${endpoint}statements?limit=100`;
      while (next) {
        const response = await fetch(next, { headers: HEADERS });
        if (!response.ok) throw new Error(`GET /statements answered ${response.status}`);
        const page = (await response.json()) as {
          statements: Record<string, unknown>[];
          more?: string;
        };
        all.push(...page.statements);
        next = page.more ? new URL(page.more, endpoint).href : undefined;
      }
      return all;
    },
    close,
  };
}
