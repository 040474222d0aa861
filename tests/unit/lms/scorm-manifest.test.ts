// @vitest-environment jsdom
import { describe, expect, it } from 'vitest';
import { scormManifest, type ManifestInput } from '../../../src/lms/scorm-manifest';
import { scormSchemaErrors } from '../../support/scorm-xsd';

const input: ManifestInput = {
  identifier: 'servicedojo',
  title: 'ServiceDojo 服务道场 & <co>',
  version: '0.1.0',
  files: ['index.html', 'assets/index-abc.js', 'scenarios/投诉 1.yaml'],
  activities: [
    { scenarioId: 'complaint-late-delivery', title: '快递迟到 Late delivery', masteryScore: 70 },
    { scenarioId: 'spin-office-printer', title: '办公打印机 & SPIN', masteryScore: 65.5 },
  ],
};

function parse(xml: string): Document {
  const doc = new DOMParser().parseFromString(xml, 'application/xml');
  expect(doc.getElementsByTagName('parsererror')).toHaveLength(0);
  return doc;
}

const items = (doc: Document) => [...doc.getElementsByTagName('item')];
const resourceOf = (doc: Document, item: Element) =>
  [...doc.getElementsByTagName('resource')].find(
    (resource) => resource.getAttribute('identifier') === item.getAttribute('identifierref'),
  );

describe('scormManifest', () => {
  it('should give every scenario its own SCORM 1.2 activity with its mastery score', () => {
    const doc = parse(scormManifest('1.2', input));
    expect(doc.documentElement.namespaceURI).toBe('http://www.imsproject.org/xsd/imscp_rootv1p1p2');
    expect(doc.getElementsByTagName('schemaversion')[0]?.textContent).toBe('1.2');
    expect(items(doc)).toHaveLength(2);
    const [first, second] = items(doc);
    expect(first?.getElementsByTagName('title')[0]?.textContent).toBe('快递迟到 Late delivery');
    expect(first?.getElementsByTagName('adlcp:masteryscore')[0]?.textContent).toBe('70');
    expect(second?.getElementsByTagName('adlcp:masteryscore')[0]?.textContent).toBe('65.5');
    const sco = first && resourceOf(doc, first);
    expect(sco?.getAttribute('adlcp:scormtype')).toBe('sco');
    expect(sco?.getAttribute('href')).toBe('index.html?scenario=complaint-late-delivery');
    expect(second && resourceOf(doc, second)?.getAttribute('href')).toBe(
      'index.html?scenario=spin-office-printer',
    );
  });

  it('should give every SCORM 2004 activity an objective satisfied by its pass mark', () => {
    const doc = parse(scormManifest('2004', input));
    expect(doc.documentElement.namespaceURI).toBe('http://www.imsglobal.org/xsd/imscp_v1p1');
    expect(doc.getElementsByTagName('schemaversion')[0]?.textContent).toBe('2004 4th Edition');
    const objectives = [...doc.getElementsByTagName('imsss:primaryObjective')];
    expect(objectives.map((o) => o.getAttribute('satisfiedByMeasure'))).toEqual(['true', 'true']);
    expect(
      objectives.map((o) => o.getElementsByTagName('imsss:minNormalizedMeasure')[0]?.textContent),
    ).toEqual(['0.7', '0.655']);
    // Every file of the app once, in the shared asset resource the SCOs depend on.
    const asset = [...doc.getElementsByTagName('resource')].find(
      (resource) => resource.getAttribute('adlcp:scormType') === 'asset',
    );
    const hrefs = [...(asset?.getElementsByTagName('file') ?? [])].map((f) =>
      decodeURI(f.getAttribute('href') ?? ''),
    );
    expect(hrefs.sort()).toEqual([...input.files].sort());
    for (const item of items(doc))
      expect(
        resourceOf(doc, item)?.getElementsByTagName('dependency')[0]?.getAttribute('identifierref'),
      ).toBe(asset?.getAttribute('identifier'));
  });

  it('should carry the counted mode in the launch URL of a single-scenario exam package', () => {
    const exam = { ...input, activities: [{ ...input.activities[0]!, mode: 'exam' as const }] };
    const doc = parse(scormManifest('2004', exam));
    expect(items(doc)).toHaveLength(1);
    const first = items(doc)[0];
    expect(first && resourceOf(doc, first)?.getAttribute('href')).toBe(
      'index.html?scenario=complaint-late-delivery&mode=exam',
    );
  });

  it('should refuse a package without index.html, activities or a sound pass mark', () => {
    expect(() => scormManifest('1.2', { ...input, files: ['app.html'] })).toThrow(/index.html/);
    expect(() => scormManifest('2004', { ...input, identifier: '1 bad' })).toThrow(/xs:ID/);
    expect(() => scormManifest('2004', { ...input, activities: [] })).toThrow(/no activity/);
    expect(() =>
      scormManifest('1.2', {
        ...input,
        activities: [{ scenarioId: 'x', title: 'x', masteryScore: 120 }],
      }),
    ).toThrow(/0–100/);
  });
});

describe.each(['1.2', '2004'] as const)('the SCORM %s manifest', (version) => {
  it('should validate against the official ADL/IMS schemas', async () => {
    expect(await scormSchemaErrors(version, scormManifest(version, input))).toEqual([]);
    const exam = { ...input, activities: [{ ...input.activities[1]!, mode: 'exam' as const }] };
    expect(await scormSchemaErrors(version, scormManifest(version, exam))).toEqual([]);
  });

  it('should be caught by the validator when it breaks the schema', async () => {
    const broken = scormManifest(version, input)
      .replace('<title>', '<titel>')
      .replace('</title>', '</titel>');
    expect(await scormSchemaErrors(version, broken)).not.toEqual([]);
  });
});
