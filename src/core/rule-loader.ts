/**
 * Loads rule packs (scenarios/rules/*.yaml) from text. Pure: the caller reads the files.
 * Each file and each rule is checked on its own, so one broken rule or file is reported with
 * file, line and field while every other rule still loads.
 */
import { compilePattern, expandSets, PatternError, type WordSets } from './pattern';
import { PROCEDURE_IDS, procedureSchema, type Procedures } from './procedure-schema';
import { ruleSchema, rulePackSchema, type Rule } from './rule-schema';
import type { Procedure } from './scenario-schema';
import { issuesToErrors, lineOf, parseYaml, type LoadError, type ParsedYaml } from './yaml-source';

export interface RuleFile {
  file: string;
  text: string;
}

export interface LoadedRules {
  rules: Rule[];
  procedures: Procedures;
  errors: LoadError[];
}

/** Adds a pack's procedures; an unknown id, a malformed one or one defined twice is an error at its line. */
function loadProcedures(
  parsed: ParsedYaml,
  file: string,
  raw: Record<string, unknown>,
  into: Procedures,
  seen: Map<string, string>,
): LoadError[] {
  const errors: LoadError[] = [];
  for (const [id, value] of Object.entries(raw)) {
    const line = lineOf(parsed, ['procedures', id]);
    const at = (message: string) => errors.push({ file, line, field: `procedures.${id}`, message });
    if (!(PROCEDURE_IDS as readonly string[]).includes(id)) {
      at(`unknown procedure "${id}" (one of ${PROCEDURE_IDS.join(', ')})`);
      continue;
    }
    const earlier = seen.get(id);
    if (earlier !== undefined) {
      at(`duplicate procedure "${id}" (first defined at ${earlier})`);
      continue;
    }
    const result = procedureSchema.safeParse(value);
    if (!result.success) {
      errors.push(...issuesToErrors(parsed, file, result.error.issues, ['procedures', id]));
      continue;
    }
    seen.set(id, `${file}:${line}`);
    into[id as Procedure] = result.data;
  }
  return errors;
}

/** Expands the rule's {set} references in place and reports every pattern that does not compile. */
function patternErrors(
  parsed: ParsedYaml,
  file: string,
  rule: Rule,
  index: number,
  sets: WordSets,
): LoadError[] {
  const errors: LoadError[] = [];
  for (const field of ['patterns', 'exceptions'] as const) {
    rule[field].forEach((pattern, position) => {
      try {
        const expanded = expandSets(pattern, sets);
        compilePattern(expanded);
        rule[field][position] = expanded;
      } catch (error) {
        if (!(error instanceof PatternError)) throw error;
        const path = ['rules', index, field, position];
        errors.push({
          file,
          line: lineOf(parsed, path),
          field: `rules[${index}].${field}[${position}]`,
          message: `bad pattern "${pattern}": ${error.message}`,
        });
      }
    });
  }
  return errors;
}

/** Validates rule packs; returns the good rules and an error per problem: a pattern "(吗|呢" is an error at its line, the other rules load. */
export function loadRulePacks(files: readonly RuleFile[]): LoadedRules {
  const rules: Rule[] = [];
  const procedures: Procedures = {};
  const proceduresSeen = new Map<string, string>();
  const errors: LoadError[] = [];
  const firstSeen = new Map<string, string>();
  const packs: { file: string; parsed: ParsedYaml; rules: unknown[] }[] = [];
  const sets = new Map<string, string[]>();
  const setSeen = new Map<string, string>();

  // First every pack's word sets, since a rule of one pack may use a set of another.
  for (const { file, text } of files) {
    const parsed = parseYaml(text, file);
    if (parsed.errors.length > 0) {
      errors.push(...parsed.errors);
      continue;
    }
    const header = rulePackSchema.safeParse(parsed.data);
    if (!header.success) {
      errors.push(...issuesToErrors(parsed, file, header.error.issues));
      continue;
    }
    for (const [name, phrases] of Object.entries(header.data.sets)) {
      const line = lineOf(parsed, ['sets', name]);
      const earlier = setSeen.get(name);
      if (earlier !== undefined) {
        errors.push({
          file,
          line,
          field: `sets.${name}`,
          message: `duplicate word set "${name}" (first defined at ${earlier})`,
        });
        continue;
      }
      setSeen.set(name, `${file}:${line}`);
      sets.set(name, phrases);
    }
    errors.push(
      ...loadProcedures(parsed, file, header.data.procedures, procedures, proceduresSeen),
    );
    packs.push({ file, parsed, rules: header.data.rules });
  }

  for (const { file, parsed, rules: packRules } of packs) {
    packRules.forEach((raw, index) => {
      const result = ruleSchema.safeParse(raw);
      if (!result.success) {
        errors.push(...issuesToErrors(parsed, file, result.error.issues, ['rules', index]));
        return;
      }
      const rule = result.data;
      const problems = patternErrors(parsed, file, rule, index, sets);
      const line = lineOf(parsed, ['rules', index, 'id']);
      const earlier = firstSeen.get(rule.id);
      if (earlier !== undefined) {
        problems.push({
          file,
          line,
          field: `rules[${index}].id`,
          message: `duplicate rule id "${rule.id}" (first defined at ${earlier})`,
        });
      } else {
        firstSeen.set(rule.id, `${file}:${line}`);
      }
      if (problems.length > 0) {
        errors.push(...problems);
        return;
      }
      rules.push(rule);
    });
  }
  return { rules, procedures, errors };
}
