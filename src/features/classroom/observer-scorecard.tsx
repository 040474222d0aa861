import { useMemo, useState } from 'react';
import { useLocalized, useT } from '../../components/i18n/use-t';
import {
  forbiddenPhraseOptions,
  saveObservedAttempt,
  scorecardItems,
} from '../../data/observer-scorecard';
import { useCatalogStore } from '../../stores/use-catalog-store';
import { useClassroomStore } from '../../stores/use-classroom-store';

/** A checklist from the scenario's rules, quick to tap during a live role play; saved as an observed attempt. */
export function ObserverScorecard({ clock = Date.now }: { clock?: () => number }) {
  const t = useT();
  const local = useLocalized();
  const record = useClassroomStore((state) => state.record);
  const resultsChanged = useClassroomStore((state) => state.resultsChanged);
  const analyzer = useCatalogStore((state) => state.analyzer);
  const scenarioById = useCatalogStore((state) => state.scenarioById);
  const round = record?.rounds[record.rounds.length - 1];
  const [traineeId, setTraineeId] = useState('');
  const [scenarioId, setScenarioId] = useState(record?.scenarioIds[0] ?? '');
  const [observer, setObserver] = useState(record?.trainer ?? '');
  const [done, setDone] = useState<string[]>([]);
  const [heard, setHeard] = useState<string[]>([]);
  const [message, setMessage] = useState('');
  const phrases = useMemo(() => (analyzer ? forbiddenPhraseOptions(analyzer) : []), [analyzer]);
  if (!record || !analyzer) return null;
  const scenario = scenarioById(scenarioId);
  const defaultRep = round?.assignments[0]?.rep ?? record.roster[0]?.id ?? '';
  const trainee = record.roster.find((entry) => entry.id === (traineeId || defaultRep));

  const save = async () => {
    if (!scenario || !trainee) return;
    if (observer.trim() === '') {
      setMessage(t('scorecard.needObserver'));
      return;
    }
    const saved = await saveObservedAttempt({
      scenario,
      analyzer,
      trainee: {
        name: trainee.name,
        employeeNo: trainee.employeeNo,
        department: trainee.department,
      },
      observer: observer.trim(),
      classId: record.id,
      done,
      heard,
      now: clock(),
    });
    setMessage(
      t('scorecard.saved', {
        name: trainee.name,
        score: saved.score ?? 0,
        observer: observer.trim(),
      }),
    );
    setDone([]);
    setHeard([]);
    resultsChanged();
  };

  return (
    <section className="panel scorecard" aria-labelledby="scorecard-heading">
      <h2 id="scorecard-heading">{t('scorecard.title')}</h2>
      <div className="scorecard-fields">
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
          <select value={scenarioId} onChange={(event) => setScenarioId(event.target.value)}>
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
          <input value={observer} onChange={(event) => setObserver(event.target.value)} />
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
        <div className="phrase-taps">
          {phrases.map((option) => (
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
          ))}
        </div>
      </fieldset>
      <button type="button" className="primary" onClick={() => void save()}>
        {t('scorecard.save')}
      </button>
      {message && <p role="status">{message}</p>}
    </section>
  );
}
