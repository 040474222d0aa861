/** The app's routes: which page a hash shows, and the shell around it. */
import { useEffect, type ReactNode } from 'react';
import { AppShell, type NavPage } from '../components/layout/app-shell';
import { useT, type MessageKey } from '../components/i18n/use-t';
import { MODES, type Mode } from '../core/scenario-schema';
import { HistoryPage } from '../features/history/history-page';
import { HomePage } from '../features/home/home-page';
import { LibraryPage } from '../features/library/library-page';
import { PracticePage } from '../features/practice/practice-page';
import { ProfilePage } from '../features/profile/profile-page';
import { ReportPage } from '../features/report/report-page';
import { routeSegments, useHashRoute } from './use-hash-route';

export type Route =
  | { page: 'home' }
  | { page: 'library' }
  | { page: 'practice'; scenarioId: string; mode: Mode }
  | { page: 'report'; attemptId: string }
  | { page: 'history' }
  | { page: 'profile'; next?: string }
  | { page: 'not-found' };

/** Reads a hash path such as "/practice/x?mode=exam" (mode defaults to coach). */
export function parseRoute(hashPath: string): Route {
  const queryAt = hashPath.indexOf('?');
  const path = queryAt < 0 ? hashPath : hashPath.slice(0, queryAt);
  const query = new URLSearchParams(queryAt < 0 ? '' : hashPath.slice(queryAt + 1));
  let segments: string[];
  try {
    segments = routeSegments(path);
  } catch {
    return { page: 'not-found' };
  }
  const [page, id, ...rest] = segments;
  if (rest.length > 0) return { page: 'not-found' };
  if (page === undefined) return { page: 'home' };
  if (id === undefined) {
    if (page === 'library' || page === 'history') return { page };
    if (page === 'profile') {
      const next = query.get('next');
      return next ? { page, next } : { page };
    }
    return { page: 'not-found' };
  }
  if (page === 'practice') {
    const asked = query.get('mode');
    const mode = MODES.find((candidate) => candidate === asked) ?? 'coach';
    return { page, scenarioId: id, mode };
  }
  if (page === 'report') return { page, attemptId: id };
  return { page: 'not-found' };
}

function NotFound() {
  const t = useT();
  return (
    <section className="page">
      <h1>{t('notFound.title')}</h1>
      <a href="#/">{t('notFound.back')}</a>
    </section>
  );
}

function pageOf(route: Route): ReactNode {
  switch (route.page) {
    case 'home':
      return <HomePage />;
    case 'library':
      return <LibraryPage />;
    case 'practice':
      // The key restarts the page when another scenario or mode is opened.
      return (
        <PracticePage
          key={`${route.scenarioId}?${route.mode}`}
          scenarioId={route.scenarioId}
          mode={route.mode}
        />
      );
    case 'report':
      return <ReportPage key={route.attemptId} attemptId={route.attemptId} />;
    case 'history':
      return <HistoryPage />;
    case 'profile':
      return <ProfilePage key={route.next ?? ''} next={route.next} />;
    case 'not-found':
      return <NotFound />;
  }
}

const NAV_PAGES: Partial<Record<Route['page'], NavPage>> = {
  library: 'library',
  practice: 'library',
  history: 'history',
  report: 'history',
  profile: 'profile',
};

const PAGE_TITLES: Partial<Record<Route['page'], MessageKey>> = {
  library: 'nav.library',
  history: 'nav.history',
  profile: 'nav.profile',
  'not-found': 'notFound.title',
};

export function App() {
  const t = useT();
  const route = parseRoute(useHashRoute());
  const titleKey = PAGE_TITLES[route.page];
  const documentTitle = titleKey ? `${t(titleKey)} · ${t('app.name')}` : t('app.name');
  useEffect(() => {
    document.title = documentTitle;
  }, [documentTitle]);
  return <AppShell current={NAV_PAGES[route.page]}>{pageOf(route)}</AppShell>;
}
