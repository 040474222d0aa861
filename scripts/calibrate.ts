/**
 * npm run calibrate [-- DIR ...]   (default: every folder under tests/fixtures/calibration)
 * Replays expert-graded conversations and prints, per folder, rank correlation, pass/fail
 * agreement, Cohen's κ and the mean difference between the app's score and the expert's.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { agreement, gradedConversationSchema, type Judged } from '../src/core/calibration';
import { runTranscript } from '../src/core/transcript';
import { formatLoadError } from '../src/core/yaml-source';
import { createNodeAnalyzer } from './lib/node-rules';
import { loadNodeScenarios } from './lib/node-scenarios';

const ROOT = 'tests/fixtures/calibration';
const args = process.argv.slice(2);
const verbose = args.includes('--verbose');
const folders = args.filter((arg) => !arg.startsWith('--'));
const dirs =
  folders.length > 0
    ? folders
    : readdirSync(ROOT)
        .map((name) => join(ROOT, name))
        .filter((path) => statSync(path).isDirectory())
        .sort();

const { analyzer, errors } = await createNodeAnalyzer();
for (const error of errors) console.error(`rule error: ${formatLoadError(error)}`);
const { scenarios } = loadNodeScenarios();
const byId = new Map(scenarios.map((scenario) => [scenario.id, scenario]));
let failed = errors.length > 0;

const f2 = (value: number): string => value.toFixed(2);
for (const dir of dirs) {
  const judged: Judged[] = [];
  for (const name of readdirSync(dir).filter((n) => n.endsWith('.json')).sort()) {
    const file = join(dir, name);
    const parsed = gradedConversationSchema.safeParse(JSON.parse(readFileSync(file, 'utf8')));
    if (!parsed.success) {
      console.error(`${file}: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`);
      failed = true;
      continue;
    }
    const graded = parsed.data;
    const scenario = byId.get(graded.scenarioId);
    if (!scenario) {
      console.error(`${file}: unknown scenario ${graded.scenarioId}`);
      failed = true;
      continue;
    }
    const report = runTranscript(scenario, analyzer, graded, graded.mode);
    judged.push({
      id: graded.id,
      expertScore: graded.expert.score,
      expertPassed: graded.expert.passed,
      appScore: report.score,
      appPassed: report.passed,
    });
    if (verbose || graded.expert.passed !== report.passed)
      console.log(
        `${graded.expert.passed === report.passed ? ' ' : '✗'} ${graded.id.padEnd(42)} expert ${String(graded.expert.score).padStart(3)} ${graded.expert.passed ? 'pass' : 'fail'}  app ${String(report.score).padStart(3)} ${report.passed ? 'pass' : 'fail'}  ${report.ending?.kind ?? 'unfinished'}${report.notPassedBecause ? ` (${report.notPassedBecause})` : ''}`,
      );
  }
  const a = agreement(judged);
  console.log(
    `\n${dir}: ${a.count} conversations  rank correlation ${f2(a.rankCorrelation)}  pass/fail agreement ${(a.passAgreement * 100).toFixed(0)} %  κ ${f2(a.kappa)}  mean difference ${a.meanDifference.toFixed(1)} (absolute ${a.meanAbsoluteDifference.toFixed(1)})\n`,
  );
}
if (failed) process.exitCode = 2;
