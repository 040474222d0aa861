import { describe, expect, it } from 'vitest';
import type { Span } from '../../../src/core/analyzer';
import { groupHints } from '../../../src/features/practice/hint-groups';

const span = (tag: Span['tag'], ruleId: string, start: number, end: number): Span => ({
  tag,
  ruleId,
  start,
  end,
});

describe('groupHints', () => {
  it('should make one hint of spans that overlap in a chain, whatever their tags, each tag named once', () => {
    const groups = groupHints([
      span('forbidden', 'forbidden.a', 0, 10),
      span('contrast', 'contrast.b', 2, 4),
      span('forbidden', 'forbidden.c', 3, 8),
      span('forbidden', 'forbidden.d', 9, 12),
      span('contrast', 'contrast.e', 20, 22),
    ]);

    expect(groups).toHaveLength(2);
    expect(groups[0]).toMatchObject({ start: 0, end: 12 });
    expect(groups[0]?.spans.map((s) => s.ruleId)).toEqual(['forbidden.a', 'contrast.b']);
    expect(groups[1]).toMatchObject({ start: 20, end: 22 });
  });

  it('should keep phrases that only touch apart', () => {
    expect(groupHints([span('contrast', 'x', 0, 2), span('forbidden', 'y', 2, 5)])).toHaveLength(2);
  });
});
