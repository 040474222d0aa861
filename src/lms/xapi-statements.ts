/**
 * xAPI statements for one attempt, in the order they happened: attempted; one responded per
 * turn, whose activity is the scenario's step (name and description in zh-CN and en) with the
 * reply, its own points, its tags and rule ids and its latency (result.duration) — a choice-mode
 * answer as a `choice` interaction with the options and the one picked; then completed and
 * passed/failed, or terminated (abandoned) / suspended (left unfinished). Statement ids are
 * derived from the attempt id, so building twice gives the same ids and an LRS never stores an
 * attempt twice. The actor and every IRI come from the options (the LRS settings, else where the
 * app runs): nothing is a placeholder domain.
 */
import type { Statement } from '@xapi/xapi';
import type { Localized } from '../core/rule-schema';
import type { Scenario } from '../core/scenario-schema';
import type { AttemptRecord } from '../data/db';
import { attemptReplies, type ReportReply } from '../core/report-replies';

const verb = (name: string, zh: string) => ({
  id: `http://adlnet.gov/expapi/verbs/${name}`,
  display: { 'en-US': name, 'zh-CN': zh },
});

export const VERBS = {
  attempted: verb('attempted', '开始练习'),
  responded: verb('responded', '回复'),
  completed: verb('completed', '完成'),
  passed: verb('passed', '通过'),
  failed: verb('failed', '未通过'),
  terminated: verb('terminated', '中途放弃'),
  suspended: verb('suspended', '暂停未完成'),
} as const;

const SIMULATION = 'http://adlnet.gov/expapi/activities/simulation';
const INTERACTION = 'http://adlnet.gov/expapi/activities/cmi.interaction';
/** The language trainees reply in (the content's language). */
const LANGUAGE = 'zh-CN';

export interface StatementOptions {
  /** IRI prefix of ServiceDojo's activities and extensions, ending in "/". */
  activityBase: string;
  /** The account home page that identifies trainees by employee number (or LMS learner id). */
  homePage: string;
  /** Identify trainees by e-mail instead, when the company gives one per employee number. */
  emailOf?: (employeeNo: string) => string | undefined;
  /** The scenario an attempt was taken in, for step lines and choice-mode options. */
  scenarioOf?: (scenarioId: string) => Scenario | undefined;
}

/**
 * Options for the place the app runs at (its page URL): activities under the app's own folder
 * (`…/xapi/`), trainees identified on its origin, which inside an LMS is the LMS's. An
 * administrator's settings (`activityBase`, `homePage`) take precedence.
 */
export function statementOptionsFor(
  pageUrl: string,
  settings: { activityBase?: string; homePage?: string } = {},
): StatementOptions {
  const page = new URL(pageUrl);
  const folder = new URL('./', `${page.origin}${page.pathname}`);
  const base = settings.activityBase ?? new URL('xapi/', folder).href;
  return {
    activityBase: base.endsWith('/') ? base : `${base}/`,
    homePage: settings.homePage ?? page.origin,
  };
}

function extension(options: StatementOptions, name: string): string {
  return `${options.activityBase}extensions/${name}`;
}

/** Extension key holding the rule ids a reply hit. */
export function ruleIdsExtension(options: StatementOptions): string {
  return extension(options, 'rule-ids');
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

/** What the statements say of an attempt: a device's record, or one the server re-scored. */
export type XapiAttempt = Pick<
  AttemptRecord,
  | 'id'
  | 'scenarioId'
  | 'scenarioVersion'
  | 'scenarioTitle'
  | 'mode'
  | 'status'
  | 'startedAt'
  | 'updatedAt'
  | 'finishedAt'
  | 'durationMs'
  | 'score'
  | 'passed'
  | 'report'
  | 'snapshot'
> & { trainee: Pick<AttemptRecord['trainee'], 'name' | 'employeeNo'> };

function actorOf(attempt: XapiAttempt, options: StatementOptions): Statement['actor'] {
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

/** The IRI of a scenario's step as an xAPI activity. */
export function stepIri(scenarioId: string, stepId: string, options: StatementOptions): string {
  return `${scenarioIri(scenarioId, options)}/steps/${encodeURIComponent(stepId)}`;
}

const both = (value: Localized) => ({ 'zh-CN': value['zh-CN'], en: value.en });

/** The customer's line that opens a step, for the step activity's description. */
function stepLine(scenario: Scenario | undefined, stepId: string): Localized | undefined {
  const lines = scenario?.steps.find((step) => step.id === stepId)?.customer;
  return lines ? (lines.calm ?? lines.upset ?? lines.angry) : undefined;
}

/** A choice-mode reply as the options of its step and the one picked, when it is one of them. */
function choiceOf(
  attempt: XapiAttempt,
  reply: ReportReply,
  scenario: Scenario | undefined,
): { options: Localized[]; picked: string } | undefined {
  if (attempt.mode !== 'choice' || reply.timeout) return undefined;
  const options = scenario?.steps.find((step) => step.id === reply.stepId)?.choices;
  const index = options?.findIndex((o) => o['zh-CN'] === reply.text || o.en === reply.text);
  if (!options || index === undefined || index < 0) return undefined;
  return { options, picked: `choice-${index + 1}` };
}

/** A reply's own points as an xAPI score: min ≤ raw ≤ max, scaled to −1…1 of the step's best. */
function turnScore(raw: number, maximum = 0) {
  const max = Math.max(maximum, raw);
  const scaled = max > 0 ? raw / max : raw < 0 ? -1 : 0;
  return {
    scaled: Math.round(Math.max(-1, Math.min(1, scaled)) * 10_000) / 10_000,
    raw,
    min: Math.min(0, raw),
    max,
  };
}

function respondedStatement(
  attempt: XapiAttempt,
  reply: ReportReply,
  options: StatementOptions,
  base: Pick<Statement, 'actor' | 'context'>,
  id: string,
): Statement {
  const scenario = options.scenarioOf?.(attempt.scenarioId);
  const title = attempt.scenarioTitle;
  const description = stepLine(scenario, reply.stepId) ?? reply.prompt;
  const choice = choiceOf(attempt, reply, scenario);
  const score = reply.score === undefined ? undefined : turnScore(reply.score, reply.maximum);
  return {
    id,
    actor: base.actor,
    verb: VERBS.responded,
    object: {
      objectType: 'Activity',
      id: stepIri(attempt.scenarioId, reply.stepId, options),
      definition: {
        type: INTERACTION,
        name: {
          'zh-CN': `${title['zh-CN']}：步骤 ${reply.stepId}`,
          en: `${title.en}: step ${reply.stepId}`,
        },
        ...(description ? { description: both(description) } : {}),
        ...(choice
          ? {
              interactionType: 'choice' as const,
              choices: choice.options.map((option, i) => ({
                id: `choice-${i + 1}`,
                description: both(option),
              })),
            }
          : { interactionType: 'long-fill-in' as const }),
      },
    },
    result: {
      response: choice ? choice.picked : reply.text,
      ...(score ? { score } : {}),
      duration: isoDuration(reply.responseMs),
      extensions: {
        [ruleIdsExtension(options)]: reply.ruleIds,
        [extension(options, 'tags')]: reply.tags,
        [extension(options, 'timeout')]: reply.timeout,
      },
    },
    context: {
      ...base.context,
      contextActivities: { parent: [{ id: scenarioIri(attempt.scenarioId, options) }] },
    },
    timestamp: new Date(reply.at).toISOString(),
  };
}

/**
 * Every statement of an attempt, in the order it happened: a finished one ends with completed
 * and passed/failed, an abandoned one with terminated, one still in progress with suspended
 * (when `suspended` is asked: the trainee left it) or with its replies so far.
 */
export function attemptStatements(
  attempt: XapiAttempt,
  options: StatementOptions,
  { suspended = false }: { suspended?: boolean } = {},
): Statement[] {
  const actor = actorOf(attempt, options);
  const scenario = scenarioIri(attempt.scenarioId, options);
  const activity = {
    objectType: 'Activity' as const,
    id: scenario,
    definition: { type: SIMULATION, name: both(attempt.scenarioTitle) },
  };
  const context = {
    registration: UUID.test(attempt.id) ? attempt.id.toLowerCase() : nameUuid(attempt.id),
    platform: 'ServiceDojo',
    language: LANGUAGE,
    extensions: {
      [extension(options, 'scenario-version')]: attempt.scenarioVersion,
      [extension(options, 'mode')]: attempt.mode,
    },
  };
  const id = (suffix: string) => nameUuid(`servicedojo:${attempt.id}:${suffix}`);
  const at = (ms: number) => new Date(ms).toISOString();
  const replies = attemptReplies(attempt);

  const statements: Statement[] = [
    {
      id: id('attempted'),
      actor,
      verb: VERBS.attempted,
      object: activity,
      context,
      timestamp: at(attempt.startedAt),
    },
    ...replies.map((reply, index) =>
      respondedStatement(attempt, reply, options, { actor, context }, id(`responded:${index + 1}`)),
    ),
  ];
  const lastAt = Math.max(attempt.startedAt, ...replies.map((reply) => reply.at));
  if (attempt.status === 'abandoned' || (attempt.status === 'in-progress' && suspended)) {
    // Keyed by the turns so far: leaving twice at the same point is one statement.
    const left = attempt.status === 'abandoned' ? 'terminated' : 'suspended';
    statements.push({
      id: id(`${left}:${replies.length}`),
      actor,
      verb: VERBS[left],
      object: activity,
      result: { completion: false, duration: isoDuration(lastAt - attempt.startedAt) },
      context,
      timestamp: at(Math.max(lastAt, attempt.updatedAt)),
    });
    return statements;
  }
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
