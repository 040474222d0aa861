/**
 * The scenarios and the analyzer the app runs on, built from the YAML files at start-up.
 * Broken files are kept as errors to show; the rest load. The traditional-Chinese converter
 * (a large dictionary) arrives later and upgrades the analyzer in place.
 */
import { create } from 'zustand';
import { createAnalyzer, type Analyzer } from '../core/analyzer';
import { loadRulePacks, type RuleFile } from '../core/rule-loader';
import { loadScenarios } from '../core/scenario-loader';
import type { Scenario } from '../core/scenario-schema';
import { loadTraditionalConverter } from '../core/traditional';
import type { LoadError } from '../core/yaml-source';

export interface CatalogFiles {
  scenarios: RuleFile[];
  rules: RuleFile[];
}

interface CatalogState {
  status: 'loading' | 'ready';
  scenarios: Scenario[];
  analyzer: Analyzer | undefined;
  errors: LoadError[];
  /** Builds the catalogue from file texts; safe to call again (tests, authoring). */
  load: (files: CatalogFiles) => void;
  scenarioById: (id: string) => Scenario | undefined;
}

export const useCatalogStore = create<CatalogState>((set, get) => ({
  status: 'loading',
  scenarios: [],
  analyzer: undefined,
  errors: [],
  load: (files) => {
    const rules = loadRulePacks(files.rules);
    const scenarios = loadScenarios(files.scenarios);
    set({
      status: 'ready',
      analyzer: createAnalyzer(rules.rules),
      scenarios: scenarios.scenarios,
      errors: [...rules.errors, ...scenarios.errors],
    });
    void loadTraditionalConverter()
      .then((toSimplified) => set({ analyzer: createAnalyzer(rules.rules, { toSimplified }) }))
      .catch(() => {
        // Without the dictionary traditional characters are not folded; everything else works.
      });
  },
  scenarioById: (id) => get().scenarios.find((scenario) => scenario.id === id),
}));
