/**
 * Per-turn scoring. Every point of a score is a Finding: the rule (if any), the step, the exact
 * words of the reply, the points and the source document. The machine (scenario-machine.ts)
 * records these findings turn by turn; report.ts adds the whole-conversation procedure findings
 * and turns the sum into a 0–100 score with `scaleScore`.
 */
import type { Analysis, Analyzer, Span } from './analyzer';
import type { Localized, Rule, Source } from './rule-schema';
import { parseModelRuleId } from './tag-model';
import {
  tagsMeeting,
  type Expectation,
  type Mode,
  type MoodBand,
  type Scenario,
  type Step,
} from './scenario-schema';
import { TAG_INFO, type Dimension, type Tag } from './tags';

export const FINDING_KINDS = [
  'hit',
  'missing',
  'avoided',
  'fact',
  'slow',
  'procedure',
  'blocker',
] as const;
export type FindingKind = (typeof FINDING_KINDS)[number];

/** One reason for points (or for their absence). `words` is always reply.slice(start, end). */
export interface Finding {
  ruleId?: string;
  tag?: Tag;
  kind: FindingKind;
  words: string;
  start: number;
  end: number;
  stepId: string;
  turn: number;
  points: number;
  dimension: Dimension;
  message: Localized;
  better: Localized;
  source: Source;
}

/** A persona fact the reply used, with where its keyword sits in the reply. */
export interface FactUse {
  factId: string;
  keyword: string;
  start: number;
  end: number;
}

/** Points for using a persona fact a step asks for (useFacts). */
export const FACT_POINTS = 5;
/** Points lost for a reply slower than the bar, and for no reply at all (timeout). */
export const SLOW_REPLY_POINTS = -5;
export const TIMEOUT_POINTS = -10;
/**
 * The reply-time limit when the scenario sets no replyTimeLimitSec: 60 s (反应迅速). The one rule
 * for the exam countdown, the slow mark, its message and `npm run play`.
 */
export const DEFAULT_REPLY_LIMIT_MS = 60_000;

/** Tags that cost points in every step, even where the step does not list them under avoid. */
const ALWAYS_AVOIDED: readonly Tag[] = ['forbidden', 'contrast'];

export const RESPONSE_SOURCE: Source = {
  doc: '000_f0073613afcad88c.txt',
  section: '四. 如何提升我们的服务 · 优质服务的5大要素 · 反应迅速',
};
export const PERSONALISED_SOURCE: Source = {
  doc: '001_bb853a58b24a26b1.txt',
  section: '经典回眸 · 个性化服务',
};
const FALLBACK_SOURCE: Source = { doc: '003_22128e453d54b396.txt', section: '处理投诉的程序' };

/** Mood band of a mood value: angry < 35 ≤ upset < 65 ≤ calm (30 → angry, 70 → calm). */
export function moodBand(mood: number): MoodBand {
  if (mood < 35) return 'angry';
  if (mood < 65) return 'upset';
  return 'calm';
}

/** The response-time bar of a scenario in ms: replyTimeLimitSec, or 60 s (反应迅速). */
export function replyLimitMs(scenario: Scenario): number {
  return scenario.replyTimeLimitSec === undefined
    ? DEFAULT_REPLY_LIMIT_MS
    : scenario.replyTimeLimitSec * 1000;
}

/** Each tag's first catalogue rule, per analyzer (its rules never change). */
const firstRules = new WeakMap<Analyzer, Map<Tag, Rule>>();

/** The first catalogue rule with the tag, if any. */
function firstRuleOf(analyzer: Analyzer, tag: Tag): Rule | undefined {
  let byTag = firstRules.get(analyzer);
  if (!byTag) {
    byTag = new Map();
    for (const rule of analyzer.rules) if (!byTag.has(rule.tag)) byTag.set(rule.tag, rule);
    firstRules.set(analyzer, byTag);
  }
  return byTag.get(tag);
}

/** The dimension a tag's points count for: that of the first catalogue rule with the tag. */
export function tagDimension(analyzer: Analyzer, tag: Tag): Dimension {
  return firstRuleOf(analyzer, tag)?.dimension ?? TAG_INFO[tag].dimension;
}

/** Most points one reply can earn at a step: required + encouraged weights + useFacts. */
export function turnMaximum(step: Step): number {
  const { required, encouraged, useFacts } = step.expect;
  return (
    required.reduce((sum, e) => sum + e.weight, 0) +
    encouraged.reduce((sum, e) => sum + e.weight, 0) +
    useFacts.length * FACT_POINTS
  );
}

/** Persona facts a reply mentions: "让您请了假还白等" uses a fact whose keywords include 白等. */
export function factsUsed(scenario: Scenario, analyzer: Analyzer, text: string): FactUse[] {
  const uses: FactUse[] = [];
  for (const fact of scenario.persona.facts) {
    for (const keyword of fact.keywords) {
      const found = analyzer.findPhrase(text, keyword);
      if (found) {
        uses.push({ factId: fact.id, keyword, start: found.start, end: found.end });
        break;
      }
    }
  }
  return uses;
}

interface TurnPlace {
  scenario: Scenario;
  step: Step;
  analyzer: Analyzer;
  turn: number;
  mode: Mode;
  /** Time from the customer's line to this reply (or to the timeout). */
  responseMs: number;
}

export interface ReplyToScore extends TurnPlace {
  text: string;
  analysis: Analysis;
  facts: readonly FactUse[];
}

function spanFinding(
  place: TurnPlace,
  text: string,
  span: Span,
  kind: FindingKind,
  points: number,
): Finding {
  const rule = place.analyzer.ruleById(span.ruleId);
  return {
    ruleId: span.ruleId,
    tag: span.tag,
    kind,
    words: text.slice(span.start, span.end),
    start: span.start,
    end: span.end,
    stepId: place.step.id,
    turn: place.turn,
    points,
    dimension: rule?.dimension ?? TAG_INFO[span.tag].dimension,
    message: rule?.message ?? TAG_INFO[span.tag].label,
    better: rule?.better ?? TAG_INFO[span.tag].label,
    source: rule?.source ?? FALLBACK_SOURCE,
  };
}

function missingFinding(place: TurnPlace, tag: Tag): Finding {
  const rule = firstRuleOf(place.analyzer, tag);
  const label = TAG_INFO[tag].label;
  return {
    ...(rule ? { ruleId: rule.id } : {}),
    tag,
    kind: 'missing',
    words: '',
    start: 0,
    end: 0,
    stepId: place.step.id,
    turn: place.turn,
    points: 0,
    dimension: rule?.dimension ?? TAG_INFO[tag].dimension,
    message: {
      'zh-CN': `这一步需要${label['zh-CN']},回复里没有。`,
      en: `This step needs ${label.en}; the reply has none.`,
    },
    better: rule?.better ?? label,
    source: rule?.source ?? FALLBACK_SOURCE,
  };
}

function factFinding(place: TurnPlace, text: string, use: FactUse, fact: Localized): Finding {
  return {
    kind: 'fact',
    words: text.slice(use.start, use.end),
    start: use.start,
    end: use.end,
    stepId: place.step.id,
    turn: place.turn,
    points: FACT_POINTS,
    dimension: '移情性',
    message: {
      'zh-CN': `用上了顾客的情况:${fact['zh-CN']}`,
      en: `Used what you know about the customer: ${fact.en}`,
    },
    better: fact,
    source: PERSONALISED_SOURCE,
  };
}

function slowFinding(place: TurnPlace, timeout: boolean): Finding {
  const seconds = Math.round(place.responseMs / 1000);
  const limit = Math.round(replyLimitMs(place.scenario) / 1000);
  return {
    kind: 'slow',
    words: '',
    start: 0,
    end: 0,
    stepId: place.step.id,
    turn: place.turn,
    points: timeout ? TIMEOUT_POINTS : SLOW_REPLY_POINTS,
    dimension: '反应性',
    message: timeout
      ? {
          'zh-CN': `${limit} 秒内没有回复,顾客在等。`,
          en: `No reply within ${limit} s; the customer was left waiting.`,
        }
      : {
          'zh-CN': `用了 ${seconds} 秒才回复,超过了 ${limit} 秒。`,
          en: `The reply took ${seconds} s, over the ${limit} s bar.`,
        },
    better: {
      'zh-CN': '先回应顾客(道歉、表示在听),再慢慢查情况——反应迅速是优质服务的要素之一。',
      en: 'Answer the customer first (apologise, show you are listening), then look things up — a quick response is one of the five elements of quality service.',
    },
    source: RESPONSE_SOURCE,
  };
}

function blockerFindings(place: TurnPlace, text: string, spans: readonly Span[]): Finding[] {
  const active = place.scenario.blockers.filter((blocker) => blocker.modes.includes(place.mode));
  const findings: Finding[] = [];
  for (const span of spans) {
    // A blocker fails the attempt outright: only a written rule may do that, never the model.
    if (parseModelRuleId(span.ruleId)) continue;
    const blocked = active.some(
      (blocker) =>
        (blocker.rule === undefined || blocker.rule === span.ruleId) &&
        (blocker.tag === undefined || blocker.tag === span.tag) &&
        (blocker.rule !== undefined || blocker.tag !== undefined),
    );
    if (blocked) findings.push(spanFinding(place, text, span, 'blocker', 0));
  }
  return findings;
}

/**
 * Findings of one reply at a step. Fires: "非常抱歉,让您白等了" at a step requiring apology
 * (+weight, 'hit'); "你别激动" costs −weight ('avoided'). Must not fire a hit for "好的,知道了".
 */
export function scoreReply(reply: ReplyToScore): Finding[] {
  const { step, text, analysis } = reply;
  const findings: Finding[] = [];
  const firstSpan = (expectation: Expectation): Span | undefined => {
    const meeting = tagsMeeting(expectation);
    return analysis.spans.find((s) => meeting.includes(s.tag));
  };

  for (const expectation of step.expect.required) {
    const span = firstSpan(expectation);
    findings.push(
      span
        ? spanFinding(reply, text, span, 'hit', expectation.weight)
        : missingFinding(reply, expectation.tag),
    );
  }
  for (const expectation of step.expect.encouraged) {
    const span = firstSpan(expectation);
    if (span) findings.push(spanFinding(reply, text, span, 'hit', expectation.weight));
  }
  for (const span of analysis.spans) {
    const avoid = step.expect.avoid.find((e) => e.tag === span.tag);
    if (avoid) {
      findings.push(spanFinding(reply, text, span, 'avoided', -avoid.weight));
    } else if (ALWAYS_AVOIDED.includes(span.tag)) {
      const weight = reply.analyzer.ruleById(span.ruleId)?.weight ?? 10;
      findings.push(spanFinding(reply, text, span, 'avoided', -weight));
    }
  }
  for (const factId of step.expect.useFacts) {
    const use = reply.facts.find((f) => f.factId === factId);
    const fact = reply.scenario.persona.facts.find((f) => f.id === factId);
    if (use && fact) findings.push(factFinding(reply, text, use, fact.text));
  }
  if (reply.responseMs > replyLimitMs(reply.scenario)) findings.push(slowFinding(reply, false));
  findings.push(...blockerFindings(reply, text, analysis.spans));
  return findings;
}

/** Findings of a turn with no reply within the limit: a 'slow' finding and the missing tags. */
export function scoreTimeout(place: TurnPlace): Finding[] {
  return [
    slowFinding(place, true),
    ...place.step.expect.required.map((expectation) => missingFinding(place, expectation.tag)),
  ];
}

/** Most points one turn's penalties can take: one bad sentence costs points, not the call. */
export const TURN_PENALTY_CAP = 30;

/** What scoreConversation needs of a trainee turn (a TraineeEntry fits). */
export interface ScoredTurn {
  turn: number;
  stepId: string;
  text: string;
  timeout: boolean;
  responseMs: number;
  analysis: Analysis;
}

/** A step of the conversation being scored: the turns that may meet its intents, and what met them. */
interface StepSlot {
  step: Step;
  /** The turns at the step. */
  own: ScoredTurn[];
  /** The turn just before and just after them; the last turn for a step not reached. */
  near: ScoredTurn[];
  /** Where a missing intent is reported. */
  anchor: ScoredTurn;
  expectations: (Expectation & { required: boolean; by?: ScoredTurn; span?: Span })[];
}

/**
 * Meets each step's intents with the analyzer's spans, each phrase at most once: "对不起" said
 * once is one apology, not the apology of two steps, and one delivery offer is not also the
 * payment arrangement the next step asks for. Required intents before encouraged ones; a step's
 * own turns before its neighbours (a reply one turn early or late still did it, when the phrase
 * was not what its own step asked for).
 */
function creditExpectations(slots: readonly StepSlot[]): void {
  const claimed: { turn: number; tag: Tag; start: number; end: number }[] = [];
  const free = (turn: ScoredTurn, span: Span): boolean =>
    !claimed.some(
      (c) => c.turn === turn.turn && c.tag === span.tag && c.start < span.end && span.start < c.end,
    );
  for (const required of [true, false]) {
    for (const where of ['own', 'near'] as const) {
      for (const slot of slots) {
        for (const expectation of slot.expectations) {
          if (expectation.required !== required || expectation.span) continue;
          const meeting = tagsMeeting(expectation);
          for (const by of slot[where]) {
            const span = by.analysis.spans.find((s) => meeting.includes(s.tag) && free(by, s));
            if (!span) continue;
            expectation.by = by;
            expectation.span = span;
            claimed.push({ turn: by.turn, tag: span.tag, start: span.start, end: span.end });
            break;
          }
        }
      }
    }
  }
}

/**
 * Findings of a whole conversation, and the most it could have earned. Each step visited counts
 * once: its required and encouraged intents are met by a turn at the step or, failing that, by
 * the turn just before or after it (a reply one turn early or late still did it), and a phrase
 * meets one intent only (see creditExpectations); its persona facts likewise by the step's turns
 * or their neighbours. Penalties count once per tag per turn (the heaviest rule), at most
 * TURN_PENALTY_CAP a turn. Slow replies and blockers as in scoreReply.
 */
export function scoreConversation(
  scenario: Scenario,
  analyzer: Analyzer,
  turns: readonly ScoredTurn[],
  mode: Mode,
  /** Steps the call ended before reaching (FINISH): their intents count as due, met only by the last turn. */
  notReached: readonly string[] = [],
): { findings: Finding[]; maximum: number; steps: string[] } {
  const findings: Finding[] = [];
  let maximum = 0;
  const stepById = new Map(scenario.steps.map((step) => [step.id, step]));
  const place = (turn: ScoredTurn, step: Step): TurnPlace => ({
    scenario,
    step,
    analyzer,
    turn: turn.turn,
    mode,
    responseMs: turn.responseMs,
  });
  const visited = [...new Set(turns.map((turn) => turn.stepId))];
  const lastTurn = turns[turns.length - 1];
  const unvisited = lastTurn ? notReached.filter((id) => !visited.includes(id)) : [];
  const slots: StepSlot[] = [];
  for (const stepId of [...visited, ...unvisited]) {
    const step = stepById.get(stepId);
    if (!step || !lastTurn) continue;
    const own = turns.filter((turn) => turn.stepId === stepId);
    const first = turns.indexOf(own[0] as ScoredTurn);
    const last = turns.indexOf(own[own.length - 1] as ScoredTurn);
    slots.push({
      step,
      own,
      near:
        own.length === 0
          ? [lastTurn]
          : [turns[first - 1], turns[last + 1]].filter(
              (turn): turn is ScoredTurn => turn !== undefined,
            ),
      anchor: own[own.length - 1] ?? lastTurn,
      expectations: [
        ...step.expect.required.map((e) => ({ ...e, required: true })),
        ...step.expect.encouraged.map((e) => ({ ...e, required: false })),
      ],
    });
  }
  creditExpectations(slots);
  for (const { step, own, near, anchor, expectations } of slots) {
    for (const expectation of expectations) {
      if (expectation.required) maximum += expectation.weight;
      if (expectation.by && expectation.span) {
        const { by, span } = expectation;
        findings.push(spanFinding(place(by, step), by.text, span, 'hit', expectation.weight));
      } else if (expectation.required) {
        findings.push(missingFinding(place(anchor, step), expectation.tag));
      }
    }
    for (const factId of step.expect.useFacts) {
      maximum += FACT_POINTS;
      const fact = scenario.persona.facts.find((f) => f.id === factId);
      if (!fact) continue;
      for (const turn of [...own, ...near]) {
        const use = factsUsed(scenario, analyzer, turn.text).find((f) => f.factId === factId);
        if (!use) continue;
        findings.push(factFinding(place(turn, step), turn.text, use, fact.text));
        break;
      }
    }
  }
  for (const turn of turns) {
    const step = stepById.get(turn.stepId);
    if (!step) continue;
    const at = place(turn, step);
    let penalty = 0;
    for (const tag of new Set(turn.analysis.spans.map((span) => span.tag))) {
      const spans = turn.analysis.spans.filter((span) => span.tag === tag);
      const avoid = step.expect.avoid.find((e) => e.tag === tag);
      const weightOf = (span: Span): number =>
        avoid ? avoid.weight : (analyzer.ruleById(span.ruleId)?.weight ?? 10);
      if (!avoid && !ALWAYS_AVOIDED.includes(tag)) continue;
      const heaviest = spans.reduce((a, b) => (weightOf(b) > weightOf(a) ? b : a));
      const points = Math.min(weightOf(heaviest), TURN_PENALTY_CAP - penalty);
      if (points <= 0) continue;
      penalty += points;
      findings.push(spanFinding(at, turn.text, heaviest, 'avoided', -points));
    }
    if (turn.timeout || turn.responseMs > replyLimitMs(scenario))
      findings.push(slowFinding(at, turn.timeout));
    findings.push(...blockerFindings(at, turn.text, turn.analysis.spans));
  }
  return { findings, maximum, steps: lastTurn ? [...visited, ...unvisited] : [] };
}

/** Sum of finding points; the only way points enter a score. */
export function sumPoints(findings: readonly Finding[]): number {
  return findings.reduce((sum, finding) => sum + finding.points, 0);
}

/**
 * score = clamp(round(100 × Σ finding.points / maximum), 0, 100), where maximum is what a reply
 * could have earned on each turn actually taken (turnMaximum of its step) plus the procedure
 * items that applied. No maximum (nothing to earn): 100 unless points were lost.
 */
export function scaleScore(points: number, maximum: number): number {
  if (maximum <= 0) return points < 0 ? 0 : 100;
  return Math.min(100, Math.max(0, Math.round((100 * points) / maximum)));
}
