/** Staff accounts on the server: who signs in with which role, and a form to add HR or trainers. */
import { useCallback, useEffect, useState, type FormEvent } from 'react';
import { useT } from '../../components/i18n/use-t';
import type { NewStaff, ServerPerson, StaffApi, StaffRole } from './staff-api';
import { useFailure } from './use-failure';

const EMPTY: NewStaff = { login: '', name: '', role: 'trainer', password: '' };

export function AccountsPanel({
  api,
  caller,
  onSessionEnded,
}: {
  api: StaffApi;
  caller: ServerPerson;
  onSessionEnded: () => void;
}) {
  const t = useT();
  const describe = useFailure(onSessionEnded);
  const [staff, setStaff] = useState<ServerPerson[]>();
  const [form, setForm] = useState<NewStaff>(EMPTY);
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState('');
  const [error, setError] = useState('');
  // HR adds HR and trainers; only an administrator adds administrators (the server checks too).
  const roles: StaffRole[] =
    caller.role === 'admin' ? ['trainer', 'hr', 'admin'] : ['trainer', 'hr'];

  const load = useCallback(() => {
    api
      .people()
      .then((all) => setStaff(all.filter((person) => person.role !== 'trainee')))
      .catch((failure: unknown) => setError(describe(failure)));
    // `describe` changes with the language only; reloading then is not needed.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [api]);
  useEffect(load, [load]);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setError('');
    setMessage('');
    api
      .addStaff({ ...form, login: form.login.trim(), name: form.name.trim() })
      .then((person) => {
        // Only a success clears the form: a refused one keeps what was typed.
        setForm(EMPTY);
        setMessage(t('staff.accounts.added', { name: person.name, login: person.login ?? '' }));
        load();
      })
      .catch((failure: unknown) => setError(describe(failure)))
      .finally(() => setBusy(false));
  };

  const field = (key: 'login' | 'name' | 'password') => ({
    value: form[key],
    onChange: (event: { target: { value: string } }) =>
      setForm((before) => ({ ...before, [key]: event.target.value })),
  });

  return (
    <>
      <form className="staff-form" onSubmit={submit} aria-labelledby="staff-add-title">
        <h2 id="staff-add-title">{t('staff.accounts.add')}</h2>
        <label>
          {t('staff.login')}
          <input name="login" autoComplete="off" required {...field('login')} />
        </label>
        <label>
          {t('staff.accounts.name')}
          <input name="name" required {...field('name')} />
        </label>
        {/* Not wrapped: the options' text would join the label's name. */}
        <label htmlFor="staff-role">{t('staff.accounts.role')}</label>
        <select
          id="staff-role"
          value={form.role}
          onChange={(event) =>
            setForm((before) => ({ ...before, role: event.target.value as StaffRole }))
          }
        >
          {roles.map((role) => (
            <option key={role} value={role}>
              {t(`staff.role.${role}`)}
            </option>
          ))}
        </select>
        <label>
          {t('staff.password')}
          <input
            name="new-password"
            type="password"
            autoComplete="new-password"
            required
            minLength={10}
            aria-describedby="staff-password-help"
            {...field('password')}
          />
        </label>
        <p id="staff-password-help" className="staff-help">
          {t('staff.accounts.passwordHelp')}
        </p>
        {error && <p role="alert">{error}</p>}
        {message && <p role="status">{message}</p>}
        <button type="submit" className="primary" disabled={busy}>
          {t('staff.accounts.submit')}
        </button>
      </form>
      <section aria-labelledby="staff-accounts-title">
        <h2 id="staff-accounts-title">{t('staff.accounts.title')}</h2>
        {staff === undefined && !error && <p role="status">{t('staff.loading')}</p>}
        {staff && (
          <div className="staff-scroll" tabIndex={0} aria-labelledby="staff-accounts-title">
            <table className="staff-table">
              <thead>
                <tr>
                  <th scope="col">{t('staff.col.name')}</th>
                  <th scope="col">{t('staff.col.login')}</th>
                  <th scope="col">{t('staff.col.role')}</th>
                </tr>
              </thead>
              <tbody>
                {staff.map((person) => (
                  <tr key={person.id}>
                    <th scope="row">{person.name}</th>
                    <td>{person.login}</td>
                    <td>{t(`staff.role.${person.role}`)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>
    </>
  );
}
