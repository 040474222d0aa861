import { Scorm2004API } from 'scorm-again';
import { beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { createAttempt, getProfile, saveProfile, updateAttempt } from '../../../src/data/attempts';
import { database, ServiceDojoDb, useDatabase, type AttemptRecord } from '../../../src/data/db';
import { exportBundle, importBundles, type ImportScorer } from '../../../src/data/result-bundle';
import type { FrameLike } from '../../../src/lms/lms-bridge';
import {
  connectLearningPlatforms,
  isOwnPractice,
  onAttemptFinished,
} from '../../../src/lms/lms-connection';
import { saveLrsConfig } from '../../../src/lms/xapi-lrs';
import { queueCounts } from '../../../src/lms/xapi-queue';
import { storedReport, traineeLine } from '../../support/stored-reports';
import { nodeScorer, practisedAttempt } from '../../support/practised-attempts';

const newAttempt = {
  scenarioId: 'complaint-late-delivery',
  scenarioVersion: 1,
  scenarioTitle: { 'zh-CN': '沙发延迟送货', en: 'Late sofa delivery' },
  mode: 'exam' as const,
  trainee: { name: '李明', employeeNo: 'E001', department: '客服部' },
  snapshot: null,
  startedAt: 1_000,
};

function lmsWindow() {
  const api = new Scorm2004API({ logLevel: 5 });
  api.loadFromJSON({ learner_id: 'E001', learner_name: '李明' });
  type Listener = (event: { persisted?: boolean }) => void;
  const listeners = new Map<string, Listener>();
  const top: FrameLike = { API_1484_11: api };
  top.parent = top;
  const win = {
    parent: top,
    addEventListener: (type: string, listener: Listener) => {
      listeners.set(type, listener);
    },
    removeEventListener: (type: string) => {
      listeners.delete(type);
    },
  };
  return {
    api,
    win,
    fire: (type: string, persisted = false) => listeners.get(type)?.({ persisted }),
  };
}

const settle = () => new Promise((done) => setTimeout(done, 20));

let scorer: ImportScorer;

beforeAll(async () => {
  scorer = await nodeScorer();
});

describe('onAttemptFinished', () => {
  beforeEach(() => {
    useDatabase(new ServiceDojoDb(`test-${crypto.randomUUID()}`));
  });

  it('should tell once, when an attempt becomes finished', async () => {
    const seen: number[] = [];
    const stop = onAttemptFinished((a) => seen.push(a.score ?? -1));
    const created = await createAttempt(newAttempt);
    const saved = await updateAttempt(created.id, 1, { snapshot: { turn: 1 } });
    const finished = await updateAttempt(created.id, saved.revision, {
      status: 'finished',
      score: 77,
    });
    await updateAttempt(created.id, finished.revision, { report: storedReport() });
    await settle();
    stop();
    expect(seen).toEqual([77]);
  });
});

describe('connectLearningPlatforms', () => {
  beforeEach(() => {
    useDatabase(new ServiceDojoDb(`test-${crypto.randomUUID()}`));
  });

  it('should take the LMS learner as the trainee and keep the department for the same id', async () => {
    await saveProfile({ name: 'Old name', employeeNo: 'E001', department: '客服部' });
    const { win } = lmsWindow();
    const platforms = await connectLearningPlatforms(win);
    platforms.stop();
    expect(await getProfile()).toMatchObject({
      name: '李明',
      employeeNo: 'E001',
      department: '客服部',
    });
  });

  it('should report a finished attempt to the LMS and terminate on page hide', async () => {
    const { api, win, fire } = lmsWindow();
    const platforms = await connectLearningPlatforms(win);
    const created = await createAttempt(newAttempt);
    await updateAttempt(created.id, 1, {
      status: 'finished',
      score: 88,
      passed: true,
      finishedAt: 9_000,
    });
    await settle();
    expect(api.GetValue('cmi.score.raw')).toBe('88');
    expect(api.GetValue('cmi.success_status')).toBe('passed');
    fire('pagehide');
    expect(platforms.lms?.terminated).toBe(true);
    expect(api.isTerminated()).toBe(true);
    platforms.stop();
  });

  it('should report only the launched activity: its scenario, in its counted mode', async () => {
    const { api, win } = lmsWindow();
    const platforms = await connectLearningPlatforms(win, {
      scenarioId: 'complaint-late-delivery',
      mode: 'exam',
    });
    const finish = async (change: Partial<AttemptRecord>, score: number) => {
      const created = await createAttempt({ ...newAttempt, ...change });
      await updateAttempt(created.id, 1, { status: 'finished', score, passed: true });
      await settle();
    };
    await finish({ mode: 'choice' }, 99);
    await finish({ scenarioId: 'spin-office-printer' }, 98);
    expect(api.GetValue('cmi.score.raw')).toBe('');
    await finish({}, 75);
    expect(api.GetValue('cmi.score.raw')).toBe('75');
    platforms.stop();
  });

  it('should keep the conversation in progress in the LMS after every turn', async () => {
    const { api, win } = lmsWindow();
    const platforms = await connectLearningPlatforms(win);
    const created = await createAttempt(newAttempt);
    await updateAttempt(created.id, 1, {
      snapshot: {
        value: 'listen',
        context: { transcript: [traineeLine(1, '非常抱歉让您久等了', 2_000)] },
      },
    });
    await settle();
    expect(JSON.parse(api.GetValue('cmi.suspend_data'))).toMatchObject({
      id: created.id,
      turns: [[5000, '非常抱歉让您久等了']],
    });
    expect(api.GetValue('cmi.location')).toBe('listen');
    platforms.stop();
  });

  it('should keep reporting after the page comes back from the back/forward cache', async () => {
    const { api, win, fire } = lmsWindow();
    const platforms = await connectLearningPlatforms(win);
    fire('pagehide', true);
    expect(platforms.lms?.terminated).toBe(false);
    const created = await createAttempt(newAttempt);
    await updateAttempt(created.id, 1, { status: 'finished', score: 71, passed: true });
    await settle();
    expect(api.GetValue('cmi.score.raw')).toBe('71');
    fire('pagehide');
    expect(api.isTerminated()).toBe(true);
    platforms.stop();
  });

  it('should queue the xAPI statements of a finished attempt when an LRS is configured', async () => {
    const offline = vi.spyOn(globalThis, 'fetch').mockRejectedValue(new TypeError('offline'));
    await saveLrsConfig({ endpoint: 'https://lrs.example.com/xapi/', key: 'k', secret: 's' });
    const platforms = await connectLearningPlatforms({});
    const created = await createAttempt(newAttempt);
    await updateAttempt(created.id, 1, { status: 'finished', score: 88, passed: true });
    await vi.waitFor(async () => expect((await queueCounts()).pending).toBe(3));
    platforms.stop();
    offline.mockRestore();
  });

  it('should report an abandoned attempt as terminated and one left in an earlier visit as suspended', async () => {
    const offline = vi.spyOn(globalThis, 'fetch').mockRejectedValue(new TypeError('offline'));
    await saveLrsConfig({ endpoint: 'https://lrs.corp.cn/xapi/', key: 'k', secret: 's' });
    const left = await createAttempt(newAttempt);
    const platforms = await connectLearningPlatforms({});
    const verbs = async () =>
      (await database().xapiQueue.toArray()).map((item) =>
        (item.statement as { verb: { id: string } }).verb.id.split('/').at(-1),
      );
    await vi.waitFor(async () => expect(await verbs()).toContain('suspended'));
    await updateAttempt(left.id, 1, { status: 'abandoned' });
    await vi.waitFor(async () => expect(await verbs()).toContain('terminated'));
    expect((await verbs()).filter((verb) => verb === 'attempted')).toHaveLength(1);
    platforms.stop();
    offline.mockRestore();
  });
});

describe('reporting of attempts not practised here', () => {
  beforeEach(() => {
    useDatabase(new ServiceDojoDb(`test-${crypto.randomUUID()}`));
  });

  const START = Date.UTC(2024, 4, 1, 9);
  /** A finished attempt from another device, claiming a perfect score. */
  function bundled(id: string, employeeNo: string, name: string): AttemptRecord {
    return {
      ...practisedAttempt(scorer, id, { name, employeeNo, startedAt: START }),
      score: 96,
      passed: true,
    };
  }

  it('should neither queue, send nor set the LMS score for imported or observed attempts', async () => {
    const fetchSpy = vi.spyOn(globalThis, 'fetch').mockResolvedValue(new Response('[]'));
    await saveLrsConfig({ endpoint: 'https://lrs.example.com/xapi/', key: 'k', secret: 's' });
    const { api, win } = lmsWindow();
    const platforms = await connectLearningPlatforms(win);
    const seen: string[] = [];
    const stopSeeing = onAttemptFinished((a) => seen.push(a.id));
    // The start-up sync may run once against the empty queue; only what follows counts.
    await settle();
    fetchSpy.mockClear();

    const text = await exportBundle([
      bundled('other', 'E777', '王芳'),
      // Forged as the LMS learner's own attempt: imported, still never reported.
      bundled('as-me', 'E001', '李明'),
    ]);
    const summary = await importBundles([{ name: 'class.json', text }], scorer);
    // An observer's scorecard is stored the same way: added already finished, with the observer.
    await database().attempts.add({
      ...bundled('observed', 'E009', '赵磊'),
      mode: 'observed',
      observer: '周老师',
    });
    await settle();

    expect(summary.added).toBe(2);
    expect(seen).toEqual([]);
    expect(await queueCounts()).toEqual({ pending: 0, sent: 0, rejected: 0 });
    expect(fetchSpy).not.toHaveBeenCalled();
    expect(api.GetValue('cmi.score.raw')).toBe('');
    expect(api.GetValue('cmi.interactions._count')).toBe('0');
    stopSeeing();
    platforms.stop();
    fetchSpy.mockRestore();
  });
});

describe('isOwnPractice', () => {
  const own = { ...newAttempt, id: 'x', status: 'finished' } as unknown as AttemptRecord;

  it("should accept solo practice and refuse observed, class and other learners' attempts", () => {
    const lms = { learner: { id: 'E001', name: '李明' } } as Parameters<typeof isOwnPractice>[1];
    expect(isOwnPractice(own)).toBe(true);
    expect(isOwnPractice(own, lms)).toBe(true);
    expect(isOwnPractice({ ...own, mode: 'observed', observer: '周老师' })).toBe(false);
    expect(isOwnPractice({ ...own, classId: 'c1', partner: '王芳' })).toBe(false);
    expect(isOwnPractice({ ...own, trainee: { ...own.trainee, employeeNo: 'E002' } }, lms)).toBe(
      false,
    );
  });
});
