/** HR or a trainer: how many exam attempts each scenario allows (empty: no limit). */
import { useEffect, useState } from 'react';
import { useLocalized, useT } from '../../components/i18n/use-t';
import { getExamLimits, saveExamLimit, type ExamLimits } from '../../data/exam-limits';
import { useCatalogStore } from '../../stores/use-catalog-store';

export function ExamLimitsSettings() {
  const t = useT();
  const local = useLocalized();
  const scenarios = useCatalogStore((state) => state.scenarios);
  const [limits, setLimits] = useState<ExamLimits>({});
  const [drafts, setDrafts] = useState<Record<string, string>>({});
  const [problem, setProblem] = useState<string>();

  useEffect(() => {
    let live = true;
    void getExamLimits().then((saved) => live && setLimits(saved));
    return () => {
      live = false;
    };
  }, []);

  async function save(scenarioId: string, text: string) {
    const trimmed = text.trim();
    const limit = trimmed === '' ? undefined : Number(trimmed);
    if (limit !== undefined && !(Number.isInteger(limit) && limit >= 1 && limit <= 99)) {
      setProblem(t('records.examLimits.invalid', { value: trimmed }));
      return;
    }
    setProblem(undefined);
    await saveExamLimit(scenarioId, limit);
    setLimits(await getExamLimits());
    setDrafts(({ [scenarioId]: _saved, ...rest }) => rest);
  }

  return (
    <details className="records-exam-limits">
      <summary>{t('records.examLimits.title')}</summary>
      <p>{t('records.examLimits.help')}</p>
      {problem && <p role="alert">{problem}</p>}
      <ul>
        {scenarios.map((scenario) => (
          <li key={scenario.id}>
            <label>
              <span>{local(scenario.title)}</span>
              <input
                type="number"
                inputMode="numeric"
                min={1}
                max={99}
                placeholder={t('records.examLimits.none')}
                value={drafts[scenario.id] ?? String(limits[scenario.id] ?? '')}
                onChange={(event) =>
                  setDrafts((current) => ({ ...current, [scenario.id]: event.target.value }))
                }
                onBlur={(event) => void save(scenario.id, event.target.value)}
              />
            </label>
          </li>
        ))}
      </ul>
    </details>
  );
}
