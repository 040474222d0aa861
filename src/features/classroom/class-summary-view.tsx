import { LazyChart } from '../../components/charts/lazy-chart';
import { useLocalized, useT } from '../../components/i18n/use-t';
import type { ClassSummary } from '../../data/class-summary';
import { DIMENSIONS, DIMENSION_EN } from '../../core/tags';
import { useLocaleStore } from '../../stores/use-locale-store';

/** Average per dimension, most frequent findings and forbidden phrases heard most; `big` for the projector: large type and a chart. */
export function ClassSummaryView({
  summary,
  big = false,
}: {
  summary: ClassSummary | undefined;
  big?: boolean;
}) {
  const t = useT();
  const local = useLocalized();
  const locale = useLocaleStore((state) => state.locale);
  if (!summary) return <p>{t('trainer.loading')}</p>;
  if (summary.attempts === 0) return <p>{t('summary.none')}</p>;
  const dimensionLabel = (dimension: (typeof DIMENSIONS)[number]) =>
    locale === 'en' ? DIMENSION_EN[dimension] : dimension;
  return (
    <div className={big ? 'class-summary big' : 'class-summary'}>
      <div className="summary-part">
        {big && (
          <p className="summary-average">
            <span>{t('projector.average')}</span>
            <strong>{summary.averageScore ?? '—'}</strong>
          </p>
        )}
        <p>
          {t('summary.attempts', {
            attempts: summary.attempts,
            trainees: summary.trainees,
            score: summary.averageScore ?? '—',
          })}
        </p>
      </div>
      <div className="summary-part">
        <h3>{t('summary.dimensions')}</h3>
        {big && (
          <LazyChart
            type="radar"
            title={t('projector.chart')}
            labels={DIMENSIONS.map(dimensionLabel)}
            datasets={[
              {
                label: t('summary.dimensions'),
                data: DIMENSIONS.map((dimension) => summary.dimensions[dimension] ?? null),
              },
            ]}
            min={0}
            max={100}
            table={false}
            fontSize={20}
          />
        )}
        <table>
          <tbody>
            {DIMENSIONS.map((dimension) => (
              <tr key={dimension}>
                <th scope="row">{dimensionLabel(dimension)}</th>
                <td>{summary.dimensions[dimension] ?? '—'}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <div className="summary-part">
        <h3>{t('summary.findings')}</h3>
        {summary.frequentFindings.length === 0 ? (
          <p>{t('summary.empty')}</p>
        ) : (
          <ol>
            {summary.frequentFindings.map((finding) => (
              <li key={finding.label['zh-CN']}>
                {t('summary.findingCount', { label: local(finding.label), count: finding.count })}
              </li>
            ))}
          </ol>
        )}
      </div>
      <div className="summary-part">
        <h3>{t('summary.phrases')}</h3>
        {summary.forbiddenPhrases.length === 0 ? (
          <p>{t('summary.empty')}</p>
        ) : (
          <ol>
            {summary.forbiddenPhrases.map((phrase) => (
              <li key={phrase.words}>
                {t('summary.phraseCount', { phrase: phrase.words, count: phrase.count })}
              </li>
            ))}
          </ol>
        )}
      </div>
    </div>
  );
}
