import { useEffect, useState } from 'react';
import { listAttempts } from '../../data/attempts';
import { classAttempts, classSummary, type ClassSummary } from '../../data/class-summary';
import { useClassroomStore } from '../../stores/use-classroom-store';

/** The open class's summary, re-read whenever its results change (here or in the other window). */
export function useClassSummary(): ClassSummary | undefined {
  const record = useClassroomStore((state) => state.record);
  const version = useClassroomStore((state) => state.resultsVersion);
  const [summary, setSummary] = useState<ClassSummary | undefined>();
  useEffect(() => {
    if (!record) return;
    let live = true;
    void listAttempts().then((attempts) => {
      if (live) setSummary(classSummary(classAttempts(record, attempts)));
    });
    return () => {
      live = false;
    };
  }, [record, version]);
  return summary;
}
