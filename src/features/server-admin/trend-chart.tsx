/**
 * A trend from the server's re-scored attempts: pass rate and mean score per week or day, for
 * the company, a department or an assignment (chart.js is loaded only when the chart shows).
 */
import { useEffect, useState } from 'react';
import { LazyChart } from '../../components/charts/lazy-chart';
import { useT } from '../../components/i18n/use-t';
import type { StaffApi, TrendPoint, TrendQuery } from './staff-api';
import { useFailure } from './use-failure';

/** How far back each period looks. */
const PERIODS = { week: 12, day: 30 } as const;

export function TrendChart({
  api,
  query,
  scope,
  onSessionEnded,
}: {
  api: StaffApi;
  query: Omit<TrendQuery, 'period' | 'periods'>;
  /** What the trend is of, as the chart's title says it. */
  scope: string;
  onSessionEnded: () => void;
}) {
  const t = useT();
  const describe = useFailure(onSessionEnded);
  const [period, setPeriod] = useState<'week' | 'day'>('week');
  const [points, setPoints] = useState<TrendPoint[]>();
  const [error, setError] = useState('');
  const key = JSON.stringify(query);

  useEffect(() => {
    let live = true;
    api
      .trend({ ...(JSON.parse(key) as typeof query), period, periods: PERIODS[period] })
      .then((next) => {
        if (!live) return;
        setError('');
        setPoints(next);
      })
      .catch((failure: unknown) => live && setError(describe(failure)));
    return () => {
      live = false;
    };
    // `describe` changes with the language only; reloading then is not needed.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [api, key, period]);

  const attempts = points?.reduce((sum, point) => sum + point.attempts, 0) ?? 0;
  return (
    <section className="staff-trend" aria-label={t('staff.trend.title')}>
      <label>
        {t('staff.trend.period')}{' '}
        <select
          value={period}
          onChange={(event) => setPeriod(event.target.value as 'week' | 'day')}
        >
          <option value="week">{t('staff.trend.week')}</option>
          <option value="day">{t('staff.trend.day')}</option>
        </select>
      </label>
      {error && <p role="alert">{error}</p>}
      {points && (
        <>
          <p>{t('staff.trend.attempts', { count: attempts })}</p>
          <LazyChart
            type="line"
            title={t('staff.trend.chart', { scope, period: t(`staff.trend.${period}`) })}
            labels={points.map((point) => point.start.slice(5))}
            min={0}
            max={100}
            datasets={[
              {
                label: t('staff.trend.passRate'),
                data: points.map((point) =>
                  point.attempts === 0 ? null : Math.round(point.passRate * 100),
                ),
              },
              {
                label: t('staff.trend.meanScore'),
                data: points.map((point) => point.meanScore),
              },
            ]}
          />
        </>
      )}
    </section>
  );
}
