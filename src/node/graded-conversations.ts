/** Reads a folder of expert-graded conversations and replays each, for npm run calibrate and its test. */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Analyzer } from '../core/analyzer';
import { gradedConversationSchema, type Judged } from '../core/calibration';
import type { Report } from '../core/report';
import type { Scenario } from '../core/scenario-schema';
import { runTranscript } from '../core/attempt';

export interface JudgedFolder {
  judged: (Judged & { report: Report })[];
  /** A file that does not parse or names an unknown scenario: file and why. */
  problems: string[];
}

/** Replays every *.json of `dir` (sorted) with the analyzer and returns expert vs app verdicts. */
export function judgeFolder(
  dir: string,
  analyzer: Analyzer,
  scenarios: readonly Scenario[],
): JudgedFolder {
  const byId = new Map(scenarios.map((scenario) => [scenario.id, scenario]));
  const judged: JudgedFolder['judged'] = [];
  const problems: string[] = [];
  for (const name of readdirSync(dir)
    .filter((n) => n.endsWith('.json'))
    .sort()) {
    const file = join(dir, name);
    let json: unknown;
    try {
      json = JSON.parse(readFileSync(file, 'utf8'));
    } catch (error) {
      problems.push(`${file}: not JSON: ${(error as Error).message}`);
      continue;
    }
    const parsed = gradedConversationSchema.safeParse(json);
    if (!parsed.success) {
      const issues = parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
      problems.push(`${file}: ${issues.join('; ')}`);
      continue;
    }
    const graded = parsed.data;
    const scenario = byId.get(graded.scenarioId);
    if (!scenario) {
      problems.push(`${file}: unknown scenario ${graded.scenarioId}`);
      continue;
    }
    const report = runTranscript(scenario, analyzer, graded, graded.mode);
    judged.push({
      id: graded.id,
      expertScore: graded.expert.score,
      expertPassed: graded.expert.passed,
      appScore: report.score,
      appPassed: report.passed,
      report,
    });
  }
  return { judged, problems };
}
