/**
 * CSV export of the records and the completion matrix, written with core/csv.ts (RFC 4180,
 * UTF-8 with a byte-order mark for Excel, formulas neutralised).
 */
import type { Localized } from '../core/rule-schema';
import { DIMENSION_EN, DIMENSIONS } from '../core/tags';
import type { CompletionMatrix, MatrixTrainee, RecordRow } from './records-query';
import { cellScoreText, cellState } from './records-query';
import { sourceOf, type AttemptSource } from './db';
import { BOM, toCsv, type Cell } from '../core/csv';
import { formatDateTime, MATRIX_HEAD, type ExportLocale } from './workbook';

/** What a record's cells need beyond the row itself. */
export interface RecordContext {
  /** Class names by class id. */
  classNames: ReadonlyMap<string, string>;
}
export const NO_CONTEXT: RecordContext = { classNames: new Map() };

export interface RecordColumn {
  label: Localized;
  value: (row: RecordRow, locale: ExportLocale, context: RecordContext) => Cell;
  /** For date columns: the time (ms), so a spreadsheet gets a real date. */
  time?: (row: RecordRow) => number | undefined;
}

const MODE_LABELS: Record<RecordRow['mode'], Localized> = {
  coach: { 'zh-CN': '练习（教练）', en: 'Practice (coach)' },
  choice: { 'zh-CN': '练习（选择）', en: 'Practice (choice)' },
  exam: { 'zh-CN': '考试', en: 'Exam' },
  observed: { 'zh-CN': '观察评分', en: 'Observed' },
};
const SOURCE_LABELS: Record<AttemptSource, Localized> = {
  practised: { 'zh-CN': '本机练习', en: 'Practised here' },
  imported: { 'zh-CN': '导入成绩包（已重新评分）', en: 'Imported bundle (re-scored)' },
  observed: { 'zh-CN': '培训师观察', en: 'Observed by a trainer' },
};

const ENDING_LABELS: Record<NonNullable<RecordRow['endingKind']>, Localized> = {
  retained: { 'zh-CN': '客户挽留', en: 'Customer retained' },
  escalated: { 'zh-CN': '升级处理', en: 'Escalated' },
  lost: { 'zh-CN': '客户流失', en: 'Customer lost' },
};
const STATUS_LABELS: Record<RecordRow['status'], Localized> = {
  finished: { 'zh-CN': '已完成', en: 'Finished' },
  'in-progress': { 'zh-CN': '进行中', en: 'In progress' },
  abandoned: { 'zh-CN': '已放弃', en: 'Abandoned' },
};
const YES: Localized = { 'zh-CN': '是', en: 'Yes' };
const NO: Localized = { 'zh-CN': '否', en: 'No' };

/** The columns of the records table and its exports, labelled in both languages. */
export const RECORD_COLUMNS: readonly RecordColumn[] = [
  { label: { 'zh-CN': '姓名', en: 'Name' }, value: (r) => r.name },
  { label: { 'zh-CN': '工号', en: 'Employee no.' }, value: (r) => r.employeeNo },
  { label: { 'zh-CN': '部门', en: 'Department' }, value: (r) => r.department },
  { label: { 'zh-CN': '场景编号', en: 'Scenario id' }, value: (r) => r.scenarioId },
  { label: { 'zh-CN': '场景', en: 'Scenario' }, value: (r, l) => r.scenarioTitle[l] },
  { label: { 'zh-CN': '场景版本', en: 'Scenario version' }, value: (r) => r.scenarioVersion },
  { label: { 'zh-CN': '模式', en: 'Mode' }, value: (r, l) => MODE_LABELS[r.mode][l] },
  { label: { 'zh-CN': '状态', en: 'Status' }, value: (r, l) => STATUS_LABELS[r.status][l] },
  { label: { 'zh-CN': '得分', en: 'Score' }, value: (r) => r.score },
  {
    label: { 'zh-CN': '是否通过', en: 'Passed' },
    value: (r, l) => (r.passed === undefined ? '' : (r.passed ? YES : NO)[l]),
  },
  ...DIMENSIONS.map((dimension): RecordColumn => ({
    label: { 'zh-CN': dimension, en: DIMENSION_EN[dimension] },
    value: (r) => r.dimensions[dimension],
  })),
  {
    label: { 'zh-CN': '结局', en: 'Ending' },
    value: (r, l) => (r.endingKind ? ENDING_LABELS[r.endingKind][l] : ''),
  },
  {
    label: { 'zh-CN': '开始时间', en: 'Started' },
    value: (r) => formatDateTime(r.startedAt),
    time: (r) => r.startedAt,
  },
  {
    label: { 'zh-CN': '完成时间', en: 'Finished' },
    value: (r) => formatDateTime(r.finishedAt),
    time: (r) => r.finishedAt,
  },
  {
    label: { 'zh-CN': '用时（秒）', en: 'Duration (s)' },
    value: (r) => (r.durationMs === undefined ? undefined : Math.round(r.durationMs / 1000)),
  },
  {
    label: { 'zh-CN': '班级', en: 'Class' },
    value: (r, _, c) => (r.classId ? (c.classNames.get(r.classId) ?? r.classId) : undefined),
  },
  { label: { 'zh-CN': '观察员', en: 'Observer' }, value: (r) => r.observer },
  {
    label: { 'zh-CN': '来源', en: 'Source' },
    value: (r, l) => SOURCE_LABELS[sourceOf(r)][l],
  },
  { label: { 'zh-CN': '自报分数', en: 'Claimed score' }, value: (r) => r.claimedScore },
];

/** Header plus one row per record, each cell as the spreadsheet should show it. */
export function recordTable(
  rows: readonly RecordRow[],
  locale: ExportLocale,
  context: RecordContext = NO_CONTEXT,
): Cell[][] {
  return [
    RECORD_COLUMNS.map((column) => column.label[locale]),
    ...rows.map((row) => RECORD_COLUMNS.map((column) => column.value(row, locale, context))),
  ];
}

/** The records as a CSV file's text: BOM, header in the chosen language, one line per row. */
export function recordsCsv(
  rows: readonly RecordRow[],
  locale: ExportLocale,
  context: RecordContext = NO_CONTEXT,
): string {
  return BOM + toCsv(recordTable(rows, locale, context));
}

const NOT_STARTED: Localized = { 'zh-CN': '未开始', en: 'Not started' };
const PRACTICE_ONLY: Localized = { 'zh-CN': '仅练习', en: 'Practice only' };

/**
 * Cell text of the matrix: the counting score, with ✓ when passed; "not started" for a roster
 * member with no attempt, "practice only" when only modes that do not count were finished;
 * empty when never finished.
 */
export function matrixCellText(
  matrix: CompletionMatrix,
  trainee: MatrixTrainee,
  scenarioId: string,
  locale: ExportLocale,
): string {
  const state = cellState(matrix, trainee, scenarioId);
  switch (state.kind) {
    case 'counted':
      return cellScoreText(state.cell);
    case 'not-started':
      return NOT_STARTED[locale];
    case 'practice-only':
      return PRACTICE_ONLY[locale];
    case 'not-done':
      return '';
  }
}

/** The completion matrix as rows: trainee columns, one column per scenario, department rate. */
export function matrixTable(matrix: CompletionMatrix, locale: ExportLocale): Cell[][] {
  const rates = new Map(matrix.departments.map((d) => [d.department, d.rate]));
  const [name, employeeNo, department, rate] = MATRIX_HEAD[locale];
  return [
    [name, employeeNo, department, ...matrix.scenarios.map((s) => s.title[locale]), rate],
    ...matrix.trainees.map((t) => [
      t.name,
      t.employeeNo,
      t.department,
      ...matrix.scenarios.map((s) => matrixCellText(matrix, t, s.id, locale)),
      `${Math.round((rates.get(t.department) ?? 0) * 100)}%`,
    ]),
  ];
}

/** The completion matrix as a CSV file's text (BOM included). */
export function matrixCsv(matrix: CompletionMatrix, locale: ExportLocale): string {
  return BOM + toCsv(matrixTable(matrix, locale));
}
