/**
 * Result bundles: a trainee device exports its attempts as one JSON file (schema version and a
 * SHA-256 checksum of the content); the trainer's console imports many at once. Every file is
 * checked on its own: not JSON, not a bundle, made by a newer app, changed after export (the
 * checksum) or malformed is rejected with a reason, and the other files still import.
 * Attempts are de-duplicated by id, so importing a bundle twice adds nothing.
 */
import { z } from 'zod';
import { localizedSchema } from '../core/rule-schema';
import { ENDING_KINDS, MODES } from '../core/scenario-schema';
import { ATTEMPT_SCHEMA_VERSION, database, type AttemptRecord } from './db';

export const RESULT_BUNDLE_KIND = 'servicedojo-results';
export const RESULT_BUNDLE_SCHEMA_VERSION = 1;

const traineeSchema = z.object({
  name: z.string().min(1),
  employeeNo: z.string().min(1),
  department: z.string(),
});

/** An attempt record as it arrives from another device: unknown keys dropped, types checked. */
export const bundledAttemptSchema = z.object({
  id: z.string().min(1).max(100),
  schemaVersion: z.number().int().min(1).max(ATTEMPT_SCHEMA_VERSION),
  scenarioId: z.string().min(1),
  scenarioVersion: z.number().int().min(1),
  scenarioTitle: localizedSchema,
  mode: z.enum(MODES),
  trainee: traineeSchema,
  status: z.enum(['in-progress', 'finished', 'abandoned']),
  startedAt: z.number(),
  updatedAt: z.number(),
  revision: z.number().int().min(1),
  snapshot: z.unknown().optional(),
  finishedAt: z.number().optional(),
  durationMs: z.number().optional(),
  score: z.number().min(0).max(100).optional(),
  passed: z.boolean().optional(),
  endingKind: z.enum(ENDING_KINDS).optional(),
  report: z.unknown().optional(),
  observer: z.string().optional(),
  classId: z.string().optional(),
  partner: z.string().optional(),
});

export const resultBundleSchema = z.object({
  kind: z.literal(RESULT_BUNDLE_KIND),
  schemaVersion: z.literal(RESULT_BUNDLE_SCHEMA_VERSION),
  exportedAt: z.number(),
  attempts: z.array(bundledAttemptSchema),
  checksum: z.string().regex(/^[0-9a-f]{64}$/),
});
export type ResultBundle = z.infer<typeof resultBundleSchema>;

async function sha256(text: string): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(text));
  return [...new Uint8Array(digest)].map((byte) => byte.toString(16).padStart(2, '0')).join('');
}

/** The bundle JSON text of these attempts, checksummed over everything but the checksum. */
export async function exportBundle(
  attempts: readonly AttemptRecord[],
  now = Date.now(),
): Promise<string> {
  const content = {
    kind: RESULT_BUNDLE_KIND,
    schemaVersion: RESULT_BUNDLE_SCHEMA_VERSION,
    exportedAt: now,
    attempts,
  };
  const checksum = await sha256(JSON.stringify(content));
  return JSON.stringify({ ...content, checksum });
}

/** A file name for a bundle: servicedojo-results-<employee no>-<date>.json. */
export function bundleFileName(employeeNo: string | undefined, now = Date.now()): string {
  const day = new Date(now).toISOString().slice(0, 10);
  const who = (employeeNo ?? 'device').replace(/[^A-Za-z0-9_-]/g, '');
  return `servicedojo-results-${who || 'device'}-${day}.json`;
}

/** Why a bundle file was refused; the UI translates the code, `reason` is the English text. */
export type BundleRejection =
  'not-json' | 'not-bundle' | 'no-version' | 'newer' | 'no-checksum' | 'checksum' | 'invalid';

export interface BundleRefusal {
  code: BundleRejection;
  /** The version (newer) or the field at fault (invalid). */
  detail?: string;
  reason: string;
}

export type BundleCheck = { ok: true; bundle: ResultBundle } | ({ ok: false } & BundleRefusal);

/** Checks one bundle text: JSON, kind, version (newer is refused), checksum, then the schema. */
export async function checkBundle(text: string): Promise<BundleCheck> {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    return { ok: false, code: 'not-json', reason: 'not a JSON file (broken or cut off)' };
  }
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw))
    return { ok: false, code: 'not-bundle', reason: 'not a ServiceDojo result bundle' };
  const { checksum, ...content } = raw as Record<string, unknown>;
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
  if ((await sha256(JSON.stringify(content))) !== checksum)
    return {
      ok: false,
      code: 'checksum',
      reason: 'checksum does not match: the file was changed after export',
    };
  const parsed = resultBundleSchema.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const where = issue?.path.join('.') ?? '';
    return {
      ok: false,
      code: 'invalid',
      detail: where || 'top level',
      reason: `invalid content at ${where || 'top level'}: ${issue?.message ?? ''}`,
    };
  }
  return { ok: true, bundle: parsed.data };
}

export interface BundleFileResult {
  name: string;
  status: 'imported' | 'rejected';
  added: number;
  duplicates: number;
  refusal?: BundleRefusal;
}

export interface BundleImportSummary {
  files: BundleFileResult[];
  added: number;
  duplicates: number;
  rejected: number;
  /** The trainees whose attempts were added. */
  trainees: string[];
}

/** Imports bundle files; each is checked alone, attempts already stored (same id) are skipped. */
export async function importBundles(
  files: readonly { name: string; text: string }[],
  now = Date.now(),
): Promise<BundleImportSummary> {
  const db = database();
  const results: BundleFileResult[] = [];
  const trainees = new Set<string>();
  for (const file of files) {
    const check = await checkBundle(file.text);
    if (!check.ok) {
      results.push({
        name: file.name,
        status: 'rejected',
        added: 0,
        duplicates: 0,
        refusal: {
          code: check.code,
          reason: check.reason,
          ...(check.detail !== undefined ? { detail: check.detail } : {}),
        },
      });
      continue;
    }
    const { bundle } = check;
    const outcome = await db.transaction('rw', db.attempts, db.importedBundles, async () => {
      let added = 0;
      let duplicates = 0;
      for (const attempt of bundle.attempts) {
        if (await db.attempts.get(attempt.id)) {
          duplicates += 1;
          continue;
        }
        await db.attempts.add({ ...attempt, snapshot: attempt.snapshot ?? null } as AttemptRecord);
        trainees.add(attempt.trainee.name);
        added += 1;
      }
      await db.importedBundles.put({
        id: bundle.checksum,
        importedAt: now,
        attempts: bundle.attempts.length,
      });
      return { added, duplicates };
    });
    results.push({ name: file.name, status: 'imported', ...outcome });
  }
  return {
    files: results,
    added: results.reduce((sum, file) => sum + file.added, 0),
    duplicates: results.reduce((sum, file) => sum + file.duplicates, 0),
    rejected: results.filter((file) => file.status === 'rejected').length,
    trainees: [...trainees].sort(),
  };
}
