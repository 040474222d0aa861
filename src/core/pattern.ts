/**
 * Rule patterns (syntax in rule-schema.ts) compiled to RegExp over normalised text. Every
 * character of a pattern is either syntax (… ... ^ $ ( | )) or literal text, normalised like a
 * reply and escaped; nothing is ever evaluated.
 */
import { BOUNDARY_CLASS, COMMA, normalize } from './normalize';

/** Largest gap, in normalised characters, that `…` spans. */
export const MAX_GAP = 8;
/** Prefix keys are this many characters long at most (see CompiledPattern.prefixes). */
export const PREFIX_LENGTH = 2;
const MAX_PREFIXES = 1024;

export interface CompiledPattern {
  pattern: string;
  /** Matches at `lastIndex` only (flag y): for the prefix-indexed scan. */
  sticky: RegExp;
  /** Finds matches anywhere (flag g). */
  global: RegExp;
  /**
   * Every way the match can begin: strings of PREFIX_LENGTH chars, or shorter when the pattern
   * can end or open a gap sooner. null when no useful prefix exists (then the pattern is scanned).
   */
  prefixes: string[] | null;
  /** Character pairs any match must contain (see Requirement); true when nothing is certain. */
  requires: Requirement;
}

/**
 * What a match needs in the text: every pair in `all` (two chars side by side, or one char
 * alone when the literal is one char long), and for each group one of its options. Lets the
 * analyzer skip, on long replies, the patterns that cannot match before trying them.
 */
export type Requirement = true | { all: string[]; groups: Requirement[][] };

export class PatternError extends Error {}

type Node =
  | { kind: 'text'; text: string }
  | { kind: 'gap' }
  | { kind: 'comma' }
  | { kind: 'group'; options: Node[][] };

interface Parsed {
  atStart: boolean;
  atEnd: boolean;
  body: Node[];
}

const GAP = `[^${BOUNDARY_CLASS}]{0,${MAX_GAP}}?`;
const CLAUSE_START = `(?<=^|[${BOUNDARY_CLASS}])`;
const CLAUSE_END = `(?=$|[${BOUNDARY_CLASS}])`;

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\/-]/g, '\\$&');
}

function parse(pattern: string, toSimplified?: (char: string) => string): Parsed {
  let source = pattern.trim();
  const atStart = source.startsWith('^');
  if (atStart) source = source.slice(1);
  const atEnd = source.endsWith('$');
  if (atEnd) source = source.slice(0, -1);
  let position = 0;

  function literal(raw: string, into: Node[]): void {
    if (raw === '') return;
    const text = normalize(raw, toSimplified).text;
    // A comma in a pattern is optional: 对不起，给你添麻烦了 matches with or without it.
    for (const [index, piece] of text.split(COMMA).entries()) {
      if (index > 0) into.push({ kind: 'comma' });
      if (piece !== '') into.push({ kind: 'text', text: piece });
    }
  }

  function sequence(depth: number): Node[] {
    const nodes: Node[] = [];
    let raw = '';
    while (position < source.length) {
      const char = source[position] ?? '';
      if (char === '…' || source.startsWith('...', position)) {
        literal(raw, nodes);
        raw = '';
        while (source[position] === '…' || source.startsWith('...', position)) {
          position += source[position] === '…' ? 1 : 3;
        }
        if (nodes.at(-1)?.kind !== 'gap') nodes.push({ kind: 'gap' });
        continue;
      }
      if (char === '(') {
        literal(raw, nodes);
        raw = '';
        const openedAt = position;
        position++;
        const options: Node[][] = [sequence(depth + 1)];
        while (source[position] === '|') {
          position++;
          options.push(sequence(depth + 1));
        }
        if (source[position] !== ')')
          throw new PatternError(`"(" at ${openedAt + 1} is never closed`);
        position++;
        nodes.push({ kind: 'group', options });
        continue;
      }
      if (char === '|' || char === ')') {
        if (depth === 0) {
          throw new PatternError(`"${char}" outside a (a|b) group; alternatives need brackets`);
        }
        break;
      }
      if (char === '^' || char === '$') {
        throw new PatternError(`"${char}" may only open (^) or close ($) the pattern`);
      }
      raw += char;
      position++;
    }
    literal(raw, nodes);
    return nodes;
  }

  const body = sequence(0);
  if (position < source.length) throw new PatternError(`unexpected "${source[position]}"`);
  return { atStart, atEnd, body };
}

function toRegExpSource(nodes: readonly Node[]): string {
  return nodes
    .map((node) => {
      switch (node.kind) {
        case 'text':
          return escapeRegExp(node.text);
        case 'gap':
          return GAP;
        case 'comma':
          return `${COMMA}?`;
        case 'group':
          return `(?:${node.options.map(toRegExpSource).join('|')})`;
      }
    })
    .join('');
}

/** Smallest number of characters the nodes can match (gaps and commas count 0). */
function minLength(nodes: readonly Node[]): number {
  let total = 0;
  for (const node of nodes) {
    if (node.kind === 'text') total += node.text.length;
    else if (node.kind === 'group') total += Math.min(...node.options.map(minLength));
  }
  return total;
}

interface Start {
  text: string;
  /** The nodes were consumed up to here as known text, so what follows extends `text`. */
  open: boolean;
}

/**
 * The possible beginnings of a match, cut at `length` chars or where a gap or comma makes the
 * next character unknown. null if there are more than MAX_PREFIXES.
 */
function startsOf(nodes: readonly Node[], length: number): Start[] | null {
  let states: Start[] = [{ text: '', open: true }];
  for (const node of nodes) {
    const next: Start[] = [];
    for (const state of states) {
      if (!state.open || state.text.length >= length) {
        next.push({ text: state.text, open: false });
      } else if (node.kind === 'text') {
        const text = state.text + node.text;
        next.push({ text: text.slice(0, length), open: text.length < length });
      } else if (node.kind === 'group') {
        for (const option of node.options) {
          const tails = startsOf(option, length - state.text.length);
          if (tails === null) return null;
          for (const tail of tails) next.push({ text: state.text + tail.text, open: tail.open });
        }
      } else {
        next.push({ text: state.text, open: false });
      }
    }
    const unique = new Map(next.map((state) => [`${state.open ? 1 : 0}${state.text}`, state]));
    states = [...unique.values()];
    if (states.length > MAX_PREFIXES) return null;
  }
  return states;
}

function prefixesOf(nodes: readonly Node[]): string[] | null {
  const starts = startsOf(nodes, PREFIX_LENGTH);
  if (starts === null) return null;
  const prefixes = [...new Set(starts.map((start) => start.text))];
  return prefixes.includes('') ? null : prefixes;
}

function requirementOf(nodes: readonly Node[]): Requirement {
  const all: string[] = [];
  const groups: Requirement[][] = [];
  for (const node of nodes) {
    if (node.kind === 'text') {
      if (node.text.length === 1) all.push(node.text);
      for (let index = 0; index + 1 < node.text.length; index++) {
        all.push(node.text.slice(index, index + 2));
      }
    } else if (node.kind === 'group') {
      const options = node.options.map(requirementOf);
      if (!options.includes(true)) groups.push(options);
    }
  }
  return all.length === 0 && groups.length === 0 ? true : { all: [...new Set(all)], groups };
}

/** Named word sets: name -> phrases (each itself a pattern). */
export type WordSets = ReadonlyMap<string, readonly string[]>;
const SET_REFERENCE = /\{([^{}]+)\}/g;
const MAX_SET_DEPTH = 4;

/** Replaces every {name} with (phrase|phrase|…); throws PatternError on an unknown set or a cycle. */
export function expandSets(pattern: string, sets: WordSets, depth = 0): string {
  if (!pattern.includes('{')) return pattern;
  if (depth > MAX_SET_DEPTH)
    throw new PatternError(
      `word sets nest deeper than ${MAX_SET_DEPTH} (a set may refer to itself)`,
    );
  return pattern.replace(SET_REFERENCE, (_, name: string) => {
    const phrases = sets.get(name);
    if (!phrases) throw new PatternError(`unknown word set {${name}}`);
    return `(${phrases.map((phrase) => expandSets(phrase, sets, depth + 1)).join('|')})`;
  });
}

/** Compiles a rule pattern; throws PatternError if it is malformed: 你…弄错 ok, (吗|呢 throws. */
export function compilePattern(
  pattern: string,
  toSimplified?: (char: string) => string,
): CompiledPattern {
  const parsed = parse(pattern, toSimplified);
  if (minLength(parsed.body) === 0) {
    throw new PatternError('matches no text once spaces and punctuation are removed');
  }
  const source =
    (parsed.atStart ? CLAUSE_START : '') +
    toRegExpSource(parsed.body) +
    (parsed.atEnd ? CLAUSE_END : '');
  return {
    pattern,
    sticky: new RegExp(source, 'y'),
    global: new RegExp(source, 'g'),
    prefixes: prefixesOf(parsed.body),
    requires: requirementOf(parsed.body),
  };
}

/** Why a pattern is malformed, or null if it compiles: (吗|呢 -> "… never closed". */
export function patternProblem(pattern: string): string | null {
  try {
    compilePattern(pattern);
    return null;
  } catch (error) {
    if (error instanceof PatternError) return error.message;
    throw error;
  }
}
