/**
 * The LRS the server forwards xAPI statements to, for administrators: its settings (the secret
 * is written, never read back), the outbox's status and a retry of refused statements; and the
 * forwarder itself, kicked whenever a device's attempt was stored.
 */
import type { FastifyInstance } from 'fastify';
import { firstProblem } from './api-schemas';
import { recordAudit } from './audit';
import type { Database } from './database';
import { authorise } from './identity';
import {
  lrsSettingsSchema,
  publicLrsSettings,
  retryRejected,
  saveLrsSettings,
  startForwarder,
  xapiStatus,
  type ForwardOptions,
} from './xapi-forwarder';

/** An address as the audit log keeps it: no user name or password. */
function withoutCredentials(address: string): string {
  const url = new URL(address);
  url.username = '';
  url.password = '';
  return url.toString();
}

export type XapiOptions = ForwardOptions & { intervalMs?: number };

/** The routes, and the forwarder unless `options` is false (tests that forward by hand). */
export function registerXapi(
  app: FastifyInstance,
  db: Database,
  options: XapiOptions | false = {},
): void {
  const admin = ['admin'] as const;
  const forwarder =
    options === false
      ? undefined
      : startForwarder(db, {
          ...options,
          onError: (error) => app.log.error(error, 'xAPI forwarding failed'),
        });

  app.get('/api/xapi/lrs', async (request, reply) => {
    if (!(await authorise(db, request, reply, admin))) return reply;
    return publicLrsSettings(db);
  });

  app.put('/api/xapi/lrs', async (request, reply) => {
    const caller = await authorise(db, request, reply, admin);
    if (!caller) return reply;
    const body = lrsSettingsSchema.safeParse(request.body);
    if (!body.success) return reply.status(400).send({ error: firstProblem(body.error) });
    const settings = body.data;
    const problem = await db.transaction(async (tx) => {
      const problem = await saveLrsSettings(tx, settings);
      // The endpoint without any user:password in it, and never the secret.
      if (!problem)
        await recordAudit(tx, caller, 'lrs-settings', {
          endpoint: withoutCredentials(settings.endpoint),
          secretChanged: settings.secret !== undefined,
        });
      return problem;
    });
    if (problem) return reply.status(400).send({ error: problem });
    forwarder?.kick();
    return publicLrsSettings(db);
  });

  app.get('/api/xapi/status', async (request, reply) => {
    if (!(await authorise(db, request, reply, admin))) return reply;
    return xapiStatus(db);
  });

  app.post('/api/xapi/retry-rejected', async (request, reply) => {
    const caller = await authorise(db, request, reply, admin);
    if (!caller) return reply;
    const requeued = await db.transaction(async (tx) => {
      const requeued = await retryRejected(tx);
      await recordAudit(tx, caller, 'lrs-retry', { requeued });
      return requeued;
    });
    forwarder?.kick();
    return { requeued };
  });

  if (!forwarder) return;
  // A stored attempt has new statements: forward them now rather than at the next tick.
  app.addHook('onResponse', async (request, reply) => {
    const stored = request.url === '/api/attempts' || request.url === '/api/attempts/abandoned';
    if (request.method === 'POST' && stored && reply.statusCode === 201) forwarder.kick();
  });
  app.addHook('onClose', async () => forwarder.stop());
}
