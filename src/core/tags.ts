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

/** A move to make (problem: false) or a problem that costs points (problem: true). */
function info(zh: string, en: string, dimension: Dimension, problem = false): TagInfo {
  return { label: { 'zh-CN': zh, en }, dimension, problem };
}

export const TAG_INFO: Record<Tag, TagInfo> = {
  forbidden: info('禁用语', 'forbidden phrase', '保证性', true),
  contrast: info('转折语', 'contrast conjunction', '保证性', true),
  apology: info('道歉', 'apology', '移情性'),
  empathy: info('表示理解', 'empathy', '移情性'),
  'open-question': info('开放式提问', 'open question', '可靠性'),
  'closed-question': info('封闭式提问', 'closed question', '可靠性'),
  'spin-situation': info('背景问题', 'situation question', '可靠性'),
  'spin-problem': info('难点问题', 'problem question', '可靠性'),
  'spin-implication': info('暗示问题', 'implication question', '可靠性'),
  'spin-need-payoff': info('需求-效益问题', 'need-payoff question', '可靠性'),
  compensation: info('补偿性关照', 'compensation', '可靠性'),
  'follow-up': info('跟踪服务', 'follow-up', '反应性'),
  'ask-preference': info('询问顾客意见', 'asking what the customer wants', '移情性'),
  'value-add': info('附加服务', 'value-added service', '可感知性'),
};

/** Tags that cost points wherever they appear: forbidden phrases and contrast words. */
export const PROBLEM_TAGS: readonly Tag[] = TAGS.filter((tag) => TAG_INFO[tag].problem);
