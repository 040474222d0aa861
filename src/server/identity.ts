/**
 * Who is calling: a staff member signed in with a password (a session cookie, HttpOnly and
 * SameSite=Strict, whose writes must also carry the session's CSRF token in X-CSRF-Token) or a
 * joined device (Authorization: Bearer <device token>). Sessions live in the database, so any
 * server process on it knows them.
 */
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Queries } from './database';
import { PERSON_COLUMNS, type Person, type Role } from './people';
import { newToken, tokenHash, verifyPassword } from './secrets';

export const SESSION_COOKIE = 'sd_session';
/** How long a sign-in lasts. */
export const SESSION_HOURS = 12;

export interface Caller extends Person {
  via: 'session' | 'device';
  /** The session's CSRF token (sessions only). */
  csrfToken?: string;
}

/** A hash to verify against when the login is unknown, so both failures take as long. */
const NOBODY_HASH =
  'scrypt$32768$8$1$AAAAAAAAAAAAAAAAAAAAAA$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA';

/** Checks a login and password; a new session (token, CSRF token) for the person, or undefined. */
export async function signIn(
  db: Queries,
  login: string,
  password: string,
): Promise<{ token: string; csrfToken: string; person: Person } | undefined> {
  const [row] = await db.query<Person & { password_hash: string }>(
    `select ${PERSON_COLUMNS}, p.password_hash from people p where p.login = $1`,
    [login],
  );
  const matches = await verifyPassword(password, row?.password_hash ?? NOBODY_HASH);
  if (!row || !matches) return undefined;
  const token = newToken();
  const csrfToken = newToken();
  await db.query(
    `insert into sessions (token_hash, person_id, csrf_token, expires_at)
     values ($1, $2, $3, now() + make_interval(hours => $4))`,
    [tokenHash(token), row.id, csrfToken, SESSION_HOURS],
  );
  // Expired sessions are cleared as people sign in.
  await db.query('delete from sessions where expires_at < now()');
  const { password_hash: _hash, ...person } = row;
  return { token, csrfToken, person };
}

export async function signOut(db: Queries, token: string): Promise<void> {
  await db.query('delete from sessions where token_hash = $1', [tokenHash(token)]);
}

/** The hash of the request's bearer device token, if it sends one. */
export function deviceTokenHash(request: FastifyRequest): string | undefined {
  const bearer = /^Bearer ([A-Za-z0-9_-]{20,100})$/.exec(request.headers.authorization ?? '');
  return bearer ? tokenHash(bearer[1]!) : undefined;
}

/**
 * The caller of a request, from its bearer device token or its session cookie. `also` (SQL:
 * `, expression as "name"`, no parameters) reads more in the same round trip, onto the caller.
 */
export async function callerOf<Also extends object = object>(
  db: Queries,
  request: FastifyRequest,
  also = '',
): Promise<(Caller & Also) | undefined> {
  const device = deviceTokenHash(request);
  if (device) {
    const [person] = await db.query<Person & Also>(
      `select ${PERSON_COLUMNS}${also} from devices d join people p on p.id = d.person_id
       where d.token_hash = $1`,
      [device],
      { prepare: true },
    );
    return person && { ...person, via: 'device' };
  }
  const token = request.cookies[SESSION_COOKIE];
  if (!token) return undefined;
  const [row] = await db.query<Person & Also & { csrfToken: string }>(
    `select ${PERSON_COLUMNS}, s.csrf_token as "csrfToken"${also} from sessions s
     join people p on p.id = s.person_id where s.token_hash = $1 and s.expires_at > now()`,
    [tokenHash(token)],
    { prepare: true },
  );
  return row && { ...row, via: 'session' };
}

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * The caller when they may use this route (one of `roles`), else undefined after answering 401
 * (nobody signed in or joined), 403 (another role) or 403 (a cookie write without its CSRF token).
 */
export async function authorise<Also extends object = object>(
  db: Queries,
  request: FastifyRequest,
  reply: FastifyReply,
  roles: readonly Role[],
  /** More to read in the same round trip (see callerOf). */
  also = '',
): Promise<(Caller & Also) | undefined> {
  const caller = await callerOf<Also>(db, request, also);
  if (!caller) {
    await reply.status(401).send({ error: 'sign in (or join this device) first' });
    return undefined;
  }
  if (
    caller.via === 'session' &&
    !SAFE_METHODS.has(request.method) &&
    request.headers['x-csrf-token'] !== caller.csrfToken
  ) {
    await reply.status(403).send({ error: 'missing or wrong X-CSRF-Token header' });
    return undefined;
  }
  if (!roles.includes(caller.role)) {
    await reply.status(403).send({ error: `not allowed for the role "${caller.role}"` });
    return undefined;
  }
  return caller;
}

/** The person as the API shows them (no login for trainees, nothing secret). */
export function publicPerson(person: Person): Person {
  return {
    id: person.id,
    name: person.name,
    employeeNo: person.employeeNo,
    department: person.department,
    role: person.role,
    login: person.login,
  };
}
