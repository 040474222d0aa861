/**
 * Loads scenario files from text. Pure: the caller reads the files. A broken file is reported
 * (file, line, field) and skipped; the others still load.
 */
import { checkScenarioGraph } from './scenario-graph';
import { scenarioSchema, type Scenario } from './scenario-schema';
import { fieldPath, issuesToErrors, lineOf, parseYaml, type LoadError } from './yaml-source';

export interface ScenarioFile {
  file: string;
  text: string;
}

export interface LoadedScenarios {
  scenarios: Scenario[];
  errors: LoadError[];
}

/** Errors of one scenario file, and the scenario when there are none. */
export function loadScenarioFile({ file, text }: ScenarioFile): {
  scenario?: Scenario;
  errors: LoadError[];
} {
  const parsed = parseYaml(text, file);
  if (parsed.errors.length > 0) return { errors: parsed.errors };
  const result = scenarioSchema.safeParse(parsed.data);
  if (!result.success) return { errors: issuesToErrors(parsed, file, result.error.issues) };
  const errors = checkScenarioGraph(result.data).map((issue) => ({
    file,
    line: lineOf(parsed, issue.path),
    field: fieldPath(issue.path),
    message: issue.message,
  }));
  return errors.length > 0 ? { errors } : { scenario: result.data, errors };
}

/** Every valid scenario of `files`, and the errors of the others (a repeated id is an error). */
export function loadScenarios(files: readonly ScenarioFile[]): LoadedScenarios {
  const scenarios: Scenario[] = [];
  const errors: LoadError[] = [];
  const firstFileOf = new Map<string, string>();
  for (const file of files) {
    const loaded = loadScenarioFile(file);
    errors.push(...loaded.errors);
    const { scenario } = loaded;
    if (!scenario) continue;
    const first = firstFileOf.get(scenario.id);
    if (first !== undefined) {
      const parsed = parseYaml(file.text, file.file);
      errors.push({
        file: file.file,
        line: lineOf(parsed, ['id']),
        field: 'id',
        message: `duplicate scenario id "${scenario.id}" (already in ${first})`,
      });
      continue;
    }
    firstFileOf.set(scenario.id, file.file);
    scenarios.push(scenario);
  }
  return { scenarios, errors };
}
