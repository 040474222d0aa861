import { useLocalized, useT } from '../../components/i18n/use-t';
import type { ClassSummary } from '../../data/class-summary';
import { DIMENSIONS, DIMENSION_EN } from '../../core/tags';
import { useLocaleStore } from '../../stores/use-locale-store';

/** Average per dimension, most frequent findings and forbidden phrases heard most. */
export function ClassSummaryView({ summary }: { summary: ClassSummary | undefined }) {
  const t = useT();
  const local = useLocalized();
  const locale = useLocaleStore((state) => state.locale);
  if (!summary) return <p>{t('trainer.loading')}</p>;
  if (summary.attempts === 0) return <p>{t('summary.none')}</p>;
  return (
    <div className="class-summary">
      <p>
        {t('summary.attempts', {
          attempts: summary.attempts,
          trainees: summary.trainees,
          score: summary.averageScore ?? '—',
        })}
      </p>
      <h3>{t('summary.dimensions')}</h3>
      <table>
        <tbody>
          {DIMENSIONS.map((dimension) => (
            <tr key={dimension}>
              <th scope="row">{locale === 'en' ? DIMENSION_EN[dimension] : dimension}</th>
              <td>{summary.dimensions[dimension] ?? '—'}</td>
            </tr>
          ))}
        </tbody>
      </table>
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
  );
}
