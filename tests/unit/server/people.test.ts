import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildServer } from '../../../src/server/app';
import { readConfig } from '../../../src/server/config';
import { openDatabase } from '../../../src/server/database';
import { hashPassword, verifyPassword } from '../../../src/server/secrets';
import {
  call,
  joined,
  nobody,
  PASSWORD,
  signedIn,
  staff,
  startTestServer,
  type As,
  type TestServer,
} from './harness';

let server: TestServer;
let admin: As;

beforeAll(async () => {
  server = await startTestServer();
  admin = await staff(server, 'admin', 'admin');
}, 60_000);

afterAll(async () => {
  await server?.close();
});

describe('passwords', () => {
  it('should keep a salted scrypt hash that only the same password matches', async () => {
    const first = await hashPassword(PASSWORD);
    const second = await hashPassword(PASSWORD);
    expect(first).toMatch(/^scrypt\$/);
    expect(first).not.toContain(PASSWORD);
    expect(first).not.toBe(second);
    expect(await verifyPassword(PASSWORD, first)).toBe(true);
    expect(await verifyPassword('correct horse battery!', first)).toBe(false);
  });
});

describe('signing in', () => {
  it('should not call it a first run once an administrator exists', async () => {
    const response = await call(server.app, nobody, 'GET', '/api/session');
    expect(response.statusCode).toBe(401);
    expect(response.json()).toEqual({ error: 'not signed in', firstRun: false });
  });

  it('should set an HttpOnly SameSite=Strict cookie whose token the database does not hold', async () => {
    const response = await call(server.app, nobody, 'POST', '/api/session', {
      login: 'admin',
      password: PASSWORD,
    });
    expect(response.statusCode).toBe(200);
    expect(response.json()).toMatchObject({ person: { login: 'admin', role: 'admin' } });
    const cookie = response.cookies.find((one) => one.name === 'sd_session')!;
    expect(cookie).toMatchObject({ httpOnly: true, sameSite: 'Strict', path: '/' });
    const stored = await server.db.query<{ token_hash: string }>('select token_hash from sessions');
    expect(stored.map((row) => row.token_hash)).not.toContain(cookie.value);
  });

  it('should answer a wrong password and an unknown login alike', async () => {
    const wrong = await call(server.app, nobody, 'POST', '/api/session', {
      login: 'admin',
      password: 'not the password',
    });
    const unknown = await call(server.app, nobody, 'POST', '/api/session', {
      login: 'nobody',
      password: PASSWORD,
    });
    expect([wrong.statusCode, unknown.statusCode]).toEqual([401, 401]);
    expect(wrong.json()).toEqual(unknown.json());
    expect(wrong.cookies).toEqual([]);
  });

  it('should know the session in another server process on the same database', async () => {
    const other = await buildServer({ db: server.db, catalog: server.catalog });
    const response = await call(other, admin, 'GET', '/api/session');
    await other.close();
    expect(response.statusCode).toBe(200);
    expect(response.json()).toMatchObject({ person: { login: 'admin' } });
  });

  it('should refuse a cookie write without its CSRF token', async () => {
    const staffMember = { login: 'hr1', name: '王芳', role: 'hr', password: PASSWORD };
    const noToken = { ...admin, headers: {} };
    const forged = { ...admin, headers: { 'x-csrf-token': 'guessed-token' } };
    expect((await call(server.app, noToken, 'POST', '/api/people', staffMember)).statusCode).toBe(
      403,
    );
    expect((await call(server.app, forged, 'POST', '/api/people', staffMember)).statusCode).toBe(
      403,
    );
    expect((await call(server.app, admin, 'POST', '/api/people', staffMember)).statusCode).toBe(
      201,
    );
  });

  it('should end the session on sign-out, in every process', async () => {
    const session = await signedIn(server.app, 'hr1', PASSWORD);
    expect((await call(server.app, session, 'DELETE', '/api/session')).statusCode).toBe(204);
    expect((await call(server.app, session, 'GET', '/api/me')).statusCode).toBe(401);
  });
});

describe('POST /api/people', () => {
  it('should let HR add a trainer but not an administrator, and a trainer add nobody', async () => {
    const hr = await signedIn(server.app, 'hr1', PASSWORD);
    const trainer = { login: 'trainer1', name: '张老师', role: 'trainer', password: PASSWORD };
    expect((await call(server.app, hr, 'POST', '/api/people', trainer)).statusCode).toBe(201);
    const secondAdmin = { ...trainer, login: 'admin2', role: 'admin' };
    expect((await call(server.app, hr, 'POST', '/api/people', secondAdmin)).statusCode).toBe(403);
    const asTrainer = await signedIn(server.app, 'trainer1', PASSWORD);
    const added = await call(server.app, asTrainer, 'POST', '/api/people', {
      ...trainer,
      login: 'trainer2',
    });
    expect(added.statusCode).toBe(403);
    expect((await call(server.app, admin, 'POST', '/api/people', trainer)).statusCode).toBe(409);
  });

  it('should refuse a short password, naming the field', async () => {
    const response = await call(server.app, admin, 'POST', '/api/people', {
      login: 'hr2',
      name: '赵',
      role: 'hr',
      password: 'short',
    });
    expect(response.statusCode).toBe(400);
    expect(response.json().error).toMatch(/^password:/);
  });
});

// 姓名,工号,部门 / 李明,E001,客服部 / ,E009, as Excel saves them on a Chinese Windows (GB18030)
const GB18030_ROSTER = Buffer.concat([
  Buffer.from([0xd0, 0xd5, 0xc3, 0xfb, 0x2c, 0xb9, 0xa4, 0xba, 0xc5, 0x2c, 0xb2, 0xbf, 0xc3, 0xc5]),
  Buffer.from('\r\n', 'ascii'),
  Buffer.from([0xc0, 0xee, 0xc3, 0xf7, 0x2c]),
  Buffer.from('E001,', 'ascii'),
  Buffer.from([0xbf, 0xcd, 0xb7, 0xfe, 0xb2, 0xbf]),
  Buffer.from('\r\n,E009,\r\n', 'ascii'),
]);

describe('POST /api/roster and POST /api/join', () => {
  it('should read a GB18030 roster, report bad rows by line and give each person a join link', async () => {
    const response = await server.app.inject({
      method: 'POST',
      url: '/api/roster',
      headers: { ...admin.headers, 'content-type': 'text/csv' },
      cookies: admin.cookies,
      payload: GB18030_ROSTER,
    });
    expect(response.statusCode).toBe(201);
    const body = response.json();
    expect(body.people).toMatchObject([
      { name: '李明', employeeNo: 'E001', department: '客服部', role: 'trainee' },
    ]);
    expect(body.people[0].joinUrl).toMatch(/^http:\/\/localhost(:\d+)?\/#\/join\/[\w-]{43}$/);
    expect(body.problems).toEqual([{ line: 3, code: 'no-name', detail: '' }]);
  });

  it('should bind a device once per link: the second use, and an older link, are refused', async () => {
    const roster = await call(server.app, admin, 'POST', '/api/roster', {
      csv: '王芳,E002,门店一部\n',
    });
    const link: string = roster.json().people[0].joinUrl;
    const device = await joined(server.app, link);
    const me = await call(server.app, device, 'GET', '/api/me');
    expect(me.json()).toMatchObject({ name: '王芳', employeeNo: 'E002', role: 'trainee' });
    const again = await call(server.app, nobody, 'POST', '/api/join', {
      token: link.split('/#/join/')[1],
    });
    expect(again.statusCode).toBe(410);
    // A new link for someone makes their unused one stop working.
    const first = await call(server.app, admin, 'POST', '/api/roster', { csv: '赵磊,E003,\n' });
    const id: number = first.json().people[0].id;
    const second = await call(server.app, admin, 'POST', `/api/people/${id}/join-link`);
    expect(second.statusCode).toBe(201);
    const old = await call(server.app, nobody, 'POST', '/api/join', {
      token: first.json().people[0].joinUrl.split('/#/join/')[1],
    });
    expect(old.statusCode).toBe(410);
    await joined(server.app, second.json().joinUrl);
  });

  it('should keep one person per employee number when a roster is imported again', async () => {
    await call(server.app, admin, 'POST', '/api/roster', { csv: '王芳,E002,门店二部\n' });
    const [count] = await server.db.query<{ n: number; department: string }>(
      "select count(*)::int as n, max(department) as department from people where employee_no = 'E002'",
    );
    expect(count).toEqual({ n: 1, department: '门店二部' });
  });

  it('should refuse a roster with no good rows, with the problems', async () => {
    const response = await call(server.app, admin, 'POST', '/api/roster', { csv: ',,\n李明,,\n' });
    expect(response.statusCode).toBe(400);
    expect(response.json().problems).toHaveLength(2);
  });

  it('should not let a device import a roster or an anonymous caller join the staff', async () => {
    expect(
      (await call(server.app, nobody, 'POST', '/api/roster', { csv: '李明,E001,\n' })).statusCode,
    ).toBe(401);
    const roster = await call(server.app, admin, 'POST', '/api/roster', { csv: '钱七,E007,\n' });
    const device = await joined(server.app, roster.json().people[0].joinUrl);
    expect(
      (await call(server.app, device, 'POST', '/api/roster', { csv: '李明,E001,\n' })).statusCode,
    ).toBe(403);
  });
});

describe('npm run server:admin', () => {
  it('should create the first administrator, who can then sign in', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'servicedojo-admin-'));
    const run = spawnSync(
      process.execPath,
      ['--import', 'tsx', 'src/server/admin.ts', '--login', 'boss', '--name', '刘总'],
      {
        env: { ...process.env, DATA_DIR: dataDir, SERVICEDOJO_ADMIN_PASSWORD: PASSWORD },
        encoding: 'utf8',
      },
    );
    expect(run.stderr).toBe('');
    expect(run.stdout).toMatch(/Administrator "boss" created/);
    const db = await openDatabase(readConfig({ DATA_DIR: dataDir }));
    const app = await buildServer({ db, catalog: server.catalog });
    const session = await signedIn(app, 'boss', PASSWORD);
    const me = await app.inject({ method: 'GET', url: '/api/me', cookies: session.cookies });
    await app.close();
    await db.close();
    rmSync(dataDir, { recursive: true, force: true });
    expect(me.json()).toMatchObject({ name: '刘总', role: 'admin' });
  }, 60_000);
});
