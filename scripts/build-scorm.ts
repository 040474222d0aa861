/**
 * npm run build:scorm  (= vite build, then this script)
 * Packs the built app in dist/ into two SCORM packages for an LMS:
 *   dist-scorm/servicedojo-scorm12.zip    SCORM 1.2
 *   dist-scorm/servicedojo-scorm2004.zip  SCORM 2004 4th edition
 * each with imsmanifest.xml at the root and the app launched from index.html.
 */
import { mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { zipSync, strToU8, type Zippable } from 'fflate';
import { scormManifest } from '../src/lms/scorm-manifest';
import type { ScormVersion } from '../src/lms/lms-bridge';

const [source = 'dist', target = 'dist-scorm'] = process.argv.slice(2);

function listFiles(root: string, dir = root): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory()
      ? listFiles(root, path)
      : [relative(root, path).split(sep).join('/')];
  });
}

const files = listFiles(source);
if (!files.includes('index.html')) {
  process.stderr.write(`${source}/index.html is missing: run \`vite build\` first\n`);
  process.exit(1);
}
const { version } = JSON.parse(readFileSync('package.json', 'utf8')) as { version: string };
mkdirSync(target, { recursive: true });

const PACKAGES: Record<ScormVersion, string> = {
  '1.2': 'servicedojo-scorm12.zip',
  '2004': 'servicedojo-scorm2004.zip',
};
for (const [scorm, name] of Object.entries(PACKAGES) as [ScormVersion, string][]) {
  const manifest = scormManifest(scorm, {
    identifier: `servicedojo-scorm${scorm.replace('.', '')}`,
    title: 'ServiceDojo 服务道场',
    version,
    files,
  });
  const entries: Zippable = { 'imsmanifest.xml': strToU8(manifest) };
  for (const file of files) entries[file] = readFileSync(join(source, file));
  const zip = zipSync(entries, { level: 9 });
  writeFileSync(join(target, name), zip);
  process.stdout.write(
    `${join(target, name)}: SCORM ${scorm}, ${files.length} files, ${Math.round(zip.length / 1024)} KiB\n`,
  );
}
