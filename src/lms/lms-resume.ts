/**
 * The resume state kept in the LMS (`cmi.suspend_data`), so a conversation started on one
 * computer continues on another: the attempt's id, scenario and version, mode, start time and
 * each turn as [response ms, text] ([response ms] for a silence). Compact JSON with a
 * `schemaVersion`; what does not fit the LMS's limit (4,096 characters on SCORM 1.2, 64,000 on
 * 2004) is not written, and the other computer starts over cleanly. The state read at launch
 * waits here until the practice page of its scenario asks for it.
 */
import { z } from 'zod';
import { MODES } from '../core/scenario-schema';
import type { AttemptRecord } from '../data/db';
import { attemptReplies } from '../core/report-replies';
import type { ScormVersion } from './lms-bridge';

export const RESUME_SCHEMA_VERSION = 1;

/** Most characters of `cmi.suspend_data` an LMS must keep. */
export const SUSPEND_DATA_LIMIT: Record<ScormVersion, number> = { '1.2': 4096, '2004': 64_000 };

const resumeSchema = z.strictObject({
  schemaVersion: z.literal(RESUME_SCHEMA_VERSION),
  id: z.string().min(1).max(100),
  scenarioId: z.string().min(1),
  scenarioVersion: z.number().int().min(1),
  mode: z.enum(MODES),
  startedAt: z.number().int().min(0),
  turns: z.array(
    z.union([z.tuple([z.number().int().min(0)]), z.tuple([z.number().int().min(0), z.string()])]),
  ),
});
export type ResumeState = z.infer<typeof resumeSchema>;

/** One turn to replay: a reply (text) or a silence (no text), after `responseMs`. */
export interface ResumeTurn {
  text: string;
  responseMs: number;
  timeout: boolean;
}

/** The step the conversation is at: the state of the persisted snapshot, or the last turn's step. */
export function currentStepOf(attempt: AttemptRecord): string | undefined {
  const value = (attempt.snapshot as { value?: unknown } | null)?.value;
  return typeof value === 'string' ? value : attemptReplies(attempt).at(-1)?.stepId;
}

/** The resume state of an attempt in progress. */
export function resumeStateOf(attempt: AttemptRecord): ResumeState {
  return {
    schemaVersion: RESUME_SCHEMA_VERSION,
    id: attempt.id,
    scenarioId: attempt.scenarioId,
    scenarioVersion: attempt.scenarioVersion,
    mode: attempt.mode,
    startedAt: attempt.startedAt,
    turns: attemptReplies(attempt).map((reply) => {
      const ms = Math.max(0, Math.round(reply.responseMs));
      return reply.timeout ? [ms] : [ms, reply.text];
    }),
  };
}

/** The text for `cmi.suspend_data`, or '' when it would not fit the limit (start over elsewhere). */
export function encodeResume(state: ResumeState, limit: number): string {
  const text = JSON.stringify(state);
  return text.length <= limit ? text : '';
}

/** Reads `cmi.suspend_data`; anything else (empty, another app's data, broken) gives undefined. */
export function decodeResume(text: string): ResumeState | undefined {
  if (!text.startsWith('{')) return undefined;
  try {
    const parsed = resumeSchema.safeParse(JSON.parse(text));
    return parsed.success ? parsed.data : undefined;
  } catch {
    return undefined;
  }
}

/** The turns of a resume state, to replay. */
export function resumeTurns(state: ResumeState): ResumeTurn[] {
  return state.turns.map(([responseMs, text]) => ({
    responseMs,
    text: text ?? '',
    timeout: text === undefined,
  }));
}

let waiting: ResumeState | undefined;

/** Keeps the state read from the LMS at launch until the practice page asks for it. */
export function offerLmsResume(state: ResumeState | undefined): void {
  waiting = state;
}

/** The LMS's resume state for this scenario and version (and mode, when one is asked), if any. */
export function lmsResumeFor(scenarioId: string, scenarioVersion: number): ResumeState | undefined {
  return waiting?.scenarioId === scenarioId && waiting.scenarioVersion === scenarioVersion
    ? waiting
    : undefined;
}

/** The state was taken (or replaced by a newer local attempt): it is not offered again. */
export function takeLmsResume(): void {
  waiting = undefined;
}
