import { useMemo } from 'react';
import { useT } from '../../components/i18n/use-t';
import { MODES, type Mode } from '../../core/scenario-schema';
import {
  COUNTING_POLICIES,
  type CountingPolicy,
  type RecordRow,
  type RecordsFilter,
} from '../../data/records-query';
import { useLocaleStore } from '../../stores/use-locale-store';

const DAY = 86_400_000;

function dateInput(ms: number | undefined): string {
  if (ms === undefined) return '';
  const d = new Date(ms);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
}

/** Local midnight of a yyyy-mm-dd input value. */
function dateValue(text: string): number | undefined {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  if (!match) return undefined;
  return new Date(Number(match[1]), Number(match[2]) - 1, Number(match[3])).getTime();
}

interface Props {
  rows: readonly RecordRow[];
  filter: RecordsFilter;
  onFilter: (filter: RecordsFilter) => void;
  policy: CountingPolicy;
  onPolicy: (policy: CountingPolicy) => void;
  everyAttempt: boolean;
  onEveryAttempt: (every: boolean) => void;
}

export function RecordsFilters({
  rows,
  filter,
  onFilter,
  policy,
  onPolicy,
  everyAttempt,
  onEveryAttempt,
}: Props) {
  const t = useT();
  const locale = useLocaleStore((state) => state.locale);
  // Worked out once per load (100,000 rows), not on every keystroke in the search box.
  const departments = useMemo(() => [...new Set(rows.map((r) => r.department))].sort(), [rows]);
  const scenarios = useMemo(
    () => [...new Map(rows.map((r) => [r.scenarioId, r.scenarioTitle])).entries()],
    [rows],
  );
  const set = (change: Partial<RecordsFilter>) => onFilter({ ...filter, ...change });

  return (
    <form className="records-filters" role="search" onSubmit={(event) => event.preventDefault()}>
      <label>
        {t('records.search')}
        <input
          type="search"
          value={filter.search ?? ''}
          onChange={(event) => set({ search: event.target.value || undefined })}
        />
      </label>
      <label>
        {t('records.from')}
        <input
          type="date"
          value={dateInput(filter.from)}
          onChange={(event) => set({ from: dateValue(event.target.value) })}
        />
      </label>
      <label>
        {t('records.to')}
        <input
          type="date"
          value={dateInput(filter.to === undefined ? undefined : filter.to - DAY)}
          onChange={(event) => {
            const day = dateValue(event.target.value);
            set({ to: day === undefined ? undefined : day + DAY });
          }}
        />
      </label>
      <label>
        {t('records.department')}
        <select
          value={filter.department ?? ''}
          onChange={(event) => set({ department: event.target.value || undefined })}
        >
          <option value="">{t('records.any')}</option>
          {departments.map((d) => (
            <option key={d} value={d}>
              {d}
            </option>
          ))}
        </select>
      </label>
      <label>
        {t('records.scenario')}
        <select
          value={filter.scenarioId ?? ''}
          onChange={(event) => set({ scenarioId: event.target.value || undefined })}
        >
          <option value="">{t('records.any')}</option>
          {scenarios.map(([id, title]) => (
            <option key={id} value={id}>
              {title[locale]}
            </option>
          ))}
        </select>
      </label>
      <label>
        {t('records.result')}
        <select
          value={filter.passed === undefined ? '' : String(filter.passed)}
          onChange={(event) =>
            set({ passed: event.target.value === '' ? undefined : event.target.value === 'true' })
          }
        >
          <option value="">{t('records.any')}</option>
          <option value="true">{t('records.passed')}</option>
          <option value="false">{t('records.failed')}</option>
        </select>
      </label>
      <label>
        {t('records.mode')}
        <select
          value={filter.mode ?? ''}
          onChange={(event) => set({ mode: (event.target.value || undefined) as Mode | undefined })}
        >
          <option value="">{t('records.any')}</option>
          {MODES.map((mode) => (
            <option key={mode} value={mode}>
              {t(`mode.${mode}`)}
            </option>
          ))}
        </select>
      </label>
      <label>
        {t('records.policy')}
        <select value={policy} onChange={(event) => onPolicy(event.target.value as CountingPolicy)}>
          {COUNTING_POLICIES.map((p) => (
            <option key={p} value={p}>
              {t(`records.policy.${p}`)}
            </option>
          ))}
        </select>
      </label>
      <label className="records-check">
        <input
          type="checkbox"
          checked={everyAttempt}
          onChange={(event) => onEveryAttempt(event.target.checked)}
        />
        {t('records.allAttempts')}
      </label>
    </form>
  );
}
