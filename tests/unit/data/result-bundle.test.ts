import { beforeEach, describe, expect, it } from 'vitest';
import { database, ServiceDojoDb, useDatabase, type AttemptRecord } from '../../../src/data/db';
import {
  checkBundle,
  exportBundle,
  importBundles,
  RESULT_BUNDLE_SCHEMA_VERSION,
} from '../../../src/data/result-bundle';

function attempt(id: string, name = '张伟'): AttemptRecord {
  return {
    id,
    schemaVersion: 1,
    scenarioId: 'complaint-late-delivery',
    scenarioVersion: 1,
    scenarioTitle: { 'zh-CN': '沙发延迟送货', en: 'Late sofa delivery' },
    mode: 'exam',
    trainee: { name, employeeNo: 'E001', department: '客服部' },
    status: 'finished',
    startedAt: 1000,
    updatedAt: 2000,
    revision: 3,
    snapshot: { value: 'done', context: { mood: 70 } },
    score: 82,
    passed: true,
  };
}

beforeEach(() => {
  useDatabase(new ServiceDojoDb(`test-${crypto.randomUUID()}`));
});

describe('checkBundle', () => {
  it('should accept an exported bundle unchanged', async () => {
    const text = await exportBundle([attempt('a1')], 5000);
    const check = await checkBundle(text);
    expect(check).toMatchObject({ ok: true, bundle: { attempts: [{ score: 82 }] } });
  });

  it('should reject a bundle whose score was edited after export', async () => {
    const text = (await exportBundle([attempt('a1')])).replace('"score":82', '"score":100');
    expect(await checkBundle(text)).toMatchObject({
      ok: false,
      code: 'checksum',
      reason: expect.stringMatching(/checksum does not match/),
    });
  });

  it('should reject a bundle from a newer app version and a cut-off file', async () => {
    const newer = JSON.parse(await exportBundle([])) as Record<string, unknown>;
    newer.schemaVersion = RESULT_BUNDLE_SCHEMA_VERSION + 1;
    const text = await exportBundle([attempt('a1')]);

    expect(await checkBundle(JSON.stringify(newer))).toMatchObject({
      ok: false,
      code: 'newer',
      detail: String(RESULT_BUNDLE_SCHEMA_VERSION + 1),
    });
    expect(await checkBundle(text.slice(0, 100))).toMatchObject({
      ok: false,
      code: 'not-json',
    });
  });
});

describe('checkBundle on a well-signed but malformed bundle', () => {
  it('should name the field at fault', async () => {
    const broken = { ...attempt('a1'), trainee: { name: '', employeeNo: 'E001', department: '' } };
    expect(await checkBundle(await exportBundle([broken]))).toMatchObject({
      ok: false,
      code: 'invalid',
      detail: 'attempts.0.trainee.name',
    });
  });
});

describe('importBundles', () => {
  it('should add new attempts, skip ones already there and reject the broken file only', async () => {
    const first = await exportBundle([attempt('a1'), attempt('a2')]);
    const second = await exportBundle([attempt('a3', '李娜')]);

    const summary = await importBundles([
      { name: 'zhang.json', text: first },
      { name: 'broken.json', text: '{"kind":' },
      { name: 'li.json', text: second },
      { name: 'zhang-again.json', text: first },
    ]);

    expect(summary).toMatchObject({ added: 3, duplicates: 2, rejected: 1 });
    expect(summary.files.map((file) => file.status)).toEqual([
      'imported',
      'rejected',
      'imported',
      'imported',
    ]);
    expect(summary.files[1]?.refusal?.code).toBe('not-json');
    expect(summary.trainees).toEqual(['张伟', '李娜'].sort());
    expect(await database().attempts.count()).toBe(3);
  });

  it('should change nothing when the same bundle is imported again later', async () => {
    const text = await exportBundle([attempt('a1')]);
    await importBundles([{ name: 'a.json', text }]);

    const again = await importBundles([{ name: 'a.json', text }]);

    expect(again).toMatchObject({ added: 0, duplicates: 1 });
    expect((await database().attempts.get('a1'))?.score).toBe(82);
  });
});
