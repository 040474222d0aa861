import { Scorm12API, Scorm2004API } from 'scorm-again';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { AttemptRecord } from '../../../src/data/db';
import {
  detectLms,
  displayName,
  findScormApi,
  reportAttempt,
  saveProgress,
  scorm12Time,
  scorm2004Time,
  terminate,
  type FrameLike,
} from '../../../src/lms/lms-bridge';
import { decodeResume } from '../../../src/lms/lms-resume';
import { getLmsProblem } from '../../../src/lms/lms-status';
import { finding, storedReport, traineeLine } from '../../support/stored-reports';

const LONG_REPLY = '非常抱歉给您添麻烦了，'.repeat(40);

function attempt(change: Partial<AttemptRecord> = {}): AttemptRecord {
  return {
    id: '0f6d2a4e-2b8c-4d1e-9a7b-3c5d6e7f8091',
    schemaVersion: 1,
    scenarioId: 'complaint-late-delivery',
    scenarioVersion: 1,
    scenarioTitle: { 'zh-CN': '沙发延迟送货', en: 'Late sofa delivery' },
    mode: 'exam',
    trainee: { name: '李明', employeeNo: 'E001', department: '客服部' },
    status: 'finished',
    startedAt: Date.UTC(2024, 4, 1, 1, 0),
    updatedAt: Date.UTC(2024, 4, 1, 1, 10),
    finishedAt: Date.UTC(2024, 4, 1, 1, 10),
    durationMs: 600_000,
    revision: 5,
    snapshot: null,
    score: 84,
    passed: true,
    report: storedReport({
      transcript: [
        traineeLine(1, LONG_REPLY, Date.UTC(2024, 4, 1, 1, 1), ['apology.trouble']),
        traineeLine(2, '{我们}马上\n给您换货', Date.UTC(2024, 4, 1, 1, 2)),
      ],
      findings: [finding({ turn: 2, ruleId: 'compensation.exchange' })],
      turns: [{ turn: 2, stepId: 'open', text: '', timeout: false, score: 6, maximum: 10 }],
    }),
    ...change,
  };
}

/** The SCO's window inside an LMS frameset: the API lives two frames up. */
function nestedIn(lmsWindow: FrameLike): FrameLike {
  const middle: FrameLike = { parent: lmsWindow };
  return { parent: middle };
}

function lms12(kept: Record<string, unknown> = {}) {
  const api = new Scorm12API({ logLevel: 5 });
  api.loadFromJSON({
    ...kept,
    core: { student_id: 'E001', student_name: 'Li, Ming', ...(kept.core ?? {}) },
  });
  const top: FrameLike = { API: api };
  top.parent = top;
  return { api, frame: nestedIn(top) };
}

function lms2004(kept: Record<string, unknown> = {}) {
  const api = new Scorm2004API({ logLevel: 5 });
  api.loadFromJSON({ learner_id: 'E001', learner_name: '李明', ...kept });
  const top: FrameLike = { API_1484_11: api };
  top.parent = top;
  return { api, frame: nestedIn(top) };
}

describe('findScormApi', () => {
  it('should prefer SCORM 2004 and look in the opener when no parent has an API', () => {
    const both: FrameLike = { API: lms12().api, API_1484_11: lms2004().api };
    expect(findScormApi({ parent: both })?.version).toBe('2004');
    const popup: FrameLike = { opener: { API: lms12().api } };
    expect(findScormApi(popup)?.version).toBe('1.2');
    expect(findScormApi({ parent: null })).toBeUndefined();
  });

  it('should survive a cross-origin parent that throws on access', () => {
    const hostile = {} as FrameLike;
    Object.defineProperty(hostile, 'API', {
      get() {
        throw new Error('SecurityError');
      },
    });
    expect(findScormApi({ parent: hostile })).toBeUndefined();
  });
});

describe('detectLms', () => {
  it('should give nothing outside an LMS', async () => {
    expect(await detectLms({})).toBeUndefined();
  });

  it('should read the learner from SCORM 1.2 and turn "Last, First" around', async () => {
    const session = await detectLms(lms12().frame);
    expect(session?.version).toBe('1.2');
    expect(session?.learner).toEqual({ id: 'E001', name: 'Ming Li' });
  });

  it('should read the learner from SCORM 2004', async () => {
    const session = await detectLms(lms2004().frame);
    expect(session?.learner).toEqual({ id: 'E001', name: '李明' });
  });
});

describe('reportAttempt', () => {
  afterEach(() => {
    vi.restoreAllMocks();
  });

  it('should try a refused commit once more, and tell the trainee when the LMS keeps refusing', async () => {
    const { api, frame } = lms2004();
    const session = (await detectLms(frame))!;
    const commits: boolean[] = [];
    const answers = [false, false, false, true];
    vi.spyOn(api, 'Commit').mockImplementation(() => {
      const ok = answers.shift() ?? true;
      commits.push(ok);
      return ok ? 'true' : 'false';
    });
    await reportAttempt(session, attempt());
    expect(commits).toEqual([false, false]);
    const problem = getLmsProblem();
    expect(problem).toBeDefined();
    expect(session.errors.some((error) => error.startsWith('commit:'))).toBe(true);
    // The trainee's retry: refused once more, then taken; the warning goes away.
    expect(problem?.retry()).toBe(true);
    expect(getLmsProblem()).toBeUndefined();
  });

  it('should say nothing when a first refused commit goes through the second time', async () => {
    const { api, frame } = lms2004();
    const session = (await detectLms(frame))!;
    let calls = 0;
    vi.spyOn(api, 'Commit').mockImplementation(() => (++calls === 1 ? 'false' : 'true'));
    await reportAttempt(session, attempt());
    expect(calls).toBe(2);
    expect(getLmsProblem()).toBeUndefined();
  });

  it('should report score, status, time and one interaction per reply to SCORM 2004', async () => {
    const { api, frame } = lms2004();
    const session = (await detectLms(frame))!;
    await reportAttempt(session, attempt());
    expect(session.errors).toEqual([]);
    expect(api.GetValue('cmi.score.scaled')).toBe('0.84');
    expect(api.GetValue('cmi.score.raw')).toBe('84');
    expect(api.GetValue('cmi.completion_status')).toBe('completed');
    expect(api.GetValue('cmi.success_status')).toBe('passed');
    expect(api.GetValue('cmi.interactions._count')).toBe('2');
    expect(api.GetValue('cmi.interactions.0.type')).toBe('long-fill-in');
    expect(api.GetValue('cmi.interactions.0.learner_response')).toBe(LONG_REPLY);
    expect(api.GetValue('cmi.interactions.0.description')).toBe(
      'step open · tags apology · rules apology.trouble',
    );
    expect(api.GetValue('cmi.interactions.0.id')).toMatch(/:1:open$/);
    expect(api.GetValue('cmi.interactions.0.latency')).toBe('PT5S');
    expect(api.GetValue('cmi.interactions.1.result')).toBe('6');
    expect(api.GetValue('cmi.interactions.1.objectives.0.id')).toBe('compensation.exchange');
    expect(api.GetValue('cmi.interactions.1.learner_response')).toBe('｛我们}马上 给您换货');
  });

  it('should keep the better result the LMS held from an earlier launch', async () => {
    const { api, frame } = lms2004({
      score: { raw: '91', min: '0', max: '100', scaled: '0.91' },
      success_status: 'passed',
      completion_status: 'completed',
    });
    const session = (await detectLms(frame))!;
    expect(session.best).toEqual({ score: 91, passed: true });
    await reportAttempt(session, attempt({ score: 72, passed: true }));
    expect(session.errors).toEqual([]);
    expect(api.GetValue('cmi.score.raw')).toBe('91');
    expect(api.GetValue('cmi.success_status')).toBe('passed');
  });

  it('should replace an earlier failed SCORM 1.2 result with a pass', async () => {
    const { api, frame } = lms12({
      core: { lesson_status: 'failed', score: { raw: '95', min: '0', max: '100' } },
    });
    const session = (await detectLms(frame))!;
    await reportAttempt(session, attempt({ score: 70, passed: true }));
    expect(api.LMSGetValue('cmi.core.score.raw')).toBe('70');
    expect(api.LMSGetValue('cmi.core.lesson_status')).toBe('passed');
  });

  it('should cut SCORM 1.2 replies to 255 characters without an error', async () => {
    const { api, frame } = lms12();
    const session = (await detectLms(frame))!;
    await reportAttempt(session, attempt());
    expect(session.errors).toEqual([]);
    expect(api.LMSGetValue('cmi.core.score.raw')).toBe('84');
    expect(api.LMSGetValue('cmi.core.lesson_status')).toBe('passed');
    expect(api.LMSGetValue('cmi.interactions._count')).toBe('2');
    const stored = api.renderCommitCMI(true) as {
      cmi: { interactions: Record<string, { type: string; student_response: string }> };
    };
    const first = Object.values(stored.cmi.interactions)[0];
    expect(first?.type).toBe('fill-in');
    expect(Array.from(first?.student_response ?? '')).toHaveLength(255);
    const second = Object.values(stored.cmi.interactions)[1] as unknown as {
      latency: string;
      objectives: Record<string, { id: string }>;
    };
    // scorm-again keeps the timespan as HH:MM:SS.
    expect(second.latency).toMatch(/^0{2,4}:00:05(\.00)?$/);
    expect(Object.values(second.objectives).map((o) => o.id)).toEqual(['compensation.exchange']);
  });

  it('should never lower a passed result when a later retry fails', async () => {
    const { api, frame } = lms2004();
    const session = (await detectLms(frame))!;
    await reportAttempt(session, attempt());
    await reportAttempt(session, attempt({ id: 'second', score: 30, passed: false }));
    expect(api.GetValue('cmi.success_status')).toBe('passed');
    expect(api.GetValue('cmi.score.raw')).toBe('84');
    expect(api.GetValue('cmi.interactions._count')).toBe('4');
  });

  it('should show the last attempt when the records count the last one', async () => {
    const { api, frame } = lms2004();
    const session = (await detectLms(frame))!;
    await reportAttempt(session, attempt(), 'last');
    await reportAttempt(session, attempt({ id: 'second', score: 30, passed: false }), 'last');
    expect(api.GetValue('cmi.success_status')).toBe('failed');
    expect(api.GetValue('cmi.score.raw')).toBe('30');
  });

  it('should report a failed first attempt as failed but completed', async () => {
    const { api, frame } = lms2004();
    const session = (await detectLms(frame))!;
    await reportAttempt(session, attempt({ score: 40, passed: false }));
    expect(api.GetValue('cmi.success_status')).toBe('failed');
    expect(api.GetValue('cmi.completion_status')).toBe('completed');
  });
});

/** An attempt in progress at step `step` after the given replies (a persisted snapshot's shape). */
function inProgress(replies: string[], step = 'apologise'): AttemptRecord {
  return attempt({
    status: 'in-progress',
    score: undefined,
    passed: undefined,
    report: undefined,
    snapshot: {
      status: 'active',
      value: step,
      context: {
        transcript: replies.map((text, i) =>
          traineeLine(i + 1, text, Date.UTC(2024, 4, 1, 1, i + 1), [], { responseMs: 4000 + i }),
        ),
      },
    },
  });
}

describe('saveProgress', () => {
  it('should keep the conversation in suspend_data and the step in location', async () => {
    const { api, frame } = lms2004();
    const session = (await detectLms(frame))!;
    saveProgress(session, inProgress(['您好，请问有什么可以帮您？', '非常抱歉']));
    const state = decodeResume(api.GetValue('cmi.suspend_data'));
    expect(state).toMatchObject({
      id: attempt().id,
      scenarioId: 'complaint-late-delivery',
      mode: 'exam',
      turns: [
        [4000, '您好，请问有什么可以帮您？'],
        [4001, '非常抱歉'],
      ],
    });
    expect(api.GetValue('cmi.location')).toBe('apologise');
    // The next launch reads it back.
    const again = lms2004({ suspend_data: api.GetValue('cmi.suspend_data') });
    expect((await detectLms(again.frame))?.resume).toEqual(state);
  });

  it('should start over cleanly when the conversation no longer fits SCORM 1.2', async () => {
    const { api, frame } = lms12();
    const session = (await detectLms(frame))!;
    saveProgress(session, inProgress(['好的']));
    expect(decodeResume(api.LMSGetValue('cmi.suspend_data'))?.turns).toHaveLength(1);
    saveProgress(session, inProgress(Array.from({ length: 12 }, () => LONG_REPLY)));
    expect(api.LMSGetValue('cmi.suspend_data')).toBe('');
    expect(api.LMSGetValue('cmi.core.lesson_location')).toBe('apologise');
    expect(session.errors).toEqual([]);
  });

  it('should clear the resume state once the attempt is finished', async () => {
    const { api, frame } = lms2004();
    const session = (await detectLms(frame))!;
    saveProgress(session, inProgress(['好的']));
    await reportAttempt(session, attempt());
    expect(api.GetValue('cmi.suspend_data')).toBe('');
    expect(api.GetValue('cmi.location')).toBe('open');
  });
});

describe('terminate', () => {
  it('should end the session once and refuse later reports', async () => {
    const { api, frame } = lms12();
    const session = (await detectLms(frame))!;
    await reportAttempt(session, attempt());
    terminate(session);
    terminate(session);
    expect(session.terminated).toBe(true);
    expect(api.isTerminated()).toBe(true);
    // Suspended: the LMS keeps the result and resume state for the next launch.
    expect((api.renderCommitCMI(true) as { cmi: { core: { exit: string } } }).cmi.core.exit).toBe(
      'suspend',
    );
    await reportAttempt(session, attempt({ id: 'late' }));
    expect(session.errors).toEqual([]);
  });
});

describe('scorm12Time', () => {
  it('should write HHHH:MM:SS.SS', () => {
    expect(scorm12Time(3_723_500)).toBe('0001:02:03.50');
  });
});

describe('scorm2004Time', () => {
  it('should write an ISO 8601 duration', () => {
    expect(scorm2004Time(3_723_500)).toBe('PT1H2M3.5S');
  });
});

describe('displayName', () => {
  it('should join Chinese family and given names without a space', () => {
    expect(displayName('王, 芳')).toBe('王芳');
    expect(displayName('王芳')).toBe('王芳');
  });
});
