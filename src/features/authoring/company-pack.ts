/** The company rule pack the trainer edits: a YAML text in the rule-pack format, built up rule by rule. */
import { parse, stringify } from 'yaml';
import { COMPANY_POLICY_DOC } from '../../core/documents';
import { RULE_PACK_SCHEMA_VERSION } from '../../core/rule-schema';
import type { Dimension } from '../../core/tags';

export const COMPANY_PACK = 'company';

export const EMPTY_COMPANY_PACK = stringify({
  schemaVersion: RULE_PACK_SCHEMA_VERSION,
  pack: COMPANY_PACK,
  title: { 'zh-CN': '公司自定义用语', en: 'Company phrases' },
  rules: [],
});

/** A company rule cites the company's policy, not a course document. */
export const COMPANY_POLICY_SECTION = '公司用语规则';

export type CompanyRuleKind = 'forbidden' | 'greeting';

export interface CompanyRuleInput {
  kind: CompanyRuleKind;
  phrase: string;
  message: string;
  messageEn: string;
  better: string;
  betterEn: string;
  example: string;
  dimension: Dimension;
  /** Points a match costs (forbidden) or earns (greeting), 1–20 as the rule schema allows. */
  weight: number;
}

/** Where a new rule of each kind starts: a forbidden phrase costs Assurance 8, a greeting earns Empathy 4. */
export const COMPANY_RULE_DEFAULTS: Record<
  CompanyRuleKind,
  Pick<CompanyRuleInput, 'dimension' | 'weight'>
> = {
  forbidden: { dimension: '保证性', weight: 8 },
  greeting: { dimension: '移情性', weight: 4 },
};

/** The pack text with one more rule; an English field left empty is written empty, so the pack check asks for it. */
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
    dimension: input.dimension,
    weight: input.weight,
    patterns: [input.phrase.trim()],
    message: { 'zh-CN': input.message.trim(), en: input.messageEn.trim() },
    better: { 'zh-CN': input.better.trim(), en: input.betterEn.trim() },
    source: { doc: COMPANY_POLICY_DOC, section: COMPANY_POLICY_SECTION },
    examples: { fires: input.example.trim() ? [input.example.trim()] : [], silent: [] },
  };
  return stringify({ ...pack, rules: [...rules, rule] });
}
