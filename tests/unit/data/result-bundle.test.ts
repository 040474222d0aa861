import { beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { database, ServiceDojoDb, useDatabase, type AttemptRecord } from '../../../src/data/db';
import {
  checkAttempts,
  checkBundle,
  MAX_BUNDLE_BYTES,
  RESULT_BUNDLE_SCHEMA_VERSION,
} from '../../../src/core/result-bundle';
import { exportBundle, importBundles, type ImportScorer } from '../../../src/data/result-bundle';
import { nodeScorer, practisedAttempt } from '../../support/practised-attempts';

const START = Date.UTC(2024, 4, 1, 9, 0);
const NOW = Date.UTC(2024, 5, 1);
const DAY = 86_400_000;

let scorer: ImportScorer;

beforeAll(async () => {
  scorer = await nodeScorer();
});

/** A finished exam attempt a trainee's device stored (really played, so it can be re-scored). */
function attempt(id: string, name = '张伟'): AttemptRecord {
  return practisedAttempt(scorer, id, { name, startedAt: START });
}

beforeEach(() => {
  useDatabase(new ServiceDojoDb(`test-${crypto.randomUUID()}`));
});

describe('checkBundle', () => {
  it('should accept an exported bundle unchanged', async () => {
    const text = await exportBundle([attempt('a1')], NOW);
    const check = await checkBundle(text);
    expect(check).toMatchObject({ ok: true, bundle: { attempts: [{ id: 'a1' }] } });
  });

  it('should reject a bundle whose score was edited after export', async () => {
    const original = attempt('a1');
    const text = (await exportBundle([original])).replace(
      `"score":${original.score}`,
      `"score":${original.score === 0 ? 1 : 0}`,
    );
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
      {
        index: 0,
        id: 'x',
        field,
        code: 'implausible',
        reason: expect.stringContaining(`x.json: attempt 1 (x)`),
      },
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

    const summary = await importBundles(
      [
        { name: 'zhang.json', text: first },
        { name: 'broken.json', text: '{"kind":' },
        { name: 'li.json', text: second },
        { name: 'zhang-again.json', text: first },
      ],
      scorer,
    );

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
    await importBundles([{ name: 'a.json', text }], scorer);

    const again = await importBundles([{ name: 'a.json', text }], scorer);

    expect(again).toMatchObject({ added: 0, duplicates: 1 });
    expect((await database().attempts.get('a1'))?.score).toBe(attempt('a1').score);
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

    const summary = await importBundles([{ name: 'late.json', text: late }], scorer, NOW);

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

    const summary = await importBundles(
      [
        { name: 'cut.json', text: cut },
        { name: 'li.json', text: await exportBundle([attempt('a3', '李娜')]) },
      ],
      scorer,
    );

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

describe('importBundles re-scores what devices claim', () => {
  it('should keep this app’s score, not a forged one with a recomputed checksum', async () => {
    // One apology and nothing else: a call no trainer would pass, claiming 96 and a pass.
    const real = practisedAttempt(scorer, 'forged-score', {
      replies: [{ text: '不好意思让您久等了。', afterMs: 6_000 }],
      startedAt: START,
    });
    const forged = { ...real, score: 96, passed: true, endingKind: 'retained' as const };
    forged.report = { ...real.report!, score: 96, passed: true };
    const summary = await importBundles(
      [{ name: 'f.json', text: await exportBundle([{ ...forged }], NOW) }],
      scorer,
      NOW,
    );
    expect(real.passed).toBe(false);
    expect(summary).toMatchObject({ added: 1, rescoredDiffer: 1 });
    const stored = await database().attempts.get('forged-score');
    expect(stored).toMatchObject({
      score: real.score,
      passed: real.passed,
      source: 'imported',
      claimed: { score: 96, passed: true },
    });
    expect(stored?.report?.score).toBe(real.score);
  });

  it('should score a rude conversation low whatever it claims', async () => {
    const rude = practisedAttempt(scorer, 'rude', {
      replies: [
        { text: '你弄错了吧，送货单上写的就是这周。', afterMs: 5_000 },
        { text: '你别激动，我也没办法。', afterMs: 5_000 },
      ],
      startedAt: START,
    });
    const text = await exportBundle([{ ...rude, score: 95, passed: true }], NOW);
    await importBundles([{ name: 'r.json', text }], scorer, NOW);
    const stored = await database().attempts.get('rude');
    expect(stored?.passed).toBe(false);
    expect(stored?.score).toBeLessThan(60);
  });

  it('should flag an id already stored with other replies instead of skipping it', async () => {
    await importBundles(
      [{ name: 'a.json', text: await exportBundle([attempt('same')], NOW) }],
      scorer,
      NOW,
    );
    const other = practisedAttempt(scorer, 'same', {
      replies: [{ text: '您好，请问有什么可以帮您？', afterMs: 4_000 }],
      startedAt: START,
    });
    const summary = await importBundles(
      [{ name: 'b.json', text: await exportBundle([other], NOW) }],
      scorer,
      NOW,
    );
    expect(summary).toMatchObject({ added: 0, duplicates: 0, conflicts: 1 });
    expect(summary.files[0]?.conflicts).toEqual(['same']);
  });

  it('should refuse observed attempts, unknown scenarios and finished attempts without replies', async () => {
    const observed = { ...attempt('obs'), mode: 'observed' as const };
    const unknown = { ...attempt('unk'), scenarioId: 'not-here' };
    const empty = { ...attempt('empty'), report: { ...attempt('empty').report!, transcript: [] } };
    const summary = await importBundles(
      [
        {
          name: 'x.json',
          text: await exportBundle([observed, unknown, empty, attempt('ok')], NOW),
        },
      ],
      scorer,
      NOW,
    );
    expect(summary.added).toBe(1);
    expect(summary.files[0]?.refused.map((r) => [r.id, r.code, r.field])).toEqual([
      ['obs', 'observed', 'mode'],
      ['unk', 'unknown-scenario', 'scenarioId'],
      ['empty', 'no-replies', 'report.transcript'],
    ]);
  });
});

describe('importBundles size limits', () => {
  it('should refuse a reply longer than the composer allows, naming where it is', async () => {
    const long = attempt('long');
    const transcript = long.report!.transcript.map((entry) =>
      entry.role === 'trainee' && entry.turn === 1
        ? { ...entry, text: '好'.repeat(5_000_000) }
        : entry,
    );
    const text = await exportBundle(
      [{ ...long, report: { ...long.report!, transcript } }, attempt('fine')],
      NOW,
    );
    const summary = await importBundles([{ name: 'big-reply.json', text }], scorer, NOW);
    expect(summary.added).toBe(1);
    expect(summary.files[0]?.refused[0]).toMatchObject({
      id: 'long',
      field: expect.stringMatching(/^report\.transcript\.\d+\.text$/),
    });
  });

  it('should refuse a file over the size limit without reading it', async () => {
    const summary = await importBundles(
      [{ name: 'huge.json', text: '', size: MAX_BUNDLE_BYTES + 1 }],
      scorer,
      NOW,
    );
    expect(summary.files[0]).toMatchObject({ status: 'rejected', refusal: { code: 'too-large' } });
  });
});

describe('importBundles into a class', () => {
  const roster = [
    { name: '张伟', employeeNo: 'E001', department: '客服部' },
    { name: '李娜', employeeNo: 'E002', department: '客服部' },
  ];
  const into = { classCode: 'K7QH3MPA', roster };

  it('should take a bundle signed with the class code, typed in any case', async () => {
    const text = await exportBundle([attempt('signed')], NOW, 'k7qh 3mpa');
    const summary = await importBundles([{ name: 's.json', text }], scorer, NOW, { into });
    expect(summary).toMatchObject({ added: 1, rejected: 0 });
  });

  it('should refuse a bundle without a signature and one signed for another class', async () => {
    const unsigned = await exportBundle([attempt('u')], NOW);
    const other = await exportBundle([attempt('o')], NOW, 'ZZZZ2222');
    const summary = await importBundles(
      [
        { name: 'unsigned.json', text: unsigned },
        { name: 'other.json', text: other },
      ],
      scorer,
      NOW,
      { into },
    );
    expect(summary.files.map((file) => file.refusal?.code)).toEqual(['unsigned', 'wrong-class']);
    expect(await database().attempts.count()).toBe(0);
  });

  it('should refuse an attempt invented for someone not on the roster', async () => {
    const stranger = practisedAttempt(scorer, 'stranger', {
      name: '王五',
      employeeNo: 'E999',
      startedAt: START,
    });
    const text = await exportBundle([stranger, attempt('member')], NOW, into.classCode);
    const summary = await importBundles([{ name: 'x.json', text }], scorer, NOW, { into });
    expect(summary.added).toBe(1);
    expect(summary.files[0]?.refused.map((r) => [r.id, r.code, r.field])).toEqual([
      ['stranger', 'not-on-roster', 'trainee.employeeNo'],
    ]);
  });
});

describe('importBundles progress', () => {
  it('should tell the progress of a big bundle between slices and import every attempt', async () => {
    const many = Array.from({ length: 120 }, (_, i) => ({ ...attempt('base'), id: `many-${i}` }));
    const seen: number[] = [];
    const summary = await importBundles(
      [{ name: 'big.json', text: await exportBundle(many, NOW) }],
      scorer,
      NOW,
      { onProgress: (progress) => seen.push(progress.scored) },
    );
    expect(seen).toEqual([50, 100]);
    expect(summary.added).toBe(120);
  });
});

describe('importBundles of a 40 MB bundle', () => {
  it('should import every attempt, telling its progress in slices', async () => {
    const pad = 'x'.repeat(1900);
    const replies = Array.from({ length: 8 }, (_, i) => ({
      text: `您好，请问还有什么可以帮您？${pad}${i}`,
      afterMs: 5_000,
    }));
    const base = practisedAttempt(scorer, 'big', { replies, startedAt: START });
    const many = Array.from({ length: 1200 }, (_, i) => ({ ...base, id: `big-${i}` }));
    const text = await exportBundle(many, NOW);
    expect(text.length).toBeGreaterThan(40 * 1024 * 1024);
    let slices = 0;
    const summary = await importBundles([{ name: 'big.json', text }], scorer, NOW, {
      onProgress: () => (slices += 1),
    });
    expect(summary).toMatchObject({ added: 1200, rejected: 0, refusedAttempts: 0 });
    expect(slices).toBe(23);
    expect(await database().attempts.count()).toBe(1200);
  }, 180_000);
});

describe('importBundles when storage fails', () => {
  it('should refuse the file that could not be stored, by name, and import the others', async () => {
    const add = database().attempts.add.bind(database().attempts);
    let calls = 0;
    vi.spyOn(database().attempts, 'add').mockImplementation((record) => {
      calls += 1;
      if (calls === 1) throw Object.assign(new Error('disk full'), { name: 'QuotaExceededError' });
      return add(record);
    });
    const summary = await importBundles(
      [
        { name: 'first.json', text: await exportBundle([attempt('f1')], NOW) },
        { name: 'second.json', text: await exportBundle([attempt('s1')], NOW) },
      ],
      scorer,
      NOW,
    );
    expect(summary.files.map((file) => [file.name, file.status, file.refusal?.code])).toEqual([
      ['first.json', 'rejected', 'not-stored'],
      ['second.json', 'imported', undefined],
    ]);
    expect(summary.files[0]?.refusal?.detail).toMatch(/QuotaExceededError/);
    expect((await database().attempts.toCollection().primaryKeys()).sort()).toEqual(['s1']);
    vi.restoreAllMocks();
  });
});
