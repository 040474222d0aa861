import { useMemo, useState } from 'react';
import { useLocalized, useT } from '../../components/i18n/use-t';
import { groupScenarioId } from '../../data/class-rounds';
import {
  forbiddenPhraseOptions,
  groupPhraseOptions,
  observedReasons,
  observedReport,
  scorecardItems,
  type HeardPhraseOption,
} from '../../core/observer-scorecard';
import { saveObservedAttempt } from '../../data/observer-scorecard';
import { isServerClass, sendObservation } from '../../data/server-classes';
import { useCatalogStore } from '../../stores/use-catalog-store';
import { useClassroomStore } from '../../stores/use-classroom-store';

/**
 * A checklist from the scenario's rules, quick to tap during a live role play: the group of the
 * current round gives the rep, the observer and the scenario; the score and its reasons follow
 * every tap; saving records an observed attempt of that round.
 */
export function ObserverScorecard({ clock = Date.now }: { clock?: () => number }) {
  const t = useT();
  const local = useLocalized();
  const record = useClassroomStore((state) => state.record);
  const resultsChanged = useClassroomStore((state) => state.resultsChanged);
  const analyzer = useCatalogStore((state) => state.analyzer);
  const scenarioById = useCatalogStore((state) => state.scenarioById);
  const round = record?.rounds[record.rounds.length - 1];
  const [groupId, setGroupId] = useState('');
  const [traineeId, setTraineeId] = useState('');
  const [scenarioChoice, setScenarioChoice] = useState('');
  const [observerChoice, setObserverChoice] = useState<string | undefined>();
  const [done, setDone] = useState<string[]>([]);
  const [heard, setHeard] = useState<string[]>([]);
  const [message, setMessage] = useState('');
  const phrases = useMemo(() => (analyzer ? forbiddenPhraseOptions(analyzer) : []), [analyzer]);
  const grouped = useMemo(() => groupPhraseOptions(phrases), [phrases]);
  if (!record || !analyzer) return null;

  const nameOf = (id: string | undefined) =>
    record.roster.find((entry) => entry.id === id)?.name ?? '';
  const assignments = round?.assignments ?? [];
  const roles = assignments.find((a) => a.groupId === groupId) ?? assignments[0];
  const groupNumber = (id: string) => record.groups.findIndex((g) => g.id === id) + 1;
  const trainee = record.roster.find(
    (entry) => entry.id === (traineeId || roles?.rep || record.roster[0]?.id),
  );
  const scenarioId =
    scenarioChoice ||
    (roles ? groupScenarioId(record, roles.groupId) : undefined) ||
    record.scenarioIds[0] ||
    '';
  const scenario = scenarioById(scenarioId);
  // A trio's third member observes; a pair is observed by the trainer.
  const observer = observerChoice ?? (nameOf(roles?.observer) || record.trainer);

  const chooseGroup = (id: string) => {
    setGroupId(id);
    setTraineeId('');
    setScenarioChoice('');
    setObserverChoice(undefined);
  };

  const input = scenario && {
    scenario,
    analyzer,
    done,
    heard,
    phrases,
    observer: observer.trim(),
  };
  const reasons = input ? observedReasons(observedReport(input)) : undefined;

  const save = async () => {
    if (!input || !trainee) return;
    if (input.observer === '') {
      setMessage(t('scorecard.needObserver'));
      return;
    }
    const saved = await saveObservedAttempt({
      ...input,
      trainee: {
        name: trainee.name,
        employeeNo: trainee.employeeNo,
        department: trainee.department,
      },
      classId: record.id,
      ...(round ? { round: round.number } : {}),
      now: clock(),
    });
    setMessage(
      t(round ? 'scorecard.savedRound' : 'scorecard.saved', {
        name: trainee.name,
        score: saved.score ?? 0,
        observer: input.observer,
        round: round?.number ?? 0,
      }),
    );
    setDone([]);
    setHeard([]);
    resultsChanged();
    // A class on the company server: the server scores the same taps and keeps its own score.
    if (isServerClass(record.id))
      await sendObservation(record.id, {
        id: saved.id,
        scenarioId: saved.scenarioId,
        employeeNo: trainee.employeeNo,
        observer: input.observer,
        startedAt: saved.startedAt,
        ...(round ? { round: round.number } : {}),
        done: input.done,
        heard: input.heard,
        ...(saved.score !== undefined ? { claimedScore: saved.score } : {}),
      }).catch((error: unknown) =>
        setMessage(t('serverClass.notSent', { reason: (error as Error).message })),
      );
  };

  const tap = (option: HeardPhraseOption) => (
    <button
      key={option.ruleId}
      type="button"
      title={local(option.message)}
      onClick={() => setHeard((ids) => [...ids, option.ruleId])}
    >
      {t('scorecard.heardCount', {
        phrase: option.phrase,
        count: heard.filter((id) => id === option.ruleId).length,
      })}
    </button>
  );

  return (
    <section className="panel scorecard" aria-labelledby="scorecard-heading">
      <h2 id="scorecard-heading">{t('scorecard.title')}</h2>
      {round && <p className="hint">{t('scorecard.roundNote', { round: round.number })}</p>}
      <div className="scorecard-fields">
        {assignments.length > 0 && (
          <label>
            {t('scorecard.group')}
            <select
              value={roles?.groupId ?? ''}
              onChange={(event) => chooseGroup(event.target.value)}
            >
              {assignments.map((a) => (
                <option key={a.groupId} value={a.groupId}>
                  {t('scorecard.groupOption', {
                    group: t('class.group', { n: groupNumber(a.groupId) }),
                    rep: nameOf(a.rep),
                    customer: nameOf(a.customer),
                  })}
                </option>
              ))}
            </select>
          </label>
        )}
        <label>
          {t('scorecard.trainee')}
          <select value={trainee?.id ?? ''} onChange={(event) => setTraineeId(event.target.value)}>
            {record.roster.map((entry) => (
              <option key={entry.id} value={entry.id}>
                {entry.name}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t('scorecard.scenario')}
          <select value={scenarioId} onChange={(event) => setScenarioChoice(event.target.value)}>
            {record.scenarioIds.map((id) => {
              const found = scenarioById(id);
              return (
                <option key={id} value={id}>
                  {found ? local(found.title) : id}
                </option>
              );
            })}
          </select>
        </label>
        <label>
          {t('scorecard.observer')}
          <input value={observer} onChange={(event) => setObserverChoice(event.target.value)} />
        </label>
      </div>
      {scenario && (
        <fieldset>
          <legend>{t('scorecard.did')}</legend>
          {scorecardItems(scenario, analyzer).map((item) => (
            <label key={item.id} className="check tap">
              <input
                type="checkbox"
                checked={done.includes(item.id)}
                onChange={(event) =>
                  setDone((ids) =>
                    event.target.checked ? [...ids, item.id] : ids.filter((id) => id !== item.id),
                  )
                }
              />
              {local(item.label)}
            </label>
          ))}
        </fieldset>
      )}
      <fieldset>
        <legend>{t('scorecard.heard')}</legend>
        <div className="phrase-taps">{grouped.common.map(tap)}</div>
        <details className="phrase-more">
          <summary>{t('scorecard.morePhrases', { count: grouped.more.length })}</summary>
          <div className="phrase-taps">{grouped.more.map(tap)}</div>
        </details>
        {heard.length > 0 && (
          <button type="button" onClick={() => setHeard((ids) => ids.slice(0, -1))}>
            {t('scorecard.undoTap')}
          </button>
        )}
      </fieldset>
      {reasons && (
        <section className="live-score" aria-labelledby="live-score-heading" aria-live="polite">
          <h3 id="live-score-heading">
            {t('scorecard.liveScore', { score: reasons.score, pass: scenario?.passScore ?? 0 })}
          </h3>
          <ul>
            {reasons.done.map((item) => (
              <li key={item.label['zh-CN']}>
                {t('scorecard.reasonDone', { label: local(item.label), points: item.points })}
              </li>
            ))}
            {reasons.heard.map((item) => (
              <li key={item.ruleId} className="bad">
                {t('scorecard.reasonHeard', {
                  phrase: item.words,
                  times: item.times,
                  points: item.points,
                })}
              </li>
            ))}
            {reasons.missing.length > 0 && (
              <li>
                {t('scorecard.reasonMissing', {
                  labels: reasons.missing.map(local).join(t('scorecard.listSeparator')),
                })}
              </li>
            )}
          </ul>
          <p>
            {t('scorecard.reasonTotal', {
              points: reasons.points,
              maximum: reasons.maximum,
              score: reasons.score,
            })}
          </p>
        </section>
      )}
      <button type="button" className="primary" onClick={() => void save()}>
        {round ? t('scorecard.saveRound', { round: round.number }) : t('scorecard.save')}
      </button>
      {message && <p role="status">{message}</p>}
    </section>
  );
}
