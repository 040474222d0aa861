/**
 * Classes on the server: a trainer's class (core/class-record.ts: roster, pairs, rounds, the
 * projector's view, the class code) kept as one document with a revision, so the trainer opens it
 * on any signed-in device and two devices never overwrite each other silently (a save based on
 * an older revision answers 409 with the current class). A trainer sees and changes only their
 * own classes, HR and administrators every class, trainees and devices none. The roster's people
 * become people on the server and the class's members (what the trainer may see of them).
 * Attempts of a class (pair-typed, from a result bundle, an observer's scorecard) are scored by
 * the server with submitAttempt (attempt-routes.ts), never taken from the device.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { transcriptReplies } from '../core/attempt';
import { classContentSchema, type ClassContent } from '../core/class-record';
import { observedReport } from '../core/observer-scorecard';
import {
  checkBundle,
  MAX_BUNDLE_BYTES,
  type AttemptRefusal,
  type BundledAttempt,
  type BundleFileResult,
} from '../core/result-bundle';
import { attemptSubmissionSchema, firstProblem, type AttemptSubmission } from './api-schemas';
import { originOf, refusedStatus, submitAttempt } from './attempt-routes';
import type { Catalog } from './catalog';
import type { Rescorer } from './rescore';
import type { Database, Queries } from './database';
import { authorise, type Caller } from './identity';
import { IN_ANOTHER_CLASS, inOtherTrainersClasses, upsertTrainees, type Person } from './people';

/** A class as the API answers it. */
export interface ServerClass {
  id: number;
  trainerId: number;
  revision: number;
  createdAt: number;
  updatedAt: number;
  content: ClassContent;
}

interface ClassRow {
  id: number;
  trainerId: number;
  trainerName: string;
  name: string;
  revision: number;
  createdAt: number;
  updatedAt: number;
  content: ClassContent | null;
}

const CLASS_COLUMNS = `c.id::int as id, c.trainer_id::int as "trainerId", t.name as "trainerName",
  c.name, c.revision, c.content,
  (extract(epoch from c.created_at) * 1000)::bigint::float8 as "createdAt",
  (extract(epoch from c.updated_at) * 1000)::bigint::float8 as "updatedAt"`;

/** "Class `c` is the caller's to see" ($1 is the caller's id): HR and admins every class. */
function visibleClasses(caller: Caller): string {
  return caller.role === 'admin' || caller.role === 'hr'
    ? '$1::bigint is not null'
    : 'c.trainer_id = $1';
}

/** A class made by a roster import (no content yet) reads as a class of its members. */
async function asServerClass(db: Queries, row: ClassRow): Promise<ServerClass> {
  let content = row.content;
  if (!content) {
    const members = await db.query<Person>(
      `select p.id::int as id, p.name, p.employee_no as "employeeNo", p.department
       from class_members m join people p on p.id = m.person_id where m.class_id = $1
       order by p.name`,
      [row.id],
    );
    content = {
      name: row.name,
      trainer: row.trainerName,
      date: new Date(row.createdAt).toISOString().slice(0, 10),
      scenarioIds: [],
      roster: members.map((person) => ({
        id: `p${person.id}`,
        name: person.name,
        employeeNo: person.employeeNo ?? '',
        department: person.department,
      })),
      groups: [],
      rounds: [],
    };
  }
  const { id, trainerId, revision, createdAt, updatedAt } = row;
  return { id, trainerId, revision, createdAt, updatedAt, content };
}

/** The class with this id when the caller may see it. */
async function visibleClass(
  db: Queries,
  caller: Caller,
  id: number,
  lock = false,
): Promise<ClassRow | undefined> {
  const [row] = await db.query<ClassRow>(
    `select ${CLASS_COLUMNS} from classes c join people t on t.id = c.trainer_id
     where c.id = $2 and ${visibleClasses(caller)}${lock ? ' for update of c' : ''}`,
    [caller.id, id],
  );
  return row;
}

/** The roster's people on the server, and the class's members exactly them. */
async function syncMembers(db: Queries, classId: number, content: ClassContent): Promise<void> {
  const people = await upsertTrainees(db, content.roster);
  const ids = people.map((person) => person.id);
  await db.query(
    'delete from class_members where class_id = $1 and not (person_id = any($2::bigint[]))',
    [classId, ids],
  );
  await db.query(
    `insert into class_members (class_id, person_id) select $1, unnest($2::bigint[])
     on conflict do nothing`,
    [classId, ids],
  );
}

/** A trainer's class roster may not take another trainer's trainee (people-routes.ts: the same for a roster import). */
async function refusedRoster(
  db: Queries,
  caller: Caller,
  content: ClassContent,
  reply: FastifyReply,
): Promise<boolean> {
  if (caller.role !== 'trainer') return false;
  const others = await inOtherTrainersClasses(
    db,
    caller.id,
    content.roster.map((person) => person.employeeNo),
  );
  if (others.length === 0) return false;
  await reply.status(409).send({ error: `${IN_ANOTHER_CLASS}: ${others.join(', ')}` });
  return true;
}

const idParams = z.object({ id: z.coerce.number().int().min(1).max(Number.MAX_SAFE_INTEGER) });
const createSchema = z.strictObject({ content: classContentSchema });
const updateSchema = z.strictObject({
  revision: z.number().int().min(1),
  content: classContentSchema,
});

/** A pair-typed role play of the class: the attempt of the rep (by employee number) in a round. */
const classAttemptSchema = attemptSubmissionSchema.extend({
  employeeNo: z.string().trim().min(1).max(60),
  round: z.number().int().min(1).max(1000).optional(),
});

/** An observer's scorecard of a role play: the taps, scored here (core/observer-scorecard.ts). */
const observationSchema = z.strictObject({
  id: z.string().min(1).max(100),
  scenarioId: z.string().min(1).max(100),
  employeeNo: z.string().trim().min(1).max(60),
  observer: z.string().trim().min(1).max(100),
  startedAt: z
    .number()
    .int()
    .min(Date.UTC(2020, 0, 1)),
  round: z.number().int().min(1).max(1000).optional(),
  done: z.array(z.string().min(1).max(100)).max(100),
  heard: z.array(z.string().min(1).max(100)).max(500),
  /** The score the trainer's device showed: compared, never kept. */
  claimedScore: z.number().int().min(0).max(100).optional(),
});

/** Staff only, signed in (a device is refused even if it were a staff member's). */
async function staffCaller(
  db: Database,
  request: FastifyRequest,
  reply: FastifyReply,
): Promise<Caller | undefined> {
  const caller = await authorise(db, request, reply, ['admin', 'hr', 'trainer']);
  if (caller?.via === 'device') {
    await reply.status(403).send({ error: 'classes are for signed-in staff' });
    return undefined;
  }
  return caller;
}

const NOT_YOURS = { error: 'no such class of yours' };

/** The roster person of a class by employee number, when on the roster. */
async function classMember(
  db: Queries,
  classId: number,
  employeeNo: string,
): Promise<Person | undefined> {
  const [person] = await db.query<Person>(
    `select p.id::int as id, p.name, p.employee_no as "employeeNo", p.department, p.role, p.login
     from class_members m join people p on p.id = m.person_id
     where m.class_id = $1 and lower(p.employee_no) = lower($2)`,
    [classId, employeeNo],
  );
  return person;
}

/** A bundled attempt as a submission (the device's score only as its claim), or why not. */
function bundledSubmission(
  attempt: BundledAttempt,
): { ok: true; submission: AttemptSubmission } | { ok: false; field: string; reason: string } {
  if (attempt.mode === 'observed')
    return { ok: false, field: 'mode', reason: 'observed attempts are recorded by the trainer' };
  const parsed = attemptSubmissionSchema.safeParse({
    id: attempt.id,
    scenarioId: attempt.scenarioId,
    scenarioVersion: attempt.scenarioVersion,
    mode: attempt.mode,
    startedAt: Math.round(attempt.startedAt),
    replies: transcriptReplies(attempt.report?.transcript ?? []),
    ...(attempt.score !== undefined ? { claimedScore: Math.round(attempt.score) } : {}),
  });
  if (parsed.success) return { ok: true, submission: parsed.data };
  const field = firstProblem(parsed.error);
  return { ok: false, field: field.split(':')[0] ?? 'body', reason: field };
}

/**
 * Imports one result bundle into a class: checked by core/result-bundle.ts with the class's code,
 * then each finished attempt of someone on the roster re-scored and stored by submitAttempt.
 */
async function importClassBundle(
  db: Database,
  catalog: Catalog,
  rescorer: Rescorer,
  klass: ServerClass,
  file: { name: string; text: string },
  origin: string,
): Promise<BundleFileResult> {
  const empty = { added: 0, duplicates: 0, refused: [], conflicts: [], rescoredDiffer: 0 };
  const code = klass.content.code;
  const check = await checkBundle(file.text, {
    name: file.name,
    ...(code ? { classCode: code } : {}),
  });
  if (!check.ok) {
    const { code: rejection, reason, detail } = check;
    return {
      name: file.name,
      status: 'rejected',
      ...empty,
      refusal: { code: rejection, reason, ...(detail !== undefined ? { detail } : {}) },
    };
  }
  const result: BundleFileResult = {
    name: file.name,
    status: 'imported',
    ...empty,
    refused: [...check.bundle.refused],
  };
  const refuse = (
    index: number,
    attempt: BundledAttempt,
    refusal: Omit<AttemptRefusal, 'index' | 'id' | 'reason'> & { why: string },
  ) =>
    result.refused.push({
      index,
      id: attempt.id,
      field: refusal.field,
      code: refusal.code,
      reason: `${file.name}: attempt ${index + 1} (${attempt.id}) refused, ${refusal.field}: ${refusal.why}`,
    });
  for (const [index, attempt] of check.bundle.attempts.entries()) {
    // Unfinished attempts have nothing to score: the device keeps them.
    if (attempt.status !== 'finished') continue;
    const person = await classMember(db, klass.id, attempt.trainee.employeeNo);
    if (!person) {
      refuse(index, attempt, {
        field: 'trainee.employeeNo',
        code: 'not-on-roster',
        why: `${attempt.trainee.employeeNo} is not on this class's roster`,
      });
      continue;
    }
    const bundled = bundledSubmission(attempt);
    if (!bundled.ok) {
      const code =
        bundled.field === 'mode'
          ? 'observed'
          : bundled.field === 'replies'
            ? 'no-replies'
            : 'implausible';
      refuse(index, attempt, { field: bundled.field, code, why: bundled.reason });
      continue;
    }
    const submitted = await submitAttempt(
      db,
      catalog,
      rescorer,
      { person, source: 'bundle', classId: klass.id },
      bundled.submission,
      origin,
    );
    if (submitted.status === 'unknown-scenario' || submitted.status === 'person-removed')
      refuse(index, attempt, {
        ...(submitted.status === 'unknown-scenario'
          ? { field: 'scenarioId', code: 'unknown-scenario' as const }
          : { field: 'trainee.employeeNo', code: 'not-on-roster' as const }),
        why: submitted.error,
      });
    else if (submitted.status === 'conflict') result.conflicts.push(attempt.id);
    else if (submitted.status === 'duplicate') result.duplicates += 1;
    else {
      result.added += 1;
      if (submitted.answer.difference) result.rescoredDiffer += 1;
    }
  }
  return result;
}

export function registerClassRoutes(
  app: FastifyInstance,
  db: Database,
  catalog: Catalog,
  rescorer: Rescorer,
): void {
  app.get('/api/classes', async (request, reply) => {
    const caller = await staffCaller(db, request, reply);
    if (!caller) return reply;
    const rows = await db.query<ClassRow>(
      `select ${CLASS_COLUMNS} from classes c join people t on t.id = c.trainer_id
       where ${visibleClasses(caller)} order by c.created_at desc, c.id desc limit 1000`,
      [caller.id],
    );
    return { classes: await Promise.all(rows.map((row) => asServerClass(db, row))) };
  });

  app.post('/api/classes', async (request, reply) => {
    const caller = await staffCaller(db, request, reply);
    if (!caller) return reply;
    const body = createSchema.safeParse(request.body);
    if (!body.success) return reply.status(400).send({ error: firstProblem(body.error) });
    const { content } = body.data;
    if (await refusedRoster(db, caller, content, reply)) return reply;
    const created = await db.transaction(async (tx) => {
      const [row] = await tx.query<{ id: number }>(
        `insert into classes (name, trainer_id, content) values ($1, $2, $3)
         on conflict (trainer_id, name) do nothing returning id::int as id`,
        [content.name, caller.id, JSON.stringify(content)],
      );
      if (!row) return undefined;
      await syncMembers(tx, row.id, content);
      return visibleClass(tx, caller, row.id);
    });
    if (!created)
      return reply
        .status(409)
        .send({ error: `you already have a class named "${content.name}": choose another name` });
    return reply.status(201).send({ class: await asServerClass(db, created) });
  });

  app.get('/api/classes/:id', async (request, reply) => {
    const caller = await staffCaller(db, request, reply);
    if (!caller) return reply;
    const params = idParams.safeParse(request.params);
    const row = params.success ? await visibleClass(db, caller, params.data.id) : undefined;
    if (!row) return reply.status(404).send(NOT_YOURS);
    return { class: await asServerClass(db, row) };
  });

  app.put('/api/classes/:id', async (request, reply) => {
    const caller = await staffCaller(db, request, reply);
    if (!caller) return reply;
    const params = idParams.safeParse(request.params);
    if (!params.success) return reply.status(404).send(NOT_YOURS);
    const body = updateSchema.safeParse(request.body);
    if (!body.success) return reply.status(400).send({ error: firstProblem(body.error) });
    const { revision, content } = body.data;
    if (await refusedRoster(db, caller, content, reply)) return reply;
    const outcome = await db.transaction(async (tx) => {
      const row = await visibleClass(tx, caller, params.data.id, true);
      if (!row) return { status: 404 as const };
      if (row.revision !== revision) return { status: 409 as const, row };
      const renamed = await tx.query(
        `select 1 from classes where trainer_id = $1 and name = $2 and id <> $3`,
        [row.trainerId, content.name, row.id],
      );
      if (renamed.length > 0) return { status: 400 as const };
      await tx.query(
        `update classes set name = $2, content = $3, revision = revision + 1, updated_at = now()
         where id = $1`,
        [row.id, content.name, JSON.stringify(content)],
      );
      await syncMembers(tx, row.id, content);
      return { status: 200 as const, row: (await visibleClass(tx, caller, row.id))! };
    });
    if (outcome.status === 404) return reply.status(404).send(NOT_YOURS);
    if (outcome.status === 400)
      return reply.status(400).send({ error: `content.name: "${content.name}" is taken` });
    const current = await asServerClass(db, outcome.row);
    if (outcome.status === 409)
      return reply.status(409).send({
        error: `the class was changed elsewhere (revision ${current.revision}, this change was based on ${revision})`,
        class: current,
      });
    return { class: current };
  });

  app.delete('/api/classes/:id', async (request, reply) => {
    const caller = await staffCaller(db, request, reply);
    if (!caller) return reply;
    const params = idParams.safeParse(request.params);
    const row = params.success ? await visibleClass(db, caller, params.data.id) : undefined;
    if (!row) return reply.status(404).send(NOT_YOURS);
    // Its attempts stay (their class_id is cleared): records are the company's, not the class's.
    await db.query('delete from classes where id = $1', [row.id]);
    return reply.status(204).send();
  });

  /** A role play typed on the trainer's device: re-scored here, kept as the rep's attempt. */
  app.post('/api/classes/:id/attempts', async (request, reply) => {
    const caller = await staffCaller(db, request, reply);
    if (!caller) return reply;
    const params = idParams.safeParse(request.params);
    const row = params.success ? await visibleClass(db, caller, params.data.id) : undefined;
    if (!row) return reply.status(404).send(NOT_YOURS);
    const body = classAttemptSchema.safeParse(request.body);
    if (!body.success) return reply.status(400).send({ error: firstProblem(body.error) });
    const { employeeNo, round, ...attempt } = body.data;
    const person = await classMember(db, row.id, employeeNo);
    if (!person)
      return reply.status(400).send({ error: `employeeNo: ${employeeNo} is not on the roster` });
    const submitted = await submitAttempt(
      db,
      catalog,
      rescorer,
      { person, source: 'pair', classId: row.id, ...(round ? { classRound: round } : {}) },
      attempt,
      originOf(request),
    );
    if ('error' in submitted)
      return reply.status(refusedStatus(submitted, 404)).send({ error: submitted.error });
    return reply
      .status(submitted.status === 'stored' ? 201 : 200)
      .send({ ...submitted.answer, duplicate: submitted.status === 'duplicate' });
  });

  // A result bundle is sent as the file itself (JSON), its name in ?name=.
  app.post('/api/classes/:id/bundles', { bodyLimit: MAX_BUNDLE_BYTES }, async (request, reply) => {
    const caller = await staffCaller(db, request, reply);
    if (!caller) return reply;
    const params = idParams.safeParse(request.params);
    const row = params.success ? await visibleClass(db, caller, params.data.id) : undefined;
    if (!row) return reply.status(404).send(NOT_YOURS);
    const name = (request.query as { name?: unknown }).name;
    const result = await importClassBundle(
      db,
      catalog,
      rescorer,
      await asServerClass(db, row),
      {
        name: typeof name === 'string' && name ? name.slice(0, 200) : 'bundle.json',
        text: JSON.stringify(request.body),
      },
      originOf(request),
    );
    return reply.status(result.status === 'imported' ? 200 : 400).send(result);
  });

  /** An observer's scorecard: scored here from its taps, kept as the rep's observed attempt. */
  app.post('/api/classes/:id/observations', async (request, reply) => {
    const caller = await staffCaller(db, request, reply);
    if (!caller) return reply;
    const params = idParams.safeParse(request.params);
    const row = params.success ? await visibleClass(db, caller, params.data.id) : undefined;
    if (!row) return reply.status(404).send(NOT_YOURS);
    const body = observationSchema.safeParse(request.body);
    if (!body.success) return reply.status(400).send({ error: firstProblem(body.error) });
    const { employeeNo, round, observer, done, heard, ...attempt } = body.data;
    const person = await classMember(db, row.id, employeeNo);
    if (!person)
      return reply.status(400).send({ error: `employeeNo: ${employeeNo} is not on the roster` });
    const submitted = await submitAttempt(
      db,
      catalog,
      rescorer,
      {
        person,
        source: 'observed',
        classId: row.id,
        observer,
        ...(round ? { classRound: round } : {}),
      },
      { ...attempt, mode: 'observed', replies: [] },
      originOf(request),
      { scored: (scenario, analyzer) => observedReport({ scenario, analyzer, done, heard }) },
    );
    if ('error' in submitted)
      return reply.status(refusedStatus(submitted, 404)).send({ error: submitted.error });
    return reply
      .status(submitted.status === 'stored' ? 201 : 200)
      .send({ ...submitted.answer, duplicate: submitted.status === 'duplicate' });
  });

  /** The class's attempts with the server's scores (the class summary reads them). */
  app.get('/api/classes/:id/attempts', async (request, reply) => {
    const caller = await staffCaller(db, request, reply);
    if (!caller) return reply;
    const params = idParams.safeParse(request.params);
    const row = params.success ? await visibleClass(db, caller, params.data.id) : undefined;
    if (!row) return reply.status(404).send(NOT_YOURS);
    const attempts = await db.query(
      `select a.id, a.name, a.employee_no as "employeeNo", a.department,
         a.scenario_id as "scenarioId", a.scenario_version as "scenarioVersion", a.mode,
         (extract(epoch from a.started_at) * 1000)::bigint::float8 as "startedAt", a.score,
         a.passed, a.claimed_score as "claimedScore", a.ending_kind as "endingKind",
         a.class_round as "classRound", a.source, a.observer, a.report
       from attempts a where a.class_id = $1 order by a.started_at`,
      [row.id],
    );
    return { attempts };
  });
}
