/**
 * Result bundles, checked: a trainee device exports its attempts as one JSON file (schema version
 * and a SHA-256 checksum of the content). Every file is checked on its own: not JSON, not a
 * bundle, made by a newer app, changed after export (the checksum) or malformed is rejected with
 * a reason. Inside a file each attempt is checked alone (times 2020-01-01 … a day from now,
 * durations ≥ 0, scores 0–100): a bad one is refused naming the file and the field, the file's
 * others still count. A bundle signed with a class code (HMAC-SHA256) proves that whoever
 * exported it knew the code shown in the room; it does not prove who they are. Pure: the
 * trainer's browser (data/result-bundle.ts) and the company server (server/class-routes.ts)
 * check bundles here, and both re-score every attempt themselves.
 */
import { z } from 'zod';
import { replyTextSchema } from './attempt';
import { localizedSchema } from './rule-schema';
import { ENDING_KINDS, MODES } from './scenario-schema';
import { restoreReport } from './stored-report';

/** The version of a stored attempt record (data/db.ts) that bundles carry. */
export const ATTEMPT_SCHEMA_VERSION = 1;

export const RESULT_BUNDLE_KIND = 'servicedojo-results';
export const RESULT_BUNDLE_SCHEMA_VERSION = 1;

const traineeSchema = z.object({
  name: z.string().min(1),
  employeeNo: z.string().min(1),
  department: z.string(),
});

/** No record can be older than this (2020-01-01 UTC): ServiceDojo did not exist before. */
export const EARLIEST_TIME = Date.UTC(2020, 0, 1);
/** How far past this device's clock a time may lie (another device's clock can be a little off). */
export const FUTURE_SLACK_MS = 24 * 60 * 60_000;

/** Epoch milliseconds between 2020-01-01 and a day after `now` (JSON's 1e999 is Infinity: refused). */
function timeSchema(now: number) {
  return z
    .number()
    .min(EARLIEST_TIME, { error: 'time before 2020-01-01' })
    .max(now + FUTURE_SLACK_MS, { error: 'time more than a day in the future' });
}

const durationSchema = z.number().min(0, { error: 'negative duration' });
const percentSchema = z.number().min(0).max(100, { error: 'not between 0 and 100' });

/** The times, durations and reply lengths of transcript lines (report or snapshot); other keys pass. */
function transcriptSchema(now: number) {
  return z.array(
    z.looseObject({
      at: timeSchema(now).optional(),
      responseMs: durationSchema.optional(),
      // A reply as long as the composer allows; a customer line is a text in both languages.
      text: z.union([replyTextSchema, z.looseObject({})]).optional(),
    }),
  );
}

/**
 * A report: its times within range (checked here), then its whole shape and every bounded number
 * by the one reader of stored reports (restoreReport: an older version is migrated).
 */
function reportSchema(now: number) {
  return reportTimesSchema(now).transform((value, context) => {
    const restored = restoreReport(value);
    if (restored.ok) return restored.report;
    context.addIssue({ code: 'custom', message: restored.error });
    return z.NEVER;
  });
}

/** The numbers a report carries that pages format or export: bounded, other keys pass. */
function reportTimesSchema(now: number) {
  return z.looseObject({
    score: percentSchema.optional(),
    passScore: percentSchema.optional(),
    dimensions: z.record(z.string(), percentSchema).optional(),
    responseTimes: z
      .looseObject({
        perTurnMs: z.array(durationSchema).optional(),
        averageMs: durationSchema.optional(),
        limitMs: durationSchema.optional(),
      })
      .optional(),
    transcript: transcriptSchema(now).optional(),
  });
}

/** The persisted conversation: its clock and transcript are checked, the rest is the machine's. */
function snapshotSchema(now: number) {
  return z
    .looseObject({
      context: z
        .looseObject({
          startedAt: timeSchema(now).optional(),
          promptedAt: timeSchema(now).optional(),
          transcript: transcriptSchema(now).optional(),
        })
        .optional(),
    })
    .nullable();
}

/**
 * An attempt record as it arrives from another device, judged at `now`: unknown keys dropped,
 * types checked, every time between 2020-01-01 and a day after `now`, durations not negative,
 * scores 0–100 (also inside the report and the conversation snapshot).
 */
export function bundledAttemptSchema(now: number) {
  const time = timeSchema(now);
  return z.object({
    id: z.string().min(1).max(100),
    schemaVersion: z.number().int().min(1).max(ATTEMPT_SCHEMA_VERSION),
    scenarioId: z.string().min(1),
    scenarioVersion: z.number().int().min(1),
    scenarioTitle: localizedSchema,
    mode: z.enum(MODES),
    trainee: traineeSchema,
    status: z.enum(['in-progress', 'finished', 'abandoned']),
    startedAt: time,
    updatedAt: time,
    revision: z.number().int().min(1),
    snapshot: snapshotSchema(now).optional(),
    finishedAt: time.optional(),
    durationMs: durationSchema.optional(),
    score: percentSchema.optional(),
    passed: z.boolean().optional(),
    endingKind: z.enum(ENDING_KINDS).optional(),
    report: reportSchema(now).optional(),
    observer: z.string().optional(),
    classId: z.string().optional(),
    partner: z.string().optional(),
  });
}
export type BundledAttempt = z.infer<ReturnType<typeof bundledAttemptSchema>>;

/**
 * The bundle around the attempts. Each attempt is checked on its own afterwards, so one bad
 * attempt is refused and the rest of its bundle still imports.
 */
export function resultBundleSchema(now: number) {
  return z.object({
    kind: z.literal(RESULT_BUNDLE_KIND),
    schemaVersion: z.literal(RESULT_BUNDLE_SCHEMA_VERSION),
    exportedAt: timeSchema(now),
    attempts: z.array(z.unknown()),
    checksum: z.string().regex(/^[0-9a-f]{64}$/),
    classSignature: z
      .string()
      .regex(/^[0-9a-f]{64}$/)
      .optional(),
  });
}

export type AttemptRefusalCode =
  'implausible' | 'observed' | 'unknown-scenario' | 'no-replies' | 'not-on-roster';

/** An attempt of a bundle that was not imported: where it is in the file and what is wrong. */
export interface AttemptRefusal {
  /** Position in the bundle's `attempts`, from 0. */
  index: number;
  /** The attempt's id, when it has a readable one. */
  id?: string;
  /** The field at fault, as a path inside the attempt (e.g. `startedAt`, `report.transcript.2.at`). */
  field: string;
  /** Why: a value out of range or malformed, an observed attempt, a scenario this app lacks, no replies. */
  code: AttemptRefusalCode;
  /** English text naming the bundle, the attempt and the field; the UI may build its own from the parts. */
  reason: string;
}

/** A bundle that passed the checks: its valid attempts and the ones refused. */
export interface ResultBundle {
  exportedAt: number;
  checksum: string;
  attempts: BundledAttempt[];
  refused: AttemptRefusal[];
}

function fieldOf(issue: { path: readonly PropertyKey[] } | undefined): string {
  return issue?.path.map(String).join('.') || 'top level';
}

/** Checks each attempt alone; `bundleName` (the file name) goes into the refusal text. */
export function checkAttempts(
  raw: readonly unknown[],
  bundleName: string,
  now = Date.now(),
): { attempts: BundledAttempt[]; refused: AttemptRefusal[] } {
  const schema = bundledAttemptSchema(now);
  const attempts: BundledAttempt[] = [];
  const refused: AttemptRefusal[] = [];
  raw.forEach((candidate, index) => {
    const parsed = schema.safeParse(candidate);
    if (parsed.success) {
      attempts.push(parsed.data);
      return;
    }
    const issue = parsed.error.issues[0];
    const field = fieldOf(issue);
    const rawId = (candidate as { id?: unknown } | null)?.id;
    const id = typeof rawId === 'string' ? rawId.slice(0, 100) : undefined;
    refused.push({
      index,
      ...(id !== undefined ? { id } : {}),
      field,
      code: 'implausible',
      reason: `${bundleName}: attempt ${index + 1}${id !== undefined ? ` (${id})` : ''} refused, ${field}: ${issue?.message ?? 'invalid'}`,
    });
  });
  return { attempts, refused };
}

/** The hex SHA-256 of a text: a bundle's checksum. */
export async function bundleChecksum(text: string): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(text));
  return [...new Uint8Array(digest)].map((byte) => byte.toString(16).padStart(2, '0')).join('');
}

/** A class code as typed: case and spaces do not matter. */
export function normalClassCode(code: string): string {
  return code.replace(/\s+/g, '').toUpperCase();
}

/** The hex HMAC-SHA256 of a text with a class code: a bundle's class signature. */
export async function classCodeSignature(code: string, text: string): Promise<string> {
  const encoder = new TextEncoder();
  const key = await crypto.subtle.importKey(
    'raw',
    encoder.encode(normalClassCode(code)),
    { name: 'HMAC', hash: 'SHA-256' },
    false,
    ['sign'],
  );
  const signature = await crypto.subtle.sign('HMAC', key, encoder.encode(text));
  return [...new Uint8Array(signature)].map((byte) => byte.toString(16).padStart(2, '0')).join('');
}

/** Why a bundle file was refused; the UI translates the code, `reason` is the English text. */
export type BundleRejection =
  | 'too-large'
  | 'not-json'
  | 'not-bundle'
  | 'no-version'
  | 'newer'
  | 'no-checksum'
  | 'checksum'
  | 'unsigned'
  | 'wrong-class'
  | 'invalid'
  | 'not-stored';

/** The largest bundle file read (bytes): a class's year of practice on one device fits many times. */
export const MAX_BUNDLE_BYTES = 50 * 1024 * 1024;

export interface BundleRefusal {
  code: BundleRejection;
  /** The version (newer) or the field at fault (invalid). */
  detail?: string;
  reason: string;
}

export type BundleCheck = { ok: true; bundle: ResultBundle } | ({ ok: false } & BundleRefusal);

/**
 * Checks one bundle text at `now`: JSON, kind, version (newer is refused), checksum, the bundle
 * around the attempts, then each attempt alone (refused attempts are listed, the rest kept).
 */
export async function checkBundle(
  text: string,
  options: { name?: string; now?: number; classCode?: string } = {},
): Promise<BundleCheck> {
  const now = options.now ?? Date.now();
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    return { ok: false, code: 'not-json', reason: 'not a JSON file (broken or cut off)' };
  }
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw))
    return { ok: false, code: 'not-bundle', reason: 'not a ServiceDojo result bundle' };
  const { checksum, classSignature, ...content } = raw as Record<string, unknown>;
  if (content.kind !== RESULT_BUNDLE_KIND)
    return { ok: false, code: 'not-bundle', reason: 'not a ServiceDojo result bundle' };
  const version = content.schemaVersion;
  if (typeof version !== 'number' || !Number.isInteger(version))
    return { ok: false, code: 'no-version', reason: 'schemaVersion is missing' };
  if (version > RESULT_BUNDLE_SCHEMA_VERSION)
    return {
      ok: false,
      code: 'newer',
      detail: String(version),
      reason: `made by a newer ServiceDojo (bundle version ${version}, this app reads up to ${RESULT_BUNDLE_SCHEMA_VERSION}); update the app`,
    };
  // Older bundle versions would be migrated here; version 1 is the first.
  if (typeof checksum !== 'string')
    return { ok: false, code: 'no-checksum', reason: 'checksum is missing' };
  if ((await bundleChecksum(JSON.stringify(content))) !== checksum)
    return {
      ok: false,
      code: 'checksum',
      reason: 'checksum does not match: the file was changed after export',
    };
  if (options.classCode) {
    if (typeof classSignature !== 'string')
      return {
        ok: false,
        code: 'unsigned',
        reason: 'not signed with a class code: export it again with this class code',
      };
    if ((await classCodeSignature(options.classCode, JSON.stringify(content))) !== classSignature)
      return {
        ok: false,
        code: 'wrong-class',
        reason: 'signed with another class code: not from this class',
      };
  }
  const parsed = resultBundleSchema(now).safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const where = fieldOf(issue);
    return {
      ok: false,
      code: 'invalid',
      detail: where,
      reason: `invalid content at ${where}: ${issue?.message ?? ''}`,
    };
  }
  const { attempts, refused } = checkAttempts(parsed.data.attempts, options.name ?? 'bundle', now);
  return {
    ok: true,
    bundle: {
      exportedAt: parsed.data.exportedAt,
      checksum: parsed.data.checksum,
      attempts,
      refused,
    },
  };
}

/** What became of one bundle file imported (in the browser or on the server). */
export interface BundleFileResult {
  name: string;
  status: 'imported' | 'rejected';
  added: number;
  duplicates: number;
  /** Why the whole file was refused. */
  refusal?: BundleRefusal;
  /** Attempts of an imported file that were refused (the file's other attempts were added). */
  refused: AttemptRefusal[];
  /** Ids already stored with other replies: not imported, shown to the trainer. */
  conflicts: string[];
  /** Added attempts whose claimed score or pass this app's re-scoring did not confirm. */
  rescoredDiffer: number;
}
