/**
 * The server's LRS settings for administrators: endpoint, key, secret (written, never shown:
 * only whether one is set), optional IRI base and home page; how forwarding goes (queued, sent,
 * rejected) and a retry of the rejected statements. A refused save keeps what was typed.
 */
import { useCallback, useEffect, useState, type FormEvent } from 'react';
import { useT, type MessageKey } from '../../components/i18n/use-t';
import type { LrsSettingsInput, StaffApi, XapiStatus } from './staff-api';
import { useFailure } from './use-failure';

interface Form {
  endpoint: string;
  key: string;
  secret: string;
  activityBase: string;
  homePage: string;
}

type Field = keyof Form;

const EMPTY: Form = { endpoint: '', key: '', secret: '', activityBase: '', homePage: '' };

const LABELS: Record<Field, MessageKey> = {
  endpoint: 'staff.lrs.endpoint',
  key: 'staff.lrs.key',
  secret: 'staff.lrs.secret',
  activityBase: 'staff.lrs.activityBase',
  homePage: 'staff.lrs.homePage',
};

function isWebAddress(text: string): boolean {
  try {
    return ['http:', 'https:'].includes(new URL(text).protocol);
  } catch {
    return false;
  }
}

/** The first field the server would refuse, before asking it (it checks again). */
function firstProblem(
  form: Form,
  hasSecret: boolean,
): { field: Field; message: MessageKey } | undefined {
  if (!isWebAddress(form.endpoint.trim()))
    return { field: 'endpoint', message: 'staff.lrs.badUrl' };
  if (form.key.trim() === '') return { field: 'key', message: 'staff.lrs.required' };
  if (!hasSecret && form.secret === '') return { field: 'secret', message: 'staff.lrs.required' };
  for (const field of ['activityBase', 'homePage'] as const)
    if (form[field].trim() !== '' && !isWebAddress(form[field].trim()))
      return { field, message: 'staff.lrs.badUrl' };
  return undefined;
}

function toInput(form: Form): LrsSettingsInput {
  const optional = (text: string) => (text.trim() === '' ? undefined : text.trim());
  const activityBase = optional(form.activityBase);
  const homePage = optional(form.homePage);
  return {
    endpoint: form.endpoint.trim(),
    key: form.key.trim(),
    ...(form.secret === '' ? {} : { secret: form.secret }),
    ...(activityBase ? { activityBase } : {}),
    ...(homePage ? { homePage } : {}),
  };
}

export function LrsPanel({ api, onSessionEnded }: { api: StaffApi; onSessionEnded: () => void }) {
  const t = useT();
  const describe = useFailure(onSessionEnded);
  const [form, setForm] = useState<Form>(EMPTY);
  const [hasSecret, setHasSecret] = useState(false);
  const [loaded, setLoaded] = useState(false);
  const [invalid, setInvalid] = useState<Field>();
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState('');
  const [error, setError] = useState('');

  useEffect(() => {
    api
      .lrsSettings()
      .then((settings) => {
        if (settings.configured) {
          setForm({
            endpoint: settings.endpoint,
            key: settings.key,
            secret: '',
            activityBase: settings.activityBase ?? '',
            homePage: settings.homePage ?? '',
          });
          setHasSecret(settings.hasSecret);
        }
        setLoaded(true);
      })
      .catch((failure: unknown) => setError(describe(failure)));
    // `describe` changes with the language only; reloading then is not needed.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [api]);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    setMessage('');
    const problem = firstProblem(form, hasSecret);
    setInvalid(problem?.field);
    if (problem) {
      setError(t(problem.message, { field: t(LABELS[problem.field]) }));
      return;
    }
    setError('');
    setBusy(true);
    api
      .saveLrsSettings(toInput(form))
      .then((saved) => {
        // The secret went to the server; the field empties, everything else stays as typed.
        setForm((before) => ({ ...before, secret: '' }));
        if (saved.configured) setHasSecret(saved.hasSecret);
        setMessage(t('staff.lrs.saved'));
      })
      .catch((failure: unknown) => setError(describe(failure)))
      .finally(() => setBusy(false));
  };

  const field = (name: Field) => ({
    name,
    value: form[name],
    'aria-invalid': invalid === name ? true : undefined,
    onChange: (event: { target: { value: string } }) =>
      setForm((before) => ({ ...before, [name]: event.target.value })),
  });

  // The form comes once the stored settings are in, so a late answer never replaces typing.
  if (!loaded)
    return error ? <p role="alert">{error}</p> : <p role="status">{t('staff.loading')}</p>;
  return (
    <>
      <form className="staff-form" onSubmit={submit} noValidate aria-labelledby="staff-lrs-title">
        <h2 id="staff-lrs-title">{t('staff.lrs.title')}</h2>
        <p className="staff-help">{t('staff.lrs.help')}</p>
        <label>
          {t('staff.lrs.endpoint')}
          <input type="url" inputMode="url" autoComplete="off" required {...field('endpoint')} />
        </label>
        <label>
          {t('staff.lrs.key')}
          <input autoComplete="off" required {...field('key')} />
        </label>
        <label>
          {t('staff.lrs.secret')}
          <input
            type="password"
            autoComplete="new-password"
            aria-describedby="staff-lrs-secret-state"
            {...field('secret')}
          />
        </label>
        <p id="staff-lrs-secret-state" className="staff-help">
          {hasSecret ? t('staff.lrs.secretSet') : t('staff.lrs.secretMissing')}
        </p>
        <label>
          {t('staff.lrs.activityBase')}
          <input
            type="url"
            inputMode="url"
            autoComplete="off"
            aria-describedby="staff-lrs-optional"
            {...field('activityBase')}
          />
        </label>
        <label>
          {t('staff.lrs.homePage')}
          <input
            type="url"
            inputMode="url"
            autoComplete="off"
            aria-describedby="staff-lrs-optional"
            {...field('homePage')}
          />
        </label>
        <p id="staff-lrs-optional" className="staff-help">
          {t('staff.lrs.optionalHelp')}
        </p>
        {error && <p role="alert">{error}</p>}
        {message && <p role="status">{message}</p>}
        <button type="submit" className="primary" disabled={busy}>
          {busy ? t('staff.lrs.saving') : t('staff.lrs.save')}
        </button>
      </form>
      <ForwardingStatus api={api} describe={describe} refreshKey={message} />
    </>
  );
}

/** Queued, sent and rejected counts from GET /api/xapi/status, and a retry of the rejected. */
function ForwardingStatus({
  api,
  describe,
  refreshKey,
}: {
  api: StaffApi;
  describe: (failure: unknown) => string;
  /** Changes after a save, so the status is read again. */
  refreshKey: string;
}) {
  const t = useT();
  const [status, setStatus] = useState<XapiStatus>();
  const [message, setMessage] = useState('');
  const [error, setError] = useState('');

  const load = useCallback(() => {
    api
      .xapiStatus()
      .then((next) => {
        setStatus(next);
        setError('');
      })
      .catch((failure: unknown) => setError(describe(failure)));
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [api]);
  useEffect(load, [load, refreshKey]);

  const retry = () => {
    setMessage('');
    setError('');
    api
      .retryRejected()
      .then((count) => {
        setMessage(t('staff.lrs.retried', { count }));
        load();
      })
      .catch((failure: unknown) => setError(describe(failure)));
  };

  return (
    <section aria-labelledby="staff-lrs-status-title">
      <h2 id="staff-lrs-status-title">{t('staff.lrs.status')}</h2>
      {error && <p role="alert">{error}</p>}
      {!status && !error && <p role="status">{t('staff.loading')}</p>}
      {status && (
        <>
          {!status.configured && <p>{t('staff.lrs.notConfigured')}</p>}
          <dl className="staff-counts">
            <div>
              <dt>{t('staff.lrs.queued')}</dt>
              <dd>{status.queued}</dd>
            </div>
            <div>
              <dt>{t('staff.lrs.sent')}</dt>
              <dd>{status.sent}</dd>
            </div>
            <div>
              <dt>{t('staff.lrs.rejected')}</dt>
              <dd>{status.failed}</dd>
            </div>
          </dl>
          {status.paused && <p>{t('staff.lrs.paused')}</p>}
          {status.retryAt && (
            <p>{t('staff.lrs.retryAt', { time: new Date(status.retryAt).toLocaleString() })}</p>
          )}
          {status.lastError && (
            <p>
              {t('staff.lrs.lastError', {
                time: new Date(status.lastError.at).toLocaleString(),
                message: status.lastError.message,
              })}
            </p>
          )}
        </>
      )}
      <div className="staff-actions">
        <button
          type="button"
          onClick={() => {
            setError('');
            load();
          }}
        >
          {t('staff.lrs.refresh')}
        </button>
        <button type="button" onClick={retry} disabled={!status || status.failed === 0}>
          {t('staff.lrs.retry')}
        </button>
        {message && <span role="status">{message}</span>}
      </div>
    </section>
  );
}
