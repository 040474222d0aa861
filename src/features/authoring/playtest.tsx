import { useEffect, useRef, useState, type FormEvent } from 'react';
import { createActor, type Actor } from 'xstate';
import { useLocalized, useT } from '../../components/i18n/use-t';
import type { Analyzer } from '../../core/analyzer';
import { buildReport } from '../../core/report';
import {
  createScenarioMachine,
  type ConversationSnapshot,
  type ScenarioMachine,
} from '../../core/scenario-machine';
import type { Scenario } from '../../core/scenario-schema';

/** Runs the scenario in the editor as a trainee would (typed replies), without saving anything. */
export function Playtest({ scenario, analyzer }: { scenario: Scenario; analyzer: Analyzer }) {
  const t = useT();
  const local = useLocalized();
  const actorRef = useRef<Actor<ScenarioMachine> | undefined>(undefined);
  const [snapshot, setSnapshot] = useState<ConversationSnapshot | undefined>();
  const [reply, setReply] = useState('');

  useEffect(() => {
    const actor = createActor(createScenarioMachine(scenario, analyzer), {
      input: { mode: 'coach', startedAt: Date.now() },
    });
    actorRef.current = actor;
    // start() reports the first snapshot to the subscriber, every event the next one.
    actor.subscribe((next) => setSnapshot(next));
    actor.start();
    return () => {
      actor.stop();
    };
  }, [scenario, analyzer]);

  if (!snapshot) return null;
  const send = (event: FormEvent) => {
    event.preventDefault();
    const actor = actorRef.current;
    if (!actor || reply.trim() === '') return;
    actor.send({ type: 'REPLY', text: reply.trim(), at: Date.now() });
    setSnapshot(actor.getSnapshot());
    setReply('');
  };
  const report = snapshot.status === 'done' ? buildReport(scenario, snapshot, analyzer) : undefined;

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
