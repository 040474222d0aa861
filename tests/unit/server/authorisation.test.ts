/**
 * Who sees what: a trainee only their own records, a trainer the people of their classes, HR and
 * administrators everyone. Each boundary is tried from the side that must be refused.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call, joined, nobody, staff, startTestServer, type As, type TestServer } from './harness';

let server: TestServer;
let admin: As;
let hr: As;
let trainerA: As;
let trainerB: As;
const devices: Record<string, As> = {};
const ids: Record<string, number> = {};

const attemptOf = (id: string) => ({
  id,
  scenarioId: 'complaint-late-delivery',
  mode: 'exam',
  startedAt: Date.UTC(2026, 11, 2),
  replies: [{ text: '非常抱歉让您久等了，我马上帮您查。', afterMs: 6_000 }],
});

const get = (as: As, url: string) => call(server.app, as, 'GET', url);

beforeAll(async () => {
  server = await startTestServer();
  admin = await staff(server, 'admin', 'admin');
  hr = await staff(server, 'hr', 'hr');
  trainerA = await staff(server, 'trainer-a', 'trainer');
  trainerB = await staff(server, 'trainer-b', 'trainer');
  const classA = await call(server.app, trainerA, 'POST', '/api/roster', {
    csv: '李明,E001,客服部\n王芳,E002,客服部\n',
    className: '一班',
  });
  const classB = await call(server.app, trainerB, 'POST', '/api/roster', {
    csv: '赵磊,E003,门店\n',
    className: '二班',
  });
  for (const person of [...classA.json().people, ...classB.json().people]) {
    ids[person.employeeNo] = person.id;
    devices[person.employeeNo] = await joined(server.app, person.joinUrl);
    const sent = await call(
      server.app,
      devices[person.employeeNo]!,
      'POST',
      '/api/attempts',
      attemptOf(`attempt-${person.employeeNo}`),
    );
    expect(sent.statusCode).toBe(201);
  }
}, 60_000);

afterAll(async () => {
  await server?.close();
});

const listed = async (as: As, query = '') =>
  ((await get(as, `/api/attempts${query}`)).json().attempts as { id: string }[])
    .map((attempt) => attempt.id)
    .sort();

describe('a trainee', () => {
  it('should see their own attempts and nobody else’s', async () => {
    expect(await listed(devices.E002!)).toEqual(['attempt-E002']);
    expect(await listed(devices.E002!, `?personId=${ids.E001}`)).toEqual([]);
    expect((await get(devices.E002!, '/api/attempts/attempt-E002')).statusCode).toBe(200);
  });

  it('should get 404 for a colleague’s record, the same as for one that does not exist', async () => {
    const colleague = await get(devices.E002!, '/api/attempts/attempt-E001');
    const missing = await get(devices.E002!, '/api/attempts/no-such-attempt');
    expect(colleague.statusCode).toBe(404);
    expect(colleague.json()).toEqual(missing.json());
  });

  it('should not list people, import rosters or issue join links', async () => {
    expect((await get(devices.E002!, '/api/people')).statusCode).toBe(403);
    const link = await call(server.app, devices.E002!, 'POST', `/api/people/${ids.E001}/join-link`);
    expect(link.statusCode).toBe(403);
  });
});

describe('a trainee device', () => {
  it('should not read the matrix, the people, the audit log, the LRS or the publish history', async () => {
    for (const url of [
      '/api/matrix',
      '/api/matrix.csv',
      '/api/people',
      `/api/people/${ids.E001}/export`,
      `/api/people/${ids.E002}/export`,
      '/api/audit',
      '/api/xapi/lrs',
      '/api/xapi/status',
      '/api/catalog/history',
    ])
      expect([url, (await get(devices.E002!, url)).statusCode]).toEqual([url, 403]);
  });

  it('should not import a roster, publish, delete anyone or change the LRS', async () => {
    const device = devices.E002!;
    const writes = [
      await call(server.app, device, 'POST', '/api/roster', { csv: '钱七,E009,门店\n' }),
      await call(server.app, device, 'POST', '/api/catalog/scenarios', { yaml: 'id: x' }),
      await call(server.app, device, 'DELETE', `/api/people/${ids.E001}`),
      await call(server.app, device, 'DELETE', `/api/people/${ids.E002}`),
      await call(server.app, device, 'PUT', '/api/xapi/lrs', {
        endpoint: 'https://x.cn/',
        key: 'k',
      }),
      await call(server.app, device, 'POST', '/api/xapi/retry-rejected'),
      await call(server.app, device, 'POST', '/api/people', {
        login: 'sneaky',
        name: 'sneaky',
        role: 'admin',
        password: 'a long enough password',
      }),
    ];
    expect(writes.map((response) => response.statusCode)).toEqual(writes.map(() => 403));
    expect(await listed(hr)).toEqual(['attempt-E001', 'attempt-E002', 'attempt-E003']);
  });

  it('should not pass for a signed-in session (a device is not a staff sign-in)', async () => {
    expect((await get(devices.E002!, '/api/session')).statusCode).toBe(401);
  });
});

describe('a trainer', () => {
  it('should see the people and attempts of their own class only', async () => {
    expect(await listed(trainerA)).toEqual(['attempt-E001', 'attempt-E002']);
    expect(await listed(trainerB)).toEqual(['attempt-E003']);
    const people = (await get(trainerA, '/api/people')).json().people as { employeeNo: string }[];
    expect(people.map((person) => person.employeeNo).sort()).toEqual(['E001', 'E002']);
  });

  it('should get 404 for another class’s record and join link', async () => {
    expect((await get(trainerA, '/api/attempts/attempt-E003')).statusCode).toBe(404);
    expect((await get(trainerB, '/api/attempts/attempt-E001')).statusCode).toBe(404);
    const link = await call(server.app, trainerA, 'POST', `/api/people/${ids.E003}/join-link`);
    expect(link.statusCode).toBe(404);
  });

  it('should not send attempts as if they were a trainee', async () => {
    const sent = await call(server.app, trainerA, 'POST', '/api/attempts', attemptOf('by-trainer'));
    expect(sent.statusCode).toBe(403);
  });
});

describe('a trainer’s roster', () => {
  it('should not take another trainer’s trainee into their class (nor get their join link)', async () => {
    const taken = await call(server.app, trainerA, 'POST', '/api/roster', {
      csv: '赵磊,E003,改名部门\n',
      className: '一班',
    });
    expect(taken.statusCode).toBe(409);
    expect(taken.json().error).toContain('E003');
    expect(taken.body).not.toContain('/#/join/');
    expect((await get(trainerA, '/api/attempts/attempt-E003')).statusCode).toBe(404);
    const people = (await get(hr, '/api/people')).json().people as {
      employeeNo: string;
      department: string;
    }[];
    expect(people.find((person) => person.employeeNo === 'E003')?.department).toBe('门店');
  });

  it('should take people HR brought in who are in no class yet', async () => {
    const byHr = await call(server.app, hr, 'POST', '/api/roster', { csv: '孙丽,E004,门店\n' });
    expect(byHr.statusCode).toBe(201);
    const claimed = await call(server.app, trainerB, 'POST', '/api/roster', {
      csv: '孙丽,E004,门店\n',
      className: '二班',
    });
    expect(claimed.statusCode).toBe(201);
    const people = (await get(trainerB, '/api/people')).json().people as { employeeNo: string }[];
    expect(people.map((person) => person.employeeNo).sort()).toEqual(['E003', 'E004']);
  });
});

describe('staff roles', () => {
  it('should keep personal data, the audit log and the LRS from trainers', async () => {
    for (const [method, url] of [
      ['GET', `/api/people/${ids.E001}/export`],
      ['DELETE', `/api/people/${ids.E001}`],
      ['GET', '/api/audit'],
      ['GET', '/api/xapi/lrs'],
      ['PUT', '/api/xapi/lrs'],
      ['GET', '/api/xapi/status'],
      ['POST', '/api/xapi/retry-rejected'],
    ] as const)
      expect([url, (await call(server.app, trainerA, method, url, {})).statusCode]).toEqual([
        url,
        403,
      ]);
  });

  it('should let HR export and read the audit log but not read or change the LRS settings', async () => {
    expect((await get(hr, `/api/people/${ids.E003}/export`)).statusCode).toBe(200);
    expect((await get(hr, '/api/audit')).statusCode).toBe(200);
    expect((await get(hr, '/api/xapi/lrs')).statusCode).toBe(403);
    const save = await call(server.app, hr, 'PUT', '/api/xapi/lrs', {
      endpoint: 'https://lrs.corp.cn/xapi/',
      key: 'k',
      secret: 's',
    });
    expect(save.statusCode).toBe(403);
    expect((await get(admin, '/api/xapi/lrs')).json()).toEqual({ configured: false });
  });

  it('should never answer a password hash, a token or the LRS secret', async () => {
    const secret = 'the-lrs-secret-itself';
    const saved = await call(server.app, admin, 'PUT', '/api/xapi/lrs', {
      endpoint: 'https://lrs.corp.cn/xapi/',
      key: 'k',
      secret,
    });
    expect(saved.statusCode).toBe(200);
    const hashes = await server.db.query<{ value: string }>(
      `select password_hash as value from people where password_hash is not null
       union all select token_hash from devices union all select token_hash from sessions
       union all select token_hash from join_tokens`,
    );
    const bodies: string[] = [saved.body];
    for (const url of [
      '/api/me',
      '/api/session',
      '/api/people',
      `/api/people/${ids.E001}/export`,
      '/api/audit',
      '/api/xapi/lrs',
      '/api/xapi/status',
      '/api/attempts',
      '/api/matrix',
    ])
      bodies.push((await get(admin, url)).body);
    for (const body of bodies) {
      expect(body).not.toContain(secret);
      expect(body).not.toContain('scrypt$');
      for (const { value } of hashes) expect(body).not.toContain(value);
    }
  });
});

describe('HR', () => {
  it('should see everyone’s attempts and the full report of any', async () => {
    expect(await listed(hr)).toEqual(['attempt-E001', 'attempt-E002', 'attempt-E003']);
    const one = await get(hr, '/api/attempts/attempt-E003');
    expect(one.json()).toMatchObject({ name: '赵磊', report: { schemaVersion: 2 } });
  });
});

describe('nobody', () => {
  it('should be answered 401 without a session or device, or with a made-up device token', async () => {
    expect((await get(nobody, '/api/attempts')).statusCode).toBe(401);
    const madeUp = { cookies: {}, headers: { authorization: `Bearer ${'x'.repeat(43)}` } };
    expect((await get(madeUp, '/api/attempts/attempt-E001')).statusCode).toBe(401);
  });
});
