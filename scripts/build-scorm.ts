/**
 * npm run build:scorm [-- --scenario ID] [--mode coach|exam|choice]
 *   (= vite build --mode scorm --outDir dist-learner, then this script)
 * Packs the learner-only build into SCORM packages for an LMS, each with one activity (item and
 * SCO) per scenario and its pass mark:
 *   dist-scorm/servicedojo-scorm12.zip    SCORM 1.2
 *   dist-scorm/servicedojo-scorm2004.zip  SCORM 2004 4th edition
 * With --scenario, one package per version for that scenario alone
 * (servicedojo-ID[-MODE]-scorm12.zip …); with --mode, only attempts in that mode count.
 * Positional arguments override the folders: build-scorm.ts [SOURCE] [TARGET].
 */
import { existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { zipSync, strToU8, type Zippable } from 'fflate';
import { formatLoadError } from '../src/core/yaml-source';
import type { ScormVersion } from '../src/lms/lms-bridge';
import { scormManifest, type ManifestActivity } from '../src/lms/scorm-manifest';
import { scormLaunch } from '../src/lms/scorm-launch';
import { loadNodeScenarios } from '../src/node/node-scenarios';

function fail(message: string): never {
  process.stderr.write(`build:scorm: ${message}\n`);
  process.stderr.write(
    'usage: npm run build:scorm [-- --scenario ID] [--mode coach|exam|choice] [SOURCE] [TARGET]\n',
  );
  process.exit(2);
}

function parseArgs(args: readonly string[]) {
  const positional: string[] = [];
  const options = new Map<string, string>();
  for (let i = 0; i < args.length; i++) {
    const arg = args[i] as string;
    const named = /^--(scenario|mode)(?:=(.*))?$/.exec(arg);
    if (named) {
      const value = named[2] ?? args[++i];
      if (!value) fail(`--${named[1]} needs a value`);
      options.set(named[1] as string, value);
    } else if (arg.startsWith('--')) fail(`unknown option ${arg}`);
    else positional.push(arg);
  }
  const [source = 'dist-learner', target = 'dist-scorm'] = positional;
  const asked = options.get('mode');
  // Read by the app's own launch parser: a mode it would not take is refused here.
  const mode = asked
    ? scormLaunch(`?scenario=x&mode=${encodeURIComponent(asked)}`)?.mode
    : undefined;
  if (asked && mode !== asked) fail(`--mode must be coach, exam or choice, not "${asked}"`);
  return { source, target, scenarioId: options.get('scenario'), mode };
}

function listFiles(root: string, dir = root): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory()
      ? listFiles(root, path)
      : [relative(root, path).split(sep).join('/')];
  });
}

const { source, target, scenarioId, mode } = parseArgs(process.argv.slice(2));
if (!existsSync(join(source, 'index.html')))
  fail(`${source}/index.html is missing: run \`vite build --mode scorm --outDir ${source}\` first`);
const files = listFiles(source);
// The full build registers a service worker and carries the staff pages: not for an LMS.
if (files.includes('sw.js'))
  fail(`${source} is the full build (it has sw.js): build it with \`vite build --mode scorm\``);

const loaded = loadNodeScenarios();
for (const error of loaded.errors) process.stderr.write(`${formatLoadError(error)}\n`);
const scenarios = scenarioId
  ? loaded.scenarios.filter((scenario) => scenario.id === scenarioId)
  : loaded.scenarios;
if (scenarios.length === 0)
  fail(scenarioId ? `no scenario "${scenarioId}" in scenarios/` : 'no scenario loaded');
const activities: ManifestActivity[] = scenarios.map((scenario) => ({
  scenarioId: scenario.id,
  title: `${scenario.title['zh-CN']} ${scenario.title.en}`,
  masteryScore: scenario.passScore,
  ...(mode ? { mode } : {}),
}));

const { version } = JSON.parse(readFileSync('package.json', 'utf8')) as { version: string };
mkdirSync(target, { recursive: true });
const single = scenarios.length === 1 && scenarioId ? scenarios[0] : undefined;
const stem = single ? `servicedojo-${single.id}${mode ? `-${mode}` : ''}` : 'servicedojo';
const title = single ? (activities[0]?.title ?? single.id) : 'ServiceDojo 服务道场';

for (const scorm of ['1.2', '2004'] as ScormVersion[]) {
  const suffix = `scorm${scorm.replace('.', '')}`;
  const name = `${stem}-${suffix}.zip`;
  const manifest = scormManifest(scorm, {
    identifier: `${stem}-${suffix}`.replace(/[^\w.-]/g, '_'),
    title: mode ? `${title} (${mode})` : title,
    version,
    files,
    activities,
  });
  const entries: Zippable = { 'imsmanifest.xml': strToU8(manifest) };
  for (const file of files) entries[file] = readFileSync(join(source, file));
  const zip = zipSync(entries, { level: 9 });
  writeFileSync(join(target, name), zip);
  process.stdout.write(
    `${join(target, name)}: SCORM ${scorm}, ${activities.length} activit${activities.length === 1 ? 'y' : 'ies'}${mode ? `, ${mode} attempts only` : ''}, ${files.length} files, ${Math.round(zip.length / 1024)} KiB\n`,
  );
}
