/**
 * Sheets of cells as an Excel workbook (exceljs, loaded only when a workbook is asked for: it is
 * large) or as CSV for Excel (core/csv.ts). Free of the browser and of IndexedDB, so the app's
 * exports and the server's are written by one home.
 */
import type { Workbook } from 'exceljs';
import { BOM, toCsv, type Cell } from '../core/csv';
import type { Localized } from '../core/rule-schema';

export type ExportLocale = keyof Localized;

export interface SheetColumn {
  header: string;
  width?: number;
  /** A share 0–1: shown as 0% in Excel and as "NN%" text in CSV. */
  percent?: boolean;
  /** Dates: shown as yyyy-mm-dd hh:mm in Excel. */
  date?: boolean;
}

export interface Sheet {
  name: string;
  columns: readonly SheetColumn[];
  rows: readonly (readonly (Cell | Date)[])[];
  /** A filter on the header row. */
  autoFilter?: boolean;
}

/** The completion matrix's fixed columns, in the app's exports and the server's alike. */
export const MATRIX_HEAD: Record<ExportLocale, [string, string, string, string]> = {
  'zh-CN': ['姓名', '工号', '部门', '部门完成率'],
  en: ['Name', 'Employee no.', 'Department', 'Department completion'],
};

function pad(n: number): string {
  return String(n).padStart(2, '0');
}

/** Local date and time as `YYYY-MM-DD HH:mm`, which Excel reads as a date. */
export function formatDateTime(ms: number | undefined): string {
  if (ms === undefined) return '';
  const d = new Date(ms);
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())} ${pad(d.getHours())}:${pad(d.getMinutes())}`;
}

/**
 * Excel shows dates in the machine's time zone but stores no zone: give it the local wall time
 * as if it were UTC, so the cell reads the same as the app.
 */
export function excelDate(ms: number): Date {
  return new Date(ms - new Date(ms).getTimezoneOffset() * 60_000);
}

/** The sheet as CSV text for Excel: BOM, header row, percentages as "NN%", dates as local time. */
export function sheetCsv(sheet: Sheet): string {
  const rows = sheet.rows.map((row) =>
    row.map((cell, index): Cell => {
      if (cell instanceof Date) return formatDateTime(cell.getTime());
      if (sheet.columns[index]?.percent && typeof cell === 'number')
        return `${Math.round(cell * 100)}%`;
      return cell;
    }),
  );
  return BOM + toCsv([sheet.columns.map((column) => column.header), ...rows]);
}

function addSheet(workbook: Workbook, sheet: Sheet): void {
  const worksheet = workbook.addWorksheet(sheet.name);
  worksheet.columns = sheet.columns.map((column) => ({
    header: column.header,
    width: column.width ?? Math.max(10, column.header.length * 2 + 2),
    ...(column.percent ? { style: { numFmt: '0%' } } : {}),
    ...(column.date ? { style: { numFmt: 'yyyy-mm-dd hh:mm' } } : {}),
  }));
  for (const row of sheet.rows)
    worksheet.addRow(row.map((cell) => (cell instanceof Date ? excelDate(cell.getTime()) : cell)));
  worksheet.getRow(1).font = { bold: true };
  worksheet.views = [{ state: 'frozen', ySplit: 1 }];
  if (sheet.autoFilter)
    worksheet.autoFilter = {
      from: { row: 1, column: 1 },
      to: { row: 1, column: sheet.columns.length },
    };
}

/** The sheets as the bytes of an .xlsx file (text stays text, numbers numbers, dates dates). */
export async function workbookBytes(sheets: readonly Sheet[]): Promise<ArrayBuffer> {
  const module = await import('exceljs');
  const ExcelJS = (module as unknown as { default?: typeof module }).default ?? module;
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'ServiceDojo';
  workbook.created = new Date();
  for (const sheet of sheets) addSheet(workbook, sheet);
  return (await workbook.xlsx.writeBuffer()) as ArrayBuffer;
}
