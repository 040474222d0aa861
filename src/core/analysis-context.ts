/**
 * The situation a reply is said in, which decides what some offers mean: a free extra after a
 * failure the company caused makes good (compensation); the same extra in ordinary service is
 * value-add (001 思维创新 · 服务的附加价值; 003 第四步 · 补偿性关照).
 */
import type { AnalysisContext } from './analyzer';
import type { Scenario } from './scenario-schema';

/** Complaints and returns follow a failure; SPIN, value-add and personalised service do not. */
export function analysisContextOf(scenario: Pick<Scenario, 'category'>): AnalysisContext {
  const failure = ['complaint', 'returns', 'after-sales'].includes(scenario.category);
  return { situation: failure ? 'failure' : 'ordinary' };
}
