/** All loaded scenarios as cards, with filters, a search, the practice mode and the start links. */
import { useEffect, useId, useMemo, useState } from 'react';
import { useLocalized, useT, type MessageKey } from '../../components/i18n/use-t';
import type { Category, Mode, Scenario } from '../../core/scenario-schema';
import { scenarioProgress, type ScenarioProgress } from '../../data/attempts';
import {
  examAllowances,
  mayStartExam,
  type ExamAllowance,
  type ExamAllowances,
} from '../../data/exam-limits';
import { loadProfile } from '../../data/memory-attempts';
import { useCatalogStore } from '../../stores/use-catalog-store';
import { useRetiredStore } from '../../stores/use-retired-store';
import { filterScenarios, NO_FILTER, type ScenarioFilter } from './filter-scenarios';
import { LoadErrorsPanel } from './load-errors-panel';
import './library.css';

export const PRACTICE_MODES = ['coach', 'exam', 'choice'] as const satisfies readonly Mode[];
export type PracticeMode = (typeof PRACTICE_MODES)[number];

/** The route of a practice run: #/practice/<id>?mode=<mode>. */
export function practiceHref(scenarioId: string, mode: Mode): string {
  return `#/practice/${encodeURIComponent(scenarioId)}?mode=${mode}`;
}

export function LibraryPage() {
  const t = useT();
  const catalog = useCatalogStore((state) => state.scenarios);
  const retired = useRetiredStore((state) => state.ids);
  // A retired scenario stays in the catalogue for old records but is not offered here.
  const scenarios = useMemo(
    () => catalog.filter((scenario) => !retired.includes(scenario.id)),
    [catalog, retired],
  );
  const status = useCatalogStore((state) => state.status);
  const errors = useCatalogStore((state) => state.errors);
  const [filter, setFilter] = useState<ScenarioFilter>(NO_FILTER);
  const [mode, setMode] = useState<PracticeMode>('coach');
  const [progress, setProgress] = useState<Map<string, ScenarioProgress>>(new Map());
  const [allowances, setAllowances] = useState<ExamAllowances>();

  useEffect(() => {
    let current = true;
    loadProfile()
      .then((profile) => (profile ? examAllowances(profile.employeeNo) : undefined))
      .then((found) => {
        if (current) setAllowances(() => found);
      })
      .catch(() => {
        // Without the records no limit can be checked here; the practice page checks again.
      });
    return () => {
      current = false;
    };
  }, []);

  useEffect(() => {
    void useRetiredStore.getState().load();
  }, []);

  useEffect(() => {
    let current = true;
    scenarioProgress()
      .then((found) => {
        if (current) setProgress(found);
      })
      .catch(() => {
        // Without the records the cards simply show no progress.
      });
    return () => {
      current = false;
    };
  }, []);

  const categories = useMemo(
    () => [...new Set(scenarios.map((scenario) => scenario.category))],
    [scenarios],
  );
  const difficulties = useMemo(
    () => [...new Set(scenarios.map((scenario) => scenario.difficulty))].sort(),
    [scenarios],
  );
  const shown = filterScenarios(scenarios, filter);
  const filtered = filter.search !== '' || filter.category !== 'all' || filter.difficulty !== 'all';

  return (
    <section className="page library" aria-labelledby="library-title">
      <h1 id="library-title">{t('library.title')}</h1>
      <p className="lead">{t('library.intro')}</p>
      {errors.length > 0 && <LoadErrorsPanel errors={errors} />}
      {status === 'loading' ? (
        <p role="status">{t('app.loading')}</p>
      ) : (
        <>
          <div className="library-controls">
            <div className="library-filters" role="search" aria-label={t('library.filters')}>
              <label>
                <span>{t('library.search')}</span>
                <input
                  type="search"
                  value={filter.search}
                  onChange={(event) => setFilter({ ...filter, search: event.target.value })}
                />
              </label>
              <label>
                <span>{t('library.category')}</span>
                <select
                  value={filter.category}
                  onChange={(event) =>
                    setFilter({ ...filter, category: event.target.value as Category | 'all' })
                  }
                >
                  <option value="all">{t('library.all')}</option>
                  {categories.map((category) => (
                    <option key={category} value={category}>
                      {t(`category.${category}`)}
                    </option>
                  ))}
                </select>
              </label>
              <label>
                <span>{t('library.difficulty')}</span>
                <select
                  value={String(filter.difficulty)}
                  onChange={(event) =>
                    setFilter({
                      ...filter,
                      difficulty: event.target.value === 'all' ? 'all' : Number(event.target.value),
                    })
                  }
                >
                  <option value="all">{t('library.all')}</option>
                  {difficulties.map((level) => (
                    <option key={level} value={level}>
                      {t(difficultyKey(level))}
                    </option>
                  ))}
                </select>
              </label>
              {filtered && (
                <button type="button" onClick={() => setFilter(NO_FILTER)}>
                  {t('library.clear')}
                </button>
              )}
            </div>
            <ModeChoice mode={mode} onChange={setMode} />
          </div>
          <p className="library-count" role="status">
            {t('library.count', { shown: shown.length, total: scenarios.length })}
          </p>
          {scenarios.length === 0 ? (
            <p>{t('library.empty')}</p>
          ) : shown.length === 0 ? (
            <p>{t('library.none')}</p>
          ) : (
            <ul className="scenario-cards">
              {shown.map((scenario) => (
                <li key={scenario.id}>
                  <ScenarioCard
                    scenario={scenario}
                    mode={mode}
                    progress={progress.get(scenario.id)}
                    exam={mode === 'exam' ? allowances?.(scenario.id) : undefined}
                  />
                </li>
              ))}
            </ul>
          )}
        </>
      )}
    </section>
  );
}

function difficultyKey(level: number): MessageKey {
  return level <= 1 ? 'difficulty.1' : level === 2 ? 'difficulty.2' : 'difficulty.3';
}

function ModeChoice({
  mode,
  onChange,
}: {
  mode: PracticeMode;
  onChange: (mode: PracticeMode) => void;
}) {
  const t = useT();
  const name = useId();
  return (
    <fieldset className="mode-choice">
      <legend>{t('library.mode')}</legend>
      {PRACTICE_MODES.map((option) => (
        <label key={option} className="mode-option">
          <input
            type="radio"
            name={name}
            value={option}
            checked={mode === option}
            onChange={() => onChange(option)}
          />
          <span>
            <strong>{t(`mode.${option}`)}</strong>
            <small>{t(`mode.${option}.hint`)}</small>
          </span>
        </label>
      ))}
    </fieldset>
  );
}

function ScenarioCard({
  scenario,
  mode,
  progress,
  exam,
}: {
  scenario: Scenario;
  mode: PracticeMode;
  progress: ScenarioProgress | undefined;
  /** Exam mode: this trainee's exam attempts here and the limit. */
  exam?: ExamAllowance;
}) {
  const t = useT();
  const localized = useLocalized();
  const titleId = useId();
  const title = localized(scenario.title);
  const finished = progress?.finished ?? 0;
  const open = progress?.inProgress;
  return (
    <article className="scenario-card" aria-labelledby={titleId}>
      <h2 id={titleId}>{title}</h2>
      <ul className="scenario-meta">
        <li className="tag">{t(`category.${scenario.category}`)}</li>
        <li className={`tag difficulty-${scenario.difficulty}`}>
          {t(difficultyKey(scenario.difficulty))}
        </li>
        <li className="tag">{t('library.duration', { minutes: scenario.durationMinutes })}</li>
      </ul>
      <p className="scenario-brief">{localized(scenario.brief)}</p>
      <p className="scenario-progress">
        {finished > 0 ? (
          <>
            <span className="done">{t('library.done', { count: finished })}</span>
            {progress?.bestScore !== undefined && (
              <span className="best">
                {t('library.best', { score: Math.round(progress.bestScore) })}
              </span>
            )}
          </>
        ) : (
          <span className="not-done">{t('library.notDone')}</span>
        )}
        {open && <span className="in-progress">{t('library.inProgress')}</span>}
        {exam?.limit !== undefined && (
          <span className="exam-allowance">
            {t('library.examUsed', { used: exam.used, limit: exam.limit })}
          </span>
        )}
      </p>
      <div className="scenario-actions">
        {open && (
          <a className="button" href={practiceHref(scenario.id, open.mode)}>
            {t('library.resume', { mode: t(`mode.${open.mode}`) })}
          </a>
        )}
        {exam && !mayStartExam(exam) ? (
          <span className="exam-used-up">{t('library.examUsedUp')}</span>
        ) : (
          <a
            className="button primary"
            href={practiceHref(scenario.id, mode)}
            aria-label={t('library.start', { title })}
          >
            {t('library.startShort')}
          </a>
        )}
      </div>
    </article>
  );
}
