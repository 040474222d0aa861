/** The analyzer's public tag vocabulary (design.md, "The analyzer contract"). */
import type { Localized } from './rule-schema';

export const TAGS = [
  'forbidden',
  'contrast',
  'apology',
  'empathy',
  'open-question',
  'closed-question',
  'spin-situation',
  'spin-problem',
  'spin-implication',
  'spin-need-payoff',
  'compensation',
  'follow-up',
  'ask-preference',
  'value-add',
] as const;

export type Tag = (typeof TAGS)[number];

/** The five service-quality dimensions of 004_8200034c7315b48c.txt (第三节 服务质量的评价). */
export const DIMENSIONS = ['可感知性', '可靠性', '反应性', '保证性', '移情性'] as const;

export type Dimension = (typeof DIMENSIONS)[number];

export const DIMENSION_EN: Record<Dimension, string> = {
  可感知性: 'Tangibles',
  可靠性: 'Reliability',
  反应性: 'Responsiveness',
  保证性: 'Assurance',
  移情性: 'Empathy',
};

/** What the app knows of each tag, in one place. */
export interface TagInfo {
  label: Localized;
  /** Where its points count when no catalogue rule of the tag says otherwise. */
  dimension: Dimension;
  /** Costs points wherever it appears (marked in coach hints); the others are moves to make. */
  problem: boolean;
}

export const TAG_INFO: Record<Tag, TagInfo> = {
  forbidden: {
    label: { 'zh-CN': '禁用语', en: 'forbidden phrase' },
    dimension: '保证性',
    problem: true,
  },
  contrast: {
    label: { 'zh-CN': '转折语', en: 'contrast conjunction' },
    dimension: '保证性',
    problem: true,
  },
  apology: { label: { 'zh-CN': '道歉', en: 'apology' }, dimension: '移情性', problem: false },
  empathy: { label: { 'zh-CN': '表示理解', en: 'empathy' }, dimension: '移情性', problem: false },
  'open-question': {
    label: { 'zh-CN': '开放式提问', en: 'open question' },
    dimension: '可靠性',
    problem: false,
  },
  'closed-question': {
    label: { 'zh-CN': '封闭式提问', en: 'closed question' },
    dimension: '可靠性',
    problem: false,
  },
  'spin-situation': {
    label: { 'zh-CN': '背景问题', en: 'situation question' },
    dimension: '可靠性',
    problem: false,
  },
  'spin-problem': {
    label: { 'zh-CN': '难点问题', en: 'problem question' },
    dimension: '可靠性',
    problem: false,
  },
  'spin-implication': {
    label: { 'zh-CN': '暗示问题', en: 'implication question' },
    dimension: '可靠性',
    problem: false,
  },
  'spin-need-payoff': {
    label: { 'zh-CN': '需求-效益问题', en: 'need-payoff question' },
    dimension: '可靠性',
    problem: false,
  },
  compensation: {
    label: { 'zh-CN': '补偿性关照', en: 'compensation' },
    dimension: '可靠性',
    problem: false,
  },
  'follow-up': {
    label: { 'zh-CN': '跟踪服务', en: 'follow-up' },
    dimension: '反应性',
    problem: false,
  },
  'ask-preference': {
    label: { 'zh-CN': '询问顾客意见', en: 'asking what the customer wants' },
    dimension: '移情性',
    problem: false,
  },
  'value-add': {
    label: { 'zh-CN': '附加服务', en: 'value-added service' },
    dimension: '可感知性',
    problem: false,
  },
};

/** Tags that cost points wherever they appear: forbidden phrases and contrast words. */
export const PROBLEM_TAGS: readonly Tag[] = TAGS.filter((tag) => TAG_INFO[tag].problem);
