import { useEffect, useRef, useState } from 'react';
import { useT } from '../../components/i18n/use-t';

/** Exam mode: seconds left for this reply; calls onExpire once when they run out. */
export function ReplyCountdown({
  limitSec,
  startedAt,
  onExpire,
}: {
  limitSec: number;
  /** Epoch ms the customer's line appeared. */
  startedAt: number;
  onExpire: (at: number) => void;
}) {
  const t = useT();
  const deadline = startedAt + limitSec * 1000;
  const [now, setNow] = useState(() => Date.now());
  const expired = useRef(false);
  const expire = useRef(onExpire);
  useEffect(() => {
    expire.current = onExpire;
  }, [onExpire]);

  useEffect(() => {
    expired.current = false;
    const timer = window.setInterval(() => {
      const current = Date.now();
      setNow(current);
      if (current >= deadline && !expired.current) {
        expired.current = true;
        expire.current(deadline);
      }
    }, 250);
    return () => window.clearInterval(timer);
  }, [deadline]);

  const seconds = Math.max(0, Math.ceil((deadline - now) / 1000));
  return (
    <p className={seconds <= 10 ? 'reply-countdown urgent' : 'reply-countdown'}>
      <span>{t('practice.timer.label')}</span>
      <span role="timer" aria-live="off">
        {t('practice.timer.value', { seconds })}
      </span>
    </p>
  );
}
