/** The HR completion matrix from the server: roster × scenarios, best scores, rates, CSV. */
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call, joined, staff, startTestServer, type As, type TestServer } from './harness';

let server: TestServer;
let hr: As;
let trainer: As;
const devices: Record<string, As> = {};

const strong = JSON.parse(
  readFileSync('tests/fixtures/transcripts/complaint-late-delivery.strong.json', 'utf8'),
) as { replies: { text: string; afterMs: number }[] };
const weak = [{ text: '你自己看不懂说明书吗', afterMs: 3_000 }];

const send = (device: As, id: string, replies: unknown) =>
  call(server.app, device, 'POST', '/api/attempts', {
    id,
    scenarioId: 'complaint-late-delivery',
    mode: 'coach',
    startedAt: Date.UTC(2026, 11, 3),
    replies,
  });

beforeAll(async () => {
  server = await startTestServer();
  hr = await staff(server, 'hr', 'hr');
  trainer = await staff(server, 'trainer', 'trainer');
  const roster = await call(server.app, hr, 'POST', '/api/roster', {
    csv: '李明,E001,客服部\n王芳,E002,客服部\n赵磊,E003,门店\n',
  });
  for (const person of roster.json().people.slice(0, 2))
    devices[person.employeeNo] = await joined(server.app, person.joinUrl);
  await call(server.app, trainer, 'POST', '/api/roster', { csv: '赵磊,E003,门店\n' });
  expect((await send(devices.E001!, 'm1', strong.replies)).statusCode).toBe(201);
  expect((await send(devices.E001!, 'm2', weak)).statusCode).toBe(201);
  expect((await send(devices.E002!, 'm3', weak)).statusCode).toBe(201);
}, 60_000);

afterAll(async () => {
  await server?.close();
});

describe('GET /api/matrix', () => {
  it('should list every roster person, the ones who never started too, with their best', async () => {
    const matrix = (await call(server.app, hr, 'GET', '/api/matrix')).json();
    expect(matrix.headcount).toBe(3);
    const byNo = Object.fromEntries(
      matrix.people.map((person: { employeeNo: string }) => [person.employeeNo, person]),
    );
    const [first] = await server.db.query<{ score: number }>(
      "select score from attempts where id = 'm1'",
    );
    expect(byNo.E001.cells['complaint-late-delivery']).toEqual({
      best: first!.score,
      passed: true,
      attempts: 2,
    });
    expect(byNo.E002.cells['complaint-late-delivery']).toMatchObject({ passed: false });
    expect(byNo.E003.cells).toEqual({});
    expect(matrix.scenarios.length).toBeGreaterThan(1);
  });

  it('should give rates over headcount, per scenario and per department', async () => {
    const matrix = (await call(server.app, hr, 'GET', '/api/matrix')).json();
    const complaint = matrix.byScenario.find(
      (entry: { scenarioId: string }) => entry.scenarioId === 'complaint-late-delivery',
    );
    expect(complaint).toEqual({
      scenarioId: 'complaint-late-delivery',
      started: 2,
      passed: 1,
      passRate: 1 / 3,
    });
    const scenarios = matrix.scenarios.length;
    expect(matrix.byDepartment).toEqual([
      { department: '客服部', headcount: 2, passRate: 1 / (2 * scenarios) },
      { department: '门店', headcount: 1, passRate: 0 },
    ]);
  });

  it('should show a trainer only their class, and a trainee nothing', async () => {
    const matrix = (await call(server.app, trainer, 'GET', '/api/matrix')).json();
    expect(matrix.people.map((person: { employeeNo: string }) => person.employeeNo)).toEqual([
      'E003',
    ]);
    expect((await call(server.app, devices.E001!, 'GET', '/api/matrix')).statusCode).toBe(403);
  });
});

describe('GET /api/matrix.csv', () => {
  it('should export the matrix for Excel: BOM, a row per person, empty cells for not started', async () => {
    const response = await call(server.app, hr, 'GET', '/api/matrix.csv');
    expect(response.headers['content-type']).toBe('text/csv; charset=utf-8');
    const lines = response.body.split('\r\n');
    expect(lines[0]).toMatch(/^\uFEFF姓名,工号,部门,/);
    expect(lines[0]).toMatch(/,部门完成率$/);
    expect(lines.find((line) => line.startsWith('赵磊,E003,门店,'))).toMatch(
      /^赵磊,E003,门店,,+0%$/,
    );
    expect(lines.find((line) => line.startsWith('李明,'))).toContain(' ✓');
  });
});
