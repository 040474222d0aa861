/**
 * Abandoned attempts: a joined device sends the attempts its trainee abandoned (started over, an
 * exam restarted) as it sends finished ones, idempotent by id. The server plays the replies up to
 * where they stop with src/core and keeps that conversation so far with no score (status
 * "abandoned"): it is not in the best scores (so neither in completion nor in the matrix), and
 * its xAPI statements, ending with terminated as the app's own queue reports an abandoned
 * attempt, go to the outbox in the same statement. An id is either finished or abandoned: the
 * other one sent later is refused (409).
 */
import type { FastifyInstance } from 'fastify';
import { conversationSoFar } from '../core/attempt';
import { attemptSubmissionSchema, firstProblem } from './api-schemas';
import { originOf } from './attempt-routes';
import type { Catalog } from './catalog';
import type { Database } from './database';
import { authorise } from './identity';
import { unlessPersonRemoved } from './person-removed';
import { scoringCatalogAt } from './published-catalog';
import { SCORING_STATE_COLUMNS, type ScoringState } from './scoring-state';
import { attemptOutbox, lrsSettingsOf, outboxFromInserted } from './xapi-forwarder';

/** POST /api/attempts/abandoned: as a finished attempt, without a score the device showed. */
const abandonedSubmissionSchema = attemptSubmissionSchema.omit({ claimedScore: true });

export function registerAbandonedAttempts(
  app: FastifyInstance,
  db: Database,
  catalog: Catalog,
): void {
  app.post('/api/attempts/abandoned', async (request, reply) => {
    const caller = await authorise<ScoringState>(
      db,
      request,
      reply,
      ['trainee'],
      SCORING_STATE_COLUMNS,
    );
    if (!caller) return reply;
    const body = abandonedSubmissionSchema.safeParse(request.body);
    if (!body.success) return reply.status(400).send({ error: firstProblem(body.error) });
    const attempt = body.data;
    const scoring = await scoringCatalogAt(db, catalog, caller.revision);
    const scenario = scoring.scenarioById(attempt.scenarioId);
    if (!scenario)
      return reply.status(404).send({ error: `unknown scenario "${attempt.scenarioId}"` });
    const conversation = conversationSoFar(
      scenario,
      scoring.analyzer,
      { replies: attempt.replies },
      attempt.mode,
    );
    const statements = attemptOutbox(
      lrsSettingsOf(caller.lrs),
      {
        id: attempt.id,
        startedAt: attempt.startedAt,
        mode: attempt.mode,
        trainee: { name: caller.name, employeeNo: caller.employeeNo ?? '' },
        scenario,
        conversation,
      },
      originOf(request),
    );
    // The attempt (no score, no best score) and its statements in the outbox, in one statement.
    const write = db.query<{ id: string }>(
      `with inserted as (
         insert into attempts (id, person_id, employee_no, name, department, scenario_id,
           scenario_version, mode, started_at, score, passed, replies, report, rule_packs,
           catalog_revision, status)
         values ($1, $2, $3, $4, $5, $6, $7, $8, to_timestamp($9 / 1000.0), null, null, $10, $11,
           $12, $13, 'abandoned')
         on conflict (id) do nothing
         returning id
       ), ${outboxFromInserted(14)}
       select id from inserted`,
      [
        attempt.id,
        caller.id,
        caller.employeeNo ?? '',
        caller.name,
        caller.department,
        scenario.id,
        scenario.version,
        attempt.mode,
        attempt.startedAt,
        JSON.stringify(attempt.replies),
        JSON.stringify(conversation),
        JSON.stringify(scoring.rulePackVersions),
        scoring.revision,
        JSON.stringify(statements),
      ],
    );
    const inserted = await unlessPersonRemoved(reply, write);
    if (!inserted) return reply;
    const answer = { id: attempt.id, status: 'abandoned', scenarioVersion: scenario.version };
    if (inserted.length > 0) return reply.status(201).send({ ...answer, duplicate: false });
    // The same id again: a retry of the same abandoned attempt is fine, anything else is not.
    const [stored] = await db.query<{ replies: unknown; person_id: string | null; status: string }>(
      'select replies, person_id, status from attempts where id = $1',
      [attempt.id],
    );
    if (stored?.status === 'finished')
      return reply.status(409).send({
        error: `attempt "${attempt.id}" was already sent finished; it cannot be abandoned afterwards`,
      });
    const same =
      Number(stored?.person_id) === caller.id &&
      JSON.stringify(stored?.replies) === JSON.stringify(attempt.replies);
    if (!same)
      return reply
        .status(409)
        .send({ error: `attempt "${attempt.id}" was already submitted with other content` });
    return { ...answer, duplicate: true };
  });
}
