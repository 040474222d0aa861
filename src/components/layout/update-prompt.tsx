/**
 * "A new version is ready". After a deploy the new service worker installs and then waits
 * (no skipWaiting), so the open page keeps its own build and every lazy chunk of it from the
 * cache. The banner offers the update; on accept the waiting worker is told to skip waiting and
 * the page reloads once it has taken over. On a practice page it never reloads: the offer comes
 * after the conversation or on the start page.
 * State: one module-level value with subscribers, fed by `watchForUpdates` (src/main.tsx).
 */
import { useSyncExternalStore } from 'react';
import { useT } from '../i18n/use-t';
import './update-prompt.css';

/** What the prompt needs of the browser's service worker container (tests pass their own). */
export type WorkerContainer = Pick<
  ServiceWorkerContainer,
  'controller' | 'addEventListener' | 'removeEventListener' | 'dispatchEvent'
>;

/** 'waiting': a new worker is installed; 'activated': another tab already switched to it. */
type UpdateState =
  { kind: 'none' } | { kind: 'waiting'; worker: ServiceWorker } | { kind: 'activated' };

interface Watch {
  container: WorkerContainer;
  reload: () => void;
  accepted: boolean;
}

const NONE: UpdateState = { kind: 'none' };
let state: UpdateState = NONE;
let watch: Watch | undefined;
const listeners = new Set<() => void>();
const cleanups: (() => void)[] = [];

function setState(next: UpdateState): void {
  state = next;
  for (const listener of listeners) listener();
}

function listen(target: EventTarget, type: string, handler: () => void): void {
  target.addEventListener(type, handler);
  cleanups.push(() => target.removeEventListener(type, handler));
}

function offerWhenInstalled(worker: ServiceWorker): void {
  const check = () => {
    // No controller: the first install, which activates at once and needs no prompt.
    if (worker.state === 'installed' && watch?.container.controller) {
      setState({ kind: 'waiting', worker });
    } else if (
      worker.state === 'redundant' &&
      state.kind === 'waiting' &&
      state.worker === worker
    ) {
      // A newer deploy replaced it; that worker is offered when it has installed.
      setState(NONE);
    }
  };
  check();
  listen(worker, 'statechange', check);
}

/**
 * Follows a registration: offers the update whenever a new worker waits. Call once, with the
 * registration of ./sw.js.
 */
export function watchForUpdates(
  registration: ServiceWorkerRegistration,
  options: { container?: WorkerContainer; reload?: () => void } = {},
): void {
  const container = options.container ?? navigator.serviceWorker;
  const current: Watch = {
    container,
    reload: options.reload ?? (() => window.location.reload()),
    accepted: false,
  };
  watch = current;
  let controlled = container.controller !== null;
  listen(container, 'controllerchange', () => {
    if (current.accepted) {
      current.accepted = false;
      current.reload();
    } else if (controlled) {
      // Another tab accepted: this page still runs the old build; offer a reload.
      setState({ kind: 'activated' });
    }
    // Otherwise the first install just claimed this page (clientsClaim): nothing to offer.
    controlled = true;
  });
  if (registration.waiting) offerWhenInstalled(registration.waiting);
  listen(registration, 'updatefound', () => {
    if (registration.installing) offerWhenInstalled(registration.installing);
  });
}

/** Switches to the new version: the waiting worker takes over, then the page reloads. */
export function acceptUpdate(): void {
  if (!watch) return;
  if (state.kind === 'waiting') {
    watch.accepted = true;
    // Workbox's generated worker calls skipWaiting() on this message; controllerchange follows.
    state.worker.postMessage({ type: 'SKIP_WAITING' });
  } else if (state.kind === 'activated') {
    // The new worker already controls the page (another tab accepted it).
    watch.reload();
  }
}

/** Forgets every registration and offer (tests). */
export function resetUpdatePrompt(): void {
  for (const cleanup of cleanups.splice(0)) cleanup();
  watch = undefined;
  setState(NONE);
}

function subscribe(onChange: () => void): () => void {
  listeners.add(onChange);
  return () => listeners.delete(onChange);
}

function subscribeHash(onChange: () => void): () => void {
  window.addEventListener('hashchange', onChange);
  return () => window.removeEventListener('hashchange', onChange);
}

const inConversation = () => window.location.hash.startsWith('#/practice');

/** The polite banner: shown while a new version waits; reloads only when the trainee accepts. */
export function UpdatePrompt() {
  const t = useT();
  const update = useSyncExternalStore(
    subscribe,
    () => state,
    () => NONE,
  );
  const practising = useSyncExternalStore(subscribeHash, inConversation, () => false);
  const ready = update.kind !== 'none';
  return (
    <div role="status" className={ready ? 'update-banner' : undefined}>
      {ready && (
        <>
          <span>{t('update.ready')}</span>{' '}
          {practising ? (
            <span>{t('update.afterPractice')}</span>
          ) : (
            <button type="button" onClick={acceptUpdate}>
              {t('update.reload')}
            </button>
          )}
        </>
      )}
    </div>
  );
}
