/**
 * The connection to a learning record store: its settings (endpoint, key, secret, kept in the
 * settings table), a sender built on @xapi/xapi whose every request times out, and a background
 * sync that flushes the queue now, on a timer and whenever the browser comes back online.
 * Saving the settings resumes a queue paused by a 401/403/404.
 */
import XAPI, { type Statement } from '@xapi/xapi';
import { z } from 'zod';
import { database, type AttemptRecord } from '../data/db';
import {
  enqueueStatements,
  flushQueue,
  LrsError,
  resumeQueue,
  type StatementSender,
} from './xapi-queue';
import { attemptStatements, statementOptionsFor, type StatementOptions } from './xapi-statements';

type AdapterFunction = NonNullable<ConstructorParameters<typeof XAPI>[0]['adapter']>;

export const LRS_SETTING_KEY = 'xapi.lrs';

/**
 * Whether statements may go to this endpoint: https, or plain http only to this machine
 * (localhost, 127.x.x.x, ::1), since the key and secret travel in every request.
 */
export function lrsEndpointAllowed(endpoint: string): boolean {
  let url: URL;
  try {
    url = new URL(endpoint);
  } catch {
    return false;
  }
  if (url.protocol === 'https:') return true;
  if (url.protocol !== 'http:') return false;
  const host = url.hostname.toLowerCase();
  return (
    host === 'localhost' ||
    host.endsWith('.localhost') ||
    host === '[::1]' ||
    /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(host)
  );
}

export const lrsConfigSchema = z.strictObject({
  endpoint: z
    .url({ protocol: /^https?$/ })
    .refine(lrsEndpointAllowed, 'http:// is allowed only for this machine (loopback)'),
  key: z.string(),
  secret: z.string(),
  /** IRI prefix for ServiceDojo's activities; the app's own address + "xapi/" when absent. */
  activityBase: z.url({ protocol: /^https?$/ }).optional(),
  /** The account home page trainees are identified on; the app's (or LMS's) origin when absent. */
  homePage: z.url({ protocol: /^https?$/ }).optional(),
});
export type LrsConfig = z.infer<typeof lrsConfigSchema>;

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

/** How long one LRS request may take before it counts as no answer (and is retried later). */
export const LRS_TIMEOUT_MS = 15_000;

/**
 * An @xapi/xapi adapter over fetch whose failures carry the HTTP status. A request still
 * unanswered (headers and body) after `timeoutMs` is aborted and fails as "no answer".
 */
export function fetchAdapter(
  fetchImpl: typeof fetch = fetch,
  timeoutMs = LRS_TIMEOUT_MS,
): AdapterFunction {
  const adapter = async ({
    url,
    method,
    data,
    headers,
  }: {
    url: string;
    method: string;
    data?: unknown;
    headers?: Record<string, string>;
  }) => {
    const controller = new AbortController();
    let timer: ReturnType<typeof setTimeout> | undefined;
    const timedOut = new Promise<never>((_resolve, reject) => {
      timer = setTimeout(() => {
        controller.abort();
        reject(new LrsError(`the LRS did not answer within ${timeoutMs} ms`));
      }, timeoutMs);
    });
    const exchange = async () => {
      let response: Response;
      try {
        response = await fetchImpl(url, {
          method,
          headers,
          body: data === undefined ? undefined : JSON.stringify(data),
          signal: controller.signal,
        });
      } catch (error) {
        throw new LrsError(error instanceof Error ? error.message : 'network error');
      }
      return { response, text: await response.text() };
    };
    let answer: { response: Response; text: string };
    try {
      // The race also ends a fetch that ignores the abort signal.
      answer = await Promise.race([exchange(), timedOut]);
    } catch (error) {
      throw error instanceof LrsError
        ? error
        : new LrsError(error instanceof Error ? error.message : 'network error');
    } finally {
      clearTimeout(timer);
    }
    const { response, text } = answer;
    if (!response.ok)
      throw new LrsError(`LRS answered ${response.status}: ${text.slice(0, 200)}`, response.status);
    let body: unknown = text;
    try {
      body = JSON.parse(text);
    } catch {
      // Not JSON: keep the text.
    }
    return {
      data: body,
      headers: Object.fromEntries(response.headers.entries()),
      status: response.status,
    };
  };
  return adapter as AdapterFunction;
}

export interface SenderOptions {
  /** Per request; LRS_TIMEOUT_MS when not given. */
  timeoutMs?: number;
}

/** Sends statement batches to the configured LRS with HTTP Basic auth. */
export function lrsSender(
  config: LrsConfig,
  fetchImpl: typeof fetch = fetch,
  options: SenderOptions = {},
): StatementSender {
  const xapi = new XAPI({
    endpoint: config.endpoint,
    auth: XAPI.toBasicAuth(config.key, config.secret),
    adapter: fetchAdapter(fetchImpl, options.timeoutMs),
  });
  return async (statements: Statement[]) => {
    await xapi.sendStatements({ statements });
  };
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
 * With an LRS configured, queues an attempt's statements (finished, abandoned, or left in
 * progress with `suspended`) and tries to send them right away.
 */
export async function queueAttempt(
  attempt: AttemptRecord,
  { suspended = false, scenarioOf, fetchImpl = fetch }: QueueOptions = {},
): Promise<void> {
  const config = await getLrsConfig();
  if (!config) return;
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
