/**
 * The HR matrix from the server: everyone on the roster (not started too) × every scenario with
 * the server's best score in the modes that count, rates over headcount by department, the
 * server's CSV and XLSX for Excel, and a trend. Shown with the same view as the device's own
 * records, with the same counted-modes control: HR's choice is saved as the company's setting,
 * a trainer's only changes what they see.
 */
import { useCallback, useEffect, useMemo, useState } from 'react';
import { useT } from '../../components/i18n/use-t';
import { CompletionMatrixView } from '../../components/records/completion-matrix';
import type { Mode } from '../../core/scenario-schema';
import { useLocaleStore } from '../../stores/use-locale-store';
import { fromServerMatrix } from './server-matrix';
import { matrixFileHref, type ServerMatrix, type ServerPerson, type StaffApi } from './staff-api';
import { TrendChart } from './trend-chart';
import { useFailure } from './use-failure';

export function MatrixPanel({
  api,
  caller,
  onSessionEnded,
}: {
  api: StaffApi;
  caller: ServerPerson;
  onSessionEnded: () => void;
}) {
  const t = useT();
  const locale = useLocaleStore((state) => state.locale);
  const describe = useFailure(onSessionEnded);
  const [matrix, setMatrix] = useState<ServerMatrix>();
  const [modes, setModes] = useState<readonly Mode[]>();
  const [department, setDepartment] = useState('');
  const [message, setMessage] = useState('');
  const [error, setError] = useState('');
  const manages = caller.role === 'admin' || caller.role === 'hr';

  const load = useCallback(
    (chosen?: readonly Mode[]) => {
      api
        .matrix(chosen)
        .then(setMatrix)
        .catch((failure: unknown) => setError(describe(failure)));
    },
    // `describe` changes with the language only; reloading then is not needed.
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [api],
  );
  useEffect(() => load(), [load]);
  const shown = useMemo(() => matrix && fromServerMatrix(matrix), [matrix]);

  const chooseModes = (chosen: readonly Mode[]) => {
    setModes(chosen);
    setError('');
    setMessage('');
    if (!manages) {
      load(chosen);
      return;
    }
    api
      .saveCountedModes(chosen)
      .then(() => {
        setMessage(t('staff.matrix.modesSaved'));
        load(chosen);
      })
      .catch((failure: unknown) => setError(describe(failure)));
  };

  return (
    <section aria-labelledby="staff-matrix-title">
      <h2 id="staff-matrix-title">{t('staff.matrix.title')}</h2>
      <p className="staff-help">{t('staff.matrix.help')}</p>
      <div className="staff-actions">
        {/* Until a choice is made here, the files count the company's setting (the server's default). */}
        <a className="button primary" href={matrixFileHref('csv', locale, modes)} download>
          {t('staff.matrix.csv')}
        </a>
        <a className="button" href={matrixFileHref('xlsx', locale, modes)} download>
          {t('staff.matrix.xlsx')}
        </a>
        <button
          type="button"
          onClick={() => {
            setError('');
            load(modes);
          }}
        >
          {t('staff.matrix.refresh')}
        </button>
      </div>
      {message && <p role="status">{message}</p>}
      {error && <p role="alert">{error}</p>}
      {!shown && !error && <p role="status">{t('staff.loading')}</p>}
      {matrix && shown && (
        <>
          <p>{t('staff.matrix.headcount', { count: matrix.headcount })}</p>
          <CompletionMatrixView matrix={shown} onCountedModes={chooseModes} />
          <h3>{t('staff.trend.title')}</h3>
          <label>
            {t('staff.trend.scope')}{' '}
            <select value={department} onChange={(event) => setDepartment(event.target.value)}>
              <option value="">{t('staff.trend.company')}</option>
              {matrix.byDepartment.map((entry) => (
                <option key={entry.department} value={entry.department}>
                  {entry.department}
                </option>
              ))}
            </select>
          </label>
          <TrendChart
            api={api}
            query={{ ...(department ? { department } : {}), modes: matrix.countedModes }}
            scope={department || t('staff.trend.company')}
            onSessionEnded={onSessionEnded}
          />
        </>
      )}
    </section>
  );
}
