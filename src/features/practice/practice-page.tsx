import { useCallback, useEffect, useState } from 'react';
import { analysisContextOf } from '../../core/analysis-context';
import { currentStep, type TraineeEntry } from '../../core/scenario-machine';
import { mayStartExam } from '../../data/exam-limits';
import type { Mode } from '../../core/scenario-schema';
import { useLocalized, useT, type MessageKey } from '../../components/i18n/use-t';
import { useCatalogStore } from '../../stores/use-catalog-store';
import { replyLimitSec, usePracticeStore } from '../../stores/use-practice-store';
import { ChatLog } from './chat-log';
import { ChoiceFeedback } from './choice-feedback';
import { ChoiceReplies } from './choice-replies';
import { CoachHints } from './coach-hints';
import { MoodMeter } from './mood-meter';
import { PersonaPanel } from './persona-panel';
import { ReplyComposer } from './reply-composer';
import { ReplyCountdown } from './reply-countdown';
import { ResumeOffer } from './resume-offer';
import { SpeechControls } from './speech-controls';
import './practice.css';

function go(hash: string): void {
  window.location.hash = hash;
}

/** The practice page: a conversation with the simulated customer in coach, exam or choice mode. */
export function PracticePage({ scenarioId, mode }: { scenarioId: string; mode: Mode }) {
  const t = useT();
  const local = useLocalized();
  const catalogStatus = useCatalogStore((state) => state.status);
  const scenario = useCatalogStore((state) => state.scenarioById(scenarioId));
  const analyzer = useCatalogStore((state) => state.analyzer);
  const practice = usePracticeStore();
  const [draft, setDraft] = useState('');
  const ready = scenario !== undefined && analyzer !== undefined;

  // Open once per scenario and mode; a later analyzer (dictionary loaded) is swapped in below.
  useEffect(() => {
    if (!ready) return;
    const { scenarios, analyzer: tagger } = useCatalogStore.getState();
    const found = scenarios.find((item) => item.id === scenarioId);
    if (found && tagger) void usePracticeStore.getState().open(found, tagger, mode);
    return () => usePracticeStore.getState().reset();
  }, [ready, scenarioId, mode]);

  useEffect(() => {
    if (analyzer) usePracticeStore.getState().upgradeAnalyzer(analyzer);
  }, [analyzer]);

  useEffect(() => {
    if (practice.phase === 'needs-profile')
      go(`#/profile?next=${encodeURIComponent(window.location.hash || '#/')}`);
    if (practice.phase === 'finished' && practice.attempt) go(`#/report/${practice.attempt.id}`);
  }, [practice.phase, practice.attempt]);

  const send = practice.send;
  const onTimeout = useCallback((at: number) => void send({ type: 'TIMEOUT', at }), [send]);

  if (catalogStatus === 'loading' || (ready && practice.phase === 'idle'))
    return <p className="page">{t('practice.loading')}</p>;
  if (!scenario || !analyzer)
    return (
      <section className="page">
        <h1>{t('practice.notFound')}</h1>
        <a href="#/library">{t('practice.backToLibrary')}</a>
      </section>
    );

  const activeMode = practice.phase === 'running' ? practice.mode : mode;
  const title = (
    <header className="practice-header">
      <h1>{local(scenario.title)}</h1>
      <p className="practice-mode">{t(`practice.mode.${activeMode}` as MessageKey)}</p>
    </header>
  );

  const allowance = practice.examAllowance;
  const examUsed =
    allowance?.limit !== undefined
      ? t('practice.exam.used', { used: allowance.used, limit: allowance.limit })
      : undefined;

  if (practice.phase === 'limit-reached')
    return (
      <section className="page practice">
        {title}
        <p role="alert" className="notice">
          {t('practice.exam.limitReached', {
            used: allowance?.used ?? 0,
            limit: allowance?.limit ?? 0,
          })}
        </p>
        <a href="#/library">{t('practice.backToLibrary')}</a>
      </section>
    );

  if (practice.phase === 'offer-resume' && practice.resumable) {
    const canRestart = !allowance || mayStartExam(allowance);
    const notes = allowance
      ? [
          ...(examUsed ? [examUsed] : []),
          t(canRestart ? 'practice.exam.restartCounts' : 'practice.exam.noRestart'),
        ]
      : [];
    return (
      <section className="page practice">
        {title}
        <ResumeOffer
          record={practice.resumable.record}
          onResume={practice.resume}
          onRestart={() => void practice.startOver()}
          notes={notes}
          canRestart={canRestart}
        />
      </section>
    );
  }

  if (practice.phase === 'error')
    return (
      <section className="page practice">
        {title}
        <p role="alert">{t('practice.saveFailed', { reason: practice.error ?? '' })}</p>
      </section>
    );

  const snapshot = practice.snapshot;
  if (!snapshot || (practice.phase !== 'running' && practice.phase !== 'finished'))
    return <p className="page">{t('practice.loading')}</p>;

  const context = snapshot.context;
  const step = currentStep(snapshot, scenario);
  const lastCustomer = [...context.transcript].reverse().find((entry) => entry.role === 'customer');
  const lastReply = [...context.transcript]
    .reverse()
    .find((entry): entry is TraineeEntry => entry.role === 'trainee');
  const limit = replyLimitSec(scenario, activeMode);
  const running = practice.phase === 'running' && step !== undefined;
  const reply = (text: string) => practice.send({ type: 'REPLY', text, at: Date.now() });

  return (
    <section className="page practice">
      {title}
      <div className="practice-layout">
        <div className="practice-main">
          <MoodMeter mood={context.mood} previous={lastReply?.moodBefore} />
          <ChatLog entries={context.transcript} customerName={local(scenario.persona.name)} />
          {/* The chat log shows the line; this copy is what screen readers announce. */}
          <div className="visually-hidden" aria-live="polite">
            {lastCustomer &&
              t('practice.current.said', {
                name: local(scenario.persona.name),
                line: local(lastCustomer.text),
              })}
          </div>
          <SpeechControls
            line={lastCustomer ? lastCustomer.text['zh-CN'] : ''}
            onHeard={
              activeMode === 'choice' ? undefined : (heard) => setDraft((text) => text + heard)
            }
          />
          {practice.staleNotice && (
            <DismissibleNotice
              text={
                practice.staleNotice.unsent === undefined
                  ? t('practice.stale')
                  : practice.staleNotice.finished
                    ? t('practice.staleFinished', { text: practice.staleNotice.unsent })
                    : t('practice.staleUnsent')
              }
              onDismiss={practice.dismissStale}
            />
          )}
          {practice.memoryNotice === 'shown' && (
            <DismissibleNotice
              text={t('practice.memoryOnly')}
              onDismiss={practice.dismissMemoryNotice}
            />
          )}
          {practice.error && (
            <p role="alert" className="notice bad">
              {t('practice.saveFailed', { reason: practice.error })}
            </p>
          )}
          {!running && <p role="status">{t('practice.finishing')}</p>}
          {activeMode === 'choice' && lastReply && (
            <ChoiceFeedback entry={lastReply} findings={context.findings} />
          )}
          {running && activeMode === 'choice' && (
            <ChoiceReplies
              choices={step.choices}
              seed={`${practice.attempt?.id ?? ''}:${context.turn}`}
              busy={practice.saving}
              onChoose={(text) => void reply(text)}
            />
          )}
          {running && activeMode !== 'choice' && (
            <ReplyComposer
              draft={draft}
              onDraftChange={setDraft}
              onSend={reply}
              busy={practice.saving}
              turn={context.turn}
            >
              {activeMode === 'coach' && (
                <CoachHints
                  draft={draft}
                  analyzer={analyzer}
                  step={step}
                  context={analysisContextOf(scenario)}
                />
              )}
              {limit !== undefined && (
                <ReplyCountdown
                  key={`${context.turn}-${practice.shownAt}`}
                  limitSec={limit}
                  startedAt={practice.shownAt}
                  onExpire={onTimeout}
                />
              )}
            </ReplyComposer>
          )}
          <p className="practice-help">
            {activeMode === 'coach' && t('practice.mode.coachHelp')}
            {activeMode === 'exam' && t('practice.mode.examHelp', { seconds: limit ?? 0 })}
            {activeMode === 'exam' && examUsed && ` ${examUsed}`}
            {activeMode === 'choice' && t('practice.mode.choiceHelp')}
          </p>
          <button type="button" className="leave" onClick={() => go('#/library')}>
            {t(practice.keptIn === 'memory' ? 'practice.leaveUnsaved' : 'practice.leave')}
          </button>
        </div>
        <PersonaPanel scenario={scenario} />
      </div>
    </section>
  );
}

/** A status line the trainee can put away. */
function DismissibleNotice({ text, onDismiss }: { text: string; onDismiss: () => void }) {
  const t = useT();
  return (
    <p role="status" className="notice">
      {text}{' '}
      <button type="button" onClick={onDismiss}>
        {t('practice.dismiss')}
      </button>
    </p>
  );
}
