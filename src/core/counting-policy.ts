/**
 * Which of a trainee's finished attempts at a scenario counts: one rule for records, the
 * completion matrix, exports and the LMS; and which modes complete a scenario.
 */
import type { Mode } from './scenario-schema';

export const COUNTING_POLICIES = ['best', 'last', 'first'] as const;
export type CountingPolicy = (typeof COUNTING_POLICIES)[number];

/** What the policy looks at of an attempt. */
export interface Countable {
  score?: number;
  passed?: boolean;
  startedAt: number;
}

/**
 * True when `candidate` counts instead of `current`. best: a pass beats a fail, then the higher
 * score, the earlier attempt on ties (a blocked 90 does not beat a passed 70); last; first.
 */
export function countsInstead(
  candidate: Countable,
  current: Countable,
  policy: CountingPolicy,
): boolean {
  if (policy === 'first') return candidate.startedAt < current.startedAt;
  if (policy === 'last') return candidate.startedAt > current.startedAt;
  const passedA = candidate.passed === true;
  const passedB = current.passed === true;
  if (passedA !== passedB) return passedA;
  const a = candidate.score ?? -1;
  const b = current.score ?? -1;
  return a > b || (a === b && candidate.startedAt < current.startedAt);
}

/**
 * The modes whose counting pass completes a scenario unless HR chooses others: an exam (no
 * hints, timed) and a role play a trainer observed are assessments; coach (hints) and choice
 * (picking from given replies) are practice.
 */
export const DEFAULT_COMPLETION_MODES: readonly Mode[] = ['exam', 'observed'];
