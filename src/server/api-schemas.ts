/** What the API accepts: every body is checked here, and a bad one answered 400 with the field at fault. */
import { z } from 'zod';
import { replyTextSchema } from '../core/attempt';

/** The most replies one call may have. */
const MAX_REPLIES = 100;
/** A reply more than an hour after the customer's line is not a conversation. */
const MAX_AFTER_MS = 60 * 60_000;

const replies = z
  .array(
    z.strictObject({
      text: replyTextSchema,
      afterMs: z.number().int().min(0).max(MAX_AFTER_MS),
    }),
  )
  .min(1)
  .max(MAX_REPLIES);

const scoredMode = z.enum(['coach', 'exam', 'choice']);

/** POST /api/score: a transcript to score. */
export const scoreRequestSchema = z.strictObject({
  scenarioId: z.string().min(1).max(100),
  replies,
  mode: scoredMode.default('coach'),
});

/** POST /api/attempts: an attempt a device practised, to be re-scored and kept. */
export const attemptSubmissionSchema = z.strictObject({
  id: z.string().min(1).max(100),
  trainee: z.strictObject({
    name: z.string().trim().min(1).max(100),
    employeeNo: z.string().trim().min(1).max(50),
    department: z.string().trim().max(100),
  }),
  scenarioId: z.string().min(1).max(100),
  mode: scoredMode,
  startedAt: z
    .number()
    .int()
    .min(Date.UTC(2020, 0, 1)),
  replies,
});

/** "replies.0.afterMs: Too small: expected number to be >=0" — the first problem of a body. */
export function firstProblem(error: z.ZodError): string {
  const issue = error.issues[0];
  return `${issue?.path.join('.') || 'body'}: ${issue?.message ?? 'invalid'}`;
}
