/** The analyzer's public tag vocabulary (design.md, "The analyzer contract"). */
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

export function isTag(value: string): value is Tag {
  return (TAGS as readonly string[]).includes(value);
}
