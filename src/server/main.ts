/**
 * npm start — the ServiceDojo server: builds the app if it was never built, then serves it and
 * the API on http://HOST:PORT (default 127.0.0.1:8080) with the embedded database in DATA_DIR
 * (default ./data), or PostgreSQL when DATABASE_URL is set; PROCESSES > 1 runs that many server
 * processes on the port (processes.ts), this one supervising. A wrong setting stops it with a
 * message naming the setting.
 */
import cluster from 'node:cluster';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { build } from 'vite';
import { buildServer } from './app';
import { loadCatalog } from './catalog';
import { ConfigError, readConfig, type ServerConfig } from './config';
import { openDatabase, type Database } from './database';
import { answerSupervisor, forkServerProcesses } from './processes';

function stop(message: string): never {
  process.stderr.write(`servicedojo: ${message}\n`);
  process.exit(1);
}

let config: ServerConfig;
try {
  config = readConfig();
} catch (error) {
  if (error instanceof ConfigError) stop(error.message);
  throw error;
}

// One of the server processes a supervisor forked: it only serves.
const forked = cluster.isWorker;

if (!forked && !existsSync(join(config.distDir, 'index.html'))) {
  process.stdout.write('Building the app (first start)…\n');
  await build({ logLevel: 'warn' });
}

async function open(): Promise<Database> {
  try {
    // Opening migrates the database, once, whichever process comes first.
    return await openDatabase(config);
  } catch (error) {
    stop(
      `cannot open the ${config.databaseUrl ? 'PostgreSQL database (DATABASE_URL)' : `embedded database in ${config.dataDir} (DATA_DIR)`}: ${error instanceof Error ? error.message : String(error)}`,
    );
  }
}

/** Says where the server is, and that it has no administrator yet if so. */
async function welcome(db: Database, processes: number): Promise<void> {
  const [admin] = await db.query('select 1 from people where role = $1 limit 1', ['admin']);
  if (!admin)
    process.stdout.write(
      'No administrator yet: create one with npm run server:admin -- --login LOGIN --name NAME\n',
    );
  const where = db.kind === 'embedded' ? `embedded, ${config.dataDir}` : 'PostgreSQL';
  const how = processes > 1 ? `, ${processes} processes` : '';
  process.stdout.write(
    `ServiceDojo on http://${config.host}:${config.port} (database: ${where}${how})\n`,
  );
}

if (config.processes > 1 && !forked) {
  const db = await open();
  const servers = forkServerProcesses(config.processes);
  const close = async () => {
    await servers.stop();
    process.exit(0);
  };
  process.on('SIGINT', () => void close());
  process.on('SIGTERM', () => void close());
  try {
    await servers.listening;
  } catch (error) {
    await servers.stop();
    stop(
      `cannot start the server processes on ${config.host}:${config.port} (PORT, HOST, PROCESSES): ${error instanceof Error ? error.message : String(error)}`,
    );
  }
  await welcome(db, config.processes);
  await db.close();
} else {
  answerSupervisor();
  const catalog = await loadCatalog();
  if (!forked || cluster.worker?.id === 1)
    for (const problem of catalog.problems) process.stderr.write(`warning: ${problem}\n`);
  const db = await open();
  const app = await buildServer({ db, catalog, distDir: config.distDir, workers: config.workers });
  const close = async () => {
    await app.close();
    await db.close();
    process.exit(0);
  };
  process.on('SIGINT', () => void close());
  process.on('SIGTERM', () => void close());

  try {
    await app.listen({ port: config.port, host: config.host });
  } catch (error) {
    stop(
      `cannot listen on ${config.host}:${config.port} (PORT, HOST): ${error instanceof Error ? error.message : String(error)}`,
    );
  }
  if (!forked) await welcome(db, 1);
}
