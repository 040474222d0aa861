/**
 * Attempts: a joined device sends each finished attempt (idempotent by its id); the server
 * re-runs it with src/core and the published catalogue (published-catalog.ts) and keeps its own
 * report with the scenario and rule-pack versions it was scored with, answering its score and,
 * when the device showed another, why. Reading attempts follows who may see whom (people.ts visiblePeople).
 */
import type { FastifyInstance } from 'fastify';
import { runTranscript } from '../core/attempt';
import { toStoredReport } from '../core/stored-report';
import { abandonedNotFinished } from './abandoned-attempt-routes';
import { attemptSubmissionSchema, firstProblem } from './api-schemas';
import type { Catalog } from './catalog';
import type { Database } from './database';
import { authorise } from './identity';
import { visiblePeople } from './people';
import { unlessPersonRemoved } from './person-removed';
import { scoringCatalog } from './published-catalog';
import { attemptOutbox, outboxFromInserted } from './xapi-forwarder';

/** Why the server's score differs from the one the device showed. */
export type ScoreDifference =
  | {
      reason: 'scenario-version';
      claimedScore: number;
      deviceVersion: number;
      serverVersion: number;
    }
  | {
      /** The device scored with other company rule packs (older, or none yet). */
      reason: 'rule-pack';
      claimedScore: number;
      devicePacks: Record<string, number>;
      serverPacks: Record<string, number>;
    }
  | { reason: 'rescored'; claimedScore: number };

function samePacks(a: Record<string, number>, b: Record<string, number>): boolean {
  const keys = Object.keys(a);
  return keys.length === Object.keys(b).length && keys.every((key) => a[key] === b[key]);
}

function differenceOf(
  score: number,
  server: { version: number; packs: Record<string, number> },
  claimed: { score?: number; version?: number; packs?: Record<string, number> },
): ScoreDifference | undefined {
  const claimedScore = claimed.score;
  if (claimedScore === undefined || claimedScore === score) return undefined;
  if (claimed.version !== undefined && claimed.version !== server.version)
    return {
      reason: 'scenario-version',
      claimedScore,
      deviceVersion: claimed.version,
      serverVersion: server.version,
    };
  // A device that sent no versions scored with no published pack.
  const devicePacks = claimed.packs ?? {};
  if (!samePacks(devicePacks, server.packs))
    return { reason: 'rule-pack', claimedScore, devicePacks, serverPacks: server.packs };
  return { reason: 'rescored', claimedScore };
}

/** The columns of an attempt in a listing. */
const ATTEMPT_COLUMNS = `a.id, a.person_id::int as "personId", a.name, a.employee_no as "employeeNo",
  a.department, a.scenario_id as "scenarioId", a.scenario_version as "scenarioVersion", a.mode,
  (extract(epoch from a.started_at) * 1000)::bigint::float8 as "startedAt", a.score, a.passed,
  a.claimed_score as "claimedScore", a.ending_kind as "endingKind",
  a.rule_packs as "rulePacks", a.catalog_revision::int as "catalogRevision", a.status`;

export function registerAttemptRoutes(app: FastifyInstance, db: Database, catalog: Catalog): void {
  app.post('/api/attempts', async (request, reply) => {
    const caller = await authorise(db, request, reply, ['trainee']);
    if (!caller) return reply;
    const body = attemptSubmissionSchema.safeParse(request.body);
    if (!body.success) return reply.status(400).send({ error: firstProblem(body.error) });
    const attempt = body.data;
    const scoring = await scoringCatalog(db, catalog);
    const scenario = scoring.scenarioById(attempt.scenarioId);
    if (!scenario)
      return reply.status(404).send({ error: `unknown scenario "${attempt.scenarioId}"` });
    const report = toStoredReport(
      runTranscript(scenario, scoring.analyzer, { replies: attempt.replies }, attempt.mode),
    );
    const answer = {
      id: attempt.id,
      score: report.score,
      passed: report.passed,
      scenarioVersion: scenario.version,
      rulePackVersions: scoring.rulePackVersions,
      difference: differenceOf(
        report.score,
        { version: scenario.version, packs: scoring.rulePackVersions },
        {
          score: attempt.claimedScore,
          version: attempt.scenarioVersion,
          packs: attempt.rulePackVersions,
        },
      ),
    };
    // The statements the LRS will get (none while no LRS is set), built before the insert.
    const statements = await attemptOutbox(
      db,
      {
        id: attempt.id,
        startedAt: attempt.startedAt,
        mode: attempt.mode,
        trainee: { name: caller.name, employeeNo: caller.employeeNo ?? '' },
        scenario,
        report,
      },
      `${request.protocol}://${request.host}`,
    );
    // The attempt, the person's best for the scenario and the attempt's xAPI statements in the
    // outbox (xapi-forwarder.ts), in one statement (one round trip, one transaction).
    const write = db.query<{ id: string }>(
      `with inserted as (
         insert into attempts (id, person_id, employee_no, name, department, scenario_id,
           scenario_version, mode, started_at, score, passed, ending_kind, replies, report,
           claimed_score, rule_packs, catalog_revision)
         values ($1, $2, $3, $4, $5, $6, $7, $8, to_timestamp($9 / 1000.0), $10, $11, $12, $13,
           $14, $15, $16, $17)
         on conflict (id) do nothing
         returning id, person_id, scenario_id, score, passed, started_at
       ), best as (
         insert into best_scores as b (person_id, scenario_id, best_score, passed, attempts, last_at)
         select person_id, scenario_id, score, passed, 1, started_at from inserted
         on conflict (person_id, scenario_id) do update set
           best_score = greatest(b.best_score, excluded.best_score),
           passed = b.passed or excluded.passed,
           attempts = b.attempts + 1,
           last_at = greatest(b.last_at, excluded.last_at)
       ), ${outboxFromInserted(18)}
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
        report.score,
        report.passed,
        report.ending?.kind ?? null,
        JSON.stringify(attempt.replies),
        JSON.stringify(report),
        attempt.claimedScore ?? null,
        JSON.stringify(scoring.rulePackVersions),
        scoring.revision,
        JSON.stringify(statements),
      ],
    );
    const inserted = await unlessPersonRemoved(reply, write);
    if (!inserted) return reply;
    if (inserted.length === 0) {
      // The same id again: a retry of the same attempt is fine, different content is not.
      const [stored] = await db.query<{
        replies: unknown;
        person_id: string | null;
        status: string;
      }>('select replies, person_id, status from attempts where id = $1', [attempt.id]);
      if (stored?.status === 'abandoned')
        return reply.status(409).send({ error: abandonedNotFinished(attempt.id) });
      const same =
        Number(stored?.person_id) === caller.id &&
        JSON.stringify(stored?.replies) === JSON.stringify(attempt.replies);
      if (!same)
        return reply
          .status(409)
          .send({ error: `attempt "${attempt.id}" was already submitted with other content` });
      return { ...answer, duplicate: true };
    }
    return reply.status(201).send({ ...answer, duplicate: false });
  });

  /** The attempts the caller may see, newest first (?personId= narrows to one person). */
  app.get('/api/attempts', async (request, reply) => {
    const caller = await authorise(db, request, reply, ['admin', 'hr', 'trainer', 'trainee']);
    if (!caller) return reply;
    const personId = Number((request.query as { personId?: string }).personId ?? Number.NaN);
    const attempts = await db.query(
      `select ${ATTEMPT_COLUMNS} from attempts a
       where ${visiblePeople(caller.role, 'a.person_id')}
         and ($2::bigint is null or a.person_id = $2)
       order by a.started_at desc limit 1000`,
      [caller.id, Number.isSafeInteger(personId) ? personId : null],
    );
    return { attempts };
  });

  /** One attempt with the server's report; 404 when it does not exist or is not the caller's to see. */
  app.get('/api/attempts/:id', async (request, reply) => {
    const caller = await authorise(db, request, reply, ['admin', 'hr', 'trainer', 'trainee']);
    if (!caller) return reply;
    const [attempt] = await db.query(
      `select ${ATTEMPT_COLUMNS}, a.replies, a.report from attempts a
       where a.id = $2 and ${visiblePeople(caller.role, 'a.person_id')}`,
      [caller.id, (request.params as { id: string }).id],
    );
    if (!attempt) return reply.status(404).send({ error: 'no such attempt of yours' });
    return attempt;
  });
}
