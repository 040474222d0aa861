/**
 * Classroom sessions (the role-play games of 001_bb853a58b24a26b1.txt): roster, pairing (an odd
 * roster makes one trio whose third member observes), rounds with a role swap, the round timer,
 * the observer scorecard saved as an 'observed' attempt, and the class summary.
 * Class records live in IndexedDB; every function here except the repository ones is pure.
 */
import type { Analyzer } from '../core/analyzer';
import type { ProcedureStep } from '../core/procedure-schema';
import type { Localized, Source } from '../core/rule-schema';
import type { Scenario } from '../core/scenario-schema';
import type { Report } from '../core/report';
import { toStoredReport } from '../core/stored-report';
import { tagDimension, type Finding } from '../core/scoring';
import { DIMENSIONS, TAG_INFO, type Dimension, type Tag } from '../core/tags';
import {
  ATTEMPT_SCHEMA_VERSION,
  CLASS_SCHEMA_VERSION,
  database,
  type AttemptRecord,
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

// ---------------------------------------------------------------- repository

export type NewClass = Pick<ClassRecord, 'name' | 'trainer' | 'date' | 'scenarioIds'> & {
  roster?: RosterEntry[];
};

/** Creates and stores a class session. */
export async function createClass(input: NewClass, now = Date.now()): Promise<ClassRecord> {
  const record: ClassRecord = {
    id: crypto.randomUUID(),
    schemaVersion: CLASS_SCHEMA_VERSION,
    name: input.name,
    trainer: input.trainer,
    date: input.date,
    scenarioIds: input.scenarioIds,
    roster: input.roster ?? [],
    groups: [],
    rounds: [],
    createdAt: now,
    updatedAt: now,
  };
  await database().classes.add(record);
  return record;
}

/** Saves a changed class record. */
export async function saveClass(record: ClassRecord, now = Date.now()): Promise<ClassRecord> {
  const next = { ...record, updatedAt: now };
  await database().classes.put(next);
  return next;
}

export function getClass(id: string): Promise<ClassRecord | undefined> {
  return database().classes.get(id);
}

/** Every class, newest first. */
export async function listClasses(): Promise<ClassRecord[]> {
  const rows = await database().classes.toArray();
  return rows.sort((a, b) => b.createdAt - a.createdAt);
}

// ---------------------------------------------------------------- observer scorecard

/** One line of the observer's checklist: a move the rep should make (or a phrase heard). */
export interface ScorecardItem {
  id: string;
  tag: Tag;
  label: Localized;
  source: Source;
}

/** The classroom role-play games of 001_bb853a58b24a26b1.txt. */
const ROLE_PLAY_SOURCE: Source = { doc: '001_bb853a58b24a26b1.txt', section: '角色模拟' };

/**
 * The checklist for a scenario: its procedure's steps (the same data the report checks, from the
 * analyzer's catalogue), then the tags its steps require, the value-add step always last.
 */
export function scorecardItems(scenario: Scenario, analyzer: Analyzer): ScorecardItem[] {
  const asItem = (step: ProcedureStep): ScorecardItem => ({
    id: step.id,
    tag: step.metBy[0] ?? 'value-add',
    label: step.label,
    source: step.source,
  });
  const items = (analyzer.procedures[scenario.procedure]?.steps ?? []).map(asItem);
  const valueAdd = (analyzer.procedures['value-add']?.steps ?? []).map(asItem);
  const have = new Set<Tag>([...items, ...valueAdd].map((item) => item.tag));
  for (const step of scenario.steps)
    for (const expected of step.expect.required) {
      if (have.has(expected.tag) || TAG_INFO[expected.tag].problem) continue;
      have.add(expected.tag);
      items.push({
        id: expected.tag,
        tag: expected.tag,
        label: TAG_INFO[expected.tag].label,
        source: scenario.sources[0] ?? ROLE_PLAY_SOURCE,
      });
    }
  const seen = new Set(items.map((item) => item.id));
  return [...items, ...valueAdd.filter((item) => !seen.has(item.id))];
}

/** A forbidden phrase the observer can tap each time it is heard. */
export interface HeardPhraseOption {
  ruleId: string;
  phrase: string;
  message: Localized;
}

/** The forbidden and contrast phrases of the analyzer's rules, one tap target per rule, named by the words its first example fires on. */
export function forbiddenPhraseOptions(analyzer: Analyzer): HeardPhraseOption[] {
  return analyzer.rules
    .filter((rule) => rule.tag === 'forbidden' || rule.tag === 'contrast')
    .map((rule) => {
      const example = rule.examples.fires[0] ?? '';
      const span = analyzer.analyze(example).spans.find((found) => found.ruleId === rule.id);
      const phrase = span
        ? example.slice(span.start, span.end)
        : (rule.patterns[0] ?? rule.id).replace(/[…^$]|\.\.\./g, '');
      return { ruleId: rule.id, phrase, message: rule.message };
    });
}

/** Points lost for each forbidden phrase the observer heard. */
export const HEARD_PHRASE_POINTS = -10;

export interface ScorecardInput {
  scenario: Scenario;
  analyzer: Analyzer;
  trainee: Trainee;
  observer: string;
  classId?: string;
  /** Ids of the checklist items the rep did. */
  done: readonly string[];
  /** Rule ids of forbidden phrases heard, once per time heard. */
  heard: readonly string[];
  now: number;
}

/** The report model of an observed attempt: one finding per checklist item and per phrase heard. */
export function observedReport(input: ScorecardInput): Report {
  const { scenario, analyzer } = input;
  const items = scorecardItems(scenario, analyzer);
  const done = new Set(input.done);
  const perDimension = new Map<Dimension, { got: number; max: number }>();
  const add = (dimension: Dimension, got: number, max: number) => {
    const entry = perDimension.get(dimension) ?? { got: 0, max: 0 };
    perDimension.set(dimension, { got: entry.got + got, max: entry.max + max });
  };
  const findings: Finding[] = items.map((item): Finding => {
    const dimension = tagDimension(analyzer, item.tag);
    const did = done.has(item.id);
    add(dimension, did ? 10 : 0, 10);
    return {
      tag: item.tag,
      kind: did ? 'hit' : 'missing',
      words: '',
      start: 0,
      end: 0,
      stepId: 'observed',
      turn: 0,
      points: did ? 10 : 0,
      dimension,
      message: item.label,
      better: item.label,
      source: item.source,
    };
  });
  for (const ruleId of input.heard) {
    const rule = analyzer.ruleById(ruleId);
    if (!rule) continue;
    const phrase = forbiddenPhraseOptions(analyzer).find((option) => option.ruleId === ruleId);
    add(rule.dimension, HEARD_PHRASE_POINTS, 0);
    findings.push({
      tag: rule.tag,
      kind: 'hit',
      words: phrase?.phrase ?? '',
      start: 0,
      end: 0,
      stepId: 'observed',
      turn: 0,
      points: HEARD_PHRASE_POINTS,
      dimension: rule.dimension,
      message: rule.message,
      better: rule.better,
      source: rule.source,
      ruleId,
    });
  }
  const maximum = items.length * 10;
  const got = findings.reduce((sum, finding) => sum + finding.points, 0);
  const score = maximum === 0 ? 0 : Math.max(0, Math.min(100, Math.round((got / maximum) * 100)));
  const dimensions = Object.fromEntries(
    DIMENSIONS.map((dimension) => {
      const entry = perDimension.get(dimension);
      const value =
        !entry || entry.max === 0
          ? Math.max(0, 100 + (entry?.got ?? 0) * 5)
          : Math.max(0, Math.round((entry.got / entry.max) * 100));
      return [dimension, value];
    }),
  ) as Record<Dimension, number>;
  return {
    scenarioId: scenario.id,
    version: scenario.version,
    mode: 'observed',
    score,
    passed: score >= scenario.passScore,
    ...(score >= scenario.passScore ? {} : { notPassedBecause: 'score' }),
    passScore: scenario.passScore,
    dimensions,
    procedure: {
      kind: scenario.procedure,
      items: items.map((item) => ({
        id: item.id,
        label: item.label,
        done: done.has(item.id),
        inOrder: done.has(item.id),
        source: item.source,
      })),
      adherence: items.length === 0 ? 0 : Math.round((done.size / items.length) * 100),
    },
    responseTimes: { perTurnMs: [], averageMs: 0, slowTurns: 0, limitMs: 0 },
    findings,
    transcript: [],
    turns: [],
  };
}

/** Saves an observer scorecard as a finished 'observed' attempt of the trainee, with the observer's name. */
export async function saveObservedAttempt(input: ScorecardInput): Promise<AttemptRecord> {
  const report = observedReport(input);
  const record: AttemptRecord = {
    id: crypto.randomUUID(),
    schemaVersion: ATTEMPT_SCHEMA_VERSION,
    scenarioId: input.scenario.id,
    scenarioVersion: input.scenario.version,
    scenarioTitle: input.scenario.title,
    mode: 'observed',
    trainee: input.trainee,
    status: 'finished',
    startedAt: input.now,
    updatedAt: input.now,
    finishedAt: input.now,
    durationMs: 0,
    revision: 1,
    snapshot: null,
    score: report.score,
    passed: report.passed,
    report: toStoredReport(report),
    observer: input.observer,
    ...(input.classId ? { classId: input.classId } : {}),
  };
  await database().attempts.add(record);
  return record;
}

// ---------------------------------------------------------------- class summary

export interface ClassSummary {
  attempts: number;
  trainees: number;
  averageScore?: number;
  /** Average per dimension over attempts whose report has it. */
  dimensions: Partial<Record<Dimension, number>>;
  /** Missed moves and rule hits that cost points, most frequent first. */
  frequentFindings: { label: Localized; count: number }[];
  /** Forbidden or contrast words heard, most frequent first. */
  forbiddenPhrases: { words: string; count: number }[];
}

function top<T>(counts: Map<string, { value: T; count: number }>, limit: number) {
  return [...counts.values()].sort((a, b) => b.count - a.count).slice(0, limit);
}

/** The local calendar day of a time, YYYY-MM-DD. */
export function localDay(time: number): string {
  const date = new Date(time);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`;
}

/** Attempts that belong to a class: taken in it, or by someone on its roster in one of its scenarios on the class day (a device bundle also carries older practice). */
export function classAttempts(
  record: ClassRecord,
  attempts: readonly AttemptRecord[],
): AttemptRecord[] {
  const roster = new Set(record.roster.map((entry) => entry.employeeNo.toLowerCase()));
  const scenarios = new Set(record.scenarioIds);
  return attempts.filter(
    (attempt) =>
      attempt.status === 'finished' &&
      (attempt.classId === record.id ||
        (roster.has(attempt.trainee.employeeNo.toLowerCase()) &&
          scenarios.has(attempt.scenarioId) &&
          localDay(attempt.startedAt) === record.date)),
  );
}

/** Average per dimension, the most frequent findings and the forbidden phrases heard most. */
export function classSummary(attempts: readonly AttemptRecord[], limit = 5): ClassSummary {
  const sums = new Map<Dimension, { total: number; count: number }>();
  const findingCounts = new Map<string, { value: Localized; count: number }>();
  const phraseCounts = new Map<string, { value: string; count: number }>();
  const scores: number[] = [];
  for (const attempt of attempts) {
    if (attempt.score !== undefined) scores.push(attempt.score);
    const report = attempt.report;
    if (!report) continue;
    for (const dimension of DIMENSIONS) {
      const value = report.dimensions[dimension];
      if (value === undefined) continue;
      const entry = sums.get(dimension) ?? { total: 0, count: 0 };
      sums.set(dimension, { total: entry.total + value, count: entry.count + 1 });
    }
    for (const finding of report.findings) {
      if (finding.kind === 'missing' || finding.points < 0) {
        const key = finding.message['zh-CN'];
        const entry = findingCounts.get(key) ?? { value: finding.message, count: 0 };
        findingCounts.set(key, { ...entry, count: entry.count + 1 });
      }
      if ((finding.tag === 'forbidden' || finding.tag === 'contrast') && finding.words !== '') {
        const entry = phraseCounts.get(finding.words) ?? { value: finding.words, count: 0 };
        phraseCounts.set(finding.words, { ...entry, count: entry.count + 1 });
      }
    }
  }
  const dimensions: Partial<Record<Dimension, number>> = {};
  for (const [dimension, { total, count }] of sums)
    dimensions[dimension] = Math.round(total / count);
  return {
    attempts: attempts.length,
    trainees: new Set(attempts.map((attempt) => attempt.trainee.employeeNo.toLowerCase())).size,
    ...(scores.length > 0
      ? { averageScore: Math.round(scores.reduce((a, b) => a + b, 0) / scores.length) }
      : {}),
    dimensions,
    frequentFindings: top(findingCounts, limit).map(({ value, count }) => ({
      label: value,
      count,
    })),
    forbiddenPhrases: top(phraseCounts, limit).map(({ value, count }) => ({ words: value, count })),
  };
}
