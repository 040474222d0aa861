/**
 * Attempts: a joined device sends each finished attempt (idempotent by its id); the server
 * re-runs it with src/core and the published catalogue (published-catalog.ts) and keeps its own
 * report with the scenario and rule-pack versions it was scored with, answering its score and,
 * when the device showed another, why. Reading attempts follows who may see whom (people.ts visiblePeople).
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Analyzer } from '../core/analyzer';
import type { Report } from '../core/report';
import type { Mode, Scenario } from '../core/scenario-schema';
import { toStoredReport } from '../core/stored-report';
import { attemptSubmissionSchema, firstProblem, type AttemptSubmission } from './api-schemas';
import type { Catalog } from './catalog';
import type { Database } from './database';
import { authorise, deviceTokenHash } from './identity';
import { visiblePeople, type Person } from './people';
import { isPersonRemoved, PERSON_REMOVED } from './person-removed';
import { scoringCatalogAt } from './published-catalog';
import type { Rescored, Rescorer } from './rescore';
import { RecentDevices } from './recent-devices';
import {
  readScoringState,
  SCORING_STATE_COLUMNS,
  STAMP_VALUE,
  type ScoringState,
} from './scoring-state';
import { attemptOutbox, lrsSettingsOf, outboxFromInserted } from './xapi-forwarder';

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

/** Why an attempt sent abandoned (abandoned-attempt-routes.ts) is refused when sent again as finished. */
export const abandonedNotFinished = (id: string) =>
  `attempt "${id}" was sent as abandoned; it cannot be finished afterwards`;

/** Who an attempt is of and where it came from (a class's attempts name the class and round). */
export interface AttemptOwner {
  person: Person;
  source: 'device' | 'pair' | 'bundle' | 'observed';
  classId?: number;
  classRound?: number;
  observer?: string;
}

/** What the server answers about a submitted attempt: its own score and, where it differs, why. */
export interface AttemptAnswer {
  id: string;
  score: number;
  passed: boolean;
  scenarioVersion: number;
  rulePackVersions: Record<string, number>;
  difference: ScoreDifference | undefined;
}

export type Submitted =
  | { status: 'stored'; answer: AttemptAnswer }
  | { status: 'duplicate'; answer: AttemptAnswer }
  | { status: 'unknown-scenario'; error: string }
  | { status: 'conflict'; error: string }
  /** The person was deleted while the attempt was on its way (person-removed.ts). */
  | { status: 'person-removed'; error: string };

/**
 * Scores an attempt with the server's catalogue (the report of `scored` when given: an observer's
 * scorecard; else re-run from its replies) and stores it once, with the person's best score and
 * the attempt's xAPI statements. The device's score is only compared, never kept as the score.
 */
export async function submitAttempt(
  db: Database,
  catalog: Catalog,
  rescorer: Rescorer,
  owner: AttemptOwner,
  attempt: Omit<AttemptSubmission, 'mode'> & { mode: Mode },
  origin: string,
  options: SubmitOptions = {},
): Promise<Submitted> {
  const submitted = await storeAttempt(db, catalog, rescorer, owner, attempt, origin, options);
  if (submitted.status === 'stale') throw new Error('no device was to be checked');
  return submitted;
}

interface SubmitOptions {
  /** An observer's scorecard: its report, instead of re-running replies. */
  scored?: (scenario: Scenario, analyzer: Analyzer) => Report;
  /** Read already with the caller; else read here. */
  state?: ScoringState;
}

/** A device let in earlier (recent-devices.ts): the insert checks it still may, in the same statement. */
interface DeviceCheck {
  tokenHash: string;
  /** The stamp of the scoring state the attempt is scored with. */
  stamp: string;
}

/**
 * submitAttempt, or with `device` the attempt of a device let in earlier: stored only while the
 * device is still bound to the person as a trainee and the scoring state is unchanged, else
 * 'stale' (nothing stored; the caller asks the database who is calling and tries again).
 */
async function storeAttempt(
  db: Database,
  catalog: Catalog,
  rescorer: Rescorer,
  owner: AttemptOwner,
  attempt: Omit<AttemptSubmission, 'mode'> & { mode: Mode },
  origin: string,
  options: SubmitOptions & { device?: DeviceCheck },
): Promise<Submitted | { status: 'stale' }> {
  const state = options.state ?? (await readScoringState(db));
  const scoring = await scoringCatalogAt(db, catalog, state.revision);
  const scenario = scoring.scenarioById(attempt.scenarioId);
  if (!scenario)
    return { status: 'unknown-scenario', error: `unknown scenario "${attempt.scenarioId}"` };
  const { scored } = options;
  const report: Rescored = scored
    ? rescoredOf(toStoredReport(scored(scenario, scoring.analyzer)))
    : await rescorer.rescore(scoring, scenario, {
        scenarioId: scenario.id,
        mode: attempt.mode,
        replies: attempt.replies,
      });
  const { person } = owner;
  const answer: AttemptAnswer = {
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
  const statements = attemptOutbox(
    lrsSettingsOf(state.lrs),
    {
      id: attempt.id,
      startedAt: attempt.startedAt,
      mode: attempt.mode,
      trainee: { name: person.name, employeeNo: person.employeeNo ?? '' },
      scenario,
      reportJson: report.reportJson,
    },
    origin,
  );
  // The attempt, the person's best for the scenario and the attempt's xAPI statements in the
  // outbox (xapi-forwarder.ts), in one statement (one round trip, one transaction).
  // With a device to check, the guard holds only while its token still binds this trainee and
  // the scoring state's stamp is the one the attempt was scored with.
  const write = db.query<{ ok: boolean; id: string | null }>(
    `with guard as (
       select ($23::text is null or exists (select 1 from devices d join people p
           on p.id = d.person_id where d.token_hash = $23 and p.id = $2 and p.role = 'trainee'))
         and ($24::text is null or ${STAMP_VALUE} = $24) as ok
     ), inserted as (
       insert into attempts (id, person_id, employee_no, name, department, scenario_id,
         scenario_version, mode, started_at, score, passed, ending_kind, replies, report,
         claimed_score, rule_packs, catalog_revision, class_id, class_round, source, observer)
       select $1::text, $2::bigint, $3::text, $4::text, $5::text, $6::text, $7::int, $8::text,
         to_timestamp($9::float8 / 1000.0), $10::int, $11::boolean, $12::text, $13::jsonb,
         $14::json, $15::int, $16::jsonb, $17::bigint, $19::bigint, $20::int, $21::text, $22::text
       from guard where guard.ok
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
     select (select ok from guard) as ok, (select id from inserted) as id`,
    [
      attempt.id,
      person.id,
      person.employeeNo ?? '',
      person.name,
      person.department,
      scenario.id,
      scenario.version,
      attempt.mode,
      attempt.startedAt,
      report.score,
      report.passed,
      report.endingKind,
      JSON.stringify(attempt.replies),
      report.reportJson,
      attempt.claimedScore ?? null,
      JSON.stringify(scoring.rulePackVersions),
      scoring.revision,
      JSON.stringify(statements),
      owner.classId ?? null,
      owner.classRound ?? null,
      owner.source,
      owner.observer ?? null,
      options.device?.tokenHash ?? null,
      options.device?.stamp ?? null,
    ],
    { prepare: true },
  );
  const inserted = await write.catch((error: unknown) => {
    if (isPersonRemoved(error)) return undefined;
    throw error;
  });
  if (!inserted) return { status: 'person-removed', error: PERSON_REMOVED };
  if (!inserted[0]?.ok) return { status: 'stale' };
  if (inserted[0].id !== null) return { status: 'stored', answer };
  // The same id again: a retry of the same attempt is fine, different content is not.
  const [stored] = await db.query<{
    replies: unknown;
    person_id: string | null;
    status: string;
  }>('select replies, person_id, status from attempts where id = $1', [attempt.id]);
  if (stored?.status === 'abandoned')
    return { status: 'conflict', error: abandonedNotFinished(attempt.id) };
  const same =
    Number(stored?.person_id) === person.id &&
    JSON.stringify(stored?.replies) === JSON.stringify(attempt.replies);
  return same
    ? { status: 'duplicate', answer }
    : {
        status: 'conflict',
        error: `attempt "${attempt.id}" was already submitted with other content`,
      };
}

/**
 * The HTTP status of a refused submission. A device whose person is gone is told 401 (it stops
 * sending); a trainer sending a class's attempt is told 404 (their own sign-in is fine).
 */
export function refusedStatus(
  submitted: Extract<Submitted, { error: string }>,
  personRemoved: 401 | 404 = 401,
): number {
  if (submitted.status === 'conflict') return 409;
  return submitted.status === 'person-removed' ? personRemoved : 404;
}

/** A report scored here (an observer's scorecard) as the re-scorer answers one. */
function rescoredOf(report: ReturnType<typeof toStoredReport>): Rescored {
  return {
    score: report.score,
    passed: report.passed,
    endingKind: report.ending?.kind ?? null,
    reportJson: JSON.stringify(report),
  };
}

/** The address the request came to (statement IRIs are the server's own). */
export function originOf(request: FastifyRequest): string {
  return `${request.protocol}://${request.host}`;
}

export function registerAttemptRoutes(
  app: FastifyInstance,
  db: Database,
  catalog: Catalog,
  rescorer: Rescorer,
): void {
  const recent = new RecentDevices();
  const answer = (reply: FastifyReply, submitted: Submitted) => {
    if ('error' in submitted)
      return reply.status(refusedStatus(submitted)).send({ error: submitted.error });
    if (submitted.status === 'duplicate') return { ...submitted.answer, duplicate: true };
    return reply.status(201).send({ ...submitted.answer, duplicate: false });
  };

  app.post('/api/attempts', async (request, reply) => {
    // A device let in lately: one round trip, its insert checking it still may (recent-devices.ts).
    const device = deviceTokenHash(request);
    const known = device && recent.personOf(device);
    if (device && known && recent.state) {
      const body = attemptSubmissionSchema.safeParse(request.body);
      if (!body.success) return reply.status(400).send({ error: firstProblem(body.error) });
      const submitted = await storeAttempt(
        db,
        catalog,
        rescorer,
        { person: known, source: 'device' },
        body.data,
        originOf(request),
        { state: recent.state, device: { tokenHash: device, stamp: recent.state.stamp } },
      );
      if (submitted.status !== 'stale') return answer(reply, submitted);
      recent.forget(device);
    }
    // Who is calling, and what scoring and the outbox depend on, in one round trip: the
    // catalogue's revision (published-catalog.ts) and the LRS settings (xapi-forwarder.ts).
    const caller = await authorise<ScoringState>(
      db,
      request,
      reply,
      ['trainee'],
      SCORING_STATE_COLUMNS,
    );
    if (!caller) return reply;
    const body = attemptSubmissionSchema.safeParse(request.body);
    if (!body.success) return reply.status(400).send({ error: firstProblem(body.error) });
    const { revision, lrs, stamp, via, ...person } = caller;
    const state = { revision, lrs, stamp };
    if (device && via === 'device') recent.remember(device, person, state);
    return answer(
      reply,
      await submitAttempt(
        db,
        catalog,
        rescorer,
        { person: caller, source: 'device' },
        body.data,
        originOf(request),
        { state },
      ),
    );
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
