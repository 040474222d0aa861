/**
 * npm run bench [-- --synthetic]
 * Analyzer throughput (replies/s) and p50/p99 latency per reply over 12,000 replies of mixed
 * length (fixture replies, ~300-char and ~2,000-char concatenations), built from
 * tests/fixtures/replies.jsonl with a seeded generator so every run sees the same input.
 * Uses the real catalogue; --synthetic adds 150 rules of 7 phrases cut from the fixtures (so
 * they fire far more often than real rules) to stress the engine at the catalogue's target
 * size. Prints figures, asserts nothing.
 */
import { readFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { performance } from 'node:perf_hooks';
import { createAnalyzer } from '../src/core/analyzer';
import { parseLabelledReplies } from '../src/core/eval';
import type { Rule } from '../src/core/rule-schema';
import { TAGS } from '../src/core/tags';
import { parseTagModel } from '../src/core/tag-model';
import { loadTraditionalConverter } from '../src/core/traditional';
import { loadRulePacks } from '../src/core/rule-loader';
import { readRuleFiles, TAG_MODEL_PATH } from '../src/node/node-rules';

const TOTAL = 12_000;
const WARMUP = 1_000;
const SEED = 20240611;

function mulberry32(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const random = mulberry32(SEED);
const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)] as T;

const texts = parseLabelledReplies(
  readFileSync('tests/fixtures/replies.jsonl', 'utf8'),
).replies.map((reply) => reply.text);
if (texts.length === 0) throw new Error('no fixtures in tests/fixtures/replies.jsonl');

function concatenated(length: number): string {
  let text = '';
  while (text.length < length) text += pick(texts);
  return text.slice(0, length);
}

/** A phrase of 3–6 Chinese characters cut from a fixture, a quarter of them with a gap. */
function syntheticPattern(): string {
  const source = pick(texts).replace(/[^\u4e00-\u9fff]/g, '');
  const start = Math.floor(random() * Math.max(1, source.length - 6));
  const phrase = source.slice(start, start + 3 + Math.floor(random() * 4));
  if (phrase.length < 2) return '你好呀';
  return random() < 0.25 ? `${phrase.slice(0, 1)}…${phrase.slice(1)}` : phrase;
}

function syntheticRules(count: number, patternsPerRule: number): Rule[] {
  return Array.from({ length: count }, (_, index) => ({
    id: `synthetic.${index}`,
    tag: pick(TAGS),
    dimension: '可靠性' as const,
    weight: 1,
    patterns: Array.from({ length: patternsPerRule }, syntheticPattern),
    exceptions: random() < 0.3 ? [syntheticPattern()] : [],
    message: { 'zh-CN': '合成', en: 'synthetic' },
    better: { 'zh-CN': '合成', en: 'synthetic' },
    source: { doc: '000_f0073613afcad88c.txt', section: 'bench' },
    examples: { fires: [], silent: [] },
  }));
}

const loaded = loadRulePacks(readRuleFiles());
const rules = [...loaded.rules];
if (process.argv.includes('--synthetic')) rules.push(...syntheticRules(150, 7));
const patternCount = rules.reduce((sum, rule) => sum + rule.patterns.length, 0);

const buildStart = performance.now();
const toSimplified = await loadTraditionalConverter();
// The analyzer as the app builds it: rules and the statistical part.
const model = parseTagModel(readFileSync(TAG_MODEL_PATH, 'utf8'));
// No cache of repeated texts: every reply below is analysed afresh.
const analyzer = createAnalyzer(rules, {
  toSimplified,
  analysisCacheSize: 0,
  ...(model ? { model } : {}),
});
const buildMs = performance.now() - buildStart;

const replies = Array.from({ length: TOTAL }, () => {
  const roll = random();
  if (roll < 0.8) return pick(texts);
  if (roll < 0.95) return concatenated(300);
  return concatenated(2000);
});

for (const reply of replies.slice(0, WARMUP)) analyzer.analyze(reply);

const timings: { length: number; ms: number }[] = [];
const cpuStart = process.cpuUsage();
const runStart = performance.now();
let tagged = 0;
for (const reply of replies) {
  const start = performance.now();
  tagged += analyzer.analyze(reply).tags.length;
  timings.push({ length: reply.length, ms: performance.now() - start });
}
const runMs = performance.now() - runStart;
const cpu = process.cpuUsage(cpuStart);
const cpuMs = (cpu.user + cpu.system) / 1000;

function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0;
}

const line = (name: string, ms: number[]): string =>
  `${name.padEnd(22)} n=${String(ms.length).padStart(6)}  p50 ${percentile(ms, 50).toFixed(3)} ms  p99 ${percentile(ms, 99).toFixed(3)} ms  max ${Math.max(...ms).toFixed(3)} ms`;

console.log(
  `catalogue: ${rules.length} rules, ${patternCount} patterns` +
    (loaded.errors.length > 0 ? ` (${loaded.errors.length} load errors ignored)` : '') +
    `${model ? ', with the tag model' : ', rules only (no valid tag model)'}` +
    `; analyzer built in ${buildMs.toFixed(1)} ms (incl. converter load)`,
);
console.log(
  `${TOTAL} replies (seed ${SEED}), ${(runMs / 1000).toFixed(2)} s, ${Math.round(TOTAL / (runMs / 1000))} replies/s, ${tagged} tags`,
);
console.log(
  `CPU time ${(cpuMs / 1000).toFixed(2)} s (${Math.round(TOTAL / (cpuMs / 1000))} replies per CPU-second); ` +
    `load average ${loadavg()[0]?.toFixed(1)} on ${cpus().length} cores: wall-clock latencies mean little on a busy machine`,
);
const buckets: [string, (length: number) => boolean][] = [
  ['all', () => true],
  ['fixture replies', (length) => length < 300],
  ['~300 chars', (length) => length === 300],
  ['2,000 chars', (length) => length === 2000],
];
for (const [name, holds] of buckets) {
  console.log(
    line(
      name,
      timings.filter((t) => holds(t.length)).map((t) => t.ms),
    ),
  );
}

// Linear cost: replies built to match a phrase and its exception many times over. Ten times the
// length should cost about ten times the time, never its square.
const ADVERSARIAL = ['你弄错了。您没有弄错。', '但是不但是，', '你别激动，您别着急，', '对不起'];
for (const length of [20_000, 200_000]) {
  const ms = ADVERSARIAL.map((unit) => {
    const text = unit.repeat(Math.ceil(length / unit.length)).slice(0, length);
    const start = performance.now();
    analyzer.analyze(text);
    return performance.now() - start;
  });
  const total = ms.reduce((a, b) => a + b, 0);
  console.log(
    `adversarial ${String(length).padStart(7)} chars × ${ADVERSARIAL.length}: ${total.toFixed(0)} ms (${ms.map((m) => m.toFixed(0)).join(' / ')})`,
  );
}
