/**
 * The one call the app makes at start-up to plug into the company's learning platforms:
 * inside an LMS it connects over SCORM, takes the learner as the trainee profile, offers the
 * conversation the LMS kept for resuming, keeps the LMS's resume state up to date after every
 * turn, reports every attempt this browser's learner finishes (of the launched activity's
 * scenario and counted mode) and terminates on page hide; with an LRS
 * configured it queues each such attempt's xAPI statements and keeps the queue moving.
 * Finished attempts are noticed with a Dexie table hook, so no page has to remember to report.
 * Only attempts practised here are reported: an attempt stored already finished (an imported
 * result bundle, an observer's scorecard) never fires the hook, and one taken for someone else
 * (pair typing in a class, an observed attempt) is skipped; those reach the LMS/LRS never on
 * their own, only through the records' xAPI export. Abandoned attempts are reported to the LRS as
 * terminated, and attempts left unfinished in an earlier visit as suspended.
 */
import type { UpdatingHookContext } from 'dexie';
import { getProfile, saveProfile } from '../data/attempts';
import { database, type AttemptRecord } from '../data/db';
import { getCountingPolicy } from '../data/records-query';
import {
  detectLms,
  reportAttempt,
  saveProgress,
  terminate,
  type FrameLike,
  type LmsSession,
} from './lms-bridge';
import { offerLmsResume } from './lms-resume';
import { countsForLaunch, type ScormLaunch } from './scorm-launch';
import { queueAttempt, startXapiSync, type QueueOptions } from './xapi-lrs';

type Listener = (attempt: AttemptRecord) => void;

/**
 * Calls `listener` after an attempt stored in progress is updated (a turn saved, finished,
 * abandoned: how this browser's practice goes on) and the write commits, with the record as
 * written. Records added already finished (imported bundles, observer scorecards) are not
 * practice done here and never fire it. The call is made on a fresh task, outside the writer's
 * Dexie transaction, so the listener may use any table.
 */
export function onPracticeSaved(listener: Listener): () => void {
  const attempts = database().attempts;
  const later = (attempt: AttemptRecord) => setTimeout(() => listener(attempt), 0);
  const updating = function (
    this: UpdatingHookContext<AttemptRecord, string>,
    _mods: object,
    _key: string,
    obj: AttemptRecord,
  ) {
    if (obj.status === 'in-progress') this.onsuccess = (updated) => later(updated);
  };
  attempts.hook('updating', updating);
  return () => {
    attempts.hook.updating.unsubscribe(updating);
  };
}

/** Calls `listener` after an attempt stored in progress is updated to finished (see onPracticeSaved). */
export function onAttemptFinished(listener: Listener): () => void {
  return onPracticeSaved((attempt) => {
    if (attempt.status === 'finished') listener(attempt);
  });
}

/**
 * Whether a finished attempt is this browser's learner's own practice, to be reported to the
 * LMS/LRS: not observed by a trainer, not typed in a class for a rostered trainee, and inside
 * an LMS taken under the LMS learner's id.
 */
export function isOwnPractice(attempt: AttemptRecord, lms?: LmsSession): boolean {
  if (attempt.mode === 'observed' || attempt.observer !== undefined) return false;
  if (attempt.classId !== undefined || attempt.partner !== undefined) return false;
  const learnerId = lms?.learner.id;
  return !learnerId || attempt.trainee.employeeNo === learnerId;
}

/** The window the app runs in, as far as connecting needs it. */
export interface HostWindow extends FrameLike {
  addEventListener?: (type: 'pagehide', listener: (event: { persisted?: boolean }) => void) => void;
  removeEventListener?: (
    type: 'pagehide',
    listener: (event: { persisted?: boolean }) => void,
  ) => void;
}

const warn = (what: string) => (error: unknown) => console.warn(`ServiceDojo: ${what}`, error);

export interface LearningPlatforms {
  lms?: LmsSession;
  stop: () => void;
}

/** Makes the LMS learner the trainee, keeping the department already entered for the same id. */
async function adoptLearner(session: LmsSession): Promise<void> {
  const { id, name } = session.learner;
  if (!id) return;
  const current = await getProfile();
  if (current?.employeeNo === id && current.name === name) return;
  await saveProfile({
    name: name || id,
    employeeNo: id,
    department: current?.employeeNo === id ? current.department : '',
  });
}

/** Reports to the LRS, as suspended, this learner's attempts left unfinished in an earlier visit. */
async function reportLeftAttempts(
  lms: LmsSession | undefined,
  options: QueueOptions,
): Promise<void> {
  const open = await database().attempts.where('status').equals('in-progress').toArray();
  for (const attempt of open)
    if (isOwnPractice(attempt, lms)) await queueAttempt(attempt, { ...options, suspended: true });
}

/**
 * Connects to the LMS (if the app runs inside one) and the LRS (if configured). `launch` is the
 * activity the LMS launched (its scenario and counted mode): only its attempts reach the LMS.
 * `scenarioOf` gives statements the scenario's step lines and choice-mode options.
 */
export async function connectLearningPlatforms(
  win: HostWindow = window as unknown as HostWindow,
  launch?: ScormLaunch,
  scenarioOf?: QueueOptions['scenarioOf'],
): Promise<LearningPlatforms> {
  const lms = await detectLms(win, Date.now, launch).catch(() => undefined);
  if (lms) {
    await adoptLearner(lms).catch(() => undefined);
    offerLmsResume(lms.resume);
  }
  const queueOptions: QueueOptions = scenarioOf ? { scenarioOf } : {};
  void reportLeftAttempts(lms, queueOptions).catch(warn('xAPI queue failed'));
  const stopWatching = onPracticeSaved((attempt) => {
    if (!isOwnPractice(attempt, lms)) return;
    const forLms = lms && countsForLaunch(attempt, lms.launch) ? lms : undefined;
    if (attempt.status === 'in-progress') {
      if (forLms) saveProgress(forLms, attempt);
      return;
    }
    if (forLms && attempt.status === 'finished')
      void getCountingPolicy()
        .then((policy) => reportAttempt(forLms, attempt, policy))
        .catch(warn('SCORM report failed'));
    // Finished, or abandoned (the trainee started over): terminated.
    void queueAttempt(attempt, queueOptions).catch(warn('xAPI queue failed'));
  });
  const stopSync = startXapiSync();
  // A page put into the back/forward cache may come back: commit then, terminate only when the
  // page really goes (no beforeunload listener, which would keep pages out of that cache).
  const end = (event?: { persisted?: boolean }) => {
    if (!lms) return;
    if (event?.persisted) lms.call.commit();
    else terminate(lms);
  };
  win.addEventListener?.('pagehide', end);
  return {
    lms,
    stop: () => {
      stopWatching();
      stopSync();
      win.removeEventListener?.('pagehide', end);
    },
  };
}
