import { describe, expect, it } from 'vitest';
import { choiceOrder } from '../../../src/features/practice/choice-order';

describe('choiceOrder', () => {
  it('should give every option once, the same order again for the same attempt and turn', () => {
    const order = choiceOrder(4, 'attempt-1:2');
    expect([...order].sort()).toEqual([0, 1, 2, 3]);
    expect(choiceOrder(4, 'attempt-1:2')).toEqual(order);
  });

  it('should move the authored options around, so "always the second one" is no strategy', () => {
    const seeds = Array.from({ length: 200 }, (_, i) => `attempt-${i}:${i % 7}`);
    // Where the authored second option is shown: every place, none of them most of the time.
    const shownAt = seeds.map((seed) => choiceOrder(4, seed).indexOf(1));
    for (const place of [0, 1, 2, 3]) {
      const share = shownAt.filter((at) => at === place).length / seeds.length;
      expect(share).toBeGreaterThan(0.1);
      expect(share).toBeLessThan(0.4);
    }
  });
});
