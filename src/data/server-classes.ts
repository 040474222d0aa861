/**
 * Classes kept on the company server (server/class-routes.ts), for a browser signed in there as
 * staff (the #/staff sign-in: its cookie goes by itself, every write carries the session's CSRF
 * token). A server class is `server-<n>` in the app, so its pages open it from any signed-in
 * device; a save based on an older revision comes back as a ClassConflict with the current class.
 * Its attempts (pair typing, an observer's scorecard, result bundles) are scored on the server.
 */
import type { ClassContent } from '../core/class-record';
import type { BundleFileResult } from '../core/result-bundle';
import {
  localClasses,
  newClassCode,
  type ClassRepository,
  type NewClass,
} from './class-repository';
import type { Mode } from '../core/scenario-schema';
import { restoreReport } from '../core/stored-report';
import {
  ATTEMPT_SCHEMA_VERSION,
  CLASS_SCHEMA_VERSION,
  type AttemptRecord,
  type ClassRecord,
} from './db';

const PREFIX = 'server-';

/** Whether a class id names a class on the company server. */
export function isServerClass(id: string): boolean {
  return id.startsWith(PREFIX);
}

/** The staff member this browser is signed in as on the company server. */
export interface StaffSession {
  name: string;
  role: 'admin' | 'hr' | 'trainer';
  csrfToken: string;
}

let session: Promise<StaffSession | undefined> | undefined;

async function readSession(): Promise<StaffSession | undefined> {
  const response = await fetch('/api/session', { credentials: 'same-origin' });
  if (!response.ok) return undefined;
  const body = (await response.json()) as {
    person?: { name: string; role: string };
    csrfToken?: string;
  };
  const role = body.person?.role;
  if (!body.person || !body.csrfToken) return undefined;
  if (role !== 'admin' && role !== 'hr' && role !== 'trainer') return undefined;
  return { name: body.person.name, role, csrfToken: body.csrfToken };
}

/**
 * Who is signed in on the company server as staff (undefined: no server, or not signed in). A
 * sign-in is remembered for the page; "not signed in" is asked again next time.
 */
export async function staffSession(): Promise<StaffSession | undefined> {
  session ??= readSession().catch(() => undefined);
  const signedIn = await session;
  if (!signedIn) session = undefined;
  return signedIn;
}

/** A server answer other than 2xx: its status and the server's own message. */
export class ServerClassError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

/** A save based on an older revision: another device saved first; `current` is what it saved. */
export class ClassConflict extends ServerClassError {
  constructor(
    message: string,
    readonly current: ClassRecord,
  ) {
    super(409, message);
  }
}

interface ServerClass {
  id: number;
  revision: number;
  createdAt: number;
  updatedAt: number;
  content: ClassContent;
}

function toRecord(klass: ServerClass): ClassRecord {
  return {
    ...klass.content,
    id: `${PREFIX}${klass.id}`,
    schemaVersion: CLASS_SCHEMA_VERSION,
    createdAt: klass.createdAt,
    updatedAt: klass.updatedAt,
    revision: klass.revision,
  };
}

function contentOf(record: ClassRecord): ClassContent {
  const {
    id: _id,
    schemaVersion: _v,
    createdAt: _c,
    updatedAt: _u,
    revision: _r,
    ...content
  } = record;
  return content;
}

async function call<T>(method: string, path: string, body?: unknown): Promise<T> {
  const signedIn = await staffSession();
  const response = await fetch(path, {
    method,
    credentials: 'same-origin',
    headers: {
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      ...(method === 'GET' || !signedIn ? {} : { 'x-csrf-token': signedIn.csrfToken }),
    },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  const answer = (await response.json().catch(() => ({}))) as T & {
    error?: string;
    class?: ServerClass;
  };
  if (response.status === 409 && answer.class)
    throw new ClassConflict(answer.error ?? 'changed elsewhere', toRecord(answer.class));
  // A sign-in that ended (401) is asked for again next time.
  if (response.status === 401) session = undefined;
  if (!response.ok && response.status !== 400)
    throw new ServerClassError(response.status, answer.error ?? `HTTP ${response.status}`);
  return answer;
}

const serverId = (id: string) => encodeURIComponent(id.slice(PREFIX.length));

/** The classes on the company server the signed-in staff member may see. */
export const serverClasses: ClassRepository = {
  list: async () =>
    (await call<{ classes: ServerClass[] }>('GET', '/api/classes')).classes.map(toRecord),
  get: async (id) => {
    try {
      return toRecord(
        (await call<{ class: ServerClass }>('GET', `/api/classes/${serverId(id)}`)).class,
      );
    } catch (error) {
      if (error instanceof ServerClassError && error.status === 404) return undefined;
      throw error;
    }
  },
  create: async (input: NewClass) => {
    const content: ClassContent = {
      name: input.name,
      trainer: input.trainer,
      date: input.date,
      scenarioIds: input.scenarioIds,
      roster: input.roster ?? [],
      groups: [],
      rounds: [],
      code: newClassCode(),
    };
    const answer = await call<{ class?: ServerClass; error?: string }>('POST', '/api/classes', {
      content,
    });
    if (!answer.class) throw new ServerClassError(400, answer.error ?? 'refused');
    return toRecord(answer.class);
  },
  save: async (record) => {
    const answer = await call<{ class?: ServerClass; error?: string }>(
      'PUT',
      `/api/classes/${serverId(record.id)}`,
      { revision: record.revision ?? 1, content: contentOf(record) },
    );
    if (!answer.class) throw new ServerClassError(400, answer.error ?? 'refused');
    return toRecord(answer.class);
  },
  remove: async (id) => {
    await call('DELETE', `/api/classes/${serverId(id)}`);
  },
};

/** Where the class with this id is kept. */
export function classRepositoryFor(id: string): ClassRepository {
  return isServerClass(id) ? serverClasses : localClasses;
}

/** A role play typed on this device, sent to be scored on the server as the rep's attempt. */
export async function sendClassAttempt(
  classId: string,
  attempt: {
    id: string;
    employeeNo: string;
    round?: number;
    scenarioId: string;
    scenarioVersion: number;
    mode: 'coach' | 'exam' | 'choice';
    startedAt: number;
    replies: { text: string; afterMs: number }[];
    claimedScore?: number;
  },
): Promise<void> {
  await call('POST', `/api/classes/${serverId(classId)}/attempts`, attempt);
}

/** An observer's scorecard, sent to be scored on the server from its taps. */
export async function sendObservation(
  classId: string,
  observation: {
    id: string;
    scenarioId: string;
    employeeNo: string;
    observer: string;
    startedAt: number;
    round?: number;
    done: readonly string[];
    heard: readonly string[];
    claimedScore?: number;
  },
): Promise<void> {
  await call('POST', `/api/classes/${serverId(classId)}/observations`, observation);
}

/** A result bundle file imported into a server class: checked and re-scored on the server. */
export async function importServerBundle(
  classId: string,
  file: { name: string; text: string },
): Promise<BundleFileResult> {
  const response = await fetch(
    `/api/classes/${serverId(classId)}/bundles?name=${encodeURIComponent(file.name)}`,
    {
      method: 'POST',
      credentials: 'same-origin',
      headers: {
        'content-type': 'application/json',
        'x-csrf-token': (await staffSession())?.csrfToken ?? '',
      },
      body: file.text,
    },
  );
  const answer = (await response.json().catch(() => undefined)) as
    (BundleFileResult & { error?: string }) | undefined;
  if (answer && 'status' in answer && answer.status) return answer;
  // Not JSON at all (Fastify's parser refused it) or another failure: the file is rejected.
  const reason = answer?.error ?? `HTTP ${response.status}`;
  return {
    name: file.name,
    status: 'rejected',
    added: 0,
    duplicates: 0,
    refused: [],
    conflicts: [],
    rescoredDiffer: 0,
    refusal: { code: response.status === 400 ? 'not-json' : 'not-stored', reason, detail: reason },
  };
}

/** An attempt of a class as the server keeps it (GET /api/classes/:id/attempts). */
interface ServerClassAttempt {
  id: string;
  name: string;
  employeeNo: string;
  department: string;
  scenarioId: string;
  scenarioVersion: number;
  mode: Mode;
  startedAt: number;
  score: number;
  passed: boolean;
  classRound: number | null;
  observer: string | null;
  report: unknown;
}

/** The attempts of a server class with the server's scores, as records the class summary reads. */
export async function serverClassAttempts(classId: string): Promise<AttemptRecord[]> {
  const { attempts } = await call<{ attempts: ServerClassAttempt[] }>(
    'GET',
    `/api/classes/${serverId(classId)}/attempts`,
  );
  return attempts.map((attempt) => {
    const restored = restoreReport(attempt.report);
    return {
      id: attempt.id,
      schemaVersion: ATTEMPT_SCHEMA_VERSION,
      scenarioId: attempt.scenarioId,
      scenarioVersion: attempt.scenarioVersion,
      scenarioTitle: { 'zh-CN': attempt.scenarioId, en: attempt.scenarioId },
      mode: attempt.mode,
      trainee: {
        name: attempt.name,
        employeeNo: attempt.employeeNo,
        department: attempt.department,
      },
      status: 'finished',
      startedAt: attempt.startedAt,
      updatedAt: attempt.startedAt,
      revision: 1,
      snapshot: null,
      score: attempt.score,
      passed: attempt.passed,
      classId,
      source: attempt.mode === 'observed' ? 'observed' : 'imported',
      ...(restored.ok ? { report: restored.report } : {}),
      ...(attempt.classRound !== null ? { classRound: attempt.classRound } : {}),
      ...(attempt.observer !== null ? { observer: attempt.observer } : {}),
    };
  });
}
