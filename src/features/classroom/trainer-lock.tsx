/**
 * The trainer PIN: a convenience lock for shared classroom devices, not security (the PIN's
 * salted hash sits in this browser's storage; the LMS is the system of record). It guards the
 * trainer pages and HR's records; an unlock lasts for the tab (see trainer-pin.ts).
 */
import { useEffect, useState, type FormEvent, type ReactNode } from 'react';
import { useT } from '../../components/i18n/use-t';
import {
  forgetSession,
  pinWaitMs,
  readStoredPin,
  sessionUnlocked,
  setPin as saveNewPin,
  tryPin,
  type StoredPin,
} from './trainer-pin';

/**
 * Shows the trainer pages once the PIN is entered (or when no PIN is set, with an offer to set
 * one; `quiet` leaves the offer out, for a page trainees use too).
 */
export function TrainerLock({ children, quiet = false }: { children: ReactNode; quiet?: boolean }) {
  const t = useT();
  const [stored, setStored] = useState<StoredPin | undefined>(undefined);
  const [unlocked, setUnlocked] = useState(false);
  const [waitUntil, setWaitUntil] = useState(0);
  const [busy, setBusy] = useState(false);
  const [pin, setPin] = useState('');
  const [message, setMessage] = useState('');

  useEffect(() => {
    let live = true;
    const load = async () => {
      const found = await readStoredPin();
      const [open, waitMs] = await Promise.all([sessionUnlocked(found), pinWaitMs()]);
      if (!live) return;
      setUnlocked(open);
      if (waitMs > 0) setWaitUntil(Date.now() + waitMs);
      setStored(found);
    };
    load().catch(() => {
      if (live) setStored(null);
    });
    return () => {
      live = false;
    };
  }, []);

  const waiting = waitUntil > 0;
  useEffect(() => {
    if (!waiting) return;
    const timer = setTimeout(() => setWaitUntil(0), Math.max(0, waitUntil - Date.now()));
    return () => clearTimeout(timer);
  }, [waiting, waitUntil]);

  if (stored === undefined) return <p className="page">{t('trainer.loading')}</p>;

  const unlock = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    try {
      const result = await tryPin(pin);
      if (result.ok) {
        setUnlocked(true);
        setPin('');
        setMessage('');
        return;
      }
      setWaitUntil(Date.now() + result.waitMs);
      const seconds = Math.ceil(result.waitMs / 1000);
      setMessage(result.tooSoon ? t('pin.wait', { seconds }) : t('pin.wrongWait', { seconds }));
    } finally {
      setBusy(false);
    }
  };

  const setNewPin = async (event: FormEvent) => {
    event.preventDefault();
    if (!/^\d{4,8}$/.test(pin)) {
      setMessage(t('pin.bad'));
      return;
    }
    setBusy(true);
    try {
      await saveNewPin(pin);
      setStored(await readStoredPin());
      setUnlocked(true);
      setPin('');
      setMessage(t('pin.saved'));
    } finally {
      setBusy(false);
    }
  };

  if (stored !== null && !unlocked)
    return (
      <section className="page trainer-lock">
        <h1>{t('pin.title')}</h1>
        <p className="notice">{t('pin.note')}</p>
        <form onSubmit={(event) => void unlock(event)}>
          <PinField label={t('pin.enter')} value={pin} onChange={setPin} />
          <button type="submit" disabled={busy || waiting}>
            {t('pin.unlock')}
          </button>
        </form>
        {message && <p role="alert">{message}</p>}
      </section>
    );

  if (stored === null && quiet) return <>{children}</>;

  return (
    <>
      <details className="trainer-pin-bar">
        <summary>{stored === null ? t('pin.noneSet') : t('pin.title')}</summary>
        <p>{t('pin.note')}</p>
        <form onSubmit={(event) => void setNewPin(event)}>
          <PinField label={t('pin.new')} value={pin} onChange={setPin} />
          <button type="submit" disabled={busy}>
            {t('pin.set')}
          </button>
          {stored !== null && (
            <button
              type="button"
              onClick={() => {
                forgetSession();
                setUnlocked(false);
                setMessage('');
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

/** A PIN entry: digits on a phone's keypad, never autofilled or shown. */
function PinField(props: { label: string; value: string; onChange: (value: string) => void }) {
  return (
    <label>
      {props.label}
      <input
        type="password"
        inputMode="numeric"
        autoComplete="off"
        value={props.value}
        onChange={(event) => props.onChange(event.target.value)}
      />
    </label>
  );
}
