import type { Report } from '../../core/report';
import { DIMENSIONS, DIMENSION_EN } from '../../core/tags';
import { LazyChart } from '../../components/charts/lazy-chart';
import { useT } from '../../components/i18n/use-t';
import { useLocaleStore } from '../../stores/use-locale-store';

/** The five service-quality dimensions as a radar (chart.js loaded lazily) with a table beside it. */
export function DimensionChart({ dimensions }: { dimensions: Report['dimensions'] }) {
  const t = useT();
  const locale = useLocaleStore((state) => state.locale);
  const labels = DIMENSIONS.map((d) => (locale === 'en' ? DIMENSION_EN[d] : d));
  return (
    <section className="report-section" aria-labelledby="dimensions-title">
      <h2 id="dimensions-title">{t('report.dimensions.title')}</h2>
      <div className="dimension-chart">
        <LazyChart
          type="radar"
          title={t('report.dimensions.chart')}
          labels={labels}
          datasets={[
            { label: t('report.dimensions.series'), data: DIMENSIONS.map((d) => dimensions[d]) },
          ]}
          min={0}
          max={100}
        />
      </div>
    </section>
  );
}
