/**
 * HR's assignments on the server: who is targeted (department, store, role, person), each
 * person's state at a fixed clock (not started, in progress, passed, overdue), only attempts in
 * the counted modes counting, rates by department and store, the CSV/XLSX files, the trends,
 * the company's counted modes on the matrix, and who may do what.
 */
import { readFileSync } from 'node:fs';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call, joined, staff, startTestServer, type As, type TestServer } from './harness';

/** The server's clock in these tests: 10 December 2026, noon UTC. */
const NOW = Date.UTC(2026, 11, 10, 12);
const SCENARIO = 'complaint-late-delivery';

let server: TestServer;
let hr: As;
let trainer: As;
const devices: Record<string, As> = {};
const ids: Record<string, number> = {};

const strong = JSON.parse(
  readFileSync('tests/fixtures/transcripts/complaint-late-delivery.strong.json', 'utf8'),
) as { replies: { text: string; afterMs: number }[] };
const weak = [{ text: '你自己看不懂说明书吗', afterMs: 3_000 }];

const send = (no: string, id: string, mode: string, replies: unknown, startedAt: number) =>
  call(server.app, devices[no]!, 'POST', '/api/attempts', {
    id,
    scenarioId: SCENARIO,
    mode,
    startedAt,
    replies,
  });

const assign = (as: As, body: Record<string, unknown>) =>
  call(server.app, as, 'POST', '/api/assignments', {
    scenarioId: SCENARIO,
    modes: ['exam'],
    ...body,
  });

interface Status {
  headcount: number;
  passRate: number;
  counts: Record<string, number>;
  people: { employeeNo: string; state: string; best: number | null; late: boolean }[];
  byDepartment: { department: string; headcount: number; passRate: number }[];
  byStore: { store: string; headcount: number; counts: Record<string, number> }[];
}

const statusOf = async (as: As, id: number) =>
  (await call(server.app, as, 'GET', `/api/assignments/${id}`)).json<Status>();
const states = (status: Status) =>
  Object.fromEntries(status.people.map((person) => [person.employeeNo, person.state]));

beforeAll(async () => {
  server = await startTestServer({ now: () => NOW });
  hr = await staff(server, 'hr', 'hr');
  trainer = await staff(server, 'trainer', 'trainer');
  const roster = await call(server.app, hr, 'POST', '/api/roster', {
    csv: [
      '姓名,工号,部门,门店,岗位',
      '李明,E001,华东区,上海一店,店员',
      '王芳,E002,华东区,上海二店,店员',
      '赵磊,E003,华东区,上海一店,店长',
      '孙丽,E004,华南区,广州店,店员',
    ].join('\n'),
  });
  for (const person of roster.json().people) {
    ids[person.employeeNo] = person.id;
    devices[person.employeeNo] = await joined(server.app, person.joinUrl);
  }
  // The trainer's class is 孙丽 only.
  await call(server.app, trainer, 'POST', '/api/roster', { csv: '孙丽,E004,华南区\n' });
  const week1 = Date.UTC(2026, 11, 3);
  const week2 = Date.UTC(2026, 11, 8);
  expect((await send('E001', 'a1', 'exam', strong.replies, week2)).json()).toMatchObject({
    passed: true,
  });
  // 王芳 passed in coach (practice) and failed the exam.
  expect((await send('E002', 'a2', 'coach', strong.replies, week1)).json()).toMatchObject({
    passed: true,
  });
  expect((await send('E002', 'a3', 'exam', weak, week2)).json()).toMatchObject({ passed: false });
}, 120_000);

afterAll(async () => {
  await server?.close();
});

describe('POST /api/assignments', () => {
  it('should refuse a body without targets, an unknown mode or scenario, and a trainer', async () => {
    const due = '2026-12-20T23:59:59+08:00';
    expect((await assign(hr, { dueAt: due })).json().error).toMatch(/at least one department/);
    expect((await assign(hr, { dueAt: due, modes: ['nap'], stores: ['x'] })).statusCode).toBe(400);
    expect((await assign(hr, { dueAt: 'soon', stores: ['x'] })).statusCode).toBe(400);
    const unknown = await assign(hr, { dueAt: due, stores: ['x'], scenarioId: 'nope' });
    expect(unknown.statusCode).toBe(404);
    expect((await assign(trainer, { dueAt: due, stores: ['x'] })).statusCode).toBe(403);
    expect((await assign(devices.E001!, { dueAt: due, stores: ['x'] })).statusCode).toBe(403);
  });
});

describe('GET /api/assignments/ID', () => {
  it('should give every targeted person their state; only the counted modes count', async () => {
    const created = await assign(hr, {
      dueAt: '2026-12-20T23:59:59+08:00',
      departments: ['华东区'],
    });
    expect(created.statusCode).toBe(201);
    const status = await statusOf(hr, created.json().id);

    // 王芳's coach pass does not count: her failed exam makes her "in progress".
    expect(states(status)).toEqual({
      E001: 'passed',
      E002: 'in-progress',
      E003: 'not-started',
    });
    expect(status.headcount).toBe(3);
    expect(status.counts).toEqual({ 'not-started': 1, 'in-progress': 1, passed: 1, overdue: 0 });
    expect(status.passRate).toBeCloseTo(1 / 3);
    expect(status.byStore).toEqual([
      {
        store: '上海一店',
        headcount: 2,
        counts: { 'not-started': 1, 'in-progress': 0, passed: 1, overdue: 0 },
        passRate: 0.5,
      },
      {
        store: '上海二店',
        headcount: 1,
        counts: { 'not-started': 0, 'in-progress': 1, passed: 0, overdue: 0 },
        passRate: 0,
      },
    ]);
  });

  it('should count a practice pass when the assignment counts that mode', async () => {
    const created = await assign(hr, {
      modes: ['coach', 'exam'],
      dueAt: '2026-12-20T23:59:59+08:00',
      personIds: [ids.E002],
    });
    expect(states(await statusOf(hr, created.json().id))).toEqual({ E002: 'passed' });
  });

  it('should show people past the due time without a pass as overdue, by store and role', async () => {
    const created = await assign(hr, {
      dueAt: '2026-12-09T23:59:59+08:00',
      stores: ['广州店'],
      positions: ['店长'],
      personIds: [ids.E001],
    });
    const status = await statusOf(hr, created.json().id);
    expect(states(status)).toEqual({ E001: 'passed', E003: 'overdue', E004: 'overdue' });
    expect(status.byDepartment).toEqual([
      expect.objectContaining({ department: '华东区', headcount: 2, passRate: 0.5 }),
      expect.objectContaining({ department: '华南区', headcount: 1, passRate: 0 }),
    ]);
  });

  it('should show a trainer only their classes, and a trainee device nothing', async () => {
    const created = await assign(hr, {
      dueAt: '2026-12-09T23:59:59+08:00',
      departments: ['华东区', '华南区'],
    });
    const id = created.json().id;
    expect(states(await statusOf(trainer, id))).toEqual({ E004: 'overdue' });
    const listed = (await call(server.app, trainer, 'GET', '/api/assignments')).json();
    expect(listed.assignments.find((one: { id: number }) => one.id === id).headcount).toBe(1);
    for (const url of [
      `/api/assignments/${id}`,
      '/api/assignments',
      `/api/assignments/${id}/status.csv`,
      '/api/assignments/targets',
      '/api/trends',
    ])
      expect((await call(server.app, devices.E004!, 'GET', url)).statusCode).toBe(403);
    expect((await call(server.app, trainer, 'DELETE', `/api/assignments/${id}`)).statusCode).toBe(
      403,
    );
  });
});

describe('GET /api/assignments/targets', () => {
  it('should offer the roster’s departments, stores, roles and people', async () => {
    const targets = (await call(server.app, hr, 'GET', '/api/assignments/targets')).json();
    expect(targets.departments).toEqual(['华东区', '华南区']);
    expect(targets.stores).toEqual(['上海一店', '上海二店', '广州店'].sort());
    expect(targets.positions).toEqual(['店员', '店长'].sort());
    expect(targets.people).toHaveLength(4);
  });
});

describe('assignment status files', () => {
  it('should download the status as CSV for Excel and as XLSX', async () => {
    const created = await assign(hr, { dueAt: '2026-12-09T23:59:59+08:00', stores: ['广州店'] });
    const id = created.json().id;
    const csv = await call(server.app, hr, 'GET', `/api/assignments/${id}/status.csv`);
    expect(csv.headers['content-disposition']).toBe(`attachment; filename="assignment-${id}.csv"`);
    const lines = csv.body.split('\r\n');
    expect(lines[0]).toBe('\uFEFF姓名,工号,部门,门店,岗位,状态,最高分,次数,通过时间');
    expect(lines[1]).toBe('孙丽,E004,华南区,广州店,店员,已逾期,,0,');

    const xlsx = await call(server.app, hr, 'GET', `/api/assignments/${id}/status.xlsx?locale=en`);
    expect(xlsx.headers['content-disposition']).toBe(
      `attachment; filename="assignment-${id}.xlsx"`,
    );
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(xlsx.rawPayload as unknown as ArrayBuffer);
    const sheet = workbook.worksheets[0]!;
    expect(sheet.getRow(1).getCell(6).value).toBe('State');
    expect(sheet.getRow(2).getCell(1).value).toBe('孙丽');
    expect(sheet.getRow(2).getCell(6).value).toBe('Overdue');
  });

  it('should delete an assignment (HR)', async () => {
    const created = await assign(hr, { dueAt: '2026-12-09T23:59:59+08:00', stores: ['广州店'] });
    const id = created.json().id;
    expect((await call(server.app, hr, 'DELETE', `/api/assignments/${id}`)).statusCode).toBe(204);
    expect((await call(server.app, hr, 'GET', `/api/assignments/${id}`)).statusCode).toBe(404);
  });
});

describe('GET /api/trends', () => {
  it('should give attempts, passes and mean score per week in the counted modes', async () => {
    const response = await call(server.app, hr, 'GET', '/api/trends?period=week&periods=2');
    const [scores] = [
      await server.db.query<{ id: string; score: number }>(
        "select id, score from attempts where id in ('a1', 'a2', 'a3') order by id",
      ),
    ];
    const score = Object.fromEntries(scores!.map((row) => [row.id, row.score]));
    expect(response.json().points).toEqual([
      { start: '2026-11-30', attempts: 1, passed: 1, passRate: 1, meanScore: score.a2 },
      {
        start: '2026-12-07',
        attempts: 2,
        passed: 1,
        passRate: 0.5,
        meanScore: (score.a1! + score.a3!) / 2,
      },
    ]);
    const exams = (await call(server.app, hr, 'GET', '/api/trends?periods=2&modes=exam')).json();
    expect(exams.points.map((point: { attempts: number }) => point.attempts)).toEqual([0, 2]);
    const south = await call(server.app, hr, 'GET', '/api/trends?periods=2&department=华南区');
    expect(south.json().points.map((point: { attempts: number }) => point.attempts)).toEqual([
      0, 0,
    ]);
  });

  it('should follow an assignment: its modes and its people', async () => {
    const created = await assign(hr, { dueAt: '2026-12-20T23:59:59+08:00', personIds: [ids.E002] });
    const url = `/api/trends?period=day&periods=3&assignment=${created.json().id}`;
    const points = (await call(server.app, hr, 'GET', url)).json().points;
    expect(points.map((point: { start: string }) => point.start)).toEqual([
      '2026-12-08',
      '2026-12-09',
      '2026-12-10',
    ]);
    expect(points[0]).toMatchObject({ attempts: 1, passed: 0, passRate: 0 });
  });
});

describe('counted modes on the matrix', () => {
  const cellOf = async (query: string) => {
    const matrix = (await call(server.app, hr, 'GET', `/api/matrix${query}`)).json();
    const person = matrix.people.find((one: { employeeNo: string }) => one.employeeNo === 'E002');
    return {
      counted: matrix.countedModes,
      cell: person.cells[SCENARIO],
      practised: person.practised,
    };
  };

  it('should count every mode until HR chooses, and only the chosen ones after', async () => {
    expect(await cellOf('')).toMatchObject({
      counted: ['coach', 'exam', 'choice', 'observed'],
      cell: { passed: true, attempts: 2 },
    });
    expect(await cellOf('?modes=coach')).toMatchObject({
      cell: { passed: true, attempts: 1 },
    });
    const put = (as: As, modes: unknown) =>
      call(server.app, as, 'PUT', '/api/settings/counted-modes', { modes });
    expect((await put(trainer, ['exam'])).statusCode).toBe(403);
    expect((await put(hr, [])).statusCode).toBe(400);
    expect((await put(hr, ['exam'])).json()).toEqual({ modes: ['exam'] });
    expect(await cellOf('')).toEqual({
      counted: ['exam'],
      cell: { best: expect.any(Number), passed: false, attempts: 1 },
      practised: [],
    });
    expect((await call(server.app, hr, 'GET', '/api/matrix?modes=nap')).statusCode).toBe(400);
    const csv = await call(server.app, hr, 'GET', '/api/matrix.csv?modes=choice');
    expect(csv.body.split('\r\n').find((line) => line.startsWith('王芳,'))).toMatch(
      /^王芳,E002,华东区,,+0%$/,
    );
    const xlsx = await call(server.app, hr, 'GET', '/api/matrix.xlsx');
    expect(xlsx.headers['content-disposition']).toBe(
      'attachment; filename="completion-matrix.xlsx"',
    );
  });
});
