/**
 * The HR matrix from the server: everyone on the roster (not started too) × every scenario with
 * the server's best score, rates over headcount by department, and the server's CSV for Excel.
 * Shown with the same view as the device's own records.
 */
import { useCallback, useEffect, useMemo, useState } from 'react';
import { useT } from '../../components/i18n/use-t';
import { CompletionMatrixView } from '../../components/records/completion-matrix';
import { useLocaleStore } from '../../stores/use-locale-store';
import { fromServerMatrix } from './server-matrix';
import { matrixCsvHref, type ServerMatrix, type StaffApi } from './staff-api';
import { useFailure } from './use-failure';

export function MatrixPanel({
  api,
  onSessionEnded,
}: {
  api: StaffApi;
  onSessionEnded: () => void;
}) {
  const t = useT();
  const locale = useLocaleStore((state) => state.locale);
  const describe = useFailure(onSessionEnded);
  const [matrix, setMatrix] = useState<ServerMatrix>();
  const [error, setError] = useState('');

  const load = useCallback(() => {
    api
      .matrix()
      .then(setMatrix)
      .catch((failure: unknown) => setError(describe(failure)));
    // `describe` changes with the language only; reloading then is not needed.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [api]);
  useEffect(load, [load]);
  const shown = useMemo(() => matrix && fromServerMatrix(matrix), [matrix]);

  return (
    <section aria-labelledby="staff-matrix-title">
      <h2 id="staff-matrix-title">{t('staff.matrix.title')}</h2>
      <p className="staff-help">{t('staff.matrix.help')}</p>
      <div className="staff-actions">
        <a className="button primary" href={matrixCsvHref(locale)} download>
          {t('staff.matrix.csv')}
        </a>
        <button
          type="button"
          onClick={() => {
            setError('');
            load();
          }}
        >
          {t('staff.matrix.refresh')}
        </button>
      </div>
      {error && <p role="alert">{error}</p>}
      {!shown && !error && <p role="status">{t('staff.loading')}</p>}
      {matrix && shown && (
        <>
          <p>{t('staff.matrix.headcount', { count: matrix.headcount })}</p>
          <CompletionMatrixView matrix={shown} />
        </>
      )}
    </section>
  );
}
