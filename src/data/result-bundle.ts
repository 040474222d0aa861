/**
 * Result bundles in the browser: a trainee device exports its attempts as one JSON file; the
 * trainer's console imports many at once. Files and attempts are checked by core/result-bundle.ts.
 * Nothing a device claims is trusted: every finished attempt is re-scored here from its replies
 * with this app's analyzer and scenario version, and kept with that result (the device's claim
 * beside it where they disagree). Attempts are de-duplicated by id: importing a bundle twice adds
 * nothing, and an id already stored with other replies is flagged, never silently skipped.
 * Into a class, only bundles signed with that class's code are taken, and only attempts of people
 * on its roster. (A class kept on the company server imports on the server, scored there.)
 */
import type { Analyzer } from '../core/analyzer';
import { finishedAttempt, rescoreReport, traineeTurns } from '../core/attempt';
import {
  bundleChecksum,
  checkBundle,
  classCodeSignature,
  MAX_BUNDLE_BYTES,
  RESULT_BUNDLE_KIND,
  RESULT_BUNDLE_SCHEMA_VERSION,
  type AttemptRefusalCode,
  type BundleCheck,
  type BundledAttempt,
  type BundleFileResult,
  type BundleRefusal,
} from '../core/result-bundle';
import type { Scenario } from '../core/scenario-schema';
import { database, type AttemptRecord, type Trainee } from './db';

/**
 * The bundle JSON text of these attempts, checksummed over everything but the checksum and, with
 * a class code, signed with it (`classSignature`) so the class's trainer can tell it is theirs.
 */
export async function exportBundle(
  attempts: readonly AttemptRecord[],
  now = Date.now(),
  classCode?: string,
): Promise<string> {
  const content = {
    kind: RESULT_BUNDLE_KIND,
    schemaVersion: RESULT_BUNDLE_SCHEMA_VERSION,
    exportedAt: now,
    attempts,
  };
  const text = JSON.stringify(content);
  const checksum = await bundleChecksum(text);
  const classSignature = classCode ? await classCodeSignature(classCode, text) : undefined;
  return JSON.stringify({ ...content, checksum, ...(classSignature ? { classSignature } : {}) });
}

/** A file name for a bundle: servicedojo-results-<employee no>-<date>.json. */
export function bundleFileName(employeeNo: string | undefined, now = Date.now()): string {
  const day = new Date(now).toISOString().slice(0, 10);
  const who = (employeeNo ?? 'device').replace(/[^A-Za-z0-9_-]/g, '');
  return `servicedojo-results-${who || 'device'}-${day}.json`;
}

export interface BundleImportSummary {
  files: BundleFileResult[];
  added: number;
  duplicates: number;
  conflicts: number;
  rescoredDiffer: number;
  rejected: number;
  /** Attempts refused inside files that were otherwise imported. */
  refusedAttempts: number;
  /** The trainees whose attempts were added. */
  trainees: string[];
}

/** A file of which nothing was imported, and why. */
function rejectedFile(name: string, refusal: BundleRefusal): BundleFileResult {
  return {
    name,
    status: 'rejected',
    added: 0,
    duplicates: 0,
    refused: [],
    conflicts: [],
    rescoredDiffer: 0,
    refusal,
  };
}

/** How many attempts are re-scored between two pauses that let the page repaint. */
const IMPORT_SLICE = 50;

export interface ImportProgress {
  file: string;
  scored: number;
  total: number;
}

export interface ImportOptions {
  /** Importing into a class: its code must have signed each bundle, its roster names the people. */
  into?: { classCode: string; roster: readonly Trainee[] };
  /** Told between slices of a big bundle. */
  onProgress?: (progress: ImportProgress) => void;
}

/** What imports are scored with: this app's scenarios and analyzer. */
export interface ImportScorer {
  analyzer: Analyzer;
  scenarioById(id: string): Scenario | undefined;
}

type Rescored =
  | { ok: true; record: AttemptRecord }
  | { ok: false; code: AttemptRefusalCode; field: string; reason: string };

/** The replies of an attempt, for telling a repeat from a different attempt under the same id. */
function repliesOf(attempt: Pick<AttemptRecord, 'report'>): string {
  return JSON.stringify(
    traineeTurns(attempt.report?.transcript ?? []).map((turn) => [turn.text, turn.timeout]),
  );
}

/**
 * The record an imported attempt becomes: a finished one re-scored from its replies (its claimed
 * score, pass, ending and report are replaced); an unfinished one without any score.
 */
function rescoreImported(attempt: BundledAttempt, scorer: ImportScorer): Rescored {
  const base: AttemptRecord = {
    ...attempt,
    snapshot: null,
    source: 'imported',
  };
  delete base.claimed;
  if (attempt.mode === 'observed')
    return {
      ok: false,
      code: 'observed',
      field: 'mode',
      reason: 'observed attempts are recorded on the trainer’s own device, not imported',
    };
  if (attempt.status !== 'finished') {
    const { score, passed, endingKind, report, ...rest } = base;
    return { ok: true, record: rest };
  }
  const scenario = scorer.scenarioById(attempt.scenarioId);
  if (!scenario)
    return {
      ok: false,
      code: 'unknown-scenario',
      field: 'scenarioId',
      reason: `scenario "${attempt.scenarioId}" is not in this app's library`,
    };
  const report = attempt.report
    ? rescoreReport(scenario, scorer.analyzer, attempt.mode, attempt.report.transcript)
    : undefined;
  if (!report)
    return {
      ok: false,
      code: 'no-replies',
      field: 'report.transcript',
      reason: 'no replies to score from',
    };
  const finished = finishedAttempt(
    report,
    attempt.startedAt,
    attempt.finishedAt ?? attempt.updatedAt,
  );
  const differs = attempt.score !== finished.score || attempt.passed !== finished.passed;
  const { endingKind, ...withoutEnding } = base;
  return {
    ok: true,
    record: {
      ...withoutEnding,
      ...finished,
      scenarioVersion: scenario.version,
      ...(differs
        ? {
            claimed: {
              ...(attempt.score !== undefined ? { score: attempt.score } : {}),
              ...(attempt.passed !== undefined ? { passed: attempt.passed } : {}),
            },
          }
        : {}),
    },
  };
}

/**
 * Imports bundle files; each is checked alone, attempts already stored (same id) are skipped.
 * Attempts are only ever added, never written over: the LMS/LRS reporting hook
 * (src/lms/lms-connection.ts) reports an attempt only when it becomes finished by an update in
 * this browser, so nothing imported is reported under this browser's learner.
 */
export async function importBundles(
  files: readonly {
    name: string;
    text: string;
    /** bytes, when known before reading */ size?: number;
  }[],
  scorer: ImportScorer,
  now = Date.now(),
  options: ImportOptions = {},
): Promise<BundleImportSummary> {
  const { into } = options;
  const onRoster = new Set(into?.roster.map((entry) => entry.employeeNo.trim().toLowerCase()));
  const db = database();
  const results: BundleFileResult[] = [];
  const trainees = new Set<string>();
  for (const file of files) {
    const tooLarge = (file.size ?? file.text.length) > MAX_BUNDLE_BYTES;
    const check: BundleCheck = tooLarge
      ? {
          ok: false,
          code: 'too-large',
          reason: `larger than ${MAX_BUNDLE_BYTES / 1024 / 1024} MB: not read`,
        }
      : await checkBundle(file.text, {
          name: file.name,
          now,
          ...(into ? { classCode: into.classCode } : {}),
        });
    if (!check.ok) {
      results.push(
        rejectedFile(file.name, {
          code: check.code,
          reason: check.reason,
          ...(check.detail !== undefined ? { detail: check.detail } : {}),
        }),
      );
      continue;
    }
    const { bundle } = check;
    const refused = [...bundle.refused];
    const records: AttemptRecord[] = [];
    for (const [index, attempt] of bundle.attempts.entries()) {
      // Re-scoring takes milliseconds an attempt: give the page a moment between slices.
      if (index > 0 && index % IMPORT_SLICE === 0) {
        options.onProgress?.({ file: file.name, scored: index, total: bundle.attempts.length });
        await new Promise((resume) => setTimeout(resume, 0));
      }
      const stranger =
        onRoster.size > 0 && !onRoster.has(attempt.trainee.employeeNo.trim().toLowerCase());
      const result: Rescored = stranger
        ? {
            ok: false,
            code: 'not-on-roster',
            field: 'trainee.employeeNo',
            reason: `${attempt.trainee.employeeNo} is not on this class's roster`,
          }
        : rescoreImported(attempt, scorer);
      if (result.ok) records.push(result.record);
      else
        refused.push({
          index,
          id: attempt.id,
          field: result.field,
          code: result.code,
          reason: `${file.name}: attempt ${index + 1} (${attempt.id}) refused, ${result.field}: ${result.reason}`,
        });
    }
    // A file whose attempts cannot be stored (a full disk) is refused as a whole, by name; the
    // transaction leaves nothing of it behind, and the other files still import.
    const stored = await db
      .transaction('rw', db.attempts, db.importedBundles, async () => {
        let added = 0;
        let duplicates = 0;
        let rescoredDiffer = 0;
        const conflicts: string[] = [];
        const names: string[] = [];
        for (const record of records) {
          const existing = await db.attempts.get(record.id);
          if (existing) {
            if (repliesOf(existing) === repliesOf(record)) duplicates += 1;
            else conflicts.push(record.id);
            continue;
          }
          await db.attempts.add(record);
          names.push(record.trainee.name);
          added += 1;
          if (record.claimed) rescoredDiffer += 1;
        }
        await db.importedBundles.put({
          id: bundle.checksum,
          importedAt: now,
          attempts: bundle.attempts.length,
        });
        return { added, duplicates, conflicts, rescoredDiffer, names };
      })
      .then((outcome) => ({ ok: true as const, outcome }))
      .catch((error: unknown) => ({
        ok: false as const,
        reason: error instanceof Error ? `${error.name}: ${error.message}` : String(error),
      }));
    if (!stored.ok) {
      results.push(
        rejectedFile(file.name, {
          code: 'not-stored',
          detail: stored.reason,
          reason: `could not be stored: ${stored.reason}`,
        }),
      );
      continue;
    }
    const { names, ...outcome } = stored.outcome;
    for (const name of names) trainees.add(name);
    results.push({ name: file.name, status: 'imported', ...outcome, refused });
  }
  return {
    files: results,
    added: results.reduce((sum, file) => sum + file.added, 0),
    duplicates: results.reduce((sum, file) => sum + file.duplicates, 0),
    conflicts: results.reduce((sum, file) => sum + file.conflicts.length, 0),
    rescoredDiffer: results.reduce((sum, file) => sum + file.rescoredDiffer, 0),
    rejected: results.filter((file) => file.status === 'rejected').length,
    refusedAttempts: results.reduce((sum, file) => sum + file.refused.length, 0),
    trainees: [...trainees].sort(),
  };
}
