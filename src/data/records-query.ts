/**
 * HR records over the attempt table: one flat row per attempt, filters and sorting, the
 * "which attempt counts" setting (best, last or first finished attempt per trainee and
 * scenario) and the trainee × scenario completion matrix. The table, the matrix and every
 * export go through `countingRows`, so the setting is applied the same way everywhere.
 */
import { z } from 'zod';
import {
  COUNTING_POLICIES,
  countsInstead,
  DEFAULT_COMPLETION_MODES,
  type CountingPolicy,
} from '../core/counting-policy';
import type { Dimension } from '../core/tags';
import type { Localized } from '../core/rule-schema';
import { MODES, type EndingKind, type Mode } from '../core/scenario-schema';
import type { AttemptSummary } from './attempt-summaries';
import { database, type AttemptSource, type AttemptStatus, type Trainee } from './db';

export { COUNTING_POLICIES, type CountingPolicy } from '../core/counting-policy';
export const COUNTING_POLICY_KEY = 'records.countingPolicy';
export const COMPLETION_MODES_KEY = 'records.completionModes';

export interface RecordRow {
  id: string;
  name: string;
  employeeNo: string;
  department: string;
  scenarioId: string;
  scenarioVersion: number;
  scenarioTitle: Localized;
  mode: Mode;
  status: AttemptStatus;
  score?: number;
  passed?: boolean;
  dimensions: Partial<Record<Dimension, number>>;
  endingKind?: EndingKind;
  startedAt: number;
  finishedAt?: number;
  durationMs?: number;
  observer?: string;
  /** The classroom session the attempt was taken in (observer scorecard or pair typing). */
  classId?: string;
  /** Practised here, imported from a bundle or observed (absent on rows from before sources). */
  source?: AttemptSource;
  /** What an imported attempt claimed where this app's re-scoring disagreed. */
  claimedScore?: number;
}

export interface RecordsFilter {
  /** Attempts started at or after this time (ms). */
  from?: number;
  /** Attempts started before this time (ms). */
  to?: number;
  department?: string;
  scenarioId?: string;
  passed?: boolean;
  mode?: Mode;
  /** Matches name, employee number, department or scenario title, case-insensitive. */
  search?: string;
}

export type SortKey =
  'startedAt' | 'name' | 'employeeNo' | 'department' | 'scenario' | 'mode' | 'score' | 'durationMs';
export interface RecordsSort {
  key: SortKey;
  descending: boolean;
}

/** Keeps the rows that satisfy every condition of the filter. */
export function filterRows(rows: readonly RecordRow[], filter: RecordsFilter): RecordRow[] {
  const needle = filter.search?.trim().toLowerCase();
  return rows.filter((row) => {
    if (filter.from !== undefined && row.startedAt < filter.from) return false;
    if (filter.to !== undefined && row.startedAt >= filter.to) return false;
    if (filter.department !== undefined && row.department !== filter.department) return false;
    if (filter.scenarioId !== undefined && row.scenarioId !== filter.scenarioId) return false;
    if (filter.mode !== undefined && row.mode !== filter.mode) return false;
    if (filter.passed !== undefined && (row.passed ?? false) !== filter.passed) return false;
    if (needle) {
      const haystack = [
        row.name,
        row.employeeNo,
        row.department,
        row.scenarioId,
        row.scenarioTitle['zh-CN'],
        row.scenarioTitle.en,
      ]
        .join('\n')
        .toLowerCase();
      if (!haystack.includes(needle)) return false;
    }
    return true;
  });
}

/**
 * Roster people the filter's department and search admit (the matrix lists them before their
 * first attempt); a scenario, result or mode filter says nothing about someone who has none.
 */
export function filterRoster(roster: readonly Trainee[], filter: RecordsFilter): Trainee[] {
  const needle = filter.search?.trim().toLowerCase();
  return roster.filter(
    (person) =>
      (filter.department === undefined || person.department === filter.department) &&
      (!needle ||
        [person.name, person.employeeNo, person.department]
          .join('\n')
          .toLowerCase()
          .includes(needle)),
  );
}

function sortValue(row: RecordRow, key: SortKey, locale: keyof Localized): string | number {
  switch (key) {
    case 'scenario':
      return row.scenarioTitle[locale];
    case 'score':
      return row.score ?? -1;
    case 'durationMs':
      return row.durationMs ?? -1;
    default:
      return row[key];
  }
}

/** Sorts a copy of the rows; text compares in the locale's collation (pinyin for Chinese). */
export function sortRows(
  rows: readonly RecordRow[],
  sort: RecordsSort,
  locale: keyof Localized = 'zh-CN',
): RecordRow[] {
  const collator = new Intl.Collator(locale, { numeric: true });
  const sign = sort.descending ? -1 : 1;
  return [...rows].sort((a, b) => {
    const left = sortValue(a, sort.key, locale);
    const right = sortValue(b, sort.key, locale);
    const order =
      typeof left === 'number' && typeof right === 'number'
        ? left - right
        : collator.compare(String(left), String(right));
    return order * sign || a.startedAt - b.startedAt;
  });
}

/**
 * The one attempt that counts per trainee and scenario, among finished attempts, by the
 * counting policy (core/counting-policy.ts). Unfinished attempts never count.
 */
export function countingRows(rows: readonly RecordRow[], policy: CountingPolicy): RecordRow[] {
  const chosen = new Map<string, RecordRow>();
  for (const row of rows) {
    if (row.status !== 'finished') continue;
    const key = `${row.employeeNo}\u0000${row.scenarioId}`;
    const current = chosen.get(key);
    if (!current || countsInstead(row, current, policy)) chosen.set(key, row);
  }
  return [...chosen.values()];
}

export interface MatrixTrainee extends Trainee {
  /** False for a roster entry with no attempt at all yet. */
  started: boolean;
}
export interface MatrixScenario {
  id: string;
  title: Localized;
}
export interface MatrixCell {
  attemptId: string;
  score?: number;
  passed: boolean;
}
export interface DepartmentCompletion {
  department: string;
  /** Headcount: everyone on a roster or with an attempt, started or not. */
  trainees: number;
  /** Trainee × scenario pairs with a passed counting attempt. */
  completed: number;
  /** Trainee × scenario pairs in this department (trainees × scenarios). */
  required: number;
  /** completed / required, 0–1. */
  rate: number;
}
export interface CompletionMatrix {
  trainees: MatrixTrainee[];
  scenarios: MatrixScenario[];
  /** Keyed by `cellKey(employeeNo, scenarioId)`; a missing cell means never finished in a counted mode. */
  cells: Map<string, MatrixCell>;
  /** `cellKey`s with finished attempts only in modes that do not count for completion. */
  practisedOnly: Set<string>;
  departments: DepartmentCompletion[];
  /** The modes whose counting pass completes a scenario. */
  countedModes: readonly Mode[];
}

export interface MatrixOptions {
  /** Modes that complete a scenario (DEFAULT_COMPLETION_MODES when not given). */
  countedModes?: readonly Mode[];
  /** People expected to train (class rosters): listed and counted even before their first attempt. */
  roster?: readonly Trainee[];
}

export function cellKey(employeeNo: string, scenarioId: string): string {
  return `${employeeNo}\u0000${scenarioId}`;
}

/** A counted cell as text: its score, with ✓ when passed ("86 ✓"). */
export function cellScoreText(cell: MatrixCell): string {
  return `${cell.score ?? ''}${cell.passed ? ' ✓' : ''}`;
}

/** What a matrix cell shows: the counting attempt, or why there is none. */
export type CellState =
  | { kind: 'counted'; cell: MatrixCell }
  | { kind: 'not-started' }
  | { kind: 'practice-only' }
  | { kind: 'not-done' };

export function cellState(
  matrix: CompletionMatrix,
  trainee: MatrixTrainee,
  scenarioId: string,
): CellState {
  const key = cellKey(trainee.employeeNo, scenarioId);
  const cell = matrix.cells.get(key);
  if (cell) return { kind: 'counted', cell };
  if (!trainee.started) return { kind: 'not-started' };
  return { kind: matrix.practisedOnly.has(key) ? 'practice-only' : 'not-done' };
}

/**
 * Trainees × scenarios: the counting attempt among the counted modes gives each cell's score
 * and pass; a scenario is completed by a trainee when that attempt passed. Everyone on a roster
 * is a row, started or not, so each department's rate is its passed cells over its headcount ×
 * all scenarios in the matrix.
 */
export function completionMatrix(
  rows: readonly RecordRow[],
  policy: CountingPolicy,
  locale: keyof Localized = 'zh-CN',
  { countedModes = DEFAULT_COMPLETION_MODES, roster = [] }: MatrixOptions = {},
): CompletionMatrix {
  const collator = new Intl.Collator(locale, { numeric: true });
  // A trainee's name and department are taken from their newest attempt, else from the roster.
  const trainees = new Map<string, MatrixTrainee & { seenAt: number }>();
  for (const person of roster)
    if (!trainees.has(person.employeeNo))
      trainees.set(person.employeeNo, {
        employeeNo: person.employeeNo,
        name: person.name,
        department: person.department,
        started: false,
        seenAt: -Infinity,
      });
  const scenarios = new Map<string, MatrixScenario>();
  for (const row of rows) {
    const known = trainees.get(row.employeeNo);
    if (!known || row.startedAt >= known.seenAt)
      trainees.set(row.employeeNo, {
        employeeNo: row.employeeNo,
        name: row.name,
        department: row.department,
        started: true,
        seenAt: row.startedAt,
      });
    if (!scenarios.has(row.scenarioId))
      scenarios.set(row.scenarioId, { id: row.scenarioId, title: row.scenarioTitle });
  }
  const counted = new Set(countedModes);
  // Counting runs over the counted modes only: a practice pass never hides a failed exam.
  const cells = new Map<string, MatrixCell>();
  for (const row of countingRows(
    rows.filter((row) => counted.has(row.mode)),
    policy,
  ))
    cells.set(cellKey(row.employeeNo, row.scenarioId), {
      attemptId: row.id,
      score: row.score,
      passed: row.passed ?? false,
    });
  const practisedOnly = new Set<string>();
  for (const row of rows) {
    const key = cellKey(row.employeeNo, row.scenarioId);
    if (row.status === 'finished' && !counted.has(row.mode) && !cells.has(key))
      practisedOnly.add(key);
  }
  const traineeList: MatrixTrainee[] = [...trainees.values()]
    .map(({ employeeNo, name, department, started }) => ({
      employeeNo,
      name,
      department,
      started,
    }))
    .sort(
      (a, b) => collator.compare(a.department, b.department) || collator.compare(a.name, b.name),
    );
  const scenarioList = [...scenarios.values()].sort((a, b) =>
    collator.compare(a.title[locale], b.title[locale]),
  );
  const byDepartment = new Map<string, DepartmentCompletion>();
  for (const trainee of traineeList) {
    const entry = byDepartment.get(trainee.department) ?? {
      department: trainee.department,
      trainees: 0,
      completed: 0,
      required: 0,
      rate: 0,
    };
    entry.trainees += 1;
    entry.required += scenarioList.length;
    for (const scenario of scenarioList)
      if (cells.get(cellKey(trainee.employeeNo, scenario.id))?.passed) entry.completed += 1;
    entry.rate = entry.required ? entry.completed / entry.required : 0;
    byDepartment.set(trainee.department, entry);
  }
  return {
    trainees: traineeList,
    scenarios: scenarioList,
    cells,
    practisedOnly,
    departments: [...byDepartment.values()],
    countedModes: MODES.filter((mode) => counted.has(mode)),
  };
}

/** The newest `limit` attempts as record rows, from the startedAt index (a first screenful). */
export async function newestRecords(limit: number): Promise<RecordRow[]> {
  return database().attemptSummaries.orderBy('startedAt').reverse().limit(limit).toArray();
}

/** How many attempts are stored (counted on the summaries' primary key). */
export function countRecords(): Promise<number> {
  return database().attemptSummaries.count();
}

/**
 * Every attempt as a record row, read in primary-key pages of `pageSize` summaries: reading
 * 100,000 at once holds the main thread for seconds, a page at a time leaves it free between
 * pages. `onPage` gets the number read so far.
 */
export async function allRecordsPaged(
  pageSize = 5000,
  onPage?: (loaded: number) => void,
): Promise<RecordRow[]> {
  const table = database().attemptSummaries;
  const rows: RecordRow[] = [];
  let last: string | undefined;
  for (;;) {
    const page: AttemptSummary[] = await (
      last === undefined ? table.orderBy(':id') : table.where(':id').above(last)
    )
      .limit(pageSize)
      .toArray();
    for (const row of page) rows.push(row);
    onPage?.(rows.length);
    const end = page.at(-1);
    if (page.length < pageSize || !end) return rows;
    last = end.id;
  }
}

/** Every attempt of one trainee, oldest first (from the summaries). */
export async function traineeRecords(employeeNo: string): Promise<RecordRow[]> {
  return database().attemptSummaries.where('employeeNo').equals(employeeNo).sortBy('startedAt');
}

/** The saved "which attempt counts" setting; best when never set. */
export async function getCountingPolicy(): Promise<CountingPolicy> {
  const stored = await database().settings.get(COUNTING_POLICY_KEY);
  const value = stored?.value;
  return (COUNTING_POLICIES as readonly unknown[]).includes(value)
    ? (value as CountingPolicy)
    : 'best';
}

export async function saveCountingPolicy(policy: CountingPolicy): Promise<void> {
  await database().settings.put({ key: COUNTING_POLICY_KEY, value: policy });
}

const completionModesSchema = z.array(z.enum(MODES)).min(1);

/** The saved "which modes complete a scenario" setting; DEFAULT_COMPLETION_MODES when never set or unreadable. */
export async function getCompletionModes(): Promise<readonly Mode[]> {
  const stored = await database().settings.get(COMPLETION_MODES_KEY);
  const parsed = completionModesSchema.safeParse(stored?.value);
  return parsed.success ? parsed.data : DEFAULT_COMPLETION_MODES;
}

export async function saveCompletionModes(modes: readonly Mode[]): Promise<void> {
  await database().settings.put({ key: COMPLETION_MODES_KEY, value: [...modes] });
}
