/**
 * The server's audit log for HR and administrators: who imported, issued, published, exported,
 * deleted or changed what and when, newest first, by kind, a page at a time.
 */
import { useCallback, useEffect, useState } from 'react';
import { useT } from '../../components/i18n/use-t';
import { AUDIT_KINDS, type AuditKind } from '../../core/audit-kinds';
import type { AuditEntry, StaffApi } from './staff-api';
import { useFailure } from './use-failure';

/** An entry's detail as short "name: value" pairs (ids, counts, versions: never personal data). */
function detailText(detail: Record<string, unknown>): string {
  return Object.entries(detail)
    .map(([name, value]) => `${name}: ${typeof value === 'string' ? value : JSON.stringify(value)}`)
    .join(', ');
}

export function AuditPanel({ api, onSessionEnded }: { api: StaffApi; onSessionEnded: () => void }) {
  const t = useT();
  const describe = useFailure(onSessionEnded);
  const [kind, setKind] = useState<AuditKind | ''>('');
  const [entries, setEntries] = useState<AuditEntry[]>();
  const [next, setNext] = useState<number | null>(null);
  const [error, setError] = useState('');

  const load = useCallback(
    (before?: number) => {
      api
        .audit(kind || undefined, before)
        .then((page) => {
          setEntries((shown) =>
            before === undefined ? page.entries : [...(shown ?? []), ...page.entries],
          );
          setNext(page.next);
        })
        .catch((failure: unknown) => setError(describe(failure)));
    },
    // `describe` changes with the language only; reloading then is not needed.
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [api, kind],
  );
  useEffect(() => load(), [load]);

  return (
    <section aria-labelledby="staff-audit-title">
      <h2 id="staff-audit-title">{t('staff.audit.title')}</h2>
      <p className="staff-help">{t('staff.audit.help')}</p>
      <div className="staff-actions">
        <label htmlFor="staff-audit-kind">{t('staff.audit.kind')}</label>
        <select
          id="staff-audit-kind"
          value={kind}
          onChange={(event) => {
            setError('');
            setEntries(undefined);
            setKind(event.target.value as AuditKind | '');
          }}
        >
          <option value="">{t('staff.audit.allKinds')}</option>
          {AUDIT_KINDS.map((one) => (
            <option key={one} value={one}>
              {t(`staff.audit.kind.${one}`)}
            </option>
          ))}
        </select>
      </div>
      {error && <p role="alert">{error}</p>}
      {entries === undefined && !error && <p role="status">{t('staff.loading')}</p>}
      {entries?.length === 0 && <p>{t('staff.audit.empty')}</p>}
      {entries && entries.length > 0 && (
        <div className="staff-scroll" tabIndex={0} aria-labelledby="staff-audit-title">
          <table className="staff-table">
            <thead>
              <tr>
                <th scope="col">{t('staff.audit.col.at')}</th>
                <th scope="col">{t('staff.audit.col.who')}</th>
                <th scope="col">{t('staff.audit.kind')}</th>
                <th scope="col">{t('staff.audit.col.what')}</th>
              </tr>
            </thead>
            <tbody>
              {entries.map((entry) => (
                <tr key={entry.id}>
                  <td>
                    <time dateTime={entry.at}>{new Date(entry.at).toLocaleString()}</time>
                  </td>
                  <td>{entry.actorName || t('staff.audit.serverCommand')}</td>
                  <th scope="row">{t(`staff.audit.kind.${entry.kind}`)}</th>
                  <td>{detailText(entry.detail)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {next !== null && (
        <button
          type="button"
          onClick={() => {
            setError('');
            load(next);
          }}
        >
          {t('staff.audit.older')}
        </button>
      )}
    </section>
  );
}
