import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { createAnalyzer } from '../../../src/core/analyzer';
import type { Rule } from '../../../src/core/rule-schema';
import {
  compileTagModel,
  modelHits,
  parseModelRuleId,
  parseTagModel,
  type TagModel,
} from '../../../src/core/tag-model';
import { runTranscript } from '../../../src/core/attempt';
import { TAG_MODEL_PATH } from '../../../src/node/node-rules';
import { miniScenario } from '../../support/mini-scenario';

/** A hand-made model: "等着" pushes towards forbidden, "马上" away from it. */
const tiny: TagModel = {
  schemaVersion: 1,
  threshold: 0.7,
  trainedOn: ['test'],
  tags: {
    forbidden: {
      bias: -2,
      weights: { 等着: 3.5, 马上: -3 },
      examples: [
        ['您就在家等着吧。', '你就在家等着吧。'],
        ['这个没办法。', '这个没办法。'],
      ],
    },
  },
};

const rule: Rule = {
  id: 'forbidden.calm-down',
  tag: 'forbidden',
  dimension: '保证性',
  weight: 8,
  patterns: ['你别激动'],
  exceptions: [],
  message: { 'zh-CN': '别激动', en: 'calm down' },
  better: { 'zh-CN': '更好', en: 'better' },
  source: { doc: '003_22128e453d54b396.txt', section: '回答的艺术' },
  examples: { fires: [], silent: [] },
};

describe('modelHits', () => {
  it('should find the tag, the clause that carries it and the example it resembles', () => {
    const [hit] = modelHits(compileTagModel(tiny), '好的,你等着吧');
    expect(hit).toMatchObject({ tag: 'forbidden', start: 3, end: 7, example: 0 });
    expect(modelHits(compileTagModel(tiny), '好的,我马上去办')).toEqual([]);
  });
});

describe('the analyzer with a model', () => {
  const analyzer = createAnalyzer([rule], { model: tiny });

  it('should add a tag the rules missed, pointing at the words and naming the labelled example', () => {
    const analysis = analyzer.analyze('好的，您等着吧');
    expect(analysis.tags).toEqual(['forbidden']);
    const [span] = analysis.spans;
    expect('好的，您等着吧'.slice(span!.start, span!.end)).toBe('您等着吧');
    expect(parseModelRuleId(span!.ruleId)).toEqual({ tag: 'forbidden', example: 0 });
    expect(analyzer.ruleById(span!.ruleId)?.message['zh-CN']).toContain('您就在家等着吧。');
  });

  it('should leave a tag the rules found to the rules', () => {
    const analysis = analyzer.analyze('你别激动，等着吧');
    expect(analysis.spans.map((s) => s.ruleId)).toEqual(['forbidden.calm-down']);
  });
});

describe('the trained model file', () => {
  it('should be valid and cover the tags it was trained for', () => {
    const model = parseTagModel(readFileSync(TAG_MODEL_PATH, 'utf8'));
    expect(model).toBeDefined();
    expect(Object.keys(model!.tags).sort()).toContain('forbidden');
    expect(model!.tags.forbidden!.threshold).toBeGreaterThan(model!.threshold);
  });

  it('should refuse a broken file, so the analyzer runs on rules alone', () => {
    expect(parseTagModel('{"schemaVersion": 2}')).toBeUndefined();
    expect(parseTagModel('not json')).toBeUndefined();
  });
});

describe('a model finding in an exam', () => {
  it('should cost points but never fail the attempt outright: only a written rule is a blocker', () => {
    const analyzer = createAnalyzer([rule], { model: tiny });
    const scenario = miniScenario();
    const byModel = runTranscript(
      scenario,
      analyzer,
      { replies: [{ text: '您等着吧', afterMs: 2_000 }] },
      'exam',
    );
    expect(byModel.findings.some((f) => f.tag === 'forbidden' && f.points < 0)).toBe(true);
    expect(byModel.blockedBy).toBeUndefined();
    const byRule = runTranscript(
      scenario,
      analyzer,
      { replies: [{ text: '你别激动', afterMs: 2_000 }] },
      'exam',
    );
    expect(byRule.blockedBy?.ruleId).toBe('forbidden.calm-down');
  });
});
