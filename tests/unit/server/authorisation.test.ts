/**
 * Who sees what: a trainee only their own records, a trainer the people of their classes, HR and
 * administrators everyone. Each boundary is tried from the side that must be refused.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call, joined, nobody, staff, startTestServer, type As, type TestServer } from './harness';

let server: TestServer;
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
  await staff(server, 'admin', 'admin');
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
