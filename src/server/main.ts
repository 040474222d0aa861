/**
 * npm start — the ServiceDojo server: builds the app if it was never built, then serves it and
 * the API on http://HOST:PORT (default 127.0.0.1:8080) with the embedded database in DATA_DIR
 * (default ./data), or PostgreSQL when DATABASE_URL is set. A wrong setting stops it with a
 * message naming the setting.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { build } from 'vite';
import { buildServer } from './app';
import { loadCatalog } from './catalog';
import { ConfigError, readConfig } from './config';
import { openDatabase } from './database';

function stop(message: string): never {
  process.stderr.write(`servicedojo: ${message}\n`);
  process.exit(1);
}

let config;
try {
  config = readConfig();
} catch (error) {
  if (error instanceof ConfigError) stop(error.message);
  throw error;
}

if (!existsSync(join(config.distDir, 'index.html'))) {
  process.stdout.write('Building the app (first start)…\n');
  await build({ logLevel: 'warn' });
}

const catalog = await loadCatalog();
for (const problem of catalog.problems) process.stderr.write(`warning: ${problem}\n`);

let db;
try {
  db = await openDatabase(config);
} catch (error) {
  stop(
    `cannot open the ${config.databaseUrl ? 'PostgreSQL database (DATABASE_URL)' : `embedded database in ${config.dataDir} (DATA_DIR)`}: ${error instanceof Error ? error.message : String(error)}`,
  );
}

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
const [admin] = await db.query('select 1 from people where role = $1 limit 1', ['admin']);
if (!admin)
  process.stdout.write(
    'No administrator yet: create one with npm run server:admin -- --login LOGIN --name NAME\n',
  );
process.stdout.write(
  `ServiceDojo on http://${config.host}:${config.port} (database: ${db.kind === 'embedded' ? `embedded, ${config.dataDir}` : 'PostgreSQL'})\n`,
);
