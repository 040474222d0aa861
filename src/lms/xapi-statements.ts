/**
 * xAPI statements for one attempt: attempted, one responded per reply (long-fill-in, the text
 * in result.response, the rule ids in result.extensions), completed, then passed or failed.
 * Statement ids are derived from the attempt id, so building twice gives the same ids and an
 * LRS never stores an attempt twice.
 */
import type { Statement } from '@xapi/xapi';
import type { AttemptRecord } from '../data/db';
import { reportReplies } from '../data/records-query';

export const VERBS = {
  attempted: { id: 'http://adlnet.gov/expapi/verbs/attempted', display: { 'en-US': 'attempted' } },
  responded: { id: 'http://adlnet.gov/expapi/verbs/responded', display: { 'en-US': 'responded' } },
  completed: { id: 'http://adlnet.gov/expapi/verbs/completed', display: { 'en-US': 'completed' } },
  passed: { id: 'http://adlnet.gov/expapi/verbs/passed', display: { 'en-US': 'passed' } },
  failed: { id: 'http://adlnet.gov/expapi/verbs/failed', display: { 'en-US': 'failed' } },
} as const;

const SIMULATION = 'http://adlnet.gov/expapi/activities/simulation';
const INTERACTION = 'http://adlnet.gov/expapi/activities/cmi.interaction';

export interface StatementOptions {
  /** IRI prefix of ServiceDojo's activities and extensions, ending in "/". */
  activityBase: string;
  /** The account home page that identifies trainees by employee number. */
  homePage: string;
  /** Identify trainees by e-mail instead, when the company gives one per employee number. */
  emailOf?: (employeeNo: string) => string | undefined;
}

export const DEFAULT_STATEMENT_OPTIONS: StatementOptions = {
  activityBase: 'https://servicedojo.example.com/xapi/',
  homePage: 'https://servicedojo.example.com/employees',
};

/** Extension key holding the rule ids a reply hit. */
export function ruleIdsExtension(options: StatementOptions): string {
  return `${options.activityBase}extensions/rule-ids`;
}

function fnv1a(text: string, seed: number): number {
  let hash = seed >>> 0;
  for (let i = 0; i < text.length; i += 1) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash >>> 0;
}

/** A UUID (version 8, RFC 9562 variant) derived from a name: the same name, the same id. */
export function nameUuid(name: string): string {
  const hex = [0x811c9dc5, 0x050c5d1f, 0x1b873593, 0x2f2d5d9b]
    .map((seed, i) => fnv1a(`${i}:${name}`, seed).toString(16).padStart(8, '0'))
    .join('');
  const variant = ((parseInt(hex[16] ?? '0', 16) & 0x3) | 0x8).toString(16);
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-8${hex.slice(13, 16)}-${variant}${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

/** ISO 8601 duration of milliseconds, e.g. 754 500 -> PT12M34.5S. */
export function isoDuration(ms: number): string {
  const total = Math.max(0, Math.round(ms / 10) / 100);
  const hours = Math.floor(total / 3600);
  const minutes = Math.floor((total % 3600) / 60);
  const seconds = Math.round((total % 60) * 100) / 100;
  return `PT${hours ? `${hours}H` : ''}${minutes ? `${minutes}M` : ''}${seconds}S`;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/i;

function actorOf(attempt: AttemptRecord, options: StatementOptions): Statement['actor'] {
  const { name, employeeNo } = attempt.trainee;
  const email = options.emailOf?.(employeeNo);
  return email
    ? { objectType: 'Agent', name, mbox: `mailto:${email}` }
    : { objectType: 'Agent', name, account: { homePage: options.homePage, name: employeeNo } };
}

/** The IRI of a scenario as an xAPI activity. */
export function scenarioIri(scenarioId: string, options: StatementOptions): string {
  return `${options.activityBase}scenarios/${encodeURIComponent(scenarioId)}`;
}

/**
 * Every statement of a finished attempt, in order; an unfinished one gives only "attempted"
 * and its replies so far.
 */
export function attemptStatements(
  attempt: AttemptRecord,
  options: StatementOptions = DEFAULT_STATEMENT_OPTIONS,
): Statement[] {
  const actor = actorOf(attempt, options);
  const scenario = scenarioIri(attempt.scenarioId, options);
  const activity = {
    objectType: 'Activity' as const,
    id: scenario,
    definition: {
      type: SIMULATION,
      name: { 'zh-CN': attempt.scenarioTitle['zh-CN'], en: attempt.scenarioTitle.en },
    },
  };
  const context = {
    registration: UUID.test(attempt.id) ? attempt.id.toLowerCase() : nameUuid(attempt.id),
    platform: 'ServiceDojo',
    extensions: {
      [`${options.activityBase}extensions/scenario-version`]: attempt.scenarioVersion,
      [`${options.activityBase}extensions/mode`]: attempt.mode,
    },
  };
  const id = (suffix: string) => nameUuid(`servicedojo:${attempt.id}:${suffix}`);
  const at = (ms: number) => new Date(ms).toISOString();

  const statements: Statement[] = [
    {
      id: id('attempted'),
      actor,
      verb: VERBS.attempted,
      object: activity,
      context,
      timestamp: at(attempt.startedAt),
    },
  ];
  reportReplies(attempt.report).forEach((reply, index) => {
    statements.push({
      id: id(`responded:${index + 1}`),
      actor,
      verb: VERBS.responded,
      object: {
        objectType: 'Activity',
        id: `${scenario}/replies/${index + 1}`,
        definition: {
          type: INTERACTION,
          name: { 'zh-CN': `第 ${index + 1} 句回复`, en: `Reply ${index + 1}` },
          interactionType: 'long-fill-in',
        },
      },
      result: {
        response: reply.text,
        extensions: { [ruleIdsExtension(options)]: reply.ruleIds },
      },
      context: { ...context, contextActivities: { parent: [{ id: scenario }] } },
      timestamp: at(reply.at ?? attempt.startedAt),
    });
  });
  if (attempt.status !== 'finished') return statements;

  const finishedAt = attempt.finishedAt ?? attempt.updatedAt;
  const raw = Math.max(0, Math.min(100, attempt.score ?? 0));
  const result = {
    score: { scaled: raw / 100, raw, min: 0, max: 100 },
    completion: true,
    duration: isoDuration(attempt.durationMs ?? finishedAt - attempt.startedAt),
  };
  statements.push({
    id: id('completed'),
    actor,
    verb: VERBS.completed,
    object: activity,
    result,
    context,
    timestamp: at(finishedAt),
  });
  const passed = attempt.passed ?? false;
  statements.push({
    id: id(passed ? 'passed' : 'failed'),
    actor,
    verb: passed ? VERBS.passed : VERBS.failed,
    object: activity,
    result: { ...result, success: passed },
    context,
    timestamp: at(finishedAt),
  });
  return statements;
}
