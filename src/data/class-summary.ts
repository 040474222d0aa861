/** The class summary on the projector: averages, the most frequent misses and phrases heard. */
import type { Localized } from '../core/rule-schema';
import { DIMENSIONS, type Dimension } from '../core/tags';
import { type AttemptRecord, type ClassRecord } from './db';

export interface ClassSummary {
  attempts: number;
  trainees: number;
  averageScore?: number;
  /** Average per dimension over attempts whose report has it. */
  dimensions: Partial<Record<Dimension, number>>;
  /** Missed moves and rule hits that cost points, most frequent first. */
  frequentFindings: { label: Localized; count: number }[];
  /** Forbidden or contrast words heard, most frequent first. */
  forbiddenPhrases: { words: string; count: number }[];
}

function top<T>(counts: Map<string, { value: T; count: number }>, limit: number) {
  return [...counts.values()].sort((a, b) => b.count - a.count).slice(0, limit);
}

/** The local calendar day of a time, YYYY-MM-DD. */
export function localDay(time: number): string {
  const date = new Date(time);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`;
}

/** Attempts that belong to a class: taken in it, or by someone on its roster in one of its scenarios on the class day (a device bundle also carries older practice). */
export function classAttempts(
  record: ClassRecord,
  attempts: readonly AttemptRecord[],
): AttemptRecord[] {
  const roster = new Set(record.roster.map((entry) => entry.employeeNo.toLowerCase()));
  const scenarios = new Set(record.scenarioIds);
  return attempts.filter(
    (attempt) =>
      attempt.status === 'finished' &&
      (attempt.classId === record.id ||
        (roster.has(attempt.trainee.employeeNo.toLowerCase()) &&
          scenarios.has(attempt.scenarioId) &&
          localDay(attempt.startedAt) === record.date)),
  );
}

/** Average per dimension, the most frequent findings and the forbidden phrases heard most. */
export function classSummary(attempts: readonly AttemptRecord[], limit = 5): ClassSummary {
  const sums = new Map<Dimension, { total: number; count: number }>();
  const findingCounts = new Map<string, { value: Localized; count: number }>();
  const phraseCounts = new Map<string, { value: string; count: number }>();
  const scores: number[] = [];
  for (const attempt of attempts) {
    if (attempt.score !== undefined) scores.push(attempt.score);
    const report = attempt.report;
    if (!report) continue;
    for (const dimension of DIMENSIONS) {
      const value = report.dimensions[dimension];
      if (value === undefined) continue;
      const entry = sums.get(dimension) ?? { total: 0, count: 0 };
      sums.set(dimension, { total: entry.total + value, count: entry.count + 1 });
    }
    // One utterance is heard once: overlapping findings of a turn (a blocker and its hit, two
    // rules on 你弄错 / 你弄错了) count as the first of them.
    const heard: { turn: number; start: number; end: number }[] = [];
    for (const finding of report.findings) {
      if (finding.kind === 'missing' || finding.points < 0) {
        const key = finding.message['zh-CN'];
        const entry = findingCounts.get(key) ?? { value: finding.message, count: 0 };
        findingCounts.set(key, { ...entry, count: entry.count + 1 });
      }
      const phrase = (finding.tag === 'forbidden' || finding.tag === 'contrast') && finding.words;
      const again = heard.some(
        (h) => h.turn === finding.turn && h.start < finding.end && finding.start < h.end,
      );
      // Observed attempts have no offsets (0–0): each tap is its own hearing.
      if (phrase && !(again && finding.end > finding.start)) {
        heard.push({ turn: finding.turn, start: finding.start, end: finding.end });
        const entry = phraseCounts.get(finding.words) ?? { value: finding.words, count: 0 };
        phraseCounts.set(finding.words, { ...entry, count: entry.count + 1 });
      }
    }
  }
  const dimensions: Partial<Record<Dimension, number>> = {};
  for (const [dimension, { total, count }] of sums)
    dimensions[dimension] = Math.round(total / count);
  return {
    attempts: attempts.length,
    trainees: new Set(attempts.map((attempt) => attempt.trainee.employeeNo.toLowerCase())).size,
    ...(scores.length > 0
      ? { averageScore: Math.round(scores.reduce((a, b) => a + b, 0) / scores.length) }
      : {}),
    dimensions,
    frequentFindings: top(findingCounts, limit).map(({ value, count }) => ({
      label: value,
      count,
    })),
    forbiddenPhrases: top(phraseCounts, limit).map(({ value, count }) => ({ words: value, count })),
  };
}
