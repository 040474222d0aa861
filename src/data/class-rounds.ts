/**
 * Classroom role play (the games of 001_bb853a58b24a26b1.txt): the roster, pairing (an odd roster
 * makes one trio whose third member observes), rounds with a role swap, the round timer and what
 * the projector shows. Pure functions over the class record.
 */
import {
  type ClassGroup,
  type ClassRecord,
  type ClassRound,
  type RoleAssignment,
  type RosterEntry,
  type Trainee,
} from './db';

/** Round length of the games in 001_bb853a58b24a26b1.txt (时间为30分钟). */
export const DEFAULT_ROUND_MINUTES = 30;

// ---------------------------------------------------------------- roster and pairing

/** Roster entries for trainees, with fresh ids. */
export function toRoster(trainees: readonly Trainee[]): RosterEntry[] {
  return trainees.map((trainee) => ({ ...trainee, id: crypto.randomUUID() }));
}

/** Adds trainees not already on the roster (same employee number); returns the new roster and how many were skipped. */
export function mergeRoster(
  roster: readonly RosterEntry[],
  trainees: readonly Trainee[],
): { roster: RosterEntry[]; skipped: number } {
  const known = new Set(roster.map((entry) => entry.employeeNo.toLowerCase()));
  const fresh = trainees.filter((trainee) => {
    const key = trainee.employeeNo.toLowerCase();
    if (known.has(key)) return false;
    known.add(key);
    return true;
  });
  return { roster: [...roster, ...toRoster(fresh)], skipped: trainees.length - fresh.length };
}

/** Groups roster ids in the given order: pairs, and with an odd count the last group is a trio. */
export function groupInOrder(ids: readonly string[]): ClassGroup[] {
  if (ids.length < 2) return [];
  const groups: ClassGroup[] = [];
  for (let index = 0; index + 1 < ids.length; index += 2)
    groups.push({ id: `g${groups.length + 1}`, members: ids.slice(index, index + 2) });
  const last = groups[groups.length - 1];
  const odd = ids[ids.length - 1];
  if (ids.length % 2 === 1 && last && odd !== undefined) last.members.push(odd);
  return groups;
}

/** Random pairs (Fisher–Yates with `random`); an odd roster gets one trio with an observer. */
export function pairRandomly(
  ids: readonly string[],
  random: () => number = Math.random,
): ClassGroup[] {
  const shuffled = [...ids];
  for (let index = shuffled.length - 1; index > 0; index -= 1) {
    const other = Math.floor(random() * (index + 1));
    const here = shuffled[index];
    const there = shuffled[other];
    if (here === undefined || there === undefined) continue;
    shuffled[index] = there;
    shuffled[other] = here;
  }
  return groupInOrder(shuffled);
}

/** One thing wrong with manual groups: a group's size, or a trainee in no group or in several. */
export interface GroupProblem {
  code: 'size' | 'missing' | 'twice';
  /** The group id (size) or the trainee's name. */
  who: string;
  count: number;
}

/** What is wrong with manual groups: everyone exactly once, groups of 2 or 3. */
export function groupProblems(
  groups: readonly ClassGroup[],
  roster: readonly RosterEntry[],
): GroupProblem[] {
  const problems: GroupProblem[] = [];
  const count = new Map<string, number>();
  for (const group of groups) {
    if (group.members.length < 2 || group.members.length > 3)
      problems.push({ code: 'size', who: group.id, count: group.members.length });
    for (const member of group.members) count.set(member, (count.get(member) ?? 0) + 1);
  }
  for (const entry of roster) {
    const times = count.get(entry.id) ?? 0;
    if (times === 0) problems.push({ code: 'missing', who: entry.name, count: 0 });
    if (times > 1) problems.push({ code: 'twice', who: entry.name, count: times });
  }
  return problems;
}

/** The scenario a group plays: its own choice if still one of the class's, else the class's scenarios in turn. */
export function groupScenarioId(record: ClassRecord, groupId: string): string | undefined {
  const index = record.groups.findIndex((group) => group.id === groupId);
  const chosen = record.groups[index]?.scenarioId;
  if (chosen !== undefined && record.scenarioIds.includes(chosen)) return chosen;
  if (record.scenarioIds.length === 0) return undefined;
  return record.scenarioIds[Math.max(0, index) % record.scenarioIds.length];
}

/** The hash path of a group's customer brief, opened on the customer player's phone. */
export function briefPath(scenarioId: string, groupNumber: number): string {
  return `#/brief/${encodeURIComponent(scenarioId)}?group=${groupNumber}`;
}

/** The class record with a roster entry changed (the id stays, so groups and rounds keep it). */
export function withRosterEntry(record: ClassRecord, entry: RosterEntry): ClassRecord {
  return {
    ...record,
    roster: record.roster.map((current) => (current.id === entry.id ? entry : current)),
  };
}

/** The class record without a roster entry: its groups and planned rounds are cleared when it was in one (pair again). */
export function withoutRosterEntry(record: ClassRecord, id: string): ClassRecord {
  const grouped = record.groups.some((group) => group.members.includes(id));
  return {
    ...record,
    roster: record.roster.filter((entry) => entry.id !== id),
    ...(grouped ? { groups: [], rounds: [] } : {}),
  };
}

// ---------------------------------------------------------------- rounds

/** Roles of a group in round `number` (1-based): pairs swap every round; a trio rotates rep -> customer -> observer -> rep. */
export function rolesFor(group: ClassGroup, number: number): RoleAssignment | undefined {
  const size = group.members.length;
  if (size < 2) return undefined;
  const at = (offset: number) => group.members[(offset + number - 1) % size] ?? '';
  if (size === 2) return { groupId: group.id, customer: at(0), rep: at(1) };
  // Round 1: [customer, rep, observer] = members 0,1,2; the rep becomes the next customer.
  return { groupId: group.id, customer: at(0), rep: at(1), observer: at(2) };
}

/** A new round `number` for the groups, not started. */
export function planRound(
  groups: readonly ClassGroup[],
  number: number,
  durationMin = DEFAULT_ROUND_MINUTES,
): ClassRound {
  return {
    number,
    durationMin,
    assignments: groups.flatMap((group) => rolesFor(group, number) ?? []),
  };
}

/** The next round with every role swapped (same length as the last round). */
export function nextRound(
  groups: readonly ClassGroup[],
  rounds: readonly ClassRound[],
): ClassRound {
  const last = rounds[rounds.length - 1];
  return planRound(groups, (last?.number ?? 0) + 1, last?.durationMin ?? DEFAULT_ROUND_MINUTES);
}

export type RoundPhase = 'ready' | 'running' | 'over';

/** Where a round's timer stands at `now`: phase and the milliseconds left. */
export function roundClock(
  round: ClassRound,
  now: number,
): { phase: RoundPhase; remainingMs: number } {
  const totalMs = round.durationMin * 60_000;
  if (round.startedAt === undefined) return { phase: 'ready', remainingMs: totalMs };
  const end = Math.min(round.startedAt + totalMs, round.endedAt ?? Infinity);
  // A window whose clock lags the one that started the round never shows more than the full length.
  const remainingMs = Math.max(0, end - Math.max(now, round.startedAt));
  return { phase: remainingMs > 0 ? 'running' : 'over', remainingMs };
}

/** "29:59" from milliseconds (rounded up, so 0:00 shows only when time is up). */
export function formatClock(ms: number): string {
  const seconds = Math.ceil(ms / 1000);
  return `${Math.floor(seconds / 60)}:${String(seconds % 60).padStart(2, '0')}`;
}

// ---------------------------------------------------------------- projector

/** Who plays what, group by group: the live round's roles, or before round 1 the roles it will have. */
export function projectedRoles(record: ClassRecord): RoleAssignment[] {
  const round = record.rounds[record.rounds.length - 1];
  return round ? round.assignments : record.groups.flatMap((group) => rolesFor(group, 1) ?? []);
}

/** What the projector window shows: the live round or the class summary. */
export type ProjectorView = NonNullable<ClassRecord['projectorView']>;

/** The view the projector should show for a class ('round' until the trainer switches). */
export function projectorView(record: ClassRecord): ProjectorView {
  return record.projectorView ?? 'round';
}

/** The class record with the projector switched to `view` (the record itself is unchanged). */
export function withProjectorView(record: ClassRecord, view: ProjectorView): ClassRecord {
  return { ...record, projectorView: view };
}
