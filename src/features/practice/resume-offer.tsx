import type { AttemptRecord } from '../../data/db';
import type { ConversationContext } from '../../core/scenario-machine';
import { useLocaleStore } from '../../stores/use-locale-store';
import { useT } from '../../components/i18n/use-t';

function turnsOf(record: AttemptRecord): number {
  const snapshot = record.snapshot as { context?: Partial<ConversationContext> } | undefined;
  return snapshot?.context?.turn ?? 0;
}

/** Asks whether to continue an unfinished attempt of this scenario or start a new one. */
export function ResumeOffer({
  record,
  onResume,
  onRestart,
  notes = [],
  canRestart = true,
}: {
  record: AttemptRecord;
  onResume: () => void;
  onRestart: () => void;
  /** What starting over means here (an exam: one more attempt of a limited number). */
  notes?: readonly string[];
  canRestart?: boolean;
}) {
  const t = useT();
  const locale = useLocaleStore((state) => state.locale);
  const when = new Date(record.startedAt).toLocaleString(locale);
  return (
    <section className="resume-offer" aria-labelledby="resume-title">
      <h2 id="resume-title">{t('practice.resume.title')}</h2>
      <p>{t('practice.resume.body', { when, turns: turnsOf(record) })}</p>
      {notes.map((note) => (
        <p key={note}>{note}</p>
      ))}
      <div className="button-row">
        <button type="button" className="primary" onClick={onResume}>
          {t('practice.resume.continue')}
        </button>
        {canRestart && (
          <button type="button" onClick={onRestart}>
            {t('practice.resume.restart')}
          </button>
        )}
      </div>
    </section>
  );
}
