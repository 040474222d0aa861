import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { evaluate, evaluateAnalyzer, parseLabelledReplies } from '../../../src/core/eval';
import { TAGS } from '../../../src/core/tags';
import { createNodeAnalyzer } from '../../../src/node/node-rules';

const MIN_F1 = 0.9;
const MIN_FIXTURES = 400;

const { analyzer } = await createNodeAnalyzer();
const { replies, problems } = parseLabelledReplies(
  readFileSync('tests/fixtures/replies.jsonl', 'utf8'),
);
const report = evaluateAnalyzer(analyzer, replies);

describe('parseLabelledReplies', () => {
  it('should read good lines, skip blank ones and report bad ones by line number', () => {
    const jsonl = [
      '{"id": "a", "text": "对不起", "tags": ["apology"]}',
      '',
      'not json',
      '{"id": "b", "text": "好", "tags": ["no-such-tag"]}',
    ].join('\n');
    const { replies, problems } = parseLabelledReplies(jsonl);
    expect(replies).toEqual([{ id: 'a', text: '对不起', tags: ['apology'] }]);
    expect(problems.map((problem) => problem.line)).toEqual([3, 4]);
  });
});

describe('evaluate', () => {
  const small = evaluate([
    { id: '1', text: 'a', expected: ['apology'], got: ['apology'] },
    { id: '2', text: 'b', expected: ['apology', 'empathy'], got: ['apology', 'forbidden'] },
    { id: '3', text: 'c', expected: [], got: [] },
  ]);

  it('should count precision, recall and F1 per tag', () => {
    expect(small.perTag.apology).toMatchObject({ precision: 1, recall: 1, f1: 1, support: 2 });
    expect(small.perTag.forbidden).toMatchObject({ precision: 0, recall: 1, f1: 0, support: 0 });
    expect(small.perTag.empathy).toMatchObject({ precision: 1, recall: 0, f1: 0, support: 1 });
  });

  it('should micro-average over all tag decisions', () => {
    // tp 2 (apology twice), fp 1 (forbidden), fn 1 (empathy)
    expect(small.micro).toMatchObject({ precision: 2 / 3, recall: 2 / 3, support: 3 });
    expect(small.micro.f1).toBeCloseTo(2 / 3);
  });

  it('should list the misclassified replies with what was missing and extra', () => {
    expect(small.misclassified).toEqual([
      {
        id: '2',
        text: 'b',
        expected: ['apology', 'empathy'],
        got: ['apology', 'forbidden'],
        missing: ['empathy'],
        extra: ['forbidden'],
      },
    ]);
  });

  it('should score a tag nobody used or expected as perfect', () => {
    expect(small.perTag['value-add']).toMatchObject({ precision: 1, recall: 1, f1: 1 });
  });
});

describe('evaluate (real catalogue on tests/fixtures/replies.jsonl)', () => {
  it('should read every fixture line', () => {
    expect(problems).toEqual([]);
  });

  it(`should have at least ${MIN_FIXTURES} labelled replies`, () => {
    expect(replies.length).toBeGreaterThanOrEqual(MIN_FIXTURES);
  });

  it.each(TAGS)('should have a positive example of %s', (tag) => {
    expect(report.perTag[tag].support).toBeGreaterThan(0);
  });

  it.each(TAGS)(`should reach F1 >= ${MIN_F1} on %s`, (tag) => {
    const score = report.perTag[tag];
    const misses = report.misclassified
      .filter((miss) => miss.missing.includes(tag) || miss.extra.includes(tag))
      .slice(0, 5)
      .map((miss) => `${miss.id} ${miss.text}`);
    expect(
      score.f1,
      `${tag}: ${JSON.stringify(score)}\nfirst misses:\n${misses.join('\n')}`,
    ).toBeGreaterThanOrEqual(MIN_F1);
  });
});
