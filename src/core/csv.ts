/**
 * CSV as spreadsheets read it (RFC 4180: CRLF line ends, fields quoted when they hold a comma,
 * quote or line break, quotes doubled), UTF-8 with a byte-order mark so Excel reads Chinese,
 * and text cells that a spreadsheet would run as a formula neutralised with a leading quote.
 * Pure: the app's exports and the server's use it alike.
 */

export type Cell = string | number | boolean | undefined | null;

export const BOM = '\uFEFF';

/** Characters that make Excel, LibreOffice or Sheets read a cell as a formula. */
const FORMULA_START = /^[=+\-@\t\r]/;

/** Prefixes a text cell that would start a formula (=, +, -, @, tab, CR) with a quote. */
export function neutraliseFormula(text: string): string {
  return FORMULA_START.test(text) ? `'${text}` : text;
}

function cellText(cell: Cell): string {
  if (cell === undefined || cell === null) return '';
  if (typeof cell === 'number') return Number.isFinite(cell) ? String(cell) : '';
  if (typeof cell === 'boolean') return cell ? 'TRUE' : 'FALSE';
  return neutraliseFormula(cell);
}

/** One RFC 4180 field: quoted when it holds a comma, a quote, CR or LF. */
export function csvField(cell: Cell): string {
  const text = cellText(cell);
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

/** Rows to RFC 4180 text with CRLF line ends (and a final CRLF), without BOM. */
export function toCsv(rows: readonly (readonly Cell[])[]): string {
  return rows.map((row) => row.map(csvField).join(',') + '\r\n').join('');
}
