/**
 * The app's side of classes on the server (data/server-classes.ts and the classroom store),
 * against the real API: the browser's fetch is answered by the server in this process, with the
 * signed-in trainer's cookie. A change another device saved first is kept, and this device's
 * change applied on top of it.
 */
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { planRound } from '../../../src/data/class-rounds';
import { serverClasses, staffSession } from '../../../src/data/server-classes';
import { useClassroomStore } from '../../../src/stores/use-classroom-store';
import { call, staff, startTestServer, type As, type TestServer } from './harness';

let server: TestServer;
let trainer: As;

/** fetch as the browser signed in as `as` would do it, answered by `app`. */
function browserFetch(app: FastifyInstance, as: As): typeof fetch {
  return async (input, init) => {
    const response = await app.inject({
      method: (init?.method ?? 'GET') as 'GET',
      url: String(input),
      headers: { ...(init?.headers as Record<string, string>) },
      cookies: as.cookies,
      ...(init?.body === undefined ? {} : { payload: init.body as string }),
    });
    return new Response(response.statusCode === 204 ? null : response.body, {
      status: response.statusCode,
      headers: { 'content-type': String(response.headers['content-type'] ?? 'text/plain') },
    });
  };
}

beforeAll(async () => {
  server = await startTestServer();
  trainer = await staff(server, 'trainer', 'trainer');
  vi.stubGlobal('fetch', browserFetch(server.app, trainer));
}, 60_000);

afterAll(async () => {
  vi.unstubAllGlobals();
  await server?.close();
});

describe('classes on the server, from the app', () => {
  it('should know the signed-in trainer and create, list and open a class there', async () => {
    expect(await staffSession()).toMatchObject({ name: 'trainer', role: 'trainer' });
    const created = await serverClasses.create({
      name: '一班',
      trainer: '陈老师',
      date: '2026-12-05',
      scenarioIds: ['complaint-late-delivery'],
      roster: [{ id: 'r1', name: '李明', employeeNo: 'E301', department: '客服部' }],
    });
    expect(created.id).toMatch(/^server-\d+$/);
    expect(created.code).toMatch(/^[A-Z2-9]{8}$/);
    expect((await serverClasses.list()).map((record) => record.id)).toEqual([created.id]);
    expect(await serverClasses.get(created.id)).toEqual(created);
    expect(await serverClasses.get('server-999999')).toBeUndefined();
  });

  it('should apply a change again on top of one another device saved first', async () => {
    const created = await serverClasses.create({
      name: '二班',
      trainer: '陈老师',
      date: '2026-12-05',
      scenarioIds: ['complaint-late-delivery'],
      roster: [
        { id: 'r1', name: '李明', employeeNo: 'E301', department: '客服部' },
        { id: 'r2', name: '王芳', employeeNo: 'E302', department: '客服部' },
      ],
    });
    const store = useClassroomStore.getState();
    await store.open(created.id);
    expect(useClassroomStore.getState().record?.revision).toBe(1);

    // The classroom PC switches the projector to the summary (revision 2) ...
    const {
      id: _id,
      schemaVersion: _v,
      createdAt: _c,
      updatedAt: _u,
      revision: _r,
      ...content
    } = created;
    const other = await call(server.app, trainer, 'PUT', `/api/classes/${created.id.slice(7)}`, {
      revision: 1,
      content: { ...content, projectorView: 'summary' },
    });
    expect(other.statusCode).toBe(200);

    // ... while this device, still at revision 1, pairs the class and plans round 1.
    await useClassroomStore.getState().update((record) => {
      const groups = [{ id: 'g1', members: ['r1', 'r2'] }];
      return { ...record, groups, rounds: [planRound(groups, 1)] };
    });
    const saved = useClassroomStore.getState().record;
    expect(useClassroomStore.getState().saveFailed).toBe(false);
    expect(saved).toMatchObject({ revision: 3, projectorView: 'summary' });
    expect(saved?.rounds.map((round) => round.number)).toEqual([1]);
    expect(await serverClasses.get(created.id)).toEqual(saved);
    useClassroomStore.getState().reset();
  });
});
