import type { Finding } from '../../core/scoring';
import { sumPoints } from '../../core/scoring';
import type { TraineeEntry } from '../../core/scenario-machine';
import { useLocalized, useT } from '../../components/i18n/use-t';

function signed(points: number): string {
  return points > 0 ? `+${points}` : String(points);
}

/**
 * Choice mode: what the last pick earned and why, shown beside the customer's next line: its
 * points, each finding of that turn (a lost point with the better way to say it) and the mood.
 */
export function ChoiceFeedback({
  entry,
  findings,
}: {
  entry: TraineeEntry;
  /** The conversation's findings so far; those of the entry's turn are shown. */
  findings: readonly Finding[];
}) {
  const t = useT();
  const local = useLocalized();
  const mine = findings.filter((finding) => finding.turn === entry.turn);
  const points = sumPoints(mine);
  return (
    <section className="choice-feedback" aria-label={t('practice.choice.feedback')}>
      <p role="status">
        <strong>{t('practice.choice.earned', { points: signed(points) })}</strong>{' '}
        {t('practice.choice.mood', { before: entry.moodBefore, after: entry.moodAfter })}
      </p>
      {mine.length === 0 ? (
        <p>{t('practice.choice.nothing')}</p>
      ) : (
        <ul>
          {mine.map((finding, index) => (
            <li key={index} className={finding.points < 0 ? 'lost' : 'gained'}>
              <span className="choice-points">{signed(finding.points)}</span>{' '}
              {local(finding.message)}
              {finding.points < 0 && (
                <span className="choice-better">
                  {' '}
                  {t('practice.hints.better', { better: local(finding.better) })}
                </span>
              )}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
