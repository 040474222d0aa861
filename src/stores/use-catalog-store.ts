/**
 * The scenarios and the analyzer the app runs on, built from the YAML files at start-up.
 * Broken files are kept as errors to show; the rest load. The traditional-Chinese converter
 * (a large dictionary) arrives later and upgrades the analyzer in place.
 * A trainer's company rule packs and saved scenario versions (IndexedDB) are loaded over the
 * bundled files: the newest saved version of a scenario replaces the bundled one.
 */
import { create } from 'zustand';
import { createAnalyzer, type Analyzer } from '../core/analyzer';
import type { Procedures } from '../core/procedure-schema';
import { loadRulePacks, type RuleFile } from '../core/rule-loader';
import type { Rule } from '../core/rule-schema';
import { loadScenarios } from '../core/scenario-loader';
import type { Scenario } from '../core/scenario-schema';
import tagModelText from '../core/model/tag-model.json?raw';
import { parseTagModel } from '../core/tag-model';
import { loadTraditionalConverter } from '../core/traditional';
import type { LoadError } from '../core/yaml-source';
import { database } from '../data/db';

export interface CatalogFiles {
  scenarios: RuleFile[];
  rules: RuleFile[];
  /** The same files already validated at build time (vite.config.ts); saves parsing the YAML. */
  built?: BuiltCatalog;
}

/** The loaders' output for the bundled files. */
export interface BuiltCatalog {
  rules: Rule[];
  procedures: Procedures;
  scenarios: Scenario[];
  errors: LoadError[];
}

/** What a trainer added: company rule packs and scenario versions, as YAML texts. */
export interface CustomCatalog {
  rulePacks: { pack: string; text: string }[];
  scenarioVersions: { scenarioId: string; version: number; text: string }[];
}

const NO_CUSTOM: CustomCatalog = { rulePacks: [], scenarioVersions: [] };

/** File name a company rule pack is reported under. */
export function customPackFile(pack: string): string {
  return `company/${pack}.yaml`;
}

/** The rules and scenarios of the bundled files with the trainer's packs and versions over them. */
export function buildCatalog(files: CatalogFiles, custom: CustomCatalog): BuiltCatalog {
  // Parsing the bundled YAML blocks the page for hundreds of milliseconds on an old PC.
  if (files.built && custom.rulePacks.length === 0 && custom.scenarioVersions.length === 0)
    return files.built;
  const rules = loadRulePacks([
    ...files.rules,
    ...custom.rulePacks.map(({ pack, text }) => ({ file: customPackFile(pack), text })),
  ]);
  const base = loadScenarios(files.scenarios);
  const newest = new Map<string, CustomCatalog['scenarioVersions'][number]>();
  for (const saved of custom.scenarioVersions) {
    const known = newest.get(saved.scenarioId);
    if (!known || known.version < saved.version) newest.set(saved.scenarioId, saved);
  }
  const edited = loadScenarios(
    [...newest.values()].map((saved) => ({
      file: `saved/${saved.scenarioId}@${saved.version}.yaml`,
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

interface CatalogState {
  status: 'loading' | 'ready';
  scenarios: Scenario[];
  analyzer: Analyzer | undefined;
  errors: LoadError[];
  files: CatalogFiles;
  custom: CustomCatalog;
  toSimplified: ((char: string) => string) | undefined;
  /** Builds the catalogue from file texts; safe to call again (tests, authoring). */
  load: (files: CatalogFiles) => void;
  /** Rebuilds with the trainer's rule packs and scenario versions over the bundled files. */
  applyCustom: (custom: CustomCatalog) => void;
  /** Reads the trainer's packs and versions from IndexedDB and applies them (if any). */
  loadCustom: () => Promise<void>;
  /** An analyzer over the bundled rules and `custom` (to preview a change before saving it). */
  analyzerWith: (custom: CustomCatalog) => { analyzer: Analyzer; errors: LoadError[] };
  scenarioById: (id: string) => Scenario | undefined;
}

// The analyzer's statistical part (npm run train): parsed once, with the catalogue chunk.
const TAG_MODEL = parseTagModel(tagModelText);

function analyzerOptions(
  built: BuiltCatalog,
  toSimplified: ((char: string) => string) | undefined,
) {
  return {
    procedures: built.procedures,
    ...(toSimplified ? { toSimplified } : {}),
    ...(TAG_MODEL ? { model: TAG_MODEL } : {}),
  };
}

export const useCatalogStore = create<CatalogState>((set, get) => {
  function rebuild(files: CatalogFiles, custom: CustomCatalog) {
    const built = buildCatalog(files, custom);
    const { toSimplified } = get();
    set({
      status: 'ready',
      files,
      custom,
      analyzer: createAnalyzer(built.rules, analyzerOptions(built, toSimplified)),
      scenarios: built.scenarios,
      errors: built.errors,
    });
    return built.rules;
  }
  return {
    status: 'loading',
    scenarios: [],
    analyzer: undefined,
    errors: [],
    files: { scenarios: [], rules: [] },
    custom: NO_CUSTOM,
    toSimplified: undefined,
    load: (files) => {
      rebuild(files, get().custom);
      // The analyzer is built once when the converter came first (the app loads it beside the
      // catalogue); otherwise again once it arrives.
      if (get().toSimplified === undefined)
        void loadTraditionalConverter()
          .then((toSimplified) => {
            set({ toSimplified });
            rebuild(get().files, get().custom);
          })
          .catch(() => {
            // Without the dictionary traditional characters are not folded; everything else works.
          });
      if (typeof indexedDB !== 'undefined') void get().loadCustom();
    },
    applyCustom: (custom) => {
      rebuild(get().files, custom);
    },
    loadCustom: async () => {
      try {
        const db = database();
        const [rulePacks, scenarioVersions] = await Promise.all([
          db.customRulePacks.toArray(),
          db.scenarioVersions.toArray(),
        ]);
        if (rulePacks.length === 0 && scenarioVersions.length === 0) return;
        get().applyCustom({ rulePacks, scenarioVersions });
      } catch {
        // No storage (private mode): the bundled catalogue still works.
      }
    },
    analyzerWith: (custom) => {
      const built = buildCatalog(get().files, custom);
      const { toSimplified } = get();
      return {
        analyzer: createAnalyzer(built.rules, analyzerOptions(built, toSimplified)),
        errors: built.errors,
      };
    },
    scenarioById: (id) => get().scenarios.find((scenario) => scenario.id === id),
  };
});
