import { render, screen } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import {
  isChunkLoadError,
  PageErrorBoundary,
} from '../../src/components/layout/page-error-boundary';
import { useLocaleStore } from '../../src/stores/use-locale-store';

function Broken(): never {
  throw new RangeError('Invalid time value');
}

describe('PageErrorBoundary', () => {
  beforeEach(() => {
    useLocaleStore.setState({ locale: 'zh-CN' });
    // React logs caught render errors; keep the test output readable.
    vi.spyOn(console, 'error').mockImplementation(() => {});
  });
  afterEach(() => {
    vi.restoreAllMocks();
  });

  it('should show a plain message and a way back instead of a blank page', () => {
    render(
      <PageErrorBoundary>
        <Broken />
      </PageErrorBoundary>,
    );
    expect(screen.getByRole('alert')).toHaveTextContent('这一页没能显示');
    expect(screen.getByRole('link', { name: '回到首页' })).toHaveAttribute('href', '#/');
    expect(screen.getByRole('button', { name: '重新加载' })).toBeInTheDocument();
  });

  it('should render the page as it is when nothing throws', () => {
    render(
      <PageErrorBoundary>
        <p>页面内容</p>
      </PageErrorBoundary>,
    );
    expect(screen.getByText('页面内容')).toBeInTheDocument();
  });
});

describe('isChunkLoadError', () => {
  it('should recognise a lazy chunk that failed to load, and nothing else', () => {
    expect(
      isChunkLoadError(new TypeError('Failed to fetch dynamically imported module: /assets/x.js')),
    ).toBe(true);
    expect(isChunkLoadError(new RangeError('Invalid time value'))).toBe(false);
  });
});
