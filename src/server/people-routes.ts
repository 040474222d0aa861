/**
 * People routes: signing in and out, staff accounts, roster import with one-time join links,
 * and joining a device. Who may do what is checked by `authorise` on each route.
 */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { decodeRosterFile, parseRosterCsv } from '../core/roster-csv';
import {
  firstProblem,
  joinSchema,
  rosterRequestSchema,
  signInSchema,
  staffSchema,
} from './api-schemas';
import { recordAudit } from './audit';
import type { Database } from './database';
import {
  authorise,
  callerOf,
  publicPerson,
  SESSION_COOKIE,
  SESSION_HOURS,
  signIn,
  signOut,
} from './identity';
import {
  createStaff,
  importRoster,
  inOtherTrainersClasses,
  IN_ANOTHER_CLASS,
  issueJoinTokens,
  joinDevice,
  PeopleError,
  PERSON_COLUMNS,
  visiblePeople,
  type Person,
} from './people';

/** Sign-in tries per client address per minute. */
const SIGN_IN_LIMIT = 10;

/** The link a person opens once on their device: the app's join page with the token. */
function joinUrl(request: FastifyRequest, token: string): string {
  return `${request.protocol}://${request.host}/#/join/${token}`;
}

function sessionCookie(request: FastifyRequest) {
  return {
    path: '/',
    httpOnly: true,
    sameSite: 'strict' as const,
    secure: request.protocol === 'https',
  };
}

/** The roster a request carries: CSV bytes (text/csv, any encoding we read) or JSON {csv}. */
function rosterOf(
  request: FastifyRequest,
): { text: string; className: string | undefined } | { error: string } {
  if (Buffer.isBuffer(request.body)) {
    const className = (request.query as { class?: unknown }).class;
    return {
      text: decodeRosterFile(request.body).text,
      className: typeof className === 'string' && className.trim() ? className.trim() : undefined,
    };
  }
  const body = rosterRequestSchema.safeParse(request.body);
  if (!body.success) return { error: firstProblem(body.error) };
  return { text: body.data.csv, className: body.data.className };
}

export function registerPeopleRoutes(app: FastifyInstance, db: Database): void {
  // Roster files come as they were saved (UTF-8 or GB18030): read as bytes, decoded here.
  app.addContentTypeParser(['text/csv', 'text/plain'], { parseAs: 'buffer' }, (_r, body, done) =>
    done(null, body),
  );

  app.post(
    '/api/session',
    { config: { rateLimit: { max: SIGN_IN_LIMIT, timeWindow: '1 minute' } } },
    async (request, reply) => {
      const body = signInSchema.safeParse(request.body);
      if (!body.success) return reply.status(400).send({ error: firstProblem(body.error) });
      const session = await signIn(db, body.data.login, body.data.password);
      if (!session) return reply.status(401).send({ error: 'wrong login or password' });
      void reply.setCookie(SESSION_COOKIE, session.token, {
        ...sessionCookie(request),
        maxAge: SESSION_HOURS * 3600,
      });
      return { person: publicPerson(session.person), csrfToken: session.csrfToken };
    },
  );

  app.get('/api/session', async (request, reply) => {
    const caller = await callerOf(db, request);
    if (!caller || caller.via !== 'session') {
      // The sign-in page tells a new company how to create its first administrator.
      const [admin] = await db.query("select 1 from people where role = 'admin' limit 1");
      return reply.status(401).send({ error: 'not signed in', firstRun: !admin });
    }
    return { person: publicPerson(caller), csrfToken: caller.csrfToken };
  });

  app.delete('/api/session', async (request, reply) => {
    const caller = await authorise(db, request, reply, ['admin', 'hr', 'trainer']);
    if (!caller) return reply;
    await signOut(db, request.cookies[SESSION_COOKIE] ?? '');
    void reply.clearCookie(SESSION_COOKIE, sessionCookie(request));
    return reply.status(204).send();
  });

  /** Whoever is calling: a signed-in staff member or a joined device's person. */
  app.get('/api/me', async (request, reply) => {
    const caller = await authorise(db, request, reply, ['admin', 'hr', 'trainer', 'trainee']);
    if (!caller) return reply;
    return publicPerson(caller);
  });

  app.post('/api/people', async (request, reply) => {
    const caller = await authorise(db, request, reply, ['admin', 'hr']);
    if (!caller) return reply;
    const body = staffSchema.safeParse(request.body);
    if (!body.success) return reply.status(400).send({ error: firstProblem(body.error) });
    if (body.data.role === 'admin' && caller.role !== 'admin')
      return reply.status(403).send({ error: 'only an administrator can add an administrator' });
    try {
      const person = await db.transaction(async (tx) => {
        const person = await createStaff(tx, body.data);
        await recordAudit(tx, caller, 'staff-create', {
          personId: person.id,
          login: person.login,
          role: person.role,
        });
        return person;
      });
      return reply.status(201).send(publicPerson(person));
    } catch (error) {
      if (error instanceof PeopleError) return reply.status(409).send({ error: error.message });
      throw error;
    }
  });

  app.get('/api/people', async (request, reply) => {
    const caller = await authorise(db, request, reply, ['admin', 'hr', 'trainer']);
    if (!caller) return reply;
    const people = await db.query<Person & { joined: boolean }>(
      `select ${PERSON_COLUMNS},
         exists (select 1 from devices d where d.person_id = p.id) as joined
       from people p where ${visiblePeople(caller.role, 'p.id')} order by p.department, p.name, p.id`,
      [caller.id],
    );
    return { people };
  });

  app.post('/api/roster', async (request, reply) => {
    const caller = await authorise(db, request, reply, ['admin', 'hr', 'trainer']);
    if (!caller) return reply;
    const roster = rosterOf(request);
    if ('error' in roster) return reply.status(400).send({ error: roster.error });
    const { trainees, problems } = parseRosterCsv(roster.text);
    if (trainees.length === 0)
      return reply.status(400).send({ error: 'the roster has no good rows', problems });
    // A trainer's roster is their class (its people become theirs to see); HR's adds people only.
    const trainerId = caller.role === 'trainer' ? caller.id : undefined;
    if (trainerId !== undefined) {
      const others = await inOtherTrainersClasses(
        db,
        trainerId,
        trainees.map((person) => person.employeeNo),
      );
      if (others.length > 0)
        return reply.status(409).send({ error: `${IN_ANOTHER_CLASS}: ${others.join(', ')}` });
    }
    const className = roster.className ?? new Date().toISOString().slice(0, 10);
    const { people, tokens } = await db.transaction(async (tx) => {
      const people = await importRoster(tx, trainees, trainerId, className);
      const tokens = await issueJoinTokens(
        tx,
        people.map((person) => person.id),
        caller.id,
      );
      await recordAudit(tx, caller, 'roster-import', {
        people: people.length,
        skipped: problems.length,
        ...(trainerId === undefined ? {} : { className }),
      });
      return { people, tokens };
    });
    return reply.status(201).send({
      people: people.map((person) => ({
        ...publicPerson(person),
        joinUrl: joinUrl(request, tokens.get(person.id)!.token),
        joinExpiresAt: tokens.get(person.id)!.expiresAt.toISOString(),
      })),
      problems,
    });
  });

  /** A fresh join link for one person (a lost or new phone); their unused link stops working. */
  app.post('/api/people/:id/join-link', async (request, reply) => {
    const caller = await authorise(db, request, reply, ['admin', 'hr', 'trainer']);
    if (!caller) return reply;
    const id = Number((request.params as { id: string }).id);
    const [person] = Number.isSafeInteger(id)
      ? await db.query<Person>(
          `select ${PERSON_COLUMNS} from people p
           where p.id = $2 and p.role = 'trainee' and ${visiblePeople(caller.role, 'p.id')}`,
          [caller.id, id],
        )
      : [];
    if (!person) return reply.status(404).send({ error: 'no such trainee of yours' });
    const token = await db.transaction(async (tx) => {
      const tokens = await issueJoinTokens(tx, [person.id], caller.id);
      await recordAudit(tx, caller, 'join-link', { personId: person.id });
      return tokens.get(person.id)!;
    });
    return reply.status(201).send({
      person: publicPerson(person),
      joinUrl: joinUrl(request, token.token),
      joinExpiresAt: token.expiresAt.toISOString(),
    });
  });

  /** A device opens its join link: the token is spent and the device gets its own token. */
  // A whole class joins at once from one address: only the API's general limit applies here
  // (a join token is 256 random bits; guessing one is hopeless at any rate).
  app.post('/api/join', async (request, reply) => {
    const body = joinSchema.safeParse(request.body);
    if (!body.success) return reply.status(400).send({ error: firstProblem(body.error) });
    const joined = await db.transaction((tx) => joinDevice(tx, body.data.token));
    if (!joined)
      return reply
        .status(410)
        .send({ error: 'this join link was already used or has expired: ask for a new one' });
    return reply
      .status(201)
      .send({ deviceToken: joined.deviceToken, person: publicPerson(joined.person) });
  });
}
