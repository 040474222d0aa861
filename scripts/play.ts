/**
 * npm run play -- scenarios/ID.yaml TRANSCRIPT.json [--mode exam]
 * Replays a transcript through the scenario and prints the report as JSON. Bad input: exit 2.
 */
import { readFileSync } from 'node:fs';
import { loadScenarioFile } from '../src/core/scenario-loader';
import { MODES, type Mode } from '../src/core/scenario-schema';
import { runTranscript, transcriptSchema } from '../src/core/attempt';
import { toStoredReport } from '../src/core/stored-report';
import { formatLoadError } from '../src/core/yaml-source';
import { createNodeAnalyzer } from '../src/node/node-rules';

function fail(message: string): never {
  process.stderr.write(`play: ${message}\n`);
  process.stderr.write(
    'usage: npm run play -- scenarios/ID.yaml TRANSCRIPT.json [--mode coach|exam|choice|observed]\n',
  );
  process.exit(2);
}

function readText(path: string): string {
  try {
    return readFileSync(path, 'utf8');
  } catch (error) {
    return fail(`cannot read ${path}: ${error instanceof Error ? error.message : String(error)}`);
  }
}

function parseArgs(args: string[]): { scenarioPath: string; transcriptPath: string; mode: Mode } {
  const positional: string[] = [];
  let mode: Mode = 'coach';
  for (let i = 0; i < args.length; i++) {
    const arg = args[i] as string;
    if (arg === '--mode' || arg.startsWith('--mode=')) {
      const value = arg === '--mode' ? args[++i] : arg.slice('--mode='.length);
      if (!value || !(MODES as readonly string[]).includes(value))
        fail(`--mode must be one of ${MODES.join(', ')}`);
      mode = value as Mode;
    } else if (arg.startsWith('--')) {
      fail(`unknown option ${arg}`);
    } else {
      positional.push(arg);
    }
  }
  const [scenarioPath, transcriptPath] = positional;
  if (!scenarioPath || !transcriptPath || positional.length > 2)
    fail('expected a scenario file and a transcript file');
  return { scenarioPath, transcriptPath, mode };
}

const { scenarioPath, transcriptPath, mode } = parseArgs(process.argv.slice(2));
const loaded = loadScenarioFile({ file: scenarioPath, text: readText(scenarioPath) });
if (!loaded.scenario) fail(`invalid scenario\n${loaded.errors.map(formatLoadError).join('\n')}`);

let json: unknown;
try {
  json = JSON.parse(readText(transcriptPath));
} catch (error) {
  fail(`${transcriptPath} is not JSON: ${error instanceof Error ? error.message : String(error)}`);
}
const transcript = transcriptSchema.safeParse(json);
if (!transcript.success)
  fail(
    `${transcriptPath}: ${transcript.error.issues
      .map((issue) => `${issue.path.join('.') || '(root)'}: ${issue.message}`)
      .join('; ')}`,
  );

const { analyzer, errors } = await createNodeAnalyzer();
for (const error of errors) process.stderr.write(`warning: ${formatLoadError(error)}\n`);
// The typed, versioned report, exactly as the server's POST /api/score answers it.
const report = toStoredReport(runTranscript(loaded.scenario, analyzer, transcript.data, mode));
process.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
