/**
 * The observer's scorecard: the checklist of a scenario's procedure, the forbidden phrases an
 * observer can tap, and the report of an observed role play scored from the taps. Pure: the
 * trainer's browser (data/observer-scorecard.ts) and the company server score scorecards here.
 */
import type { Analyzer } from './analyzer';
import type { ProcedureStep } from './procedure-schema';
import type { Report } from './report';
import type { Scenario } from './scenario-schema';
import type { Localized, Source } from './rule-schema';
import { tagDimension, type Finding } from './scoring';
import { DIMENSIONS, TAG_INFO, type Dimension, type Tag } from './tags';

/** One line of the observer's checklist: a move the rep should make (or a phrase heard). */
export interface ScorecardItem {
  id: string;
  tag: Tag;
  label: Localized;
  source: Source;
}

/** The classroom role-play games of 001_bb853a58b24a26b1.txt. */
const ROLE_PLAY_SOURCE: Source = { doc: '001_bb853a58b24a26b1.txt', section: '角色模拟' };

/**
 * The checklist for a scenario: its procedure's steps (the same data the report checks, from the
 * analyzer's catalogue), then the tags its steps require, the value-add step always last.
 */
export function scorecardItems(scenario: Scenario, analyzer: Analyzer): ScorecardItem[] {
  const asItem = (step: ProcedureStep): ScorecardItem => ({
    id: step.id,
    tag: step.metBy[0] ?? 'value-add',
    label: step.label,
    source: step.source,
  });
  const items = (analyzer.procedures[scenario.procedure]?.steps ?? []).map(asItem);
  const valueAdd = (analyzer.procedures['value-add']?.steps ?? []).map(asItem);
  const have = new Set<Tag>([...items, ...valueAdd].map((item) => item.tag));
  for (const step of scenario.steps)
    for (const expected of step.expect.required) {
      if (have.has(expected.tag) || TAG_INFO[expected.tag].problem) continue;
      have.add(expected.tag);
      items.push({
        id: expected.tag,
        tag: expected.tag,
        label: TAG_INFO[expected.tag].label,
        source: scenario.sources[0] ?? ROLE_PLAY_SOURCE,
      });
    }
  const seen = new Set(items.map((item) => item.id));
  return [...items, ...valueAdd.filter((item) => !seen.has(item.id))];
}

/** A forbidden phrase the observer can tap each time it is heard. */
export interface HeardPhraseOption {
  ruleId: string;
  phrase: string;
  message: Localized;
}

/** The forbidden and contrast phrases of the analyzer's rules, one tap target per rule, named by the words its first example fires on. */
export function forbiddenPhraseOptions(analyzer: Analyzer): HeardPhraseOption[] {
  return analyzer.rules
    .filter((rule) => rule.tag === 'forbidden' || rule.tag === 'contrast')
    .map((rule) => {
      const example = rule.examples.fires[0] ?? '';
      const span = analyzer.analyze(example).spans.find((found) => found.ruleId === rule.id);
      const phrase = span
        ? example.slice(span.start, span.end)
        : (rule.patterns[0] ?? rule.id).replace(/[…^$]|\.\.\./g, '');
      return { ruleId: rule.id, phrase, message: rule.message };
    });
}

/**
 * The phrases heard most in a role play (the 转折语 and the classic forbidden phrases of
 * 003_22128e453d54b396.txt), shown first on the scorecard; every other rule is behind "more".
 */
export const COMMON_PHRASE_RULES: readonly string[] = [
  'contrast.danshi',
  'contrast.dan',
  'contrast.keshi',
  'contrast.buguo',
  'contrast.raner',
  'forbidden.you-are-wrong',
  'forbidden.dont-get-excited',
  'forbidden.calm-down',
  'forbidden.you-should',
  'forbidden.impossible',
  'forbidden.rules-are-rules',
  'forbidden.not-our-business',
  'forbidden.let-me-finish',
  'forbidden.you-dont-understand',
];

/** The tap targets split into the common ones (in COMMON_PHRASE_RULES order) and the rest (catalogue order). */
export function groupPhraseOptions(options: readonly HeardPhraseOption[]): {
  common: HeardPhraseOption[];
  more: HeardPhraseOption[];
} {
  const rank = (option: HeardPhraseOption) => COMMON_PHRASE_RULES.indexOf(option.ruleId);
  return {
    common: options.filter((option) => rank(option) >= 0).sort((a, b) => rank(a) - rank(b)),
    more: options.filter((option) => rank(option) < 0),
  };
}

/** Points for each checklist item the rep did (none for one not done). */
export const OBSERVED_ITEM_POINTS = 10;

/** What an observed report is scored from: the scenario and the observer's taps. */
export interface ObservedInput {
  scenario: Scenario;
  analyzer: Analyzer;
  /** Ids of the checklist items the rep did. */
  done: readonly string[];
  /** Rule ids of forbidden phrases heard, once per time heard. */
  heard: readonly string[];
  /** The tap targets, when the caller has them already (else read from the analyzer). */
  phrases?: readonly HeardPhraseOption[];
}

/**
 * The report model of an observed attempt: one finding per checklist item (+10 when done) and
 * per phrase heard, which costs its rule's weight as in a practised attempt (但 −4, 你弄错 −8).
 * score = clamp(round(100 × Σ points / (10 × items)), 0, 100).
 */
export function observedReport(input: ObservedInput): Report {
  const { scenario, analyzer } = input;
  const items = scorecardItems(scenario, analyzer);
  const done = new Set(input.done);
  const perDimension = new Map<Dimension, { got: number; max: number }>();
  const add = (dimension: Dimension, got: number, max: number) => {
    const entry = perDimension.get(dimension) ?? { got: 0, max: 0 };
    perDimension.set(dimension, { got: entry.got + got, max: entry.max + max });
  };
  const findings: Finding[] = items.map((item): Finding => {
    const dimension = tagDimension(analyzer, item.tag);
    const did = done.has(item.id);
    add(dimension, did ? OBSERVED_ITEM_POINTS : 0, OBSERVED_ITEM_POINTS);
    return {
      tag: item.tag,
      kind: did ? 'hit' : 'missing',
      words: '',
      start: 0,
      end: 0,
      stepId: 'observed',
      turn: 0,
      points: did ? OBSERVED_ITEM_POINTS : 0,
      dimension,
      message: item.label,
      better: item.label,
      source: item.source,
    };
  });
  const phrases = input.phrases ?? (input.heard.length > 0 ? forbiddenPhraseOptions(analyzer) : []);
  for (const ruleId of input.heard) {
    const rule = analyzer.ruleById(ruleId);
    if (!rule) continue;
    const phrase = phrases.find((option) => option.ruleId === ruleId);
    // A flat −10 a tap made three 但 (weight 4) cancel three steps done: the rule's own weight.
    const points = -rule.weight;
    add(rule.dimension, points, 0);
    findings.push({
      tag: rule.tag,
      kind: 'hit',
      words: phrase?.phrase ?? '',
      start: 0,
      end: 0,
      stepId: 'observed',
      turn: 0,
      points,
      dimension: rule.dimension,
      message: rule.message,
      better: rule.better,
      source: rule.source,
      ruleId,
    });
  }
  const maximum = items.length * OBSERVED_ITEM_POINTS;
  const got = findings.reduce((sum, finding) => sum + finding.points, 0);
  const score = maximum === 0 ? 0 : Math.max(0, Math.min(100, Math.round((got / maximum) * 100)));
  const dimensions = Object.fromEntries(
    DIMENSIONS.map((dimension) => {
      const entry = perDimension.get(dimension);
      const value =
        !entry || entry.max === 0
          ? Math.max(0, 100 + (entry?.got ?? 0) * 5)
          : Math.max(0, Math.round((entry.got / entry.max) * 100));
      return [dimension, value];
    }),
  ) as Record<Dimension, number>;
  return {
    scenarioId: scenario.id,
    version: scenario.version,
    mode: 'observed',
    score,
    passed: score >= scenario.passScore,
    ...(score >= scenario.passScore ? {} : { notPassedBecause: 'score' }),
    passScore: scenario.passScore,
    dimensions,
    procedure: {
      kind: scenario.procedure,
      items: items.map((item) => ({
        id: item.id,
        label: item.label,
        done: done.has(item.id),
        inOrder: done.has(item.id),
        source: item.source,
      })),
      adherence: items.length === 0 ? 0 : Math.round((done.size / items.length) * 100),
    },
    responseTimes: { perTurnMs: [], averageMs: 0, slowTurns: 0, limitMs: 0 },
    findings,
    transcript: [],
    turns: [],
  };
}

/** Why an observed score is what it is: points per item done and per phrase heard, over the maximum. */
export interface ObservedReasons {
  done: { label: Localized; points: number }[];
  heard: { ruleId: string; words: string; times: number; points: number }[];
  missing: Localized[];
  points: number;
  maximum: number;
  score: number;
}

/** The reasons of an observed report's score, phrases heard grouped by rule. */
export function observedReasons(report: Report): ObservedReasons {
  const heard = new Map<string, ObservedReasons['heard'][number]>();
  for (const finding of report.findings) {
    if (finding.points >= 0 || !finding.ruleId) continue;
    const entry = heard.get(finding.ruleId) ?? {
      ruleId: finding.ruleId,
      words: finding.words,
      times: 0,
      points: 0,
    };
    heard.set(finding.ruleId, {
      ...entry,
      times: entry.times + 1,
      points: entry.points + finding.points,
    });
  }
  return {
    done: report.findings
      .filter((finding) => finding.kind === 'hit' && finding.points > 0)
      .map((finding) => ({ label: finding.message, points: finding.points })),
    heard: [...heard.values()],
    missing: report.findings
      .filter((finding) => finding.kind === 'missing')
      .map((finding) => finding.message),
    points: report.findings.reduce((sum, finding) => sum + finding.points, 0),
    maximum: report.procedure.items.length * OBSERVED_ITEM_POINTS,
    score: report.score,
  };
}
