import { describe, expect, it } from 'vitest';
import { createAnalyzer } from '../../../src/core/analyzer';
import type { Rule } from '../../../src/core/rule-schema';
import type { Tag } from '../../../src/core/tags';

function rule(id: string, tag: Tag, patterns: string[], exceptions: string[] = []): Rule {
  return {
    id,
    tag,
    dimension: '移情性',
    weight: 5,
    patterns,
    exceptions,
    message: { 'zh-CN': '测试', en: 'test' },
    better: { 'zh-CN': '测试', en: 'test' },
    source: { doc: '003_22128e453d54b396.txt', section: '测试' },
    examples: { fires: [], silent: [] },
  };
}

const testRules: Rule[] = [
  rule('blame.you-wrong', 'forbidden', ['你…弄错', '你搞错了'], ['你没有弄错', '你没弄错']),
  rule('lecture.should', 'forbidden', ['^你应该'], []),
  rule('contrast.but', 'contrast', ['但是', '可是'], ['不但是', '不但']),
  rule('contrast.dan', 'contrast', ['^但'], ['但愿']),
  rule('apology.sorry', 'apology', ['对不起', '(非常|很)抱歉', '给你添麻烦了']),
  rule('question.closed', 'closed-question', ['(吗|吧)$', '是不是']),
  rule('question.open', 'open-question', ['(什么|怎么|哪)…?']),
];

const analyzer = createAnalyzer(testRules);
const tagsOf = (text: string): Tag[] => analyzer.analyze(text).tags;

describe('createAnalyzer', () => {
  it('should tag a blaming reply with a gap between its words', () => {
    expect(tagsOf('我觉得是你自己弄错了')).toEqual(['forbidden']);
  });

  it('should not tag reassurance that only looks like blame', () => {
    expect(tagsOf('您没有弄错，是我们的问题')).toEqual([]);
  });

  it('should not blame the customer when the company admits the mistake', () => {
    expect(tagsOf('是我们弄错了，非常抱歉')).toEqual(['apology']);
  });

  it('should not read 不但是 as the contrast 但是', () => {
    expect(tagsOf('这款不但是新品，还包邮')).toEqual([]);
  });

  it('should not read 但愿 as a clause-opening 但', () => {
    expect(tagsOf('但愿这次能帮到您')).toEqual([]);
  });

  it('should tag 但 when it opens the clause after a comma', () => {
    expect(tagsOf('东西不错，但价格高')).toEqual(['contrast']);
  });

  it('should not tag 我们应该 as a lecture', () => {
    expect(tagsOf('我们应该马上给您处理')).toEqual([]);
  });

  it('should tag a lecture that opens a sentence', () => {
    expect(tagsOf('好的。你应该先看说明书')).toEqual(['forbidden']);
  });

  it('should match through spaces, dashes, enumeration commas, 您 and full-width text', () => {
    expect(tagsOf('您 弄-错 了')).toEqual(['forbidden']);
    expect(tagsOf('但、是这个不行')).toEqual(['contrast']);
    expect(tagsOf('给您添麻烦了')).toEqual(['apology']);
  });

  it('should match traditional characters when given a converter', () => {
    const toSimplified = (char: string): string => ({ 對: '对', 錯: '错' })[char] ?? char;
    const traditional = createAnalyzer(testRules, { toSimplified });
    expect(traditional.analyze('對不起，是你弄錯了').tags).toEqual(['apology', 'forbidden']);
  });

  it('should not let a gap reach across a sentence end', () => {
    expect(tagsOf('你好。这个订单弄错了')).toEqual([]);
  });

  it('should see a question mark at the end of a clause', () => {
    expect(tagsOf('这样可以吗？')).toEqual(['closed-question']);
    expect(tagsOf('吗啡不是药')).toEqual([]);
  });

  it('should give several tags sorted and unique', () => {
    expect(tagsOf('对不起，您遇到了什么问题？是不是没收到？')).toEqual([
      'apology',
      'closed-question',
      'open-question',
    ]);
  });
});

describe('analyze', () => {
  it('should give spans as offsets into the original text', () => {
    const text = '唉，您 弄-错 了！';
    const [span] = analyzer.analyze(text).spans;
    expect(span).toMatchObject({ tag: 'forbidden', ruleId: 'blame.you-wrong' });
    expect(text.slice(span?.start, span?.end)).toBe('您 弄-错');
  });

  it('should count an emoji before a phrase as two UTF-16 units', () => {
    const text = '😀对不起';
    const [span] = analyzer.analyze(text).spans;
    expect(span).toMatchObject({ start: 2, end: 5 });
  });

  it('should keep a match that an exception does not overlap', () => {
    const analysis = analyzer.analyze('您没有弄错。但是你搞错了日期');
    expect(analysis.tags).toEqual(['contrast', 'forbidden']);
    expect(analysis.spans.map((span) => span.ruleId)).toEqual([
      'contrast.dan',
      'contrast.but',
      'blame.you-wrong',
    ]);
  });

  it('should give spans sorted by start', () => {
    const { spans } = analyzer.analyze('是不是没收到？对不起');
    expect(spans.map((span) => span.start)).toEqual([0, 7]);
  });

  it('should find the same phrases and exceptions in a long reply as in a short one', () => {
    const padding = '我们这边会尽快为您核实订单信息。'.repeat(15);
    const long = `${padding}您没有弄错。但是你搞错了日期，可以吗？${padding}`;
    expect(long.length).toBeGreaterThan(200);
    const analysis = analyzer.analyze(long);
    expect(analysis.tags).toEqual(['closed-question', 'contrast', 'forbidden']);
    expect(analysis.spans.map((span) => long.slice(span.start, span.end))).toEqual([
      '但',
      '但是',
      '你搞错了',
      '吗',
    ]);
  });

  it('should tag nothing in an empty reply', () => {
    expect(analyzer.analyze('')).toEqual({ tags: [], spans: [] });
  });
});

describe('findPhrase', () => {
  it('should find a keyword written with spaces and traditional-style punctuation', () => {
    const text = '您是 3 月 5 号下的单吧';
    expect(analyzer.findPhrase(text, '3月5号')).toEqual({ start: 3, end: 10 });
  });

  it('should return null when the phrase is absent or malformed', () => {
    expect(analyzer.findPhrase('你好', '订单')).toBeNull();
    expect(analyzer.findPhrase('你好', '(你')).toBeNull();
  });
});

describe('ruleById', () => {
  it('should return the rule with that id, or undefined', () => {
    expect(analyzer.ruleById('apology.sorry')?.tag).toBe('apology');
    expect(analyzer.ruleById('nope')).toBeUndefined();
  });
});

describe('composition', () => {
  const composed = createAnalyzer([
    rule('forbidden.normal', 'forbidden', ['很正常']),
    rule('empathy.anyone', 'empathy', ['谁…都会']),
    rule('ask.what-you-want', 'ask-preference', ['你想怎么样']),
    rule('forbidden.how-dare', 'forbidden', ['那你想']),
    {
      ...rule('spin-problem.asks-trouble', 'spin-problem', ['出岔子']),
      clause: { question: true },
    },
    { ...rule('value-add.free', 'value-add', ['免费…清洗']), situation: 'ordinary' },
    { ...rule('blame.your-fault', 'forbidden', ['的问题']), clause: { subject: 'you' } },
  ]);
  const tags = (text: string, situation?: 'failure' | 'ordinary') =>
    composed.analyze(text, situation ? { situation } : undefined).tags;

  it('should let a blaming clause cancel comfort or a wish question in that clause only', () => {
    expect(tags('谁遇到都会这样很正常')).toEqual(['forbidden']);
    expect(tags('谁遇到都会着急，这也很正常')).toEqual(['empathy', 'forbidden']);
    expect(tags('那你想怎么样')).toEqual(['forbidden']);
  });

  it('should type a question by what it asks about, and leave statements alone', () => {
    expect(tags('午市哪一步最容易出岔子？')).toEqual(['spin-problem']);
    expect(tags('我们的系统不会出岔子。')).toEqual([]);
  });

  it("should read an offer by the scenario's situation", () => {
    expect(tags('我们免费给您清洗一次', 'ordinary')).toEqual(['value-add']);
    expect(tags('我们免费给您清洗一次', 'failure')).toEqual([]);
    expect(tags('我们免费给您清洗一次')).toEqual(['value-add']);
  });

  it('should look at who a clause is about', () => {
    expect(tags('这是您自己使用的问题')).toEqual(['forbidden']);
    expect(tags('这是我们安装的问题')).toEqual([]);
  });
});

describe('the analysis cache', () => {
  it("should keep an authored line asked for twice while trainees' one-off replies go by", () => {
    const cached = createAnalyzer(testRules, { analysisCacheSize: 10 });
    const authored = cached.analyze('非常抱歉让您久等了。');
    expect(cached.analyze('非常抱歉让您久等了。')).toBe(authored);
    const oneOff = cached.analyze('这是第0条回复。');
    for (let n = 1; n <= 50; n++) cached.analyze(`这是第${n}条回复。`);
    expect(cached.analyze('非常抱歉让您久等了。')).toBe(authored);
    // A text seen once is not kept past the replies after it.
    expect(cached.analyze('这是第0条回复。')).not.toBe(oneOff);
    expect(cached.analyze('这是第0条回复。')).toEqual(oneOff);
  });
});
