/**
 * Talks to an LMS through the SCORM runtime it exposes: finds `API_1484_11` (SCORM 2004) or
 * `API` (SCORM 1.2) in the parent frames or the opener, initialises, reads the learner, the
 * result the LMS already holds (a later, worse attempt never lowers it under "best") and the
 * resume state; keeps the conversation in progress in `suspend_data` and the step in
 * `location` after every turn; reports each finished attempt (score, completion and success
 * status, session time, one interaction per reply with its step, tags and latency) with a
 * commit, and terminates once on unload, suspended so the LMS keeps it all for the next launch.
 * Outside an LMS nothing happens.
 */
import type { AttemptRecord } from '../data/db';
import { countsInstead, type CountingPolicy } from '../core/counting-policy';
import { reportReplies } from '../core/report-replies';
import {
  currentStepOf,
  decodeResume,
  encodeResume,
  resumeStateOf,
  SUSPEND_DATA_LIMIT,
  type ResumeState,
} from './lms-resume';
import { clearLmsProblem, noteLmsProblem } from './lms-status';
import type { ScormLaunch } from './scorm-launch';

export type ScormVersion = '1.2' | '2004';

type ScormResult = string | boolean;
export interface Scorm12Api {
  LMSInitialize(arg: ''): ScormResult;
  LMSGetValue(element: string): string;
  LMSSetValue(element: string, value: string): ScormResult;
  LMSCommit(arg: ''): ScormResult;
  LMSFinish(arg: ''): ScormResult;
  LMSGetLastError(): string | number;
}
export interface Scorm2004Api {
  Initialize(arg: ''): ScormResult;
  GetValue(element: string): string;
  SetValue(element: string, value: string): ScormResult;
  Commit(arg: ''): ScormResult;
  Terminate(arg: ''): ScormResult;
  GetLastError(): string | number;
}

export type FoundApi = { version: '2004'; api: Scorm2004Api } | { version: '1.2'; api: Scorm12Api };

export interface LmsSession {
  version: ScormVersion;
  learner: { id: string; name: string };
  /** When the session started (ms); session time is measured from here. */
  startedAt: number;
  terminated: boolean;
  /**
   * The result the LMS shows: the one it held at launch, then the counting attempt (best by
   * default, so a retry never lowers it, in this session or a later one).
   */
  best?: { score: number; passed: boolean };
  /** The activity launched (its scenario and counted mode), when the package says. */
  launch?: ScormLaunch;
  /** The conversation in progress the LMS kept (`suspend_data`) at launch. */
  resume?: ResumeState;
  /** SetValue calls the LMS refused, as "element: error code" (the app never fails on them). */
  errors: string[];
  call: RuntimeCalls;
}

interface RuntimeCalls {
  get(element: string): string;
  set(element: string, value: string): boolean;
  commit(): boolean;
  finish(): boolean;
  lastError(): string;
}

/** A window as far as API discovery needs it; cross-origin frames throw on access. */
export interface FrameLike {
  API?: unknown;
  API_1484_11?: unknown;
  parent?: FrameLike | null;
  opener?: FrameLike | null;
}

function hasMethods(value: unknown, names: string[]): boolean {
  return (
    typeof value === 'object' &&
    value !== null &&
    names.every((name) => typeof (value as Record<string, unknown>)[name] === 'function')
  );
}

function apiIn(frame: FrameLike): FoundApi | undefined {
  try {
    if (hasMethods(frame.API_1484_11, ['Initialize', 'SetValue', 'Terminate']))
      return { version: '2004', api: frame.API_1484_11 as Scorm2004Api };
    if (hasMethods(frame.API, ['LMSInitialize', 'LMSSetValue', 'LMSFinish']))
      return { version: '1.2', api: frame.API as Scorm12Api };
  } catch {
    // A cross-origin frame: not ours to look into.
  }
  return undefined;
}

function searchUp(start: FrameLike | null | undefined): FoundApi | undefined {
  let frame = start;
  for (let depth = 0; frame && depth < 500; depth += 1) {
    const found = apiIn(frame);
    if (found) return found;
    let parent: FrameLike | null | undefined;
    try {
      parent = frame.parent;
    } catch {
      return undefined;
    }
    if (!parent || parent === frame) return undefined;
    frame = parent;
  }
  return undefined;
}

/** Finds the SCORM API in this window, its parents, then the opener and its parents (ADL's search order). */
export function findScormApi(win: FrameLike): FoundApi | undefined {
  let opener: FrameLike | null | undefined;
  try {
    opener = win.opener;
  } catch {
    opener = undefined;
  }
  return searchUp(win) ?? searchUp(opener);
}

const ok = (result: ScormResult) => result === true || String(result) === 'true';

function runtimeCalls(found: FoundApi): RuntimeCalls {
  if (found.version === '2004') {
    const api = found.api;
    return {
      get: (element) => String(api.GetValue(element) ?? ''),
      set: (element, value) => ok(api.SetValue(element, value)),
      commit: () => ok(api.Commit('')),
      finish: () => ok(api.Terminate('')),
      lastError: () => String(api.GetLastError()),
    };
  }
  const api = found.api;
  return {
    get: (element) => String(api.LMSGetValue(element) ?? ''),
    set: (element, value) => ok(api.LMSSetValue(element, value)),
    commit: () => ok(api.LMSCommit('')),
    finish: () => ok(api.LMSFinish('')),
    lastError: () => String(api.LMSGetLastError()),
  };
}

const CJK = /[\u3400-\u9fff]/;

/** SCORM 1.2 names come as "Last, First": "Li, Ming" -> "Ming Li", "王, 芳" -> "王芳". */
export function displayName(raw: string): string {
  const [last, first] = raw.split(',').map((part) => part.trim());
  if (!first || !last) return raw.trim();
  return CJK.test(last) && CJK.test(first) ? `${last}${first}` : `${first} ${last}`;
}

/** The score and status the LMS already holds for this activity, if it holds a result. */
function priorResult(call: RuntimeCalls, version: ScormVersion): LmsSession['best'] {
  const raw = call.get(version === '2004' ? 'cmi.score.raw' : 'cmi.core.score.raw');
  const status = call.get(version === '2004' ? 'cmi.success_status' : 'cmi.core.lesson_status');
  const score = raw.trim() === '' ? NaN : Number(raw);
  if (!Number.isFinite(score) || !['passed', 'failed'].includes(status)) return undefined;
  return { score, passed: status === 'passed' };
}

/**
 * Connects to the LMS if the app runs inside one: initialises, reads the learner, the result
 * the LMS holds and the resume state.
 */
export async function detectLms(
  win: FrameLike = globalThis as unknown as FrameLike,
  now: () => number = Date.now,
  launch?: ScormLaunch,
): Promise<LmsSession | undefined> {
  const found = findScormApi(win);
  if (!found) return undefined;
  const call = runtimeCalls(found);
  const initialised =
    found.version === '2004' ? ok(found.api.Initialize('')) : ok(found.api.LMSInitialize(''));
  if (!initialised) return undefined;
  const learner =
    found.version === '2004'
      ? { id: call.get('cmi.learner_id'), name: call.get('cmi.learner_name').trim() }
      : {
          id: call.get('cmi.core.student_id'),
          name: displayName(call.get('cmi.core.student_name')),
        };
  const best = priorResult(call, found.version);
  const resume = decodeResume(call.get('cmi.suspend_data'));
  const session: LmsSession = {
    version: found.version,
    learner,
    startedAt: now(),
    terminated: false,
    errors: [],
    call,
    ...(best ? { best } : {}),
    ...(launch ? { launch } : {}),
    ...(resume ? { resume } : {}),
  };
  if (found.version === '2004') {
    if (['not attempted', 'unknown', ''].includes(call.get('cmi.completion_status')))
      set(session, 'cmi.completion_status', 'incomplete');
  } else if (call.get('cmi.core.lesson_status') === 'not attempted') {
    set(session, 'cmi.core.lesson_status', 'incomplete');
  }
  return session;
}

/** Sets one value; a refusal is recorded in `session.errors` and answered false. */
function set(session: LmsSession, element: string, value: string): boolean {
  if (session.call.set(element, value)) return true;
  session.errors.push(`${element}: ${session.call.lastError()}`);
  return false;
}

function pad(n: number, width = 2): string {
  return String(Math.floor(n)).padStart(width, '0');
}

/** SCORM 1.2 CMITimespan, HHHH:MM:SS.SS. */
export function scorm12Time(ms: number): string {
  const centis = Math.max(0, Math.round(ms / 10));
  const seconds = (centis % 6000) / 100;
  const [whole, fraction = '0'] = seconds.toFixed(2).split('.');
  return `${pad(centis / 360000, 4)}:${pad((centis / 6000) % 60)}:${pad(Number(whole))}.${fraction}`;
}

/** SCORM 2004 timeinterval (ISO 8601), e.g. PT1H2M3.5S. */
export function scorm2004Time(ms: number): string {
  const centis = Math.max(0, Math.round(ms / 10));
  const hours = Math.floor(centis / 360000);
  const minutes = Math.floor((centis % 360000) / 6000);
  const seconds = (centis % 6000) / 100;
  return `PT${hours ? `${hours}H` : ''}${minutes ? `${minutes}M` : ''}${seconds}S`;
}

/** Local time of day as SCORM 1.2 CMITime (HH:MM:SS). */
function scorm12Clock(ms: number): string {
  const d = new Date(ms);
  return `${pad(d.getHours())}:${pad(d.getMinutes())}:${pad(d.getSeconds())}`;
}

/** A SCORM 2004 time(second,10,0) stamp in UTC to the hundredth, e.g. 2024-05-01T09:30:00.25Z. */
function scorm2004Stamp(ms: number): string {
  return new Date(ms).toISOString().replace(/(\.\d{2})\dZ$/, '$1Z');
}

/** Reply text for a SCORM string field: one line, not opening with "{" (a language tag), cut to `max` characters. */
export function scormText(text: string, max: number): string {
  const line = text.replace(/[\r\n\t]+/g, ' ').replace(/^\{/, '｛');
  return Array.from(line).slice(0, max).join('');
}

function identifier(text: string): string {
  return text.replace(/[^\w\-.:]/g, '_').slice(0, 250) || 'x';
}

const suspendElement = 'cmi.suspend_data';
const locationElement = (session: LmsSession) =>
  session.version === '2004' ? 'cmi.location' : 'cmi.core.lesson_location';

/** "step greet · tags apology empathy · rules apology.trouble": a reply's interaction description. */
function interactionSummary(reply: ReturnType<typeof reportReplies>[number]): string {
  return [
    `step ${reply.stepId}`,
    `tags ${reply.tags.join(' ') || '-'}`,
    `rules ${reply.ruleIds.join(' ') || '-'}`,
  ].join(' · ');
}

/**
 * Reports a finished attempt: score (0–100; scaled in 2004) of the counting attempt (the
 * records' "which attempt counts" policy, the LMS's earlier result included), passed/failed and
 * completed, session time so far, one interaction per reply with its step, tags, rule ids and
 * latency (2004 long-fill-in with the reply's own points as result; 1.2 fill-in cut to 255
 * characters), clears the resume state, then commits. A refused value is recorded in
 * `session.errors`, never thrown.
 */
export async function reportAttempt(
  session: LmsSession,
  attempt: AttemptRecord,
  policy: CountingPolicy = 'best',
): Promise<void> {
  if (session.terminated) return;
  const score = Math.max(0, Math.min(100, Math.round(attempt.score ?? 0)));
  const passed = attempt.passed ?? false;
  if (attempt.status === 'finished') {
    const best = session.best;
    // The session keeps the attempt that counts so far (or the LMS's); this one came after it.
    const candidate = { score, passed, startedAt: 1 };
    if (!best || countsInstead(candidate, { ...best, startedAt: 0 }, policy))
      session.best = { score, passed };
  }
  const shown = session.best;
  const elapsed = Date.now() - session.startedAt;
  const replies = reportReplies(attempt.report);
  const key = identifier(attempt.id.slice(0, 36));
  // The score and status are what the trainee passed for: their refusal is worth a warning.
  let scoreRefused = false;

  if (session.version === '2004') {
    if (shown) {
      set(session, 'cmi.score.min', '0');
      set(session, 'cmi.score.max', '100');
      scoreRefused ||= !set(session, 'cmi.score.raw', String(shown.score));
      set(session, 'cmi.score.scaled', String(shown.score / 100));
      set(session, 'cmi.completion_status', 'completed');
      scoreRefused ||= !set(session, 'cmi.success_status', shown.passed ? 'passed' : 'failed');
    }
    set(session, 'cmi.session_time', scorm2004Time(elapsed));
    let n = Number(session.call.get('cmi.interactions._count')) || 0;
    for (const reply of replies) {
      const base = `cmi.interactions.${n}`;
      set(
        session,
        `${base}.id`,
        `urn:servicedojo:${attempt.scenarioId}:${key}:${reply.turn}:${identifier(reply.stepId)}`,
      );
      set(session, `${base}.type`, 'long-fill-in');
      set(session, `${base}.timestamp`, scorm2004Stamp(reply.at ?? attempt.startedAt));
      set(session, `${base}.learner_response`, scormText(reply.timeout ? '-' : reply.text, 4000));
      // The reply's own points (a real number is a valid result in SCORM 2004).
      set(session, `${base}.result`, reply.score === undefined ? 'neutral' : String(reply.score));
      set(session, `${base}.latency`, scorm2004Time(reply.responseMs));
      set(session, `${base}.description`, scormText(interactionSummary(reply), 250));
      reply.ruleIds.forEach((ruleId, m) =>
        set(session, `${base}.objectives.${m}.id`, identifier(ruleId)),
      );
      n += 1;
    }
  } else {
    if (shown) {
      set(session, 'cmi.core.score.min', '0');
      set(session, 'cmi.core.score.max', '100');
      scoreRefused ||= !set(session, 'cmi.core.score.raw', String(shown.score));
      scoreRefused ||= !set(session, 'cmi.core.lesson_status', shown.passed ? 'passed' : 'failed');
    }
    set(session, 'cmi.core.session_time', scorm12Time(elapsed));
    let n = Number(session.call.get('cmi.interactions._count')) || 0;
    for (const reply of replies) {
      const base = `cmi.interactions.${n}`;
      set(
        session,
        `${base}.id`,
        identifier(`${attempt.scenarioId}-${key}-${reply.turn}-${reply.stepId}`),
      );
      set(session, `${base}.type`, 'fill-in');
      set(session, `${base}.time`, scorm12Clock(reply.at ?? attempt.startedAt));
      set(session, `${base}.student_response`, scormText(reply.timeout ? '-' : reply.text, 255));
      set(session, `${base}.result`, 'neutral');
      set(session, `${base}.latency`, scorm12Time(reply.responseMs));
      // SCORM 1.2 has no description: the tags go with the rule ids as objective ids.
      [...reply.ruleIds, ...reply.tags.map((tag) => `tag.${tag}`)].forEach((id, m) =>
        set(session, `${base}.objectives.${m}.id`, identifier(id)),
      );
      n += 1;
    }
  }
  if (attempt.status === 'finished') {
    // Done: nothing to resume; the location names the step it ended at.
    set(session, suspendElement, '');
    const last = replies.at(-1)?.stepId;
    if (last) set(session, locationElement(session), last);
  }
  commitResult(session, scoreRefused);
}

/**
 * After each turn of an attempt in progress: keeps the conversation in `suspend_data` (or
 * clears it when it no longer fits, so another computer starts over cleanly) and the step in
 * `location`, then commits. Nothing is thrown; a refusal is recorded in `session.errors`.
 */
export function saveProgress(session: LmsSession, attempt: AttemptRecord): void {
  if (session.terminated || attempt.status !== 'in-progress') return;
  const state = resumeStateOf(attempt);
  set(session, suspendElement, encodeResume(state, SUSPEND_DATA_LIMIT[session.version]));
  const step = currentStepOf(attempt);
  if (step) set(session, locationElement(session), scormText(step, 255));
  session.call.commit();
}

/**
 * Commits; a refused commit is tried once more at once, and if the LMS still refuses (or it
 * refused the score itself) the trainee is told, with a way to try again.
 */
function commitResult(session: LmsSession, scoreRefused: boolean): void {
  const commit = () => session.call.commit() || session.call.commit();
  if (commit() && !scoreRefused) {
    clearLmsProblem();
    return;
  }
  const code = session.call.lastError();
  session.errors.push(`commit: ${code}`);
  noteLmsProblem({
    code,
    retry: () => {
      const saved = !session.terminated && commit();
      if (saved) clearLmsProblem();
      return saved;
    },
  });
}

/**
 * Ends the LMS session once (call on pagehide/unload); later calls do nothing. It exits
 * suspended, so the LMS keeps the result and the resume state for the learner's next launch.
 */
export function terminate(session: LmsSession): void {
  if (session.terminated) return;
  const elapsed = Date.now() - session.startedAt;
  if (session.version === '2004') {
    set(session, 'cmi.session_time', scorm2004Time(elapsed));
    set(session, 'cmi.exit', 'suspend');
  } else {
    set(session, 'cmi.core.session_time', scorm12Time(elapsed));
    set(session, 'cmi.core.exit', 'suspend');
  }
  session.call.commit();
  session.call.finish();
  session.terminated = true;
}
