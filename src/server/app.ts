/**
 * The HTTP server: the public API (GET /api/health, POST /api/score), attempts submitted by
 * devices (re-scored here: a device's claimed score is never read) and the built app.
 */
import { existsSync } from 'node:fs';
import Fastify, { type FastifyInstance } from 'fastify';
import fastifyRateLimit from '@fastify/rate-limit';
import fastifyStatic from '@fastify/static';
import { runTranscript } from '../core/attempt';
import { toStoredReport } from '../core/stored-report';
import { attemptSubmissionSchema, firstProblem, scoreRequestSchema } from './api-schemas';
import type { Catalog } from './catalog';
import type { Database } from './database';

export interface ServerOptions {
  db: Database;
  catalog: Catalog;
  /** The built app to serve at /, when it exists. */
  distDir?: string;
  /** Requests per minute per client address on the API (default 600). */
  rateLimit?: number;
  logger?: boolean;
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

  app.post('/api/attempts', async (request, reply) => {
    const body = attemptSubmissionSchema.safeParse(request.body);
    if (!body.success) return reply.status(400).send({ error: firstProblem(body.error) });
    const attempt = body.data;
    const scenario = catalog.scenarioById(attempt.scenarioId);
    if (!scenario)
      return reply.status(404).send({ error: `unknown scenario "${attempt.scenarioId}"` });
    const report = toStoredReport(
      runTranscript(scenario, catalog.analyzer, { replies: attempt.replies }, attempt.mode),
    );
    const inserted = await db.query<{ id: string }>(
      `insert into attempts (id, employee_no, name, department, scenario_id, scenario_version,
         mode, started_at, score, passed, ending_kind, replies, report)
       values ($1, $2, $3, $4, $5, $6, $7, to_timestamp($8 / 1000.0), $9, $10, $11, $12, $13)
       on conflict (id) do nothing returning id`,
      [
        attempt.id,
        attempt.trainee.employeeNo,
        attempt.trainee.name,
        attempt.trainee.department,
        scenario.id,
        scenario.version,
        attempt.mode,
        attempt.startedAt,
        report.score,
        report.passed,
        report.ending?.kind ?? null,
        JSON.stringify(attempt.replies),
        JSON.stringify(report),
      ],
    );
    if (inserted.length === 0) {
      // The same id again: a retry of the same attempt is fine, different content is not.
      const [stored] = await db.query<{ replies: unknown; employee_no: string }>(
        'select replies, employee_no from attempts where id = $1',
        [attempt.id],
      );
      const same =
        stored?.employee_no === attempt.trainee.employeeNo &&
        JSON.stringify(stored.replies) === JSON.stringify(attempt.replies);
      if (!same)
        return reply
          .status(409)
          .send({ error: `attempt "${attempt.id}" was already submitted with other content` });
      return { id: attempt.id, duplicate: true, score: report.score, passed: report.passed };
    }
    return reply
      .status(201)
      .send({ id: attempt.id, duplicate: false, score: report.score, passed: report.passed });
  });

  if (options.distDir && existsSync(options.distDir))
    await app.register(fastifyStatic, { root: options.distDir, index: 'index.html' });

  return app;
}
