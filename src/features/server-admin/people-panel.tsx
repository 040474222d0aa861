/**
 * People on the server: import a roster (a file as saved, or pasted lines), everyone with their
 * join status, and one-time join links as links and QR codes to print or copy. A link is shown
 * only when issued (the server keeps its hash), so this panel keeps the ones issued here.
 */
import { useCallback, useEffect, useState } from 'react';
import { FilePicker } from '../../components/forms/file-picker';
import { useT, type MessageKey } from '../../components/i18n/use-t';
import { LazyQrCode } from '../../components/qr/lazy-qr-code';
import type { RosterProblem } from '../../core/roster-csv';
import { PersonDataActions, PersonDelete } from './person-data';
import { StaffApiError, type JoinLink, type ServerPerson, type StaffApi } from './staff-api';
import { useFailure } from './use-failure';

type Issued = Map<number, JoinLink & { person: ServerPerson }>;

export function PeoplePanel({
  api,
  caller,
  onSessionEnded,
}: {
  api: StaffApi;
  caller: ServerPerson;
  onSessionEnded: () => void;
}) {
  const t = useT();
  const describe = useFailure(onSessionEnded);
  const [people, setPeople] = useState<ServerPerson[]>();
  const [issued, setIssued] = useState<Issued>(new Map());
  const [error, setError] = useState('');
  const [deleting, setDeleting] = useState<ServerPerson>();
  const [notice, setNotice] = useState('');
  // Exporting and deleting a person's data is for HR and administrators (the server checks too).
  const governs = caller.role === 'admin' || caller.role === 'hr';

  const load = useCallback(() => {
    api
      .people()
      .then((all) => setPeople(all.filter((person) => person.role === 'trainee')))
      .catch((failure: unknown) => setError(describe(failure)));
    // `describe` changes with the language only; reloading then is not needed.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [api]);
  useEffect(load, [load]);

  const addLinks = (links: (JoinLink & { person: ServerPerson })[]) =>
    setIssued((before) => {
      const next = new Map(before);
      for (const link of links) next.set(link.person.id, link);
      return next;
    });

  const issue = (person: ServerPerson) => {
    setError('');
    setNotice('');
    api
      .joinLink(person.id)
      .then((link) => addLinks([link]))
      .catch((failure: unknown) => setError(describe(failure)));
  };

  const joinedCount = people?.filter((person) => person.joined).length ?? 0;
  return (
    <>
      <RosterImport
        api={api}
        onImported={(imported) => {
          addLinks(
            imported.map(({ joinUrl, joinExpiresAt, ...person }) => ({
              joinUrl,
              joinExpiresAt,
              person,
            })),
          );
          load();
        }}
        describe={describe}
      />
      {error && <p role="alert">{error}</p>}
      {notice && <p role="status">{notice}</p>}
      {issued.size > 0 && <JoinCards issued={issued} />}
      {deleting && (
        <PersonDelete
          api={api}
          person={deleting}
          describe={describe}
          onDone={(deleted) => {
            setDeleting(undefined);
            if (!deleted) return;
            setNotice(t('staff.data.deleted', { name: deleted.name }));
            setIssued((before) => {
              const next = new Map(before);
              next.delete(deleted.id);
              return next;
            });
            load();
          }}
        />
      )}
      <section aria-labelledby="staff-people-title">
        <h2 id="staff-people-title">{t('staff.people.title')}</h2>
        {people === undefined && !error && <p role="status">{t('staff.loading')}</p>}
        {people?.length === 0 && <p>{t('staff.people.empty')}</p>}
        {people && people.length > 0 && (
          <>
            <p>{t('staff.people.count', { count: people.length, joined: joinedCount })}</p>
            <div className="staff-scroll" tabIndex={0} aria-labelledby="staff-people-title">
              <table className="staff-table">
                <thead>
                  <tr>
                    <th scope="col">{t('staff.col.name')}</th>
                    <th scope="col">{t('staff.col.employeeNo')}</th>
                    <th scope="col">{t('staff.col.department')}</th>
                    <th scope="col">{t('staff.col.status')}</th>
                    <th scope="col">{t('staff.col.link')}</th>
                    {governs && <th scope="col">{t('staff.data.col')}</th>}
                  </tr>
                </thead>
                <tbody>
                  {people.map((person) => (
                    <tr key={person.id}>
                      <th scope="row">{person.name}</th>
                      <td>{person.employeeNo}</td>
                      <td>{person.department}</td>
                      <td className={person.joined ? 'staff-joined' : 'staff-waiting'}>
                        {person.joined ? t('staff.joined') : t('staff.notJoined')}
                      </td>
                      <td>
                        <button
                          type="button"
                          onClick={() => issue(person)}
                          aria-label={t(
                            issued.has(person.id) || person.joined
                              ? 'staff.reissueLinkFor'
                              : 'staff.issueLinkFor',
                            { name: person.name },
                          )}
                        >
                          {issued.has(person.id) || person.joined
                            ? t('staff.reissueLink')
                            : t('staff.issueLink')}
                        </button>
                      </td>
                      {governs && (
                        <td>
                          <PersonDataActions person={person} onDelete={setDeleting} />
                        </td>
                      )}
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          </>
        )}
      </section>
    </>
  );
}

function RosterImport({
  api,
  onImported,
  describe,
}: {
  api: StaffApi;
  onImported: (people: (ServerPerson & JoinLink)[]) => void;
  describe: (failure: unknown) => string;
}) {
  const t = useT();
  const [text, setText] = useState('');
  const [className, setClassName] = useState('');
  const [busy, setBusy] = useState(false);
  const [done, setDone] = useState<number>();
  const [problems, setProblems] = useState<RosterProblem[]>([]);
  const [error, setError] = useState('');

  const send = (roster: string | Blob) => {
    setBusy(true);
    setError('');
    setDone(undefined);
    setProblems([]);
    api
      .importRoster(roster, className.trim() || undefined)
      .then((result) => {
        setDone(result.people.length);
        setProblems(result.problems);
        // The pasted lines are in; nothing is lost when some were refused (they stay listed).
        if (typeof roster === 'string') setText('');
        onImported(result.people);
      })
      .catch((failure: unknown) => {
        if (failure instanceof StaffApiError) setProblems(failure.problems);
        setError(describe(failure));
      })
      .finally(() => setBusy(false));
  };

  return (
    <section className="staff-roster" aria-labelledby="staff-roster-title">
      <h2 id="staff-roster-title">{t('staff.roster.title')}</h2>
      <p className="staff-help">{t('staff.roster.help')}</p>
      <label>
        {t('staff.roster.className')}
        <input value={className} onChange={(event) => setClassName(event.target.value)} />
      </label>
      <FilePicker label={t('staff.roster.file')} accept=".csv,text/csv,text/plain" onFile={send} />
      <label>
        {t('staff.roster.paste')}
        <textarea rows={4} value={text} onChange={(event) => setText(event.target.value)} />
      </label>
      <button
        type="button"
        className="primary"
        disabled={busy || text.trim() === ''}
        onClick={() => send(text)}
      >
        {busy ? t('staff.roster.importing') : t('staff.roster.import')}
      </button>
      {done !== undefined && <p role="status">{t('staff.roster.imported', { count: done })}</p>}
      {error && <p role="alert">{error}</p>}
      {problems.length > 0 && (
        <div role="alert">
          <p>{t('staff.roster.skipped', { count: problems.length })}</p>
          <ul className="problems">
            {problems.map((problem) => (
              <li key={problem.line}>
                {t('class.rosterProblem', {
                  line: problem.line,
                  message: t(`roster.problem.${problem.code}` as MessageKey, {
                    detail: problem.detail,
                  }),
                })}
              </li>
            ))}
          </ul>
        </div>
      )}
    </section>
  );
}

/** The links issued here, one card each (name, QR code, link), to print or copy. */
function JoinCards({ issued }: { issued: Issued }) {
  const t = useT();
  const [copied, setCopied] = useState('');
  const links = [...issued.values()];
  const copy = () => {
    const text = links
      .map(({ person, joinUrl }) => `${person.name}\t${person.employeeNo ?? ''}\t${joinUrl}`)
      .join('\n');
    void Promise.resolve()
      .then(() => navigator.clipboard.writeText(text))
      .then(
        () => setCopied(t('staff.links.copied', { count: links.length })),
        () => setCopied(t('staff.links.copyFailed')),
      );
  };
  return (
    <section className="staff-links" aria-labelledby="staff-links-title">
      <h2 id="staff-links-title">{t('staff.links.title')}</h2>
      <p className="staff-help">{t('staff.links.help')}</p>
      <div className="staff-actions">
        <button type="button" onClick={() => window.print()}>
          {t('staff.links.print')}
        </button>
        <button type="button" onClick={copy}>
          {t('staff.links.copy')}
        </button>
        {copied && <span role="status">{copied}</span>}
      </div>
      <ul className="join-cards">
        {links.map(({ person, joinUrl, joinExpiresAt }) => (
          <li key={person.id} className="join-card">
            <p className="join-card-name">
              <strong>{person.name}</strong> {person.employeeNo} {person.department}
            </p>
            <LazyQrCode text={joinUrl} label={t('staff.qrFor', { name: person.name })} size={132} />
            {/* Not a clickable link: opening it here would bind this (the staff's) device. */}
            <code className="join-card-link">{joinUrl}</code>
            <small>
              {t('staff.linkExpires', { date: new Date(joinExpiresAt).toLocaleDateString() })}
            </small>
          </li>
        ))}
      </ul>
    </section>
  );
}
