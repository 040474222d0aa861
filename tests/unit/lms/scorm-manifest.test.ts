// @vitest-environment jsdom
import { describe, expect, it } from 'vitest';
import { scormManifest } from '../../../src/lms/scorm-manifest';

const input = {
  identifier: 'servicedojo',
  title: 'ServiceDojo 服务道场 & <co>',
  version: '0.1.0',
  files: ['index.html', 'assets/index-abc.js', 'scenarios/投诉 1.yaml'],
};

function parse(xml: string): Document {
  const doc = new DOMParser().parseFromString(xml, 'application/xml');
  expect(doc.getElementsByTagName('parsererror')).toHaveLength(0);
  return doc;
}

describe('scormManifest', () => {
  it('should write a well-formed SCORM 1.2 manifest with one SCO at index.html', () => {
    const doc = parse(scormManifest('1.2', input));
    const root = doc.documentElement;
    expect(root.namespaceURI).toBe('http://www.imsproject.org/xsd/imscp_rootv1p1p2');
    expect(doc.getElementsByTagName('schemaversion')[0]?.textContent).toBe('1.2');
    const resource = doc.getElementsByTagName('resource')[0];
    expect(resource?.getAttribute('href')).toBe('index.html');
    expect(resource?.getAttribute('adlcp:scormtype')).toBe('sco');
    const item = doc.getElementsByTagName('item')[0];
    expect(item?.getAttribute('identifierref')).toBe(resource?.getAttribute('identifier'));
    expect(doc.getElementsByTagName('title')[0]?.textContent).toBe('ServiceDojo 服务道场 & <co>');
  });

  it('should write a well-formed SCORM 2004 4th edition manifest listing every file', () => {
    const doc = parse(scormManifest('2004', input));
    expect(doc.documentElement.namespaceURI).toBe('http://www.imsglobal.org/xsd/imscp_v1p1');
    expect(doc.getElementsByTagName('schemaversion')[0]?.textContent).toBe('2004 4th Edition');
    expect(doc.getElementsByTagName('resource')[0]?.getAttribute('adlcp:scormType')).toBe('sco');
    const hrefs = [...doc.getElementsByTagName('file')].map((f) =>
      decodeURI(f.getAttribute('href') ?? ''),
    );
    expect(hrefs.sort()).toEqual([...input.files].sort());
    const organizations = doc.getElementsByTagName('organizations')[0];
    expect(organizations?.getAttribute('default')).toBe(
      doc.getElementsByTagName('organization')[0]?.getAttribute('identifier'),
    );
  });

  it('should refuse a package without index.html or with a bad identifier', () => {
    expect(() => scormManifest('1.2', { ...input, files: ['app.html'] })).toThrow(/index.html/);
    expect(() => scormManifest('2004', { ...input, identifier: '1 bad' })).toThrow(/xs:ID/);
  });
});
