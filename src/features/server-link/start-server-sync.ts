/**
 * Starts sending finished attempts to the company server, only on a device that joined one:
 * a device that never did loads nothing more than this check.
 */
import { database } from '../../data/db';

/** Checks for a join a little after the first screen; starts the sync loop if there is one. Returns stop. */
export function startServerSyncIfJoined(delayMs = 2_000): () => void {
  let stop: (() => void) | undefined;
  let stopped = false;
  const timer = setTimeout(() => {
    void database()
      .serverLink.get('me')
      .then(async (link) => {
        if (!link || stopped) return;
        const { startServerSync } = await import('./server-sync');
        if (!stopped) stop = startServerSync();
      })
      .catch(() => undefined);
  }, delayMs);
  return () => {
    stopped = true;
    clearTimeout(timer);
    stop?.();
  };
}
