/**
 * A person's data on request, for HR and administrators: a download of everything the server
 * holds on them, and deleting them after a confirmation that names them.
 */
import { useEffect, useRef, useState } from 'react';
import { useT } from '../../components/i18n/use-t';
import { personExportHref, type ServerPerson, type StaffApi } from './staff-api';

/** The export link and the delete button of one row of the people table. */
export function PersonDataActions({
  person,
  onDelete,
}: {
  person: ServerPerson;
  onDelete: (person: ServerPerson) => void;
}) {
  const t = useT();
  return (
    <span className="staff-row-actions">
      <a
        className="button"
        href={personExportHref(person.id)}
        download={`person-${person.id}.json`}
        aria-label={t('staff.data.exportFor', { name: person.name })}
      >
        {t('staff.data.export')}
      </a>
      <button
        type="button"
        onClick={() => onDelete(person)}
        aria-label={t('staff.data.deleteFor', { name: person.name })}
      >
        {t('staff.data.delete')}
      </button>
    </span>
  );
}

/** The confirmation naming the person; `onDone` gets them once deleted, undefined on cancel. */
export function PersonDelete({
  api,
  person,
  describe,
  onDone,
}: {
  api: StaffApi;
  person: ServerPerson;
  describe: (failure: unknown) => string;
  onDone: (deleted: ServerPerson | undefined) => void;
}) {
  const t = useT();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState('');
  const cancelRef = useRef<HTMLButtonElement>(null);
  // The safe choice has the focus when the question appears.
  useEffect(() => cancelRef.current?.focus(), [person.id]);

  const confirm = () => {
    setBusy(true);
    setError('');
    api
      .deletePerson(person.id)
      .then(() => onDone(person))
      .catch((failure: unknown) => {
        setError(describe(failure));
        setBusy(false);
      });
  };

  return (
    <section
      className="staff-confirm"
      role="alertdialog"
      aria-labelledby="staff-delete-title"
      aria-describedby="staff-delete-text"
    >
      <h3 id="staff-delete-title">
        {t('staff.data.confirmTitle', { name: person.name, employeeNo: person.employeeNo ?? '' })}
      </h3>
      <p id="staff-delete-text">{t('staff.data.confirmText', { id: person.id })}</p>
      {error && <p role="alert">{error}</p>}
      <div className="staff-actions">
        <button type="button" className="danger" disabled={busy} onClick={confirm}>
          {busy ? t('staff.data.deleting') : t('staff.data.confirm', { name: person.name })}
        </button>
        <button type="button" ref={cancelRef} disabled={busy} onClick={() => onDone(undefined)}>
          {t('staff.data.cancel')}
        </button>
      </div>
    </section>
  );
}
