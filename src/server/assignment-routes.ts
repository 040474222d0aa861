/**
 * HR's assignments and trends (assignments.ts, trends.ts) and the company's counted modes
 * (counted-modes.ts). HR and administrators create, list and delete assignments and set the
 * counted modes; a trainer reads assignments with the status of their own classes' people only
 * (and changes nothing); a trainee device reads none of it.
 */
import type { FastifyInstance } from 'fastify';
import type { Localized } from '../core/rule-schema';
import type { Sheet, ExportLocale } from '../data/workbook';
import { assignmentSchema, countedModesRequestSchema, firstProblem } from './api-schemas';
import {
  assignmentById,
  assignmentStatus,
  assignmentTargets,
  createAssignment,
  deleteAssignment,
  listAssignments,
  type AssignmentState,
  type AssignmentStatus,
} from './assignments';
import type { Catalog } from './catalog';
import {
  companyCountedModes,
  countedModesSchema,
  requestCountedModes,
  saveCompanyCountedModes,
} from './counted-modes';
import type { Database } from './database';
import { authorise } from './identity';
import { exportLocale, sendSheet } from './matrix-routes';
import { latestPublished, scoringCatalog } from './published-catalog';
import { trend } from './trends';

const STAFF = ['admin', 'hr', 'trainer'] as const;
const MANAGERS = ['admin', 'hr'] as const;
/** The most periods a trend covers (a year of weeks, a quarter of days). */
const MAX_PERIODS = { week: 53, day: 92 } as const;

const STATE_LABELS: Record<AssignmentState, Localized> = {
  'not-started': { 'zh-CN': '未开始', en: 'Not started' },
  'in-progress': { 'zh-CN': '进行中', en: 'In progress' },
  passed: { 'zh-CN': '已通过', en: 'Passed' },
  overdue: { 'zh-CN': '已逾期', en: 'Overdue' },
};

const STATUS_HEAD: Record<ExportLocale, string[]> = {
  'zh-CN': ['姓名', '工号', '部门', '门店', '岗位', '状态', '最高分', '次数', '通过时间'],
  en: [
    'Name',
    'Employee no.',
    'Department',
    'Store',
    'Role',
    'State',
    'Best',
    'Attempts',
    'Passed',
  ],
};

/** An assignment's status as a sheet: one row per targeted person. */
function statusSheet(status: AssignmentStatus, title: string, locale: ExportLocale): Sheet {
  return {
    name: title.slice(0, 31),
    columns: STATUS_HEAD[locale].map((header, index) => ({
      header,
      ...(index === 8 ? { width: 18, date: true } : {}),
    })),
    rows: status.people.map((person) => [
      person.name,
      person.employeeNo,
      person.department,
      person.store,
      person.position,
      STATE_LABELS[person.state][locale],
      person.best,
      person.attempts,
      person.passedAt === null ? null : new Date(person.passedAt),
    ]),
    autoFilter: true,
  };
}

const idOf = (params: unknown) => Number((params as { id: string }).id);

export function registerAssignmentRoutes(
  app: FastifyInstance,
  db: Database,
  catalog: Catalog,
  now: () => number = Date.now,
): void {
  app.get('/api/settings/counted-modes', async (request, reply) => {
    if (!(await authorise(db, request, reply, STAFF))) return reply;
    return { modes: await companyCountedModes(db) };
  });

  app.put('/api/settings/counted-modes', async (request, reply) => {
    const caller = await authorise(db, request, reply, MANAGERS);
    if (!caller) return reply;
    const body = countedModesRequestSchema.safeParse(request.body);
    if (!body.success) return reply.status(400).send({ error: firstProblem(body.error) });
    const modes = countedModesSchema.parse(body.data.modes);
    await saveCompanyCountedModes(db, modes, caller.id);
    return { modes };
  });

  app.get('/api/assignments/targets', async (request, reply) => {
    const caller = await authorise(db, request, reply, STAFF);
    if (!caller) return reply;
    const scoring = await scoringCatalog(db, catalog);
    // The bundled scenarios and the published ones (a published scenario may be new).
    const ids = new Set([
      ...catalog.scenarios.map((scenario) => scenario.id),
      ...(await latestPublished(db))
        .filter((item) => item.kind === 'scenario')
        .map((item) => item.id),
    ]);
    const scenarios = [...ids].flatMap((id) => {
      const scenario = scoring.scenarioById(id);
      return scenario ? [{ id, title: scenario.title }] : [];
    });
    return { scenarios, ...(await assignmentTargets(db, caller)) };
  });

  /** Every assignment, each with its counts over the people the caller may see. */
  app.get('/api/assignments', async (request, reply) => {
    const caller = await authorise(db, request, reply, STAFF);
    if (!caller) return reply;
    const at = now();
    const assignments = await Promise.all(
      (await listAssignments(db)).map(async (assignment) => {
        const { headcount, counts, passRate } = await assignmentStatus(db, assignment, caller, at);
        return { ...assignment, headcount, counts, passRate };
      }),
    );
    return { assignments };
  });

  app.post('/api/assignments', async (request, reply) => {
    const caller = await authorise(db, request, reply, MANAGERS);
    if (!caller) return reply;
    const body = assignmentSchema.safeParse(request.body);
    if (!body.success) return reply.status(400).send({ error: firstProblem(body.error) });
    const { dueAt, modes, ...rest } = body.data;
    const scoring = await scoringCatalog(db, catalog);
    if (!scoring.scenarioById(rest.scenarioId))
      return reply.status(404).send({ error: `unknown scenario "${rest.scenarioId}"` });
    const assignment = await createAssignment(
      db,
      { ...rest, modes: countedModesSchema.parse(modes), dueAt: Date.parse(dueAt) },
      caller.id,
    );
    return reply.status(201).send(assignment);
  });

  app.delete('/api/assignments/:id', async (request, reply) => {
    if (!(await authorise(db, request, reply, MANAGERS))) return reply;
    const id = idOf(request.params);
    if (!Number.isSafeInteger(id) || !(await deleteAssignment(db, id)))
      return reply.status(404).send({ error: 'no such assignment' });
    return reply.status(204).send();
  });

  app.get('/api/assignments/:id', async (request, reply) => {
    const caller = await authorise(db, request, reply, STAFF);
    if (!caller) return reply;
    const id = idOf(request.params);
    const assignment = Number.isSafeInteger(id) ? await assignmentById(db, id) : undefined;
    if (!assignment) return reply.status(404).send({ error: 'no such assignment' });
    return assignmentStatus(db, assignment, caller, now());
  });

  for (const format of ['csv', 'xlsx'] as const)
    app.get(`/api/assignments/:id/status.${format}`, async (request, reply) => {
      const caller = await authorise(db, request, reply, STAFF);
      if (!caller) return reply;
      const id = idOf(request.params);
      const assignment = Number.isSafeInteger(id) ? await assignmentById(db, id) : undefined;
      if (!assignment) return reply.status(404).send({ error: 'no such assignment' });
      const locale = exportLocale(request.query);
      const status = await assignmentStatus(db, assignment, caller, now());
      const scenario = (await scoringCatalog(db, catalog)).scenarioById(assignment.scenarioId);
      const title = scenario?.title[locale] ?? assignment.scenarioId;
      return sendSheet(reply, statusSheet(status, title, locale), format, `assignment-${id}`);
    });

  /**
   * GET /api/trends?period=week|day&periods=12[&department=][&assignment=ID][&modes=]: attempts,
   * passes, pass rate and mean score per period.
   */
  app.get('/api/trends', async (request, reply) => {
    const caller = await authorise(db, request, reply, STAFF);
    if (!caller) return reply;
    const query = request.query as Record<string, string | undefined>;
    const period = query.period === 'day' ? 'day' : 'week';
    const periods = Math.min(MAX_PERIODS[period], Math.max(1, Number(query.periods) || 12));
    const counted = await requestCountedModes(db, query);
    if ('error' in counted) return reply.status(400).send(counted);
    let assignment;
    if (query.assignment !== undefined) {
      const id = Number(query.assignment);
      assignment = Number.isSafeInteger(id) ? await assignmentById(db, id) : undefined;
      if (!assignment) return reply.status(404).send({ error: 'no such assignment' });
    }
    const points = await trend(db, caller, {
      period,
      periods,
      now: now(),
      modes: counted.modes,
      ...(query.department ? { department: query.department } : {}),
      ...(assignment ? { assignment } : {}),
    });
    return { period, modes: assignment?.modes ?? counted.modes, points };
  });
}
