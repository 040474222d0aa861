import type { Report } from '../../core/report';
import { useT } from '../../components/i18n/use-t';

const seconds = (ms: number) => Math.round(ms / 100) / 10;

/** How long each reply took against the scenario's bar (反应迅速). */
export function ResponseTimes({ times }: { times: Report['responseTimes'] }) {
  const t = useT();
  return (
    <section className="report-section" aria-labelledby="times-title">
      <h2 id="times-title">{t('report.times.title')}</h2>
      <p>
        {t('report.times.summary', {
          average: seconds(times.averageMs),
          limit: seconds(times.limitMs),
          slow: times.slowTurns,
        })}
      </p>
      <table className="times-table">
        <thead>
          <tr>
            <th scope="col">{t('report.times.turn')}</th>
            <th scope="col">{t('report.times.seconds')}</th>
          </tr>
        </thead>
        <tbody>
          {times.perTurnMs.map((ms, index) => (
            <tr key={index} className={ms > times.limitMs ? 'slow' : undefined}>
              <td>{index + 1}</td>
              <td>
                {t('report.times.value', { seconds: seconds(ms) })}
                {ms > times.limitMs && ` · ${t('report.times.slow')}`}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
