/** A small line chart of scores over time, described in text for screen readers. */
import { useT } from '../../components/i18n/use-t';
import type { RecordRow } from '../../data/records-query';

const WIDTH = 480;
const HEIGHT = 120;
const PAD = 10;

export function ScoreSparkline({ rows }: { rows: readonly RecordRow[] }) {
  const t = useT();
  const scored = rows.filter((r) => r.status === 'finished' && r.score !== undefined);
  if (scored.length === 0) return null;
  const step = scored.length > 1 ? (WIDTH - 2 * PAD) / (scored.length - 1) : 0;
  const y = (score: number) => HEIGHT - PAD - ((HEIGHT - 2 * PAD) * score) / 100;
  const points = scored.map((r, i) => `${PAD + i * step},${y(r.score ?? 0)}`).join(' ');
  return (
    <svg
      className="records-trend"
      viewBox={`0 0 ${WIDTH} ${HEIGHT}`}
      role="img"
      aria-label={t('records.trainee.trendLabel', {
        count: scored.length,
        first: scored[0]?.score ?? '',
        last: scored.at(-1)?.score ?? '',
      })}
    >
      <line x1={PAD} x2={WIDTH - PAD} y1={y(60)} y2={y(60)} className="records-trend-pass" />
      <polyline points={points} fill="none" />
      {scored.map((r, i) => (
        <circle key={r.id} cx={PAD + i * step} cy={y(r.score ?? 0)} r={4}>
          <title>{`${r.score}`}</title>
        </circle>
      ))}
    </svg>
  );
}
