/**
 * A device's attempt after its first goes in one round trip (recent-devices.ts), checked in the
 * insert itself: a deleted person, a new company rule or new LRS settings take effect at once.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  addCompanyRule,
  COMPANY_RULE_DEFAULTS,
  EMPTY_COMPANY_PACK,
} from '../../../src/features/authoring/company-pack';
import type { Person } from '../../../src/server/people';
import { RecentDevices } from '../../../src/server/recent-devices';
import { call, joined, staff, startTestServer, type As, type TestServer } from './harness';

let server: TestServer;
let admin: As;
let hr: As;
let trainer: As;
const devices: As[] = [];
const ids: number[] = [];

const attemptOf = (id: string, text = '非常抱歉让您久等了，我马上帮您查。') => ({
  id,
  scenarioId: 'complaint-late-delivery',
  mode: 'coach',
  startedAt: Date.UTC(2026, 11, 3),
  replies: [{ text, afterMs: 6_000 }],
});

const submit = (device: As, body: unknown) =>
  call(server.app, device, 'POST', '/api/attempts', body);

const count = async (sql: string, params: unknown[]) =>
  (await server.db.query<{ n: number }>(`select count(*)::int as n ${sql}`, params))[0]!.n;

/** The statements the database is sent while `work` runs. */
async function queriesDuring(work: () => Promise<unknown>): Promise<string[]> {
  const query = server.db.query.bind(server.db);
  const sent: string[] = [];
  server.db.query = async <T>(sql: string, params?: unknown[]): Promise<T[]> => {
    sent.push(sql);
    return query<T>(sql, params);
  };
  try {
    await work();
  } finally {
    server.db.query = query;
  }
  return sent;
}

beforeAll(async () => {
  server = await startTestServer({ xapi: false });
  admin = await staff(server, 'admin', 'admin');
  hr = await staff(server, 'hr', 'hr');
  trainer = await staff(server, 'trainer', 'trainer');
  const roster = await call(server.app, hr, 'POST', '/api/roster', {
    csv: '李明,E001,客服部\n王芳,E002,客服部\n张伟,E003,客服部\n',
  });
  for (const person of roster.json().people as { id: number; joinUrl: string }[]) {
    ids.push(person.id);
    devices.push(await joined(server.app, person.joinUrl));
  }
}, 60_000);

afterAll(async () => {
  await server?.close();
});

describe("a device's next attempt", () => {
  it('should be stored in one statement once the device is known', async () => {
    expect((await submit(devices[0]!, attemptOf('known-1'))).statusCode).toBe(201);
    let response: Awaited<ReturnType<typeof submit>> | undefined;
    const sent = await queriesDuring(async () => {
      response = await submit(devices[0]!, attemptOf('known-2'));
    });
    expect(response?.statusCode).toBe(201);
    expect(sent).toHaveLength(1);
    expect(await count('from attempts where id = $1', ['known-2'])).toBe(1);
  });

  it('should still say a retry is a duplicate and other content a conflict', async () => {
    const again = await submit(devices[0]!, attemptOf('known-2'));
    expect(again.statusCode).toBe(200);
    expect(again.json()).toMatchObject({ id: 'known-2', duplicate: true });
    const other = await submit(devices[0]!, attemptOf('known-2', '你弄错了吧。'));
    expect(other.statusCode).toBe(409);
  });

  it('should be refused with 401 once HR deleted the person, and nothing kept', async () => {
    expect((await submit(devices[1]!, attemptOf('before-delete'))).statusCode).toBe(201);
    expect((await call(server.app, hr, 'DELETE', `/api/people/${ids[1]}`)).statusCode).toBe(204);
    const after = await submit(devices[1]!, attemptOf('after-delete'));
    expect(after.statusCode).toBe(401);
    expect(await count('from attempts where id = $1', ['after-delete'])).toBe(0);
  });

  it('should be scored with a company rule published after the first', async () => {
    expect((await submit(devices[2]!, attemptOf('before-publish'))).statusCode).toBe(201);
    const pack = addCompanyRule(EMPTY_COMPANY_PACK, {
      kind: 'forbidden',
      phrase: '这是公司规定',
      message: '不要拿公司规定搪塞客户',
      messageEn: 'Do not hide behind company policy',
      better: '我来看看能为您做些什么',
      betterEn: 'Let me see what I can do for you',
      example: '这是公司规定，我也没办法。',
      ...COMPANY_RULE_DEFAULTS.forbidden,
    });
    const published = await server.app.inject({
      method: 'POST',
      url: '/api/catalog/rule-packs',
      headers: { ...trainer.headers, 'content-type': 'text/yaml' },
      cookies: trainer.cookies,
      payload: pack,
    });
    expect(published.statusCode).toBe(201);
    const after = await submit(
      devices[2]!,
      attemptOf('after-publish', '这是公司规定，我也没办法。'),
    );
    expect(after.statusCode).toBe(201);
    expect(after.json().rulePackVersions).toEqual({ company: 1 });
    const stored = await call(server.app, hr, 'GET', '/api/attempts/after-publish');
    const findings = stored.json().report.findings as { ruleId?: string }[];
    expect(findings.map((finding) => finding.ruleId)).toContain('company.forbidden-1');
  });

  it('should queue its xAPI statements once an LRS is set after the first', async () => {
    expect((await submit(devices[0]!, attemptOf('before-lrs'))).statusCode).toBe(201);
    expect(await count('from xapi_outbox where attempt_id = $1', ['before-lrs'])).toBe(0);
    const saved = await call(server.app, admin, 'PUT', '/api/xapi/lrs', {
      endpoint: 'https://lrs.example.test/xapi/',
      key: 'k',
      secret: 's3cret',
    });
    expect(saved.statusCode).toBeLessThan(300);
    expect((await submit(devices[0]!, attemptOf('after-lrs'))).statusCode).toBe(201);
    expect(await count('from xapi_outbox where attempt_id = $1', ['after-lrs'])).toBeGreaterThan(0);
  });
});

describe('RecentDevices', () => {
  const person: Person = {
    id: 1,
    name: '李明',
    employeeNo: 'E001',
    department: '客服部',
    role: 'trainee',
    login: null,
  };
  const state = { revision: 0, lrs: null, stamp: '0/none' };

  it('should forget a device a minute after it was let in', () => {
    const recent = new RecentDevices();
    recent.remember('hash', person, state, 1_000);
    expect(recent.personOf('hash', 60_000)).toBe(person);
    expect(recent.personOf('hash', 61_000)).toBeUndefined();
  });

  it('should keep the state read last and forget a device on request', () => {
    const recent = new RecentDevices();
    recent.remember('a', person, state, 0);
    recent.remember('b', person, { ...state, revision: 2, stamp: '2/none' }, 0);
    expect(recent.state?.revision).toBe(2);
    recent.forget('a');
    expect(recent.personOf('a', 0)).toBeUndefined();
    expect(recent.personOf('b', 0)).toBe(person);
  });
});
