/**
 * XLSX export: a records sheet and a completion-matrix sheet, built with exceljs, which is
 * loaded only when HR asks for a workbook (it is large). Text stays text (exceljs never writes
 * a string as a formula), scores stay numbers and times are real dates.
 */
import type { Workbook, Worksheet } from 'exceljs';
import type { Cell } from '../core/csv';
import {
  matrixCellText,
  NO_CONTEXT,
  RECORD_COLUMNS,
  type ExportLocale,
  type RecordContext,
} from './csv-export';
import type { CompletionMatrix, RecordRow } from './records-query';

export const SHEET_NAMES: Record<'records' | 'matrix', Record<ExportLocale, string>> = {
  records: { 'zh-CN': '培训记录', en: 'Records' },
  matrix: { 'zh-CN': '完成矩阵', en: 'Completion matrix' },
};

const MATRIX_HEAD: Record<ExportLocale, [string, string, string, string]> = {
  'zh-CN': ['姓名', '工号', '部门', '部门完成率'],
  en: ['Name', 'Employee no.', 'Department', 'Department completion'],
};

/**
 * Excel shows dates in the machine's time zone but stores no zone: give it the local wall time
 * as if it were UTC, so the cell reads the same as the app.
 */
function excelDate(ms: number): Date {
  return new Date(ms - new Date(ms).getTimezoneOffset() * 60_000);
}

function styleHeader(sheet: Worksheet): void {
  const header = sheet.getRow(1);
  header.font = { bold: true };
  sheet.views = [{ state: 'frozen', ySplit: 1 }];
}

function addRecordsSheet(
  workbook: Workbook,
  rows: readonly RecordRow[],
  locale: ExportLocale,
  context: RecordContext,
) {
  const sheet = workbook.addWorksheet(SHEET_NAMES.records[locale]);
  sheet.columns = RECORD_COLUMNS.map((column) => ({
    header: column.label[locale],
    width: column.time ? 18 : Math.max(10, column.label[locale].length * 2 + 2),
    ...(column.time ? { style: { numFmt: 'yyyy-mm-dd hh:mm' } } : {}),
  }));
  for (const row of rows)
    sheet.addRow(
      RECORD_COLUMNS.map((column): Cell | Date => {
        const time = column.time?.(row);
        if (column.time) return time === undefined ? null : excelDate(time);
        return column.value(row, locale, context) ?? null;
      }),
    );
  styleHeader(sheet);
  sheet.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1, column: RECORD_COLUMNS.length } };
}

function addMatrixSheet(workbook: Workbook, matrix: CompletionMatrix, locale: ExportLocale) {
  const sheet = workbook.addWorksheet(SHEET_NAMES.matrix[locale]);
  const [name, employeeNo, department, rate] = MATRIX_HEAD[locale];
  sheet.columns = [
    { header: name, width: 12 },
    { header: employeeNo, width: 12 },
    { header: department, width: 14 },
    ...matrix.scenarios.map((s) => ({ header: s.title[locale], width: 16 })),
    { header: rate, width: 14, style: { numFmt: '0%' } },
  ];
  const rates = new Map(matrix.departments.map((d) => [d.department, d.rate]));
  for (const t of matrix.trainees)
    sheet.addRow([
      t.name,
      t.employeeNo,
      t.department,
      ...matrix.scenarios.map((s) => matrixCellText(matrix, t, s.id, locale)),
      rates.get(t.department) ?? 0,
    ]);
  styleHeader(sheet);
}

/** Builds the workbook (records + completion matrix) and returns the .xlsx bytes. */
export async function recordsWorkbook(
  rows: readonly RecordRow[],
  matrix: CompletionMatrix,
  locale: ExportLocale,
  context: RecordContext = NO_CONTEXT,
): Promise<ArrayBuffer> {
  const module = await import('exceljs');
  const ExcelJS = (module as unknown as { default?: typeof module }).default ?? module;
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'ServiceDojo';
  workbook.created = new Date();
  addRecordsSheet(workbook, rows, locale, context);
  addMatrixSheet(workbook, matrix, locale);
  return (await workbook.xlsx.writeBuffer()) as ArrayBuffer;
}
