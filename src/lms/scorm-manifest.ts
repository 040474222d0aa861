/**
 * imsmanifest.xml for the SCORM packages: the whole app is one SCO launched at index.html,
 * every file of the build listed as part of its resource. SCORM 1.2 (IMS CP 1.1.2, ADLCP 1.2)
 * and SCORM 2004 4th edition (IMS CP 1.1, ADLCP 1.3, schemaversion "2004 4th Edition").
 */
import type { ScormVersion } from './lms-bridge';

export interface ManifestInput {
  /** Package identifier (an xs:ID: a letter, then letters, digits, '-', '_', '.'). */
  identifier: string;
  title: string;
  /** Version string shown to the LMS administrator. */
  version: string;
  /** Every file of the package, relative, with forward slashes; must include index.html. */
  files: readonly string[];
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

function fileList(files: readonly string[]): string {
  return [...files]
    .filter((file) => file !== 'imsmanifest.xml')
    .sort()
    .map((file) => `      <file href="${xmlEscape(encodeURI(file))}"/>`)
    .join('\n');
}

function check(input: ManifestInput): void {
  if (!/^[A-Za-z_][\w.-]*$/.test(input.identifier))
    throw new Error(`Manifest identifier "${input.identifier}" is not an xs:ID`);
  if (!input.files.includes('index.html')) throw new Error('The package has no index.html');
}

function manifest12(input: ManifestInput): string {
  const title = xmlEscape(input.title);
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
  <organizations default="${input.identifier}-org">
    <organization identifier="${input.identifier}-org">
      <title>${title}</title>
      <item identifier="${input.identifier}-item" identifierref="${input.identifier}-sco" isvisible="true">
        <title>${title}</title>
      </item>
    </organization>
  </organizations>
  <resources>
    <resource identifier="${input.identifier}-sco" type="webcontent" adlcp:scormtype="sco" href="index.html">
${fileList(input.files)}
    </resource>
  </resources>
</manifest>
`;
}

function manifest2004(input: ManifestInput): string {
  const title = xmlEscape(input.title);
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
  <organizations default="${input.identifier}-org">
    <organization identifier="${input.identifier}-org">
      <title>${title}</title>
      <item identifier="${input.identifier}-item" identifierref="${input.identifier}-sco">
        <title>${title}</title>
      </item>
    </organization>
  </organizations>
  <resources>
    <resource identifier="${input.identifier}-sco" type="webcontent" adlcp:scormType="sco" href="index.html">
${fileList(input.files)}
    </resource>
  </resources>
</manifest>
`;
}

/** The imsmanifest.xml text for a SCORM 1.2 or 2004 4th edition package of the given files. */
export function scormManifest(version: ScormVersion, input: ManifestInput): string {
  check(input);
  return version === '1.2' ? manifest12(input) : manifest2004(input);
}
