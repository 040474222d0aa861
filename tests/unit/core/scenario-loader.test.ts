import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { loadScenarioFile, loadScenarios } from '../../../src/core/scenario-loader';
import { MINI_PATH } from '../../support/mini-scenario';

const BROKEN = 'tests/fixtures/scenarios-broken';

function file(path: string) {
  return { file: path, text: readFileSync(path, 'utf8') };
}

/** The 1-based line of the first line of a broken fixture that contains `marker`. */
function lineWith(name: string, marker: string): number {
  const lines = readFileSync(`${BROKEN}/${name}.yaml`, 'utf8').split('\n');
  return lines.findIndex((line) => line.includes(marker)) + 1;
}

function errorsOf(name: string) {
  return loadScenarioFile(file(`${BROKEN}/${name}.yaml`)).errors;
}

describe('loadScenarioFile', () => {
  it('should load a sound scenario with no errors', () => {
    const loaded = loadScenarioFile(file(MINI_PATH));
    expect(loaded.errors).toEqual([]);
    expect(loaded.scenario?.id).toBe('test-mini');
  });

  it('should name the file, line and field of a value of the wrong type', () => {
    expect(errorsOf('wrong-type')).toEqual([
      expect.objectContaining({
        file: `${BROKEN}/wrong-type.yaml`,
        line: lineWith('wrong-type', 'difficulty: hard'),
        field: 'difficulty',
      }),
    ]);
  });

  it('should reject an unknown key at its line', () => {
    expect(errorsOf('unknown-key')).toEqual([
      expect.objectContaining({
        line: lineWith('unknown-key', 'mood: 50'),
        field: 'steps[1].mood',
        message: expect.stringContaining('mood'),
      }),
    ]);
  });

  it('should reject a goto that names neither a step nor an ending', () => {
    expect(errorsOf('goto-nowhere')).toEqual([
      expect.objectContaining({
        line: lineWith('goto-nowhere', 'goto: nowhere'),
        field: 'steps[1].next[0].goto',
        message: expect.stringContaining('nowhere'),
      }),
    ]);
  });

  it('should reject steps caught in a cycle that never reaches an ending', () => {
    const errors = errorsOf('cycle-no-ending');
    expect(errors.map((error) => [error.line, error.field])).toEqual([
      [lineWith('cycle-no-ending', '- goto: fix'), 'steps[0].next'],
      [lineWith('cycle-no-ending', '- goto: listen'), 'steps[1].next'],
    ]);
  });

  it('should stop an alias bomb quickly with an error', () => {
    const errors = errorsOf('alias-bomb');
    expect(errors).toHaveLength(1);
    expect(errors[0]?.message).toMatch(/alias/i);
  });

  it('should say a file is nested too deeply, and where, instead of overflowing the stack', () => {
    const brackets = `title: ${'['.repeat(5000)}${']'.repeat(5000)}`;
    expect(loadScenarioFile({ file: 'deep.yaml', text: brackets }).errors).toEqual([
      {
        file: 'deep.yaml',
        line: 1,
        field: '',
        message: expect.stringMatching(/^nested too deeply/),
      },
    ]);
    const indented = Array.from({ length: 400 }, (_, i) => `${'  '.repeat(i)}k:`).join('\n');
    expect(loadScenarioFile({ file: 'deep.yaml', text: indented }).errors).toEqual([
      {
        file: 'deep.yaml',
        line: 66,
        field: '',
        message: expect.stringMatching(/^nested too deeply/),
      },
    ]);
  });

  it('should reject references to facts the persona does not have', () => {
    const text = readFileSync(MINI_PATH, 'utf8').replace(
      'useFacts: [blue-mug]',
      'useFacts: [red-mug]',
    );
    expect(loadScenarioFile({ file: 'x.yaml', text }).errors).toEqual([
      expect.objectContaining({
        field: 'steps[0].expect.useFacts[0]',
        message: expect.stringContaining('red-mug'),
      }),
    ]);
  });

  it('should reject a step id used twice', () => {
    const text = readFileSync(MINI_PATH, 'utf8').replace('  - id: fix', '  - id: listen');
    const errors = loadScenarioFile({ file: 'x.yaml', text }).errors;
    expect(errors.map((error) => error.field)).toContain('steps[1].id');
  });
});

describe('loadScenarios', () => {
  it('should skip broken files and still load the others', () => {
    const { scenarios, errors } = loadScenarios([
      file(`${BROKEN}/wrong-type.yaml`),
      file(MINI_PATH),
      file(`${BROKEN}/goto-nowhere.yaml`),
    ]);
    expect(scenarios.map((scenario) => scenario.id)).toEqual(['test-mini']);
    expect(new Set(errors.map((error) => error.file))).toEqual(
      new Set([`${BROKEN}/wrong-type.yaml`, `${BROKEN}/goto-nowhere.yaml`]),
    );
  });

  it('should report the second file with an id already loaded', () => {
    const { text } = file(MINI_PATH);
    const { scenarios, errors } = loadScenarios([
      { file: 'a.yaml', text },
      { file: 'b.yaml', text },
    ]);
    expect(scenarios).toHaveLength(1);
    expect(errors).toEqual([
      expect.objectContaining({
        file: 'b.yaml',
        line: 3,
        field: 'id',
        message: expect.stringContaining('a.yaml'),
      }),
    ]);
  });
});
