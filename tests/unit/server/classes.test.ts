/**
 * Classes on the server: a trainer sees and changes only their own classes, HR and administrators
 * every class, trainees (their devices) none; a save based on an older revision is refused with
 * the current class; the attempts of a class (a result bundle, a pair-typed role play) are
 * re-scored by the server, whatever score the device claims.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ClassContent } from '../../../src/core/class-record';
import { exportBundle } from '../../../src/data/result-bundle';
import { nodeScorer, practisedAttempt } from '../../support/practised-attempts';
import { call, joined, nobody, staff, startTestServer, type As, type TestServer } from './harness';

let server: TestServer;
let admin: As;
let hr: As;
let trainerA: As;
let trainerB: As;
let device: As;

const content = (name: string, roster = ROSTER): ClassContent => ({
  name,
  trainer: '陈老师',
  date: '2026-12-05',
  scenarioIds: ['complaint-late-delivery'],
  roster,
  groups: [{ id: 'g1', members: ['r1', 'r2'] }],
  rounds: [],
  code: 'ABCD2345',
});

const ROSTER = [
  { id: 'r1', name: '李明', employeeNo: 'E101', department: '客服部' },
  { id: 'r2', name: '王芳', employeeNo: 'E102', department: '客服部' },
];

interface Answered {
  class: { id: number; revision: number; trainerId: number; content: ClassContent };
}

const get = (as: As, url: string) => call(server.app, as, 'GET', url);

async function created(as: As, name: string, roster = ROSTER): Promise<Answered['class']> {
  const response = await call(server.app, as, 'POST', '/api/classes', {
    content: content(name, roster),
  });
  expect(response.statusCode).toBe(201);
  return response.json<Answered>().class;
}

const listedNames = async (as: As) =>
  (await get(as, '/api/classes'))
    .json<{ classes: Answered['class'][] }>()
    .classes.map((klass) => klass.content.name)
    .sort();

beforeAll(async () => {
  server = await startTestServer();
  admin = await staff(server, 'admin', 'admin');
  hr = await staff(server, 'hr', 'hr');
  trainerA = await staff(server, 'trainer-a', 'trainer');
  trainerB = await staff(server, 'trainer-b', 'trainer');
  const roster = await call(server.app, hr, 'POST', '/api/roster', { csv: '赵磊,E900,门店\n' });
  device = await joined(server.app, roster.json().people[0].joinUrl);
}, 60_000);

afterAll(async () => {
  await server?.close();
});

describe('a trainer', () => {
  it('should create a class whose roster become people the trainer may see', async () => {
    const klass = await created(trainerA, '一班');
    expect(klass).toMatchObject({ revision: 1, content: { name: '一班', roster: ROSTER } });
    expect((await get(trainerA, `/api/classes/${klass.id}`)).json<Answered>().class).toEqual(klass);
    const people = (await get(trainerA, '/api/people')).json().people as { employeeNo: string }[];
    expect(people.map((person) => person.employeeNo).sort()).toEqual(['E101', 'E102']);
  });

  it('should neither see nor change nor delete another trainer’s class (404, as if missing)', async () => {
    const klass = await created(trainerA, '二班');
    const url = `/api/classes/${klass.id}`;
    expect(await listedNames(trainerB)).toEqual([]);
    const read = await get(trainerB, url);
    expect(read.statusCode).toBe(404);
    expect(read.json()).toEqual((await get(trainerB, '/api/classes/999999')).json());
    const change = { revision: 1, content: content('二班', []) };
    expect((await call(server.app, trainerB, 'PUT', url, change)).statusCode).toBe(404);
    expect((await call(server.app, trainerB, 'DELETE', url)).statusCode).toBe(404);
    const bundle = await call(server.app, trainerB, 'POST', `${url}/bundles`, {});
    expect(bundle.statusCode).toBe(404);
    expect((await get(trainerB, `${url}/attempts`)).statusCode).toBe(404);
    // Unchanged for its owner.
    expect((await get(trainerA, url)).json<Answered>().class.content.roster).toEqual(ROSTER);
  });

  it('should get 409 with the current class when saving over a newer revision', async () => {
    const klass = await created(trainerA, '三班');
    const url = `/api/classes/${klass.id}`;
    const first = await call(server.app, trainerA, 'PUT', url, {
      revision: 1,
      content: { ...content('三班'), projectorView: 'summary' },
    });
    expect(first.statusCode).toBe(200);
    expect(first.json<Answered>().class.revision).toBe(2);
    // A second device still holding revision 1 is told, not silently overwritten.
    const stale = await call(server.app, trainerA, 'PUT', url, {
      revision: 1,
      content: content('三班', []),
    });
    expect(stale.statusCode).toBe(409);
    expect(stale.json<Answered>().class).toMatchObject({
      revision: 2,
      content: { projectorView: 'summary', roster: ROSTER },
    });
  });

  it('should need the CSRF token to change a class', async () => {
    const withoutToken = { cookies: trainerA.cookies, headers: {} };
    const response = await call(server.app, withoutToken, 'POST', '/api/classes', {
      content: content('四班'),
    });
    expect(response.statusCode).toBe(403);
  });

  it('should get a bad class refused with the field at fault', async () => {
    const response = await call(server.app, trainerA, 'POST', '/api/classes', {
      content: { ...content('五班'), date: '5 Dec' },
    });
    expect(response.statusCode).toBe(400);
    expect(response.json().error).toMatch(/^content\.date:/);
  });
});

describe('HR and administrators', () => {
  it('should see every class and may change one', async () => {
    expect(await listedNames(hr)).toEqual(['一班', '三班', '二班']);
    expect(await listedNames(admin)).toEqual(['一班', '三班', '二班']);
    // Trainer B's own people: trainer A's are not B's to take (see the last test).
    const roster = [{ id: 'r1', name: '孙丽', employeeNo: 'E201', department: '客服部' }];
    const klass = await created(trainerB, '六班', roster);
    const read = await get(hr, `/api/classes/${klass.id}`);
    expect(read.statusCode).toBe(200);
    // HR may change any class, also to take in people of another trainer's class.
    const change = { revision: 1, content: { ...content('六班'), rounds: [] } };
    expect((await call(server.app, hr, 'PUT', `/api/classes/${klass.id}`, change)).statusCode).toBe(
      200,
    );
  });
});

describe('trainees and nobody', () => {
  it('should not list, read or create classes', async () => {
    const [klass] = (await get(hr, '/api/classes')).json<{ classes: Answered['class'][] }>()
      .classes;
    expect((await get(device, '/api/classes')).statusCode).toBe(403);
    expect((await get(device, `/api/classes/${klass!.id}`)).statusCode).toBe(403);
    const create = await call(server.app, device, 'POST', '/api/classes', {
      content: content('七班'),
    });
    expect(create.statusCode).toBe(403);
    expect((await get(nobody, '/api/classes')).statusCode).toBe(401);
  });
});

describe('attempts of a class', () => {
  it('should keep the server’s score of a bundle, never the forged one it carries', async () => {
    const klass = await created(trainerA, '八班');
    const scorer = await nodeScorer();
    const rude = [{ text: '你弄错了，这是规定，我也没办法。', afterMs: 8_000 }];
    const played = practisedAttempt(scorer, 'bundle-1', {
      name: '李明',
      employeeNo: 'E101',
      replies: rude,
    });
    expect(played.score).toBeLessThan(60);
    const forged = { ...played, score: 100, passed: true };
    const stranger = practisedAttempt(scorer, 'bundle-2', { employeeNo: 'E999' });
    const text = await exportBundle([forged, stranger], Date.now(), 'ABCD2345');
    const url = `/api/classes/${klass.id}`;
    const imported = await call(server.app, trainerA, 'POST', `${url}/bundles?name=li.json`, {
      ...JSON.parse(text),
    });
    expect(imported.statusCode).toBe(200);
    expect(imported.json()).toMatchObject({
      name: 'li.json',
      status: 'imported',
      added: 1,
      rescoredDiffer: 1,
      refused: [{ index: 1, code: 'not-on-roster', field: 'trainee.employeeNo' }],
    });
    const [stored] = (await get(trainerA, `${url}/attempts`)).json().attempts;
    expect(stored).toMatchObject({
      id: 'bundle-1',
      employeeNo: 'E101',
      source: 'bundle',
      score: played.score,
      passed: false,
      claimedScore: 100,
    });
    // The same bundle again adds nothing.
    const again = await call(server.app, trainerA, 'POST', `${url}/bundles`, JSON.parse(text));
    expect(again.json()).toMatchObject({ added: 0, duplicates: 1 });
  });

  it('should refuse a bundle not signed with the class code, or changed after export', async () => {
    const klass = await created(trainerA, '九班');
    const scorer = await nodeScorer();
    const attempt = practisedAttempt(scorer, 'bundle-3', { employeeNo: 'E102' });
    const url = `/api/classes/${klass.id}/bundles`;
    const unsigned = JSON.parse(await exportBundle([attempt]));
    const refused = await call(server.app, trainerA, 'POST', url, unsigned);
    expect(refused.statusCode).toBe(400);
    expect(refused.json()).toMatchObject({ status: 'rejected', refusal: { code: 'unsigned' } });
    const signed = JSON.parse(await exportBundle([attempt], Date.now(), 'ABCD2345'));
    signed.attempts[0].score = 100;
    const changed = await call(server.app, trainerA, 'POST', url, signed);
    expect(changed.json()).toMatchObject({ refusal: { code: 'checksum' } });
  });

  it('should re-score a pair-typed role play as the rep’s attempt of the round', async () => {
    const klass = await created(trainerA, '十班');
    const response = await call(server.app, trainerA, 'POST', `/api/classes/${klass.id}/attempts`, {
      id: 'pair-1',
      employeeNo: 'E102',
      round: 2,
      scenarioId: 'complaint-late-delivery',
      mode: 'coach',
      startedAt: Date.UTC(2026, 11, 5),
      replies: [{ text: '你弄错了。', afterMs: 5_000 }],
      claimedScore: 100,
    });
    expect(response.statusCode).toBe(201);
    expect(response.json().score).toBeLessThan(100);
    const [stored] = (await get(hr, `/api/classes/${klass.id}/attempts`)).json().attempts;
    expect(stored).toMatchObject({ id: 'pair-1', source: 'pair', classRound: 2, name: '王芳' });
    const stranger = await call(server.app, trainerA, 'POST', `/api/classes/${klass.id}/attempts`, {
      id: 'pair-2',
      employeeNo: 'E999',
      scenarioId: 'complaint-late-delivery',
      mode: 'coach',
      startedAt: Date.UTC(2026, 11, 5),
      replies: [{ text: '您好。', afterMs: 5_000 }],
    });
    expect(stranger.statusCode).toBe(400);
  });

  it('should score an observer’s scorecard from its taps, not from the score the device sent', async () => {
    const klass = await created(trainerA, '十一班');
    const url = `/api/classes/${klass.id}/observations`;
    const scorecard = {
      id: 'observed-1',
      scenarioId: 'complaint-late-delivery',
      employeeNo: 'E101',
      observer: '赵敏',
      startedAt: Date.UTC(2026, 11, 5),
      round: 1,
      done: ['let-vent', 'apologise', 'gather'],
      heard: ['contrast.dan', 'contrast.dan', 'contrast.dan'],
      claimedScore: 100,
    };
    const response = await call(server.app, trainerA, 'POST', url, scorecard);
    expect(response.statusCode).toBe(201);
    // 3 items done (+30), three 但 (−12), over 7 items: the same 26 as the app's scorecard.
    expect(response.json()).toMatchObject({ score: 26, difference: { claimedScore: 100 } });
    const [stored] = (await get(trainerA, `/api/classes/${klass.id}/attempts`)).json().attempts;
    expect(stored).toMatchObject({
      source: 'observed',
      observer: '赵敏',
      score: 26,
      mode: 'observed',
    });
    const byOther = await call(server.app, trainerB, 'POST', url, {
      ...scorecard,
      id: 'observed-2',
    });
    expect(byOther.statusCode).toBe(404);
  });
});

// Last: its classes would show in the HR listings above.
describe('a trainer’s class roster', () => {
  it('should not take another trainer’s trainee into a class roster (409, as a roster import)', async () => {
    const ofA = { id: 'r1', name: '钱多', employeeNo: 'E301', department: '客服部' };
    await created(trainerA, '五班', [ofA]);
    const taking = await call(server.app, trainerB, 'POST', '/api/classes', {
      content: content('B 的班', [ofA]),
    });
    expect(taking.statusCode).toBe(409);
    expect(taking.json().error).toContain('E301');
    const newcomer = { id: 'r3', name: '周新', employeeNo: 'E103', department: '客服部' };
    const made = await call(server.app, trainerB, 'POST', '/api/classes', {
      content: content('B 的二班', [newcomer]),
    });
    expect(made.statusCode).toBe(201);
    const own = made.json<Answered>().class;
    const adding = await call(server.app, trainerB, 'PUT', `/api/classes/${own.id}`, {
      revision: own.revision,
      content: content('B 的二班', [newcomer, ofA]),
    });
    expect(adding.statusCode).toBe(409);
    // Trainer B still does not see trainer A's person.
    const people = (await get(trainerB, '/api/people')).json().people as { employeeNo: string }[];
    expect(people.map((person) => person.employeeNo)).not.toContain('E301');
  });
});
