import { describe, expect, it } from 'vitest';
import { loadRulePacks } from '../../../src/core/rule-loader';
import { readRuleFiles } from '../../../src/node/node-rules';

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
    expect(loadRulePacks([])).toEqual({ rules: [], procedures: {}, errors: [] });
  });
});

describe('word sets', () => {
  const rulePack = (file: string, sets: string, rules: string) => ({
    file,
    text: `schemaVersion: 1\npack: ${file}\ntitle: { zh-CN: 测试, en: Test }\n${sets}rules:${rules === '' ? ' []' : ''}\n${rules}`,
  });
  const ruleYaml = (id: string, pattern: string) =>
    `  - id: ${id}\n    tag: apology\n    dimension: 移情性\n    weight: 5\n    patterns: ['${pattern}']\n` +
    `    message: { zh-CN: 测, en: t }\n    better: { zh-CN: 测, en: t }\n` +
    `    source: { doc: 003_22128e453d54b396.txt, section: 测试 }\n`;

  it("should expand a set of one pack in another pack's rule", () => {
    const loaded = loadRulePacks([
      rulePack('a.yaml', 'sets:\n  歉意词: [抱歉, 对不住]\n', ''),
      rulePack('b.yaml', '', ruleYaml('apology.sets', '(真|){歉意词}')),
    ]);
    expect(loaded.errors).toEqual([]);
    expect(loaded.rules[0]?.patterns).toEqual(['(真|)(抱歉|对不住)']);
  });

  it('should report an unknown set at the pattern, and a set defined twice, keeping the rest', () => {
    const loaded = loadRulePacks([
      rulePack('a.yaml', 'sets:\n  歉意词: [抱歉]\n', ruleYaml('apology.unknown', '{没有这个}')),
      rulePack('b.yaml', 'sets:\n  歉意词: [对不起]\n', ruleYaml('apology.ok', '{歉意词}')),
    ]);
    expect(loaded.errors.map((e) => [e.file, e.field])).toEqual([
      ['b.yaml', 'sets.歉意词'],
      ['a.yaml', 'rules[0].patterns[0]'],
    ]);
    expect(loaded.errors[1]?.message).toContain('unknown word set {没有这个}');
    expect(loaded.rules.map((r) => r.id)).toEqual(['apology.ok']);
  });
});
