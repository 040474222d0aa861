/**
 * npm run analyze -- FILE.jsonl   (or JSONL on stdin)
 * Input: one {"id": ..., "text": ...} a line. Output: one line per input line, in order:
 * {"id", "tags", "spans"}. A bad line gets {"id", "error"} on stdout (so lines stay aligned) and
 * a message with its line number on stderr; the exit status is then 2. A blank input line gives
 * a blank output line. Rule load errors go to stderr and also give exit status 2.
 */
import { createReadStream } from 'node:fs';
import { createInterface } from 'node:readline';
import { formatLoadError } from '../src/core/yaml-source';
import { createNodeAnalyzer } from '../src/node/node-rules';

const [file] = process.argv.slice(2);
const { analyzer, errors } = await createNodeAnalyzer();
for (const error of errors) process.stderr.write(`rule error: ${formatLoadError(error)}\n`);
let status = errors.length > 0 ? 2 : 0;

const input = file ? createReadStream(file, 'utf8') : process.stdin;
const lines = createInterface({ input, crlfDelay: Infinity });
let lineNumber = 0;
const out: string[] = [];
const flush = (): void => {
  if (out.length > 0) process.stdout.write(out.join(''));
  out.length = 0;
};

for await (const line of lines) {
  lineNumber++;
  if (line.trim() === '') {
    out.push('\n');
    continue;
  }
  let value: unknown;
  let problem = '';
  try {
    value = JSON.parse(line);
  } catch (error) {
    problem = `not valid JSON (${(error as Error).message})`;
  }
  const record =
    typeof value === 'object' && value !== null ? (value as Record<string, unknown>) : {};
  const id = record.id ?? null;
  if (!problem && (typeof value !== 'object' || value === null || Array.isArray(value))) {
    problem = 'expected a JSON object {"id": ..., "text": ...}';
  } else if (!problem && typeof record.text !== 'string') {
    problem = '"text" is missing or not a string';
  }
  if (problem) {
    status = 2;
    process.stderr.write(`${file ?? 'stdin'}:${lineNumber}: ${problem}\n`);
    out.push(`${JSON.stringify({ id, error: `line ${lineNumber}: ${problem}` })}\n`);
  } else {
    const { tags, spans } = analyzer.analyze(record.text as string);
    out.push(`${JSON.stringify({ id, tags, spans })}\n`);
  }
  if (out.length >= 256) flush();
}
flush();
process.exitCode = status;
