/**
 * Can this browser keep records? IndexedDB is missing in some private modes and embedded
 * browsers, and a full disk refuses writes. The app runs either way; this module says which,
 * so the screen can tell the trainee that records will not be kept.
 * State: one module-level value with subscribers (read by the status banner).
 */

export type StorageHealth = 'checking' | 'ok' | 'unavailable' | 'full';

/** What the probe needs of the browser (tests pass their own). */
export interface StorageEnvironment {
  indexedDB?: IDBFactory | undefined;
  storage?:
    (Pick<StorageManager, 'estimate'> & Partial<Pick<StorageManager, 'persist'>>) | undefined;
}

// Below this much free space a practice attempt (snapshot + report) may not fit.
const MIN_FREE_BYTES = 512 * 1024;
const PROBE_DB = 'servicedojo-storage-probe';
const PROBE_TIMEOUT_MS = 3000;

let health: StorageHealth = 'checking';
const listeners = new Set<() => void>();

function setHealth(next: StorageHealth): void {
  if (next === health) return;
  health = next;
  for (const listener of listeners) listener();
}

/** The latest known state ('checking' until the probe ends). */
export function getStorageHealth(): StorageHealth {
  return health;
}

/** Calls `onChange` whenever the state changes; returns the unsubscribe function. */
export function subscribeStorageHealth(onChange: () => void): () => void {
  listeners.add(onChange);
  return () => listeners.delete(onChange);
}

/** True for the errors a browser or Dexie raises when the disk quota is used up. */
export function isQuotaError(error: unknown): boolean {
  if (typeof error !== 'object' || error === null) return false;
  const { name, inner } = error as { name?: unknown; inner?: unknown };
  return name === 'QuotaExceededError' || (inner !== undefined && isQuotaError(inner));
}

/** Records a failed write: a quota error marks storage as full; other errors change nothing. */
export function noteStorageError(error: unknown): void {
  if (isQuotaError(error)) setHealth('full');
}

function canOpen(factory: IDBFactory): Promise<boolean> {
  return new Promise((done) => {
    const timer = setTimeout(() => done(false), PROBE_TIMEOUT_MS);
    const finish = (ok: boolean) => {
      clearTimeout(timer);
      done(ok);
    };
    try {
      const request = factory.open(PROBE_DB);
      request.onsuccess = () => {
        request.result.close();
        finish(true);
      };
      request.onerror = () => finish(false);
      request.onblocked = () => finish(true);
    } catch {
      finish(false);
    }
  });
}

/** Probes IndexedDB and the quota once and updates the shared state; never throws. */
export async function checkStorageHealth(
  environment: StorageEnvironment = {
    indexedDB: globalThis.indexedDB,
    storage: globalThis.navigator?.storage,
  },
): Promise<StorageHealth> {
  const { indexedDB: factory, storage } = environment;
  let result: StorageHealth = 'ok';
  if (!factory || !(await canOpen(factory))) result = 'unavailable';
  else if (storage) {
    // Ask the browser not to evict the practice history under storage pressure (it may say no).
    await storage.persist?.().catch(() => false);
    try {
      const { usage, quota } = await storage.estimate();
      if (quota !== undefined && quota - (usage ?? 0) < MIN_FREE_BYTES) result = 'full';
    } catch {
      // No estimate: assume there is room; a failed write still reports itself.
    }
  }
  // A quota error seen while probing wins over the probe's own answer.
  if (health !== 'full' || result === 'unavailable') setHealth(result);
  return getStorageHealth();
}

/** Test helper: forget the state (each test starts from 'checking'). */
export function resetStorageHealth(): void {
  health = 'checking';
  listeners.clear();
}
