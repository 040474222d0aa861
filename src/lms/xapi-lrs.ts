/**
 * The connection to a learning record store: its settings (endpoint, key, secret, kept in the
 * settings table; their schema and the sender are in xapi-send.ts) and a background sync that
 * flushes the queue now, on a timer and whenever the browser comes back online. Saving the
 * settings resumes a queue paused by a 401/403/404. A device joined to a company's server sends
 * no statements of its own: the server forwards them from its own report.
 */
import { database, type AttemptRecord } from '../data/db';
import { enqueueStatements, flushQueue, resumeQueue } from './xapi-queue';
import { lrsConfigSchema, lrsSender, type LrsConfig, type SenderOptions } from './xapi-send';
import { attemptStatements, statementOptionsFor, type StatementOptions } from './xapi-statements';

export const LRS_SETTING_KEY = 'xapi.lrs';

/** The saved LRS settings, or undefined when none (or a broken record) is stored. */
export async function getLrsConfig(): Promise<LrsConfig | undefined> {
  const stored = await database().settings.get(LRS_SETTING_KEY);
  const parsed = lrsConfigSchema.safeParse(stored?.value);
  return parsed.success ? parsed.data : undefined;
}

/**
 * Validates and saves the LRS settings (throws the zod error when a field is wrong), then
 * resumes a queue paused by a configuration error so the kept statements go with the new ones.
 */
export async function saveLrsConfig(config: LrsConfig): Promise<void> {
  await database().settings.put({ key: LRS_SETTING_KEY, value: lrsConfigSchema.parse(config) });
  await resumeQueue();
}

let flushing: Promise<unknown> | undefined;

/** Flushes the queue to the configured LRS, one flush at a time per tab; no LRS: does nothing. */
export async function syncNow(
  fetchImpl: typeof fetch = fetch,
  options: SenderOptions = {},
): Promise<void> {
  if (flushing) return void (await flushing);
  const config = await getLrsConfig();
  if (!config) return;
  flushing = flushQueue(lrsSender(config, fetchImpl, options)).finally(() => {
    flushing = undefined;
  });
  await flushing;
}

/** Where the app runs (inside an LMS: the LMS's address), for the default IRIs. */
function pageUrl(): string {
  return globalThis.location?.href ?? 'http://localhost/';
}

/** Statement options from the LRS settings, else from where the app runs (see statementOptionsFor). */
export async function statementOptions(
  extra: Pick<StatementOptions, 'scenarioOf'> = {},
): Promise<StatementOptions> {
  const config = await getLrsConfig().catch(() => undefined);
  return {
    ...statementOptionsFor(pageUrl(), {
      ...(config?.activityBase ? { activityBase: config.activityBase } : {}),
      ...(config?.homePage ? { homePage: config.homePage } : {}),
    }),
    ...extra,
  };
}

export interface QueueOptions extends Pick<StatementOptions, 'scenarioOf'> {
  /** An attempt in progress the trainee left: reported as suspended. */
  suspended?: boolean;
  fetchImpl?: typeof fetch;
}

/**
 * With an LRS configured and no server joined, queues an attempt's statements (finished,
 * abandoned, or left in progress with `suspended`) and tries to send them right away.
 */
export async function queueAttempt(
  attempt: AttemptRecord,
  { suspended = false, scenarioOf, fetchImpl = fetch }: QueueOptions = {},
): Promise<void> {
  const config = await getLrsConfig();
  // Joined to a server: the server sends this attempt's statements (from its own report).
  if (!config || (await database().serverLink.get('me'))) return;
  const options = await statementOptions(scenarioOf ? { scenarioOf } : {});
  await enqueueStatements(attemptStatements(attempt, options, { suspended }));
  await syncNow(fetchImpl).catch(() => undefined);
}

/** Keeps the queue moving: syncs now, every `intervalMs`, and when the browser goes online. Returns stop. */
export function startXapiSync(intervalMs = 5_000): () => void {
  const run = () => void syncNow().catch(() => undefined);
  run();
  const timer = setInterval(run, intervalMs);
  globalThis.addEventListener?.('online', run);
  return () => {
    clearInterval(timer);
    globalThis.removeEventListener?.('online', run);
  };
}
