import { describe, expect, it } from 'vitest';
import { scenarioFlow } from '../../../src/core/scenario-flow';
import { layoutFlow } from '../../../src/features/authoring/graph/graph-layout';

describe('layoutFlow', () => {
  it('should draw each node below the one that leads to it', () => {
    const positions = layoutFlow(
      scenarioFlow({
        start: 'a',
        steps: [
          { id: 'a', next: [{ goto: 'b' }] },
          { id: 'b', next: [{ goto: 'a' }, { goto: 'end' }] },
        ],
        endings: [{ id: 'end', kind: 'lost' }],
      }),
    );
    const y = (id: string) => positions.get(id)?.y ?? Number.NaN;
    expect(y('a')).toBeLessThan(y('b'));
    expect(y('b')).toBeLessThan(y('end'));
  });
});
