/**
 * The catalogue a company scores with: the bundled rule packs and scenarios with its additions
 * over them (company rule packs, newer scenario versions), all as YAML texts. The app (a
 * trainer's saved work, a device's pulled catalogue) and the server (published versions) build
 * it the same way.
 */
import type { Procedures } from './procedure-schema';
import { loadRulePacks, type RuleFile } from './rule-loader';
import type { Rule } from './rule-schema';
import { loadScenarios } from './scenario-loader';
import type { Scenario } from './scenario-schema';
import type { LoadError } from './yaml-source';

/** The bundled YAML files. */
export interface CatalogSources {
  scenarios: RuleFile[];
  rules: RuleFile[];
}

/** A company's additions, as YAML texts; `file` names where an error is reported. */
export interface CatalogAdditions {
  rulePacks: { pack: string; text: string; file?: string }[];
  scenarioVersions: { scenarioId: string; version: number; text: string; file?: string }[];
}

/** The loaders' output: what the analyzer and the library use. */
export interface LoadedCatalog {
  rules: Rule[];
  procedures: Procedures;
  scenarios: Scenario[];
  errors: LoadError[];
}

export const NO_ADDITIONS: CatalogAdditions = { rulePacks: [], scenarioVersions: [] };

/** File name a company rule pack saved on this device is reported under. */
export function customPackFile(pack: string): string {
  return `company/${pack}.yaml`;
}

/** File name a version published on a company server is reported under. */
export function publishedFile(id: string, version: number): string {
  return `server/${id}@${version}.yaml`;
}

/** Loads the bundled files with the additions over them: the newest version of a scenario replaces the bundled one. */
export function mergeCatalog(sources: CatalogSources, additions: CatalogAdditions): LoadedCatalog {
  const rules = loadRulePacks([
    ...sources.rules,
    ...additions.rulePacks.map(({ pack, text, file }) => ({
      file: file ?? customPackFile(pack),
      text,
    })),
  ]);
  const base = loadScenarios(sources.scenarios);
  const newest = new Map<string, CatalogAdditions['scenarioVersions'][number]>();
  for (const saved of additions.scenarioVersions) {
    const known = newest.get(saved.scenarioId);
    if (!known || known.version < saved.version) newest.set(saved.scenarioId, saved);
  }
  const edited = loadScenarios(
    [...newest.values()].map((saved) => ({
      file: saved.file ?? `saved/${saved.scenarioId}@${saved.version}.yaml`,
      text: saved.text,
    })),
  );
  const replaced = new Set(edited.scenarios.map((scenario) => scenario.id));
  return {
    rules: rules.rules,
    procedures: rules.procedures,
    scenarios: [
      ...base.scenarios.filter((scenario) => !replaced.has(scenario.id)),
      ...edited.scenarios,
    ].sort((a, b) => a.id.localeCompare(b.id)),
    errors: [...rules.errors, ...base.errors, ...edited.errors],
  };
}
