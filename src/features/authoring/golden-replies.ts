/** Golden replies: every rule's example replies run through an analyzer, with the ones that fail. */
import type { Analyzer } from '../../core/analyzer';

export interface GoldenFailure {
  ruleId: string;
  text: string;
  expected: 'fires' | 'silent';
}

/** Runs each rule's `examples.fires` (must fire it) and `examples.silent` (must not). */
export function runGoldenReplies(analyzer: Analyzer): { total: number; failures: GoldenFailure[] } {
  let total = 0;
  const failures: GoldenFailure[] = [];
  for (const rule of analyzer.rules) {
    for (const [expected, texts] of [
      ['fires', rule.examples.fires],
      ['silent', rule.examples.silent],
    ] as const)
      for (const text of texts) {
        total += 1;
        const fired = analyzer.analyze(text).spans.some((span) => span.ruleId === rule.id);
        if (fired !== (expected === 'fires')) failures.push({ ruleId: rule.id, text, expected });
      }
  }
  return { total, failures };
}
