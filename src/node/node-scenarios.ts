/** Reads scenario files from disk and loads them, for the CLIs and tests. */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadScenarios, type LoadedScenarios, type ScenarioFile } from '../core/scenario-loader';

export const DEFAULT_SCENARIOS_DIR = 'scenarios';

/** Every *.yaml / *.yml file directly in `dir` (not rules/), sorted; names are dir/name. */
export function scenarioPaths(dir = DEFAULT_SCENARIOS_DIR): string[] {
  return readdirSync(dir, { withFileTypes: true })
    .filter((entry) => entry.isFile() && /\.ya?ml$/.test(entry.name))
    .map((entry) => join(dir, entry.name))
    .sort();
}

/** The text of each path, as the loader wants it. */
export function readScenarioFiles(paths: readonly string[]): ScenarioFile[] {
  return paths.map((file) => ({ file, text: readFileSync(file, 'utf8') }));
}

/** Loads `paths` (default: every scenario in scenarios/). */
export function loadNodeScenarios(paths: readonly string[] = scenarioPaths()): LoadedScenarios {
  return loadScenarios(readScenarioFiles(paths));
}
