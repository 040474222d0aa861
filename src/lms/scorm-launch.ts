/**
 * What a SCORM activity launches: `index.html?scenario=ID[&mode=exam]`. One SCO is one scenario
 * and, in a package built for one mode, only attempts in that mode count for it.
 */
import type { Mode } from '../core/scenario-schema';

/** The modes a package may count (observed attempts are a trainer's, never an LMS learner's). */
const COUNTED_MODES = ['coach', 'exam', 'choice'] as const satisfies readonly Mode[];
export type CountedMode = (typeof COUNTED_MODES)[number];

export interface ScormLaunch {
  scenarioId: string;
  /** The only mode whose attempts count for this activity; any mode when absent. */
  mode?: CountedMode;
}

/** Reads `?scenario=ID&mode=exam` from the launch URL's query; undefined without a scenario. */
export function scormLaunch(search: string): ScormLaunch | undefined {
  const query = new URLSearchParams(search);
  const scenarioId = query.get('scenario')?.trim();
  if (!scenarioId) return undefined;
  const mode = COUNTED_MODES.find((candidate) => candidate === query.get('mode'));
  return mode ? { scenarioId, mode } : { scenarioId };
}

/** The query an activity's launch URL carries (the inverse of `scormLaunch`). */
export function launchQuery(launch: ScormLaunch): string {
  const query = new URLSearchParams({ scenario: launch.scenarioId });
  if (launch.mode) query.set('mode', launch.mode);
  return `?${query.toString()}`;
}

/** Whether an attempt counts for the launched activity: its scenario, and its mode if one is set. */
export function countsForLaunch(
  attempt: { scenarioId: string; mode: Mode },
  launch: ScormLaunch | undefined,
): boolean {
  if (!launch) return true;
  return attempt.scenarioId === launch.scenarioId && (!launch.mode || attempt.mode === launch.mode);
}
