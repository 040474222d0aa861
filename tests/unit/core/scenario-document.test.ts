import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import {
  editScenario,
  newScenarioText,
  nodeData,
  type ScenarioEdit,
} from '../../../src/core/scenario-document';
import { scenarioFlow } from '../../../src/core/scenario-flow';
import { loadScenarioFile } from '../../../src/core/scenario-loader';

function apply(text: string, ...edits: ScenarioEdit[]): string {
  return edits.reduce((current, edit) => {
    const result = editScenario(current, edit);
    if (!result) throw new Error(`edit ${edit.type} refused`);
    return result.text;
  }, text);
}

const line = (zh: string) => ({ 'zh-CN': zh, en: zh });
const choices = [line('对不起，让您久等了。'), line('您别急。'), line('这不归我管。')];

/** A four-step complaint scenario with two endings of its own, drawn by edits only. */
function drawnScenario(): string {
  let text = newScenarioText('complaint-drawn', '迟到的快递', 'complaint');
  for (const after of ['opening', 'step', 'step-2'])
    text = apply(text, { type: 'add-step', after });
  text = apply(
    text,
    { type: 'add-ending', kind: 'retained' },
    { type: 'add-ending', kind: 'escalated' },
  );
  const good = { any: ['apology', 'empathy'], none: ['forbidden'] };
  for (const [id, to] of [
    ['opening', 'step'],
    ['step', 'step-2'],
    ['step-2', 'step-3'],
    ['step-3', 'retained'],
  ] as const)
    text = apply(
      text,
      { type: 'set', id, field: ['customer', 'upset'], value: line(`${id} 顾客的话`) },
      { type: 'set', id, field: ['choices'], value: choices },
      { type: 'set', id, field: ['expect', 'required'], value: [{ tag: 'apology', weight: 20 }] },
      {
        type: 'set',
        id,
        field: ['next'],
        value: [
          { when: good, goto: to },
          { when: { turnsAtLeast: 2 }, goto: 'escalated' },
        ],
      },
    );
  return text;
}

describe('newScenarioText', () => {
  it('should start a scenario that only lacks the endings a trainer adds', () => {
    const loaded = loadScenarioFile({
      file: 'new.yaml',
      text: newScenarioText('x-new', '新', 'complaint'),
    });
    expect(loaded.errors.map((error) => error.message)).toEqual([
      'Too small: expected array to have >=3 items',
    ]);
  });
});

describe('editScenario', () => {
  it('should build a valid four-step scenario with two endings from graph and form edits', () => {
    const text = drawnScenario();
    const loaded = loadScenarioFile({ file: 'complaint-drawn.yaml', text });
    expect(loaded.errors).toEqual([]);
    expect(loaded.scenario?.steps.map((step) => step.id)).toEqual([
      'opening',
      'step',
      'step-2',
      'step-3',
    ]);
    expect(text).toContain('- { tag: apology, weight: 20 }');
    expect(text).toContain('when: { any: [ apology, empathy ], none: [ forbidden ] }');
  });

  it('should keep the comments of a bundled scenario through a form edit', () => {
    const original = `# about this file\n${readFileSync('scenarios/complaint-late-delivery.yaml', 'utf8')}`;
    const withComment = original.replace('start: ', '# the first step\nstart: ');
    const edited = apply(withComment, {
      type: 'set',
      id: 'vent',
      field: ['customer', 'calm', 'zh-CN'],
      value: '改过的话',
    });
    expect(edited).toContain('# about this file');
    expect(edited).toContain('# the first step\nstart: ');
    expect(parse(edited).steps[0].customer.calm['zh-CN']).toBe('改过的话');
  });

  it('should flag a step nobody reaches until a transition leads to it', () => {
    const added = editScenario(drawnScenario(), { type: 'add-step' });
    const flagged = scenarioFlow(parse(added?.text ?? ''));
    expect(added?.created).toBe('step-4');
    expect(flagged.steps.find((step) => step.id === 'step-4')).toMatchObject({
      unreachable: true,
      noWayToEnding: true,
    });
    const fixed = scenarioFlow(
      parse(
        apply(
          added?.text ?? '',
          { type: 'connect', from: 'step-3', to: 'step-4' },
          { type: 'connect', from: 'step-4', to: 'retained' },
        ),
      ),
    );
    expect(fixed.steps.find((step) => step.id === 'step-4')).toMatchObject({
      unreachable: false,
      noWayToEnding: false,
    });
  });

  it('should duplicate a step under a fresh id right after it', () => {
    const text = apply(drawnScenario(), { type: 'duplicate', id: 'step' });
    expect(scenarioFlow(parse(text)).steps.map((step) => step.id)).toEqual([
      'opening',
      'step',
      'step-4',
      'step-2',
      'step-3',
    ]);
    expect(nodeData(text, 'step-4')?.customer).toEqual({ upset: line('step 顾客的话') });
  });

  it('should delete a node with the transitions that led to it', () => {
    const text = apply(drawnScenario(), { type: 'delete', id: 'escalated' });
    const flow = scenarioFlow(parse(text));
    expect(flow.endings.map((ending) => ending.id)).toEqual(['lost', 'retained']);
    expect(flow.edges.some((edge) => edge.to === 'escalated')).toBe(false);
  });

  it('should rename a step everywhere it is named', () => {
    const text = apply(drawnScenario(), { type: 'rename', id: 'opening', to: 'vent' });
    expect(parse(text).start).toBe('vent');
    expect(loadScenarioFile({ file: 'x.yaml', text }).errors).toEqual([]);
  });

  it('should remove a field set to nothing, with the map it empties', () => {
    const text = apply(drawnScenario(), {
      type: 'set',
      id: 'opening',
      field: ['customer', 'upset', 'en'],
      value: '',
    });
    expect(nodeData(text, 'opening')?.customer).toEqual({ upset: { 'zh-CN': 'opening 顾客的话' } });
  });

  it('should refuse to edit text that is not valid YAML', () => {
    expect(editScenario('steps: [', { type: 'add-step' })).toBeUndefined();
  });
});
