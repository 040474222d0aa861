/**
 * Personal data on request and the audit log: HR exports everything the server holds on a
 * person and deletes a trainee (their rows gone, their device refused, other people untouched,
 * the deletion recorded without the deleted data); each action leaves one audit entry.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EMPTY_COMPANY_PACK } from '../../../src/features/authoring/company-pack';
import { call, joined, nobody, staff, startTestServer, type As, type TestServer } from './harness';

const ENDPOINT = 'http://127.0.0.1:9/xapi/';
const SECRET = 'lrs-secret-never-shown';

let server: TestServer;
let admin: As;
let hr: As;
let trainer: As;
const devices: Record<string, As> = {};
const ids: Record<string, number> = {};

const attemptOf = (id: string) => ({
  id,
  scenarioId: 'complaint-late-delivery',
  mode: 'exam',
  startedAt: Date.UTC(2026, 11, 2),
  replies: [{ text: '非常抱歉让您久等了，我马上帮您查。', afterMs: 6_000 }],
  claimedScore: 100,
});

const count = async (sql: string, params: unknown[]) =>
  (await server.db.query<{ n: number }>(`select count(*)::int as n ${sql}`, params))[0]!.n;

interface Entry {
  kind: string;
  actorName: string;
  detail: Record<string, unknown>;
}

const audit = async (as: As, query = '') =>
  (await call(server.app, as, 'GET', `/api/audit${query}`)).json<{
    entries: Entry[];
    next: number | null;
  }>();

beforeAll(async () => {
  server = await startTestServer({ xapi: false });
  admin = await staff(server, 'admin', 'admin');
  hr = await staff(server, 'hr', 'hr');
  trainer = await staff(server, 'trainer', 'trainer');
  // An LRS is set, so each attempt queues statements that name the trainee.
  const lrs = await call(server.app, admin, 'PUT', '/api/xapi/lrs', {
    endpoint: ENDPOINT,
    key: 'servicedojo',
    secret: SECRET,
  });
  expect(lrs.statusCode).toBe(200);
  const roster = await call(server.app, trainer, 'POST', '/api/roster', {
    csv: '李明,E001,客服部\n王芳,E002,客服部\n',
    className: '一班',
  });
  for (const person of roster.json().people) {
    ids[person.employeeNo] = person.id;
    devices[person.employeeNo] = await joined(server.app, person.joinUrl);
    for (const n of [1, 2]) {
      const sent = await call(
        server.app,
        devices[person.employeeNo]!,
        'POST',
        '/api/attempts',
        attemptOf(`${person.employeeNo}-${n}`),
      );
      expect(sent.statusCode).toBe(201);
    }
  }
}, 60_000);

afterAll(async () => {
  await server?.close();
});

describe('GET /api/people/:id/export', () => {
  it('should give HR everything held on the person: roster entry, devices, attempts with transcript and the server’s report', async () => {
    const response = await call(server.app, hr, 'GET', `/api/people/${ids.E001}/export`);
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-disposition']).toBe(
      `attachment; filename="person-${ids.E001}.json"`,
    );
    const data = response.json();
    expect(data).toMatchObject({
      schemaVersion: 1,
      person: { id: ids.E001, name: '李明', employeeNo: 'E001', department: '客服部' },
      classes: [{ name: '一班', trainer: 'trainer' }],
    });
    expect(data.devices).toHaveLength(1);
    expect(data.joinLinks[0].usedAt).toEqual(expect.any(String));
    expect(data.attempts.map((attempt: { id: string }) => attempt.id)).toEqual([
      'E001-1',
      'E001-2',
    ]);
    const [first] = data.attempts;
    // The transcript as sent and the server's own report, beside the score the device claimed.
    expect(first.replies).toEqual(attemptOf('E001-1').replies);
    expect(first.report).toMatchObject({ schemaVersion: 2, score: first.score });
    expect(first.report.transcript.length).toBeGreaterThan(0);
    expect(first.claimedScore).toBe(100);
    expect(data.bestScores).toMatchObject([{ scenarioId: 'complaint-late-delivery', attempts: 2 }]);
    expect(data.xapiStatements.length).toBeGreaterThan(0);
    // Nobody else's records, and nothing secret.
    expect(response.body).not.toContain('E002');
    expect(response.body).not.toContain(SECRET);
    expect(response.body).not.toMatch(/hash|scrypt/);
  });

  it('should answer 404 for an unknown person', async () => {
    expect((await call(server.app, hr, 'GET', '/api/people/999999/export')).statusCode).toBe(404);
    expect((await call(server.app, hr, 'GET', '/api/people/x/export')).statusCode).toBe(404);
  });
});

describe('DELETE /api/people/:id', () => {
  it('should refuse to delete a staff account', async () => {
    const [trainerRow] = await server.db.query<{ id: number }>(
      "select id::int as id from people where login = 'trainer'",
    );
    const refused = await call(server.app, hr, 'DELETE', `/api/people/${trainerRow!.id}`);
    expect(refused.statusCode).toBe(409);
  });

  it('should remove the trainee and everything kept on them, and stop their device', async () => {
    const queued = await count(
      "from xapi_outbox where attempt_id like 'E001-%' and state = 'pending'",
      [],
    );
    expect(queued).toBeGreaterThan(0);
    const othersBefore = await count('from attempts where person_id = $1', [ids.E002]);

    const response = await call(server.app, hr, 'DELETE', `/api/people/${ids.E001}`);
    expect(response.statusCode).toBe(204);

    for (const table of ['devices', 'sessions', 'join_tokens', 'attempts', 'best_scores'])
      expect(await count(`from ${table} where person_id = $1`, [ids.E001])).toBe(0);
    expect(await count('from people where id = $1', [ids.E001])).toBe(0);
    expect(await count('from class_members where person_id = $1', [ids.E001])).toBe(0);
    expect(await count("from xapi_outbox where attempt_id like 'E001-%'", [])).toBe(0);
    expect(await count('from attempts where employee_no = $1', ['E001'])).toBe(0);

    // Their device token is refused; a colleague's still works, with all their records.
    expect((await call(server.app, devices.E001!, 'GET', '/api/me')).statusCode).toBe(401);
    const sent = await call(server.app, devices.E001!, 'POST', '/api/attempts', attemptOf('late'));
    expect(sent.statusCode).toBe(401);
    expect((await call(server.app, devices.E002!, 'GET', '/api/me')).statusCode).toBe(200);
    expect(await count('from attempts where person_id = $1', [ids.E002])).toBe(othersBefore);
    expect(await count("from xapi_outbox where attempt_id like 'E002-%'", [])).toBeGreaterThan(0);
    expect(await count('from best_scores where person_id = $1', [ids.E002])).toBe(1);

    // A second delete finds nobody.
    expect((await call(server.app, hr, 'DELETE', `/api/people/${ids.E001}`)).statusCode).toBe(404);
  });

  it('should record the deletion by id only, without the deleted data', async () => {
    const { entries } = await audit(hr, '?kind=person-delete');
    expect(entries).toEqual([
      expect.objectContaining({ actorName: 'hr', detail: { personId: ids.E001 } }),
    ]);
    const everything = JSON.stringify(await audit(admin));
    expect(everything).not.toContain('李明');
    expect(everything).not.toContain('E001');
  });
});

describe('the audit log', () => {
  it('should hold one entry per action, newest first, never a password or secret', async () => {
    // Actions of this file so far, plus a join link, a published rule pack and a staff account.
    expect(
      (await call(server.app, trainer, 'POST', `/api/people/${ids.E002}/join-link`)).statusCode,
    ).toBe(201);
    const pack = await call(server.app, trainer, 'POST', '/api/catalog/rule-packs', {
      yaml: EMPTY_COMPANY_PACK,
    });
    expect(pack.statusCode).toBe(201);
    const added = await call(server.app, hr, 'POST', '/api/people', {
      login: 'new-trainer',
      name: '新老师',
      role: 'trainer',
      password: 'a long enough password',
    });
    expect(added.statusCode).toBe(201);
    expect((await call(server.app, admin, 'POST', '/api/xapi/retry-rejected')).statusCode).toBe(
      200,
    );
    // An endpoint with a password in it: HR reads the audit log, not the LRS settings.
    const withPassword = await call(server.app, admin, 'PUT', '/api/xapi/lrs', {
      endpoint: 'https://lrs-user:url-password@lrs.corp.cn/xapi/',
      key: 'servicedojo',
    });
    expect(withPassword.statusCode).toBe(200);

    const { entries } = await audit(admin);
    const kinds = entries.map((entry) => entry.kind);
    expect(kinds.slice(0, 5)).toEqual([
      'lrs-settings',
      'lrs-retry',
      'staff-create',
      'publish-rule-pack',
      'join-link',
    ]);
    expect(entries[0]).toMatchObject({
      detail: { endpoint: 'https://lrs.corp.cn/xapi/', secretChanged: false },
    });
    expect(entries[3]).toMatchObject({
      actorName: 'trainer',
      detail: { id: 'company', version: 1 },
    });
    expect(kinds).toEqual(
      expect.arrayContaining([
        'lrs-settings',
        'roster-import',
        'join-link',
        'person-export',
        'person-delete',
        'staff-create',
      ]),
    );
    expect(entries.findLast((entry) => entry.kind === 'lrs-settings')).toMatchObject({
      actorName: 'admin',
      detail: { endpoint: ENDPOINT, secretChanged: true },
    });
    expect(entries.find((entry) => entry.kind === 'roster-import')).toMatchObject({
      actorName: 'trainer',
      detail: { people: 2, skipped: 0, className: '一班' },
    });
    expect(entries.find((entry) => entry.kind === 'staff-create')).toMatchObject({
      detail: { login: 'new-trainer', role: 'trainer' },
    });
    const body = JSON.stringify(entries);
    expect(body).not.toContain(SECRET);
    expect(body).not.toContain('a long enough password');
    expect(body).not.toContain('url-password');
  });

  it('should page newest first and filter by kind', async () => {
    const all = (await audit(admin)).entries;
    const ids = all.map((entry) => (entry as Entry & { id: number }).id);
    expect(ids).toEqual([...ids].sort((a, b) => b - a));
    const first = await call(server.app, admin, 'GET', '/api/audit');
    expect(first.json().next).toBeNull();
    const older = await audit(admin, `?before=${ids[2]}`);
    expect(older.entries.map((entry) => (entry as Entry & { id: number }).id)).toEqual(
      ids.slice(3),
    );
    const exports = await audit(hr, '?kind=person-export');
    expect(exports.entries.map((entry) => entry.kind)).toEqual(['person-export']);
    expect((await call(server.app, hr, 'GET', '/api/audit?kind=nonsense')).statusCode).toBe(400);
  });
});

describe('who may export, delete and read the audit log', () => {
  it('should refuse trainers, trainee devices and nobody', async () => {
    for (const [as, code] of [
      [nobody, 401],
      [devices.E002!, 403],
      [trainer, 403],
    ] as const) {
      expect((await call(server.app, as, 'GET', `/api/people/${ids.E002}/export`)).statusCode).toBe(
        code,
      );
      expect((await call(server.app, as, 'DELETE', `/api/people/${ids.E002}`)).statusCode).toBe(
        code,
      );
      expect((await call(server.app, as, 'GET', '/api/audit')).statusCode).toBe(code);
    }
    // A cookie delete without the session's CSRF token is refused too.
    const noCsrf = await call(
      server.app,
      { cookies: hr.cookies, headers: {} },
      'DELETE',
      `/api/people/${ids.E002}`,
    );
    expect(noCsrf.statusCode).toBe(403);
    expect(await count('from people where id = $1', [ids.E002])).toBe(1);
  });
});
