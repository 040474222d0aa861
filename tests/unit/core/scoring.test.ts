import { createActor } from 'xstate';
import { describe, expect, it } from 'vitest';
import { bestChoiceOf, buildReport, checkProcedure } from '../../../src/core/report';
import { createScenarioMachine, type TraineeEntry } from '../../../src/core/scenario-machine';
import type { Mode, Scenario } from '../../../src/core/scenario-schema';
import {
  FACT_POINTS,
  factsUsed,
  moodBand,
  scaleScore,
  TURN_PENALTY_CAP,
  scoreReply,
  sumPoints,
} from '../../../src/core/scoring';
import type { Tag } from '../../../src/core/tags';
import { createFakeAnalyzer } from '../../support/fake-analyzer';
import { miniScenario } from '../../support/mini-scenario';

const analyzer = createFakeAnalyzer();

function score(
  text: string,
  options: { stepIndex?: number; mode?: Mode; responseMs?: number } = {},
) {
  const scenario = miniScenario();
  const step = scenario.steps[options.stepIndex ?? 0];
  if (!step) throw new Error('no step');
  return scoreReply({
    scenario,
    step,
    analyzer,
    turn: 1,
    mode: options.mode ?? 'coach',
    responseMs: options.responseMs ?? 5_000,
    text,
    analysis: analyzer.analyze(text),
    facts: factsUsed(scenario, analyzer, text),
  });
}

function play(replies: string[], mode: Mode = 'coach', scenario: Scenario = miniScenario()) {
  const actor = createActor(createScenarioMachine(scenario, analyzer), {
    input: { mode, startedAt: 0 },
  }).start();
  replies.forEach((text, index) => actor.send({ type: 'REPLY', text, at: (index + 1) * 5_000 }));
  return buildReport(scenario, actor.getSnapshot(), analyzer, { mode });
}

function turn(number: number, tags: Tag[], patch: Partial<TraineeEntry> = {}): TraineeEntry {
  return {
    role: 'trainee',
    turn: number,
    stepId: 'listen',
    text: '',
    at: number * 1_000,
    responseMs: 1_000,
    timeout: false,
    analysis: { tags, spans: [] },
    facts: [],
    moodBefore: 50,
    moodAfter: 50,
    ...patch,
  };
}

describe('scoreReply', () => {
  it('should give the required weight for a required tag, quoting the exact words', () => {
    const text = '李先生,对不起,我马上查。';
    const [hit] = score(text).filter((finding) => finding.kind === 'hit');
    expect(hit).toMatchObject({
      tag: 'apology',
      points: 20,
      ruleId: 'apology.sorry',
      words: '对不起',
    });
    expect(text.slice(hit?.start, hit?.end)).toBe('对不起');
  });

  it('should report a missing required tag with no points and a better phrasing', () => {
    const missing = score('好的').filter((finding) => finding.kind === 'missing');
    expect(missing).toEqual([
      expect.objectContaining({
        tag: 'apology',
        points: 0,
        better: expect.objectContaining({ en: 'better (apology.sorry)' }),
      }),
    ]);
  });

  it('should take the avoid weight off for every occurrence', () => {
    const avoided = score('你弄错了,你别激动').filter((finding) => finding.kind === 'avoided');
    expect(avoided.map((finding) => [finding.words, finding.points])).toEqual([
      ['你弄错了', -30],
      ['你别激动', -30],
    ]);
  });

  it('should charge a contrast conjunction even where the step does not list it', () => {
    const avoided = score('对不起,但是没办法').filter((finding) => finding.kind === 'avoided');
    expect(avoided).toEqual([expect.objectContaining({ words: '但是', points: -5 })]);
  });

  it('should add encouraged tags and used persona facts', () => {
    const findings = score('我理解,蓝色的杯子对不起');
    expect(
      findings
        .filter((f) => f.kind === 'hit')
        .map((f) => f.points)
        .sort(),
    ).toEqual([10, 20]);
    expect(findings.find((f) => f.kind === 'fact')).toMatchObject({
      words: '蓝色',
      points: FACT_POINTS,
    });
  });

  it('should not reward a reply with none of the expected moves', () => {
    expect(sumPoints(score('好的,知道了'))).toBe(0);
  });

  it('should take points off a reply slower than the limit', () => {
    const slow = score('对不起', { responseMs: 31_000 }).filter((f) => f.kind === 'slow');
    expect(slow).toEqual([expect.objectContaining({ dimension: '反应性', points: -5 })]);
  });

  it('should raise a blocker only in the modes the scenario lists', () => {
    expect(score('你弄错了', { mode: 'exam' }).some((f) => f.kind === 'blocker')).toBe(true);
    expect(score('你弄错了', { mode: 'coach' }).some((f) => f.kind === 'blocker')).toBe(false);
  });
});

describe('moodBand', () => {
  it('should split at 35 and 65', () => {
    expect([34, 35, 64, 65].map(moodBand)).toEqual(['angry', 'upset', 'upset', 'calm']);
  });
});

describe('scaleScore', () => {
  it('should scale points to the maximum and clamp to 0–100', () => {
    expect(scaleScore(45, 60)).toBe(75);
    expect(scaleScore(-20, 60)).toBe(0);
    expect(scaleScore(0, 0)).toBe(100);
  });
});

describe('checkProcedure', () => {
  it('should tick the six complaint steps done in order', () => {
    const scenario = miniScenario();
    const { result } = checkProcedure(scenario, analyzer, [
      turn(1, ['apology', 'empathy']),
      turn(2, ['open-question']),
      turn(3, ['compensation'], { moodAfter: 50 }),
      turn(4, ['ask-preference']),
      turn(5, ['follow-up']),
    ]);
    expect(result.items.every((item) => item.done && item.inOrder)).toBe(true);
    expect(result.adherence).toBe(100);
  });

  it('should flag a remedy offered before the information was gathered', () => {
    const { result } = checkProcedure(miniScenario(), analyzer, [
      turn(1, ['apology']),
      turn(2, ['compensation']),
      turn(3, ['open-question']),
    ]);
    const byId = Object.fromEntries(result.items.map((item) => [item.id, item]));
    expect(byId.gather).toMatchObject({ done: true, inOrder: true, turn: 3 });
    expect(byId.solve).toMatchObject({ done: true, inOrder: false, turn: 2 });
    expect(result.adherence).toBeLessThan(100);
  });

  it('should not ask for the opinion step when the remedy already calmed the customer', () => {
    const { result } = checkProcedure(miniScenario(), analyzer, [
      turn(1, ['apology']),
      turn(2, ['open-question']),
      turn(3, ['compensation', 'follow-up'], { moodAfter: 80 }),
    ]);
    expect(result.items.find((item) => item.id === 'ask-opinion')?.notNeeded).toBe(true);
    expect(result.adherence).toBe(100);
  });

  it('should cost points for a SPIN offer made before the need-payoff question', () => {
    const scenario = { ...miniScenario(), procedure: 'spin' as const };
    const early = checkProcedure(scenario, analyzer, [
      turn(1, ['spin-situation']),
      turn(2, ['value-add']),
      turn(3, ['spin-need-payoff']),
    ]);
    const late = checkProcedure(scenario, analyzer, [
      turn(1, ['spin-situation']),
      turn(2, ['spin-need-payoff']),
      turn(3, ['value-add']),
    ]);
    expect(early.findings.filter((f) => f.points < 0)).toEqual([
      expect.objectContaining({ turn: 2, points: -10 }),
    ]);
    expect(late.findings.some((f) => f.points < 0)).toBe(false);
  });

  it('should count only a value-add offered without the customer asking for it', () => {
    const scenario = { ...miniScenario(), procedure: 'value-add' as const };
    const turns = [turn(1, ['value-add']), turn(2, ['value-add'])];
    expect(checkProcedure(scenario, analyzer, turns).result.items[0]).toMatchObject({
      done: true,
      turn: 1,
    });
    expect(checkProcedure(scenario, analyzer, turns, new Set([1])).result.items[0]).toMatchObject({
      turn: 2,
    });
    expect(checkProcedure(scenario, analyzer, turns, new Set([1, 2])).result.items[0]?.done).toBe(
      false,
    );
  });

  it('should list one item per persona fact for the personalised check', () => {
    const scenario = { ...miniScenario(), procedure: 'personalised' as const };
    const { result } = checkProcedure(scenario, analyzer, [turn(1, [], { facts: ['blue-mug'] })]);
    expect(result.items).toEqual([expect.objectContaining({ id: 'fact-blue-mug', done: true })]);
  });
});

describe('bestChoiceOf', () => {
  it('should pick the authored choice that scores best under the analyzer', () => {
    const scenario = miniScenario();
    const best = bestChoiceOf(
      scenario,
      scenario.steps[0] as Scenario['steps'][number],
      analyzer,
      'coach',
    );
    expect(best?.index).toBe(1);
  });
});

describe('buildReport', () => {
  it('should make the score the sum of finding points scaled to what the steps visited require', () => {
    const report = play(['对不起给您添麻烦了,蓝色的我马上查', '我们给您免费换货,明天回访您']);
    const points = sumPoints(report.findings);
    // listen: apology 20 + the blue-mug fact 5; fix: compensation 20 (encouraged moves are bonus).
    const maximum =
      20 + 5 + 20 + report.procedure.items.filter((item) => !item.notNeeded).length * 3;
    expect(report.score).toBe(scaleScore(points, maximum));
    expect(report.turns.map((t) => t.score)).toEqual([25, 30]);
    expect(report.ending?.kind).toBe('retained');
  });

  it('should cost one bad sentence points, not the whole call: each tag once per turn, capped', () => {
    const report = play([
      '对不起,我理解,蓝色的。你弄错了,你别激动,你弄错了,但是但是',
      '我们免费换货,明天回访您',
    ]);
    const penalties = report.findings.filter((f) => f.turn === 1 && f.points < 0);
    expect(penalties.filter((f) => f.tag === 'forbidden')).toHaveLength(1);
    expect(sumPoints(penalties)).toBeGreaterThanOrEqual(-TURN_PENALTY_CAP);
    expect(report.score).toBeGreaterThan(40);
  });

  it('should credit a move made one turn late to the step it belonged to', () => {
    const report = play(['好的,蓝色的这是怎么回事', '对不起,我们免费换货']);
    expect(report.transcript.filter((e) => e.role === 'trainee').map((e) => e.stepId)).toEqual([
      'listen',
      'fix',
    ]);
    expect(report.findings).toContainEqual(
      expect.objectContaining({ kind: 'hit', tag: 'apology', stepId: 'listen', turn: 2 }),
    );
    expect(report.findings.some((f) => f.kind === 'missing' && f.tag === 'apology')).toBe(false);
  });

  it('should build the debrief from what happened, agreeing with the checklist', () => {
    const report = play(['蓝色的,这是怎么回事', '我们免费换货']);
    const debrief = report.ending?.debrief['zh-CN'] ?? '';
    const apologise = report.procedure.items.find((item) => item.id === 'apologise');
    expect(apologise?.done).toBe(false);
    expect(debrief).toContain('没有做到');
    expect(debrief).toContain(apologise?.label['zh-CN']);
    expect(report.findings.some((f) => f.kind === 'missing' && f.tag === 'apology')).toBe(true);
  });

  it("should show a missing move with the scenario step's own reply that makes it", () => {
    const report = play(['蓝色的,这是怎么回事', '我们免费换货']);
    const missing = report.findings.find((f) => f.kind === 'missing' && f.tag === 'apology');
    expect(missing?.better['zh-CN']).toBe('对不起给您添麻烦了,蓝色的我马上帮您查。');
  });

  it('should meet intents with a phrase once: one apology is not the apology of two steps', () => {
    const scenario = miniScenario();
    scenario.steps[1]!.expect.required.push({ tag: 'apology', weight: 10 });
    const once = play(['对不起,蓝色的我马上查', '我们免费换货'], 'coach', scenario);
    const apologies = once.findings.filter((f) => f.kind === 'hit' && f.tag === 'apology');
    expect(apologies).toEqual([expect.objectContaining({ stepId: 'listen', turn: 1 })]);
    expect(once.findings).toContainEqual(
      expect.objectContaining({ kind: 'missing', tag: 'apology', stepId: 'fix' }),
    );
    const twice = play(['对不起,蓝色的我马上查', '对不起,我们免费换货'], 'coach', scenario);
    expect(twice.findings.filter((f) => f.kind === 'hit' && f.tag === 'apology')).toEqual([
      expect.objectContaining({ stepId: 'listen', turn: 1 }),
      expect.objectContaining({ stepId: 'fix', turn: 2 }),
    ]);
    expect(twice.score).toBeGreaterThan(once.score);
  });

  it("should meet a step's intent by any tag the expectation allows (alsoMetBy)", () => {
    const scenario = miniScenario();
    const fix = scenario.steps[1]!;
    fix.expect.required = [{ tag: 'compensation', weight: 20, alsoMetBy: ['value-add'] }];
    const report = play(['对不起', '我顺便帮您把新杯子送到家'], 'coach', scenario);
    expect(report.findings).toContainEqual(
      expect.objectContaining({ kind: 'hit', tag: 'value-add', stepId: 'fix', points: 20 }),
    );
    expect(report.findings.some((f) => f.kind === 'missing' && f.stepId === 'fix')).toBe(false);
  });

  it('should pass a good attempt and fail a rude one', () => {
    expect(play(['对不起,我理解,蓝色的马上查', '我们免费换货,明天回访您']).passed).toBe(true);
    const rude = play(['你弄错了', '你别激动']);
    expect(rude.passed).toBe(false);
    expect(rude.notPassedBecause).toBe('ending');
  });

  it('should fail an exam attempt with a blocker whatever the score, naming the words', () => {
    const report = play(['对不起,我理解,蓝色的,你别激动', '我们免费换货,明天回访您'], 'exam');
    expect(report.ending?.kind).toBe('retained');
    expect(report.passed).toBe(false);
    expect(report.blockedBy).toMatchObject({
      ruleId: 'forbidden.calm-down',
      words: '你别激动',
      turn: 1,
    });
  });

  it('should report response times against the limit', () => {
    const report = play(['对不起', '免费换']);
    expect(report.responseTimes).toMatchObject({
      perTurnMs: [5_000, 5_000],
      averageMs: 5_000,
      slowTurns: 0,
      limitMs: 30_000,
    });
  });

  it('should give every dimension a 0–100 value', () => {
    const report = play(['对不起,我理解', '免费换货,回访您']);
    for (const value of Object.values(report.dimensions)) {
      expect(value).toBeGreaterThanOrEqual(0);
      expect(value).toBeLessThanOrEqual(100);
    }
    expect(report.dimensions['移情性']).toBeGreaterThan(0);
  });
});
