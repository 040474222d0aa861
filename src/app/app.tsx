/** The app's routes: which page a hash shows, and the shell around it. */
import { lazy, Suspense, useEffect, type ReactNode } from 'react';
import { AppShell, type NavPage } from '../components/layout/app-shell';
import { PageErrorBoundary } from '../components/layout/page-error-boundary';
import { useT, type MessageKey } from '../components/i18n/use-t';
import type { Mode } from '../core/scenario-schema';
import { HomePage } from '../features/home/home-page';
import { LEARNER_ONLY } from '../lms/learner-only';
import type { StaffRoute } from './staff-pages';
import { routeSegments, useHashRoute } from './use-hash-route';

// Every page but the start page loads on first visit, so the first screen stays light
// (the scenario schema, the analyzer, the database and the charts are not in it).
const LibraryPage = lazy(() =>
  import('../features/library/library-page').then((module) => ({ default: module.LibraryPage })),
);
const PracticePage = lazy(() =>
  import('../features/practice/practice-page').then((module) => ({
    default: module.PracticePage,
  })),
);
const ReportPage = lazy(() =>
  import('../features/report/report-page').then((module) => ({ default: module.ReportPage })),
);
const HistoryPage = lazy(() =>
  import('../features/history/history-page').then((module) => ({ default: module.HistoryPage })),
);
// Trainer, projector, export and records pages: one more chunk, left out of the SCORM build.
// Spelled out, not LEARNER_ONLY: only a literal condition lets the bundler drop the chunk.
const StaffPages =
  import.meta.env.MODE === 'scorm'
    ? undefined
    : lazy(() => import('./staff-pages').then((module) => ({ default: module.StaffPages })));
const ProfilePage = lazy(() =>
  import('../features/profile/profile-page').then((module) => ({ default: module.ProfilePage })),
);

const JoinPage = lazy(() =>
  import('../features/server-link/join-page').then((module) => ({ default: module.JoinPage })),
);
const ServerPage = lazy(() =>
  import('../features/server-link/server-page').then((module) => ({
    default: module.ServerPage,
  })),
);

// The modes a route may ask for; kept here (not imported from the zod schema) to keep zod out
// of the first screen. The type check below fails if a mode is added to the schema only.
const MODES = ['coach', 'exam', 'choice', 'observed'] as const satisfies readonly Mode[];
type UnroutedMode = Exclude<Mode, (typeof MODES)[number]>;
const everyModeRoutable: [UnroutedMode] extends [never] ? true : false = true;
void everyModeRoutable;

export type Route =
  | { page: 'home' }
  | { page: 'library' }
  | { page: 'practice'; scenarioId: string; mode: Mode }
  | { page: 'report'; attemptId: string }
  | { page: 'history' }
  | { page: 'profile'; next?: string }
  | StaffRoute
  | { page: 'join'; token: string }
  | { page: 'server' }
  | { page: 'not-found' };

function trainerRoute(segments: readonly string[]): Route {
  const [kind, id, ...rest] = segments;
  if (rest.length > 0) return { page: 'not-found' };
  if (kind === undefined) return { page: 'trainer', view: { kind: 'home' } };
  if (kind === 'authoring' && id === undefined) return { page: 'trainer', view: { kind } };
  if (kind === 'class' && id !== undefined) return { page: 'trainer', view: { kind, classId: id } };
  if (kind === 'projector' && id !== undefined) return { page: 'projector', classId: id };
  return { page: 'not-found' };
}

/** Reads a hash path such as "/practice/x?mode=exam" (mode defaults to coach). */
export function parseRoute(hashPath: string): Route {
  const route = anyRoute(hashPath);
  return LEARNER_ONLY && STAFF_PAGES.has(route.page) ? { page: 'not-found' } : route;
}

const STAFF_PAGES = new Set<Route['page']>([
  'trainer',
  'projector',
  'brief',
  'export',
  'records',
  'trainee',
  'staff',
]);

function anyRoute(hashPath: string): Route {
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
  if (page === 'trainer') return trainerRoute(segments.slice(1));
  if (page === 'export' && id === undefined) return { page: 'export' };
  if (page === 'staff' && rest.length === 0) {
    if (id === undefined) return { page: 'staff', view: 'people' };
    if (id === 'people' || id === 'matrix' || id === 'assignments' || id === 'accounts')
      return { page: 'staff', view: id };
    return { page: 'not-found' };
  }
  if (page === 'records') {
    if (id === undefined) return { page: 'records' };
    if (id === 'trainee' && rest.length === 1 && rest[0]) {
      return { page: 'trainee', employeeNo: rest[0] };
    }
    return { page: 'not-found' };
  }
  if (rest.length > 0) return { page: 'not-found' };
  if (page === undefined) return { page: 'home' };
  if (id === undefined) {
    if (page === 'library' || page === 'history' || page === 'server') return { page };
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
  if (page === 'brief') {
    const group = Number(query.get('group'));
    return Number.isInteger(group) && group > 0
      ? { page, scenarioId: id, group }
      : { page, scenarioId: id };
  }
  if (page === 'join') return { page, token: id };
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
    case 'trainer':
    case 'projector':
    case 'brief':
    case 'export':
    case 'records':
    case 'trainee':
    case 'staff':
      // The staff pages are not in the learner-only build packed for an LMS.
      return StaffPages ? <StaffPages route={route} /> : <NotFound />;
    case 'join':
      return <JoinPage token={route.token} />;
    case 'server':
      return <ServerPage />;
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
  trainer: 'trainer',
  records: 'records',
  trainee: 'records',
};

const PAGE_TITLES: Partial<Record<Route['page'], MessageKey>> = {
  library: 'nav.library',
  history: 'nav.history',
  profile: 'nav.profile',
  trainer: 'nav.trainer',
  records: 'nav.records',
  trainee: 'nav.records',
  projector: 'projector.title',
  export: 'export.title',
  brief: 'brief.heading',
  join: 'server.title',
  staff: 'staff.title',
  server: 'server.title',
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
  // A device joined to a company server sends its finished attempts there (nothing otherwise).
  useEffect(() => {
    let stop: (() => void) | undefined;
    let unmounted = false;
    void import('../features/server-link/start-server-sync').then((module) => {
      if (!unmounted) stop = module.startServerSyncIfJoined();
    });
    return () => {
      unmounted = true;
      stop?.();
    };
  }, []);
  // The projector window is the whole screen: no header or navigation.
  // The boundary is keyed by the route, so leaving a broken page clears the error.
  const key = JSON.stringify(route);
  if (route.page === 'projector')
    return (
      <PageErrorBoundary key={key}>
        <Suspense fallback={<p>{t('app.loading')}</p>}>{pageOf(route)}</Suspense>
      </PageErrorBoundary>
    );
  return (
    <AppShell current={NAV_PAGES[route.page]}>
      <PageErrorBoundary key={key}>
        <Suspense fallback={<p className="page">{t('app.loading')}</p>}>{pageOf(route)}</Suspense>
      </PageErrorBoundary>
    </AppShell>
  );
}
