/**
 * imsmanifest.xml for the SCORM packages: one activity (an item and its SCO) per scenario, each
 * launching the one learner-only app at `index.html?scenario=ID[&mode=…]` with its pass mark
 * (SCORM 1.2 `adlcp:masteryscore`; 2004 a primary objective satisfied by measure with
 * `minNormalizedMeasure`). The app's files are one shared asset resource every SCO depends on.
 * SCORM 1.2 (IMS CP 1.1.2, ADLCP 1.2) and 2004 4th edition (IMS CP 1.1, ADLCP 1.3, IMS SS).
 */
import type { ScormVersion } from './lms-bridge';
import { launchQuery, type CountedMode } from './scorm-launch';

export interface ManifestActivity {
  scenarioId: string;
  /** The activity's title in the LMS's course outline. */
  title: string;
  /** Pass mark, 0–100 (the scenario's passScore). */
  masteryScore: number;
  /** The only mode whose attempts count; any mode when absent. */
  mode?: CountedMode;
}

export interface ManifestInput {
  /** Package identifier (an xs:ID: a letter, then letters, digits, '-', '_', '.'). */
  identifier: string;
  title: string;
  /** Version string shown to the LMS administrator. */
  version: string;
  /** Every file of the package, relative, with forward slashes; must include index.html. */
  files: readonly string[];
  /** One per scenario: at least one. */
  activities: readonly ManifestActivity[];
}

/** Escapes text for an XML attribute or element. */
export function xmlEscape(text: string): string {
  return text
    .replaceAll('&', '&amp;')
    .replaceAll('<', '&lt;')
    .replaceAll('>', '&gt;')
    .replaceAll('"', '&quot;')
    .replaceAll("'", '&apos;');
}

const XS_ID = /^[A-Za-z_][\w.-]*$/;

/** A scenario id as the tail of an xs:ID (anything else becomes "_"). */
function idPart(scenarioId: string): string {
  return scenarioId.replace(/[^\w.-]/g, '_');
}

function fileList(files: readonly string[], indent: string): string {
  return [...files]
    .filter((file) => file !== 'imsmanifest.xml')
    .sort()
    .map((file) => `${indent}<file href="${xmlEscape(encodeURI(file))}"/>`)
    .join('\n');
}

function check(input: ManifestInput): void {
  if (!XS_ID.test(input.identifier))
    throw new Error(`Manifest identifier "${input.identifier}" is not an xs:ID`);
  if (!input.files.includes('index.html')) throw new Error('The package has no index.html');
  if (input.activities.length === 0) throw new Error('The package has no activity');
  const seen = new Set<string>();
  for (const activity of input.activities) {
    const id = idPart(activity.scenarioId);
    if (seen.has(id)) throw new Error(`Two activities for scenario "${activity.scenarioId}"`);
    seen.add(id);
    const score = activity.masteryScore;
    if (!Number.isFinite(score) || score < 0 || score > 100)
      throw new Error(`Mastery score ${score} of "${activity.scenarioId}" is not within 0–100`);
  }
}

interface Ids {
  org: string;
  assets: string;
  item: (activity: ManifestActivity) => string;
  sco: (activity: ManifestActivity) => string;
}

function idsOf(input: ManifestInput): Ids {
  return {
    org: `${input.identifier}-org`,
    assets: `${input.identifier}-app`,
    item: (activity) => `item-${idPart(activity.scenarioId)}`,
    sco: (activity) => `sco-${idPart(activity.scenarioId)}`,
  };
}

function launchHref(activity: ManifestActivity): string {
  return xmlEscape(`index.html${launchQuery(activity)}`);
}

/** The SCO resources (index.html with the activity's query, the shared files as a dependency). */
function scoResources(input: ManifestInput, ids: Ids, scormTypeAttribute: string): string {
  return input.activities
    .map(
      (
        activity,
      ) => `    <resource identifier="${ids.sco(activity)}" type="webcontent" ${scormTypeAttribute}="sco" href="${launchHref(activity)}">
      <file href="index.html"/>
      <dependency identifierref="${ids.assets}"/>
    </resource>`,
    )
    .join('\n');
}

function assetResource(input: ManifestInput, ids: Ids, scormTypeAttribute: string): string {
  return `    <resource identifier="${ids.assets}" type="webcontent" ${scormTypeAttribute}="asset">
${fileList(input.files, '      ')}
    </resource>`;
}

function manifest12(input: ManifestInput): string {
  const ids = idsOf(input);
  const items = input.activities
    .map(
      (
        activity,
      ) => `      <item identifier="${ids.item(activity)}" identifierref="${ids.sco(activity)}" isvisible="true">
        <title>${xmlEscape(activity.title)}</title>
        <adlcp:masteryscore>${activity.masteryScore}</adlcp:masteryscore>
      </item>`,
    )
    .join('\n');
  return `<?xml version="1.0" encoding="UTF-8"?>
<manifest identifier="${input.identifier}" version="${xmlEscape(input.version)}"
  xmlns="http://www.imsproject.org/xsd/imscp_rootv1p1p2"
  xmlns:adlcp="http://www.adlnet.org/xsd/adlcp_rootv1p2"
  xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"
  xsi:schemaLocation="http://www.imsproject.org/xsd/imscp_rootv1p1p2 imscp_rootv1p1p2.xsd http://www.imsglobal.org/xsd/imsmd_rootv1p2p1 imsmd_rootv1p2p1.xsd http://www.adlnet.org/xsd/adlcp_rootv1p2 adlcp_rootv1p2.xsd">
  <metadata>
    <schema>ADL SCORM</schema>
    <schemaversion>1.2</schemaversion>
  </metadata>
  <organizations default="${ids.org}">
    <organization identifier="${ids.org}">
      <title>${xmlEscape(input.title)}</title>
${items}
    </organization>
  </organizations>
  <resources>
${scoResources(input, ids, 'adlcp:scormtype')}
${assetResource(input, ids, 'adlcp:scormtype')}
  </resources>
</manifest>
`;
}

/** 0–100 as a normalized measure (-1…1) with up to four decimals. */
function normalized(score: number): string {
  return String(Math.round(score * 100) / 10_000);
}

function manifest2004(input: ManifestInput): string {
  const ids = idsOf(input);
  const items = input.activities
    .map(
      (
        activity,
      ) => `      <item identifier="${ids.item(activity)}" identifierref="${ids.sco(activity)}">
        <title>${xmlEscape(activity.title)}</title>
        <imsss:sequencing>
          <imsss:objectives>
            <imsss:primaryObjective objectiveID="pass-${idPart(activity.scenarioId)}" satisfiedByMeasure="true">
              <imsss:minNormalizedMeasure>${normalized(activity.masteryScore)}</imsss:minNormalizedMeasure>
            </imsss:primaryObjective>
          </imsss:objectives>
        </imsss:sequencing>
      </item>`,
    )
    .join('\n');
  return `<?xml version="1.0" encoding="UTF-8"?>
<manifest identifier="${input.identifier}" version="${xmlEscape(input.version)}"
  xmlns="http://www.imsglobal.org/xsd/imscp_v1p1"
  xmlns:adlcp="http://www.adlnet.org/xsd/adlcp_v1p3"
  xmlns:adlseq="http://www.adlnet.org/xsd/adlseq_v1p3"
  xmlns:adlnav="http://www.adlnet.org/xsd/adlnav_v1p3"
  xmlns:imsss="http://www.imsglobal.org/xsd/imsss"
  xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"
  xsi:schemaLocation="http://www.imsglobal.org/xsd/imscp_v1p1 imscp_v1p1.xsd http://www.adlnet.org/xsd/adlcp_v1p3 adlcp_v1p3.xsd http://www.adlnet.org/xsd/adlseq_v1p3 adlseq_v1p3.xsd http://www.adlnet.org/xsd/adlnav_v1p3 adlnav_v1p3.xsd http://www.imsglobal.org/xsd/imsss imsss_v1p0.xsd">
  <metadata>
    <schema>ADL SCORM</schema>
    <schemaversion>2004 4th Edition</schemaversion>
  </metadata>
  <organizations default="${ids.org}">
    <organization identifier="${ids.org}">
      <title>${xmlEscape(input.title)}</title>
${items}
      <imsss:sequencing>
        <imsss:controlMode choice="true" flow="true"/>
      </imsss:sequencing>
    </organization>
  </organizations>
  <resources>
${scoResources(input, ids, 'adlcp:scormType')}
${assetResource(input, ids, 'adlcp:scormType')}
  </resources>
</manifest>
`;
}

/** The imsmanifest.xml text for a SCORM 1.2 or 2004 4th edition package of the given files. */
export function scormManifest(version: ScormVersion, input: ManifestInput): string {
  check(input);
  return version === '1.2' ? manifest12(input) : manifest2004(input);
}
