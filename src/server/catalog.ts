/**
 * The scenarios and analyzer the server scores with: the catalogue files on disk, read at start,
 * and (published-catalog.ts) the versions trainers published over them.
 */
import { createAnalyzer, type Analyzer } from '../core/analyzer';
import {
  mergeCatalog,
  NO_ADDITIONS,
  type CatalogSources,
  type LoadedCatalog,
} from '../core/catalog-layers';
import type { Scenario } from '../core/scenario-schema';
import { formatLoadError } from '../core/yaml-source';
import { nodeAnalyzerOptions, readRuleFiles } from '../node/node-rules';
import { readScenarioFiles, scenarioPaths } from '../node/node-scenarios';

export interface Catalog {
  analyzer: Analyzer;
  /** Every scenario, in catalogue order. */
  scenarios: readonly Scenario[];
  scenarioById(id: string): Scenario | undefined;
  /** Files that failed to load (reported at start, skipped). */
  problems: string[];
  /** The bundled files, for building the catalogue with published versions over them. */
  sources: CatalogSources;
  /** An analyzer over `loaded` with the same converter and model as `analyzer`. */
  analyzerOver(loaded: LoadedCatalog): Analyzer;
}

export async function loadCatalog(): Promise<Catalog> {
  const sources = { rules: readRuleFiles(), scenarios: readScenarioFiles(scenarioPaths()) };
  const options = await nodeAnalyzerOptions();
  const analyzerOver = (loaded: LoadedCatalog) =>
    createAnalyzer(loaded.rules, { ...options, procedures: loaded.procedures });
  const loaded = mergeCatalog(sources, NO_ADDITIONS);
  const byId = new Map(loaded.scenarios.map((scenario) => [scenario.id, scenario]));
  return {
    analyzer: analyzerOver(loaded),
    scenarios: loaded.scenarios,
    scenarioById: (id) => byId.get(id),
    problems: loaded.errors.map(formatLoadError),
    sources,
    analyzerOver,
  };
}
