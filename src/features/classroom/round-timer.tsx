import { useT, type MessageKey } from '../../components/i18n/use-t';
import { formatClock, roundClock } from '../../data/class-rounds';
import type { ClassRound } from '../../data/db';
import { useNow } from './use-now';

/** The big round countdown; `clock` is injectable (tests and the e2e fake it). */
export function RoundTimer({
  round,
  clock = Date.now,
  big = false,
}: {
  round: ClassRound;
  clock?: () => number;
  big?: boolean;
}) {
  const t = useT();
  const now = useNow(clock);
  const { phase, remainingMs } = roundClock(round, now);
  return (
    <div className={big ? 'round-timer big' : 'round-timer'} data-phase={phase}>
      <span className="round-timer-label">{t('class.round', { n: round.number })}</span>
      <span role="timer" aria-label={t('class.timer')} className="round-timer-clock">
        {formatClock(remainingMs)}
      </span>
      <span className="round-timer-phase">{t(`class.phase.${phase}` as MessageKey)}</span>
    </div>
  );
}
