import { describe, expect, it } from 'vitest';
import { normalize, originalRange } from '../../../src/core/normalize';
import { loadTraditionalConverter } from '../../../src/core/traditional';

describe('normalize', () => {
  it('should drop spaces, dashes and enumeration commas inside a phrase', () => {
    expect(normalize('你 弄-错 了').text).toBe('你弄错了');
    expect(normalize('但、是').text).toBe('但是');
  });

  it('should turn full-width letters and digits into lower-case half-width', () => {
    expect(normalize('ＡＢＣ１２３').text).toBe('abc123');
  });

  it('should read 您 as 你', () => {
    expect(normalize('您好').text).toBe('你好');
  });

  it('should drop ideographic spaces, zero-width characters and emoji', () => {
    expect(normalize('你\u3000好\u200b呀😀～').text).toBe('你好呀');
  });

  it('should keep one question marker for a run of ?！', () => {
    expect(normalize('真的吗？！好').text).toBe('真的吗?好');
  });

  it('should mark sentence ends and commas as different boundaries', () => {
    expect(normalize('好的，谢谢。再见！').text).toBe('好的,谢谢。再见。');
  });

  it('should keep a decimal point from splitting a clause', () => {
    expect(normalize('退您3.5元').text).toBe('退你35元');
  });

  it('should map each normalised char to its original UTF-16 offset', () => {
    const result = normalize('😀您 好');
    expect(result.text).toBe('你好');
    expect(result.map).toEqual([2, 4]);
  });

  it('should convert traditional characters one for one with the converter', async () => {
    const toSimplified = await loadTraditionalConverter();
    const result = normalize('對不起，您弄錯了', toSimplified);
    expect(result.text).toBe('对不起,你弄错了');
    expect(result.map).toHaveLength(result.text.length);
  });
});

describe('originalRange', () => {
  it('should cover the original characters of a normalised range, spaces inside included', () => {
    const text = '唉 您 弄-错 了';
    const normalized = normalize(text);
    expect(originalRange(text, normalized, 1, 4)).toEqual({ start: 2, end: 7 });
  });

  it('should end after a surrogate pair', () => {
    const text = '𠀾好';
    expect(originalRange(text, normalize(text), 0, 1)).toEqual({ start: 0, end: 2 });
  });
});
