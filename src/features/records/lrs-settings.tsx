/**
 * HR: where xAPI statements go (LRS endpoint, key, secret), how activities and learners are
 * named in them (activity IRI prefix, account home page; shown with the defaults when empty),
 * and how the outbox is doing, live as statements go out. When the
 * LRS refused the settings (401/403/404) the queue is paused: a warning shows outside the
 * collapsed settings, and saving them resumes it; refused statements can be sent again. The
 * saved secret is never put back into the page: the field stays empty, and an empty field on
 * save keeps the saved one. Plain http:// is refused except to this machine.
 */
import { useEffect, useState } from 'react';
import { useT } from '../../components/i18n/use-t';
import { getLrsConfig, saveLrsConfig, syncNow } from '../../lms/xapi-lrs';
import { retryRejected, watchQueue, type QueueCounts, type QueuePause } from '../../lms/xapi-queue';
import { lrsConfigSchema, lrsEndpointAllowed } from '../../lms/xapi-send';
import { statementOptionsFor } from '../../lms/xapi-statements';

const EMPTY = { endpoint: '', key: '', secret: '', activityBase: '', homePage: '' };

export function LrsSettings() {
  const t = useT();
  const [draft, setDraft] = useState(EMPTY);
  const [counts, setCounts] = useState<QueueCounts>();
  const [pause, setPause] = useState<QueuePause>();
  const [message, setMessage] = useState<string>();
  const [secretSaved, setSecretSaved] = useState(false);

  useEffect(() => {
    let live = true;
    void getLrsConfig().then((config) => {
      if (!live || !config) return;
      setDraft({
        endpoint: config.endpoint,
        key: config.key,
        secret: '',
        activityBase: config.activityBase ?? '',
        homePage: config.homePage ?? '',
      });
      setSecretSaved(config.secret !== '');
    });
    const stop = watchQueue((status) => {
      setCounts(status.counts);
      setPause(status.pause);
    });
    return () => {
      live = false;
      stop();
    };
  }, []);

  const defaults = statementOptionsFor(window.location.href);
  const save = async () => {
    const endpoint = draft.endpoint.trim();
    if (/^http:\/\//i.test(endpoint) && !lrsEndpointAllowed(endpoint)) {
      setMessage(t('records.lrs.insecure'));
      return;
    }
    // An empty secret field keeps the saved secret (read here, never shown).
    const secret = draft.secret || (secretSaved ? ((await getLrsConfig())?.secret ?? '') : '');
    const activityBase = draft.activityBase.trim();
    const homePage = draft.homePage.trim();
    const parsed = lrsConfigSchema.safeParse({
      endpoint,
      key: draft.key,
      secret,
      ...(activityBase ? { activityBase } : {}),
      ...(homePage ? { homePage } : {}),
    });
    if (!parsed.success) {
      const iri = parsed.error.issues.some((issue) =>
        ['activityBase', 'homePage'].includes(String(issue.path[0])),
      );
      setMessage(t(iri ? 'records.lrs.invalidIri' : 'records.lrs.invalid'));
      return;
    }
    await saveLrsConfig(parsed.data);
    setDraft({ endpoint, key: parsed.data.key, secret: '', activityBase, homePage });
    setSecretSaved(parsed.data.secret !== '');
    setMessage(t('records.lrs.saved'));
    await syncNow().catch(() => undefined);
  };

  const retry = async () => {
    const count = await retryRejected();
    setMessage(t('records.lrs.retried', { count }));
    await syncNow().catch(() => undefined);
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
          {secretSaved && (
            <p id="lrs-secret-saved" className="records-lrs-hint">
              {t('records.lrs.secretSaved')}
            </p>
          )}
          <label className="records-lrs-iri">
            {t('records.lrs.activityBase')}
            <input
              type="url"
              value={draft.activityBase}
              aria-describedby="lrs-activity-base-hint"
              onChange={(event) => setDraft({ ...draft, activityBase: event.target.value })}
            />
          </label>
          <p id="lrs-activity-base-hint" className="records-lrs-hint">
            {t('records.lrs.activityBaseHint', { base: defaults.activityBase })}
          </p>
          <label className="records-lrs-iri">
            {t('records.lrs.homePage')}
            <input
              type="url"
              value={draft.homePage}
              aria-describedby="lrs-home-page-hint"
              onChange={(event) => setDraft({ ...draft, homePage: event.target.value })}
            />
          </label>
          <p id="lrs-home-page-hint" className="records-lrs-hint">
            {t('records.lrs.homePageHint', { home: defaults.homePage })}
          </p>
          <button type="submit">{t('records.lrs.save')}</button>
        </form>
        {message && <p role="status">{message}</p>}
        {counts && <p aria-live="polite">{t('records.lrs.counts', { ...counts })}</p>}
        {counts && counts.rejected > 0 && (
          <button type="button" onClick={() => void retry()}>
            {t('records.lrs.retryRejected')}
          </button>
        )}
      </details>
    </>
  );
}
