import { useSyncExternalStore } from 'react';
import { getStorageHealth, subscribeStorageHealth } from '../../data/storage-health';
import { useT } from '../i18n/use-t';

/** Says, in a polite live region, that records will not be kept when the browser cannot store them. */
export function StorageBanner() {
  const t = useT();
  const health = useSyncExternalStore(subscribeStorageHealth, getStorageHealth, getStorageHealth);
  const message =
    health === 'unavailable'
      ? t('storage.unavailable')
      : health === 'full'
        ? t('storage.full')
        : undefined;
  return (
    <div role="status" className={message ? 'status-banner' : undefined}>
      {message}
    </div>
  );
}
