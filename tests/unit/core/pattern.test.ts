import { describe, expect, it } from 'vitest';
import { normalize } from '../../../src/core/normalize';
import { compilePattern, patternProblem, PatternError } from '../../../src/core/pattern';

function matches(pattern: string, text: string): boolean {
  const { global } = compilePattern(pattern);
  global.lastIndex = 0;
  return global.test(normalize(text).text);
}

describe('compilePattern', () => {
  it('should match a plain phrase through spaces and 您', () => {
    expect(matches('你弄错了', '您 弄错 了')).toBe(true);
  });

  it('should let a gap span up to eight characters of one clause', () => {
    expect(matches('你…弄错', '你把单号弄错了')).toBe(true);
    expect(matches('你...弄错', '你把这个订单上的单号弄错了')).toBe(false);
    expect(matches('你…弄错', '你好。单号弄错了')).toBe(false);
  });

  it('should anchor ^ at the start of a clause and $ at its end', () => {
    expect(matches('^但', '东西不错，但贵')).toBe(true);
    expect(matches('^但', '不但贵')).toBe(false);
    expect(matches('(吗|呢)$', '可以吗？好的')).toBe(true);
    expect(matches('(吗|呢)$', '吗啡')).toBe(false);
  });

  it('should treat a comma in the pattern as optional', () => {
    expect(matches('对不起，给您添麻烦了', '对不起给你添麻烦了')).toBe(true);
    expect(matches('对不起，给您添麻烦了', '对不起，给你添麻烦了')).toBe(true);
  });

  it('should treat regex characters as text, never as syntax', () => {
    expect(matches('a.b', 'axb')).toBe(false);
    expect(matches('a.b', 'a b')).toBe(true);
    expect(matches('吗?', '好吗？')).toBe(true);
    expect(matches('吗?', '好吗')).toBe(false);
  });

  it('should index a pattern by the characters its matches begin with', () => {
    expect(compilePattern('(非常|很|)抱歉').prefixes?.sort()).toEqual(['很抱', '抱歉', '非常']);
    expect(compilePattern('你…弄错').prefixes).toEqual(['你']);
  });

  it('should throw a PatternError for a group that is never closed', () => {
    expect(() => compilePattern('(吗|呢')).toThrow(PatternError);
  });
});

describe('patternProblem', () => {
  it('should explain a malformed pattern', () => {
    expect(patternProblem('吗)')).toMatch(/outside/);
    expect(patternProblem('你^')).toMatch(/\^/);
    expect(patternProblem('……')).toMatch(/no text/);
  });

  it('should return null for a good pattern', () => {
    expect(patternProblem('^(请问|)你…(吗|呢)$')).toBeNull();
  });
});
