/**
 * Joined devices this process let in lately, so that a device's next attempt costs one round trip
 * to the database instead of two. Such an attempt is scored with the person and the scoring state
 * read then, and its insert stores it only while the device is still bound to that trainee and the
 * state's stamp is unchanged (attempt-routes.ts); otherwise the route asks the database again. A
 * withdrawn device, a deleted person or a new publication thus takes effect at once; only the
 * name an xAPI statement carries may be up to KEEP_MS old.
 */
import type { Person } from './people';
import type { ScoringState } from './scoring-state';

const KEEP_MS = 60_000;
const MOST_DEVICES = 20_000;

export class RecentDevices {
  private readonly seen = new Map<string, { person: Person; at: number }>();
  /** The scoring state this process read last: a known device's attempt is scored with it. */
  state: ScoringState | undefined;

  /** The person of a device let in within KEEP_MS (by its token's hash). */
  personOf(tokenHash: string, now = Date.now()): Person | undefined {
    const entry = this.seen.get(tokenHash);
    if (entry && now - entry.at < KEEP_MS) return entry.person;
    if (entry) this.seen.delete(tokenHash);
    return undefined;
  }

  remember(tokenHash: string, person: Person, state: ScoringState, now = Date.now()): void {
    this.seen.delete(tokenHash);
    // Entries are kept in the order they were let in: the oldest goes first.
    if (this.seen.size >= MOST_DEVICES) {
      const oldest = this.seen.keys().next().value;
      if (oldest !== undefined) this.seen.delete(oldest);
    }
    this.seen.set(tokenHash, { person, at: now });
    this.state = state;
  }

  forget(tokenHash: string): void {
    this.seen.delete(tokenHash);
  }
}
