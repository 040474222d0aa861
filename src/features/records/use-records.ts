/** Loads the records and the "which attempt counts" setting once for the records pages. */
import { useCallback, useEffect, useState } from 'react';
import {
  getCountingPolicy,
  queryRecords,
  saveCountingPolicy,
  traineeRecords,
  type CountingPolicy,
  type RecordRow,
} from '../../data/records-query';

export function useCountingPolicy(): [CountingPolicy, (policy: CountingPolicy) => void] {
  const [policy, setPolicy] = useState<CountingPolicy>('best');
  useEffect(() => {
    let live = true;
    void getCountingPolicy().then((saved) => live && setPolicy(saved));
    return () => {
      live = false;
    };
  }, []);
  const change = useCallback((next: CountingPolicy) => {
    setPolicy(next);
    void saveCountingPolicy(next);
  }, []);
  return [policy, change];
}

/** Every attempt as a record row; undefined while loading. */
export function useAllRecords(): RecordRow[] | undefined {
  const [rows, setRows] = useState<RecordRow[]>();
  useEffect(() => {
    let live = true;
    void queryRecords().then((loaded) => live && setRows(loaded));
    return () => {
      live = false;
    };
  }, []);
  return rows;
}

/** One trainee's attempts, oldest first; undefined while loading. */
export function useTraineeRecords(employeeNo: string): RecordRow[] | undefined {
  const [rows, setRows] = useState<{ of: string; rows: RecordRow[] }>();
  useEffect(() => {
    let live = true;
    void traineeRecords(employeeNo).then(
      (loaded) => live && setRows({ of: employeeNo, rows: loaded }),
    );
    return () => {
      live = false;
    };
  }, [employeeNo]);
  return rows?.of === employeeNo ? rows.rows : undefined;
}
