/**
 * XLSX export: a records sheet and a completion-matrix sheet, written by workbook.ts (exceljs,
 * loaded only when HR asks for a workbook). Text stays text (exceljs never writes a string as a
 * formula), scores stay numbers and times are real dates.
 */
import type { Cell } from '../core/csv';
import { matrixCellText, NO_CONTEXT, RECORD_COLUMNS, type RecordContext } from './csv-export';
import type { CompletionMatrix, RecordRow } from './records-query';
import { MATRIX_HEAD, workbookBytes, type ExportLocale, type Sheet } from './workbook';

export const SHEET_NAMES: Record<'records' | 'matrix', Record<ExportLocale, string>> = {
  records: { 'zh-CN': '培训记录', en: 'Records' },
  matrix: { 'zh-CN': '完成矩阵', en: 'Completion matrix' },
};

function recordsSheet(
  rows: readonly RecordRow[],
  locale: ExportLocale,
  context: RecordContext,
): Sheet {
  return {
    name: SHEET_NAMES.records[locale],
    columns: RECORD_COLUMNS.map((column) => ({
      header: column.label[locale],
      ...(column.time ? { width: 18, date: true } : {}),
    })),
    rows: rows.map((row) =>
      RECORD_COLUMNS.map((column): Cell | Date => {
        if (column.time) {
          const time = column.time(row);
          return time === undefined ? null : new Date(time);
        }
        return column.value(row, locale, context) ?? null;
      }),
    ),
    autoFilter: true,
  };
}

function matrixSheet(matrix: CompletionMatrix, locale: ExportLocale): Sheet {
  const [name, employeeNo, department, rate] = MATRIX_HEAD[locale];
  const rates = new Map(matrix.departments.map((d) => [d.department, d.rate]));
  return {
    name: SHEET_NAMES.matrix[locale],
    columns: [
      { header: name, width: 12 },
      { header: employeeNo, width: 12 },
      { header: department, width: 14 },
      ...matrix.scenarios.map((s) => ({ header: s.title[locale], width: 16 })),
      { header: rate, width: 14, percent: true },
    ],
    rows: matrix.trainees.map((t) => [
      t.name,
      t.employeeNo,
      t.department,
      ...matrix.scenarios.map((s) => matrixCellText(matrix, t, s.id, locale)),
      rates.get(t.department) ?? 0,
    ]),
  };
}

/** Builds the workbook (records + completion matrix) and returns the .xlsx bytes. */
export function recordsWorkbook(
  rows: readonly RecordRow[],
  matrix: CompletionMatrix,
  locale: ExportLocale,
  context: RecordContext = NO_CONTEXT,
): Promise<ArrayBuffer> {
  return workbookBytes([recordsSheet(rows, locale, context), matrixSheet(matrix, locale)]);
}
