/** HR: one trainee's attempts, score trend, and printable certificates for passed scenarios. */
import { useEffect, useState } from 'react';
import { useT } from '../../components/i18n/use-t';
import { formatDateTime } from '../../data/workbook';
import { countingRows, type RecordRow } from '../../data/records-query';
import { useLocaleStore } from '../../stores/use-locale-store';
import { Certificate } from './certificate';
import { ScoreSparkline } from './score-sparkline';
import { useTraineeRecords } from './use-records';
import './records.css';
import { passKey } from './pass-key';

export function TraineePage({ employeeNo }: { employeeNo: string }) {
  const t = useT();
  const locale = useLocaleStore((state) => state.locale);
  const rows = useTraineeRecords(employeeNo);
  const [printing, setPrinting] = useState<RecordRow>();

  useEffect(() => {
    if (!printing) return;
    window.print();
  }, [printing]);

  if (rows === undefined)
    return (
      <section className="page">
        <p role="status">{t('records.loading')}</p>
      </section>
    );
  const latest = rows.at(-1);
  const passed = countingRows(rows, 'best').filter((r) => r.passed);

  return (
    <section className="page records-trainee">
      <p className="no-print">
        <a href="#/records">{t('records.trainee.back')}</a>
      </p>
      <h1>{t('records.trainee.title', { name: latest?.name ?? employeeNo })}</h1>
      {latest && (
        <p>
          {latest.employeeNo} · {latest.department}
        </p>
      )}
      {rows.length === 0 ? (
        <p>{t('records.trainee.none')}</p>
      ) : (
        <>
          <h2>{t('records.trainee.trend')}</h2>
          <ScoreSparkline rows={rows} />
          <h2>{t('records.trainee.certificates')}</h2>
          {passed.length === 0 ? (
            <p>{t('records.trainee.noCertificate')}</p>
          ) : (
            <ul className="no-print">
              {passed.map((row) => (
                <li key={row.id}>
                  <button type="button" onClick={() => setPrinting({ ...row })}>
                    {t('records.certificate.print', { scenario: row.scenarioTitle[locale] })}
                  </button>
                </li>
              ))}
            </ul>
          )}
          <h2>{t('records.trainee.attempts')}</h2>
          <table className="records-table">
            <thead>
              <tr>
                <th scope="col">{t('records.col.startedAt')}</th>
                <th scope="col">{t('records.col.scenario')}</th>
                <th scope="col">{t('records.col.mode')}</th>
                <th scope="col">{t('records.col.score')}</th>
                <th scope="col">{t('records.col.passed')}</th>
              </tr>
            </thead>
            <tbody>
              {[...rows].reverse().map((row) => (
                <tr key={row.id}>
                  <td>{formatDateTime(row.startedAt)}</td>
                  <td>{row.scenarioTitle[locale]}</td>
                  <td>{t(`mode.${row.mode}`)}</td>
                  <td className="num">{row.score ?? ''}</td>
                  <td>{t(passKey(row))}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      )}
      {printing && <Certificate row={printing} />}
    </section>
  );
}
