import { useState } from 'react';
import { useT } from '../../components/i18n/use-t';
import { matrixCsv, recordsCsv } from '../../data/csv-export';
import { database, type AttemptRecord } from '../../data/db';
import type { CompletionMatrix, RecordRow } from '../../data/records-query';
import { statementOptions } from '../../lms/xapi-lrs';
import { attemptStatements } from '../../lms/xapi-statements';
import { useCatalogStore } from '../../stores/use-catalog-store';
import { useLocaleStore } from '../../stores/use-locale-store';
import { downloadBlob, todayStamp } from './download';

interface Props {
  rows: readonly RecordRow[];
  matrix: CompletionMatrix;
  view: 'table' | 'matrix';
  classNames: ReadonlyMap<string, string>;
}

export function ExportButtons({ rows, matrix, view, classNames }: Props) {
  const t = useT();
  const locale = useLocaleStore((state) => state.locale);
  const scenarioById = useCatalogStore((state) => state.scenarioById);
  const [busy, setBusy] = useState(false);
  const stamp = todayStamp();

  const csv = () => {
    const text =
      view === 'matrix' ? matrixCsv(matrix, locale) : recordsCsv(rows, locale, { classNames });
    downloadBlob(
      new Blob([text], { type: 'text/csv;charset=utf-8' }),
      `servicedojo-${view === 'matrix' ? 'matrix' : 'records'}-${stamp}.csv`,
    );
  };
  const xlsx = async () => {
    setBusy(true);
    try {
      const { recordsWorkbook } = await import('../../data/xlsx-export');
      const bytes = await recordsWorkbook(rows, matrix, locale, { classNames });
      downloadBlob(
        new Blob([bytes], {
          type: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
        }),
        `servicedojo-records-${stamp}.xlsx`,
      );
    } finally {
      setBusy(false);
    }
  };
  const xapi = async () => {
    setBusy(true);
    try {
      const attempts = await database().attempts.bulkGet(rows.map((r) => r.id));
      const options = await statementOptions({ scenarioOf: scenarioById });
      const statements = attempts
        .filter((a): a is AttemptRecord => a !== undefined)
        .flatMap((a) => attemptStatements(a, options));
      downloadBlob(
        new Blob([JSON.stringify(statements, null, 2)], { type: 'application/json' }),
        `servicedojo-xapi-${stamp}.json`,
      );
    } finally {
      setBusy(false);
    }
  };

  return (
    <div className="records-export" role="group" aria-label={t('records.export')}>
      <button type="button" onClick={csv} disabled={busy}>
        {t('records.export.csv')}
      </button>
      <button type="button" onClick={() => void xlsx()} disabled={busy}>
        {t('records.export.xlsx')}
      </button>
      <button type="button" onClick={() => void xapi()} disabled={busy}>
        {t('records.export.xapi')}
      </button>
      {busy && <span role="status">{t('records.exporting')}</span>}
    </div>
  );
}
