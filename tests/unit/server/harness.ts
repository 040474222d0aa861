/** One embedded-database server per test file, and the calls a signed-in person or device makes. */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { buildServer, type ServerOptions } from '../../../src/server/app';
import { loadCatalog, type Catalog } from '../../../src/server/catalog';
import { readConfig } from '../../../src/server/config';
import { openDatabase, type Database } from '../../../src/server/database';
import { createStaff, type Role } from '../../../src/server/people';

export interface TestServer {
  app: FastifyInstance;
  db: Database;
  catalog: Catalog;
  close(): Promise<void>;
}

export async function startTestServer(
  options: Pick<ServerOptions, 'xapi' | 'now' | 'workers'> = {},
): Promise<TestServer> {
  const dataDir = mkdtempSync(join(tmpdir(), 'servicedojo-server-'));
  const catalog = await loadCatalog();
  const db = await openDatabase(readConfig({ DATA_DIR: dataDir }));
  const app = await buildServer({ db, catalog, rateLimit: 10_000, ...options });
  return {
    app,
    db,
    catalog,
    close: async () => {
      await app.close();
      await db.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** How a test calls the API as someone: a session cookie and its CSRF token, or a device token. */
export interface As {
  headers: Record<string, string>;
  cookies: Record<string, string>;
}

export const nobody: As = { headers: {}, cookies: {} };

export function call(
  app: FastifyInstance,
  as: As,
  method: 'GET' | 'POST' | 'PUT' | 'DELETE',
  url: string,
  payload?: unknown,
) {
  return app.inject({
    method,
    url,
    headers: as.headers,
    cookies: as.cookies,
    ...(payload === undefined ? {} : { payload: payload as Record<string, unknown> }),
  });
}

export const PASSWORD = 'correct horse battery';

/** A staff member created in the database and signed in through the API. */
export async function staff(server: TestServer, login: string, role: Role): Promise<As> {
  await createStaff(server.db, { login, name: login, role, password: PASSWORD });
  return signedIn(server.app, login, PASSWORD);
}

export async function signedIn(app: FastifyInstance, login: string, password: string): Promise<As> {
  const response = await call(app, nobody, 'POST', '/api/session', { login, password });
  if (response.statusCode !== 200) throw new Error(`sign-in failed: ${response.body}`);
  const cookie = response.cookies.find((one) => one.name === 'sd_session')!;
  return {
    cookies: { sd_session: cookie.value },
    headers: { 'x-csrf-token': response.json<{ csrfToken: string }>().csrfToken },
  };
}

/** A device joined with a join link's URL. */
export async function joined(app: FastifyInstance, joinUrl: string): Promise<As> {
  const token = joinUrl.split('/#/join/')[1];
  const response = await call(app, nobody, 'POST', '/api/join', { token });
  if (response.statusCode !== 201) throw new Error(`join failed: ${response.body}`);
  return {
    cookies: {},
    headers: { authorization: `Bearer ${response.json<{ deviceToken: string }>().deviceToken}` },
  };
}
