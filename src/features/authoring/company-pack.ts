/** The company rule pack the trainer edits: a YAML text in the rule-pack format, built up rule by rule. */
import { parse, stringify } from 'yaml';
import { RULE_PACK_SCHEMA_VERSION } from '../../core/rule-schema';

export const COMPANY_PACK = 'company';

export const EMPTY_COMPANY_PACK = stringify({
  schemaVersion: RULE_PACK_SCHEMA_VERSION,
  pack: COMPANY_PACK,
  title: { 'zh-CN': '公司自定义用语', en: 'Company phrases' },
  rules: [],
});

export interface CompanyRuleInput {
  kind: 'forbidden' | 'greeting';
  phrase: string;
  message: string;
  messageEn: string;
  better: string;
  example: string;
}

/** The pack text with one more rule; a forbidden phrase costs Assurance, a greeting counts as empathy. */
export function addCompanyRule(packText: string, input: CompanyRuleInput): string {
  const parsed: unknown = parse(packText);
  const pack =
    typeof parsed === 'object' && parsed !== null
      ? (parsed as { rules?: unknown[] })
      : (parse(EMPTY_COMPANY_PACK) as { rules?: unknown[] });
  const rules = Array.isArray(pack.rules) ? pack.rules : [];
  const forbidden = input.kind === 'forbidden';
  const rule = {
    id: `company.${input.kind}-${rules.length + 1}`,
    tag: forbidden ? 'forbidden' : 'empathy',
    dimension: forbidden ? '保证性' : '移情性',
    weight: forbidden ? 8 : 4,
    patterns: [input.phrase.trim()],
    message: { 'zh-CN': input.message.trim(), en: input.messageEn.trim() || input.message.trim() },
    better: { 'zh-CN': input.better.trim(), en: input.better.trim() },
    source: forbidden
      ? { doc: '003_22128e453d54b396.txt', section: '回答的艺术' }
      : { doc: '001_bb853a58b24a26b1.txt', section: '服务个性化 · 贴心的问候' },
    examples: { fires: input.example.trim() ? [input.example.trim()] : [], silent: [] },
  };
  return stringify({ ...pack, rules: [...rules, rule] });
}
