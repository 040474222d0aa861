/**
 * The scenarios and the analyzer the app runs on, built from the YAML files at start-up.
 * Broken files are kept as errors to show; the rest load. The traditional-Chinese converter
 * (a large dictionary) arrives later and upgrades the analyzer in place.
 * A trainer's company rule packs and saved scenario versions (IndexedDB) are loaded over the
 * bundled files: the newest saved version of a scenario replaces the bundled one. On a device
 * joined to a company server, the catalogue it pulled (published packs and versions) joins them.
 */
import { create } from 'zustand';
import { createAnalyzer, type Analyzer } from '../core/analyzer';
import {
  mergeCatalog,
  NO_ADDITIONS,
  publishedFile,
  type CatalogAdditions,
  type CatalogSources,
  type LoadedCatalog,
} from '../core/catalog-layers';
import type { Scenario } from '../core/scenario-schema';
import tagModelText from '../core/model/tag-model.json?raw';
import { parseTagModel } from '../core/tag-model';
import { loadTraditionalConverter } from '../core/traditional';
import type { LoadError } from '../core/yaml-source';
import { database, type PublishedCatalogRecord } from '../data/db';

export interface CatalogFiles extends CatalogSources {
  /** The same files already validated at build time (vite.config.ts); saves parsing the YAML. */
  built?: BuiltCatalog;
}

/** The loaders' output for the bundled files. */
export type BuiltCatalog = LoadedCatalog;

/** What a trainer added: company rule packs and scenario versions, as YAML texts. */
export type CustomCatalog = CatalogAdditions;

/** What a joined device pulled from its company server (src/features/server-link), kept offline. */
export interface PublishedCatalog extends CatalogAdditions {
  /** The published version of each company rule pack, sent with attempts scored with them. */
  rulePackVersions: Record<string, number>;
}

const NO_PUBLISHED: PublishedCatalog = { ...NO_ADDITIONS, rulePackVersions: {} };

/** A pulled catalogue as the loaders take it; its errors name the server's pack or scenario and version. */
export function publishedFromRecord(record: PublishedCatalogRecord): PublishedCatalog {
  return {
    rulePacks: record.rulePacks.map(({ pack, version, text }) => ({
      pack,
      text,
      file: publishedFile(pack, version),
    })),
    scenarioVersions: record.scenarioVersions.map((entry) => ({
      ...entry,
      file: publishedFile(entry.scenarioId, entry.version),
    })),
    rulePackVersions: Object.fromEntries(
      record.rulePacks.map(({ pack, version }) => [pack, version]),
    ),
  };
}

/** The trainer's own additions with the published ones: a published pack replaces a saved one of its name. */
function withPublished(custom: CustomCatalog, published: CatalogAdditions): CatalogAdditions {
  const packs = new Set(published.rulePacks.map((entry) => entry.pack));
  return {
    rulePacks: [
      ...custom.rulePacks.filter((entry) => !packs.has(entry.pack)),
      ...published.rulePacks,
    ],
    scenarioVersions: [...custom.scenarioVersions, ...published.scenarioVersions],
  };
}

/** The rules and scenarios of the bundled files with the trainer's packs and versions over them. */
export function buildCatalog(files: CatalogFiles, custom: CatalogAdditions): BuiltCatalog {
  // Parsing the bundled YAML blocks the page for hundreds of milliseconds on an old PC.
  if (files.built && custom.rulePacks.length === 0 && custom.scenarioVersions.length === 0)
    return files.built;
  return mergeCatalog(files, custom);
}

interface CatalogState {
  status: 'loading' | 'ready';
  scenarios: Scenario[];
  analyzer: Analyzer | undefined;
  errors: LoadError[];
  files: CatalogFiles;
  custom: CustomCatalog;
  /** The catalogue pulled from the company server (empty on a device that never joined one). */
  published: PublishedCatalog;
  toSimplified: ((char: string) => string) | undefined;
  /** Builds the catalogue from file texts; safe to call again (tests, authoring). */
  load: (files: CatalogFiles) => void;
  /** Rebuilds with the trainer's rule packs and scenario versions over the bundled files. */
  applyCustom: (custom: CustomCatalog) => void;
  /** Rebuilds with a catalogue pulled from the company server over the bundled files. */
  applyPublished: (published: PublishedCatalog) => void;
  /** Reads the trainer's packs and versions and the pulled catalogue from IndexedDB and applies them (if any). */
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
  function rebuild(
    files: CatalogFiles,
    custom: CustomCatalog,
    published: PublishedCatalog = get().published,
  ) {
    const built = buildCatalog(files, withPublished(custom, published));
    const { toSimplified } = get();
    set({
      status: 'ready',
      files,
      custom,
      published,
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
    custom: NO_ADDITIONS,
    published: NO_PUBLISHED,
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
    applyPublished: (published) => {
      rebuild(get().files, get().custom, published);
    },
    loadCustom: async () => {
      try {
        const db = database();
        const [rulePacks, scenarioVersions, pulled] = await Promise.all([
          db.customRulePacks.toArray(),
          db.scenarioVersions.toArray(),
          db.publishedCatalog.get('current'),
        ]);
        if (rulePacks.length === 0 && scenarioVersions.length === 0 && !pulled) return;
        rebuild(
          get().files,
          { rulePacks, scenarioVersions },
          pulled ? publishedFromRecord(pulled) : NO_PUBLISHED,
        );
      } catch {
        // No storage (private mode): the bundled catalogue still works.
      }
    },
    analyzerWith: (custom) => {
      const built = buildCatalog(get().files, withPublished(custom, get().published));
      const { toSimplified } = get();
      return {
        analyzer: createAnalyzer(built.rules, analyzerOptions(built, toSimplified)),
        errors: built.errors,
      };
    },
    scenarioById: (id) => get().scenarios.find((scenario) => scenario.id === id),
  };
});
