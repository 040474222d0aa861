import { useEffect, useState } from 'react';
import { listAttempts } from '../../data/attempts';
import { classAttempts, classSummary, type ClassSummary } from '../../data/class-summary';
import type { AttemptRecord } from '../../data/db';
import { isServerClass, serverClassAttempts } from '../../data/server-classes';
import { useClassroomStore } from '../../stores/use-classroom-store';

/**
 * The attempts a class summary reads: this browser's and, for a class on the company server,
 * the server's (whose score counts where both have an attempt; offline, this browser's alone).
 */
async function classResults(classId: string): Promise<AttemptRecord[]> {
  const here = await listAttempts();
  if (!isServerClass(classId)) return here;
  const onServer = await serverClassAttempts(classId).catch(() => []);
  const fromServer = new Set(onServer.map((attempt) => attempt.id));
  return [...here.filter((attempt) => !fromServer.has(attempt.id)), ...onServer];
}

/** The open class's summary, re-read whenever its results change (here or in the other window). */
export function useClassSummary(): ClassSummary | undefined {
  const record = useClassroomStore((state) => state.record);
  const version = useClassroomStore((state) => state.resultsVersion);
  const [summary, setSummary] = useState<ClassSummary | undefined>();
  useEffect(() => {
    if (!record) return;
    let live = true;
    void classResults(record.id).then((attempts) => {
      if (live) setSummary(classSummary(classAttempts(record, attempts)));
    });
    return () => {
      live = false;
    };
  }, [record, version]);
  return summary;
}
