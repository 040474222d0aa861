import { useState } from 'react';
import { MAX_BUNDLE_BYTES } from '../../core/result-bundle';
import { useT, type MessageKey } from '../../components/i18n/use-t';
import {
  importBundles,
  type BundleImportSummary,
  type ImportProgress,
} from '../../data/result-bundle';
import { useCatalogStore } from '../../stores/use-catalog-store';
import { useClassroomStore } from '../../stores/use-classroom-store';
import { importServerBundle, isServerClass } from '../../data/server-classes';

/** Imports many result bundles at once and says what was added, skipped and rejected (and why). */
export function ResultsImport() {
  const t = useT();
  const record = useClassroomStore((state) => state.record);
  const resultsChanged = useClassroomStore((state) => state.resultsChanged);
  const analyzer = useCatalogStore((state) => state.analyzer);
  const scenarioById = useCatalogStore((state) => state.scenarioById);
  const [summary, setSummary] = useState<BundleImportSummary | undefined>();
  const [progress, setProgress] = useState<ImportProgress | undefined>();
  const [failure, setFailure] = useState<string | undefined>();

  const importFiles = async (files: File[]) => {
    if (!analyzer || !record?.code) return;
    setSummary(undefined);
    setFailure(undefined);
    try {
      // A file over the size limit is refused unread: reading it could exhaust the tab's memory.
      const texts = await Promise.all(
        files.map(async (file) => ({
          name: file.name,
          size: file.size,
          text: file.size > MAX_BUNDLE_BYTES ? '' : await file.text(),
        })),
      );
      setSummary(
        await importBundles(texts, { analyzer, scenarioById }, Date.now(), {
          into: { classCode: record.code, roster: record.roster },
          onProgress: setProgress,
        }),
      );
      // A class on the company server: each file is checked and re-scored there too.
      if (isServerClass(record.id)) {
        const sent = await Promise.all(
          texts
            .filter((file) => file.text !== '')
            .map((file) => importServerBundle(record.id, file)),
        );
        const refused = sent.filter((file) => file.status === 'rejected');
        if (refused.length > 0)
          setFailure(
            t('serverClass.bundleNotSent', {
              files: refused
                .map((file) => `${file.name}: ${file.refusal?.reason ?? ''}`)
                .join('; '),
            }),
          );
      }
    } catch (error) {
      // Storage full, a file that cannot be read: say so; what was stored before stays stored.
      setFailure(error instanceof Error ? error.message : String(error));
    } finally {
      setProgress(undefined);
      resultsChanged();
    }
  };

  return (
    <section className="panel" aria-labelledby="results-heading">
      <h2 id="results-heading">{t('class.results')}</h2>
      {record?.code && (
        <p>
          <strong>{t('class.code', { code: record.code })}</strong> {t('class.codeNote')}
        </p>
      )}
      <p className="notice">{t('class.rescoreNote')}</p>
      <label className="block">
        {t('class.bundles')}
        <input
          type="file"
          multiple
          accept=".json,application/json"
          onChange={(event) => {
            const files = [...(event.target.files ?? [])];
            event.target.value = '';
            if (files.length > 0) void importFiles(files);
          }}
        />
      </label>
      {failure && (
        <p role="alert" className="bad">
          {t('class.importFailed', { reason: failure })}
        </p>
      )}
      {progress && (
        <p role="status">
          <progress value={progress.scored} max={progress.total} />{' '}
          {t('class.importing', { ...progress })}
        </p>
      )}
      {summary && (
        <div role="status">
          <p>
            {t('class.imported', {
              added: summary.added,
              duplicates: summary.duplicates,
              rejected: summary.rejected,
            })}
            {summary.refusedAttempts > 0 &&
              ` ${t('class.refusedAttempts', { count: summary.refusedAttempts })}`}
          </p>
          {summary.rescoredDiffer > 0 && (
            <p>{t('class.rescoredDiffer', { count: summary.rescoredDiffer })}</p>
          )}
          {summary.conflicts > 0 && (
            <p className="bad">
              {t('class.conflicts', {
                count: summary.conflicts,
                ids: summary.files.flatMap((file) => file.conflicts).join('、'),
              })}
            </p>
          )}
          <ul>
            {summary.files.map((file, index) => (
              <li key={`${file.name}-${index}`} className={file.status === 'rejected' ? 'bad' : ''}>
                {file.status === 'rejected'
                  ? t('class.rejectedFile', {
                      name: file.name,
                      reason: file.refusal
                        ? t(`bundle.reject.${file.refusal.code}` as MessageKey, {
                            detail: file.refusal.detail ?? '',
                          })
                        : '',
                    })
                  : t('class.importedFile', {
                      name: file.name,
                      added: file.added,
                      duplicates: file.duplicates,
                    })}
                {file.refused.length > 0 && (
                  <ul>
                    {file.refused.map((refusal) => (
                      <li key={refusal.index} className="bad">
                        {t(`class.refusedAttempt.${refusal.code}`, {
                          number: refusal.index + 1,
                          field: refusal.field,
                        })}
                      </li>
                    ))}
                  </ul>
                )}
              </li>
            ))}
          </ul>
        </div>
      )}
    </section>
  );
}
