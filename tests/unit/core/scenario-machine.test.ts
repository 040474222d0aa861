import { createActor, getInitialSnapshot, getNextSnapshot } from 'xstate';
import { describe, expect, it } from 'vitest';
import {
  createScenarioMachine,
  currentCustomerLine,
  currentStep,
  endingOf,
  FINAL_STEP_TURNS,
  guardHolds,
  isFinished,
  lineForMood,
  MAX_TURNS,
  type ConversationContext,
} from '../../../src/core/scenario-machine';
import type { Scenario } from '../../../src/core/scenario-schema';
import { createFakeAnalyzer } from '../../support/fake-analyzer';
import { miniScenario } from '../../support/mini-scenario';

const analyzer = createFakeAnalyzer();
const input = { mode: 'coach' as const, startedAt: 1_000 };

function start(scenario: Scenario = miniScenario(), mode: 'coach' | 'exam' = 'coach') {
  return createActor(createScenarioMachine(scenario, analyzer), {
    input: { ...input, mode },
  }).start();
}

/** The mini scenario with listen's only way on being an apology, so safety nets decide. */
function withoutEscapes(mood: number): Scenario {
  const scenario = miniScenario();
  scenario.persona.mood = mood;
  const listen = scenario.steps[0];
  if (!listen) throw new Error('no step');
  listen.next = [{ when: { any: ['apology'] }, goto: 'fix' }];
  return scenario;
}

describe('createScenarioMachine', () => {
  it('should open at the start step with the persona mood and the line for that mood', () => {
    const actor = start();
    const snapshot = actor.getSnapshot();
    expect(snapshot.value).toBe('listen');
    expect(snapshot.context.mood).toBe(40);
    expect(snapshot.context.transcript).toEqual([
      expect.objectContaining({ role: 'customer', stepId: 'listen', at: 1_000 }),
    ]);
    // 40 is "upset"; listen has only angry and calm lines, and angry is as near: angry wins ties.
    expect(currentCustomerLine(snapshot, miniScenario())['zh-CN']).toBe(
      '我要的是蓝色的,你们寄来红色的!',
    );
  });

  it('should move to the next step when the reply carries the tag the guard asks for', () => {
    const actor = start();
    actor.send({ type: 'REPLY', text: '对不起给您添麻烦了', at: 6_000 });
    const snapshot = actor.getSnapshot();
    expect(snapshot.value).toBe('fix');
    // Mood moves once per tag, however many apology phrases the reply holds.
    expect(snapshot.context.mood).toBe(40 + 12);
    expect(snapshot.context.turnsInStep).toBe(0);
    expect(snapshot.context.transcript.map((entry) => entry.role)).toEqual([
      'customer',
      'trainee',
      'customer',
    ]);
    expect(currentCustomerLine(snapshot, miniScenario())['zh-CN']).toBe('那你打算怎么处理?');
  });

  it('should make the customer angrier after a forbidden phrase, push back once, and escalate at the second', () => {
    const actor = start();
    actor.send({ type: 'REPLY', text: '你弄错了', at: 5_000 });
    const first = actor.getSnapshot();
    expect(first.context.mood).toBe(15);
    expect(first.value).toBe('listen');
    expect(isFinished(first)).toBe(false);
    actor.send({ type: 'REPLY', text: '你别激动', at: 8_000 });
    const snapshot = actor.getSnapshot();
    expect(snapshot.value).toBe('escalated');
    expect(isFinished(snapshot)).toBe(true);
    expect(endingOf(snapshot, miniScenario())?.kind).toBe('escalated');
    expect(currentCustomerLine(snapshot, miniScenario())['zh-CN']).toBe('叫你们经理来!');
  });

  it('should nudge once with another line when a reply says nothing, then move on with the step missed', () => {
    const actor = start();
    const opening = currentCustomerLine(actor.getSnapshot(), miniScenario());
    actor.send({ type: 'REPLY', text: '好的', at: 2_000 });
    const held = actor.getSnapshot();
    expect(held.value).toBe('listen');
    expect(held.context.transcript.at(-1)?.role).toBe('customer');
    expect(currentCustomerLine(held, miniScenario())['zh-CN']).not.toBe(opening['zh-CN']);
    actor.send({ type: 'REPLY', text: '嗯', at: 3_000 });
    const moved = actor.getSnapshot();
    expect(moved.value).toBe('fix');
    expect(moved.context.missedSteps).toEqual(['listen']);
    expect(currentCustomerLine(moved, miniScenario())['zh-CN']).toBe('那你打算怎么处理?');
  });

  it('should move on after one reply that says something, even when the step is not met', () => {
    const actor = start();
    actor.send({ type: 'REPLY', text: '蓝色的我马上查,这是怎么回事?', at: 2_000 });
    expect(actor.getSnapshot().value).toBe('fix');
    expect(actor.getSnapshot().context.missedSteps).toEqual(['listen']);
  });

  it('should never say the same line twice in a row while the customer waits', () => {
    const scenario = miniScenario();
    const actor = start(scenario);
    actor.send({ type: 'REPLY', text: '对不起', at: 2_000 });
    actor.send({ type: 'REPLY', text: '你弄错了', at: 3_000 });
    const lines = actor
      .getSnapshot()
      .context.transcript.filter((entry) => entry.role === 'customer')
      .map((entry) => entry.text['zh-CN']);
    for (let i = 1; i < lines.length; i++) expect(lines[i]).not.toBe(lines[i - 1]);
  });

  it('should not let a calm customer leave because turns ran out: the ending follows the mood', () => {
    const scenario = miniScenario();
    scenario.persona.mood = 80;
    const actor = start(scenario);
    actor.send({ type: 'REPLY', text: '对不起', at: 2_000 });
    expect(actor.getSnapshot().value).toBe('fix');
    // fix authors "turnsAtLeast 2 -> lost"; at mood 92 the customer stays instead.
    actor.send({ type: 'REPLY', text: '好的', at: 3_000 });
    actor.send({ type: 'REPLY', text: '嗯', at: 4_000 });
    expect(actor.getSnapshot().value).toBe('retained');
  });

  it(`should wait ${FINAL_STEP_TURNS} replies at the last step for its intent while they say something`, () => {
    // Moving on from the last step hangs up: the remedy a reply later must still be heard.
    const actor = start();
    actor.send({ type: 'REPLY', text: '对不起', at: 2_000 });
    expect(actor.getSnapshot().value).toBe('fix');
    actor.send({ type: 'REPLY', text: '我理解', at: 3_000 });
    actor.send({ type: 'REPLY', text: '明天回访您', at: 4_000 });
    expect(actor.getSnapshot().value).toBe('fix');
    actor.send({ type: 'REPLY', text: '我们免费换货', at: 5_000 });
    expect(actor.getSnapshot().value).toBe('retained');
    // Replies that say something but never make the remedy: the call ends by mood at the third.
    const idle = start();
    ['对不起', '我理解', '明天回访您'].forEach((text, index) =>
      idle.send({ type: 'REPLY', text, at: 2_000 + index * 1_000 }),
    );
    expect(idle.getSnapshot().status).toBe('active');
    idle.send({ type: 'REPLY', text: '我理解', at: 6_000 });
    expect(idle.getSnapshot().value).toBe('retained');
    const atFix = idle
      .getSnapshot()
      .context.transcript.filter((entry) => entry.role === 'trainee' && entry.stepId === 'fix');
    expect(atFix).toHaveLength(FINAL_STEP_TURNS);
  });

  it('should let an angry customer ignored at the last step leave (lost)', () => {
    const scenario = miniScenario();
    scenario.persona.mood = 20;
    scenario.steps[0]!.next = [{ when: { any: ['empathy'] }, goto: 'fix' }];
    const actor = start(scenario);
    actor.send({ type: 'REPLY', text: '我理解', at: 2_000 });
    actor.send({ type: 'REPLY', text: '好的', at: 3_000 });
    actor.send({ type: 'REPLY', text: '嗯', at: 4_000 });
    expect(actor.getSnapshot().context.mood).toBeLessThan(35);
    expect(actor.getSnapshot().value).toBe('lost');
  });

  it('should end the call by mood on FINISH, with the steps not reached recorded as missed', () => {
    const actor = start();
    actor.send({ type: 'REPLY', text: '对不起', at: 2_000 });
    actor.send({ type: 'FINISH', at: 3_000 });
    const snapshot = actor.getSnapshot();
    expect(snapshot.value).toBe('retained');
    expect(snapshot.context.missedSteps).toEqual(['fix']);
    const low = start(withoutEscapes(30));
    low.send({ type: 'FINISH', at: 2_000 });
    expect(low.getSnapshot().value).toBe('lost');
  });

  it('should not please a SPIN buyer with an offer made before the need is explicit', () => {
    const spin = (): Scenario => {
      const scenario = withoutEscapes(50);
      scenario.procedure = 'spin';
      return scenario;
    };
    const early = start(spin());
    early.send({ type: 'REPLY', text: '我们免费给您装', at: 2_000 });
    expect(early.getSnapshot().context.mood).toBeLessThan(50);
    const afterNeed = start(spin());
    afterNeed.send({ type: 'REPLY', text: '这对您有什么帮助', at: 2_000 });
    afterNeed.send({ type: 'REPLY', text: '我们免费给您装', at: 3_000 });
    const { transcript } = afterNeed.getSnapshot().context;
    const offer = transcript.findLast((entry) => entry.role === 'trainee');
    expect(offer?.role === 'trainee' && offer.moodAfter > offer.moodBefore).toBe(true);
  });

  it('should count a timeout as a turn with no reply: mood worse and a 反应性 finding', () => {
    const actor = start(miniScenario(), 'exam');
    actor.send({ type: 'REPLY', text: '对不起', at: 2_000 });
    actor.send({ type: 'TIMEOUT', at: 32_000 });
    const { context, value } = actor.getSnapshot();
    // One silence costs mood and points; the customer waits (fix authors "timeout -> lost")…
    expect(value).toBe('fix');
    expect(context.turn).toBe(2);
    expect(context.mood).toBe(40 + 12 - 10);
    const slow = context.findings.filter((finding) => finding.kind === 'slow');
    expect(slow).toEqual([expect.objectContaining({ dimension: '反应性', turn: 2, points: -10 })]);
    // …and leaves at the second.
    actor.send({ type: 'TIMEOUT', at: 62_000 });
    expect(actor.getSnapshot().value).toBe('lost');
  });

  it('should send the customer to the escalated ending when mood reaches 0', () => {
    const actor = start(withoutEscapes(20));
    actor.send({ type: 'REPLY', text: '你弄错了,你别激动', at: 2_000 });
    expect(actor.getSnapshot().context.mood).toBe(0);
    expect(actor.getSnapshot().value).toBe('listen');
    actor.send({ type: 'REPLY', text: '你弄错了', at: 3_000 });
    expect(actor.getSnapshot().value).toBe('escalated');
  });

  it(`should end after ${MAX_TURNS} turns by mood: retained when content, lost when not`, () => {
    const looping = (apologyEffect: number): Scenario => {
      const scenario = withoutEscapes(40);
      scenario.moodEffects = { apology: apologyEffect };
      scenario.steps[1]!.next = [{ when: { any: ['apology'] }, goto: 'listen' }];
      return scenario;
    };
    for (const [effect, ending] of [
      [12, 'retained'],
      [0, 'lost'],
    ] as const) {
      const actor = start(looping(effect));
      for (let turn = 1; turn < MAX_TURNS; turn++)
        actor.send({ type: 'REPLY', text: '对不起', at: 1_000 + turn * 1_000 });
      expect(actor.getSnapshot().status).toBe('active');
      actor.send({ type: 'REPLY', text: '对不起', at: 60_000 });
      expect(actor.getSnapshot().value).toBe(ending);
    }
  });

  it('should resume a JSON round-tripped snapshot and finish as an uninterrupted run does', () => {
    const machine = createScenarioMachine(miniScenario(), analyzer);
    const replies = ['好的', '对不起,蓝色的我马上查', '我们给您免费换,明天回访您'];

    const straight = createActor(machine, { input }).start();
    replies.forEach((text, index) =>
      straight.send({ type: 'REPLY', text, at: 2_000 * (index + 1) }),
    );

    const first = createActor(machine, { input }).start();
    first.send({ type: 'REPLY', text: replies[0] as string, at: 2_000 });
    const saved = JSON.stringify(first.getPersistedSnapshot());
    first.stop();
    const resumed = createActor(machine, { snapshot: JSON.parse(saved), input }).start();
    expect(resumed.getSnapshot().context.turn).toBe(1);
    replies
      .slice(1)
      .forEach((text, index) => resumed.send({ type: 'REPLY', text, at: 2_000 * (index + 2) }));

    expect(resumed.getSnapshot().value).toBe('retained');
    expect(resumed.getSnapshot().context).toEqual(straight.getSnapshot().context);
  });

  it('should compute transitions as pure functions of snapshot and event', () => {
    const machine = createScenarioMachine(miniScenario(), analyzer);
    const initial = getInitialSnapshot(machine, input);
    const afterApology = getNextSnapshot(machine, initial, {
      type: 'REPLY',
      text: '我理解',
      at: 3_000,
    });
    expect(afterApology.value).toBe('fix');
    expect(initial.value).toBe('listen');
    expect(initial.context.turn).toBe(0);
  });
});

describe('guardHolds', () => {
  const context = (patch: Partial<ConversationContext>): ConversationContext => ({
    ...getInitialSnapshot(createScenarioMachine(miniScenario(), analyzer), input).context,
    ...patch,
  });

  it('should require every tag of all, one of any and none of none', () => {
    const ctx = context({ lastTags: ['apology', 'compensation'] });
    expect(guardHolds({ all: ['apology', 'compensation'] }, ctx)).toBe(true);
    expect(guardHolds({ all: ['apology', 'follow-up'] }, ctx)).toBe(false);
    expect(guardHolds({ any: ['follow-up', 'apology'] }, ctx)).toBe(true);
    expect(guardHolds({ none: ['compensation'] }, ctx)).toBe(false);
  });

  it('should compare mood, turns in the step, facts used and timeouts', () => {
    const ctx = context({
      mood: 50,
      turnsInStep: 2,
      lastFacts: ['blue-mug'],
      lastWasTimeout: true,
    });
    expect(guardHolds({ moodAtLeast: 50, moodBelow: 51 }, ctx)).toBe(true);
    expect(guardHolds({ moodBelow: 50 }, ctx)).toBe(false);
    expect(guardHolds({ turnsAtLeast: 3 }, ctx)).toBe(false);
    expect(guardHolds({ facts: ['blue-mug'], timeout: true }, ctx)).toBe(true);
    expect(guardHolds({ timeout: false }, ctx)).toBe(false);
  });
});

describe('lineForMood', () => {
  it('should pick the band of the mood, or the nearest band the step defines', () => {
    const listen = miniScenario().steps[0];
    if (!listen) throw new Error('no step');
    expect(lineForMood(listen, 80)['zh-CN']).toBe('颜色寄错了,怎么办?');
    expect(lineForMood(listen, 10)['zh-CN']).toBe('我要的是蓝色的,你们寄来红色的!');
    const fix = miniScenario().steps[1];
    if (!fix) throw new Error('no step');
    expect(lineForMood(fix, 90)['zh-CN']).toBe('那你打算怎么处理?');
  });
});

describe('currentStep', () => {
  it('should give the step while running and nothing at an ending', () => {
    const actor = start();
    expect(currentStep(actor.getSnapshot(), miniScenario())?.id).toBe('listen');
    actor.send({ type: 'REPLY', text: '你弄错了', at: 2_000 });
    actor.send({ type: 'REPLY', text: '你弄错了', at: 3_000 });
    expect(currentStep(actor.getSnapshot(), miniScenario())).toBeUndefined();
  });
});

describe('endingOf', () => {
  it('should give nothing while the conversation runs', () => {
    expect(endingOf(start().getSnapshot(), miniScenario())).toBeUndefined();
  });
});

describe('isFinished', () => {
  it('should be false while running and true at an ending', () => {
    const actor = start();
    expect(isFinished(actor.getSnapshot())).toBe(false);
    actor.send({ type: 'REPLY', text: '你别激动', at: 2_000 });
    expect(isFinished(actor.getSnapshot())).toBe(false);
    actor.send({ type: 'REPLY', text: '你别激动', at: 3_000 });
    expect(isFinished(actor.getSnapshot())).toBe(true);
  });
});

describe('currentCustomerLine', () => {
  it('should follow the mood at the same step', () => {
    const scenario = miniScenario();
    scenario.persona.mood = 70;
    expect(currentCustomerLine(start(scenario).getSnapshot(), scenario)['zh-CN']).toBe(
      '颜色寄错了,怎么办?',
    );
  });
});
