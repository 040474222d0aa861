/**
 * Abandoned attempts from joined devices: kept with the conversation so far and no score, never
 * in the best scores or the matrix, with xAPI statements that end in terminated (as the app's own
 * queue reports one); idempotent by id, and an id is either finished or abandoned, never both.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call, joined, staff, startTestServer, type As, type TestServer } from './harness';

let server: TestServer;
let hr: As;
let device: As;

const SCENARIO = 'complaint-late-delivery';
const REPLIES = [
  { text: '非常抱歉让您等了这么久，换了我也会着急。', afterMs: 8_000 },
  { text: '您能跟我说说当时店员是怎么答应您的吗？', afterMs: 12_000 },
];

const attemptOf = (id: string, replies = REPLIES) => ({
  id,
  scenarioId: SCENARIO,
  mode: 'exam',
  startedAt: Date.UTC(2026, 11, 4, 9),
  replies,
});

const abandon = (id: string, replies = REPLIES) =>
  call(server.app, device, 'POST', '/api/attempts/abandoned', attemptOf(id, replies));
const finish = (id: string, replies = REPLIES) =>
  call(server.app, device, 'POST', '/api/attempts', attemptOf(id, replies));

const outboxVerbs = async (attemptId: string) =>
  (
    await server.db.query<{ verb: string; score: unknown }>(
      `select statement->'verb'->>'id' as verb, statement->'result'->'score' as score
       from xapi_outbox where attempt_id = $1 order by happened_at, seq`,
      [attemptId],
    )
  ).map((row) => ({ verb: row.verb.split('/').pop(), score: row.score }));

beforeAll(async () => {
  server = await startTestServer({ xapi: false });
  const admin = await staff(server, 'admin', 'admin');
  hr = await staff(server, 'hr', 'hr');
  const lrs = await call(server.app, admin, 'PUT', '/api/xapi/lrs', {
    endpoint: 'https://lrs.corp.example.cn/xapi/',
    key: 'servicedojo',
    secret: 'lrs-secret',
  });
  expect(lrs.statusCode).toBe(200);
  const roster = await call(server.app, hr, 'POST', '/api/roster', {
    csv: '李明,E001,客服部\n王芳,E002,客服部\n',
  });
  device = await joined(server.app, roster.json().people[0].joinUrl);
}, 60_000);

afterAll(async () => {
  await server?.close();
});

describe('POST /api/attempts/abandoned', () => {
  it('should keep the conversation so far without a score, and queue attempted … terminated', async () => {
    const response = await abandon('left-1');
    expect(response.statusCode).toBe(201);
    expect(response.json()).toMatchObject({ id: 'left-1', status: 'abandoned', duplicate: false });
    const [row] = await server.db.query<{
      status: string;
      score: number | null;
      passed: boolean | null;
      report: { transcript: { role: string; text: unknown }[] };
    }>("select status, score, passed, report from attempts where id = 'left-1'");
    expect(row).toMatchObject({ status: 'abandoned', score: null, passed: null });
    const said = row!.report.transcript.filter((entry) => entry.role === 'trainee');
    expect(said.map((entry) => entry.text)).toEqual(REPLIES.map((one) => one.text));
    expect(await outboxVerbs('left-1')).toEqual([
      { verb: 'attempted', score: null },
      { verb: 'responded', score: null },
      { verb: 'responded', score: null },
      { verb: 'terminated', score: null },
    ]);
  });

  it('should not count an abandoned attempt in the best scores or the matrix', async () => {
    const weak = [{ text: '你自己看不懂说明书吗', afterMs: 3_000 }];
    expect((await finish('done-1', weak)).statusCode).toBe(201);
    expect((await abandon('left-2')).statusCode).toBe(201);
    const [finished] = await server.db.query<{ score: number }>(
      "select score from attempts where id = 'done-1'",
    );
    const matrix = (await call(server.app, hr, 'GET', '/api/matrix')).json();
    const me = matrix.people.find((person: { employeeNo: string }) => person.employeeNo === 'E001');
    expect(me.cells[SCENARIO]).toEqual({ best: finished!.score, passed: false, attempts: 1 });
    const listed = (await call(server.app, device, 'GET', '/api/attempts')).json().attempts as {
      id: string;
      status: string;
      score: number | null;
    }[];
    expect(listed.find((one) => one.id === 'left-2')).toMatchObject({
      status: 'abandoned',
      score: null,
    });
    expect(listed.find((one) => one.id === 'done-1')).toMatchObject({ status: 'finished' });
  });

  it('should keep a retry once and refuse other content under the same id', async () => {
    const again = await abandon('left-1');
    expect(again.statusCode).toBe(200);
    expect(again.json()).toMatchObject({ duplicate: true });
    expect(await outboxVerbs('left-1')).toHaveLength(4);
    const changed = await abandon('left-1', REPLIES.slice(0, 1));
    expect(changed.statusCode).toBe(409);
  });

  it('should refuse finishing an attempt sent abandoned, and abandoning one sent finished', async () => {
    const finished = await finish('left-1');
    expect(finished.statusCode).toBe(409);
    expect(finished.json().error).toBe(
      'attempt "left-1" was sent as abandoned; it cannot be finished afterwards',
    );
    const abandoned = await abandon('done-1', [{ text: '你自己看不懂说明书吗', afterMs: 3_000 }]);
    expect(abandoned.statusCode).toBe(409);
    expect(abandoned.json().error).toMatch(/already sent finished; it cannot be abandoned/);
    const [row] = await server.db.query<{ status: string }>(
      "select status from attempts where id = 'left-1'",
    );
    expect(row!.status).toBe('abandoned');
  });
});
