/** Reads the rule catalogue from disk and builds the analyzer, for the CLIs and tests. */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createAnalyzer, type Analyzer } from '../core/analyzer';
import { loadRulePacks, type RuleFile } from '../core/rule-loader';
import { parseTagModel, type TagModel } from '../core/tag-model';
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

/** The traditional converter and the statistical model every analyzer of the CLIs and server uses. */
export async function nodeAnalyzerOptions(): Promise<{
  toSimplified: (char: string) => string;
  model?: TagModel;
}> {
  const toSimplified = await loadTraditionalConverter();
  const model = parseTagModel(readFileSync(TAG_MODEL_PATH, 'utf8'));
  return { toSimplified, ...(model ? { model } : {}) };
}

/** The analyzer over the catalogue in `dir`, with the traditional converter; load errors beside it. */
export async function createNodeAnalyzer(
  dir = DEFAULT_RULES_DIR,
): Promise<{ analyzer: Analyzer; errors: LoadError[] }> {
  const { rules, procedures, errors } = loadRulePacks(readRuleFiles(dir));
  const options = { ...(await nodeAnalyzerOptions()), procedures };
  return { analyzer: createAnalyzer(rules, options), errors };
}
