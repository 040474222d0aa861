/**
 * The report as it is kept: in IndexedDB, in result bundles, on the server. Type, validator and
 * migrations live together here (the Report type itself is in report.ts; the schema below is
 * checked against it at compile time, so the two cannot drift). Every reader of a stored report
 * goes through `restoreReport`, which migrates an older shape or refuses it, once, in one place.
 */
import { z } from 'zod';
import type { Report } from './report';
import { ENDING_KINDS, MODES, PROCEDURES } from './scenario-schema';
import { DEFAULT_REPLY_LIMIT_MS, FINDING_KINDS } from './scoring';
import { DIMENSIONS, TAGS } from './tags';

/**
 * 1: the shape written from 2026-11-23 (no `schemaVersion` field; every dimension a number,
 *    sometimes `responseTimes.limitMs` missing). 2: `schemaVersion` set, dimensions nothing could
 *    earn left out, `responseTimes.limitMs` always present.
 */
export const REPORT_SCHEMA_VERSION = 2;

export type StoredReport = Report & { schemaVersion: typeof REPORT_SCHEMA_VERSION };

// Stored text may be empty where an authored one may not (a company rule's missing English).
const localized = z.object({ 'zh-CN': z.string(), en: z.string() });
const source = z.object({ doc: z.string(), section: z.string() });
const count = z.number().finite().min(0);
const tag = z.enum(TAGS);

const finding = z.object({
  ruleId: z.string().optional(),
  tag: tag.optional(),
  kind: z.enum(FINDING_KINDS),
  words: z.string(),
  start: count,
  end: count,
  stepId: z.string(),
  turn: count,
  points: z.number().finite(),
  dimension: z.enum(DIMENSIONS),
  message: localized,
  better: localized,
  source,
});

const span = z.object({ tag, start: count, end: count, ruleId: z.string() });

const transcriptEntry = z.discriminatedUnion('role', [
  z.object({
    role: z.literal('customer'),
    stepId: z.string(),
    text: localized,
    at: count,
    mood: z.number().finite(),
  }),
  z.object({
    role: z.literal('trainee'),
    turn: count,
    stepId: z.string(),
    text: z.string(),
    at: count,
    responseMs: count,
    timeout: z.boolean(),
    analysis: z.object({ tags: z.array(tag), spans: z.array(span) }),
    facts: z.array(z.string()),
    moodBefore: z.number().finite(),
    moodAfter: z.number().finite(),
  }),
]);

const percent = z.number().finite().min(0).max(100);

export const storedReportSchema = z.object({
  schemaVersion: z.literal(REPORT_SCHEMA_VERSION),
  scenarioId: z.string().min(1),
  version: z.number().int().min(1),
  mode: z.enum(MODES),
  score: percent,
  passed: z.boolean(),
  notPassedBecause: z.enum(['blocker', 'score', 'ending', 'unfinished']).optional(),
  passScore: percent,
  blockedBy: z
    .object({
      ruleId: z.string().optional(),
      tag: tag.optional(),
      words: z.string(),
      turn: count,
      stepId: z.string(),
      reason: localized,
    })
    .optional(),
  dimensions: z.partialRecord(z.enum(DIMENSIONS), percent),
  procedure: z.object({
    kind: z.enum(PROCEDURES),
    items: z.array(
      z.object({
        id: z.string(),
        label: localized,
        done: z.boolean(),
        inOrder: z.boolean(),
        notNeeded: z.boolean().optional(),
        turn: count.optional(),
        source,
      }),
    ),
    adherence: percent,
  }),
  responseTimes: z.object({
    perTurnMs: z.array(count),
    averageMs: count,
    slowTurns: count,
    limitMs: count,
  }),
  ending: z
    .object({
      id: z.string(),
      kind: z.enum(ENDING_KINDS),
      customer: localized,
      debrief: localized,
    })
    .optional(),
  findings: z.array(finding),
  transcript: z.array(transcriptEntry),
  turns: z.array(
    z.object({
      turn: count,
      stepId: z.string(),
      text: z.string(),
      timeout: z.boolean(),
      score: z.number().finite(),
      maximum: z.number().finite(),
      bestChoice: z
        .object({ index: count, text: localized, points: z.number().finite() })
        .optional(),
    }),
  ),
}) satisfies z.ZodType<StoredReport>;

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Version 1 → 2: stamp the version and fill the reply-time limit the report was scored with. */
function fromVersion1(value: Record<string, unknown>): Record<string, unknown> {
  const times = isRecord(value.responseTimes) ? value.responseTimes : {};
  const limitMs = typeof times.limitMs === 'number' ? times.limitMs : DEFAULT_REPLY_LIMIT_MS;
  return {
    ...value,
    schemaVersion: 2,
    responseTimes: { ...times, limitMs },
  };
}

export type RestoredReport =
  { ok: true; report: StoredReport; migrated: boolean } | { ok: false; error: string };

/**
 * Reads a stored report of any version this app ever wrote: migrates it to the current shape and
 * validates it. A newer version, a damaged or a foreign value is refused with the first problem
 * (its field path), never guessed at.
 */
export function restoreReport(value: unknown): RestoredReport {
  if (!isRecord(value)) return { ok: false, error: 'not a report' };
  const version = value.schemaVersion ?? 1;
  if (typeof version !== 'number' || !Number.isInteger(version) || version < 1)
    return { ok: false, error: 'schemaVersion: not a version number' };
  if (version > REPORT_SCHEMA_VERSION)
    return { ok: false, error: `schemaVersion ${version}: written by a newer app` };
  const current = version === 1 ? fromVersion1(value) : value;
  const parsed = storedReportSchema.safeParse(current);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    return { ok: false, error: `${issue?.path.join('.') || 'report'}: ${issue?.message ?? ''}` };
  }
  return { ok: true, report: parsed.data, migrated: version !== REPORT_SCHEMA_VERSION };
}

/** The report to store: the current version, as plain JSON (no shared references, no undefined). */
export function toStoredReport(report: Report): StoredReport {
  return JSON.parse(
    JSON.stringify({ ...report, schemaVersion: REPORT_SCHEMA_VERSION }),
  ) as StoredReport;
}
