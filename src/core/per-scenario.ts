/**
 * Values worked out from a scenario under an analyzer alone (its conversation machine, each
 * step's best authored choice), computed once and kept while both objects live. A scenario
 * version or rule pack is never changed in place: publishing or editing one builds new Scenario
 * and Analyzer objects, so a kept value cannot outlive the catalogue it came from.
 */
import type { Analyzer } from './analyzer';
import type { Scenario } from './scenario-schema';

/** `compute(scenario, analyzer)`, once per scenario and analyzer object pair. */
export function perScenario<T>(
  compute: (scenario: Scenario, analyzer: Analyzer) => T,
): (scenario: Scenario, analyzer: Analyzer) => T {
  const kept = new WeakMap<Scenario, WeakMap<Analyzer, T>>();
  return (scenario, analyzer) => {
    let byAnalyzer = kept.get(scenario);
    if (!byAnalyzer) kept.set(scenario, (byAnalyzer = new WeakMap()));
    if (byAnalyzer.has(analyzer)) return byAnalyzer.get(analyzer) as T;
    const value = compute(scenario, analyzer);
    byAnalyzer.set(analyzer, value);
    return value;
  };
}
