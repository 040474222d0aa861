/**
 * The server's settings, from the environment: PORT, HOST, DATA_DIR, DATABASE_URL, WORKERS,
 * PROCESSES. A wrong one
 * stops the server with a message that names it; nothing is guessed.
 */
import { availableParallelism } from 'node:os';
import { resolve } from 'node:path';

export interface ServerConfig {
  port: number;
  host: string;
  /** Where the embedded database keeps its files (when no DATABASE_URL). */
  dataDir: string;
  /** postgres://… : a real PostgreSQL instead of the embedded one. */
  databaseUrl: string | undefined;
  /** The built app (vite build) served beside the API. */
  distDir: string;
  /** Worker threads that re-score attempts; 0: on the server's own thread. */
  workers: number;
  /** Server processes sharing the port (processes.ts); more than one needs DATABASE_URL. */
  processes: number;
}

export class ConfigError extends Error {}

function port(value: string | undefined): number {
  if (value === undefined || value === '') return 8080;
  const number = Number(value);
  if (!/^\d+$/.test(value) || number < 1 || number > 65_535)
    throw new ConfigError(`PORT must be a port number from 1 to 65535, not "${value}"`);
  return number;
}

function databaseUrl(value: string | undefined): string | undefined {
  if (value === undefined || value === '') return undefined;
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new ConfigError('DATABASE_URL is not a URL (expected postgres://user@host:port/db)');
  }
  if (url.protocol !== 'postgres:' && url.protocol !== 'postgresql:')
    throw new ConfigError(
      `DATABASE_URL must start with postgres:// or postgresql://, not "${url.protocol}//"`,
    );
  return value;
}

/** The most re-scoring threads one process may start. */
const MAX_WORKERS = 64;

/**
 * WORKERS: how many worker threads re-score attempts. "auto" (the default): one per core but one,
 * and at least one, so the server's own thread only serves requests and the database (on a busy
 * 2-core machine that keeps p99 down: README, "How it scales"); 0: on the server's own thread.
 */
function workers(value: string | undefined): number {
  if (value === undefined || value === '' || value === 'auto')
    return Math.max(1, availableParallelism() - 1);
  const number = Number(value);
  if (!/^\d+$/.test(value) || number > MAX_WORKERS)
    throw new ConfigError(
      `WORKERS must be a number of threads from 0 to ${MAX_WORKERS}, or "auto", not "${value}"`,
    );
  return number;
}

/** The most server processes one machine may start. */
const MAX_PROCESSES = 64;

/**
 * PROCESSES: how many server processes share the port. 1 (the default); "auto": one per core.
 * More than one needs PostgreSQL: the embedded database belongs to the one process that opened it.
 */
function processes(value: string | undefined, databaseUrl: string | undefined): number {
  if (value === undefined || value === '') return 1;
  const number = value === 'auto' ? availableParallelism() : Number(value);
  if (value !== 'auto' && (!/^\d+$/.test(value) || number < 1 || number > MAX_PROCESSES))
    throw new ConfigError(
      `PROCESSES must be a number of server processes from 1 to ${MAX_PROCESSES}, or "auto", not "${value}"`,
    );
  if (number > 1 && databaseUrl === undefined)
    throw new ConfigError(
      `PROCESSES=${value} needs DATABASE_URL: the embedded database can only be opened by one process`,
    );
  return number;
}

/** The settings from `env`; throws ConfigError naming the first wrong one. */
export function readConfig(env: NodeJS.ProcessEnv = process.env): ServerConfig {
  const host = env.HOST ?? '127.0.0.1';
  if (host.trim() === '' || /\s/.test(host))
    throw new ConfigError(`HOST must be a host name or address, not "${host}"`);
  const dataDir = env.DATA_DIR ?? './data';
  if (dataDir.trim() === '') throw new ConfigError('DATA_DIR must name a folder');
  const url = databaseUrl(env.DATABASE_URL);
  return {
    port: port(env.PORT),
    host,
    dataDir: resolve(dataDir),
    databaseUrl: url,
    distDir: resolve(env.DIST_DIR ?? 'dist'),
    workers: workers(env.WORKERS),
    processes: processes(env.PROCESSES, url),
  };
}
