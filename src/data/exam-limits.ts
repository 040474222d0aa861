/**
 * Exam attempt limits per scenario, set by a trainer or HR (settings table; no limit unless
 * set), and how many exam attempts a trainee has used: every exam started counts, finished,
 * abandoned for a fresh start or still open, so an exam cannot be restarted at will.
 */
import { z } from 'zod';
import { database } from './db';

export const EXAM_LIMITS_KEY = 'exam.attemptLimits';

/** At most 99 attempts: a limit is a handful, never a typo like 1000. */
const examLimitsSchema = z.record(z.string(), z.number().int().min(1).max(99));
export type ExamLimits = z.infer<typeof examLimitsSchema>;

/** Limits by scenario id; a scenario not listed has no limit. A broken stored value reads as none. */
export async function getExamLimits(): Promise<ExamLimits> {
  const stored = await database().settings.get(EXAM_LIMITS_KEY);
  const parsed = examLimitsSchema.safeParse(stored?.value ?? {});
  return parsed.success ? parsed.data : {};
}

/** Sets (or with undefined, removes) the exam attempt limit of a scenario. */
export async function saveExamLimit(scenarioId: string, limit: number | undefined): Promise<void> {
  const db = database();
  await db.transaction('rw', db.settings, async () => {
    const { [scenarioId]: _old, ...others } = await getExamLimits();
    const value = limit === undefined ? others : { ...others, [scenarioId]: limit };
    await db.settings.put({ key: EXAM_LIMITS_KEY, value: examLimitsSchema.parse(value) });
  });
}

/** Exam attempts per scenario id that this trainee has started. */
export async function examAttemptCounts(employeeNo: string): Promise<Map<string, number>> {
  const counts = new Map<string, number>();
  await database()
    .attempts.where('trainee.employeeNo')
    .equals(employeeNo)
    .filter((attempt) => attempt.mode === 'exam' && attempt.observer === undefined)
    .each((attempt) => counts.set(attempt.scenarioId, (counts.get(attempt.scenarioId) ?? 0) + 1));
  return counts;
}

/** Exam attempts used and the limit (undefined: unlimited) of one trainee at one scenario. */
export interface ExamAllowance {
  used: number;
  limit?: number;
}

/** A trainee's allowance at every scenario: look one up by id. */
export type ExamAllowances = (scenarioId: string) => ExamAllowance;

export async function examAllowances(employeeNo: string): Promise<ExamAllowances> {
  const [limits, counts] = await Promise.all([getExamLimits(), examAttemptCounts(employeeNo)]);
  return (scenarioId) => {
    const limit = limits[scenarioId];
    const used = counts.get(scenarioId) ?? 0;
    return limit === undefined ? { used } : { used, limit };
  };
}

export async function examAllowance(
  scenarioId: string,
  employeeNo: string,
): Promise<ExamAllowance> {
  return (await examAllowances(employeeNo))(scenarioId);
}

/** True when another exam attempt may start. */
export function mayStartExam(allowance: ExamAllowance): boolean {
  return allowance.limit === undefined || allowance.used < allowance.limit;
}
