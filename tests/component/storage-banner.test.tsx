import { act, render, screen } from '@testing-library/react';
import { beforeEach, describe, expect, it } from 'vitest';
import { StorageBanner } from '../../src/components/layout/storage-banner';
import {
  checkStorageHealth,
  noteStorageError,
  resetStorageHealth,
} from '../../src/data/storage-health';
import { useLocaleStore } from '../../src/stores/use-locale-store';

const roomy = { estimate: () => Promise.resolve({ usage: 1_000, quota: 100_000_000 }) };

describe('StorageBanner', () => {
  beforeEach(() => {
    resetStorageHealth();
    useLocaleStore.setState({ locale: 'zh-CN' });
  });

  it('should say nothing when the browser can keep records', async () => {
    render(<StorageBanner />);
    await act(() => checkStorageHealth({ indexedDB, storage: roomy }));
    expect(screen.getByRole('status')).toHaveTextContent('');
  });

  it('should ask the browser to keep the practice history under storage pressure', async () => {
    let asked = 0;
    const persist = () => {
      asked += 1;
      return Promise.resolve(true);
    };
    await checkStorageHealth({ indexedDB, storage: { ...roomy, persist } });
    expect(asked).toBe(1);
  });

  it('should say records will not be kept when IndexedDB is missing (private mode)', async () => {
    render(<StorageBanner />);
    await act(() => checkStorageHealth({ indexedDB: undefined, storage: roomy }));
    expect(screen.getByRole('status')).toHaveTextContent('练习记录不会保留');
  });

  it('should say the storage is full when the quota leaves no room', async () => {
    render(<StorageBanner />);
    const full = { estimate: () => Promise.resolve({ usage: 99_900, quota: 100_000 }) };
    await act(() => checkStorageHealth({ indexedDB, storage: full }));
    expect(screen.getByRole('status')).toHaveTextContent('存储空间已满');
  });

  it('should say the storage is full after a write fails with a quota error', async () => {
    render(<StorageBanner />);
    await act(() => checkStorageHealth({ indexedDB, storage: roomy }));
    act(() => noteStorageError(new Error('network down')));
    expect(screen.getByRole('status')).toHaveTextContent('');
    // Dexie wraps the browser's DOMException; the inner error names the quota.
    const dexieError = Object.assign(new Error('write failed'), {
      name: 'AbortError',
      inner: new DOMException('quota', 'QuotaExceededError'),
    });
    act(() => noteStorageError(dexieError));
    expect(screen.getByRole('status')).toHaveTextContent('存储空间已满');
  });

  it('should speak English when the interface is in English', async () => {
    useLocaleStore.setState({ locale: 'en' });
    render(<StorageBanner />);
    await act(() => checkStorageHealth({ indexedDB: undefined }));
    expect(screen.getByRole('status')).toHaveTextContent('records will not be kept');
  });
});
