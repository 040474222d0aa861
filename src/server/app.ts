/**
 * The HTTP server: the public API (GET /api/health, POST /api/score), people and their devices
 * (people-routes.ts), attempts submitted by joined devices and re-scored here (attempt-routes.ts),
 * trainers' classes (class-routes.ts) and the built app.
 */
import { existsSync } from 'node:fs';
import Fastify, { type FastifyInstance } from 'fastify';
import fastifyRateLimit from '@fastify/rate-limit';
import fastifyStatic from '@fastify/static';
import fastifyCookie from '@fastify/cookie';
import { runTranscript } from '../core/attempt';
import { toStoredReport } from '../core/stored-report';
import { firstProblem, scoreRequestSchema } from './api-schemas';
import { registerAbandonedAttempts } from './abandoned-attempt-routes';
import { registerAssignmentRoutes } from './assignment-routes';
import { registerAttemptRoutes } from './attempt-routes';
import type { Catalog } from './catalog';
import { registerClassRoutes } from './class-routes';
import type { Database } from './database';
import { registerMatrixRoutes } from './matrix-routes';
import { registerPeopleRoutes } from './people-routes';
import { registerPersonalData } from './personal-data-routes';
import { registerPublishRoutes } from './publish-routes';
import { inProcessRescorer, workerRescorer } from './rescore';
import { registerXapi, type XapiOptions } from './xapi-routes';

export interface ServerOptions {
  db: Database;
  catalog: Catalog;
  /** The built app to serve at /, when it exists. */
  distDir?: string;
  /** Requests per minute per client address on the API (default 600). */
  rateLimit?: number;
  logger?: boolean;
  /** How statements are forwarded to the LRS; false: not in the background (tests). */
  xapi?: XapiOptions | false;
  /** The clock assignments are due by (tests fix it). */
  now?: () => number;
  /** Worker threads that re-score submitted attempts (WORKERS); 0 or none: on this thread. */
  workers?: number;
}

/** Largest request body accepted (bytes): 100 replies of 2,000 characters fit. */
const BODY_LIMIT = 1024 * 1024;

export async function buildServer(options: ServerOptions): Promise<FastifyInstance> {
  const { db, catalog } = options;
  const app = Fastify({ bodyLimit: BODY_LIMIT, logger: options.logger ?? false });

  // Every error answers JSON {error}: a bad body says what is wrong, a server fault says little.
  app.setErrorHandler((error: { statusCode?: number; message: string }, request, reply) => {
    const status = error.statusCode ?? 500;
    if (status >= 500) request.log.error(error);
    void reply.status(status).send({ error: status >= 500 ? 'internal error' : error.message });
  });

  await app.register(fastifyCookie);
  await app.register(fastifyRateLimit, {
    max: options.rateLimit ?? 600,
    timeWindow: '1 minute',
    allowList: (request) => !request.url.startsWith('/api/'),
  });

  app.get('/api/health', async (_request, reply) => {
    try {
      await db.query('select 1');
      return { ok: true, database: db.kind };
    } catch {
      return reply.status(503).send({ ok: false, database: db.kind });
    }
  });

  app.post('/api/score', async (request, reply) => {
    const body = scoreRequestSchema.safeParse(request.body);
    if (!body.success) return reply.status(400).send({ error: firstProblem(body.error) });
    const { scenarioId, replies, mode } = body.data;
    const scenario = catalog.scenarioById(scenarioId);
    if (!scenario) return reply.status(404).send({ error: `unknown scenario "${scenarioId}"` });
    return toStoredReport(runTranscript(scenario, catalog.analyzer, { replies }, mode));
  });

  registerPeopleRoutes(app, db);
  const rescorer = options.workers ? workerRescorer(options.workers) : inProcessRescorer;
  app.addHook('onClose', () => rescorer.close());
  registerAttemptRoutes(app, db, catalog, rescorer);
  registerAbandonedAttempts(app, db, catalog);
  registerMatrixRoutes(app, db, catalog);
  registerAssignmentRoutes(app, db, catalog, options.now);
  registerPublishRoutes(app, db, catalog);
  registerXapi(app, db, options.xapi);
  registerPersonalData(app, db);
  registerClassRoutes(app, db, catalog, rescorer);

  if (options.distDir && existsSync(options.distDir))
    await app.register(fastifyStatic, { root: options.distDir, index: 'index.html' });

  return app;
}
