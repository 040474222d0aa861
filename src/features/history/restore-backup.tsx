import { useState } from 'react';
import { FilePicker, JSON_FILES } from '../../components/forms/file-picker';
import { MAX_BUNDLE_BYTES } from '../../core/result-bundle';
import { useT } from '../../components/i18n/use-t';
import { importBundles, type BundleImportSummary } from '../../data/result-bundle';
import { useCatalogStore } from '../../stores/use-catalog-store';

/**
 * Restores a trainee's own history from a result bundle they exported (#/export) — after a
 * browser was reset, or on a new phone. Attempts are re-scored on the way in like any import.
 */
export function RestoreBackup({ onRestored }: { onRestored: () => void }) {
  const t = useT();
  const analyzer = useCatalogStore((state) => state.analyzer);
  const scenarioById = useCatalogStore((state) => state.scenarioById);
  const [summary, setSummary] = useState<BundleImportSummary>();
  const [failure, setFailure] = useState<string>();

  const restore = async (file: File) => {
    if (!analyzer) return;
    setFailure(undefined);
    try {
      const text = file.size > MAX_BUNDLE_BYTES ? '' : await file.text();
      setSummary(
        await importBundles([{ name: file.name, size: file.size, text }], {
          analyzer,
          scenarioById,
        }),
      );
    } catch (error) {
      setFailure(error instanceof Error ? error.message : String(error));
    }
    onRestored();
  };

  return (
    <div className="restore-backup">
      <FilePicker
        label={t('history.restore')}
        accept={JSON_FILES}
        onFile={(file) => void restore(file)}
      />
      {failure && (
        <p role="alert" className="notice bad">
          {t('history.restoreFailed', { reason: failure })}
        </p>
      )}
      {summary && (
        <p role="status" className={summary.rejected > 0 ? 'notice bad' : 'notice'}>
          {summary.rejected > 0
            ? t('history.restoreRejected')
            : t('history.restored', {
                added: summary.added,
                duplicates: summary.duplicates,
                refused: summary.refusedAttempts + summary.conflicts,
              })}
        </p>
      )}
    </div>
  );
}
