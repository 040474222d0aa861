import { describe, expect, it } from 'vitest';
import { diffText } from '../../../src/core/text-diff';

function side(segments: ReturnType<typeof diffText>, keep: 'before' | 'after'): string {
  const dropped = keep === 'before' ? 'insert' : 'delete';
  return segments
    .filter((segment) => segment.kind !== dropped)
    .map((segment) => segment.text)
    .join('');
}

describe('diffText', () => {
  it('should mark what the model reply says that yours leaves out', () => {
    expect(diffText('对不起，您说得对', '您说得对')).toEqual([
      { kind: 'delete', text: '对不起，' },
      { kind: 'equal', text: '您说得对' },
    ]);
  });

  it('should mark words you added and the ones you replaced', () => {
    const segments = diffText('我理解您的心情', '我理解你的心情但是');
    expect(segments).toEqual([
      { kind: 'equal', text: '我理解' },
      { kind: 'delete', text: '您' },
      { kind: 'insert', text: '你' },
      { kind: 'equal', text: '的心情' },
      { kind: 'insert', text: '但是' },
    ]);
  });

  it('should rebuild both texts from the segments', () => {
    const model = '真的非常抱歉，让您白等了两次，这件事我来负责。';
    const yours = '抱歉，但是送货慢是物流的问题，您别激动。';
    const segments = diffText(model, yours);
    expect(side(segments, 'before')).toBe(model);
    expect(side(segments, 'after')).toBe(yours);
  });

  it('should never split an emoji', () => {
    const segments = diffText('好的😀', '好的😡');
    expect(segments).toEqual([
      { kind: 'equal', text: '好的' },
      { kind: 'delete', text: '😀' },
      { kind: 'insert', text: '😡' },
    ]);
  });

  it('should show two unrelated sentences as one replacement, not scattered single characters', () => {
    const segments = diffText('我理解您的心情', '这是你的问题');
    expect(segments).toEqual([
      { kind: 'delete', text: '我理解您的心情' },
      { kind: 'insert', text: '这是你的问题' },
    ]);
  });

  it('should handle empty texts', () => {
    expect(diffText('', '')).toEqual([]);
    expect(diffText('', '您好')).toEqual([{ kind: 'insert', text: '您好' }]);
  });

  it('should still rebuild both sides when the texts are too long for a full comparison', () => {
    const model = '甲'.repeat(1500) + '乙'.repeat(1500);
    const yours = '丙'.repeat(1500) + '丁'.repeat(1500);
    const segments = diffText(model, yours);
    expect(side(segments, 'before')).toBe(model);
    expect(side(segments, 'after')).toBe(yours);
  });
});
