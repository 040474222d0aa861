import { describe, expect, it } from 'vitest';
import { countsInstead } from '../../../src/core/counting-policy';

describe('countsInstead', () => {
  const blocked90 = { score: 90, passed: false, startedAt: 1 };
  const passed70 = { score: 70, passed: true, startedAt: 2 };

  it('should count a pass over a higher-scoring fail under best, in records and the LMS alike', () => {
    expect(countsInstead(passed70, blocked90, 'best')).toBe(true);
    expect(countsInstead(blocked90, passed70, 'best')).toBe(false);
  });

  it('should keep the earlier attempt on a tie under best', () => {
    const again = { ...passed70, startedAt: 3 };
    expect(countsInstead(again, passed70, 'best')).toBe(false);
  });

  it('should follow start times under first and last', () => {
    expect(countsInstead(passed70, blocked90, 'last')).toBe(true);
    expect(countsInstead(passed70, blocked90, 'first')).toBe(false);
  });
});
