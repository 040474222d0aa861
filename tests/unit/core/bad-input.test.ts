/**
 * What people really paste: empty and 50,000-character replies, emoji, mixed scripts, markup;
 * and scenario files that are not what they claim to be. Nothing hangs, nothing throws, every
 * rejected file names its file, line and field.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import type { Analyzer } from '../../../src/core/analyzer';
import { loadScenarioFile, loadScenarios } from '../../../src/core/scenario-loader';
import { createNodeAnalyzer } from '../../../src/node/node-rules';

let analyzer: Analyzer;
beforeAll(async () => {
  ({ analyzer } = await createNodeAnalyzer());
});

/** The words each span points at, to prove offsets survive surrogate pairs and markup. */
function spannedWords(text: string): string[] {
  return analyzer.analyze(text).spans.map((span) => text.slice(span.start, span.end));
}

describe('Analyzer.analyze on bad input', () => {
  it('should return no tags for an empty or blank reply', () => {
    expect(analyzer.analyze('')).toEqual({ tags: [], spans: [] });
    expect(analyzer.analyze(' \n\t　')).toEqual({ tags: [], spans: [] });
  });

  it('should still find the phrase at the end of a 50,000-character reply', () => {
    const text = `${'好'.repeat(49_990)}你弄错了`;
    const analysis = analyzer.analyze(text);
    expect(analysis.tags).toContain('forbidden');
    expect(spannedWords(text).some((words) => words.includes('弄错'))).toBe(true);
  });

  it('should keep offsets right after emoji (surrogate pairs) and in mixed scripts', () => {
    const text = '😀😡👍🏽 OK，對不起 sorry，你弄錯了 ｄｏｎｅ';
    const analysis = analyzer.analyze(text);
    expect(analysis.tags).toEqual(expect.arrayContaining(['apology']));
    for (const span of analysis.spans) {
      expect(span.start).toBeGreaterThanOrEqual(0);
      expect(span.end).toBeLessThanOrEqual(text.length);
    }
    expect(spannedWords(text).join('|')).toMatch(/對不起/);
  });

  it('should treat markup as plain words and still score what is around it', () => {
    const text = '<img src=x onerror="alert(1)"><script>alert(2)</script>对不起，给您添麻烦了';
    const analysis = analyzer.analyze(text);
    expect(analysis.tags).toContain('apology');
    expect(spannedWords(text).every((words) => !words.includes('<'))).toBe(true);
  });

  it('should not throw on lone surrogates, control characters or NUL', () => {
    const text = '\uD83D对不起\u0000\u0007\uDE00你弄错了\uFFFF';
    expect(() => analyzer.analyze(text)).not.toThrow();
    expect(analyzer.analyze(text).tags).toEqual(expect.arrayContaining(['apology', 'forbidden']));
  });
});

describe('loadScenarioFile on bad files', () => {
  it.each([
    ['an empty file', ''],
    ['a list instead of a mapping', '- a\n- b\n'],
    ['a bare scalar', '42\n'],
    ['binary garbage', '\u0000\u0001PK\u0003\u0004\uFFFD\uFFFD'],
    ['text that is not YAML', 'id: [unclosed\nsteps: {\n'],
  ])('should reject %s with the file named and no scenario', (_name, text) => {
    const { scenario, errors } = loadScenarioFile({ file: 'scenarios/bad.yaml', text });
    expect(scenario).toBeUndefined();
    expect(errors.length).toBeGreaterThan(0);
    for (const error of errors) {
      expect(error.file).toBe('scenarios/bad.yaml');
      expect(error.line).toBeGreaterThanOrEqual(1);
      expect(error.message).not.toBe('');
    }
  });

  it('should stop an alias bomb hidden under a known key', () => {
    const levels = ['a: &a [x, x, x, x, x, x, x, x, x, x]'];
    for (let level = 1; level < 9; level++) {
      const previous = String.fromCharCode(96 + level);
      const name = String.fromCharCode(97 + level);
      levels.push(`${name}: &${name} [${Array(10).fill(`*${previous}`).join(', ')}]`);
    }
    const text = `schemaVersion: 1\nid: bomb\npersona:\n${levels.map((line) => `  ${line}`).join('\n')}\n`;
    const { scenario, errors } = loadScenarioFile({ file: 'scenarios/bomb.yaml', text });
    expect(scenario).toBeUndefined();
    expect(errors[0]?.message).toMatch(/alias/i);
  });

  it('should reject 10,000 nested brackets with an error instead of a crash', () => {
    const text = `id: deep\nsteps: ${'['.repeat(10_000)}${']'.repeat(10_000)}\n`;
    const { scenario, errors } = loadScenarioFile({ file: 'scenarios/deep.yaml', text });
    expect(scenario).toBeUndefined();
    expect(errors.length).toBeGreaterThan(0);
  });

  it('should name the line and field of a wrong type deep inside a step', () => {
    const text = 'schemaVersion: 1\nid: typo\nversion: "one"\n';
    const { errors } = loadScenarioFile({ file: 'scenarios/typo.yaml', text });
    const version = errors.find((error) => error.field === 'version');
    expect(version).toMatchObject({ file: 'scenarios/typo.yaml', line: 3 });
  });

  it('should keep loading the good files when one of them is hostile', () => {
    const { scenarios, errors } = loadScenarios([
      { file: 'scenarios/evil.yaml', text: '<script>alert(1)</script>: &a [*a]' },
    ]);
    expect(scenarios).toEqual([]);
    expect(errors[0]?.file).toBe('scenarios/evil.yaml');
  });
});
