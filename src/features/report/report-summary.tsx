import type { Report } from '../../core/report';
import { useLocalized, useT, type MessageKey } from '../../components/i18n/use-t';

/** Score, pass or fail and why, and the ending reached with its debrief. */
export function ReportSummary({ report }: { report: Report }) {
  const t = useT();
  const local = useLocalized();
  const endingName = report.ending ? t(`report.ending.${report.ending.kind}` as MessageKey) : '';
  return (
    <section className="report-summary" aria-labelledby="report-score-title">
      <div className={report.passed ? 'score-card passed' : 'score-card failed'}>
        <h2 id="report-score-title">{t('report.score.label')}</h2>
        <p className="score-value">{t('report.score.value', { score: report.score })}</p>
        <p className="score-verdict">{report.passed ? t('report.passed') : t('report.failed')}</p>
        <p className="score-pass-line">{t('report.score.passLine', { pass: report.passScore })}</p>
      </div>
      <div className="report-ending">
        {report.notPassedBecause && (
          <p className="not-passed-because">
            {report.notPassedBecause === 'blocker' && report.blockedBy && (
              <>
                <strong>{t('report.because.blocker')}</strong>
                {local(report.blockedBy.reason)}
              </>
            )}
            {report.notPassedBecause === 'score' && t('report.because.score')}
            {report.notPassedBecause === 'ending' &&
              t('report.because.ending', { ending: endingName })}
            {report.notPassedBecause === 'unfinished' && t('report.because.unfinished')}
          </p>
        )}
        {report.ending && (
          <>
            <h2>
              {t('report.ending.title')}{' '}
              <span className={`ending-kind ${report.ending.kind}`}>{endingName}</span>
            </h2>
            <p>
              <strong>{t('report.ending.customer')}</strong> {local(report.ending.customer)}
            </p>
            <p>
              <strong>{t('report.ending.debrief')}</strong> {local(report.ending.debrief)}
            </p>
          </>
        )}
      </div>
    </section>
  );
}
