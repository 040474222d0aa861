import { render, screen } from '@testing-library/react';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { RecordsPage } from '../../src/features/records/records-page';
import type { RecordsLoad } from '../../src/features/records/use-records';
import { useLocaleStore } from '../../src/stores/use-locale-store';

// The page between the newest first page and the full read: 60 of 2000 records loaded.
const partial: RecordsLoad = { rows: [], complete: false, loaded: 60, total: 2000 };

vi.mock('../../src/features/records/use-records', () => ({
  FIRST_PAGE: 60,
  useAllRecords: () => partial,
  useCountingPolicy: () => ['best', () => undefined],
  useCompletionModes: () => [['exam', 'observed'], () => undefined],
  useClasses: () => [],
}));

describe('RecordsPage while loading', () => {
  beforeEach(() => useLocaleStore.setState({ locale: 'zh-CN' }));

  it('should say how many records are read so far in one Chinese sentence', () => {
    render(<RecordsPage />);
    expect(screen.getByRole('status')).toHaveTextContent('正在读取记录…（已读 60 / 共 2000 条）');
  });

  it('should say it in English when the locale is English', () => {
    useLocaleStore.setState({ locale: 'en' });
    render(<RecordsPage />);
    expect(screen.getByRole('status')).toHaveTextContent('Reading records… (60 of 2000)');
  });
});
