/**
 * Compiles a scenario to an XState v5 machine: each step is a state, each ending a final state.
 * All code lives in one `setup()`; the scenario only supplies data (targets and guard params).
 *
 * A turn is two microsteps: the REPLY (or TIMEOUT) event records the reply — analysis, facts
 * used, mood, findings — and marks the turn `pending`; eventless (`always`) transitions then
 * route it, because guards of the event's own transition would run before its actions and see
 * the previous reply. Routing order: mood at 0 → escalated ending; the scenario's `next` in
 * order; MAX_TURNS reached → lost ending; otherwise the customer stays at the step.
 * The context is plain JSON, so `actor.getPersistedSnapshot()` can be stored and resumed.
 */
import { assign, setup, type SnapshotFrom } from 'xstate';
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
/** Mood change when the trainee does not answer in time. */
export const TIMEOUT_MOOD_EFFECT = -10;
/** Safety net: after this many turns without an ending the customer gives up (lost ending). */
export const MAX_TURNS = 12;

export interface ConversationInput {
  mode: Mode;
  /** Epoch ms when the customer's first line was shown. */
  startedAt: number;
}

export type ConversationEvent =
  { type: 'REPLY'; text: string; at: number } | { type: 'TIMEOUT'; at: number };

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
          const analysis = analyzer.analyze(event.text);
          const facts = factsUsed(scenario, analyzer, event.text);
          const delta = analysis.tags.reduce((sum, tag) => sum + effects[tag], 0);
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
      showNextLine: assign(({ context }, params: { from: string; to: string }) => {
        const ending = endings.get(params.to);
        const text = ending ? ending.customer : lineForMood(stepOf(params.to), context.mood);
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
        };
      }),
    },
    guards: {
      moodExhausted: ({ context }) => context.pending && context.mood <= 0,
      turnLimitReached: ({ context }) => context.pending && context.turn >= MAX_TURNS,
      awaitingRoute: ({ context }) => context.pending,
      transitionWhen: ({ context }, params: Guard) =>
        context.pending && guardHolds(params, context),
    },
  });

  type Config = Parameters<typeof logic.createMachine>[0];
  type StateConfig = NonNullable<Config['states']>[string];
  const escalated = endingOfKind(scenario, 'escalated').id;
  const lost = endingOfKind(scenario, 'lost').id;

  const route = (from: string, to: string) => ({
    actions: { type: 'showNextLine' as const, params: { from, to } },
    ...(from === to ? {} : { target: to }),
  });

  const states: Record<string, StateConfig> = {};
  for (const step of scenario.steps) {
    const record = { type: 'recordTurn' as const, params: { stepId: step.id } };
    const state: StateConfig = {
      on: { REPLY: { actions: record }, TIMEOUT: { actions: record } },
      always: [
        { guard: 'moodExhausted' as const, ...route(step.id, escalated) },
        ...step.next.map((transition) => ({
          guard: { type: 'transitionWhen' as const, params: transition.when ?? {} },
          ...route(step.id, transition.goto),
        })),
        { guard: 'turnLimitReached' as const, ...route(step.id, lost) },
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

/** What the customer says now: the step's line for the current mood, or the ending's line. */
export function currentCustomerLine(state: ConversationState, scenario: Scenario): Localized {
  const ending = endingOf(state, scenario);
  if (ending) return ending.customer;
  const step = currentStep(state, scenario);
  if (!step) throw new Error(`not a state of ${scenario.id}: ${String(state.value)}`);
  return lineForMood(step, state.context.mood);
}
