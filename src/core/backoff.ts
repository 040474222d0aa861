/**
 * How long to wait before trying again after failures in a row: the xAPI outbox (app and
 * server) and the device's queue of attempts for the server. Kept apart from the senders so a
 * page that only needs the delay does not load them.
 */
const BASE_DELAY_MS = 2_000;
const MAX_DELAY_MS = 10 * 60_000;

/** Delay before the next try after `tries` failures: 2 s, 4 s, 8 s … capped at 10 minutes. */
export function backoffMs(tries: number): number {
  return Math.min(MAX_DELAY_MS, BASE_DELAY_MS * 2 ** Math.max(0, tries - 1));
}
