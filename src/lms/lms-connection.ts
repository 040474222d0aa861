/**
 * The one call the app makes at start-up to plug into the company's learning platforms:
 * inside an LMS it connects over SCORM, takes the learner as the trainee profile, reports
 * every attempt this tab finishes and terminates on page hide; with an LRS configured it
 * queues each finished attempt's xAPI statements and keeps the queue moving.
 * Finished attempts are noticed with Dexie table hooks, so no page has to remember to report.
 */
import type { CreatingHookContext, UpdatingHookContext } from 'dexie';
import { getProfile, saveProfile } from '../data/attempts';
import { database, type AttemptRecord } from '../data/db';
import { getCountingPolicy } from '../data/records-query';
import { detectLms, reportAttempt, terminate, type FrameLike, type LmsSession } from './lms-bridge';
import { queueAttempt, startXapiSync } from './xapi-lrs';

type Listener = (attempt: AttemptRecord) => void;

/**
 * Calls `listener` after each attempt that becomes finished (or is stored finished) commits.
 * The call is made on a fresh task, outside the writer's Dexie transaction, so the listener
 * may use any table.
 */
export function onAttemptFinished(listener: Listener): () => void {
  const attempts = database().attempts;
  const later = (attempt: AttemptRecord) => setTimeout(() => listener(attempt), 0);
  const creating = function (
    this: CreatingHookContext<AttemptRecord, string>,
    _key: string,
    obj: AttemptRecord,
  ) {
    if (obj.status === 'finished') this.onsuccess = () => later(obj);
  };
  const updating = function (
    this: UpdatingHookContext<AttemptRecord, string>,
    mods: object,
    _key: string,
    obj: AttemptRecord,
  ) {
    const next = (mods as Partial<AttemptRecord>).status;
    if (next === 'finished' && obj.status !== 'finished')
      this.onsuccess = (updated) => later(updated);
  };
  attempts.hook('creating', creating);
  attempts.hook('updating', updating);
  return () => {
    attempts.hook.creating.unsubscribe(creating);
    attempts.hook.updating.unsubscribe(updating);
  };
}

/** The window the app runs in, as far as connecting needs it. */
export interface HostWindow extends FrameLike {
  addEventListener?: (type: 'pagehide' | 'beforeunload', listener: () => void) => void;
  removeEventListener?: (type: 'pagehide' | 'beforeunload', listener: () => void) => void;
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

/** Connects to the LMS (if the app runs inside one) and the LRS (if configured). */
export async function connectLearningPlatforms(
  win: HostWindow = window as unknown as HostWindow,
): Promise<LearningPlatforms> {
  const lms = await detectLms(win).catch(() => undefined);
  if (lms) await adoptLearner(lms).catch(() => undefined);
  const stopWatching = onAttemptFinished((attempt) => {
    if (lms)
      void getCountingPolicy()
        .then((policy) => reportAttempt(lms, attempt, policy))
        .catch(warn('SCORM report failed'));
    void queueAttempt(attempt).catch(warn('xAPI queue failed'));
  });
  const stopSync = startXapiSync();
  const end = () => {
    if (lms) terminate(lms);
  };
  win.addEventListener?.('pagehide', end);
  win.addEventListener?.('beforeunload', end);
  return {
    lms,
    stop: () => {
      stopWatching();
      stopSync();
      win.removeEventListener?.('pagehide', end);
      win.removeEventListener?.('beforeunload', end);
    },
  };
}
