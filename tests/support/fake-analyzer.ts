/** A tiny analyzer for machine and scoring tests: fixed phrases -> tags, plain substring search. */
import { readFileSync } from 'node:fs';
import type { Analysis, Analyzer, Span } from '../../src/core/analyzer';
import { loadRulePacks } from '../../src/core/rule-loader';
import type { Rule } from '../../src/core/rule-schema';
import type { Dimension, Tag } from '../../src/core/tags';

const PROCEDURES_FILE = 'scenarios/rules/procedures.yaml';

const source = { doc: '003_22128e453d54b396.txt', section: '回答的艺术' };

function rule(id: string, tag: Tag, dimension: Dimension, weight: number, phrase: string): Rule {
  return {
    id,
    tag,
    dimension,
    weight,
    patterns: [phrase],
    exceptions: [],
    message: { 'zh-CN': `${phrase} 的说明`, en: `about ${phrase}` },
    better: { 'zh-CN': `更好的说法(${id})`, en: `better (${id})` },
    source,
    examples: { fires: [], silent: [] },
  };
}

export const FAKE_RULES: Rule[] = [
  rule('forbidden.wrong', 'forbidden', '保证性', 10, '你弄错了'),
  rule('forbidden.calm-down', 'forbidden', '保证性', 10, '你别激动'),
  rule('contrast.but', 'contrast', '保证性', 5, '但是'),
  rule('apology.sorry', 'apology', '移情性', 8, '对不起'),
  rule('apology.trouble', 'apology', '移情性', 8, '给您添麻烦了'),
  rule('empathy.understand', 'empathy', '移情性', 8, '我理解'),
  rule('open.how', 'open-question', '可靠性', 6, '怎么回事'),
  rule('compensation.free', 'compensation', '可靠性', 8, '免费'),
  rule('follow-up.callback', 'follow-up', '反应性', 6, '回访'),
  rule('ask.what-would', 'ask-preference', '移情性', 6, '您希望'),
  rule('value-add.extra', 'value-add', '可感知性', 6, '顺便'),
  rule('spin.situation', 'spin-situation', '可靠性', 5, '现在用的是'),
  rule('spin.problem', 'spin-problem', '可靠性', 5, '有什么困难'),
  rule('spin.implication', 'spin-implication', '可靠性', 5, '会有什么影响'),
  rule('spin.need-payoff', 'spin-need-payoff', '可靠性', 5, '对您有什么帮助'),
];

function findAll(text: string, phrase: string): { start: number; end: number }[] {
  const found: { start: number; end: number }[] = [];
  for (let at = text.indexOf(phrase); at >= 0; at = text.indexOf(phrase, at + 1))
    found.push({ start: at, end: at + phrase.length });
  return found;
}

/** The real service procedures (scenarios/rules/procedures.yaml), so reports check them as the app does. */
const PROCEDURES = loadRulePacks([
  { file: PROCEDURES_FILE, text: readFileSync(PROCEDURES_FILE, 'utf8') },
]).procedures;

/** Analyzer over FAKE_RULES: each rule's single pattern is matched as a plain substring. */
export function createFakeAnalyzer(rules: readonly Rule[] = FAKE_RULES): Analyzer {
  return {
    rules,
    ruleById: (id) => rules.find((r) => r.id === id),
    procedures: PROCEDURES,
    findPhrase: (text, phrase) => findAll(text, phrase)[0] ?? null,
    analyze(text): Analysis {
      const spans: Span[] = rules
        .flatMap((r) =>
          findAll(text, r.patterns[0] ?? '').map((m) => ({ ...m, tag: r.tag, ruleId: r.id })),
        )
        .sort((a, b) => a.start - b.start);
      return { tags: [...new Set(spans.map((s) => s.tag))].sort(), spans };
    },
  };
}
