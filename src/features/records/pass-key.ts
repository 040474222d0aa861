import type { MessageKey } from '../../components/i18n/use-t';
import type { RecordRow } from '../../data/records-query';

/** What the "passed" column says of a record: not finished, yes or no. */
export function passKey(row: Pick<RecordRow, 'status' | 'passed'>): MessageKey {
  if (row.status !== 'finished') return 'records.unfinished';
  return row.passed ? 'records.yes' : 'records.no';
}
