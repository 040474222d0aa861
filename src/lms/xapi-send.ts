/**
 * Sending statements to a learning record store, for the app and the server alike (no DOM, no
 * storage): the LRS settings' schema, errors that carry the HTTP status and say whether to retry
 * or to pause, and a sender built on @xapi/xapi whose every request
 * times out.
 */
import XAPI, { type Statement } from '@xapi/xapi';
import { z } from 'zod';

type AdapterFunction = NonNullable<ConstructorParameters<typeof XAPI>[0]['adapter']>;

/** Sends a batch; throws an LrsError when the LRS (or the network) fails. */
export type StatementSender = (statements: Statement[]) => Promise<void>;

/** Answers that mean the endpoint, key or secret is wrong. */
const CONFIGURATION_STATUSES = new Set([401, 403, 404]);

export class LrsError extends Error {
  /** HTTP status, or undefined when no answer came (offline, DNS, CORS). */
  constructor(
    message: string,
    readonly status?: number,
  ) {
    super(message);
    this.name = 'LrsError';
  }

  /** The LRS settings are wrong (bad credentials, no such endpoint): no statement is at fault. */
  get configuration(): boolean {
    return this.status !== undefined && CONFIGURATION_STATUSES.has(this.status);
  }

  /** Worth retrying: no answer, a timeout, rate limiting or a server error. */
  get retryable(): boolean {
    return (
      this.status === undefined || this.status === 408 || this.status === 429 || this.status >= 500
    );
  }
}

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
