/**
 * The reply analyzer: reply text -> tags + spans (design.md, "The analyzer contract").
 *
 * Built once per rule set. Every pattern and exception is compiled to a sticky RegExp and
 * indexed by the first one or two characters its matches can begin with. Analysing a reply first
 * marks the patterns that can match it at all: each waits on a few character pairs of its own
 * (one of them is in every text it matches), and only those the text's pairs wake up have their
 * required pairs checked (a bit set of the text's pairs). Then it walks the normalised text once
 * and tries, where their prefix is, only the patterns marked. Patterns with no usable prefix
 * (rare: e.g. one opening with a gap) are searched with their global RegExp. A match is
 * cancelled when an exception of the same rule overlaps it; exceptions are tried only for the
 * rules that matched, where their prefixes are.
 */
import { normalize, originalRange, type Normalized } from './normalize';
import { compilePattern, type CompiledPattern, type Requirement } from './pattern';
import type { Procedures } from './procedure-schema';
import type { ClauseCondition, Rule } from './rule-schema';
import {
  compileTagModel,
  modelHits,
  modelRuleId,
  parseModelRuleId,
  type TagModel,
} from './tag-model';
import type { Tag } from './tags';

/** Offsets into the ORIGINAL text, UTF-16, end exclusive. */
export interface Span {
  tag: Tag;
  start: number;
  end: number;
  ruleId: string;
}

/** tags sorted and unique; spans sorted by start. */
export interface Analysis {
  tags: Tag[];
  spans: Span[];
}

/** Where a reply is said: after a failure (complaint, return) or in ordinary service. */
export interface AnalysisContext {
  situation: 'failure' | 'ordinary';
}

export interface Analyzer {
  /** Tags and spans of a reply; with a context, offers are read as its situation makes them. */
  analyze(text: string, context?: AnalysisContext): Analysis;
  /** Where `phrase` (same pattern syntax as rules) occurs in text, as original offsets; null if absent. Used for persona-fact keywords. */
  findPhrase(text: string, phrase: string): { start: number; end: number } | null;
  rules: readonly Rule[];
  ruleById(id: string): Rule | undefined;
  /** The service procedures of the catalogue (the report's checklist, the observer's scorecard). */
  procedures: Procedures;
}

interface IndexedPattern {
  /** Position in the analyzer's pattern list. */
  id: number;
  ruleIndex: number;
  compiled: CompiledPattern;
  /** An exception of the rule: its matches cancel the rule's matches they overlap. */
  exception: boolean;
}

/** The patterns whose matches begin with one code unit: alone, or followed by a second. */
interface Bucket {
  single: IndexedPattern[];
  second: Map<number, IndexedPattern[]>;
}

interface Match {
  start: number;
  end: number;
}

const MAX_PHRASE_CACHE = 500;
/** Analyses kept for repeated texts (authored choices), and the longest text kept. */
const MAX_ANALYSIS_CACHE = 2000;
const MAX_CACHED_TEXT = 300;

/** A 16-bit hash of one char (second = 0) or a pair; collisions only let a pattern through. */
function pairHash(first: number, second: number): number {
  return (Math.imul(first, 0x9e3779b1) ^ Math.imul(second, 0x85ebca6b)) >>> 16;
}

/**
 * A requirement cut down to what is cheap to check: every pair of `all`, and for each group one
 * pair of some option (an option's last pair stands for it). Weaker than the full requirement, it
 * still rules out most candidates before their RegExp is tried. Groups are numbered once for the
 * whole catalogue: patterns built from the same word set share one group and one check per text.
 */
interface HashedRequirement {
  all: Uint16Array;
  groups: Uint32Array;
}

const hashOf = (pair: string): number =>
  pairHash(pair.charCodeAt(0), pair.length > 1 ? pair.charCodeAt(1) : 0);

function allMatches(regex: RegExp, text: string): Match[] {
  const matches: Match[] = [];
  regex.lastIndex = 0;
  for (let found = regex.exec(text); found !== null; found = regex.exec(text)) {
    matches.push({ start: found.index, end: found.index + found[0].length });
    regex.lastIndex = found.index + 1;
  }
  return matches;
}

/** Tags a forbidden phrase in the same clause cancels. */
const NOT_WITH_HOSTILITY: readonly Tag[] = ['empathy', 'ask-preference'];
const STRONG_BOUNDARY = /[。?]/;
const ANY_BOUNDARY = /[。?,]/;
const NEGATIONS = /[不没别未无非]/;
// A sentence asks when it ends in ？ or a question particle, or holds a question word and does not
// open as a statement of ours (我帮你看看是哪里出了问题 asks nothing).
const QUESTION_PARTICLE = /[吗呢么吧]$/;
const QUESTION_WORD =
  /(什么|怎么|哪|多少|(?<![这那前过好头后近])几[个次天年位种台口点家张成块回趟]|为什么|为啥|如何|多久|多大|多长|是否|有没有|是不是|会不会|能不能|要不要|可不可以|有多)/;
const OUR_STATEMENT = /^(我|咱)/;

/** Where each clause and sentence of a normalised text starts and ends; built once per reply. */
class Clauses {
  private readonly clauseStart: Int32Array;
  private readonly clauseEnd: Int32Array;
  private readonly sentenceStart: Int32Array;
  private readonly sentenceEnd: Int32Array;

  constructor(private readonly text: string) {
    const n = text.length;
    this.clauseStart = new Int32Array(n + 1);
    this.sentenceStart = new Int32Array(n + 1);
    this.clauseEnd = new Int32Array(n + 1);
    this.sentenceEnd = new Int32Array(n + 1);
    let clause = 0;
    let sentence = 0;
    for (let i = 0; i <= n; i++) {
      this.clauseStart[i] = clause;
      this.sentenceStart[i] = sentence;
      const char = text[i] ?? '';
      if (ANY_BOUNDARY.test(char)) clause = i + 1;
      if (STRONG_BOUNDARY.test(char)) sentence = i + 1;
    }
    clause = n;
    sentence = n;
    for (let i = n; i >= 0; i--) {
      const char = text[i] ?? '';
      if (ANY_BOUNDARY.test(char)) clause = i;
      if (STRONG_BOUNDARY.test(char)) sentence = i;
      this.clauseEnd[i] = clause;
      this.sentenceEnd[i] = sentence;
    }
  }

  /** The start of the clause a position sits in: its identity. */
  clauseOf(position: number): number {
    return this.clauseStart[position] ?? 0;
  }

  /** True when the match at [start, end) sits where the condition asks. */
  holds(condition: ClauseCondition, start: number, end: number): boolean {
    if (condition.question !== undefined && this.asks(start) !== condition.question) return false;
    if (condition.subject !== undefined && this.subject(start, end) !== condition.subject)
      return false;
    if (condition.negated !== undefined) {
      const from = Math.max(this.clauseStart[start] ?? 0, start - 2);
      if (NEGATIONS.test(this.text.slice(from, start)) !== condition.negated) return false;
    }
    return true;
  }

  /** Whether each clause (by its start) sits in a question: many matches share a clause. */
  private readonly asked = new Map<number, boolean>();

  private asks(position: number): boolean {
    const clause = this.clauseStart[position] ?? 0;
    let answer = this.asked.get(clause);
    if (answer === undefined) {
      answer = this.asksAfresh(position);
      this.asked.set(clause, answer);
    }
    return answer;
  }

  private asksAfresh(position: number): boolean {
    const end = this.sentenceEnd[position] ?? this.text.length;
    const sentence = this.text.slice(this.sentenceStart[position] ?? 0, end);
    if (this.text[end] === '?' || QUESTION_PARTICLE.test(sentence)) return true;
    const clause = this.text.slice(this.clauseStart[position] ?? 0, this.clauseEnd[position]);
    return QUESTION_WORD.test(clause) && !OUR_STATEMENT.test(clause);
  }

  /** The nearest pronoun before the match in its clause, else the first in the match itself. */
  private subject(start: number, end: number): 'you' | 'we' | undefined {
    const before = this.text.slice(this.clauseStart[start] ?? 0, start);
    for (let i = before.length - 1; i >= 0; i--) {
      if (before[i] === '你') return 'you';
      if (before[i] === '我' || before[i] === '咱') return 'we';
    }
    const own = this.text.slice(start, end).match(/[你我咱]/)?.[0];
    return own === undefined ? undefined : own === '你' ? 'you' : 'we';
  }
}

/** Builds an analyzer over validated rules; throws PatternError on a malformed pattern. Fires: 你弄错了 (rule 你…弄错); silent: 您没有弄错 (exception). */
export function createAnalyzer(
  rules: readonly Rule[],
  options: {
    toSimplified?: (char: string) => string;
    model?: TagModel;
    procedures?: Procedures;
    /** How many recent analyses to keep for repeated texts (0: none, as the benchmark measures). */
    analysisCacheSize?: number;
  } = {},
): Analyzer {
  const { toSimplified, model, procedures = {}, analysisCacheSize = MAX_ANALYSIS_CACHE } = options;
  const compiledModel = model ? compileTagModel(model) : undefined;
  const byId = new Map<string, Rule>();
  const requirements: HashedRequirement[] = [];
  // Pairs present in the current text, one bit per hash (8 KB: it stays in the CPU's fastest cache).
  const seen = new Uint32Array(0x10000 >>> 5);
  const has = (hash: number): boolean => (seen[hash >>> 5]! & (1 << (hash & 31))) !== 0;
  const hasAny = (hashes: Uint16Array): boolean => {
    for (let index = 0; index < hashes.length; index++)
      if (has(hashes[index] as number)) return true;
    return false;
  };
  // Numbers the texts analysed, so per-text answers below need no clearing.
  let generation = 0;
  // Whether a pattern's required pairs are in the current text, once asked: checked[id] === generation.
  let checked = new Uint32Array(0);
  let eligible = new Uint8Array(0);

  function forEachPair(text: string, visit: (hash: number) => void): void {
    for (let position = 0; position < text.length; position++) {
      const first = text.charCodeAt(position);
      visit(pairHash(first, 0));
      if (position + 1 < text.length) visit(pairHash(first, text.charCodeAt(position + 1)));
    }
  }

  // The current text's distinct pairs, in the order they first appear.
  let textPairs = new Uint16Array(256);
  let pairCount = 0;

  function markPairs(text: string): void {
    generation++;
    if (generation === 0xffffffff) {
      checked.fill(0);
      groupChecked.fill(0);
      passed.fill(0);
      generation = 1;
    }
    // Unmark the previous text's pairs (a short text has few), or clear all at once.
    if (pairCount > 512) seen.fill(0);
    else for (let index = 0; index < pairCount; index++) seen[textPairs[index]! >>> 5] = 0;
    if (textPairs.length < 2 * text.length) textPairs = new Uint16Array(2 * text.length);
    pairCount = 0;
    forEachPair(text, (hash) => {
      const bit = 1 << (hash & 31);
      if ((seen[hash >>> 5]! & bit) !== 0) return;
      seen[hash >>> 5]! |= bit;
      textPairs[pairCount++] = hash;
    });
  }

  // The groups of every requirement, each a list of option pairs, numbered by their content.
  const groupIds = new Map<string, number>();
  const groupOptions: Uint16Array[] = [];
  let groupChecked = new Uint32Array(0);
  let groupHolds = new Uint8Array(0);

  function hashRequirement(requirement: Requirement): HashedRequirement {
    if (requirement === true) return { all: new Uint16Array(0), groups: new Uint32Array(0) };
    const groups: number[] = [];
    for (const options of requirement.groups) {
      const pairs = options.map((option) => (option === true ? undefined : option.all.at(-1)));
      // An option with no pair of its own can match anything: the group then rules out nothing.
      if (!pairs.every((pair) => pair !== undefined)) continue;
      const hashes = Uint16Array.from(new Set(pairs.map(hashOf)));
      const key = hashes.join(',');
      let id = groupIds.get(key);
      if (id === undefined) {
        id = groupOptions.length;
        groupIds.set(key, id);
        groupOptions.push(hashes);
      }
      groups.push(id);
    }
    return { all: Uint16Array.from(requirement.all, hashOf), groups: Uint32Array.from(groups) };
  }

  function groupHoldsNow(id: number): boolean {
    if (groupChecked[id] !== generation) {
      groupChecked[id] = generation;
      groupHolds[id] = 0;
      for (const hash of groupOptions[id] as Uint16Array)
        if (has(hash)) {
          groupHolds[id] = 1;
          break;
        }
    }
    return groupHolds[id] === 1;
  }

  function holds({ all, groups }: HashedRequirement): boolean {
    for (const hash of all) if (!has(hash)) return false;
    for (const id of groups) if (!groupHoldsNow(id)) return false;
    return true;
  }

  /** Whether the pattern can match the current text at all: most candidates are ruled out here, far cheaper than trying their RegExp. */
  function canMatch(id: number): boolean {
    if (checked[id] !== generation) {
      checked[id] = generation;
      eligible[id] = holds(requirements[id] as HashedRequirement) ? 1 : 0;
    }
    return eligible[id] === 1;
  }

  // Patterns by where their matches can begin: bucketOf[first UTF-16 unit] indexes buckets (0: none).
  const bucketOf = new Uint16Array(0x10000);
  const buckets: Bucket[] = [{ single: [], second: new Map() }];
  // Patterns with no known beginning (rare: e.g. one opening with a gap), searched whole.
  const unindexed: IndexedPattern[] = [];
  // Each rule's exceptions: they are only looked for once a pattern of their rule has matched.
  const exceptionsOf: IndexedPattern[][] = rules.map(() => []);
  // Each exception's beginnings, and their pairs (to skip those not in the text).
  const prefixHashes: Uint16Array[] = [];

  function index(entry: IndexedPattern): void {
    const { prefixes } = entry.compiled;
    if (entry.exception) {
      (exceptionsOf[entry.ruleIndex] as IndexedPattern[]).push(entry);
      return;
    }
    if (prefixes === null) {
      unindexed.push(entry);
      return;
    }
    for (const prefix of prefixes) {
      const first = prefix.charCodeAt(0);
      let bucket = buckets[bucketOf[first] ?? 0];
      if (!bucket || bucketOf[first] === 0) {
        bucket = { single: [], second: new Map() };
        bucketOf[first] = buckets.length;
        buckets.push(bucket);
      }
      if (prefix.length === 1) {
        bucket.single.push(entry);
        continue;
      }
      const second = prefix.charCodeAt(1);
      const list = bucket.second.get(second);
      if (list) list.push(entry);
      else bucket.second.set(second, [entry]);
    }
  }

  const entries: IndexedPattern[] = [];
  function add(ruleIndex: number, pattern: string, exception: boolean): void {
    const compiled = compilePattern(pattern, toSimplified);
    const entry = { id: requirements.length, ruleIndex, compiled, exception };
    entries.push(entry);
    index(entry);
    requirements.push(hashRequirement(compiled.requires));
    prefixHashes.push(Uint16Array.from(exception ? (compiled.prefixes ?? []) : [], hashOf));
  }

  rules.forEach((rule, ruleIndex) => {
    byId.set(rule.id, rule);
    for (const pattern of rule.patterns) add(ruleIndex, pattern, false);
    for (const pattern of rule.exceptions) add(ruleIndex, pattern, true);
  });
  checked = new Uint32Array(requirements.length);
  groupChecked = new Uint32Array(groupOptions.length);
  groupHolds = new Uint8Array(groupOptions.length);
  eligible = new Uint8Array(requirements.length);

  // Which patterns can match the current text: passed[id] === generation. Each indexed pattern
  // waits on a few pairs (its triggers), one of which is in every text it can match; a text
  // checks only the patterns its own pairs trigger, and the scan below skips all the others.
  const passed = new Uint32Array(requirements.length);
  const triggered = new Map<number, number[]>();
  // How often each pair occurs in the rules' example replies: a pattern waits on rare pairs.
  const pairCounts = new Uint32Array(0x10000);
  for (const rule of rules)
    for (const example of [...rule.examples.fires, ...rule.examples.silent])
      forEachPair(normalize(example, toSimplified).text, (hash) => pairCounts[hash]!++);
  const cost = (hashes: readonly number[]): number =>
    hashes.reduce((total, hash) => total + 1 + (pairCounts[hash] ?? 0), 0);

  /**
   * The cheapest of: a pair of `all`, the options of one group, the match's beginnings; undefined
   * when the pattern has none of them (it can match any text).
   */
  function triggersOf({ id, compiled }: IndexedPattern): number[] | undefined {
    const { all, groups } = requirements[id] as HashedRequirement;
    const choices: number[][] = [];
    if (compiled.prefixes) choices.push([...new Set(compiled.prefixes.map(hashOf))]);
    for (const hash of all) choices.push([hash]);
    for (const group of groups) choices.push([...(groupOptions[group] as Uint16Array)]);
    let best: number[] | undefined;
    for (const choice of choices) if (!best || cost(choice) < cost(best)) best = choice;
    return best;
  }

  // An exception's triggers, checked before its requirement (most of a matched rule's are absent).
  const exceptionTriggers = new Map<number, Uint16Array>();
  for (const entry of entries) {
    const triggers = triggersOf(entry);
    if (entry.exception && triggers) exceptionTriggers.set(entry.id, Uint16Array.from(triggers));
    if (entry.exception || !entry.compiled.prefixes) continue;
    for (const hash of triggers ?? []) {
      const list = triggered.get(hash);
      if (list) list.push(entry.id);
      else triggered.set(hash, [entry.id]);
    }
  }

  /** Marks the indexed patterns that can match the current text (after markPairs). */
  function markPassed(): void {
    for (let index = 0; index < pairCount; index++) {
      const list = triggered.get(textPairs[index] as number);
      if (list) for (const id of list) if (canMatch(id)) passed[id] = generation;
    }
  }

  interface Found {
    matches: Match[];
    exceptions: Match[];
  }

  function record(found: Map<number, Found>, entry: IndexedPattern, match: Match): void {
    let forRule = found.get(entry.ruleIndex);
    if (!forRule) {
      forRule = { matches: [], exceptions: [] };
      found.set(entry.ruleIndex, forRule);
    }
    (entry.exception ? forRule.exceptions : forRule.matches).push(match);
  }

  function tryAt(
    found: Map<number, Found>,
    candidates: IndexedPattern[],
    text: string,
    start: number,
  ): void {
    for (const entry of candidates) {
      if (passed[entry.id] !== generation) continue;
      const regex = entry.compiled.sticky;
      regex.lastIndex = start;
      if (regex.test(text)) record(found, entry, { start, end: regex.lastIndex });
    }
  }

  /** Every match of the patterns in the text. */
  function scan(text: string, found: Map<number, Found>): void {
    const length = text.length;
    for (let position = 0; position < length; position++) {
      const slot = bucketOf[text.charCodeAt(position)] ?? 0;
      if (slot === 0) continue;
      const bucket = buckets[slot];
      if (bucket === undefined) continue;
      if (bucket.single.length > 0) tryAt(found, bucket.single, text, position);
      if (position + 1 < length && bucket.second.size > 0) {
        const candidates = bucket.second.get(text.charCodeAt(position + 1));
        if (candidates) tryAt(found, candidates, text, position);
      }
    }
    for (const entry of unindexed) {
      if (!canMatch(entry.id)) continue;
      for (const match of allMatches(entry.compiled.global, text)) record(found, entry, match);
    }
  }

  /** Every match of the exceptions of the rules found: wherever one of their beginnings is. */
  function scanExceptions(text: string, found: Map<number, Found>): void {
    for (const ruleIndex of found.keys())
      for (const entry of exceptionsOf[ruleIndex] as IndexedPattern[]) {
        const triggers = exceptionTriggers.get(entry.id);
        if ((triggers && !hasAny(triggers)) || !canMatch(entry.id)) continue;
        const { sticky, prefixes } = entry.compiled;
        if (prefixes === null) {
          for (const match of allMatches(entry.compiled.global, text)) record(found, entry, match);
          continue;
        }
        const hashes = prefixHashes[entry.id] as Uint16Array;
        for (let index = 0; index < hashes.length; index++) {
          if (!has(hashes[index] as number)) continue;
          const prefix = prefixes[index] as string;
          for (let at = text.indexOf(prefix); at >= 0; at = text.indexOf(prefix, at + 1)) {
            sticky.lastIndex = at;
            if (sticky.test(text)) record(found, entry, { start: at, end: sticky.lastIndex });
          }
        }
      }
  }

  function findAll(text: string): Map<number, Found> {
    const found = new Map<number, Found>();
    markPairs(text);
    markPassed();
    scan(text, found);
    if (found.size > 0) scanExceptions(text, found);
    return found;
  }

  /**
   * Matches no exception overlaps. Linear after sorting: with matches by end and exceptions by
   * start, the exceptions starting before a match ends only grow, and one of them overlaps the
   * match exactly when the furthest end among them lies past the match's start.
   */
  function survivors({ matches, exceptions }: Found): Match[] {
    if (exceptions.length === 0) return matches;
    const byStart = [...exceptions].sort((a, b) => a.start - b.start);
    const kept: Match[] = [];
    let next = 0;
    let furthest = -1;
    for (const match of [...matches].sort((a, b) => a.end - b.end)) {
      for (; next < byStart.length && (byStart[next] as Match).start < match.end; next++)
        furthest = Math.max(furthest, (byStart[next] as Match).end);
      if (furthest <= match.start) kept.push(match);
    }
    return kept;
  }

  function toSpans(original: string, normalized: Normalized, rule: Rule, matches: Match[]): Span[] {
    const sorted = [...matches].sort((a, b) => a.start - b.start || a.end - b.end);
    const merged: Match[] = [];
    for (const match of sorted) {
      const last = merged.at(-1);
      if (last && match.start < last.end) last.end = Math.max(last.end, match.end);
      else merged.push({ ...match });
    }
    return merged.map((match) => ({
      tag: rule.tag,
      ...originalRange(original, normalized, match.start, match.end),
      ruleId: rule.id,
    }));
  }

  // Authored lines (every step's choices, for "better phrasing"; the customer's lines) are
  // analysed again for every report: a bounded cache of short texts answers those at once. A
  // text is kept among `recent` when first analysed and moves to `repeated` when asked for again,
  // so trainees' replies, which seldom repeat, never push the authored lines out. Analyses are frozen.
  const recent = new Map<string, Analysis>();
  const repeated = new Map<string, Analysis>();

  function analyze(text: string, context?: AnalysisContext): Analysis {
    if (text.length > MAX_CACHED_TEXT || analysisCacheSize === 0)
      return analyzeAfresh(text, context);
    const key = `${context?.situation ?? ''}|${text}`;
    const kept = repeated.get(key);
    if (kept) return kept;
    const seenOnce = recent.get(key);
    if (seenOnce) {
      if (repeated.size >= analysisCacheSize) repeated.clear();
      repeated.set(key, seenOnce);
      recent.delete(key);
      return seenOnce;
    }
    const analysis = analyzeAfresh(text, context);
    if (recent.size >= analysisCacheSize) recent.clear();
    recent.set(key, analysis);
    return analysis;
  }

  // The text last normalised: a reply is analysed, then searched for each persona-fact keyword.
  let lastText: string | undefined;
  let lastNormalized: Normalized | undefined;
  function normalizedOf(text: string): Normalized {
    if (text !== lastText || !lastNormalized) {
      lastNormalized = normalize(text, toSimplified);
      lastText = text;
    }
    return lastNormalized;
  }

  function analyzeAfresh(text: string, context?: AnalysisContext): Analysis {
    const normalized = normalizedOf(text);
    let clauses: Clauses | undefined;
    const fired: { rule: Rule; matches: Match[] }[] = [];
    for (const [ruleIndex, found] of findAll(normalized.text)) {
      const rule = rules[ruleIndex];
      if (!rule) continue;
      if (context && rule.situation && rule.situation !== context.situation) continue;
      let kept = survivors(found);
      const condition = rule.clause;
      if (condition) {
        clauses ??= new Clauses(normalized.text);
        kept = kept.filter((match) => clauses?.holds(condition, match.start, match.end));
      }
      if (kept.length > 0) fired.push({ rule, matches: kept });
    }
    // A clause that blames or brushes off does not also comfort or ask the customer's wishes:
    // 这种事很正常 is no empathy, 那你想怎么样 no question of preference.
    const hostile = fired.filter(({ rule }) => rule.tag === 'forbidden').flatMap((f) => f.matches);
    if (hostile.length > 0) {
      clauses ??= new Clauses(normalized.text);
      const bounds = clauses;
      const hostileClauses = new Set(hostile.map((match) => bounds.clauseOf(match.start)));
      for (const entry of fired)
        if (NOT_WITH_HOSTILITY.includes(entry.rule.tag))
          entry.matches = entry.matches.filter(
            (match) => !hostileClauses.has(bounds.clauseOf(match.start)),
          );
    }
    const tags = new Set<Tag>();
    const spans: Span[] = [];
    for (const { rule, matches } of fired) {
      if (matches.length === 0) continue;
      tags.add(rule.tag);
      spans.push(...toSpans(text, normalized, rule, matches));
    }
    // The statistical part adds only what the rules missed; a free extra it finds is value-add
    // only outside a failure, like the rules' situation.
    for (const hit of compiledModel ? modelHits(compiledModel, normalized.text, tags) : []) {
      if (hit.tag === 'value-add' && context?.situation === 'failure') continue;
      tags.add(hit.tag);
      spans.push({
        tag: hit.tag,
        ...originalRange(text, normalized, hit.start, hit.end),
        ruleId: modelRuleId(hit.tag, hit.example),
      });
    }
    spans.sort(
      (a, b) =>
        a.start - b.start ||
        a.end - b.end ||
        (a.ruleId < b.ruleId ? -1 : a.ruleId > b.ruleId ? 1 : 0),
    );
    return Object.freeze({
      tags: Object.freeze([...tags].sort()) as Tag[],
      spans: Object.freeze(spans.map((span) => Object.freeze(span))) as Span[],
    });
  }

  const phraseCache = new Map<string, CompiledPattern | null>();
  function compiledPhrase(phrase: string): CompiledPattern | null {
    let compiled = phraseCache.get(phrase);
    if (compiled === undefined) {
      try {
        compiled = compilePattern(phrase, toSimplified);
      } catch {
        compiled = null;
      }
      if (phraseCache.size >= MAX_PHRASE_CACHE) phraseCache.clear();
      phraseCache.set(phrase, compiled);
    }
    return compiled;
  }

  function findPhrase(text: string, phrase: string): { start: number; end: number } | null {
    const compiled = compiledPhrase(phrase);
    if (!compiled) return null;
    const normalized = normalizedOf(text);
    compiled.global.lastIndex = 0;
    const found = compiled.global.exec(normalized.text);
    if (!found) return null;
    return originalRange(text, normalized, found.index, found.index + found[0].length);
  }

  const modelRules = new Map<string, Rule | undefined>();
  /** The rule a model span stands for: the tag's first catalogue rule, with the likeness as its message. */
  function modelRule(id: string): Rule | undefined {
    if (modelRules.has(id)) return modelRules.get(id);
    const parsed = parseModelRuleId(id);
    const example = parsed && model?.tags[parsed.tag]?.examples[parsed.example]?.[0];
    const base = parsed && rules.find((rule) => rule.tag === parsed.tag);
    const rule =
      parsed && example !== undefined && base
        ? {
            ...base,
            id,
            patterns: [],
            exceptions: [],
            message: {
              'zh-CN': `没有固定说法命中，但这句话和标注为同类的例句很像：「${example}」`,
              en: `No fixed phrase matched, but this reads like a labelled example of the same kind: "${example}"`,
            },
            examples: { fires: [], silent: [] },
          }
        : undefined;
    modelRules.set(id, rule);
    return rule;
  }

  return {
    analyze,
    findPhrase,
    rules,
    ruleById: (id) => byId.get(id) ?? (model ? modelRule(id) : undefined),
    procedures,
  };
}
