import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { analysisContextOf } from '../../../src/core/analysis-context';
import { evaluateAnalyzer, parseLabelledReplies } from '../../../src/core/eval';
import { createNodeAnalyzer } from '../../../src/node/node-rules';
import { loadNodeScenarios } from '../../../src/node/node-scenarios';

/**
 * Held-out sets (tests/fixtures/README.md): how the analyzer (rules and tag model) does on
 * wordings nobody wrote rules for. heldout-2 (written by an earlier rule writer's session,
 * looked at twice) measured micro F1 0.97 on 2026-12-04. heldout-9 (written blind) measured
 * micro F1 0.909 and macro F1 0.905 when first run, and has been tuned on since (2026-12-05).
 * heldout-10 (written blind in helper sessions from the tag definitions and the course documents
 * only, never tuned on, not in the model's training data) measured micro F1 0.915 (P 0.907) and
 * macro F1 0.905 when first run on 2026-12-05, and was tuned on after that (round 6).
 * heldout-11 (written blind the same way, never tuned on, not in the model's training data)
 * measured micro F1 0.933 (P 0.919) and macro F1 0.929 when first run, after round 6. Each floor
 * sits a few points below, so a change that makes the analyzer worse on unseen text fails here
 * instead of passing on the tuned sets.
 */
const SETS = [
  { file: 'heldout-2.jsonl', minReplies: 150, microF1: 0.9, precision: 0.9, macroF1: 0.88 },
  { file: 'heldout-9.jsonl', minReplies: 300, microF1: 0.87, precision: 0.88, macroF1: 0.87 },
  { file: 'heldout-10.jsonl', minReplies: 300, microF1: 0.89, precision: 0.88, macroF1: 0.88 },
  { file: 'heldout-11.jsonl', minReplies: 300, microF1: 0.91, precision: 0.9, macroF1: 0.9 },
];

const { analyzer, errors } = await createNodeAnalyzer();
const { scenarios } = loadNodeScenarios();
const contextOf = (id: string) => {
  const scenario = scenarios.find((candidate) => candidate.id === id);
  return scenario ? analysisContextOf(scenario) : undefined;
};

describe.each(SETS)('evaluate (real catalogue on the untuned tests/fixtures/$file)', (set) => {
  const { replies, problems } = parseLabelledReplies(
    readFileSync(`tests/fixtures/${set.file}`, 'utf8'),
  );
  const report = evaluateAnalyzer(analyzer, replies, contextOf);

  it('should load the catalogue and read every held-out line', () => {
    expect(errors).toEqual([]);
    expect(problems).toEqual([]);
    expect(replies.length).toBeGreaterThanOrEqual(set.minReplies);
  });

  it(`should keep micro F1 ≥ ${set.microF1}, precision ≥ ${set.precision} and macro F1 ≥ ${set.macroF1} on unseen wordings`, () => {
    expect(report.micro.f1).toBeGreaterThanOrEqual(set.microF1);
    expect(report.micro.precision).toBeGreaterThanOrEqual(set.precision);
    expect(report.macroF1).toBeGreaterThanOrEqual(set.macroF1);
  });
});
