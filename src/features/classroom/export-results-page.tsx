import { useEffect, useState } from 'react';
import { useT } from '../../components/i18n/use-t';
import { getProfile, listAttempts } from '../../data/attempts';
import { sourceOf, type AttemptRecord } from '../../data/db';
import { bundleFileName, exportBundle } from '../../data/result-bundle';

/** A trainee device exports all its attempts as one result bundle for the trainer. */
export function ExportResultsPage() {
  const t = useT();
  const [attempts, setAttempts] = useState<AttemptRecord[] | undefined>();
  const [done, setDone] = useState(false);
  const [classCode, setClassCode] = useState('');

  useEffect(() => {
    // Only this trainee's own practice: not what a trainer's device imported or observed.
    void listAttempts().then((all) =>
      setAttempts(all.filter((attempt) => sourceOf(attempt) === 'practised')),
    );
  }, []);

  const download = async () => {
    if (!attempts) return;
    const text = await exportBundle(attempts, Date.now(), classCode.trim() || undefined);
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
      <label className="block">
        {t('export.classCode')}
        <input
          value={classCode}
          autoComplete="off"
          autoCapitalize="characters"
          onChange={(event) => setClassCode(event.target.value)}
        />
      </label>
      <p className="hint">{t('export.classCodeNote')}</p>
      <button type="button" disabled={!attempts} onClick={() => void download()}>
        {t('export.button')}
      </button>
      {done && attempts && <p role="status">{t('export.done', { count: attempts.length })}</p>}
    </section>
  );
}
