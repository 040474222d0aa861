import { useState, type FormEvent } from 'react';
import { useConversation } from '../../components/conversation/use-conversation';
import { useLocalized, useT } from '../../components/i18n/use-t';
import type { Analyzer } from '../../core/analyzer';
import { reply as sendReply, reportOf } from '../../core/attempt';
import type { Scenario } from '../../core/scenario-schema';

/** Runs the scenario in the editor as a trainee would (typed replies), without saving anything. */
export function Playtest({ scenario, analyzer }: { scenario: Scenario; analyzer: Analyzer }) {
  const t = useT();
  const local = useLocalized();
  const [startedAt] = useState(() => Date.now());
  const live = useConversation(scenario, analyzer, startedAt);
  const [reply, setReply] = useState('');

  if (!live) return null;
  const { conversation, snapshot } = live;
  const send = (event: FormEvent) => {
    event.preventDefault();
    if (reply.trim() === '') return;
    sendReply(conversation, reply.trim(), Date.now() - snapshot.context.promptedAt);
    setReply('');
  };
  const report = snapshot.status === 'done' ? reportOf(scenario, analyzer, snapshot) : undefined;

  return (
    <div className="playtest">
      <ol aria-label={t('authoring.playtest')}>
        {snapshot.context.transcript.map((entry, index) => (
          <li key={index} className={entry.role}>
            {entry.role === 'customer'
              ? `${local(scenario.persona.name)}：${local(entry.text)}`
              : `→ ${entry.text} [${entry.analysis.tags.join(', ')}]`}
          </li>
        ))}
      </ol>
      {report ? (
        <p role="status">
          {t('authoring.playtestScore', {
            ending: report.ending ? local(report.ending.debrief) : '—',
            score: report.score,
          })}
        </p>
      ) : (
        <form onSubmit={send}>
          <label className="block">
            {t('authoring.playtestReply')}
            <textarea rows={2} value={reply} onChange={(event) => setReply(event.target.value)} />
          </label>
          <button type="submit">{t('authoring.playtestSend')}</button>
        </form>
      )}
    </div>
  );
}
