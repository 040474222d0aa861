/**
 * Hash routing (#/library, #/practice/<id>): works from any folder, inside an LMS iframe and
 * offline, with no server rewrites.
 */
import { useSyncExternalStore } from 'react';

function subscribe(onChange: () => void): () => void {
  window.addEventListener('hashchange', onChange);
  return () => window.removeEventListener('hashchange', onChange);
}

function currentPath(): string {
  const path = window.location.hash.replace(/^#/, '');
  return path.startsWith('/') ? path : '/';
}

/** The current route path, e.g. "/practice/complaint-late-delivery". */
export function useHashRoute(): string {
  return useSyncExternalStore(subscribe, currentPath, () => '/');
}

/** The path's segments: "/practice/x" -> ["practice", "x"]. */
export function routeSegments(path: string): string[] {
  return path.split('/').filter(Boolean).map(decodeURIComponent);
}
