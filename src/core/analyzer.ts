/**
 * The reply analyzer: reply text -> tags + spans (design.md, "The analyzer contract").
 *
 * Built once per rule set. Every pattern is compiled to a sticky RegExp and indexed by the
 * first one or two characters its matches can begin with; analysing a reply walks the
 * normalised text once and tries only the patterns whose prefix is there. Patterns with no
 * usable prefix (rare: e.g. one opening with a gap) are searched with their global RegExp.
 * A match is cancelled when an exception of the same rule overlaps it.
 */
import { normalize, originalRange, type Normalized } from './normalize';
import { compilePattern, type CompiledPattern } from './pattern';
import type { Rule } from './rule-schema';
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

export interface Analyzer {
  analyze(text: string): Analysis;
  /** Where `phrase` (same pattern syntax as rules) occurs in text, as original offsets; null if absent. Used for persona-fact keywords. */
  findPhrase(text: string, phrase: string): { start: number; end: number } | null;
  rules: readonly Rule[];
  ruleById(id: string): Rule | undefined;
}

interface IndexedPattern {
  ruleIndex: number;
  compiled: CompiledPattern;
}

interface Match {
  start: number;
  end: number;
}

const MAX_PHRASE_CACHE = 500;

/** Prefix key of 1 or 2 UTF-16 units as one number, so lookups allocate nothing. */
function keyOf(first: number, second?: number): number {
  return second === undefined ? first : first * 0x10000 + second + 0x10000;
}

function allMatches(regex: RegExp, text: string): Match[] {
  const matches: Match[] = [];
  regex.lastIndex = 0;
  for (let found = regex.exec(text); found !== null; found = regex.exec(text)) {
    matches.push({ start: found.index, end: found.index + found[0].length });
    regex.lastIndex = found.index + 1;
  }
  return matches;
}

function overlaps(a: Match, b: Match): boolean {
  return a.start < b.end && b.start < a.end;
}

/** Builds an analyzer over validated rules; throws PatternError on a malformed pattern. Fires: 你弄错了 (rule 你…弄错); silent: 您没有弄错 (exception). */
export function createAnalyzer(
  rules: readonly Rule[],
  options: { toSimplified?: (char: string) => string } = {},
): Analyzer {
  const { toSimplified } = options;
  const byPrefix = new Map<number, IndexedPattern[]>();
  const unindexed: IndexedPattern[] = [];
  const exceptions: CompiledPattern[][] = [];
  const byId = new Map<string, Rule>();

  rules.forEach((rule, ruleIndex) => {
    byId.set(rule.id, rule);
    for (const pattern of rule.patterns) {
      const compiled = compilePattern(pattern, toSimplified);
      const entry = { ruleIndex, compiled };
      if (compiled.prefixes === null) {
        unindexed.push(entry);
        continue;
      }
      for (const prefix of compiled.prefixes) {
        const key = keyOf(
          prefix.charCodeAt(0),
          prefix.length > 1 ? prefix.charCodeAt(1) : undefined,
        );
        const list = byPrefix.get(key);
        if (list) list.push(entry);
        else byPrefix.set(key, [entry]);
      }
    }
    exceptions.push(rule.exceptions.map((pattern) => compilePattern(pattern, toSimplified)));
  });

  function rawMatches(text: string): Map<number, Match[]> {
    const found = new Map<number, Match[]>();
    const record = (ruleIndex: number, match: Match): void => {
      const list = found.get(ruleIndex);
      if (list) list.push(match);
      else found.set(ruleIndex, [match]);
    };
    const tryAt = (candidates: IndexedPattern[] | undefined, start: number): void => {
      if (!candidates) return;
      for (const { ruleIndex, compiled } of candidates) {
        const regex = compiled.sticky;
        regex.lastIndex = start;
        if (regex.test(text)) record(ruleIndex, { start, end: regex.lastIndex });
      }
    };
    for (let index = 0; index < text.length; index++) {
      const first = text.charCodeAt(index);
      tryAt(byPrefix.get(first), index);
      if (index + 1 < text.length)
        tryAt(byPrefix.get(keyOf(first, text.charCodeAt(index + 1))), index);
    }
    for (const { ruleIndex, compiled } of unindexed) {
      for (const match of allMatches(compiled.global, text)) record(ruleIndex, match);
    }
    return found;
  }

  function survivors(ruleIndex: number, matches: Match[], text: string): Match[] {
    const ruleExceptions = exceptions[ruleIndex] ?? [];
    if (ruleExceptions.length === 0) return matches;
    const cancelling = ruleExceptions.flatMap((exception) => allMatches(exception.global, text));
    if (cancelling.length === 0) return matches;
    return matches.filter((match) => !cancelling.some((exception) => overlaps(match, exception)));
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

  function analyze(text: string): Analysis {
    const normalized = normalize(text, toSimplified);
    const tags = new Set<Tag>();
    const spans: Span[] = [];
    for (const [ruleIndex, matches] of rawMatches(normalized.text)) {
      const rule = rules[ruleIndex];
      if (!rule) continue;
      const kept = survivors(ruleIndex, matches, normalized.text);
      if (kept.length === 0) continue;
      tags.add(rule.tag);
      spans.push(...toSpans(text, normalized, rule, kept));
    }
    spans.sort(
      (a, b) =>
        a.start - b.start ||
        a.end - b.end ||
        (a.ruleId < b.ruleId ? -1 : a.ruleId > b.ruleId ? 1 : 0),
    );
    return { tags: [...tags].sort(), spans };
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
    const normalized = normalize(text, toSimplified);
    compiled.global.lastIndex = 0;
    const found = compiled.global.exec(normalized.text);
    if (!found) return null;
    return originalRange(text, normalized, found.index, found.index + found[0].length);
  }

  return {
    analyze,
    findPhrase,
    rules,
    ruleById: (id) => byId.get(id),
  };
}
