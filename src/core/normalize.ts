/**
 * Text normalisation for phrase matching, with a map back to the original offsets.
 *
 * Replies and rule patterns go through the same steps, one character at a time:
 *   traditional -> simplified (optional converter), full-width -> half-width, lower case,
 *   您/妳 -> 你; whitespace (incl. U+3000), zero-width and format characters, emoji, symbols and
 *   in-phrase punctuation (、-·_~*'"“”‘’…… brackets …) are dropped, so 你 弄-错 了 reads 你弄错了.
 *
 * Clause boundaries survive as one marker character each (a run collapses to the strongest):
 *   QUESTION_MARK  '?'  after ? ？          — question rules can see it: (吗|呢)$ and 吗?
 *   CLAUSE_END     '。' after 。！!；;\n and other sentence ends
 *   COMMA          ','  after ，,：: — a soft boundary
 * Commas are boundaries rather than removable punctuation because in Chinese a comma closes a
 * clause: a gap must not reach across it (你好，这个弄错了 is not 你…弄错) and 但 opening the
 * clause after a comma (东西不错，但价格高) is exactly the 转折 the ^但 rule means. A comma
 * written in a pattern is optional, so 对不起，给你添麻烦了 still matches text without one.
 */

export interface Normalized {
  text: string;
  /** map[i] = UTF-16 index in the original of normalised char i */
  map: number[];
}

export const QUESTION_MARK = '?';
export const CLAUSE_END = '。';
export const COMMA = ',';
/** The boundary markers, as a regex character class body. */
export const BOUNDARY_CLASS = '。?,';

const KEEP = 1;
const DROP = 2;
const END = 3;
const QUESTION = 4;
const SOFT = 5;
type CharClass = typeof KEEP | typeof DROP | typeof END | typeof QUESTION | typeof SOFT;

// Boundary strength when a run of boundaries collapses into one marker.
const STRENGTH: Record<number, number> = { [SOFT]: 1, [END]: 2, [QUESTION]: 3 };
const MARKER: Record<number, string> = {
  [SOFT]: COMMA,
  [END]: CLAUSE_END,
  [QUESTION]: QUESTION_MARK,
};

const QUESTION_CHARS = new Set(['?', '？', '﹖']);
// ASCII '.' is not a boundary: it is a decimal point (3.5元) or an ellipsis (...) far more often.
const END_CHARS = new Set(['。', '｡', '!', '！', '﹗', ';', '；', '﹔', '\n', '\r']);
const SOFT_CHARS = new Set(['，', ',', '﹐', '､', ':', '：', '﹕']);
const DROP_PATTERN = /[\s\p{P}\p{S}\p{Cf}\p{Cc}\p{Extended_Pictographic}\uFE00-\uFE0F\u3000]/u;

// Per code point: what the character is, and (for kept ones) what it becomes before the
// traditional converter runs. Filled lazily; the reply alphabet is small.
const classCache = new Map<number, CharClass>();
const foldCache = new Map<number, string>();

function halfWidth(code: number): number {
  if (code >= 0xff01 && code <= 0xff5e) return code - 0xfee0;
  if (code === 0x3000) return 0x20;
  return code;
}

function classify(code: number): CharClass {
  const cached = classCache.get(code);
  if (cached !== undefined) return cached;
  const char = String.fromCodePoint(code);
  const half = String.fromCodePoint(halfWidth(code));
  let result: CharClass = KEEP;
  if (END_CHARS.has(char)) result = END;
  else if (QUESTION_CHARS.has(char)) result = QUESTION;
  else if (SOFT_CHARS.has(char)) result = SOFT;
  else if (DROP_PATTERN.test(char) || DROP_PATTERN.test(half)) result = DROP;
  classCache.set(code, result);
  return result;
}

function fold(code: number): string {
  const cached = foldCache.get(code);
  if (cached !== undefined) return cached;
  const half = String.fromCodePoint(halfWidth(code));
  const lower = half.toLowerCase();
  let result = lower.length === half.length ? lower : half;
  if (result === '您' || result === '妳') result = '你';
  foldCache.set(code, result);
  return result;
}

// BMP fast path, filled on first sight: the class of each code unit, and the one code unit it
// becomes (0: not known yet; MULTI: it becomes several units, see the slow path). The output
// depends on the converter, so there is one output table per converter function.
const MULTI = 0xffff;
const bmpClass = new Uint8Array(0x10000);
const outputTables = new WeakMap<(char: string) => string, Uint16Array>();
const plainOutput = new Uint16Array(0x10000);

function output(code: number, toSimplified?: (char: string) => string): string {
  let char = fold(code);
  if (toSimplified && code >= 0x2e80) {
    char = toSimplified(char);
    if (char === '您' || char === '妳') char = '你';
  }
  return char;
}

/** Normalises text for matching, keeping each output char's original offset: 「您 弄-錯 了！」 -> 你弄错了。 */
export function normalize(text: string, toSimplified?: (char: string) => string): Normalized {
  let table: Uint16Array = plainOutput;
  if (toSimplified) {
    table = outputTables.get(toSimplified) ?? new Uint16Array(0x10000);
    outputTables.set(toSimplified, table);
  }
  let out = '';
  const map: number[] = [];
  // A run of boundaries is written as one marker, the strongest of the run, when text follows.
  let pendingClass = 0;
  let pendingAt = 0;
  for (let index = 0; index < text.length;) {
    const unit = text.charCodeAt(index);
    const astral = unit >= 0xd800 && unit <= 0xdbff;
    const code = astral ? (text.codePointAt(index) ?? unit) : unit;
    const width = code > 0xffff ? 2 : 1;
    let kind: number = width === 1 ? (bmpClass[code] ?? 0) : classify(code);
    if (kind === 0) {
      kind = classify(code);
      bmpClass[code] = kind;
    }
    if (kind === KEEP) {
      if (pendingClass !== 0) {
        out += MARKER[pendingClass];
        map.push(pendingAt);
        pendingClass = 0;
      }
      let single = width === 1 ? (table[code] ?? 0) : MULTI;
      if (single === 0) {
        const char = output(code, toSimplified);
        single = char.length === 1 && char.charCodeAt(0) !== 0 ? char.charCodeAt(0) : MULTI;
        table[code] = single;
      }
      if (single !== MULTI) {
        out += String.fromCharCode(single);
        map.push(index);
      } else {
        const char = output(code, toSimplified);
        out += char;
        for (let extra = 0; extra < char.length; extra++) map.push(index);
      }
    } else if (kind !== DROP) {
      if ((STRENGTH[kind] ?? 0) > (STRENGTH[pendingClass] ?? 0)) {
        if (pendingClass === 0) pendingAt = index;
        pendingClass = kind;
      }
    }
    index += width;
  }
  if (pendingClass !== 0) {
    out += MARKER[pendingClass];
    map.push(pendingAt);
  }
  return { text: out, map };
}

/** The UTF-16 end (exclusive) in the original of normalised chars [start, end): 你弄错 of 您 弄-错 -> 0..5. */
export function originalRange(
  original: string,
  normalized: Normalized,
  start: number,
  end: number,
): { start: number; end: number } {
  const from = normalized.map[start] ?? original.length;
  const lastAt = normalized.map[end - 1] ?? from;
  const lastCode = original.codePointAt(lastAt) ?? 0;
  return { start: from, end: lastAt + (lastCode > 0xffff ? 2 : 1) };
}
