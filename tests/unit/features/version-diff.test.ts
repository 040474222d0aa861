import { describe, expect, it } from 'vitest';
import { sideBySide } from '../../../src/features/authoring/version-diff';

describe('sideBySide', () => {
  it('should face a changed line with its replacement and number both sides', () => {
    const rows = sideBySide('a\nb\nc\n', 'a\nB\nc\nd\n');
    expect(rows).toEqual([
      { kind: 'same', left: { line: 1, text: 'a' }, right: { line: 1, text: 'a' } },
      { kind: 'changed', left: { line: 2, text: 'b' }, right: { line: 2, text: 'B' } },
      { kind: 'same', left: { line: 3, text: 'c' }, right: { line: 3, text: 'c' } },
      { kind: 'added', right: { line: 4, text: 'd' } },
    ]);
  });

  it('should show a removed line on the left only', () => {
    expect(sideBySide('a\nb\n', 'a\n').map((row) => row.kind)).toEqual(['same', 'removed']);
  });
});
