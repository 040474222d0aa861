import Dexie from 'dexie';
import { beforeEach, describe, expect, it } from 'vitest';
import { createAnalyzer } from '../../../src/core/analyzer';
import { loadRulePacks } from '../../../src/core/rule-loader';
import { createClass, getClass, saveClass } from '../../../src/data/class-repository';
import {
  formatClock,
  groupProblems,
  nextRound,
  pairRandomly,
  planRound,
  projectorView,
  roundClock,
  toRoster,
  withProjectorView,
} from '../../../src/data/class-rounds';
import { classAttempts, classSummary } from '../../../src/data/class-summary';
import {
  forbiddenPhraseOptions,
  groupPhraseOptions,
  observedReasons,
  observedReport,
  scorecardItems,
} from '../../../src/core/observer-scorecard';
import { saveObservedAttempt } from '../../../src/data/observer-scorecard';
import { ServiceDojoDb, useDatabase, type AttemptRecord } from '../../../src/data/db';
import { readRuleFiles } from '../../../src/node/node-rules';
import { nodeScorer, practisedAttempt } from '../../support/practised-attempts';
import { loadNodeScenarios } from '../../../src/node/node-scenarios';

const seven = toRoster(
  ['张伟', '李娜', '王芳', '刘洋', '陈静', '杨帆', '赵敏'].map((name, index) => ({
    name,
    employeeNo: `E00${index + 1}`,
    department: '客服部',
  })),
);
const ids = seven.map((entry) => entry.id);

describe('pairRandomly', () => {
  it('should make pairs and one trio from an odd roster, everyone once', () => {
    const groups = pairRandomly(ids, () => 0.3);

    expect(groups.map((group) => group.members.length)).toEqual([2, 2, 3]);
    expect(groups.flatMap((group) => group.members).sort()).toEqual([...ids].sort());
    expect(groupProblems(groups, seven)).toEqual([]);
  });

  it('should make only pairs from an even roster', () => {
    expect(pairRandomly(ids.slice(0, 6)).map((group) => group.members.length)).toEqual([2, 2, 2]);
  });
});

describe('groupProblems', () => {
  it('should name who is missing and who is in two groups', () => {
    const [a = '', b = '', c = ''] = ids;
    const problems = groupProblems(
      [
        { id: 'g1', members: [a, b] },
        { id: 'g2', members: [b, c] },
      ],
      seven.slice(0, 4),
    );
    expect(problems).toEqual([
      { code: 'twice', who: '李娜', count: 2 },
      { code: 'missing', who: '刘洋', count: 0 },
    ]);
  });
});

describe('nextRound', () => {
  it('should swap customer and rep in pairs and rotate the trio so the observer plays next', () => {
    const groups = pairRandomly(ids, () => 0.5);
    const first = planRound(groups, 1, 30);
    const second = nextRound(groups, [first]);
    const third = nextRound(groups, [first, second]);

    const pair1 = first.assignments[0];
    const pair2 = second.assignments[0];
    expect(pair2?.customer).toBe(pair1?.rep);
    expect(pair2?.rep).toBe(pair1?.customer);

    const trio = [first, second, third].map((round) => round.assignments[2]);
    const [m0, m1, m2] = groups[2]?.members ?? [];
    expect(trio.map((roles) => roles?.observer)).toEqual([m2, m0, m1]);
    expect(trio.map((roles) => roles?.rep)).toEqual([m1, m2, m0]);
    expect(trio[1]?.customer).toBe(trio[0]?.rep);
    expect(second.number).toBe(2);
    expect(second.durationMin).toBe(30);
  });
});

describe('roundClock', () => {
  it('should count down from the start and stop at zero', () => {
    const round = { ...planRound([], 1, 30), startedAt: 1_000 };

    expect(roundClock({ ...round, startedAt: undefined }, 5_000)).toEqual({
      phase: 'ready',
      remainingMs: 1_800_000,
    });
    expect(roundClock(round, 61_000)).toEqual({ phase: 'running', remainingMs: 1_740_000 });
    expect(roundClock(round, 500).remainingMs).toBe(1_800_000);
    expect(roundClock(round, 1_801_000).phase).toBe('over');
    expect(roundClock({ ...round, endedAt: 2_000 }, 3_000).phase).toBe('over');
  });
});

describe('formatClock', () => {
  it('should show minutes and seconds, rounded up', () => {
    expect(formatClock(1_800_000)).toBe('30:00');
    expect(formatClock(61_500)).toBe('1:02');
    expect(formatClock(0)).toBe('0:00');
  });
});

const { rules, procedures } = loadRulePacks(readRuleFiles());
const analyzer = createAnalyzer(rules, { procedures });
const { scenarios } = loadNodeScenarios();
const complaint = scenarios.find((scenario) => scenario.procedure === 'complaint-six-steps');
const spin = scenarios.find((scenario) => scenario.procedure === 'spin');

describe('scorecardItems', () => {
  it('should list the six complaint steps for a complaint scenario and value-add last', () => {
    const items = scorecardItems(complaint!, analyzer);
    expect(items.slice(0, 6).map((item) => item.id)).toEqual([
      'let-vent',
      'apologise',
      'gather',
      'solve',
      'ask-opinion',
      'follow-up',
    ]);
    expect(items.at(-1)?.id).toBe('value-add');
  });

  it('should list the four SPIN question types for a SPIN scenario', () => {
    const tags = scorecardItems(spin!, analyzer).map((item) => item.tag);
    expect(tags).toEqual(
      expect.arrayContaining([
        'spin-situation',
        'spin-problem',
        'spin-implication',
        'spin-need-payoff',
      ]),
    );
  });
});

describe('observedReport', () => {
  it('should charge a heard phrase its rule weight, so three 但 do not cancel three steps done', () => {
    const report = observedReport({
      scenario: complaint!,
      analyzer,
      done: ['let-vent', 'apologise', 'gather'],
      heard: ['contrast.dan', 'contrast.dan', 'contrast.dan'],
    });
    const reasons = observedReasons(report);

    expect(reasons.heard).toEqual([{ ruleId: 'contrast.dan', words: '但', times: 3, points: -12 }]);
    expect(reasons).toMatchObject({ points: 18, maximum: 70, score: 26 });
    expect(report.score).toBe(26);
    // The apology step was ticked: empathy keeps what it earned after the 转折语.
    expect(report.dimensions['移情性']).toBe(45);
  });
});

describe('groupPhraseOptions', () => {
  it('should put the common phrases first and keep every other rule behind "more"', () => {
    const options = forbiddenPhraseOptions(analyzer);
    const { common, more } = groupPhraseOptions(options);
    expect(common[0]?.phrase).toBe('但是');
    expect(common.length).toBeLessThanOrEqual(15);
    expect(common.length + more.length).toBe(options.length);
  });
});

describe('saveObservedAttempt', () => {
  beforeEach(() => {
    useDatabase(new ServiceDojoDb(`test-${crypto.randomUUID()}`));
  });

  it('should store a finished observed attempt with the observer, lower when phrases were heard', async () => {
    const forbidden = rules.find((rule) => rule.tag === 'forbidden')!;
    const base = {
      scenario: complaint!,
      analyzer,
      trainee: seven[0]!,
      observer: '赵敏',
      classId: 'class-1',
      done: ['let-vent', 'apologise', 'gather'],
      now: 10,
    };

    const clean = await saveObservedAttempt({ ...base, heard: [] });
    const rude = await saveObservedAttempt({ ...base, heard: [forbidden.id, forbidden.id] });

    expect(clean).toMatchObject({ mode: 'observed', observer: '赵敏', status: 'finished' });
    expect(rude.score).toBeLessThan(clean.score!);
    const summary = classSummary([clean, rude]);
    expect(summary.forbiddenPhrases[0]?.count).toBe(2);
    expect(summary.frequentFindings[0]?.count).toBe(2);
    expect(summary.trainees).toBe(1);
  });
});

describe('createClass', () => {
  beforeEach(() => {
    useDatabase(new ServiceDojoDb(`test-${crypto.randomUUID()}`));
  });

  it('should store the class with its roster', async () => {
    const record = await createClass({
      name: '投诉处理一班',
      trainer: '周老师',
      date: '2024-05-01',
      scenarioIds: ['complaint-late-delivery'],
      roster: seven,
    });
    expect((await getClass(record.id))?.roster).toHaveLength(7);
  });
});

describe('projectorView', () => {
  beforeEach(() => {
    useDatabase(new ServiceDojoDb(`test-${crypto.randomUUID()}`));
  });

  it('should show the round for a new class and the summary once switched, after a reload', async () => {
    const record = await createClass({
      name: '投诉处理一班',
      trainer: '周老师',
      date: '2024-05-01',
      scenarioIds: ['complaint-late-delivery'],
    });
    expect(projectorView(record)).toBe('round');

    await saveClass(withProjectorView(record, 'summary'));
    const reloaded = await getClass(record.id);
    expect(reloaded && projectorView(reloaded)).toBe('summary');
    expect(reloaded && projectorView(withProjectorView(reloaded, 'round'))).toBe('round');
  });
});

describe('classAttempts', () => {
  it('should keep finished attempts taken in the class, or by the roster in its scenarios that day', () => {
    const classDay = new Date(2024, 4, 6, 9).getTime();
    const record = {
      id: 'c1',
      date: '2024-05-06',
      scenarioIds: ['s1'],
      roster: seven.slice(0, 1),
    } as Parameters<typeof classAttempts>[0];
    const attempt = (change: Partial<AttemptRecord>) =>
      ({
        status: 'finished',
        scenarioId: 's1',
        trainee: seven[0],
        startedAt: classDay,
        ...change,
      }) as AttemptRecord;

    const kept = classAttempts(record, [
      attempt({ id: 'a' }),
      attempt({ id: 'b', scenarioId: 's2' }),
      attempt({ id: 'c', status: 'in-progress' }),
      attempt({ id: 'd', scenarioId: 's2', classId: 'c1' }),
      attempt({ id: 'e', startedAt: classDay - 86_400_000 }),
      attempt({ id: 'f', trainee: seven[1] }),
    ]);
    expect(kept.map((a) => a.id)).toEqual(['a', 'd']);
  });
});

describe('ServiceDojoDb', () => {
  it('should keep attempts stored under version 2 when version 3 adds the class tables', async () => {
    const name = `test-${crypto.randomUUID()}`;
    const old = new Dexie(name);
    old.version(2).stores({
      attempts:
        'id, scenarioId, status, startedAt, mode, trainee.employeeNo, trainee.department, [scenarioId+startedAt], [status+scenarioId]',
      profile: 'id',
      settings: 'key',
      xapiQueue: 'id, state, [state+nextTryAt]',
    });
    await old.table('attempts').add({ id: 'kept', scenarioId: 's1', status: 'finished' });
    old.close();

    const upgraded = new ServiceDojoDb(name);
    useDatabase(upgraded);
    await createClass({ name: '一班', trainer: '周老师', date: '2024-05-06', scenarioIds: ['s1'] });

    expect(await upgraded.attempts.get('kept')).toMatchObject({ scenarioId: 's1' });
    expect(await upgraded.classes.count()).toBe(1);
    expect(upgraded.verno).toBeGreaterThanOrEqual(3);
  });
});

describe('forbiddenPhraseOptions', () => {
  it('should name each tap target by the words its rule fires on', () => {
    const options = forbiddenPhraseOptions(analyzer);
    expect(options.find((o) => o.ruleId === 'forbidden.you-are-wrong')?.phrase).toBe('你弄错');
    expect(options.every((o) => o.phrase.length > 0 && o.phrase.length < 20)).toBe(true);
  });
});

describe('classSummary phrases heard', () => {
  it('should count one utterance once, however many findings overlap it', async () => {
    const scorer = await nodeScorer();
    const rude = practisedAttempt(scorer, 'rude', {
      replies: [
        { text: '真是对不起让您久等了。', afterMs: 8_000 },
        { text: '你弄错了日期吧，单子上写的就是这周。', afterMs: 9_000 },
      ],
    });
    const summary = classSummary([rude, { ...rude, id: 'rude-2' }]);
    expect(summary.forbiddenPhrases).toEqual([{ words: '你弄错', count: 2 }]);
  });
});
