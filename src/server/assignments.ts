/**
 * Assignments: a scenario to pass, in one of the modes that count, by a due time, for the trainees
 * a target names (departments, stores, roles, people; anyone any of them names). Who is targeted
 * is read when asked, so people added to a department later are included. A person's state: passed
 * (a passing attempt in a counted mode, even late), overdue (past due and not passed), in progress
 * (a counted attempt, not passed yet) or not started. Rates are over headcount.
 */
import type { Mode } from '../core/scenario-schema';
import type { Queries } from './database';
import { visiblePeople, type Role } from './people';

export interface Assignment {
  id: number;
  scenarioId: string;
  modes: Mode[];
  /** When it is due (ms since 1970). */
  dueAt: number;
  departments: string[];
  stores: string[];
  positions: string[];
  personIds: number[];
  createdBy: number;
  createdAt: number;
}

export type AssignmentState = 'not-started' | 'in-progress' | 'passed' | 'overdue';

export interface AssigneeStatus {
  id: number;
  name: string;
  employeeNo: string;
  department: string;
  store: string;
  position: string;
  state: AssignmentState;
  /** Best score in the counted modes; null before the first counted attempt. */
  best: number | null;
  attempts: number;
  /** When they first passed in a counted mode (ms), and whether that was after the due time. */
  passedAt: number | null;
  late: boolean;
}

export type StateCounts = Record<AssignmentState, number>;

export interface GroupStatus {
  headcount: number;
  counts: StateCounts;
  /** passed / headcount, 0–1. */
  passRate: number;
}

export interface AssignmentStatus extends GroupStatus {
  assignment: Assignment;
  people: AssigneeStatus[];
  byDepartment: (GroupStatus & { department: string })[];
  byStore: (GroupStatus & { store: string })[];
}

export const ASSIGNMENT_COLUMNS = `a.id::int as id, a.scenario_id as "scenarioId", a.modes,
  (extract(epoch from a.due_at) * 1000)::bigint::float8 as "dueAt", a.departments, a.stores,
  a.positions, a.person_ids::int[] as "personIds", a.created_by::int as "createdBy",
  (extract(epoch from a.created_at) * 1000)::bigint::float8 as "createdAt"`;

/** The SQL condition "trainee `p` is targeted by assignment `a`". */
export const TARGETED = `p.role = 'trainee' and (p.department = any(a.departments)
  or p.store = any(a.stores) or p.position = any(a.positions) or p.id = any(a.person_ids))`;

export type NewAssignment = Omit<Assignment, 'id' | 'createdBy' | 'createdAt'>;

export async function createAssignment(
  db: Queries,
  assignment: NewAssignment,
  createdBy: number,
): Promise<Assignment> {
  const [created] = await db.query<Assignment>(
    `insert into assignments as a (scenario_id, modes, due_at, departments, stores, positions,
       person_ids, created_by)
     values ($1, $2, to_timestamp($3 / 1000.0), $4, $5, $6, $7, $8)
     returning ${ASSIGNMENT_COLUMNS}`,
    [
      assignment.scenarioId,
      assignment.modes,
      assignment.dueAt,
      assignment.departments,
      assignment.stores,
      assignment.positions,
      assignment.personIds,
      createdBy,
    ],
  );
  return created!;
}

export async function listAssignments(db: Queries): Promise<Assignment[]> {
  return db.query<Assignment>(
    `select ${ASSIGNMENT_COLUMNS} from assignments a order by a.due_at, a.id`,
  );
}

export async function assignmentById(db: Queries, id: number): Promise<Assignment | undefined> {
  const [found] = await db.query<Assignment>(
    `select ${ASSIGNMENT_COLUMNS} from assignments a where a.id = $1`,
    [id],
  );
  return found;
}

export async function deleteAssignment(db: Queries, id: number): Promise<boolean> {
  return (await db.query('delete from assignments where id = $1 returning id', [id])).length > 0;
}

/** A person's state at `now` from their counted attempts. */
export function stateOf(
  row: { passed: boolean; attempts: number },
  dueAt: number,
  now: number,
): AssignmentState {
  if (row.passed) return 'passed';
  if (now > dueAt) return 'overdue';
  return row.attempts > 0 ? 'in-progress' : 'not-started';
}

function group(people: readonly AssigneeStatus[]): GroupStatus {
  const counts: StateCounts = { 'not-started': 0, 'in-progress': 0, passed: 0, overdue: 0 };
  for (const person of people) counts[person.state] += 1;
  return {
    headcount: people.length,
    counts,
    passRate: people.length === 0 ? 0 : counts.passed / people.length,
  };
}

function groupsBy<K extends 'department' | 'store'>(
  people: readonly AssigneeStatus[],
  key: K,
): (GroupStatus & Record<K, string>)[] {
  const groups = new Map<string, AssigneeStatus[]>();
  for (const person of people)
    groups.set(person[key], [...(groups.get(person[key]) ?? []), person]);
  return [...groups].map(
    ([name, members]) => ({ [key]: name, ...group(members) }) as GroupStatus & Record<K, string>,
  );
}

/** Everyone the assignment targets whom the caller may see, each with their state at `now`. */
export async function assignmentStatus(
  db: Queries,
  assignment: Assignment,
  caller: { id: number; role: Role },
  now: number,
): Promise<AssignmentStatus> {
  const rows = await db.query<
    Omit<AssigneeStatus, 'state' | 'late' | 'passed'> & { passed: boolean }
  >(
    `select p.id::int as id, p.name, p.employee_no as "employeeNo", p.department, p.store,
       p.position, max(m.best_score)::int as best, coalesce(sum(m.attempts), 0)::int as attempts,
       coalesce(bool_or(m.passed), false) as passed,
       (extract(epoch from min(m.first_passed_at)) * 1000)::bigint::float8 as "passedAt"
     from assignments a join people p on ${TARGETED}
     left join mode_scores m on m.person_id = p.id and m.scenario_id = a.scenario_id
       and m.mode = any(a.modes)
     where a.id = $2 and ${visiblePeople(caller.role, 'p.id')}
     group by p.id order by p.department, p.store, p.name, p.id`,
    [caller.id, assignment.id],
  );
  const people = rows.map(({ passed, ...row }) => ({
    ...row,
    state: stateOf({ passed, attempts: row.attempts }, assignment.dueAt, now),
    late: row.passedAt !== null && row.passedAt > assignment.dueAt,
  }));
  return {
    assignment,
    ...group(people),
    people,
    byDepartment: groupsBy(people, 'department'),
    byStore: groupsBy(people, 'store'),
  };
}

/** What an assignment may target: the departments, stores and roles on the roster, and its people. */
export async function assignmentTargets(db: Queries, caller: { id: number; role: Role }) {
  const people = await db.query<{
    id: number;
    name: string;
    employeeNo: string;
    department: string;
    store: string;
    position: string;
  }>(
    `select p.id::int as id, p.name, p.employee_no as "employeeNo", p.department, p.store,
       p.position from people p
     where p.role = 'trainee' and ${visiblePeople(caller.role, 'p.id')}
     order by p.department, p.name, p.id`,
    [caller.id],
  );
  const distinct = (values: string[]) =>
    [...new Set(values.filter((value) => value !== ''))].sort();
  return {
    departments: distinct(people.map((person) => person.department)),
    stores: distinct(people.map((person) => person.store)),
    positions: distinct(people.map((person) => person.position)),
    people,
  };
}
