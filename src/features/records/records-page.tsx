/** HR: every attempt with filters, sorting and search, the completion matrix, and exports. */
import { useMemo, useState } from 'react';
import { useT } from '../../components/i18n/use-t';
import {
  completionMatrix,
  countingRows,
  filterRoster,
  filterRows,
  sortRows,
  type RecordsFilter,
  type RecordsSort,
} from '../../data/records-query';
import { useLocaleStore } from '../../stores/use-locale-store';
import { CompletionMatrixView } from '../../components/records/completion-matrix';
import { ExamLimitsSettings } from './exam-limits';
import { ExportButtons } from './export-buttons';
import { LrsSettings } from './lrs-settings';
import { RecordsFilters } from './records-filters';
import { RecordsTable } from './records-table';
import { useAllRecords, useClasses, useCompletionModes, useCountingPolicy } from './use-records';
import './records.css';

export function RecordsPage() {
  const t = useT();
  const locale = useLocaleStore((state) => state.locale);
  const load = useAllRecords();
  const all = load?.complete ? load.rows : undefined;
  const [policy, setPolicy] = useCountingPolicy();
  const [countedModes, setCountedModes] = useCompletionModes();
  const classes = useClasses();
  const classNames = useMemo(() => new Map(classes.map((c) => [c.id, c.name])), [classes]);
  const [filter, setFilter] = useState<RecordsFilter>({});
  const [sort, setSort] = useState<RecordsSort>({ key: 'startedAt', descending: true });
  const [everyAttempt, setEveryAttempt] = useState(false);
  const [view, setView] = useState<'table' | 'matrix'>('table');

  const rows = useMemo(() => {
    if (!all) return [];
    const base = everyAttempt ? all : countingRows(all, policy);
    return sortRows(filterRows(base, filter), sort, locale);
  }, [all, everyAttempt, policy, filter, sort, locale]);
  const firstPage = useMemo(
    () => (load && !load.complete ? sortRows(load.rows, sort, locale) : []),
    [load, sort, locale],
  );
  const matrix = useMemo(() => {
    const roster = classes.flatMap((c) => c.roster);
    return completionMatrix(
      filterRows(all ?? [], { ...filter, passed: undefined }),
      policy,
      locale,
      {
        countedModes,
        roster: filterRoster(roster, filter),
      },
    );
  }, [all, filter, policy, locale, countedModes, classes]);

  return (
    <section className="page records-page">
      <h1>{t('records.title')}</h1>
      <p>{t('records.intro')}</p>
      <p>
        <a href="#/staff">{t('staff.fromRecords')}</a>
      </p>
      {load === undefined ? (
        <p role="status">{t('records.loading')}</p>
      ) : all === undefined ? (
        // The newest attempts while the rest load; filters, counting and exports need them all.
        <>
          <p role="status">
            {t('records.loadingProgress', { loaded: load.loaded, total: load.total })}
          </p>
          <RecordsTable rows={firstPage} sort={sort} onSort={setSort} />
        </>
      ) : (
        <>
          <RecordsFilters
            rows={all}
            filter={filter}
            onFilter={setFilter}
            policy={policy}
            onPolicy={setPolicy}
            everyAttempt={everyAttempt}
            onEveryAttempt={setEveryAttempt}
          />
          <div className="records-toolbar">
            <fieldset className="records-view">
              <legend>{t('records.view')}</legend>
              {(['table', 'matrix'] as const).map((v) => (
                <label key={v}>
                  <input
                    type="radio"
                    name="records-view"
                    checked={view === v}
                    onChange={() => setView(v)}
                  />
                  {t(`records.view.${v}`)}
                </label>
              ))}
            </fieldset>
            <ExportButtons rows={rows} matrix={matrix} view={view} classNames={classNames} />
          </div>
          <p role="status">{t('records.count', { count: rows.length })}</p>
          {view === 'matrix' ? (
            <CompletionMatrixView
              matrix={matrix}
              onCountedModes={setCountedModes}
              traineeHref={(employeeNo) => `#/records/trainee/${encodeURIComponent(employeeNo)}`}
            />
          ) : rows.length === 0 ? (
            <p>{t('records.empty')}</p>
          ) : (
            <RecordsTable rows={rows} sort={sort} onSort={setSort} classNames={classNames} />
          )}
          <ExamLimitsSettings />
          <LrsSettings />
        </>
      )}
    </section>
  );
}
