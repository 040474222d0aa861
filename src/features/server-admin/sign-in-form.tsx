import { useState, type FormEvent } from 'react';
import { useT } from '../../components/i18n/use-t';
import { StaffApiError, type ServerPerson, type StaffApi } from './staff-api';

/** The command a new company runs once on the server (README, src/server/admin.ts). */
const CREATE_ADMIN = 'npm run server:admin -- --login LOGIN --name NAME';

/** Login and password; while the server has no administrator, how to create the first one. */
export function SignInForm({
  api,
  firstRun,
  onSignedIn,
}: {
  api: StaffApi;
  firstRun: boolean;
  onSignedIn: (person: ServerPerson) => void;
}) {
  const t = useT();
  const [login, setLogin] = useState('');
  const [password, setPassword] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState('');

  const submit = (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setError('');
    api
      .signIn(login.trim(), password)
      .then((person) => {
        setPassword('');
        onSignedIn(person);
      })
      .catch((failure: unknown) => {
        const status = failure instanceof StaffApiError ? failure.status : 0;
        setError(
          status === 401 || status === 400
            ? t('staff.wrongPassword')
            : status === 429
              ? t('staff.tooMany')
              : t('staff.error', {
                  message: failure instanceof Error ? failure.message : String(failure),
                }),
        );
      })
      .finally(() => setBusy(false));
  };

  return (
    <>
      {firstRun && (
        <div className="staff-first-run" role="note">
          <p>{t('staff.firstRun')}</p>
          <pre>
            <code>{CREATE_ADMIN}</code>
          </pre>
        </div>
      )}
      <form className="staff-form" onSubmit={submit} aria-labelledby="staff-sign-in">
        <h2 id="staff-sign-in">{t('staff.signIn')}</h2>
        <p className="staff-help">{t('staff.signInHelp')}</p>
        <label>
          {t('staff.login')}
          <input
            name="login"
            autoComplete="username"
            required
            value={login}
            onChange={(event) => setLogin(event.target.value)}
          />
        </label>
        <label>
          {t('staff.password')}
          <input
            name="password"
            type="password"
            autoComplete="current-password"
            required
            value={password}
            onChange={(event) => setPassword(event.target.value)}
          />
        </label>
        {error && <p role="alert">{error}</p>}
        <button type="submit" className="primary" disabled={busy}>
          {busy ? t('staff.signingIn') : t('staff.signIn')}
        </button>
      </form>
    </>
  );
}
