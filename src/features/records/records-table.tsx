/** The records table: sortable headers and virtualised rows (only the visible rows are in the DOM). */
import { useT, type MessageKey } from '../../components/i18n/use-t';
import { formatDateTime } from '../../data/workbook';
import { sourceOf } from '../../data/db';
import type { RecordRow, RecordsSort, SortKey } from '../../data/records-query';
import { DIMENSION_EN, DIMENSIONS, type Dimension } from '../../core/tags';
import { useLocaleStore } from '../../stores/use-locale-store';
import { useVirtualRows } from '../../components/records/use-virtual-rows';
import '../../components/records/records-table.css';
import { passKey } from './pass-key';

const ROW_HEIGHT = 40;

type ColumnKey = SortKey | 'passed' | 'ending' | 'source' | 'class' | 'observer' | Dimension;

const COLUMNS: { key: ColumnKey; sortable: boolean }[] = [
  { key: 'name', sortable: true },
  { key: 'employeeNo', sortable: true },
  { key: 'department', sortable: true },
  { key: 'scenario', sortable: true },
  { key: 'mode', sortable: true },
  { key: 'source', sortable: false },
  { key: 'score', sortable: true },
  { key: 'passed', sortable: false },
  ...DIMENSIONS.map((key) => ({ key, sortable: false })),
  { key: 'ending', sortable: false },
  { key: 'class', sortable: false },
  { key: 'observer', sortable: false },
  { key: 'startedAt', sortable: true },
  { key: 'durationMs', sortable: true },
];

function duration(ms: number | undefined): string {
  if (ms === undefined) return '';
  const seconds = Math.round(ms / 1000);
  return `${Math.floor(seconds / 60)}:${String(seconds % 60).padStart(2, '0')}`;
}

interface Props {
  rows: readonly RecordRow[];
  sort: RecordsSort;
  onSort: (sort: RecordsSort) => void;
  /** Class names by id, for the class column. */
  classNames?: ReadonlyMap<string, string>;
}

function isDimension(key: ColumnKey): key is Dimension {
  return (DIMENSIONS as readonly string[]).includes(key);
}

export function RecordsTable({ rows, sort, onSort, classNames }: Props) {
  const t = useT();
  const locale = useLocaleStore((state) => state.locale);
  const { scroller, items, before, after } = useVirtualRows(rows.length, ROW_HEIGHT);

  return (
    <div
      className="records-scroll"
      ref={scroller}
      tabIndex={0}
      aria-label={t('records.view.table')}
    >
      <table className="records-table" aria-rowcount={rows.length + 1}>
        <thead>
          <tr aria-rowindex={1}>
            {COLUMNS.map(({ key, sortable }) => {
              const label = isDimension(key)
                ? locale === 'en'
                  ? DIMENSION_EN[key]
                  : key
                : t(`records.col.${key}` as MessageKey);
              const active = sort.key === key;
              return (
                <th
                  key={key}
                  scope="col"
                  aria-sort={active ? (sort.descending ? 'descending' : 'ascending') : undefined}
                >
                  {sortable ? (
                    <button
                      type="button"
                      className="link-button"
                      aria-label={t('records.sortBy', { column: label })}
                      onClick={() =>
                        onSort({
                          key: key as SortKey,
                          descending: active
                            ? !sort.descending
                            : key === 'score' || key === 'startedAt',
                        })
                      }
                    >
                      {label}
                      {active ? (sort.descending ? ' ▼' : ' ▲') : ''}
                    </button>
                  ) : (
                    label
                  )}
                </th>
              );
            })}
          </tr>
        </thead>
        <tbody>
          {before > 0 && (
            <tr aria-hidden="true" style={{ height: before }}>
              <td colSpan={COLUMNS.length} />
            </tr>
          )}
          {items.map((item) => {
            const row = rows[item.index];
            if (!row) return null;
            return (
              <tr key={row.id} aria-rowindex={item.index + 2} style={{ height: ROW_HEIGHT }}>
                <td>
                  <a href={`#/records/trainee/${encodeURIComponent(row.employeeNo)}`}>{row.name}</a>
                </td>
                <td>{row.employeeNo}</td>
                <td>{row.department}</td>
                <td title={`${row.scenarioId} v${row.scenarioVersion}`}>
                  {row.scenarioTitle[locale]}
                </td>
                <td>{t(`mode.${row.mode}`)}</td>
                <td>
                  {t(`records.source.${sourceOf(row)}`)}
                  {row.claimedScore !== undefined && (
                    <span className="muted">
                      {' '}
                      {t('records.claimed', { score: row.claimedScore })}
                    </span>
                  )}
                </td>
                <td className="num">{row.score ?? ''}</td>
                <td>{t(passKey(row))}</td>
                {DIMENSIONS.map((d) => (
                  <td key={d} className="num">
                    {row.dimensions[d] ?? '–'}
                  </td>
                ))}
                <td>{row.endingKind ? t(`records.ending.${row.endingKind}`) : ''}</td>
                <td>{row.classId ? (classNames?.get(row.classId) ?? row.classId) : ''}</td>
                <td>{row.observer ?? ''}</td>
                <td>{formatDateTime(row.startedAt)}</td>
                <td className="num">{duration(row.durationMs)}</td>
              </tr>
            );
          })}
          {after > 0 && (
            <tr aria-hidden="true" style={{ height: after }}>
              <td colSpan={COLUMNS.length} />
            </tr>
          )}
        </tbody>
      </table>
    </div>
  );
}
