/**
 * A radar or line chart that loads chart.js only when it is first shown, so the first screen
 * stays light. The figures are also rendered as a table: hidden visually while the chart
 * draws, shown when the browser cannot draw (no canvas), always there for screen readers —
 * unless the page shows the same figures in a table of its own (`table={false}`). A null figure
 * is "no value": a gap in the chart and "—" in the table, never 0.
 */
import { useEffect, useRef, useState } from 'react';
import { useT } from '../i18n/use-t';
import './lazy-chart.css';

export interface LazyChartDataset {
  label: string;
  /** One figure per label; null where there is none. */
  data: (number | null)[];
  /** A reference line (a pass mark): dashed, without points. */
  dashed?: boolean;
}

export interface LazyChartProps {
  type: 'radar' | 'line';
  labels: string[];
  datasets: LazyChartDataset[];
  title: string;
  min?: number;
  max?: number;
  /** False when the page shows these figures in its own table, so they are not read twice. */
  table?: boolean;
  /** Label size in px (chart.js draws 12 px): larger for a projector. */
  fontSize?: number;
}

const PALETTE = ['#0b5cad', '#c62828', '#1a7f37', '#9a6700', '#6f42c1'];

type ChartState = 'loading' | 'drawn' | 'unavailable';

/** Draws `datasets` over `labels` with chart.js (loaded on mount) plus an accessible table. */
export function LazyChart({
  type,
  labels,
  datasets,
  title,
  min,
  max,
  table = true,
  fontSize,
}: LazyChartProps) {
  const t = useT();
  const canvasRef = useRef<HTMLCanvasElement>(null);
  const [state, setState] = useState<ChartState>('loading');
  // The effect depends on the figures, not on the identity of arrays rebuilt on each render.
  const figures = JSON.stringify({ type, labels, datasets, min, max, fontSize });

  useEffect(() => {
    const canvas = canvasRef.current;
    const context = canvas?.getContext('2d');
    if (!canvas || !context) {
      setState('unavailable');
      return;
    }
    let cancelled = false;
    let destroy: (() => void) | undefined;
    const input = JSON.parse(figures) as LazyChartProps;
    import('chart.js/auto')
      .then(({ default: Chart }) => {
        if (cancelled) return;
        const font = input.fontSize ? { font: { size: input.fontSize } } : {};
        const scale = {
          min: input.min,
          max: input.max,
          beginAtZero: true,
          ticks: font,
          ...(input.type === 'radar' ? { pointLabels: font } : {}),
        };
        const chart = new Chart(context, {
          type: input.type,
          data: {
            labels: input.labels,
            datasets: input.datasets.map((dataset, index) => {
              const colour = PALETTE[index % PALETTE.length] ?? '#0b5cad';
              return {
                label: dataset.label,
                data: dataset.data,
                borderColor: colour,
                backgroundColor: `${colour}33`,
                pointBackgroundColor: colour,
                fill: input.type === 'radar',
                // Straight edges: a smoothed radar bulges past its axes and misreads the figures.
                tension: input.type === 'radar' ? 0 : 0.2,
                // A line joins its own points across the labels where another series has one.
                spanGaps: input.type === 'line',
                ...(dataset.dashed ? { borderDash: [6, 4], pointRadius: 0 } : {}),
              };
            }),
          },
          options: {
            responsive: true,
            maintainAspectRatio: false,
            animation: false,
            plugins: { legend: { display: input.datasets.length > 1 } },
            scales: input.type === 'radar' ? { r: scale } : { y: scale },
          },
        });
        destroy = () => chart.destroy();
        setState('drawn');
      })
      .catch(() => {
        if (!cancelled) setState('unavailable');
      });
    return () => {
      cancelled = true;
      destroy?.();
    };
  }, [figures]);

  return (
    <figure className={`lazy-chart lazy-chart-${type}`}>
      <div className="lazy-chart-canvas" hidden={state === 'unavailable'}>
        <canvas ref={canvasRef} role="img" aria-label={title} />
      </div>
      {state === 'loading' && <p className="lazy-chart-note">{t('chart.loading')}</p>}
      {state === 'unavailable' && <p className="lazy-chart-note">{t('chart.unavailable')}</p>}
      {table && (
        <table className={state === 'unavailable' ? 'lazy-chart-table' : 'visually-hidden'}>
          <caption>{title}</caption>
          <thead>
            <tr>
              <th scope="col">{t('chart.label')}</th>
              {datasets.map((dataset, index) => (
                <th scope="col" key={index}>
                  {dataset.label}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {labels.map((label, row) => (
              <tr key={row}>
                <th scope="row">{label}</th>
                {datasets.map((dataset, column) => (
                  <td key={column}>{dataset.data[row] ?? '—'}</td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </figure>
  );
}
