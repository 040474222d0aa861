/** Loads tests/fixtures/scenarios/test-mini.yaml for the machine, scoring and report tests. */
import { readFileSync } from 'node:fs';
import { loadScenarios } from '../../src/core/scenario-loader';
import type { Scenario } from '../../src/core/scenario-schema';

export const MINI_PATH = 'tests/fixtures/scenarios/test-mini.yaml';

/** A fresh copy of the mini scenario (tests may change it). */
export function miniScenario(): Scenario {
  const { scenarios, errors } = loadScenarios([
    { file: MINI_PATH, text: readFileSync(MINI_PATH, 'utf8') },
  ]);
  const scenario = scenarios[0];
  if (!scenario || errors.length > 0)
    throw new Error(`test-mini does not load: ${JSON.stringify(errors)}`);
  return structuredClone(scenario);
}
