/**
 * The HR completion matrix from the server's data: every trainee the caller may see (roster
 * people who never started too) × every scenario, with the best score and whether it passed,
 * and rates over headcount per scenario and per department; also as a CSV file for Excel.
 * It reads the best_scores summary (one row per person and scenario), not the attempts.
 */
import type { FastifyInstance } from 'fastify';
import { BOM, toCsv, type Cell } from '../core/csv';
import type { Localized } from '../core/rule-schema';
import type { Catalog } from './catalog';
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
  /** By scenario id; a scenario missing here was never finished. */
  cells: Record<string, MatrixCell>;
}

interface Rate {
  started: number;
  passed: number;
  /** passed / headcount, 0–1 (0 when nobody is on the roster). */
  passRate: number;
}

export interface CompletionMatrix {
  scenarios: { id: string; title: Localized }[];
  people: MatrixPerson[];
  headcount: number;
  byScenario: (Rate & { scenarioId: string })[];
  /** Per department: passed cells over its headcount × scenarios. */
  byDepartment: { department: string; headcount: number; passRate: number }[];
}

interface Row {
  id: number;
  name: string;
  employeeNo: string;
  department: string;
  cells: Record<string, MatrixCell>;
}

const rate = (part: number, whole: number) => (whole === 0 ? 0 : part / whole);

async function completionMatrix(
  db: Database,
  catalog: Catalog,
  caller: { id: number; role: Parameters<typeof visiblePeople>[0] },
): Promise<CompletionMatrix> {
  // One row per person, their cells gathered by the database (not one row per cell).
  const rows = await db.query<Row>(
    `select p.id::int as id, p.name, p.employee_no as "employeeNo", p.department,
       coalesce(jsonb_object_agg(b.scenario_id, jsonb_build_object('best', b.best_score,
         'passed', b.passed, 'attempts', b.attempts)) filter (where b.scenario_id is not null),
         '{}') as cells
     from people p left join best_scores b on b.person_id = p.id
     where p.role = 'trainee' and ${visiblePeople(caller.role, 'p.id')}
     group by p.id order by p.department, p.name, p.id`,
    [caller.id],
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
  return { scenarios, people, headcount, byScenario, byDepartment };
}

const HEAD: Record<'name' | 'employeeNo' | 'department' | 'rate', Localized> = {
  name: { 'zh-CN': '姓名', en: 'Name' },
  employeeNo: { 'zh-CN': '工号', en: 'Employee no.' },
  department: { 'zh-CN': '部门', en: 'Department' },
  rate: { 'zh-CN': '部门完成率', en: 'Department completion' },
};

/** The matrix as CSV rows: a cell is the best score with ✓ when passed, empty when never done. */
function matrixRows(matrix: CompletionMatrix, locale: keyof Localized): Cell[][] {
  const rates = new Map(matrix.byDepartment.map((entry) => [entry.department, entry.passRate]));
  return [
    [
      HEAD.name[locale],
      HEAD.employeeNo[locale],
      HEAD.department[locale],
      ...matrix.scenarios.map((scenario) => scenario.title[locale]),
      HEAD.rate[locale],
    ],
    ...matrix.people.map((person) => [
      person.name,
      person.employeeNo,
      person.department,
      ...matrix.scenarios.map(({ id }) => {
        const cell = person.cells[id];
        return cell ? `${cell.best}${cell.passed ? ' ✓' : ''}` : '';
      }),
      `${Math.round((rates.get(person.department) ?? 0) * 100)}%`,
    ]),
  ];
}

export function registerMatrixRoutes(app: FastifyInstance, db: Database, catalog: Catalog): void {
  app.get('/api/matrix', async (request, reply) => {
    const caller = await authorise(db, request, reply, ['admin', 'hr', 'trainer']);
    if (!caller) return reply;
    return completionMatrix(db, catalog, caller);
  });

  app.get('/api/matrix.csv', async (request, reply) => {
    const caller = await authorise(db, request, reply, ['admin', 'hr', 'trainer']);
    if (!caller) return reply;
    const locale = (request.query as { locale?: string }).locale === 'en' ? 'en' : 'zh-CN';
    const csv = BOM + toCsv(matrixRows(await completionMatrix(db, catalog, caller), locale));
    return reply
      .header('content-type', 'text/csv; charset=utf-8')
      .header('content-disposition', 'attachment; filename="completion-matrix.csv"')
      .send(csv);
  });
}
