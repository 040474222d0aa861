/**
 * HR: where xAPI statements go (LRS endpoint, key, secret) and how the outbox is doing. When the
 * LRS refused the settings (401/403/404) the queue is paused: a warning shows outside the
 * collapsed settings, and saving them resumes it; refused statements can be sent again. The
 * saved secret is never put back into the page: the field stays empty, and an empty field on
 * save keeps the saved one. Plain http:// is refused except to this machine.
 */
import { useEffect, useState } from 'react';
import { useT } from '../../components/i18n/use-t';
import {
  getLrsConfig,
  lrsConfigSchema,
  lrsEndpointAllowed,
  saveLrsConfig,
  syncNow,
} from '../../lms/xapi-lrs';
import {
  queueCounts,
  queuePause,
  retryRejected,
  type QueueCounts,
  type QueuePause,
} from '../../lms/xapi-queue';

export function LrsSettings() {
  const t = useT();
  const [draft, setDraft] = useState({ endpoint: '', key: '', secret: '' });
  const [counts, setCounts] = useState<QueueCounts>();
  const [pause, setPause] = useState<QueuePause>();
  const [message, setMessage] = useState<string>();
  const [secretSaved, setSecretSaved] = useState(false);

  useEffect(() => {
    let live = true;
    void Promise.all([getLrsConfig(), queueCounts(), queuePause()]).then(
      ([config, queued, paused]) => {
        if (!live) return;
        if (config) {
          setDraft({ endpoint: config.endpoint, key: config.key, secret: '' });
          setSecretSaved(config.secret !== '');
        }
        setCounts(queued);
        setPause(paused);
      },
    );
    return () => {
      live = false;
    };
  }, []);

  const refresh = async () => {
    const [queued, paused] = await Promise.all([queueCounts(), queuePause()]);
    setCounts(queued);
    setPause(paused);
  };

  const save = async () => {
    const endpoint = draft.endpoint.trim();
    if (/^http:\/\//i.test(endpoint) && !lrsEndpointAllowed(endpoint)) {
      setMessage(t('records.lrs.insecure'));
      return;
    }
    // An empty secret field keeps the saved secret (read here, never shown).
    const secret = draft.secret || (secretSaved ? ((await getLrsConfig())?.secret ?? '') : '');
    const parsed = lrsConfigSchema.safeParse({ ...draft, endpoint, secret });
    if (!parsed.success) {
      setMessage(t('records.lrs.invalid'));
      return;
    }
    await saveLrsConfig(parsed.data);
    setDraft({ endpoint, key: parsed.data.key, secret: '' });
    setSecretSaved(parsed.data.secret !== '');
    setMessage(t('records.lrs.saved'));
    await syncNow().catch(() => undefined);
    await refresh();
  };

  const retry = async () => {
    const count = await retryRejected();
    setMessage(t('records.lrs.retried', { count }));
    await syncNow().catch(() => undefined);
    await refresh();
  };

  return (
    <>
      {pause && (
        <p role="alert" className="records-lrs-paused">
          {t(pause.status === 404 ? 'records.lrs.paused404' : 'records.lrs.paused', {
            status: pause.status ?? '',
            pending: counts?.pending ?? 0,
          })}
        </p>
      )}
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
              aria-describedby={secretSaved ? 'lrs-secret-saved' : undefined}
              onChange={(event) => setDraft({ ...draft, secret: event.target.value })}
            />
          </label>
          {secretSaved && <p id="lrs-secret-saved">{t('records.lrs.secretSaved')}</p>}
          <button type="submit">{t('records.lrs.save')}</button>
        </form>
        {message && <p role="status">{message}</p>}
        {counts && <p>{t('records.lrs.counts', { ...counts })}</p>}
        {counts && counts.rejected > 0 && (
          <button type="button" onClick={() => void retry()}>
            {t('records.lrs.retryRejected')}
          </button>
        )}
      </details>
    </>
  );
}
