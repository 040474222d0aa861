import { describe, expect, it } from 'vitest';
import { formatLoadError } from '../../../src/core/yaml-source';
import { createNodeAnalyzer } from '../../../src/node/node-rules';

const { analyzer, errors } = await createNodeAnalyzer();

describe('the rule catalogue (scenarios/rules)', () => {
  it('should load without errors', () => {
    expect(errors.map(formatLoadError)).toEqual([]);
  });

  it('should hold rules', () => {
    expect(analyzer.rules.length).toBeGreaterThan(0);
  });
});

describe.each(analyzer.rules.map((rule) => [rule.id, rule] as const))('rule %s', (_id, rule) => {
  const firedBy = (text: string): string[] =>
    analyzer.analyze(text).spans.map((span) => span.ruleId);

  it.each(rule.examples.fires)('should fire on %s', (text) => {
    expect(firedBy(text)).toContain(rule.id);
  });

  it.each(rule.examples.silent)('should stay silent on %s', (text) => {
    expect(firedBy(text)).not.toContain(rule.id);
  });
});
