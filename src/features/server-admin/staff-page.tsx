/**
 * #/staff: the company server's pages for administrators, HR and trainers. Shown only when the
 * app is served by the server (GET /api/health answers); first the sign-in (with the command
 * that creates the first administrator while there is none), then people and join links (with
 * a person's data export and deletion for HR), the completion matrix, assignments, staff
 * accounts, the audit log and the LRS settings. The session is the server's HttpOnly cookie: this page
 * keeps only the CSRF token, in memory.
 */
import { useEffect, useState } from 'react';
import { useT } from '../../components/i18n/use-t';
import { AccountsPanel } from './accounts-panel';
import { AssignmentsPanel } from './assignments-panel';
import { AuditPanel } from './audit-panel';
import { LrsPanel } from './lrs-panel';
import { MatrixPanel } from './matrix-panel';
import { PeoplePanel } from './people-panel';
import { SignInForm } from './sign-in-form';
import { StaffApi, type ServerPerson, type SessionState } from './staff-api';
import { STAFF_VIEWS, type StaffView } from './staff-views';
import './server-admin.css';

export type { StaffView };

/** Who may open which view (the server checks again on every call). */
function mayOpen(person: ServerPerson, view: StaffView): boolean {
  if (view === 'lrs') return person.role === 'admin';
  if (view === 'accounts' || view === 'audit')
    return person.role === 'admin' || person.role === 'hr';
  return true;
}

export function StaffPage({ view, api: given }: { view: StaffView; api?: StaffApi }) {
  const t = useT();
  const [api] = useState(() => given ?? new StaffApi());
  const [state, setState] = useState<SessionState>();
  const [ended, setEnded] = useState(false);

  useEffect(() => {
    let live = true;
    void api.session().then((next) => {
      if (live) setState(next);
    });
    return () => {
      live = false;
    };
  }, [api]);

  const sessionEnded = () => {
    setEnded(true);
    setState({ kind: 'signed-out', firstRun: false });
  };

  return (
    <section className="page staff-page" aria-labelledby="staff-title">
      <h1 id="staff-title">{t('staff.title')}</h1>
      {state === undefined && <p role="status">{t('staff.checking')}</p>}
      {state?.kind === 'no-server' && <p>{t('staff.noServer')}</p>}
      {state?.kind === 'signed-out' && (
        <>
          {ended && <p role="alert">{t('staff.sessionEnded')}</p>}
          <SignInForm
            api={api}
            firstRun={state.firstRun}
            onSignedIn={(person) => {
              setEnded(false);
              setState({ kind: 'signed-in', person, csrfToken: '' });
            }}
          />
        </>
      )}
      {state?.kind === 'signed-in' && (
        <SignedIn
          api={api}
          person={state.person}
          view={mayOpen(state.person, view) ? view : 'people'}
          onSignedOut={() => setState({ kind: 'signed-out', firstRun: false })}
          onSessionEnded={sessionEnded}
        />
      )}
    </section>
  );
}

function SignedIn({
  api,
  person,
  view,
  onSignedOut,
  onSessionEnded,
}: {
  api: StaffApi;
  person: ServerPerson;
  view: StaffView;
  onSignedOut: () => void;
  onSessionEnded: () => void;
}) {
  const t = useT();
  const signOut = () => {
    void api
      .signOut()
      .catch(() => undefined)
      .then(onSignedOut);
  };
  return (
    <>
      <div className="staff-bar">
        <p>{t('staff.signedInAs', { name: person.name, role: t(`staff.role.${person.role}`) })}</p>
        <button type="button" onClick={signOut}>
          {t('staff.signOut')}
        </button>
      </div>
      <nav className="staff-nav" aria-label={t('staff.sections')}>
        {STAFF_VIEWS.filter((one) => mayOpen(person, one)).map((one) => (
          <a
            key={one}
            href={`#/staff/${one}`}
            aria-current={one === view ? 'page' : undefined}
            className="button"
          >
            {t(`staff.section.${one}`)}
          </a>
        ))}
      </nav>
      {view === 'people' && (
        <PeoplePanel api={api} caller={person} onSessionEnded={onSessionEnded} />
      )}
      {view === 'matrix' && (
        <MatrixPanel api={api} caller={person} onSessionEnded={onSessionEnded} />
      )}
      {view === 'assignments' && (
        <AssignmentsPanel api={api} caller={person} onSessionEnded={onSessionEnded} />
      )}
      {view === 'accounts' && (
        <AccountsPanel api={api} caller={person} onSessionEnded={onSessionEnded} />
      )}
      {view === 'audit' && <AuditPanel api={api} onSessionEnded={onSessionEnded} />}
      {view === 'lrs' && <LrsPanel api={api} onSessionEnded={onSessionEnded} />}
    </>
  );
}
