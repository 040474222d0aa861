/**
 * Parse YAML that people write, and turn schema errors into messages that name the file,
 * the line and the field. Shared by the rule and scenario loaders.
 */
import { isNode, LineCounter, parseDocument, type Document } from 'yaml';
import type { z } from 'zod';

/** One problem in a data file, precise enough for a trainer to fix it. */
export interface LoadError {
  file: string;
  line: number;
  field: string;
  /** In English; a UI translates by `issue` where it is set. */
  message: string;
  /** What a schema issue was, for translation: its code (zod's, or 'required' for a missing field) and details. */
  issue?: LoadIssue;
}

/** A schema issue in plain data: zod's code, the last key of its path and the figures a message needs. */
export interface LoadIssue {
  code: string;
  key?: string;
  expected?: string;
  origin?: string;
  limit?: number;
  values?: string[];
}

/** The plain LoadIssue of a zod issue; 'required' when the value at its path is absent. */
function loadIssue(
  parsed: ParsedYaml,
  path: readonly PropertyKey[],
  issue: z.core.$ZodIssue,
): LoadIssue {
  const last = [...path].reverse().find((key) => typeof key === 'string');
  const key = typeof last === 'string' ? { key: last } : {};
  switch (issue.code) {
    case 'invalid_type':
      return parsed.doc.getIn(path as unknown[]) === undefined
        ? { code: 'required', ...key }
        : { code: issue.code, expected: issue.expected, ...key };
    case 'too_small':
      return { code: issue.code, origin: issue.origin, limit: Number(issue.minimum), ...key };
    case 'too_big':
      return { code: issue.code, origin: issue.origin, limit: Number(issue.maximum), ...key };
    case 'invalid_value':
      return { code: issue.code, values: issue.values.map(String), ...key };
    case 'unrecognized_keys':
      return { code: issue.code, values: issue.keys, ...key };
    default:
      return { code: issue.code, ...key };
  }
}

export interface ParsedYaml {
  doc: Document.Parsed;
  lines: LineCounter;
  /** The plain data, or undefined when the text is not valid YAML (see errors). */
  data: unknown;
  errors: LoadError[];
}

// Caps the expansion of aliases, so an alias bomb ("billion laughs") is an error, not a hang.
const MAX_ALIAS_COUNT = 100;

/** Deeper than any scenario or rule pack needs (they use about 8 levels). */
export const MAX_YAML_DEPTH = 64;

const TOO_DEEP = `nested too deeply: a scenario or rule pack needs far fewer than ${MAX_YAML_DEPTH} levels of lists and maps`;

/** A JavaScript stack overflow says nothing to a trainer: say what is wrong instead. */
function readable(error: unknown): string {
  if (error instanceof RangeError) return TOO_DEEP;
  const message = error instanceof Error ? error.message : String(error);
  return /call stack/i.test(message) ? TOO_DEEP : (message.split('\n')[0] ?? message);
}

/** Where the text first nests deeper than MAX_YAML_DEPTH (flow brackets or indentation), as a 1-based line. */
function tooDeepAt(text: string): number | undefined {
  let line = 1;
  let brackets = 0;
  let indent = 0;
  let atLineStart = true;
  for (const char of text) {
    if (char === '\n') {
      line += 1;
      indent = 0;
      atLineStart = true;
      continue;
    }
    if (atLineStart && char === ' ') indent += 1;
    else atLineStart = false;
    if (char === '[' || char === '{') brackets += 1;
    if (char === ']' || char === '}') brackets = Math.max(0, brackets - 1);
    // Two spaces of indentation a level, as the bundled files and any YAML editor write them.
    if (brackets > MAX_YAML_DEPTH || indent / 2 > MAX_YAML_DEPTH) return line;
  }
  return undefined;
}

/** Parses YAML text keeping node positions; syntax errors come back as LoadErrors. */
export function parseYaml(text: string, file: string): ParsedYaml {
  const lines = new LineCounter();
  const deepLine = tooDeepAt(text);
  const empty = parseDocument('', { lineCounter: new LineCounter() });
  if (deepLine !== undefined)
    return {
      doc: empty,
      lines,
      data: undefined,
      errors: [{ file, line: deepLine, field: '', message: TOO_DEEP }],
    };
  let doc: Document.Parsed;
  try {
    doc = parseDocument(text, { lineCounter: lines, prettyErrors: false, uniqueKeys: true });
  } catch (error) {
    return {
      doc: empty,
      lines,
      data: undefined,
      errors: [{ file, line: 1, field: '', message: readable(error) }],
    };
  }
  const errors: LoadError[] = doc.errors.map((error) => ({
    file,
    line: lines.linePos(error.pos[0]).line,
    field: '',
    message: readable(error),
  }));
  if (errors.length > 0) return { doc, lines, data: undefined, errors };
  try {
    return { doc, lines, data: doc.toJS({ maxAliasCount: MAX_ALIAS_COUNT }), errors };
  } catch (error) {
    return {
      doc,
      lines,
      data: undefined,
      errors: [{ file, line: 1, field: '', message: readable(error) }],
    };
  }
}

/** The 1-based line of the node at `path`, or of its nearest existing parent. */
export function lineOf(parsed: ParsedYaml, path: readonly PropertyKey[]): number {
  for (let depth = path.length; depth >= 0; depth--) {
    const node = parsed.doc.getIn(path.slice(0, depth) as unknown[], true);
    if (isNode(node) && node.range) return parsed.lines.linePos(node.range[0]).line;
  }
  return 1;
}

/** A readable field path: steps[2].next[0].goto */
export function fieldPath(path: readonly PropertyKey[]): string {
  return path
    .map((key, index) =>
      typeof key === 'number' ? `[${key}]` : `${index === 0 ? '' : '.'}${String(key)}`,
    )
    .join('');
}

/** Schema issues as LoadErrors; `prefix` is the path of the validated value inside the file. */
export function issuesToErrors(
  parsed: ParsedYaml,
  file: string,
  issues: readonly z.core.$ZodIssue[],
  prefix: readonly PropertyKey[] = [],
): LoadError[] {
  return issues.map((issue) => {
    const path = [...prefix, ...issue.path];
    const unknownKeys = issue.code === 'unrecognized_keys' ? issue.keys : [];
    const fieldParts = unknownKeys.length > 0 ? [...path, unknownKeys[0] as string] : path;
    return {
      file,
      line: lineOf(parsed, fieldParts),
      field: fieldPath(fieldParts),
      message: issue.message,
      issue: loadIssue(parsed, path, issue),
    };
  });
}

/** "scenarios/x.yaml:12 steps[0].goto: unknown step" */
export function formatLoadError(error: LoadError): string {
  return `${error.file}:${error.line}${error.field ? ` ${error.field}` : ''}: ${error.message}`;
}
