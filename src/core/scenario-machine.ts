/**
 * Compiles a scenario to an XState v5 machine: each step is a state, each ending a final state.
 * All code lives in one `setup()`; the scenario only supplies data (targets and guard params).
 *
 * A turn is two microsteps: the REPLY (or TIMEOUT) event records the reply — analysis, facts
 * used, mood, findings — and marks the turn `pending`; eventless (`always`) transitions then
 * route it, because guards of the event's own transition would run before its actions and see
 * the previous reply. Routing order: mood at 0 → escalated ending; MAX_TURNS reached → an
 * ending by mood; the scenario's `next` in order, where an ending must agree with the mood
 * (see `endingAllowed`); a stalled step (see `stallLimit`) → the customer moves on to the
 * step's forward step with this one recorded as missed (or, at the last step, an ending by
 * mood); otherwise the customer stays at the step and reacts with a line it did not just say.
 * The context is plain JSON, so `actor.getPersistedSnapshot()` can be stored and resumed.
 */
import { assign, setup, type SnapshotFrom } from 'xstate';
import { analysisContextOf } from './analysis-context';
import type { Analysis, Analyzer } from './analyzer';
import type { Localized } from './rule-schema';
import type { Ending, EndingKind, Guard, Mode, MoodBand, Scenario, Step } from './scenario-schema';
import { factsUsed, moodBand, scoreReply, scoreTimeout, type Finding } from './scoring';
import type { Tag } from './tags';

/** Mood change per tag of a reply, before the scenario's own moodEffects are merged over it. */
export const DEFAULT_MOOD_EFFECTS: Record<Tag, number> = {
  forbidden: -25,
  contrast: -8,
  apology: 10,
  empathy: 10,
  'open-question': 3,
  'closed-question': 0,
  'spin-situation': 0,
  'spin-problem': 0,
  'spin-implication': 0,
  'spin-need-payoff': 3,
  compensation: 15,
  'follow-up': 5,
  'ask-preference': 5,
  'value-add': 8,
};
/** Tags that offer something: a pitch in a SPIN call before the need is explicit puts the buyer off. */
export const OFFER_TAGS: readonly Tag[] = ['compensation', 'value-add'];
/** Mood change per offer tag of a premature pitch (000 · 不要过早提出对策). */
export const PREMATURE_OFFER_MOOD = -5;

/** A SPIN call's offer made before any need-payoff question: it pleases no buyer. */
export function prematureOffer(
  scenario: Scenario,
  transcript: readonly TranscriptEntry[],
  tags: readonly Tag[],
): boolean {
  if (scenario.procedure !== 'spin' || !tags.some((tag) => OFFER_TAGS.includes(tag))) return false;
  if (tags.includes('spin-need-payoff')) return false;
  return !transcript.some(
    (entry) => entry.role === 'trainee' && entry.analysis.tags.includes('spin-need-payoff'),
  );
}

/** Mood change when the trainee does not answer in time. */
export const TIMEOUT_MOOD_EFFECT = -10;
/** Safety net: after this many turns the conversation ends, by mood (RETAINED_BY_MOOD_FROM). */
export const MAX_TURNS = 12;
/** Turns at one step the customer waits for its intent after a reply that hurt or said nothing. */
export const STALL_TURNS = 2;
/** Turns at the last step the customer waits for its intent while the replies say something. */
export const FINAL_STEP_TURNS = 3;
/** A lost or escalated ending needs the customer below this mood (not calm)… */
export const NEGATIVE_ENDING_BELOW = 65;
/** …and when it comes only from turns running out, below this one (angry). */
export const STALL_ENDING_BELOW = 35;
/** A retained ending needs the customer at this mood or above (not angry). */
export const RETAINED_ENDING_FROM = 35;
/** Where no step is left to move on to, the customer stays (retained) from this mood on. */
export const RETAINED_BY_MOOD_FROM = 50;

/** What the customer says when a step's intent was not met, by the step's first required tag. */
const NUDGES: Partial<Record<Tag, Localized>> = {
  apology: { 'zh-CN': '你们就连一句像样的道歉都没有吗？', en: 'Not even a proper apology?' },
  empathy: {
    'zh-CN': '你根本不明白我现在有多着急。',
    en: "You don't get how worried I am right now.",
  },
  'open-question': {
    'zh-CN': '你连具体怎么回事都不问，就想打发我？',
    en: "You won't even ask what actually happened?",
  },
  'spin-situation': {
    'zh-CN': '你都不了解我们这边的情况，怎么给我推荐？',
    en: 'How can you recommend anything without knowing how we work?',
  },
  'spin-problem': {
    'zh-CN': '你到底想了解我们哪方面？我们平时麻烦事也不少。',
    en: 'What do you actually want to know? We have our share of headaches.',
  },
  'spin-implication': {
    'zh-CN': '这些问题我们也习惯了，好像也没多严重吧？',
    en: "We're used to these problems; they're not that serious, are they?",
  },
  'spin-need-payoff': {
    'zh-CN': '说了这么多，对我们到底有什么用？',
    en: 'After all that, what would it actually do for us?',
  },
  compensation: {
    'zh-CN': '那你们打算怎么弥补我？',
    en: 'So how are you going to make this up to me?',
  },
  'follow-up': {
    'zh-CN': '那后面谁来管？我怎么知道你们真的会办？',
    en: "And after this, who's on it? How do I know you'll actually do it?",
  },
  'ask-preference': {
    'zh-CN': '你们就自己定了？也不问问我的想法？',
    en: "You've decided on your own? You won't ask what I think?",
  },
  'value-add': { 'zh-CN': '嗯，还有别的吗？', en: 'Hm, anything else?' },
};
const FALLBACK_NUDGES: readonly Localized[] = [
  { 'zh-CN': '嗯……然后呢？', en: 'Hm… and then?' },
  {
    'zh-CN': '你刚才说的我没太听明白，到底打算怎么办？',
    en: "I didn't quite follow. What exactly will you do?",
  },
];

export interface ConversationInput {
  mode: Mode;
  /** Epoch ms when the customer's first line was shown. */
  startedAt: number;
}

/** FINISH: the trainee ends the call where it stands (a scripted transcript that ran out of replies). */
export type ConversationEvent =
  | { type: 'REPLY'; text: string; at: number }
  | { type: 'TIMEOUT'; at: number }
  | { type: 'FINISH'; at: number };

/** A line the customer said: a step's line for the mood band, or an ending's line. */
export interface CustomerEntry {
  role: 'customer';
  stepId: string;
  text: Localized;
  at: number;
  mood: number;
}

/** A trainee turn; a timeout is a turn with empty text. */
export interface TraineeEntry {
  role: 'trainee';
  turn: number;
  stepId: string;
  text: string;
  at: number;
  responseMs: number;
  timeout: boolean;
  analysis: Analysis;
  /** Ids of persona facts the reply used. */
  facts: string[];
  moodBefore: number;
  moodAfter: number;
}

export type TranscriptEntry = CustomerEntry | TraineeEntry;

export interface ConversationContext {
  mood: number;
  /** Trainee turns so far (timeouts included). */
  turn: number;
  /** Turns at the current step, counting the last one. */
  turnsInStep: number;
  lastTags: Tag[];
  lastFacts: string[];
  lastWasTimeout: boolean;
  /** A turn has been recorded and not yet routed (internal to one macrostep). */
  pending: boolean;
  findings: Finding[];
  transcript: TranscriptEntry[];
  /** When the customer's current line was shown (epoch ms). */
  promptedAt: number;
  /** Steps the customer moved on from without their intent being met (absent in old snapshots). */
  missedSteps?: string[];
  startedAt: number;
  mode: Mode;
}

/** What the helpers need of a snapshot: a live snapshot and a persisted one both fit. */
export interface ConversationState {
  value: unknown;
  status?: string;
  context: ConversationContext;
}

/** The customer's line for a mood band, or the nearest band that has one. */
export function lineForMood(step: Step, mood: number): Localized {
  const order: MoodBand[] = ['angry', 'upset', 'calm'];
  const wanted = order.indexOf(moodBand(mood));
  const byDistance = [...order].sort(
    (a, b) =>
      Math.abs(order.indexOf(a) - wanted) - Math.abs(order.indexOf(b) - wanted) ||
      order.indexOf(a) - order.indexOf(b),
  );
  for (const band of byDistance) {
    const line = step.customer[band];
    if (line) return line;
  }
  throw new Error(`step ${step.id} has no customer line`);
}

/**
 * The customer's reply when staying at a step: the line for the mood, another band's line, the
 * step's nudge for its expected intent or a general one — the first that is not the line just said.
 */
export function lineWhenStaying(step: Step, mood: number, lastLine: string): Localized {
  const required = step.expect.required[0]?.tag;
  const bands = (['angry', 'upset', 'calm'] as const).map((band) => step.customer[band]);
  const candidates = [
    lineForMood(step, mood),
    ...bands,
    required ? NUDGES[required] : undefined,
    ...FALLBACK_NUDGES,
  ];
  for (const line of candidates) if (line && line['zh-CN'] !== lastLine) return line;
  return lineForMood(step, mood);
}

/** A stall exit: a transition that fires only because turns ran out (no tag, fact or mood). */
export function isStallExit(guard: Guard | undefined): boolean {
  if (!guard || guard.turnsAtLeast === undefined) return false;
  return Object.entries(guard).every(
    ([key, value]) => key === 'turnsAtLeast' || key === 'timeout' || value === undefined,
  );
}

/**
 * Turns at the current step before the customer moves on without its intent: one after a reply
 * that said something, STALL_TURNS after a timeout, a reply that hurt (mood fell) or one that
 * said nothing the analyzer could tag — then the customer nudges once before going on. At the
 * last step (`final`) moving on means hanging up, and the replies still to come would never be
 * heard: there a customer given a reply that said something waits FINAL_STEP_TURNS for the
 * intent (the follow-up after the remedy and the opinion asked, say) before the call ends.
 */
export function stallLimit(context: ConversationContext, final = false): number {
  const last = context.transcript.findLast((entry) => entry.role === 'trainee');
  const hurt = last === undefined || last.timeout || last.moodAfter < last.moodBefore;
  if (hurt || context.lastTags.length === 0) return STALL_TURNS;
  return final ? FINAL_STEP_TURNS : 1;
}

/** The step the conversation goes on to when this one is done or given up: its first step target. */
export function forwardStep(scenario: Scenario, step: Step): string | undefined {
  const stepIds = new Set(scenario.steps.map((s) => s.id));
  return step.next.find((transition) => stepIds.has(transition.goto) && transition.goto !== step.id)
    ?.goto;
}

/** Whether an authored transition to an ending agrees with the customer's mood. */
export function endingAllowed(kind: EndingKind, mood: number, stallOnly: boolean): boolean {
  if (kind === 'retained') return mood >= RETAINED_ENDING_FROM;
  return mood < (stallOnly ? STALL_ENDING_BELOW : NEGATIVE_ENDING_BELOW);
}

/**
 * A customer walks out or escalates only after a second offence: some earlier reply of the
 * conversation already hurt (mood fell, or no reply in time). The first time, they push back.
 */
export function offendedBefore(context: ConversationContext): boolean {
  const turns = context.transcript.filter((entry) => entry.role === 'trainee');
  return turns
    .slice(0, -1)
    .some((turn) => turn.role === 'trainee' && (turn.timeout || turn.moodAfter < turn.moodBefore));
}

/** True when every condition of a `next[].when` guard holds for the last turn. */
export function guardHolds(guard: Guard, context: ConversationContext): boolean {
  const tags = context.lastTags;
  if (guard.all && !guard.all.every((tag) => tags.includes(tag))) return false;
  if (guard.any && !guard.any.some((tag) => tags.includes(tag))) return false;
  if (guard.none && guard.none.some((tag) => tags.includes(tag))) return false;
  if (guard.facts && !guard.facts.every((fact) => context.lastFacts.includes(fact))) return false;
  if (guard.moodAtLeast !== undefined && context.mood < guard.moodAtLeast) return false;
  if (guard.moodBelow !== undefined && context.mood >= guard.moodBelow) return false;
  if (guard.turnsAtLeast !== undefined && context.turnsInStep < guard.turnsAtLeast) return false;
  if (guard.timeout !== undefined && context.lastWasTimeout !== guard.timeout) return false;
  return true;
}

/** The first ending of a kind, falling back to lost, then to the first ending. */
export function endingOfKind(scenario: Scenario, kind: EndingKind): Ending {
  const ending =
    scenario.endings.find((e) => e.kind === kind) ??
    scenario.endings.find((e) => e.kind === 'lost') ??
    scenario.endings[0];
  if (!ending) throw new Error(`scenario ${scenario.id} has no endings`);
  return ending;
}

function clampMood(mood: number): number {
  return Math.min(100, Math.max(0, mood));
}

/** Compiles a scenario into its conversation machine; the analyzer tags each reply. */
export function createScenarioMachine(scenario: Scenario, analyzer: Analyzer) {
  const effects: Record<Tag, number> = { ...DEFAULT_MOOD_EFFECTS, ...scenario.moodEffects };
  const situation = analysisContextOf(scenario);
  const steps = new Map(scenario.steps.map((step) => [step.id, step]));
  const endings = new Map(scenario.endings.map((ending) => [ending.id, ending]));
  const stepOf = (id: string): Step => {
    const step = steps.get(id);
    if (!step) throw new Error(`unknown step ${id}`);
    return step;
  };

  const logic = setup({
    types: {
      context: {} as ConversationContext,
      events: {} as ConversationEvent,
      input: {} as ConversationInput,
    },
    actions: {
      recordTurn: assign(({ context, event }, params: { stepId: string }) => {
        const step = stepOf(params.stepId);
        const turn = context.turn + 1;
        const responseMs = Math.max(0, event.at - context.promptedAt);
        const place = { scenario, step, analyzer, turn, mode: context.mode, responseMs };
        let entry: TraineeEntry;
        let findings: Finding[];
        if (event.type === 'REPLY') {
          const analysis = analyzer.analyze(event.text, situation);
          const facts = factsUsed(scenario, analyzer, event.text);
          const early = prematureOffer(scenario, context.transcript, analysis.tags);
          const delta = analysis.tags.reduce(
            (sum, tag) =>
              sum + (early && OFFER_TAGS.includes(tag) ? PREMATURE_OFFER_MOOD : effects[tag]),
            0,
          );
          findings = scoreReply({ ...place, text: event.text, analysis, facts });
          entry = {
            role: 'trainee',
            turn,
            stepId: step.id,
            text: event.text,
            at: event.at,
            responseMs,
            timeout: false,
            analysis,
            facts: facts.map((use) => use.factId),
            moodBefore: context.mood,
            moodAfter: clampMood(context.mood + delta),
          };
        } else {
          findings = scoreTimeout(place);
          entry = {
            role: 'trainee',
            turn,
            stepId: step.id,
            text: '',
            at: event.at,
            responseMs,
            timeout: true,
            analysis: { tags: [], spans: [] },
            facts: [],
            moodBefore: context.mood,
            moodAfter: clampMood(context.mood + TIMEOUT_MOOD_EFFECT),
          };
        }
        return {
          mood: entry.moodAfter,
          turn,
          turnsInStep: context.turnsInStep + 1,
          lastTags: entry.analysis.tags,
          lastFacts: entry.facts,
          lastWasTimeout: entry.timeout,
          pending: true,
          findings: [...context.findings, ...findings],
          transcript: [...context.transcript, entry],
          promptedAt: event.at,
        };
      }),
      showNextLine: assign(
        ({ context }, params: { from: string; to: string; missed?: boolean }) => {
          const ending = endings.get(params.to);
          const lastLine =
            context.transcript.findLast((entry) => entry.role === 'customer')?.text['zh-CN'] ?? '';
          const text = ending
            ? ending.customer
            : params.from === params.to
              ? lineWhenStaying(stepOf(params.to), context.mood, lastLine)
              : lineForMood(stepOf(params.to), context.mood);
          const entry: CustomerEntry = {
            role: 'customer',
            stepId: params.to,
            text,
            at: context.promptedAt,
            mood: context.mood,
          };
          return {
            pending: false,
            turnsInStep: params.from === params.to ? context.turnsInStep : 0,
            transcript: [...context.transcript, entry],
            ...(params.missed
              ? { missedSteps: [...(context.missedSteps ?? []), params.from] }
              : {}),
          };
        },
      ),
      // The call ends where it stands: the ending by mood, this step and those after it missed.
      finishEarly: assign(({ context }, params: { from: string; to: string }) => {
        const ending = endings.get(params.to);
        const missed = [params.from];
        for (let next = forwardStep(scenario, stepOf(params.from)); next;) {
          if (missed.includes(next)) break;
          missed.push(next);
          next = forwardStep(scenario, stepOf(next));
        }
        const entry: CustomerEntry = {
          role: 'customer',
          stepId: params.to,
          text: ending ? ending.customer : lineForMood(stepOf(params.from), context.mood),
          at: context.promptedAt,
          mood: context.mood,
        };
        return {
          transcript: [...context.transcript, entry],
          missedSteps: [...(context.missedSteps ?? []), ...missed],
        };
      }),
    },
    guards: {
      moodExhausted: ({ context }) =>
        context.pending && context.mood <= 0 && offendedBefore(context),
      // Turns ran out (MAX_TURNS in all, or at this step when `atStep`); `retained`: and the mood allows it.
      endsByMood: ({ context }, params: { atStep: boolean; retained: boolean }) =>
        context.pending &&
        (context.turn >= MAX_TURNS ||
          (params.atStep && context.turnsInStep >= stallLimit(context, true))) &&
        (!params.retained || context.mood >= RETAINED_BY_MOOD_FROM),
      moodAtLeast: ({ context }, params: { mood: number }) => context.mood >= params.mood,
      stalled: ({ context }) => context.pending && context.turnsInStep >= stallLimit(context),
      awaitingRoute: ({ context }) => context.pending,
      transitionWhen: ({ context }, params: Guard) =>
        context.pending && guardHolds(params, context),
      endingWhen: ({ context }, params: { when: Guard; kind: EndingKind; stallOnly: boolean }) =>
        context.pending &&
        guardHolds(params.when, context) &&
        endingAllowed(params.kind, context.mood, params.stallOnly) &&
        (params.kind === 'retained' || offendedBefore(context)),
    },
  });

  type Config = Parameters<typeof logic.createMachine>[0];
  type StateConfig = NonNullable<Config['states']>[string];
  const escalated = endingOfKind(scenario, 'escalated').id;
  const lost = endingOfKind(scenario, 'lost').id;

  const retained = endingOfKind(scenario, 'retained').id;

  const route = (from: string, to: string, missed = false) => ({
    actions: { type: 'showNextLine' as const, params: { from, to, missed } },
    ...(from === to ? {} : { target: to }),
  });
  // Ending by mood (retained from RETAINED_BY_MOOD_FROM, else lost) once turns run out.
  const byMood = (from: string, atStep: boolean) => [
    {
      guard: { type: 'endsByMood' as const, params: { atStep, retained: true } },
      ...route(from, retained),
    },
    {
      guard: { type: 'endsByMood' as const, params: { atStep, retained: false } },
      ...route(from, lost),
    },
  ];

  const states: Record<string, StateConfig> = {};
  for (const step of scenario.steps) {
    const record = { type: 'recordTurn' as const, params: { stepId: step.id } };
    const forward = forwardStep(scenario, step);
    const state: StateConfig = {
      on: {
        REPLY: { actions: record },
        TIMEOUT: { actions: record },
        FINISH: [
          {
            guard: { type: 'moodAtLeast' as const, params: { mood: RETAINED_BY_MOOD_FROM } },
            target: retained,
            actions: { type: 'finishEarly' as const, params: { from: step.id, to: retained } },
          },
          {
            target: lost,
            actions: { type: 'finishEarly' as const, params: { from: step.id, to: lost } },
          },
        ],
      },
      always: [
        { guard: 'moodExhausted' as const, ...route(step.id, escalated) },
        ...byMood(step.id, false),
        ...step.next.map((transition) => {
          const ending = endings.get(transition.goto);
          const when = transition.when ?? {};
          return ending
            ? {
                guard: {
                  type: 'endingWhen' as const,
                  params: { when, kind: ending.kind, stallOnly: isStallExit(transition.when) },
                },
                ...route(step.id, transition.goto),
              }
            : {
                guard: { type: 'transitionWhen' as const, params: when },
                ...route(step.id, transition.goto),
              };
        }),
        ...(forward
          ? [{ guard: 'stalled' as const, ...route(step.id, forward, true) }]
          : byMood(step.id, true)),
        { guard: 'awaitingRoute' as const, ...route(step.id, step.id) },
      ],
    };
    states[step.id] = state;
  }
  for (const ending of scenario.endings) states[ending.id] = { type: 'final' };

  return logic.createMachine({
    id: scenario.id,
    initial: scenario.start,
    context: ({ input }) => {
      const mood = clampMood(scenario.persona.mood);
      const first: CustomerEntry = {
        role: 'customer',
        stepId: scenario.start,
        text: lineForMood(stepOf(scenario.start), mood),
        at: input.startedAt,
        mood,
      };
      return {
        mood,
        turn: 0,
        turnsInStep: 0,
        lastTags: [],
        lastFacts: [],
        lastWasTimeout: false,
        pending: false,
        findings: [],
        transcript: [first],
        promptedAt: input.startedAt,
        startedAt: input.startedAt,
        mode: input.mode,
        missedSteps: [],
      };
    },
    states,
  });
}

export type ScenarioMachine = ReturnType<typeof createScenarioMachine>;
export type ConversationSnapshot = SnapshotFrom<ScenarioMachine>;

function stateId(state: ConversationState): string {
  return typeof state.value === 'string' ? state.value : '';
}

/** The step the conversation is at, or undefined once it reached an ending. */
export function currentStep(state: ConversationState, scenario: Scenario): Step | undefined {
  return scenario.steps.find((step) => step.id === stateId(state));
}

/** The ending reached, or undefined while the conversation runs. */
export function endingOf(state: ConversationState, scenario: Scenario): Ending | undefined {
  return scenario.endings.find((ending) => ending.id === stateId(state));
}

/** True once the conversation reached an ending (a final state). */
export function isFinished(state: ConversationState): boolean {
  return state.status === 'done';
}

/** What the customer says now: the last customer line of the transcript. */
export function currentCustomerLine(state: ConversationState, scenario: Scenario): Localized {
  const last = state.context.transcript.findLast((entry) => entry.role === 'customer');
  if (last) return last.text;
  const ending = endingOf(state, scenario);
  if (ending) return ending.customer;
  const step = currentStep(state, scenario);
  if (!step) throw new Error(`not a state of ${scenario.id}: ${String(state.value)}`);
  return lineForMood(step, state.context.mood);
}
