import type { Report } from '../../core/report';
import type { Source } from '../../core/rule-schema';
import { DIMENSIONS, DIMENSION_EN, type Dimension } from '../../core/tags';
import { LazyChart } from '../../components/charts/lazy-chart';
import { useT, type MessageKey } from '../../components/i18n/use-t';
import { useLocaleStore } from '../../stores/use-locale-store';
import { SourceCitation } from './source-citation';

const MEANING: Record<Dimension, MessageKey> = {
  可感知性: 'report.dimensions.meaning.tangibles',
  可靠性: 'report.dimensions.meaning.reliability',
  反应性: 'report.dimensions.meaning.responsiveness',
  保证性: 'report.dimensions.meaning.assurance',
  移情性: 'report.dimensions.meaning.empathy',
};

const DIMENSIONS_SOURCE: Source = {
  doc: '004_8200034c7315b48c.txt',
  section: '第三节 服务质量的评价',
};

/**
 * The five service-quality dimensions as a radar (chart.js loaded lazily) and, under it, a table
 * of the scores with one line on what each dimension looks at. A dimension with nothing to
 * score is a gap in the radar and "—" in the table, never 0 or 100.
 */
export function DimensionChart({ dimensions }: { dimensions: Report['dimensions'] }) {
  const t = useT();
  const locale = useLocaleStore((state) => state.locale);
  const name = (dimension: Dimension) => (locale === 'en' ? DIMENSION_EN[dimension] : dimension);
  const anyAbsent = DIMENSIONS.some((d) => dimensions[d] === undefined);
  return (
    <section className="report-section" aria-labelledby="dimensions-title">
      <h2 id="dimensions-title">{t('report.dimensions.title')}</h2>
      <div className="dimension-chart">
        <LazyChart
          type="radar"
          title={t('report.dimensions.chart')}
          labels={DIMENSIONS.map(name)}
          datasets={[
            {
              label: t('report.dimensions.series'),
              data: DIMENSIONS.map((d) => dimensions[d] ?? null),
            },
          ]}
          min={0}
          max={100}
          table={false}
        />
      </div>
      <table className="dimension-table">
        <caption className="visually-hidden">{t('report.dimensions.chart')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('report.dimensions.col.dimension')}</th>
            <th scope="col">{t('report.dimensions.col.score')}</th>
            <th scope="col">{t('report.dimensions.col.meaning')}</th>
          </tr>
        </thead>
        <tbody>
          {DIMENSIONS.map((dimension) => {
            const value = dimensions[dimension];
            return (
              <tr key={dimension} className={value === undefined ? 'absent' : undefined}>
                <th scope="row">{name(dimension)}</th>
                <td className="dimension-score">
                  {value ?? <abbr title={t('report.dimensions.notScored')}>—</abbr>}
                </td>
                <td className="dimension-meaning">{t(MEANING[dimension])}</td>
              </tr>
            );
          })}
        </tbody>
      </table>
      {anyAbsent && <p className="dimension-note">{t('report.dimensions.absent')}</p>}
      <p className="dimension-basis">
        <span className="finding-label">{t('report.dimensions.basis')}</span>{' '}
        <SourceCitation source={DIMENSIONS_SOURCE} />
      </p>
    </section>
  );
}
