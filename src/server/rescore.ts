/**
 * Re-scoring an attempt: the conversation run again with src/core under the scoring catalogue
 * (published-catalog.ts), answered with the stored report as JSON text. It runs on the server's
 * own thread, or (WORKERS > 0) in a pool of worker threads (rescore-worker.ts) so re-scoring uses
 * every core while the main thread serves requests and the database. Either way the report is
 * the same: the workers load the same catalogue files and get the same published versions.
 */
import { fileURLToPath } from 'node:url';
import { Piscina } from 'piscina';
import { runTranscript, type Transcript } from '../core/attempt';
import type { EndingKind, Mode, Scenario } from '../core/scenario-schema';
import { REPORT_SCHEMA_VERSION } from '../core/stored-report';
import type { PublishedItem, ScoringCatalog } from './published-catalog';

/** One attempt to re-score, as a worker gets it. */
export interface RescoreTask {
  scenarioId: string;
  mode: Mode;
  replies: Transcript['replies'];
  /** The scoring catalogue's revision: a worker builds its catalogue again when it changed. */
  revision: number;
  /**
   * The revision's newest published versions (empty at revision 0), sent only to a worker that
   * answered CATALOG_NEEDED: they can be large, and most tasks find the worker up to date.
   */
  items?: readonly PublishedItem[];
}

/** A worker's answer when it has not built the task's revision and the task brought no items. */
export const CATALOG_NEEDED = 'catalog-needed';

export interface Rescored {
  score: number;
  passed: boolean;
  endingKind: EndingKind | null;
  /** The stored report (stored-report.ts), as JSON text. */
  reportJson: string;
}

/** Re-scores with a scoring catalogue at hand; undefined for a scenario it does not have. */
export function rescoreWith(scoring: ScoringCatalog, task: RescoreTask): Rescored | undefined {
  const scenario = scoring.scenarioById(task.scenarioId);
  if (!scenario) return undefined;
  const report = runTranscript(scenario, scoring.analyzer, { replies: task.replies }, task.mode);
  return {
    score: report.score,
    passed: report.passed,
    endingKind: report.ending?.kind ?? null,
    // What toStoredReport keeps, written once (the insert and the answer take the text).
    reportJson: JSON.stringify({ ...report, schemaVersion: REPORT_SCHEMA_VERSION }),
  };
}

export interface Rescorer {
  rescore(
    scoring: ScoringCatalog,
    scenario: Scenario,
    task: Omit<RescoreTask, 'revision' | 'items'>,
  ): Promise<Rescored>;
  close(): Promise<void>;
}

/** Re-scores on the calling thread. */
export const inProcessRescorer: Rescorer = {
  rescore: async (scoring, scenario, task) => {
    const rescored = rescoreWith(scoring, { ...task, revision: scoring.revision });
    if (!rescored) throw new Error(`scenario "${scenario.id}" vanished while scoring`);
    return rescored;
  },
  close: async () => {},
};

/** The module loader the server runs under (tsx), which the workers need to load TypeScript too. */
function workerExecArgv(): string[] {
  const argv = process.execArgv;
  const hasTsx = argv.some((arg, index) => arg === 'tsx' && argv[index - 1] === '--import');
  return hasTsx ? argv : [...argv, '--import', 'tsx'];
}

/** A pool of `workers` threads that re-score; they start (and load the catalogue) at once. */
export function workerRescorer(workers: number): Rescorer {
  const pool = new Piscina<RescoreTask, Rescored | typeof CATALOG_NEEDED | undefined>({
    filename: fileURLToPath(new URL('./rescore-worker.ts', import.meta.url)),
    minThreads: workers,
    maxThreads: workers,
    idleTimeout: Infinity,
    execArgv: workerExecArgv(),
  });
  return {
    rescore: async (scoring, scenario, task) => {
      let rescored = await pool.run({ ...task, revision: scoring.revision });
      if (rescored === CATALOG_NEEDED)
        rescored = await pool.run({ ...task, revision: scoring.revision, items: scoring.items });
      if (!rescored || rescored === CATALOG_NEEDED)
        throw new Error(`scenario "${scenario.id}" is missing in a scoring worker`);
      return rescored;
    },
    close: () => pool.destroy(),
  };
}
