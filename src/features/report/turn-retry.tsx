import { useId, useState, type FormEvent } from 'react';
import type { Analyzer } from '../../core/analyzer';
import type { TurnReport } from '../../core/report';
import type { Mode, Scenario } from '../../core/scenario-schema';
import type { TranscriptEntry } from '../../core/scenario-machine';
import { useLocalized, useT } from '../../components/i18n/use-t';
import { MAX_REPLY_CHARS, replyProblem, retryTurn, type RetryResult } from '../../core/attempt';

/** Answers one turn again from the conversation as it stood before it; practice only, nothing saved. */
export function TurnRetry({
  scenario,
  analyzer,
  mode,
  transcript,
  turn,
}: {
  scenario: Scenario;
  analyzer: Analyzer;
  mode: Mode;
  transcript: readonly TranscriptEntry[];
  turn: TurnReport;
}) {
  const t = useT();
  const local = useLocalized();
  const id = useId();
  const [text, setText] = useState('');
  const [problem, setProblem] = useState<string | null>(null);
  const [result, setResult] = useState<RetryResult | 'unavailable' | undefined>();
  const index = transcript.findIndex(
    (entry) => entry.role === 'trainee' && entry.turn === turn.turn,
  );
  const prompt = transcript
    .slice(0, Math.max(0, index))
    .reverse()
    .find((entry) => entry.role === 'customer');

  function onSubmit(event: FormEvent) {
    event.preventDefault();
    const found = replyProblem(text);
    if (found) {
      setProblem(
        found.kind === 'empty'
          ? t('practice.reply.empty')
          : t('practice.reply.tooLong', { max: MAX_REPLY_CHARS, count: found.count }),
      );
      return;
    }
    setProblem(null);
    setResult(retryTurn(scenario, analyzer, mode, transcript, turn.turn, text) ?? 'unavailable');
  }

  return (
    <form className="turn-retry" onSubmit={onSubmit}>
      {prompt && prompt.role === 'customer' && (
        <p>
          <strong>{t('report.retry.prompt')}</strong> {local(prompt.text)}
        </p>
      )}
      <label htmlFor={`${id}-text`}>{t('report.retry.label', { turn: turn.turn })}</label>
      <textarea
        id={`${id}-text`}
        rows={3}
        value={text}
        onChange={(event) => setText(event.target.value)}
        aria-describedby={`${id}-problem`}
      />
      <p id={`${id}-problem`} role="alert" className="reply-problem">
        {problem}
      </p>
      <button type="submit" className="primary">
        {t('report.retry.submit')}
      </button>
      <div role="status" className="retry-result">
        {result === 'unavailable' && <p>{t('report.retry.unavailable')}</p>}
        {result !== undefined && result !== 'unavailable' && (
          <>
            <p>
              {t('report.retry.result', {
                score: result.score,
                old: turn.score,
                max: turn.maximum,
              })}{' '}
              <strong>
                {result.score > turn.score
                  ? t('report.retry.better')
                  : result.score === turn.score
                    ? t('report.retry.same')
                    : t('report.retry.worse')}
              </strong>
            </p>
            {result.reaction && (
              <p>
                <strong>{t('report.retry.reaction')}</strong> {local(result.reaction.text)}
              </p>
            )}
          </>
        )}
      </div>
      <p className="retry-note">{t('report.retry.note')}</p>
    </form>
  );
}
