/**
 * The server's database: PostgreSQL through `pg` when DATABASE_URL is set, else the embedded
 * PostgreSQL (PGlite) kept in DATA_DIR. The same SQL runs on both; migrations are versioned
 * files (src/server/migrations/NNN_name.sql) applied at start, once, under an advisory lock so
 * several server processes may start on one database together.
 */
import { mkdirSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import pg from 'pg';
import type { ServerConfig } from './config';

export type DatabaseKind = 'embedded' | 'postgres';

/** How to run a query. */
export interface QueryOptions {
  /**
   * A statement run on every request (who is calling, storing an attempt): on PostgreSQL it is
   * parsed and planned once per connection, not each time. Only for fixed texts.
   */
  prepare?: boolean;
}

/** What the server asks of a connection or transaction. */
export interface Queries {
  query<T>(sql: string, params?: unknown[], options?: QueryOptions): Promise<T[]>;
}

export interface Database extends Queries {
  kind: DatabaseKind;
  /** Runs `work` in one transaction on one connection. */
  transaction<T>(work: (tx: Queries) => Promise<T>): Promise<T>;
  close(): Promise<void>;
}

const MIGRATIONS_DIR = new URL('./migrations/', import.meta.url);
/** Any fixed number: the advisory lock every process takes to migrate. */
const MIGRATION_LOCK = 74_226_001;

async function embedded(dataDir: string): Promise<Database> {
  mkdirSync(dataDir, { recursive: true });
  const db = await PGlite.create(dataDir);
  const wrap = (runner: Pick<PGlite, 'query'>): Queries => ({
    query: async <T>(sql: string, params: unknown[] = []) =>
      (await runner.query<T>(sql, params)).rows,
  });
  return {
    kind: 'embedded',
    ...wrap(db),
    transaction: (work) => db.transaction((tx) => work(wrap(tx))),
    close: () => db.close(),
  };
}

/** The statement's name on every connection: one per text (the texts are the code's own). */
const statementNames = new Map<string, string>();

/** A query for `pg`, named when it is to be prepared. */
function pgQuery(sql: string, params: unknown[], options: QueryOptions | undefined) {
  if (!options?.prepare) return { text: sql, values: params };
  let name = statementNames.get(sql);
  if (name === undefined) {
    name = `servicedojo_${statementNames.size + 1}`;
    statementNames.set(sql, name);
  }
  return { name, text: sql, values: params };
}

async function postgres(url: string): Promise<Database> {
  const pool = new pg.Pool({ connectionString: url, max: 10 });
  // Fail at start, with the reason, when the database cannot be reached.
  await pool.query('select 1');
  return {
    kind: 'postgres',
    query: async <T>(sql: string, params: unknown[] = [], options?: QueryOptions) =>
      (await pool.query(pgQuery(sql, params, options))).rows as T[],
    transaction: async (work) => {
      const client = await pool.connect();
      try {
        await client.query('begin');
        const result = await work({
          query: async <T>(sql: string, params: unknown[] = [], options?: QueryOptions) =>
            (await client.query(pgQuery(sql, params, options))).rows as T[],
        });
        await client.query('commit');
        return result;
      } catch (error) {
        await client.query('rollback');
        throw error;
      } finally {
        client.release();
      }
    },
    close: () => pool.end(),
  };
}

/** The migration files in order: 001_init.sql, 002_….sql, … */
function migrationFiles(): { version: string; sql: string }[] {
  return readdirSync(MIGRATIONS_DIR)
    .filter((name) => /^\d{3}_[a-z0-9-]+\.sql$/.test(name))
    .sort()
    .map((name) => ({
      version: name.replace(/\.sql$/, ''),
      sql: readFileSync(join(MIGRATIONS_DIR.pathname, name), 'utf8'),
    }));
}

/** Applies the migrations not yet applied, in one transaction; returns their versions. */
export async function migrate(db: Database): Promise<string[]> {
  return db.transaction(async (tx) => {
    await tx.query('select pg_advisory_xact_lock($1)', [MIGRATION_LOCK]);
    await tx.query(
      'create table if not exists schema_migrations (version text primary key, applied_at timestamptz not null default now())',
    );
    const done = new Set(
      (await tx.query<{ version: string }>('select version from schema_migrations')).map(
        (row) => row.version,
      ),
    );
    const applied: string[] = [];
    for (const { version, sql } of migrationFiles()) {
      if (done.has(version)) continue;
      for (const statement of sql.split(/;\s*$/m).filter((part) => part.trim() !== ''))
        await tx.query(statement);
      await tx.query('insert into schema_migrations (version) values ($1)', [version]);
      applied.push(version);
    }
    return applied;
  });
}

/** The database the settings name, migrated. */
export async function openDatabase(config: ServerConfig): Promise<Database> {
  const db = config.databaseUrl
    ? await postgres(config.databaseUrl)
    : await embedded(config.dataDir);
  await migrate(db);
  return db;
}
