/**
 * The trainer PIN: a convenience lock for shared classroom devices, not security (the PIN's
 * hash sits in this browser's storage; the LMS is the system of record). Unlocked per tab.
 */
import { useEffect, useState, type FormEvent, type ReactNode } from 'react';
import { useT } from '../../components/i18n/use-t';
import { database } from '../../data/db';

const PIN_KEY = 'trainer-pin';
const UNLOCKED_KEY = 'servicedojo-trainer-unlocked';

async function hashPin(pin: string): Promise<string> {
  const digest = await crypto.subtle.digest(
    'SHA-256',
    new TextEncoder().encode(`servicedojo:${pin}`),
  );
  return [...new Uint8Array(digest)].map((byte) => byte.toString(16).padStart(2, '0')).join('');
}

function unlockedHere(): boolean {
  try {
    return sessionStorage.getItem(UNLOCKED_KEY) === 'yes';
  } catch {
    return false;
  }
}

function rememberUnlocked(on: boolean): void {
  try {
    if (on) sessionStorage.setItem(UNLOCKED_KEY, 'yes');
    else sessionStorage.removeItem(UNLOCKED_KEY);
  } catch {
    // No session storage: the lock asks again on the next page.
  }
}

/** Shows the trainer pages once the PIN is entered (or when no PIN is set, with an offer to set one). */
export function TrainerLock({ children }: { children: ReactNode }) {
  const t = useT();
  const [stored, setStored] = useState<string | null | undefined>(undefined);
  const [unlocked, setUnlocked] = useState(unlockedHere);
  const [pin, setPin] = useState('');
  const [message, setMessage] = useState('');

  useEffect(() => {
    void database()
      .settings.get(PIN_KEY)
      .then((row) => setStored(typeof row?.value === 'string' ? row.value : null))
      .catch(() => setStored(null));
  }, []);

  if (stored === undefined) return <p className="page">{t('trainer.loading')}</p>;

  const unlock = async (event: FormEvent) => {
    event.preventDefault();
    if ((await hashPin(pin)) === stored) {
      rememberUnlocked(true);
      setUnlocked(true);
      setPin('');
    } else setMessage(t('pin.wrong'));
  };

  const setNewPin = async (event: FormEvent) => {
    event.preventDefault();
    if (!/^\d{4,8}$/.test(pin)) {
      setMessage(t('pin.bad'));
      return;
    }
    const value = await hashPin(pin);
    await database().settings.put({ key: PIN_KEY, value });
    rememberUnlocked(true);
    setStored(value);
    setUnlocked(true);
    setPin('');
    setMessage(t('pin.saved'));
  };

  if (stored !== null && !unlocked)
    return (
      <section className="page trainer-lock">
        <h1>{t('pin.title')}</h1>
        <p className="notice">{t('pin.note')}</p>
        <form onSubmit={(event) => void unlock(event)}>
          <label>
            {t('pin.enter')}
            <input
              type="password"
              inputMode="numeric"
              autoComplete="off"
              value={pin}
              onChange={(event) => setPin(event.target.value)}
            />
          </label>
          <button type="submit">{t('pin.unlock')}</button>
        </form>
        {message && <p role="alert">{message}</p>}
      </section>
    );

  return (
    <>
      <details className="trainer-pin-bar">
        <summary>{stored === null ? t('pin.noneSet') : t('pin.title')}</summary>
        <p>{t('pin.note')}</p>
        <form onSubmit={(event) => void setNewPin(event)}>
          <label>
            {t('pin.new')}
            <input
              type="password"
              inputMode="numeric"
              autoComplete="off"
              value={pin}
              onChange={(event) => setPin(event.target.value)}
            />
          </label>
          <button type="submit">{t('pin.set')}</button>
          {stored !== null && (
            <button
              type="button"
              onClick={() => {
                rememberUnlocked(false);
                setUnlocked(false);
              }}
            >
              {t('pin.lock')}
            </button>
          )}
        </form>
        {message && <p role="status">{message}</p>}
      </details>
      {children}
    </>
  );
}
