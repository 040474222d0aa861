/**
 * #/join/<token>: the page a join link opens. It spends the token once, binds this device to the
 * roster entry the server names, and fills the profile, so the trainee never types who they are.
 */
import { useEffect, useState } from 'react';
import { useT } from '../../components/i18n/use-t';
import type { Trainee } from '../../data/db';
import { joinServer, startServerSync, type JoinOutcome } from './server-sync';
import './server-link.css';

// One join per token per page load: React's development double effect must not spend it twice.
const joins = new Map<string, Promise<JoinOutcome>>();

export function JoinPage({ token }: { token: string }) {
  const t = useT();
  const [outcome, setOutcome] = useState<JoinOutcome>();

  useEffect(() => {
    let current = true;
    let join = joins.get(token);
    if (!join) {
      join = joinServer(token);
      joins.set(token, join);
    }
    void join.then((result) => {
      if (!current) return;
      // The token is spent: keep it out of the address bar and the history.
      if (result.ok) {
        window.history.replaceState(null, '', '#/server');
        startServerSync();
      }
      setOutcome(result);
    });
    return () => {
      current = false;
    };
  }, [token]);

  return (
    <section className="page server-link" aria-labelledby="join-title">
      <h1 id="join-title">{t('server.title')}</h1>
      {outcome === undefined && <p role="status">{t('server.joining')}</p>}
      {outcome?.ok === true && <Joined person={outcome.person} />}
      {outcome?.ok === false && <p role="alert">{t(`server.failed.${outcome.reason}`)}</p>}
    </section>
  );
}

function Joined({ person }: { person: Trainee }) {
  const t = useT();
  return (
    <>
      <p role="status">{t('server.joined', { ...person })}</p>
      <p>
        <a className="button primary" href="#/library">
          {t('server.startPractising')}
        </a>
      </p>
    </>
  );
}
