/** What the API accepts: every body is checked here, and a bad one answered 400 with the field at fault. */
import { z } from 'zod';
import { replyTextSchema } from '../core/attempt';
import { MODES } from '../core/scenario-schema';
import { MIN_PASSWORD_LENGTH } from './secrets';

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

/**
 * POST /api/attempts: an attempt a joined device practised, to be re-scored and kept. Who did it
 * comes from the device's token, never from the body; the score the device showed
 * (`claimedScore`) is kept beside the server's own and only compared.
 */
export const attemptSubmissionSchema = z.strictObject({
  id: z.string().min(1).max(100),
  scenarioId: z.string().min(1).max(100),
  /** The scenario version the device played. */
  scenarioVersion: z.number().int().min(1).optional(),
  mode: scoredMode,
  startedAt: z
    .number()
    .int()
    .min(Date.UTC(2020, 0, 1)),
  replies,
  claimedScore: z.number().int().min(0).max(100).optional(),
  /** The published company rule packs the device scored with: {"company": 3}. */
  rulePackVersions: z
    .record(z.string().min(1).max(100), z.number().int().min(1))
    .refine((packs) => Object.keys(packs).length <= 50, 'at most 50 rule packs')
    .optional(),
});
export type AttemptSubmission = z.infer<typeof attemptSubmissionSchema>;

const login = z
  .string()
  .regex(/^[A-Za-z0-9._@-]{2,60}$/, 'letters, digits and . _ @ - only (2 to 60)');
const personName = z.string().trim().min(1).max(100);

/** POST /api/session: sign in. */
export const signInSchema = z.strictObject({
  login: z.string().min(1).max(60),
  password: z.string().min(1).max(200),
});

/** POST /api/people: a staff member who signs in with a password. */
export const staffSchema = z.strictObject({
  login,
  name: personName,
  role: z.enum(['admin', 'hr', 'trainer']),
  password: z.string().min(MIN_PASSWORD_LENGTH).max(200),
  department: z.string().trim().max(100).optional(),
});

/** POST /api/roster (JSON form): roster CSV text and, for a trainer, the class it makes. */
export const rosterRequestSchema = z.strictObject({
  csv: z.string().min(1).max(2_000_000),
  className: z.string().trim().min(1).max(100).optional(),
});

/** POST /api/join: a join link's token. */
export const joinSchema = z.strictObject({ token: z.string().min(20).max(100) });

const targetNames = z.array(z.string().trim().min(1).max(100)).max(500).default([]);

/**
 * POST /api/assignments: a scenario to pass in one of `modes` by `dueAt` (an ISO time with its
 * offset; the staff page sends the end of the chosen day), for the people any target names.
 */
export const assignmentSchema = z
  .strictObject({
    scenarioId: z.string().min(1).max(100),
    modes: z.array(z.enum(MODES)).min(1),
    dueAt: z.iso.datetime({ offset: true }),
    departments: targetNames,
    stores: targetNames,
    positions: targetNames,
    personIds: z.array(z.number().int().min(1)).max(10_000).default([]),
  })
  .refine(
    (body) =>
      body.departments.length + body.stores.length + body.positions.length + body.personIds.length >
      0,
    { message: 'name at least one department, store, role or person', path: ['targets'] },
  );

/** PUT /api/settings/counted-modes: the modes that count for completion. */
export const countedModesRequestSchema = z.strictObject({ modes: z.array(z.enum(MODES)).min(1) });

/** "replies.0.afterMs: Too small: expected number to be >=0" — the first problem of a body. */
export function firstProblem(error: z.ZodError): string {
  const issue = error.issues[0];
  return `${issue?.path.join('.') || 'body'}: ${issue?.message ?? 'invalid'}`;
}
