import { render, screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { LazyChart } from '../../src/components/charts/lazy-chart';

const drawn = vi.hoisted(() => ({ configs: [] as unknown[], destroyed: 0 }));

vi.mock('chart.js/auto', () => ({
  default: class {
    constructor(_context: unknown, config: unknown) {
      drawn.configs.push(config);
    }
    destroy() {
      drawn.destroyed += 1;
    }
  },
}));

const props = {
  type: 'radar' as const,
  title: '五个维度',
  labels: ['可靠性', '移情性'],
  datasets: [{ label: '本次', data: [80, 65] }],
  min: 0,
  max: 100,
};

describe('LazyChart', () => {
  afterEach(() => {
    vi.restoreAllMocks();
    drawn.configs.length = 0;
    drawn.destroyed = 0;
  });

  it('should load chart.js and draw the figures, and free the chart when removed', async () => {
    vi.spyOn(HTMLCanvasElement.prototype, 'getContext').mockReturnValue(
      {} as CanvasRenderingContext2D,
    );
    const { unmount } = render(<LazyChart {...props} />);
    expect(screen.getByRole('img', { name: '五个维度' })).toBeInTheDocument();
    await vi.waitFor(() => expect(drawn.configs).toHaveLength(1));
    expect(drawn.configs[0]).toMatchObject({
      type: 'radar',
      data: { labels: ['可靠性', '移情性'], datasets: [{ label: '本次', data: [80, 65] }] },
      options: { scales: { r: { min: 0, max: 100 } } },
    });
    unmount();
    expect(drawn.destroyed).toBe(1);
  });

  it('should offer the figures as a table for screen readers, shown when no canvas can draw', async () => {
    vi.spyOn(HTMLCanvasElement.prototype, 'getContext').mockReturnValue(null);
    render(<LazyChart {...props} />);
    const table = screen.getByRole('table', { name: '五个维度' });
    const row = within(table).getByRole('row', { name: /移情性/ });
    expect(row).toHaveTextContent('65');
    expect(await screen.findByText(/无法绘制图表/)).toBeInTheDocument();
    expect(table).not.toHaveClass('visually-hidden');
    expect(drawn.configs).toHaveLength(0);
  });
});
