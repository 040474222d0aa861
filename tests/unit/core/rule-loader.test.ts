import { describe, expect, it } from 'vitest';
import { loadRulePacks } from '../../../src/core/rule-loader';
import { readRuleFiles } from '../../../scripts/lib/node-rules';

// Not valid YAML; kept inline because the formatter refuses to touch a file like this.
const badYaml = {
  file: 'c-bad-yaml.yaml',
  text: 'schemaVersion: 1\npack: bad\ntitle: { zh-CN: 坏, en: Bad\nrules: []\n',
};
const broken = loadRulePacks([...readRuleFiles('tests/fixtures/rules-broken'), badYaml]);
const errorAt = (file: string, field: string) =>
  broken.errors.find((error) => error.file.endsWith(file) && error.field === field);

describe('loadRulePacks', () => {
  it('should load the good rules of files that also hold broken ones', () => {
    expect(broken.rules.map((rule) => rule.id)).toEqual(['apology.sorry', 'empathy.understand']);
  });

  it('should report a rule with an unknown tag at its line and field', () => {
    expect(errorAt('a-good.yaml', 'rules[1].tag')).toMatchObject({ line: 14 });
  });

  it('should report a malformed pattern at its line instead of crashing', () => {
    const error = errorAt('a-good.yaml', 'rules[2].patterns[1]');
    expect(error).toMatchObject({ line: 27 });
    expect(error?.message).toContain('(可是|不过');
  });

  it('should report a rule id already defined in another file, on the second one', () => {
    const error = errorAt('b-duplicate.yaml', 'rules[0].id');
    expect(error?.message).toMatch(/duplicate rule id "apology.sorry".*a-good.yaml:5/);
    expect(broken.rules.filter((rule) => rule.id === 'apology.sorry')[0]?.patterns).toEqual([
      '对不起',
    ]);
  });

  it('should report a file that is not valid YAML', () => {
    expect(broken.errors.some((error) => error.file.endsWith('c-bad-yaml.yaml'))).toBe(true);
  });

  it('should report a pack header of an unknown schema version', () => {
    expect(errorAt('d-bad-header.yaml', 'schemaVersion')).toMatchObject({ line: 1 });
  });

  it('should report exactly the five problems of the broken fixtures', () => {
    expect(broken.errors).toHaveLength(5);
  });

  it('should load nothing and report nothing for no files', () => {
    expect(loadRulePacks([])).toEqual({ rules: [], errors: [] });
  });
});
