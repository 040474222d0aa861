/** A printable certificate for one passed scenario; only this is printed (records.css @media print). */
import { useT } from '../../components/i18n/use-t';
import { formatDateTime } from '../../data/workbook';
import type { RecordRow } from '../../data/records-query';
import { useLocaleStore } from '../../stores/use-locale-store';

export function Certificate({ row }: { row: RecordRow }) {
  const t = useT();
  const locale = useLocaleStore((state) => state.locale);
  return (
    <article className="certificate" aria-label={t('records.certificate.heading')}>
      <p className="certificate-brand">{t('app.name')}</p>
      <h2>{t('records.certificate.heading')}</h2>
      <p>
        {t('records.certificate.body', {
          name: row.name,
          employeeNo: row.employeeNo,
          department: row.department,
          scenario: row.scenarioTitle[locale],
          score: row.score ?? '',
        })}
      </p>
      <p>
        {t('records.certificate.date', {
          date: formatDateTime(row.finishedAt ?? row.startedAt).slice(0, 10),
        })}
      </p>
    </article>
  );
}
