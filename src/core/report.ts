/**
 * The report model of one attempt, built from the conversation's state: score, dimensions,
 * procedure adherence, response times, the ending, every finding, and for each turn the
 * authored choice that would have scored best (for "retry this turn" and "model reply").
 */
import { analysisContextOf } from './analysis-context';
import type { Analyzer } from './analyzer';
import { perScenario } from './per-scenario';
import type { ProcedureStep } from './procedure-schema';
import type { Localized, Source } from './rule-schema';
import {
  tagsMeeting,
  type EndingKind,
  type Mode,
  type Procedure,
  type Scenario,
  type Step,
} from './scenario-schema';
import {
  endingOf,
  OFFER_TAGS,
  type ConversationState,
  type TraineeEntry,
  type TranscriptEntry,
} from './scenario-machine';
import {
  FACT_POINTS,
  factsUsed,
  moodBand,
  replyLimitMs,
  scaleScore,
  scoreConversation,
  scoreReply,
  sumPoints,
  tagDimension,
  turnMaximum,
  type Finding,
} from './scoring';
import { DIMENSIONS, TAG_INFO, type Dimension, type Tag } from './tags';

/** Points for each procedure item done in order, and lost for a SPIN offer made too early. */
export const PROCEDURE_ITEM_POINTS = 3;
export const PREMATURE_OFFER_POINTS = -10;
/** A dimension nothing could earn in but where points were lost: 100 less 100 per this many points. */
const NOMINAL_DIMENSION_BASE = 20;

export interface ProcedureItem {
  id: string;
  label: Localized;
  done: boolean;
  inOrder: boolean;
  /** The situation never called for it (e.g. the customer was already satisfied). */
  notNeeded?: boolean;
  turn?: number;
  source: Source;
}

export interface ProcedureResult {
  kind: Procedure;
  items: ProcedureItem[];
  /** Share of the applicable items done in order, 0–100. */
  adherence: number;
}

export interface BlockedBy {
  ruleId?: string;
  tag?: Tag;
  words: string;
  turn: number;
  stepId: string;
  reason: Localized;
}

export interface BestChoice {
  index: number;
  text: Localized;
  points: number;
}

export interface TurnReport {
  turn: number;
  stepId: string;
  text: string;
  timeout: boolean;
  /** Sum of this turn's finding points. */
  score: number;
  /** Most points a reply could earn at this step. */
  maximum: number;
  bestChoice?: BestChoice;
}

export interface Report {
  scenarioId: string;
  version: number;
  mode: Mode;
  score: number;
  passed: boolean;
  /** Why the attempt did not pass: a blocker, the score, a bad ending, or no ending yet. */
  notPassedBecause?: 'blocker' | 'score' | 'ending' | 'unfinished';
  passScore: number;
  blockedBy?: BlockedBy;
  /** 0–100 per dimension; absent where nothing could be earned and nothing was lost ("—"). */
  dimensions: Partial<Record<Dimension, number>>;
  procedure: ProcedureResult;
  responseTimes: { perTurnMs: number[]; averageMs: number; slowTurns: number; limitMs: number };
  ending?: { id: string; kind: EndingKind; customer: Localized; debrief: Localized };
  findings: Finding[];
  transcript: TranscriptEntry[];
  turns: TurnReport[];
}

const SPIN_DOC = '000_f0073613afcad88c.txt';

/** A procedure step made concrete for one scenario: what it is and the first turn that does it. */
interface ItemSpec {
  id: string;
  label: Localized;
  source: Source;
  /** The first turn that does this item, or undefined. `prompted`: turns answering a customer who asked for an extra. */
  find: (turns: readonly TraineeEntry[], prompted: ReadonlySet<number>) => TraineeEntry | undefined;
  notNeeded?: (turns: readonly TraineeEntry[], prompted: ReadonlySet<number>) => boolean;
}

const hasAny = (turn: TraineeEntry, tags: readonly Tag[]) =>
  tags.some((tag) => turn.analysis.tags.includes(tag));

/** The first turn that does a step, by the step's data (metBy, firstReply, unprompted). */
function finderOf(step: ProcedureStep): ItemSpec['find'] {
  return (turns, prompted) => {
    const candidates = step.firstReply
      ? turns.slice(0, 1).filter((turn) => !turn.analysis.tags.includes('forbidden'))
      : turns;
    return candidates.find(
      (turn) => hasAny(turn, step.metBy) && !(step.unprompted && prompted.has(turn.turn)),
    );
  };
}

/** The steps of the scenario's procedure (from the analyzer's catalogue), ready to check. */
function itemSpecs(scenario: Scenario, analyzer: Analyzer): ItemSpec[] {
  const procedure = analyzer.procedures[scenario.procedure];
  if (!procedure) return [];
  const steps = procedure.steps.map((step): ItemSpec => {
    const other = procedure.steps.find((s) => s.id === step.notNeededWhenCalmAfter);
    return {
      id: step.id,
      label: step.label,
      source: step.source,
      find: finderOf(step),
      ...(other
        ? {
            notNeeded: (turns, prompted) => {
              const done = finderOf(other)(turns, prompted);
              return done !== undefined && moodBand(done.moodAfter) === 'calm';
            },
          }
        : {}),
    };
  });
  const facts = procedure.personaFacts;
  if (!facts) return steps;
  return [
    ...steps,
    ...scenario.persona.facts.map((fact): ItemSpec => ({
      id: `fact-${fact.id}`,
      label: fact.text,
      source: facts,
      find: (turns) => turns.find((turn) => turn.facts.includes(fact.id)),
    })),
  ];
}

function wordsOfTags(turn: TraineeEntry, tags: readonly Tag[]) {
  const span = turn.analysis.spans.find((s) => tags.includes(s.tag));
  return span
    ? { words: turn.text.slice(span.start, span.end), start: span.start, end: span.end }
    : { words: '', start: 0, end: 0 };
}

/**
 * The scenario's procedure check over the trainee's turns, with its findings (+3 per item done
 * in order; SPIN: −10 for an offer before the need-payoff turn). Complaint fires: apology in turn
 * 1, open question in turn 2, compensation in turn 3; out of order: compensation before apology.
 */
export function checkProcedure(
  scenario: Scenario,
  analyzer: Analyzer,
  turns: readonly TraineeEntry[],
  prompted: ReadonlySet<number> = new Set(),
): { result: ProcedureResult; findings: Finding[]; maximum: number } {
  const findings: Finding[] = [];
  const items: ProcedureItem[] = [];
  let lastTurn = 0;
  // Complaint and SPIN steps have an order; personal touches and extras do not.
  const ordered = analyzer.procedures[scenario.procedure]?.ordered ?? false;
  for (const spec of itemSpecs(scenario, analyzer)) {
    const { source } = spec;
    const found = spec.find(turns, prompted);
    const notNeeded = !found && (spec.notNeeded?.(turns, prompted) ?? false);
    const inOrder = found !== undefined && (!ordered || found.turn >= lastTurn);
    if (found) lastTurn = Math.max(lastTurn, found.turn);
    items.push({
      id: spec.id,
      label: spec.label,
      done: found !== undefined,
      inOrder,
      ...(notNeeded ? { notNeeded } : {}),
      ...(found ? { turn: found.turn } : {}),
      source,
    });
    if (notNeeded) continue;
    const anyTurn = found ?? turns[turns.length - 1];
    findings.push({
      kind: 'procedure',
      words: '',
      start: 0,
      end: 0,
      stepId: anyTurn?.stepId ?? scenario.start,
      turn: anyTurn?.turn ?? 0,
      points: found && inOrder ? PROCEDURE_ITEM_POINTS : 0,
      dimension: '可靠性',
      message: found
        ? inOrder
          ? { 'zh-CN': `做到了:${spec.label['zh-CN']}`, en: `Done: ${spec.label.en}` }
          : {
              'zh-CN': `做了,但顺序不对:${spec.label['zh-CN']}`,
              en: `Done out of order: ${spec.label.en}`,
            }
        : { 'zh-CN': `没有做到:${spec.label['zh-CN']}`, en: `Missing: ${spec.label.en}` },
      better: spec.label,
      source,
    });
  }
  if (scenario.procedure === 'spin') findings.push(...prematureOffers(turns));
  const applicable = items.filter((item) => !item.notNeeded);
  const adherence =
    applicable.length === 0
      ? 100
      : Math.round(
          (100 * applicable.filter((item) => item.done && item.inOrder).length) / applicable.length,
        );
  return {
    result: { kind: scenario.procedure, items, adherence },
    findings,
    maximum: applicable.length * PROCEDURE_ITEM_POINTS,
  };
}

/** SPIN: every reply that offers a solution (compensation, value-add) before a need-payoff turn. */
function prematureOffers(turns: readonly TraineeEntry[]): Finding[] {
  const needTurn = turns.find((turn) => turn.analysis.tags.includes('spin-need-payoff'))?.turn;
  return turns
    .filter((turn) => needTurn === undefined || turn.turn < needTurn)
    .filter((turn) => OFFER_TAGS.some((tag) => turn.analysis.tags.includes(tag)))
    .map((turn) => ({
      kind: 'procedure' as const,
      ...wordsOfTags(turn, OFFER_TAGS),
      stepId: turn.stepId,
      turn: turn.turn,
      points: PREMATURE_OFFER_POINTS,
      dimension: '可靠性' as const,
      message: {
        'zh-CN': '顾客还没说出明确需求,就先给了方案。',
        en: 'You offered a solution before the customer stated an explicit need.',
      },
      better: {
        'zh-CN': '先问需求-效益问题,比如"如果……对您有什么帮助?",等需求明确后再提方案。',
        en: 'Ask a need-payoff question first ("how would it help you if…?") and offer once the need is explicit.',
      },
      source: { doc: SPIN_DOC, section: '三. 服务如何带来价值 · 不要过早提出对策' },
    }));
}

/** The authored choice of a step that scores best under this analyzer (first one on a tie). */
export function bestChoiceOf(
  scenario: Scenario,
  step: Step,
  analyzer: Analyzer,
  mode: Mode,
): BestChoice | undefined {
  let best: BestChoice | undefined;
  step.choices.forEach((choice, index) => {
    const text = choice['zh-CN'];
    const findings = scoreReply({
      scenario,
      step,
      analyzer,
      turn: 0,
      mode,
      responseMs: 0,
      text,
      analysis: analyzer.analyze(text, analysisContextOf(scenario)),
      facts: factsUsed(scenario, analyzer, text),
    });
    const points = sumPoints(findings);
    if (!best || points > best.points) best = { index, text: choice, points };
  });
  return best;
}

/** Each step's best choice ("mode stepId"), which depends on the scenario and analyzer only. */
const bestChoicesOf = perScenario(() => new Map<string, BestChoice | undefined>());

function dimensionScores(
  scenario: Scenario,
  analyzer: Analyzer,
  scoredSteps: readonly string[],
  findings: readonly Finding[],
  procedureMaximum: number,
): Partial<Record<Dimension, number>> {
  const earned = Object.fromEntries(DIMENSIONS.map((d) => [d, 0])) as Record<Dimension, number>;
  const maximum = { ...earned };
  for (const finding of findings) earned[finding.dimension] += finding.points;
  for (const stepId of scoredSteps) {
    const step = scenario.steps.find((s) => s.id === stepId);
    if (!step) continue;
    // An expectation met counts where its rule's points went; one unmet, where its tag usually does.
    for (const e of [...step.expect.required, ...step.expect.encouraged]) {
      const hit = findings.find(
        (f) =>
          f.kind === 'hit' &&
          f.stepId === stepId &&
          f.tag !== undefined &&
          tagsMeeting(e).includes(f.tag) &&
          f.points === e.weight,
      );
      maximum[hit?.dimension ?? tagDimension(analyzer, e.tag)] += e.weight;
    }
    maximum['移情性'] += step.expect.useFacts.length * FACT_POINTS;
  }
  maximum['可靠性'] += procedureMaximum;
  const scores: Partial<Record<Dimension, number>> = {};
  for (const dimension of DIMENSIONS) {
    const max = maximum[dimension];
    const lost = findings.some((f) => f.dimension === dimension && f.points < 0);
    if (max <= 0 && !lost) continue;
    const value =
      max > 0
        ? (100 * earned[dimension]) / max
        : 100 + (100 * earned[dimension]) / NOMINAL_DIMENSION_BASE;
    scores[dimension] = Math.min(100, Math.max(0, Math.round(value)));
  }
  return scores;
}

function blockedByOf(findings: readonly Finding[], analyzer: Analyzer): BlockedBy | undefined {
  const blocker = findings.find((finding) => finding.kind === 'blocker');
  if (!blocker) return undefined;
  const rule = blocker.ruleId ? analyzer.ruleById(blocker.ruleId) : undefined;
  const what = rule?.message ?? blocker.message;
  return {
    ...(blocker.ruleId ? { ruleId: blocker.ruleId } : {}),
    ...(blocker.tag ? { tag: blocker.tag } : {}),
    words: blocker.words,
    turn: blocker.turn,
    stepId: blocker.stepId,
    reason: {
      'zh-CN': `第 ${blocker.turn} 轮说了"${blocker.words}"(${blocker.tag ? TAG_INFO[blocker.tag].label['zh-CN'] : ''}):${what['zh-CN']} 这类话在本场景中一票否决。`,
      en: `Turn ${blocker.turn} said "${blocker.words}" (${blocker.tag ? TAG_INFO[blocker.tag].label.en : ''}): ${what.en} In this scenario that fails the attempt outright.`,
    },
  };
}

/** Turns whose preceding customer line itself asks for an extra service (value-add tag). */
function turnsAskedForExtras(
  transcript: readonly TranscriptEntry[],
  analyzer: Analyzer,
): Set<number> {
  const prompted = new Set<number>();
  let lastLine = '';
  for (const entry of transcript) {
    if (entry.role === 'customer') lastLine = entry.text['zh-CN'];
    else if (analyzer.analyze(lastLine).tags.includes('value-add')) prompted.add(entry.turn);
  }
  return prompted;
}

const ENDING_WORDS: Record<EndingKind, Localized> = {
  retained: { 'zh-CN': '顾客最终满意留下', en: 'The customer stayed satisfied' },
  escalated: { 'zh-CN': '顾客要求升级投诉', en: 'The customer escalated the complaint' },
  lost: { 'zh-CN': '顾客最终离开了', en: 'The customer left' },
};

/**
 * The debrief, built from what happened (never written per ending): how it ended and at what
 * mood, which procedure items were done and which not, and the reply that cost the most.
 */
export function debriefOf(
  kind: EndingKind,
  mood: number,
  procedure: ProcedureResult,
  findings: readonly Finding[],
): Localized {
  const applicable = procedure.items.filter((item) => !item.notNeeded);
  const done = applicable.filter((item) => item.done);
  const missing = applicable.filter((item) => !item.done);
  const list = (items: readonly ProcedureItem[], locale: 'zh-CN' | 'en') =>
    items.map((item) => item.label[locale]).join(locale === 'zh-CN' ? '、' : '; ');
  const worst = findings
    .filter((f) => f.points < 0 && f.words !== '')
    .reduce<Finding | undefined>(
      (a, b) => (a === undefined || b.points < a.points ? b : a),
      undefined,
    );
  const zh = [`${ENDING_WORDS[kind]['zh-CN']}（情绪 ${Math.round(mood)}/100）。`];
  const en = [`${ENDING_WORDS[kind].en} (mood ${Math.round(mood)}/100).`];
  if (done.length > 0) {
    zh.push(`做到了：${list(done, 'zh-CN')}。`);
    en.push(`Done: ${list(done, 'en')}.`);
  }
  if (missing.length > 0) {
    zh.push(`没有做到：${list(missing, 'zh-CN')}。`);
    en.push(`Not done: ${list(missing, 'en')}.`);
  }
  if (worst) {
    zh.push(`扣分最多的一句：「${worst.words}」（${worst.points} 分）。`);
    en.push(`The costliest words: "${worst.words}" (${worst.points} pts).`);
  }
  return { 'zh-CN': zh.join(''), en: en.join(' ') };
}

/**
 * The report of an attempt from a snapshot (live or persisted). Passed = no blocker, an ending
 * of kind retained, and score ≥ passScore. Score formula: see scaleScore in scoring.ts.
 */
export function buildReport(
  scenario: Scenario,
  state: ConversationState,
  analyzer: Analyzer,
  options: { mode?: Mode } = {},
): Report {
  const { context } = state;
  const mode = options.mode ?? context.mode;
  const turns = context.transcript.filter(
    (entry): entry is TraineeEntry => entry.role === 'trainee',
  );
  const procedure = checkProcedure(
    scenario,
    analyzer,
    turns,
    turnsAskedForExtras(context.transcript, analyzer),
  );
  const conversation = scoreConversation(
    scenario,
    analyzer,
    turns,
    mode,
    context.missedSteps ?? [],
  );
  const stepById = new Map(scenario.steps.map((step) => [step.id, step]));
  const situation = analysisContextOf(scenario);
  // A missing move is shown with this scenario's own authored reply that makes it, where one does.
  const findings = [...conversation.findings, ...procedure.findings].map((finding) => {
    const step = stepById.get(finding.stepId);
    if (finding.kind !== 'missing' || !finding.tag || !step) return finding;
    const tag = finding.tag;
    const choice = step.choices.find((c) =>
      analyzer.analyze(c['zh-CN'], situation).tags.includes(tag),
    );
    return choice ? { ...finding, better: choice } : finding;
  });

  const bestByStep = bestChoicesOf(scenario, analyzer);
  const turnReports: TurnReport[] = turns.map((turn) => {
    const step = stepById.get(turn.stepId);
    const key = `${mode} ${turn.stepId}`;
    if (step && !bestByStep.has(key))
      bestByStep.set(key, bestChoiceOf(scenario, step, analyzer, mode));
    const best = step ? bestByStep.get(key) : undefined;
    return {
      turn: turn.turn,
      stepId: turn.stepId,
      text: turn.text,
      timeout: turn.timeout,
      score: sumPoints(conversation.findings.filter((f) => f.turn === turn.turn)),
      maximum: step ? turnMaximum(step) : 0,
      ...(best ? { bestChoice: best } : {}),
    };
  });

  const maximum = conversation.maximum + procedure.maximum;
  const score = scaleScore(sumPoints(findings), maximum);
  const blockedBy = blockedByOf(findings, analyzer);
  const ending = endingOf(state, scenario);
  const notPassedBecause = blockedBy
    ? 'blocker'
    : !ending
      ? 'unfinished'
      : ending.kind !== 'retained'
        ? 'ending'
        : score < scenario.passScore
          ? 'score'
          : undefined;

  const limitMs = replyLimitMs(scenario);
  const perTurnMs = turns.map((turn) => turn.responseMs);
  const averageMs =
    perTurnMs.length === 0
      ? 0
      : Math.round(perTurnMs.reduce((a, b) => a + b, 0) / perTurnMs.length);

  return {
    scenarioId: scenario.id,
    version: scenario.version,
    mode,
    score,
    passed: notPassedBecause === undefined,
    ...(notPassedBecause ? { notPassedBecause } : {}),
    passScore: scenario.passScore,
    ...(blockedBy ? { blockedBy } : {}),
    dimensions: dimensionScores(
      scenario,
      analyzer,
      conversation.steps,
      findings,
      procedure.maximum,
    ),
    procedure: procedure.result,
    responseTimes: {
      perTurnMs,
      averageMs,
      slowTurns: turns.filter((turn) => turn.timeout || turn.responseMs > limitMs).length,
      limitMs,
    },
    ...(ending
      ? {
          ending: {
            id: ending.id,
            kind: ending.kind,
            customer: ending.customer,
            debrief: debriefOf(ending.kind, context.mood, procedure.result, findings),
          },
        }
      : {}),
    findings,
    transcript: context.transcript,
    turns: turnReports,
  };
}
