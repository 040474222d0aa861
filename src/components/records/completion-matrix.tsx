import { useT, type MessageKey } from '../i18n/use-t';
import type { Mode } from '../../core/scenario-schema';
import {
  cellScoreText,
  cellState,
  type CellState,
  type CompletionMatrix,
} from '../../data/records-query';
import { useLocaleStore } from '../../stores/use-locale-store';
import { CompletionModes } from './completion-modes';
import { useVirtualRows } from './use-virtual-rows';
import './records-table.css';

const ROW_HEIGHT = 36;

const EMPTY_CELL: Record<Exclude<CellState['kind'], 'counted'>, MessageKey> = {
  'not-started': 'records.matrix.notStarted',
  'practice-only': 'records.matrix.practisedOnly',
  'not-done': 'records.matrix.notDone',
};

/**
 * Trainees × scenarios with department rates; trainee rows are virtualised (thousands of staff).
 * Shown for this device's records (counted modes chosen here, each trainee a link to their
 * records) and for the company server's matrix (its own rules, no per-trainee page).
 */
export function CompletionMatrixView({
  matrix,
  onCountedModes,
  traineeHref,
}: {
  matrix: CompletionMatrix;
  onCountedModes?: (modes: readonly Mode[]) => void;
  traineeHref?: (employeeNo: string) => string;
}) {
  const t = useT();
  const locale = useLocaleStore((state) => state.locale);
  const { scroller, items, before, after } = useVirtualRows(matrix.trainees.length, ROW_HEIGHT);
  const columns = matrix.scenarios.length + 2;
  const notStarted = matrix.trainees.filter((trainee) => !trainee.started).length;
  return (
    <section className="records-matrix">
      {onCountedModes && <CompletionModes modes={matrix.countedModes} onModes={onCountedModes} />}
      {notStarted > 0 && <p>{t('records.matrix.rosterNote', { count: notStarted })}</p>}
      <ul className="records-rates" aria-label={t('records.matrix.rate')}>
        {matrix.departments.map((d) => (
          <li key={d.department}>
            {t('records.matrix.rateOf', {
              department: d.department,
              rate: Math.round(d.rate * 100),
              completed: d.completed,
              required: d.required,
            })}
          </li>
        ))}
      </ul>
      <div
        className="records-scroll"
        ref={scroller}
        tabIndex={0}
        aria-label={t('records.view.matrix')}
      >
        <table className="records-table">
          <caption>{t('records.matrix.caption')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('records.col.name')}</th>
              <th scope="col">{t('records.col.department')}</th>
              {matrix.scenarios.map((s) => (
                <th key={s.id} scope="col">
                  {s.title[locale]}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {before > 0 && (
              <tr aria-hidden="true" style={{ height: before }}>
                <td colSpan={columns} />
              </tr>
            )}
            {items.map((item) => {
              const trainee = matrix.trainees[item.index];
              if (!trainee) return null;
              return (
                <tr key={trainee.employeeNo} style={{ height: ROW_HEIGHT }}>
                  <th scope="row">
                    {traineeHref ? (
                      <a href={traineeHref(trainee.employeeNo)}>{trainee.name}</a>
                    ) : (
                      trainee.name
                    )}{' '}
                    <small>{trainee.employeeNo}</small>
                  </th>
                  <td>{trainee.department}</td>
                  {matrix.scenarios.map((s) => {
                    const state = cellState(matrix, trainee, s.id);
                    if (state.kind === 'counted')
                      return (
                        <td
                          key={s.id}
                          className={state.cell.passed ? 'cell-passed' : 'cell-failed'}
                        >
                          {cellScoreText(state.cell)}
                        </td>
                      );
                    return (
                      <td key={s.id} className="cell-empty">
                        {t(EMPTY_CELL[state.kind])}
                      </td>
                    );
                  })}
                </tr>
              );
            })}
            {after > 0 && (
              <tr aria-hidden="true" style={{ height: after }}>
                <td colSpan={columns} />
              </tr>
            )}
          </tbody>
        </table>
      </div>
    </section>
  );
}
