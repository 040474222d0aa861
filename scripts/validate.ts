/**
 * npm run validate [-- files...]   (default: scenarios/*.yaml and the rule catalogue)
 * Prints `file:line field: message` per error and a summary; exit 1 if any file is broken.
 */
import { existsSync } from 'node:fs';
import { formatLoadError, type LoadError } from '../src/core/yaml-source';
import { createNodeAnalyzer, DEFAULT_RULES_DIR } from '../src/node/node-rules';
import { loadScenarios } from '../src/core/scenario-loader';
import { readScenarioFiles, scenarioPaths } from '../src/node/node-scenarios';

const args = process.argv.slice(2);
const paths = args.length > 0 ? args : scenarioPaths();
const missing = paths.filter((path) => !existsSync(path));
for (const path of missing) process.stderr.write(`${path}: no such file\n`);

const files = readScenarioFiles(paths.filter((path) => existsSync(path)));
const { scenarios, errors } = loadScenarios(files);
const ruleErrors: LoadError[] = existsSync(DEFAULT_RULES_DIR)
  ? (await createNodeAnalyzer()).errors
  : [];

for (const error of [...errors, ...ruleErrors]) process.stdout.write(`${formatLoadError(error)}\n`);
const brokenFiles = new Set([...errors, ...ruleErrors].map((error) => error.file));
process.stdout.write(
  `${scenarios.length} of ${files.length} scenario file(s) valid; ` +
    `${errors.length} scenario error(s), ${ruleErrors.length} rule error(s)` +
    `${missing.length > 0 ? `, ${missing.length} missing file(s)` : ''}\n`,
);
process.exit(brokenFiles.size > 0 || missing.length > 0 ? 1 : 0);
