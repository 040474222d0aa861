/**
 * Roster import: a CSV (or pasted lines) of name, employee number, department. A header row
 * (姓名/工号/部门 or name/employee number/department) is recognised and skipped; a header may
 * also name a store (门店) and a role (岗位) column, in any order, which the server's
 * assignments target. Bad rows are reported by their line number; the good rows are kept.
 * Pure: the app, the server and the scripts read rosters with it.
 */

/** One person on a roster: the same shape as the app's Trainee (data/db.ts), plus where they work. */
export interface RosterPerson {
  name: string;
  employeeNo: string;
  department: string;
  /** Their store (only when the file's header has a 门店/store column and the cell is filled). */
  store?: string;
  /** Their role, 岗位 (likewise from a 岗位/role column). */
  position?: string;
}

export type RosterProblemCode = 'columns' | 'no-name' | 'no-number' | 'bad-number' | 'repeat';

/** A bad row: its line, what is wrong (a code the UI translates) and the value at fault. */
export interface RosterProblem {
  line: number;
  code: RosterProblemCode;
  detail: string;
}

export interface ParsedRoster {
  trainees: RosterPerson[];
  problems: RosterProblem[];
}

/** Splits one CSV line into fields: commas (also Chinese ，), tabs, and "quoted, fields". */
export function splitCsvLine(line: string): string[] {
  const fields: string[] = [];
  let field = '';
  let quoted = false;
  for (let index = 0; index < line.length; index += 1) {
    const char = line[index] ?? '';
    if (quoted) {
      if (char === '"' && line[index + 1] === '"') {
        field += '"';
        index += 1;
      } else if (char === '"') quoted = false;
      else field += char;
    } else if (char === '"' && field.trim() === '') {
      quoted = true;
      field = '';
    } else if (char === ',' || char === '，' || char === '\t') {
      fields.push(field.trim());
      field = '';
    } else field += char;
  }
  fields.push(field.trim());
  return fields;
}

type RosterColumn = keyof RosterPerson;

const HEADER_WORDS: readonly [RosterColumn, RegExp][] = [
  ['name', /^(姓名|名字|name)$/i],
  ['employeeNo', /^(工号|员工编号|employee\s*(no|number|id)\.?)$/i],
  ['department', /^(部门|department)$/i],
  ['store', /^(门店|店铺|store|shop)$/i],
  ['position', /^(岗位|职位|role|position|job\s*title)$/i],
];
/** The columns of a file without a header row. */
const PLAIN_COLUMNS: readonly RosterColumn[] = ['name', 'employeeNo', 'department'];
const EMPLOYEE_NO = /^[A-Za-z0-9_-]{1,32}$/;

/** The columns a header row names, or undefined when the row is not a header. */
function headerColumns(fields: readonly string[]): RosterColumn[] | undefined {
  const columns = fields.map((field) => HEADER_WORDS.find(([, words]) => words.test(field))?.[0]);
  if (fields.length === 0 || columns.some((column) => column === undefined)) return undefined;
  return columns as RosterColumn[];
}

/** What is wrong with one trainee's fields (the same checks as a CSV row, but the repeat), or undefined. */
export function traineeProblem(
  trainee: RosterPerson,
): Exclude<RosterProblemCode, 'columns' | 'repeat'> | undefined {
  if (trainee.name.trim() === '') return 'no-name';
  if (trainee.employeeNo.trim() === '') return 'no-number';
  if (!EMPLOYEE_NO.test(trainee.employeeNo.trim())) return 'bad-number';
  return undefined;
}

/**
 * A roster file's text: UTF-8 (with or without BOM) when the bytes are valid UTF-8, else GB18030
 * (a superset of GBK), which is what Excel on a Chinese Windows saves as "CSV".
 */
export function decodeRosterFile(bytes: ArrayBuffer | Uint8Array): {
  text: string;
  encoding: 'utf-8' | 'gb18030';
} {
  try {
    return { text: new TextDecoder('utf-8', { fatal: true }).decode(bytes), encoding: 'utf-8' };
  } catch {
    return { text: new TextDecoder('gb18030').decode(bytes), encoding: 'gb18030' };
  }
}

/** Reads roster CSV text: each good row becomes a trainee, each bad row a problem at its line. */
export function parseRosterCsv(text: string): ParsedRoster {
  const trainees: RosterPerson[] = [];
  const problems: RosterProblem[] = [];
  const seen = new Map<string, number>();
  const lines = text.replace(/^\uFEFF/, '').split(/\r\n|\r|\n/);
  let columns = PLAIN_COLUMNS;
  lines.forEach((raw, index) => {
    const line = index + 1;
    if (raw.trim() === '') return;
    const fields = splitCsvLine(raw);
    const header = index === 0 ? headerColumns(fields) : undefined;
    if (header) {
      columns = header;
      return;
    }
    if (fields.slice(columns.length).some((field) => field !== '')) {
      problems.push({ line, code: 'columns', detail: String(fields.length) });
      return;
    }
    const cell = (column: RosterColumn) => fields[columns.indexOf(column)] ?? '';
    const [name, employeeNo, department, store, position] = [
      cell('name'),
      cell('employeeNo'),
      cell('department'),
      cell('store'),
      cell('position'),
    ];
    const code = traineeProblem({ name, employeeNo, department });
    if (code) {
      problems.push({ line, code, detail: code === 'no-name' ? '' : employeeNo });
      return;
    }
    const first = seen.get(employeeNo.toLowerCase());
    if (first !== undefined) {
      problems.push({ line, code: 'repeat', detail: `${employeeNo}:${first}` });
      return;
    }
    seen.set(employeeNo.toLowerCase(), line);
    trainees.push({
      name,
      employeeNo,
      department,
      ...(store ? { store } : {}),
      ...(position ? { position } : {}),
    });
  });
  return { trainees, problems };
}
