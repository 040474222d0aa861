/** Loads the records and the "which attempt counts" setting once for the records pages. */
import { useCallback, useEffect, useState } from 'react';
import type { Mode } from '../../core/scenario-schema';
import { listClasses } from '../../data/class-repository';
import type { ClassRecord } from '../../data/db';
import {
  allRecordsPaged,
  countRecords,
  getCompletionModes,
  getCountingPolicy,
  newestRecords,
  saveCompletionModes,
  saveCountingPolicy,
  traineeRecords,
  type CountingPolicy,
  type RecordRow,
} from '../../data/records-query';
import { DEFAULT_COMPLETION_MODES } from '../../core/counting-policy';

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

/** The saved "which modes complete a scenario" setting, and a setter that saves it. */
export function useCompletionModes(): [readonly Mode[], (modes: readonly Mode[]) => void] {
  const [modes, setModes] = useState<readonly Mode[]>(DEFAULT_COMPLETION_MODES);
  useEffect(() => {
    let live = true;
    void getCompletionModes().then((saved) => live && setModes(saved));
    return () => {
      live = false;
    };
  }, []);
  const change = useCallback((next: readonly Mode[]) => {
    setModes(next);
    void saveCompletionModes(next);
  }, []);
  return [modes, change];
}

/** The trainer's classes (their rosters and names); empty while loading or when none. */
export function useClasses(): ClassRecord[] {
  const [classes, setClasses] = useState<ClassRecord[]>([]);
  useEffect(() => {
    let live = true;
    void listClasses().then(
      (loaded) => live && setClasses(loaded),
      () => undefined,
    );
    return () => {
      live = false;
    };
  }, []);
  return classes;
}

/** How many newest attempts are shown while the rest load. */
export const FIRST_PAGE = 60;

/** The records loaded so far: the newest first page, then every attempt once all are read. */
export interface RecordsLoad {
  rows: RecordRow[];
  /** True once every attempt is loaded; counting, the matrix and exports wait for it. */
  complete: boolean;
  loaded: number;
  total: number;
}

/**
 * Every attempt as a record row: first the newest page (from the startedAt index) so the
 * table paints at once, then all of them, read page by page; undefined until the first page.
 */
export function useAllRecords(): RecordsLoad | undefined {
  const [load, setLoad] = useState<RecordsLoad>();
  useEffect(() => {
    let live = true;
    void (async () => {
      const [newest, total] = await Promise.all([newestRecords(FIRST_PAGE), countRecords()]);
      if (!live) return;
      const complete = newest.length >= total;
      setLoad({ rows: newest, complete, loaded: newest.length, total });
      if (complete) return;
      const all = await allRecordsPaged(5000, (loaded) => {
        if (live) setLoad((current) => current && { ...current, loaded });
      });
      if (live) setLoad({ rows: all, complete: true, loaded: all.length, total: all.length });
    })();
    return () => {
      live = false;
    };
  }, []);
  return load;
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
