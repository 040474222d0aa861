import { useState } from 'react';
import type { Analyzer } from '../../core/analyzer';
import type { Report } from '../../core/report';
import type { Scenario } from '../../core/scenario-schema';
import { useLocalized, useT } from '../../components/i18n/use-t';
import { ReplyDiff } from './reply-diff';
import { TurnRetry } from './turn-retry';

/** Each reply that scored below the step's best authored choice: the model beside it, and a retry. */
export function WeakReplies({
  report,
  scenario,
  analyzer,
}: {
  report: Report;
  scenario: Scenario | undefined;
  analyzer: Analyzer | undefined;
}) {
  const t = useT();
  const local = useLocalized();
  const [open, setOpen] = useState<number | null>(null);
  const weak = report.turns.filter(
    (turn) => turn.bestChoice !== undefined && turn.score < turn.bestChoice.points,
  );
  return (
    <section className="report-section" aria-labelledby="weak-title">
      <h2 id="weak-title">{t('report.weak.title')}</h2>
      {weak.length === 0 && <p>{t('report.weak.none')}</p>}
      {weak.length > 0 && <p className="diff-help">{t('report.weak.diffHelp')}</p>}
      <ol className="weak-list">
        {weak.map((turn) => (
          <li key={turn.turn} className="weak-turn">
            <h3>
              {t('report.weak.turnScore', {
                turn: turn.turn,
                score: turn.score,
                best: turn.bestChoice?.points ?? 0,
              })}
            </h3>
            <ReplyDiff model={turn.bestChoice?.text['zh-CN'] ?? ''} yours={turn.text} />
            {turn.bestChoice && local(turn.bestChoice.text) !== turn.bestChoice.text['zh-CN'] && (
              <p className="model-translation">{local(turn.bestChoice.text)}</p>
            )}
            {scenario && analyzer && (
              <>
                <button
                  type="button"
                  aria-expanded={open === turn.turn}
                  onClick={() => setOpen(open === turn.turn ? null : turn.turn)}
                >
                  {open === turn.turn ? t('report.retry.close') : t('report.retry.open')}
                </button>
                {open === turn.turn && (
                  <TurnRetry
                    scenario={scenario}
                    analyzer={analyzer}
                    mode={report.mode}
                    transcript={report.transcript}
                    turn={turn}
                  />
                )}
              </>
            )}
          </li>
        ))}
      </ol>
    </section>
  );
}
