/** HR: where xAPI statements go (LRS endpoint, key, secret) and how the outbox is doing. */
import { useEffect, useState } from 'react';
import { useT } from '../../components/i18n/use-t';
import { getLrsConfig, lrsConfigSchema, saveLrsConfig, syncNow } from '../../lms/xapi-lrs';
import { queueCounts, type QueueCounts } from '../../lms/xapi-queue';

export function LrsSettings() {
  const t = useT();
  const [draft, setDraft] = useState({ endpoint: '', key: '', secret: '' });
  const [counts, setCounts] = useState<QueueCounts>();
  const [message, setMessage] = useState<string>();

  useEffect(() => {
    let live = true;
    void Promise.all([getLrsConfig(), queueCounts()]).then(([config, queued]) => {
      if (!live) return;
      if (config) setDraft({ endpoint: config.endpoint, key: config.key, secret: config.secret });
      setCounts(queued);
    });
    return () => {
      live = false;
    };
  }, []);

  const save = async () => {
    const parsed = lrsConfigSchema.safeParse(draft);
    if (!parsed.success) {
      setMessage(t('records.lrs.invalid'));
      return;
    }
    await saveLrsConfig(parsed.data);
    setMessage(t('records.lrs.saved'));
    await syncNow().catch(() => undefined);
    setCounts(await queueCounts());
  };

  return (
    <details className="records-lrs">
      <summary>{t('records.lrs.title')}</summary>
      <form
        noValidate
        onSubmit={(event) => {
          event.preventDefault();
          void save();
        }}
      >
        <label>
          {t('records.lrs.endpoint')}
          <input
            type="url"
            value={draft.endpoint}
            placeholder="https://lrs.example.com/xapi/"
            onChange={(event) => setDraft({ ...draft, endpoint: event.target.value })}
          />
        </label>
        <label>
          {t('records.lrs.key')}
          <input
            value={draft.key}
            autoComplete="off"
            onChange={(event) => setDraft({ ...draft, key: event.target.value })}
          />
        </label>
        <label>
          {t('records.lrs.secret')}
          <input
            type="password"
            value={draft.secret}
            autoComplete="off"
            onChange={(event) => setDraft({ ...draft, secret: event.target.value })}
          />
        </label>
        <button type="submit">{t('records.lrs.save')}</button>
      </form>
      {message && <p role="status">{message}</p>}
      {counts && <p>{t('records.lrs.counts', { ...counts })}</p>}
    </details>
  );
}
