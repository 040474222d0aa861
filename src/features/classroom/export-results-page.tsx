import { useEffect, useState } from 'react';
import { useT } from '../../components/i18n/use-t';
import { getProfile, listAttempts } from '../../data/attempts';
import type { AttemptRecord } from '../../data/db';
import { bundleFileName, exportBundle } from '../../data/result-bundle';

/** A trainee device exports all its attempts as one result bundle for the trainer. */
export function ExportResultsPage() {
  const t = useT();
  const [attempts, setAttempts] = useState<AttemptRecord[] | undefined>();
  const [done, setDone] = useState(false);

  useEffect(() => {
    void listAttempts().then(setAttempts);
  }, []);

  const download = async () => {
    if (!attempts) return;
    const text = await exportBundle(attempts);
    const profile = await getProfile();
    const url = URL.createObjectURL(new Blob([text], { type: 'application/json' }));
    const link = document.createElement('a');
    link.href = url;
    link.download = bundleFileName(profile?.employeeNo);
    link.click();
    URL.revokeObjectURL(url);
    setDone(true);
  };

  return (
    <section className="page">
      <h1>{t('export.title')}</h1>
      <p>{t('export.intro')}</p>
      {attempts && <p>{t('export.count', { count: attempts.length })}</p>}
      <button type="button" disabled={!attempts} onClick={() => void download()}>
        {t('export.button')}
      </button>
      {done && attempts && <p role="status">{t('export.done', { count: attempts.length })}</p>}
    </section>
  );
}
