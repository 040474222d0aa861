/**
 * A device whose person HR deletes while its attempt is on the way: the attempt is refused with
 * 401 and a message saying why (never a 500), whichever comes first; nothing of it is kept.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call, joined, staff, startTestServer, type As, type TestServer } from './harness';

let server: TestServer;
let hr: As;
const devices: As[] = [];
const ids: number[] = [];

const attemptOf = (id: string) => ({
  id,
  scenarioId: 'complaint-late-delivery',
  mode: 'coach',
  startedAt: Date.UTC(2026, 11, 2),
  replies: [{ text: '非常抱歉让您久等了，我马上帮您查。', afterMs: 6_000 }],
});

const count = async (sql: string, params: unknown[]) =>
  (await server.db.query<{ n: number }>(`select count(*)::int as n ${sql}`, params))[0]!.n;

beforeAll(async () => {
  server = await startTestServer({ xapi: false });
  hr = await staff(server, 'hr', 'hr');
  const roster = await call(server.app, hr, 'POST', '/api/roster', {
    csv: '李明,E001,客服部\n王芳,E002,客服部\n',
  });
  for (const person of roster.json().people as { id: number; joinUrl: string }[]) {
    ids.push(person.id);
    devices.push(await joined(server.app, person.joinUrl));
  }
}, 60_000);

afterAll(async () => {
  await server?.close();
});

describe('an attempt whose person is deleted meanwhile', () => {
  it('should be refused with 401 and a clear message when the deletion lands first', async () => {
    // The deletion commits after the device was recognised and before the attempt is written.
    const query = server.db.query.bind(server.db);
    let raced = false;
    server.db.query = async <T>(sql: string, params?: unknown[]): Promise<T[]> => {
      if (!raced && sql.includes('insert into attempts')) {
        raced = true;
        const deleted = await call(server.app, hr, 'DELETE', `/api/people/${ids[0]}`);
        expect(deleted.statusCode).toBe(204);
      }
      return query<T>(sql, params);
    };
    try {
      const sent = await call(
        server.app,
        devices[0]!,
        'POST',
        '/api/attempts',
        attemptOf('race-1'),
      );
      expect(raced).toBe(true);
      expect(sent.statusCode).toBe(401);
      expect(sent.json().error).toMatch(/no longer on the roster.*new join link/);
    } finally {
      server.db.query = query;
    }
    expect(await count('from attempts where id = $1', ['race-1'])).toBe(0);
  });

  it('should be refused with 401 once the person is gone', async () => {
    expect((await call(server.app, hr, 'DELETE', `/api/people/${ids[1]}`)).statusCode).toBe(204);
    const sent = await call(server.app, devices[1]!, 'POST', '/api/attempts', attemptOf('late-1'));
    expect(sent.statusCode).toBe(401);
    expect(await count('from attempts where id = $1', ['late-1'])).toBe(0);
  });
});
