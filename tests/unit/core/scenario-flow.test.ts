import { describe, expect, it } from 'vitest';
import { describeGuard } from '../../../src/core/guard-words';
import { scenarioFlow } from '../../../src/core/scenario-flow';

describe('describeGuard', () => {
  it('should say a condition in words in both languages', () => {
    expect(describeGuard({ any: ['apology', 'empathy'], none: ['forbidden'] })).toEqual({
      'zh-CN': '道歉或表示理解，且没有禁用语',
      en: 'apology or empathy, and no forbidden phrase',
    });
    expect(describeGuard({ turnsAtLeast: 2, moodBelow: 35 })['zh-CN']).toBe(
      '心情 < 35，且本步第 2 次回复起',
    );
  });

  it('should call a transition with no condition "any reply" first and "otherwise" after others', () => {
    expect(describeGuard(undefined, true)['zh-CN']).toBe('任何回复');
    expect(describeGuard({}, false).en).toBe('otherwise');
  });
});

describe('scenarioFlow', () => {
  it('should read a half-written scenario and flag what a trainer must fix', () => {
    const flow = scenarioFlow({
      start: 'a',
      steps: [
        { id: 'a', customer: { angry: { 'zh-CN': '你们怎么回事？' } }, next: [{ goto: 'b' }] },
        { id: 'b', next: [{ goto: 'b' }, { when: { any: ['nonsense'] }, goto: 'nowhere' }] },
        { id: 'c', next: [{ goto: 'end' }] },
        { customer: 'no id yet' },
      ],
      endings: [
        { id: 'end', kind: 'retained' },
        { id: 'bad', kind: 'unknown' },
      ],
    });
    expect(flow.steps).toEqual([
      { id: 'a', line: '你们怎么回事？', start: true, unreachable: false, noWayToEnding: true },
      { id: 'b', line: '', start: false, unreachable: false, noWayToEnding: true },
      { id: 'c', line: '', start: false, unreachable: true, noWayToEnding: false },
    ]);
    expect(flow.endings.map((ending) => ending.kind)).toEqual(['retained', 'lost']);
    expect(flow.edges.map((edge) => [edge.id, edge.dangling, edge.label['zh-CN']])).toEqual([
      ['a#0', false, '任何回复'],
      ['b#0', false, '任何回复'],
      ['b#1', true, '其他情况'],
      ['c#0', false, '任何回复'],
    ]);
  });

  it('should give an empty graph for data that is not a scenario at all', () => {
    expect(scenarioFlow('just text')).toEqual({ start: '', steps: [], endings: [], edges: [] });
  });
});
