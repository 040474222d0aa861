/** Reads the rule catalogue from disk and builds the analyzer, for the CLIs and tests. */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createAnalyzer, type Analyzer } from '../core/analyzer';
import { loadRulePacks, type RuleFile } from '../core/rule-loader';
import { parseTagModel } from '../core/tag-model';
import { loadTraditionalConverter } from '../core/traditional';
import type { LoadError } from '../core/yaml-source';

export const DEFAULT_RULES_DIR = 'scenarios/rules';
/** The analyzer's statistical part, written by `npm run train`. */
export const TAG_MODEL_PATH = 'src/core/model/tag-model.json';

/** Every *.yaml / *.yml file of `dir`, sorted by name; file names are relative paths (dir/name). */
export function readRuleFiles(dir = DEFAULT_RULES_DIR): RuleFile[] {
  return readdirSync(dir)
    .filter((name) => /\.ya?ml$/.test(name))
    .sort()
    .map((name) => {
      const file = join(dir, name);
      return { file, text: readFileSync(file, 'utf8') };
    });
}

/** The analyzer over the catalogue in `dir`, with the traditional converter; load errors beside it. */
export async function createNodeAnalyzer(
  dir = DEFAULT_RULES_DIR,
): Promise<{ analyzer: Analyzer; errors: LoadError[] }> {
  const { rules, procedures, errors } = loadRulePacks(readRuleFiles(dir));
  const toSimplified = await loadTraditionalConverter();
  const model = parseTagModel(readFileSync(TAG_MODEL_PATH, 'utf8'));
  const options = { toSimplified, procedures, ...(model ? { model } : {}) };
  return { analyzer: createAnalyzer(rules, options), errors };
}
