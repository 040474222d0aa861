/** Attempts as a trainee's device stores them, played for real through the app's own analyzer. */
import { finishedAttempt, runTranscript, type Transcript } from '../../src/core/attempt';
import type { Mode } from '../../src/core/scenario-schema';
import type { AttemptRecord } from '../../src/data/db';
import type { ImportScorer } from '../../src/data/result-bundle';
import { createNodeAnalyzer } from '../../src/node/node-rules';
import { loadNodeScenarios } from '../../src/node/node-scenarios';

/** The app's scenarios and analyzer, as a trainer's browser scores imports with them. */
async function buildNodeScorer(): Promise<ImportScorer> {
  const { analyzer } = await createNodeAnalyzer();
  const byId = new Map(loadNodeScenarios().scenarios.map((s) => [s.id, s]));
  return { analyzer, scenarioById: (id) => byId.get(id) };
}

let shared: Promise<ImportScorer> | undefined;

/** The scorer built from the bundled catalogue, once per test file (building it takes seconds). */
export function nodeScorer(): Promise<ImportScorer> {
  shared ??= buildNodeScorer();
  return shared;
}

export const GOOD_REPLIES: Transcript['replies'] = [
  { text: '真是对不起，让您等了两个星期，换成我也会着急。', afterMs: 9_000 },
  { text: '您方便说说当时销售是怎么跟您约的送货时间吗？', afterMs: 14_000 },
  { text: '我马上给您加急，明天上午送到，运费全免，送到前我先给您打电话。', afterMs: 16_000 },
];

/** A finished attempt of `replies`, stored as the device's practice store would store it. */
export function practisedAttempt(
  scorer: ImportScorer,
  id: string,
  options: {
    name?: string;
    employeeNo?: string;
    replies?: Transcript['replies'];
    scenarioId?: string;
    mode?: Mode;
    startedAt?: number;
  } = {},
): AttemptRecord {
  const scenarioId = options.scenarioId ?? 'complaint-late-delivery';
  const scenario = scorer.scenarioById(scenarioId)!;
  const mode = options.mode ?? 'exam';
  const startedAt = options.startedAt ?? Date.UTC(2024, 4, 1, 9, 0);
  const report = runTranscript(
    scenario,
    scorer.analyzer,
    {
      replies: options.replies ?? GOOD_REPLIES,
    },
    mode,
  );
  // The transcript's clock starts at 0; the stored one at the attempt's start.
  const shifted = {
    ...report,
    transcript: report.transcript.map((entry) => ({ ...entry, at: entry.at + startedAt })),
  };
  return {
    id,
    schemaVersion: 1,
    scenarioId,
    scenarioVersion: scenario.version,
    scenarioTitle: scenario.title,
    mode,
    trainee: {
      name: options.name ?? '张伟',
      employeeNo: options.employeeNo ?? 'E001',
      department: '客服部',
    },
    startedAt,
    updatedAt: startedAt + 60_000,
    revision: 5,
    snapshot: null,
    source: 'practised',
    ...finishedAttempt(shifted, startedAt, startedAt + 60_000),
  };
}
