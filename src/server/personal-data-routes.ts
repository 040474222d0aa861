/**
 * Personal data on request (HR and administrators): everything the server holds on one person
 * as a JSON file, and deleting a trainee with their devices, sessions, join links, attempts,
 * best scores and xAPI statements; and the audit log (audit.ts) that records both, with the
 * other actions that change people, content and where data goes.
 */
import type { FastifyInstance } from 'fastify';
import { AUDIT_KINDS, type AuditKind } from '../core/audit-kinds';
import { auditPage, recordAudit } from './audit';
import type { Database, Queries } from './database';
import { authorise } from './identity';
import { PERSON_COLUMNS, type Person } from './people';

/** The version of the export file's shape. */
const EXPORT_SCHEMA_VERSION = 1;

const iso = (column: string) =>
  `to_char(${column} at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`;

/** Everything stored on the person (never a password hash or a token hash). */
async function personalData(db: Queries, person: Person) {
  const [created] = await db.query<{ createdAt: string }>(
    `select ${iso('created_at')} as "createdAt" from people where id = $1`,
    [person.id],
  );
  const classes = await db.query(
    `select c.name, t.name as trainer from class_members m join classes c on c.id = m.class_id
     join people t on t.id = c.trainer_id where m.person_id = $1 order by c.name`,
    [person.id],
  );
  const devices = await db.query(
    `select ${iso('joined_at')} as "joinedAt", ${iso('last_seen_at')} as "lastSeenAt"
     from devices where person_id = $1 order by joined_at`,
    [person.id],
  );
  const joinLinks = await db.query(
    `select ${iso('created_at')} as "createdAt", ${iso('expires_at')} as "expiresAt",
       ${iso('used_at')} as "usedAt" from join_tokens where person_id = $1 order by created_at`,
    [person.id],
  );
  const attempts = await db.query(
    `select a.id, a.scenario_id as "scenarioId", a.scenario_version as "scenarioVersion", a.mode,
       ${iso('a.started_at')} as "startedAt", ${iso('a.received_at')} as "receivedAt",
       a.name, a.employee_no as "employeeNo", a.department, a.score, a.passed,
       a.claimed_score as "claimedScore", a.ending_kind as "endingKind",
       a.rule_packs as "rulePacks", a.status, a.replies, a.report
     from attempts a where ${ownAttempts('a')} order by a.started_at`,
    [person.id, person.employeeNo],
  );
  const bestScores = await db.query(
    `select scenario_id as "scenarioId", best_score as "bestScore", passed, attempts,
       ${iso('last_at')} as "lastAt" from best_scores where person_id = $1 order by scenario_id`,
    [person.id],
  );
  const xapiStatements = await db.query(
    `select o.statement_id as "statementId", o.state, ${iso('o.sent_at')} as "sentAt", o.statement
     from xapi_outbox o join attempts a on a.id = o.attempt_id
     where ${ownAttempts('a')} order by o.happened_at, o.seq`,
    [person.id, person.employeeNo],
  );
  return {
    schemaVersion: EXPORT_SCHEMA_VERSION,
    exportedAt: new Date().toISOString(),
    person: { ...person, createdAt: created?.createdAt ?? null },
    classes,
    devices,
    joinLinks,
    attempts,
    bestScores,
    xapiStatements,
  };
}

/** Attempts of person $1: sent by their devices, or stored before people existed under their number ($2). */
const ownAttempts = (alias: string) =>
  `(${alias}.person_id = $1 or (${alias}.person_id is null and $2::text is not null
    and ${alias}.employee_no = $2))`;

/** Deletes a trainee and everything kept on them; the audit entry names only the id. */
async function deletePerson(tx: Queries, person: Person, actor: Person): Promise<void> {
  const params = [person.id, person.employeeNo];
  // Statements already sent are in the LRS; the copies here go with the attempts.
  await tx.query(
    `delete from xapi_outbox o using attempts a where a.id = o.attempt_id and ${ownAttempts('a')}`,
    params,
  );
  await tx.query(`delete from attempts a where ${ownAttempts('a')}`, params);
  // Devices, sessions, join links, class places and best scores go with the person (cascade).
  await tx.query('delete from people where id = $1', [person.id]);
  await recordAudit(tx, actor, 'person-delete', { personId: person.id });
}

export function registerPersonalData(app: FastifyInstance, db: Database): void {
  const governors = ['admin', 'hr'] as const;

  const personOf = async (idText: string): Promise<Person | undefined> => {
    const id = Number(idText);
    if (!Number.isSafeInteger(id)) return undefined;
    const [person] = await db.query<Person>(
      `select ${PERSON_COLUMNS} from people p where p.id = $1`,
      [id],
    );
    return person;
  };

  app.get('/api/people/:id/export', async (request, reply) => {
    const caller = await authorise(db, request, reply, governors);
    if (!caller) return reply;
    const person = await personOf((request.params as { id: string }).id);
    if (!person) return reply.status(404).send({ error: 'no such person' });
    const data = await db.transaction(async (tx) => {
      const data = await personalData(tx, person);
      await recordAudit(tx, caller, 'person-export', { personId: person.id });
      return data;
    });
    return reply
      .header('content-disposition', `attachment; filename="person-${person.id}.json"`)
      .header('cache-control', 'no-store')
      .send(data);
  });

  app.delete('/api/people/:id', async (request, reply) => {
    const caller = await authorise(db, request, reply, governors);
    if (!caller) return reply;
    const person = await personOf((request.params as { id: string }).id);
    if (!person) return reply.status(404).send({ error: 'no such person' });
    // Staff accounts sign their published versions and classes: they are not deleted here.
    if (person.role !== 'trainee')
      return reply
        .status(409)
        .send({ error: 'only trainees are deleted here, not staff accounts' });
    await db.transaction((tx) => deletePerson(tx, person, caller));
    return reply.status(204).send();
  });

  app.get('/api/audit', async (request, reply) => {
    if (!(await authorise(db, request, reply, governors))) return reply;
    const query = request.query as { before?: string; kind?: string };
    const before = query.before === undefined ? undefined : Number(query.before);
    if (before !== undefined && !Number.isSafeInteger(before))
      return reply.status(400).send({ error: 'before: an entry id' });
    const kind = query.kind || undefined;
    if (kind !== undefined && !(AUDIT_KINDS as readonly string[]).includes(kind))
      return reply.status(400).send({ error: `kind: one of ${AUDIT_KINDS.join(', ')}` });
    return auditPage(db, { before, kind: kind as AuditKind | undefined });
  });
}
