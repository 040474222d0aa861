/**
 * The staff pages (trainer, projector, customer brief, result export, records, the company
 * server's staff pages), loaded on first visit. The learner-only build packed for an LMS (`vite build --mode scorm`) never imports this module.
 */
import { lazy } from 'react';
import type { StaffView } from '../features/server-admin/staff-page';

const TrainerLock = lazy(() =>
  import('../features/classroom/trainer-lock').then((module) => ({ default: module.TrainerLock })),
);
const TrainerHomePage = lazy(() =>
  import('../features/classroom/trainer-home-page').then((module) => ({
    default: module.TrainerHomePage,
  })),
);
const ClassConsolePage = lazy(() =>
  import('../features/classroom/class-console-page').then((module) => ({
    default: module.ClassConsolePage,
  })),
);
const AuthoringPage = lazy(() =>
  import('../features/authoring/authoring-page').then((module) => ({
    default: module.AuthoringPage,
  })),
);
const ProjectorPage = lazy(() =>
  import('../features/classroom/projector-page').then((module) => ({
    default: module.ProjectorPage,
  })),
);
const CustomerBriefPage = lazy(() =>
  import('../features/classroom/customer-brief-page').then((module) => ({
    default: module.CustomerBriefPage,
  })),
);
const ExportResultsPage = lazy(() =>
  import('../features/classroom/export-results-page').then((module) => ({
    default: module.ExportResultsPage,
  })),
);
const RecordsPage = lazy(() =>
  import('../features/records/records-page').then((module) => ({ default: module.RecordsPage })),
);
const StaffPage = lazy(() =>
  import('../features/server-admin/staff-page').then((module) => ({ default: module.StaffPage })),
);
const TraineePage = lazy(() =>
  import('../features/records/trainee-page').then((module) => ({ default: module.TraineePage })),
);

/** The trainer's pages behind the PIN: home, a class console, authoring (records too). */
export type TrainerView =
  { kind: 'home' } | { kind: 'class'; classId: string } | { kind: 'authoring' };

export type StaffRoute =
  | { page: 'trainer'; view: TrainerView }
  | { page: 'projector'; classId: string }
  | { page: 'brief'; scenarioId: string; group?: number }
  | { page: 'export' }
  | { page: 'records' }
  | { page: 'trainee'; employeeNo: string }
  | { page: 'staff'; view: StaffView };

/** The page of a staff route, behind the trainer lock where it has one. */
export function StaffPages({ route }: { route: StaffRoute }) {
  switch (route.page) {
    case 'trainer':
      return (
        <TrainerLock>
          {route.view.kind === 'home' && <TrainerHomePage />}
          {route.view.kind === 'class' && (
            <ClassConsolePage key={route.view.classId} classId={route.view.classId} />
          )}
          {route.view.kind === 'authoring' && <AuthoringPage />}
        </TrainerLock>
      );
    case 'projector':
      return <ProjectorPage key={route.classId} classId={route.classId} />;
    case 'brief':
      // The customer player's phone: no PIN, nothing but the bundled scenario's brief.
      return (
        <CustomerBriefPage
          key={route.scenarioId}
          scenarioId={route.scenarioId}
          group={route.group}
        />
      );
    case 'export':
      // Exports every attempt on this device, imported colleagues' too on a trainer's device,
      // so a set PIN guards it; a trainee device without one opens it as before.
      return (
        <TrainerLock quiet>
          <ExportResultsPage />
        </TrainerLock>
      );
    case 'records':
      return (
        <TrainerLock>
          <RecordsPage />
        </TrainerLock>
      );
    case 'trainee':
      return (
        <TrainerLock>
          <TraineePage key={route.employeeNo} employeeNo={route.employeeNo} />
        </TrainerLock>
      );
    case 'staff':
      // The server's own sign-in guards these pages (no device PIN).
      return <StaffPage view={route.view} />;
  }
}
