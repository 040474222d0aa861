/** The scenarios and analyzer the server scores with: the catalogue files on disk, read at start. */
import type { Analyzer } from '../core/analyzer';
import type { Scenario } from '../core/scenario-schema';
import { formatLoadError } from '../core/yaml-source';
import { createNodeAnalyzer } from '../node/node-rules';
import { loadNodeScenarios } from '../node/node-scenarios';

export interface Catalog {
  analyzer: Analyzer;
  /** Every scenario, in catalogue order. */
  scenarios: readonly Scenario[];
  scenarioById(id: string): Scenario | undefined;
  /** Files that failed to load (reported at start, skipped). */
  problems: string[];
}

export async function loadCatalog(): Promise<Catalog> {
  const { analyzer, errors } = await createNodeAnalyzer();
  const { scenarios, errors: scenarioErrors } = loadNodeScenarios();
  const byId = new Map(scenarios.map((scenario) => [scenario.id, scenario]));
  return {
    analyzer,
    scenarios,
    scenarioById: (id) => byId.get(id),
    problems: [...errors, ...scenarioErrors].map(formatLoadError),
  };
}
