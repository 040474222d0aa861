import { beforeEach, describe, expect, it } from 'vitest';
import { database, ServiceDojoDb, useDatabase, type AttemptRecord } from '../../../src/data/db';
import {
  checkAttempts,
  checkBundle,
  exportBundle,
  importBundles,
  RESULT_BUNDLE_SCHEMA_VERSION,
} from '../../../src/data/result-bundle';

const START = Date.UTC(2024, 4, 1, 9, 0);
const NOW = Date.UTC(2024, 5, 1);
const DAY = 86_400_000;

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
    startedAt: START,
    updatedAt: START + 60_000,
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
    const text = await exportBundle([attempt('a1')], NOW);
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

/** A bundle signed the way exportBundle signs it, with `raw` swapped into the text afterwards. */
async function signed(attempts: unknown[], raw?: [string, string]): Promise<string> {
  const content = { kind: 'servicedojo-results', schemaVersion: 1, exportedAt: NOW, attempts };
  const digest = await crypto.subtle.digest(
    'SHA-256',
    new TextEncoder().encode(JSON.stringify(content)),
  );
  const checksum = [...new Uint8Array(digest)].map((b) => b.toString(16).padStart(2, '0')).join('');
  const text = JSON.stringify({ ...content, checksum });
  return raw ? text.replace(raw[0], raw[1]) : text;
}

describe('checkBundle on a well-signed but malformed bundle', () => {
  it('should refuse the bad attempt by its field and keep the good one', async () => {
    const broken = { ...attempt('a1'), trainee: { name: '', employeeNo: 'E001', department: '' } };
    const check = await checkBundle(await exportBundle([broken, attempt('a2')], NOW), {
      name: 'li.json',
      now: NOW,
    });
    expect(check).toMatchObject({
      ok: true,
      bundle: {
        attempts: [{ id: 'a2' }],
        refused: [{ index: 0, id: 'a1', field: 'trainee.name' }],
      },
    });
  });

  it('should refuse the whole file when the bundle around the attempts is wrong', async () => {
    expect(
      await checkBundle(await exportBundle([attempt('a1')], Date.UTC(2019, 11, 31)), { now: NOW }),
    ).toMatchObject({ ok: false, code: 'invalid', detail: 'exportedAt' });
  });
});

describe('checkAttempts', () => {
  it.each([
    ['startedAt', { startedAt: 1000 }],
    ['updatedAt', { updatedAt: NOW + 2 * DAY }],
    ['finishedAt', { finishedAt: Date.UTC(2019, 11, 31, 23, 59) }],
    ['durationMs', { durationMs: -1 }],
    ['score', { score: 101 }],
    ['report.dimensions.empathy', { report: { score: 5, dimensions: { empathy: 99999 } } }],
    ['report.transcript.1.at', { report: { transcript: [{ at: START }, { at: 8.64e15 }] } }],
    ['report.transcript.0.responseMs', { report: { transcript: [{ at: START, responseMs: -5 }] } }],
    ['snapshot.context.promptedAt', { snapshot: { context: { promptedAt: -1 } } }],
  ])('should refuse an attempt whose %s is out of range', (field, change) => {
    const { attempts, refused } = checkAttempts([{ ...attempt('x'), ...change }], 'x.json', NOW);
    expect(attempts).toEqual([]);
    expect(refused).toEqual([
      { index: 0, id: 'x', field, reason: expect.stringContaining(`x.json: attempt 1 (x)`) },
    ]);
    expect(refused[0]?.reason).toContain(field);
  });

  it('should accept a time up to a day ahead of this clock', () => {
    const { attempts } = checkAttempts([{ ...attempt('x'), updatedAt: NOW + DAY }], 'x.json', NOW);
    expect(attempts).toHaveLength(1);
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

  it('should import the good attempts of an out-of-range bundle and name the bad ones', async () => {
    const late = await signed(
      [
        attempt('ok-1'),
        { ...attempt('old'), startedAt: 1000 },
        { ...attempt('huge'), startedAt: Infinity },
        { ...attempt('future'), finishedAt: NOW + 400 * DAY },
        { ...attempt('forged'), score: 5, report: { score: 5, dimensions: { empathy: 99999 } } },
        attempt('ok-2'),
      ],
      ['"startedAt":null', '"startedAt":1e999'],
    );

    const summary = await importBundles([{ name: 'late.json', text: late }], NOW);

    expect(summary).toMatchObject({ added: 2, rejected: 0, refusedAttempts: 4 });
    const [file] = summary.files;
    expect(file?.status).toBe('imported');
    expect(file?.refused.map((r) => [r.id, r.field])).toEqual([
      ['old', 'startedAt'],
      ['huge', 'startedAt'],
      ['future', 'finishedAt'],
      ['forged', 'report.dimensions.empathy'],
    ]);
    expect(file?.refused[0]?.reason).toMatch(/^late\.json: attempt 2 \(old\) refused, startedAt: /);
    expect((await database().attempts.toCollection().primaryKeys()).sort()).toEqual([
      'ok-1',
      'ok-2',
    ]);
  });

  it('should refuse a truncated bundle as a whole and still import the other files', async () => {
    const whole = await exportBundle([attempt('a1'), attempt('a2')]);
    const cut = whole.slice(0, Math.floor(whole.length / 2));

    const summary = await importBundles([
      { name: 'cut.json', text: cut },
      { name: 'li.json', text: await exportBundle([attempt('a3', '李娜')]) },
    ]);

    expect(summary).toMatchObject({ added: 1, rejected: 1, refusedAttempts: 0 });
    expect(summary.files[0]).toMatchObject({
      name: 'cut.json',
      status: 'rejected',
      added: 0,
      refusal: { code: 'not-json' },
    });
    expect(await database().attempts.get('a1')).toBeUndefined();
    expect(await database().attempts.get('a3')).toBeDefined();
  });
});
