/**
 * The HR completion matrix from the server's data: every trainee the caller may see (roster
 * people who never started too) × every scenario, with the best score and whether it passed
 * in the modes that count (counted-modes.ts), and rates over headcount per scenario and per
 * department; also as CSV and XLSX files for Excel. It reads the mode_scores summary (one row
 * per person, scenario and mode, migration 007), not the attempts.
 */
import type { FastifyInstance, FastifyReply } from 'fastify';
import { MODES, type Mode } from '../core/scenario-schema';
import {
  MATRIX_HEAD,
  sheetCsv,
  workbookBytes,
  type ExportLocale,
  type Sheet,
} from '../data/workbook';
import type { Localized } from '../core/rule-schema';
import type { Catalog } from './catalog';
import { requestCountedModes } from './counted-modes';
import type { Database } from './database';
import { authorise } from './identity';
import { visiblePeople } from './people';

interface MatrixCell {
  best: number;
  passed: boolean;
  attempts: number;
}

interface MatrixPerson {
  id: number;
  name: string;
  employeeNo: string;
  department: string;
  store: string;
  /** By scenario id, over the counted modes; a scenario missing here was never finished in one. */
  cells: Record<string, MatrixCell>;
  /** Scenarios finished only in modes that do not count. */
  practised: string[];
}

interface Rate {
  started: number;
  passed: number;
  /** passed / headcount, 0–1 (0 when nobody is on the roster). */
  passRate: number;
}

export interface CompletionMatrix {
  /** The modes whose attempts count here. */
  countedModes: Mode[];
  scenarios: { id: string; title: Localized }[];
  people: MatrixPerson[];
  headcount: number;
  byScenario: (Rate & { scenarioId: string })[];
  /** Per department: passed cells over its headcount × scenarios. */
  byDepartment: { department: string; headcount: number; passRate: number }[];
}

type Row = MatrixPerson;

const rate = (part: number, whole: number) => (whole === 0 ? 0 : part / whole);

async function completionMatrix(
  db: Database,
  catalog: Catalog,
  caller: { id: number; role: Parameters<typeof visiblePeople>[0] },
  countedModes: Mode[],
): Promise<CompletionMatrix> {
  // One row per person, their cells gathered by the database (not one row per cell). Every mode
  // counting (the default) reads best_scores as it stands; fewer read mode_scores, each
  // scenario's rows of the counted modes folded into one cell, the other modes into `practised`.
  const everyMode = MODES.every((mode) => countedModes.includes(mode));
  const cells = everyMode
    ? `select b.person_id, b.scenario_id, true as counted, b.best_score as best, b.passed,
         b.attempts from best_scores b`
    : `select m.person_id, m.scenario_id, bool_or(m.mode = any($2::text[])) as counted,
         max(m.best_score) filter (where m.mode = any($2::text[])) as best,
         bool_or(m.passed) filter (where m.mode = any($2::text[])) as passed,
         (sum(m.attempts) filter (where m.mode = any($2::text[])))::int as attempts
       from mode_scores m group by m.person_id, m.scenario_id`;
  const rows = await db.query<Row>(
    `with c as (${cells})
     select p.id::int as id, p.name, p.employee_no as "employeeNo", p.department, p.store,
       coalesce(jsonb_object_agg(c.scenario_id, jsonb_build_object('best', c.best,
         'passed', c.passed, 'attempts', c.attempts)) filter (where c.counted), '{}') as cells,
       coalesce(jsonb_agg(c.scenario_id) filter (where not c.counted), '[]') as practised
     from people p left join c on c.person_id = p.id
     where p.role = 'trainee' and ${visiblePeople(caller.role, 'p.id')}
     group by p.id order by p.department, p.name, p.id`,
    everyMode ? [caller.id] : [caller.id, countedModes],
  );
  const scenarios = catalog.scenarios.map((scenario) => ({
    id: scenario.id,
    title: scenario.title,
  }));
  const known = new Set(scenarios.map((scenario) => scenario.id));
  // A scenario no longer in the catalogue has no column.
  const people: MatrixPerson[] = rows.map((row) => ({
    ...row,
    cells: Object.fromEntries(Object.entries(row.cells).filter(([id]) => known.has(id))),
    practised: row.practised.filter((id) => known.has(id)),
  }));
  const headcount = people.length;
  const byScenario = scenarios.map(({ id }) => {
    const cells = people.flatMap((person) => person.cells[id] ?? []);
    const passed = cells.filter((cell) => cell.passed).length;
    return { scenarioId: id, started: cells.length, passed, passRate: rate(passed, headcount) };
  });
  const departments = new Map<string, { headcount: number; passed: number }>();
  for (const person of people) {
    const entry = departments.get(person.department) ?? { headcount: 0, passed: 0 };
    entry.headcount += 1;
    entry.passed += Object.values(person.cells).filter((cell) => cell.passed).length;
    departments.set(person.department, entry);
  }
  const byDepartment = [...departments].map(([department, entry]) => ({
    department,
    headcount: entry.headcount,
    passRate: rate(entry.passed, entry.headcount * scenarios.length),
  }));
  return { countedModes, scenarios, people, headcount, byScenario, byDepartment };
}

const SHEET_NAME: Localized = { 'zh-CN': '完成矩阵', en: 'Completion matrix' };

/** The matrix as a sheet: a cell is the best score with ✓ when passed, empty when never done. */
function matrixSheet(matrix: CompletionMatrix, locale: ExportLocale): Sheet {
  const rates = new Map(matrix.byDepartment.map((entry) => [entry.department, entry.passRate]));
  const [name, employeeNo, department, rate] = MATRIX_HEAD[locale];
  return {
    name: SHEET_NAME[locale],
    columns: [
      { header: name, width: 12 },
      { header: employeeNo, width: 12 },
      { header: department, width: 14 },
      ...matrix.scenarios.map((scenario) => ({ header: scenario.title[locale], width: 16 })),
      { header: rate, width: 14, percent: true },
    ],
    rows: matrix.people.map((person) => [
      person.name,
      person.employeeNo,
      person.department,
      ...matrix.scenarios.map(({ id }) => {
        const cell = person.cells[id];
        return cell ? `${cell.best}${cell.passed ? ' ✓' : ''}` : '';
      }),
      rates.get(person.department) ?? 0,
    ]),
  };
}

/** The export's language: ?locale=en, else Chinese. */
export function exportLocale(query: unknown): ExportLocale {
  return (query as { locale?: string } | undefined)?.locale === 'en' ? 'en' : 'zh-CN';
}

/** Sends a sheet as a CSV file for Excel (BOM) or an .xlsx workbook, named `base`.csv/.xlsx. */
export async function sendSheet(
  reply: FastifyReply,
  sheet: Sheet,
  format: 'csv' | 'xlsx',
  base: string,
): Promise<FastifyReply> {
  void reply.header('content-disposition', `attachment; filename="${base}.${format}"`);
  if (format === 'csv')
    return reply.header('content-type', 'text/csv; charset=utf-8').send(sheetCsv(sheet));
  const bytes = Buffer.from(await workbookBytes([sheet]));
  return reply
    .header('content-type', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
    .send(bytes);
}

export function registerMatrixRoutes(app: FastifyInstance, db: Database, catalog: Catalog): void {
  app.get('/api/matrix', async (request, reply) => {
    const caller = await authorise(db, request, reply, ['admin', 'hr', 'trainer']);
    if (!caller) return reply;
    const counted = await requestCountedModes(db, request.query);
    if ('error' in counted) return reply.status(400).send(counted);
    return completionMatrix(db, catalog, caller, counted.modes);
  });

  for (const format of ['csv', 'xlsx'] as const)
    app.get(`/api/matrix.${format}`, async (request, reply) => {
      const caller = await authorise(db, request, reply, ['admin', 'hr', 'trainer']);
      if (!caller) return reply;
      const counted = await requestCountedModes(db, request.query);
      if ('error' in counted) return reply.status(400).send(counted);
      const matrix = await completionMatrix(db, catalog, caller, counted.modes);
      return sendSheet(
        reply,
        matrixSheet(matrix, exportLocale(request.query)),
        format,
        'completion-matrix',
      );
    });
}
