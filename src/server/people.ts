/**
 * People in the database: staff with a login and password, trainees from rosters, the classes
 * that say which trainer sees whom, one-time join links and the devices they bind.
 */
import type { RosterPerson } from '../core/roster-csv';
import type { Queries } from './database';
import { hashPassword, newToken, tokenHash } from './secrets';

export type Role = 'admin' | 'hr' | 'trainer' | 'trainee';

export interface Person {
  id: number;
  name: string;
  employeeNo: string | null;
  department: string;
  role: Role;
  login: string | null;
}

/** How long a join link stays usable. */
const JOIN_LINK_DAYS = 14;

/** The columns of `people` as a Person (id as a number). */
export const PERSON_COLUMNS =
  'p.id::int as id, p.name, p.employee_no as "employeeNo", p.department, p.role, p.login';

export class PeopleError extends Error {}

/** A new staff member who signs in with `login` and `password`. */
export async function createStaff(
  db: Queries,
  staff: { login: string; name: string; role: Role; password: string; department?: string },
): Promise<Person> {
  const hash = await hashPassword(staff.password);
  const [person] = await db.query<Person>(
    `insert into people as p (name, department, role, login, password_hash)
     values ($1, $2, $3, $4, $5) on conflict (login) do nothing returning ${PERSON_COLUMNS}`,
    [staff.name, staff.department ?? '', staff.role, staff.login, hash],
  );
  if (!person) throw new PeopleError(`the login "${staff.login}" is taken`);
  return person;
}

/** Sets a new password for a login (the admin command uses it to reset one). */
export async function setPassword(db: Queries, login: string, password: string): Promise<boolean> {
  const rows = await db.query(
    'update people set password_hash = $2 where login = $1 returning id',
    [login, await hashPassword(password)],
  );
  return rows.length > 0;
}

/**
 * Adds the roster's people as trainees (by employee number: someone already there keeps their
 * id and gets the roster's name and department, and its store and role when it names them).
 * Returns the people in roster order.
 */
export async function upsertTrainees(
  db: Queries,
  roster: readonly RosterPerson[],
): Promise<Person[]> {
  const people = await db.query<Person>(
    `with roster as (
       select * from unnest($1::text[], $2::text[], $3::text[]) with ordinality
         as r(name, employee_no, department, position)
     ), upserted as (
       insert into people as p (name, employee_no, department, role)
       select name, employee_no, department, 'trainee' from roster
       on conflict (employee_no) do update set name = excluded.name, department = excluded.department
       returning p.*
     )
     select ${PERSON_COLUMNS} from upserted p join roster r on r.employee_no = p.employee_no
     order by r.position`,
    [
      roster.map((person) => person.name),
      roster.map((person) => person.employeeNo),
      roster.map((person) => person.department),
    ],
  );
  // A store or role the roster names is kept; a roster without those columns leaves them as they were.
  const placed = roster.filter((person) => person.store || person.position);
  if (placed.length > 0)
    await db.query(
      `update people p set store = coalesce(r.store, p.store),
         position = coalesce(r.position, p.position)
       from unnest($1::text[], $2::text[], $3::text[]) as r(employee_no, store, position)
       where p.employee_no = r.employee_no`,
      [
        placed.map((person) => person.employeeNo),
        placed.map((person) => person.store ?? null),
        placed.map((person) => person.position ?? null),
      ],
    );
  return people;
}

/**
 * Adds the roster's people as trainees (upsertTrainees) and, when `trainerId` is given, puts them
 * in that trainer's class `className`. Returns the people in roster order.
 */
export async function importRoster(
  db: Queries,
  roster: readonly RosterPerson[],
  trainerId: number | undefined,
  className: string,
): Promise<Person[]> {
  const people = await upsertTrainees(db, roster);
  if (trainerId !== undefined) {
    const [klass] = await db.query<{ id: number }>(
      `insert into classes (name, trainer_id) values ($1, $2)
       on conflict (trainer_id, name) do update set name = excluded.name returning id::int as id`,
      [className, trainerId],
    );
    await db.query(
      `insert into class_members (class_id, person_id) select $1, unnest($2::bigint[])
       on conflict do nothing`,
      [klass!.id, people.map((person) => person.id)],
    );
  }
  return people;
}

/**
 * New one-time join tokens for these people (any unused earlier link of theirs stops working).
 * Returns person id → token; only the tokens' hashes are stored.
 */
export async function issueJoinTokens(
  db: Queries,
  personIds: readonly number[],
  createdBy: number,
): Promise<Map<number, { token: string; expiresAt: Date }>> {
  const tokens = personIds.map(() => newToken());
  const expiresAt = new Date(Date.now() + JOIN_LINK_DAYS * 86_400_000);
  await db.query(
    'delete from join_tokens where person_id = any($1::bigint[]) and used_at is null',
    [personIds],
  );
  await db.query(
    `insert into join_tokens (token_hash, person_id, created_by, expires_at)
     select unnest($1::text[]), unnest($2::bigint[]), $3, $4`,
    [tokens.map(tokenHash), personIds, createdBy, expiresAt],
  );
  return new Map(personIds.map((id, index) => [id, { token: tokens[index]!, expiresAt }]));
}

/**
 * Uses a join token (once: a second use, an expired or unknown token gives undefined) and
 * binds a new device to its person; returns the device token and the person.
 */
export async function joinDevice(
  db: Queries,
  joinToken: string,
): Promise<{ deviceToken: string; person: Person } | undefined> {
  const [used] = await db.query<{ person_id: string }>(
    `update join_tokens set used_at = now()
     where token_hash = $1 and used_at is null and expires_at > now() returning person_id`,
    [tokenHash(joinToken)],
  );
  if (!used) return undefined;
  return bindDevice(db, Number(used.person_id));
}

/** A device token for a person (join links call it; the benchmark seeds devices with it). */
export async function bindDevice(
  db: Queries,
  personId: number,
): Promise<{ deviceToken: string; person: Person }> {
  const deviceToken = newToken();
  await db.query('insert into devices (token_hash, person_id) values ($1, $2)', [
    tokenHash(deviceToken),
    personId,
  ]);
  const [person] = await db.query<Person>(`select ${PERSON_COLUMNS} from people p where id = $1`, [
    personId,
  ]);
  return { deviceToken, person: person! };
}

/** Why a trainer's roster or class may not take a person (409), before their employee numbers. */
export const IN_ANOTHER_CLASS = "in another trainer's class (ask HR)";

/**
 * Employee numbers among `employeeNos` that are in another trainer's class and in none of
 * `trainerId`'s: a trainer may take people HR brought in, not a colleague's (that would show
 * them the person's records and give them the person's join link).
 */
export async function inOtherTrainersClasses(
  db: Queries,
  trainerId: number,
  employeeNos: readonly string[],
): Promise<string[]> {
  const rows = await db.query<{ employeeNo: string }>(
    `select p.employee_no as "employeeNo" from people p
     where p.employee_no = any($2::text[]) and not ${visiblePeople('trainer', 'p.id')}
       and exists (select 1 from class_members m where m.person_id = p.id)
     order by p.employee_no`,
    [trainerId, employeeNos],
  );
  return rows.map((row) => row.employeeNo);
}

/**
 * The SQL condition "person `column` is visible to the caller" ($1 is the caller's id):
 * HR and admins see everyone, a trainer the people of their classes, a trainee only themself.
 */
export function visiblePeople(role: Role, column: string): string {
  if (role === 'admin' || role === 'hr') return '$1::bigint is not null';
  if (role === 'trainer')
    return `${column} in (select m.person_id from class_members m
      join classes c on c.id = m.class_id where c.trainer_id = $1)`;
  return `${column} = $1`;
}
