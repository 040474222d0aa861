/**
 * npm run calibrate [-- DIR ...] [--verbose]   (default: every folder under tests/fixtures/calibration)
 * Replays expert-graded conversations and prints, per folder, rank correlation, pass/fail
 * agreement, Cohen's κ and the mean difference between the app's score and the expert's.
 * Disagreements on pass/fail are listed (every conversation with --verbose).
 */
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { agreement } from '../src/core/calibration';
import { formatLoadError } from '../src/core/yaml-source';
import { judgeFolder } from '../src/node/graded-conversations';
import { createNodeAnalyzer } from '../src/node/node-rules';
import { loadNodeScenarios } from '../src/node/node-scenarios';

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
let failed = errors.length > 0;

const f2 = (value: number): string => value.toFixed(2);
for (const dir of dirs) {
  const { judged, problems } = judgeFolder(dir, analyzer, scenarios);
  for (const problem of problems) console.error(problem);
  failed ||= problems.length > 0;
  for (const j of judged) {
    const agree = j.expertPassed === j.appPassed;
    if (!verbose && agree) continue;
    const why = j.report.notPassedBecause ? ` (${j.report.notPassedBecause})` : '';
    console.log(
      `${agree ? ' ' : '✗'} ${j.id.padEnd(42)} expert ${String(j.expertScore).padStart(3)} ${j.expertPassed ? 'pass' : 'fail'}  app ${String(j.appScore).padStart(3)} ${j.appPassed ? 'pass' : 'fail'}  ${j.report.ending?.kind ?? 'unfinished'}${why}`,
    );
  }
  const a = agreement(judged);
  console.log(
    `\n${dir}: ${a.count} conversations  rank correlation ${f2(a.rankCorrelation)}  pass/fail agreement ${(a.passAgreement * 100).toFixed(0)} %  κ ${f2(a.kappa)}  mean difference ${a.meanDifference.toFixed(1)} (absolute ${a.meanAbsoluteDifference.toFixed(1)})\n`,
  );
}
if (failed) process.exitCode = 2;
