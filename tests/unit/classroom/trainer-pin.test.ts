import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { database, ServiceDojoDb, useDatabase } from '../../../src/data/db';
import {
  hashPin,
  PIN_KEY,
  pinRecordSchema,
  pinWaitMs,
  readStoredPin,
  setPin,
  tryPin,
  verifyPin,
  waitAfter,
} from '../../../src/features/classroom/trainer-pin';

async function legacyHash(pin: string): Promise<string> {
  const digest = await crypto.subtle.digest(
    'SHA-256',
    new TextEncoder().encode(`servicedojo:${pin}`),
  );
  return [...new Uint8Array(digest)].map((byte) => byte.toString(16).padStart(2, '0')).join('');
}

beforeEach(() => {
  useDatabase(new ServiceDojoDb(`test-${crypto.randomUUID()}`));
});

afterEach(() => {
  vi.useRealTimers();
});

describe('hashPin', () => {
  it('should salt the same PIN differently on two setups and verify both', async () => {
    const first = await hashPin('2468');
    const second = await hashPin('2468');

    expect(first.record.salt).not.toBe(second.record.salt);
    expect(first.record.hash).not.toBe(second.record.hash);
    expect(first.record.iterations).toBeGreaterThanOrEqual(100_000);
    expect(await verifyPin('2468', first.record)).toBeDefined();
    expect(await verifyPin('2468', second.record)).toBeDefined();
    expect(await verifyPin('2469', first.record)).toBeUndefined();
  });

  it('should store a salted record, not the PIN or a bare digest', async () => {
    await setPin('2468');
    const stored = (await database().settings.get(PIN_KEY))?.value;
    expect(pinRecordSchema.parse(stored).algorithm).toBe('PBKDF2-SHA-256');
    expect(JSON.stringify(stored)).not.toContain(await legacyHash('2468'));
  });
});

describe('tryPin', () => {
  it('should migrate an old unsalted hash on the next correct entry, not on a wrong one', async () => {
    await database().settings.put({ key: PIN_KEY, value: await legacyHash('1357') });

    expect(await tryPin('0000', 0)).toMatchObject({ ok: false });
    expect(await readStoredPin()).toEqual({ legacy: await legacyHash('1357') });

    expect(await tryPin('1357', 60_000)).toEqual({ ok: true });
    const migrated = pinRecordSchema.parse((await database().settings.get(PIN_KEY))?.value);
    expect(await verifyPin('1357', migrated)).toBeDefined();
    expect(await tryPin('1357', 120_000)).toEqual({ ok: true });
  });

  it('should make each wrong try wait longer and refuse tries during the wait', async () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(1_000_000);
    await setPin('2468');

    const waits: number[] = [];
    for (let round = 0; round < 4; round += 1) {
      const result = await tryPin('1111');
      expect(result).toMatchObject({ ok: false, tooSoon: false });
      if (!result.ok) waits.push(result.waitMs);
      // The right PIN is refused unchecked until the wait is over.
      expect(await tryPin('2468')).toMatchObject({ ok: false, tooSoon: true });
      vi.setSystemTime(Date.now() + waits.at(-1)! - 1);
      expect(await pinWaitMs()).toBe(1);
      vi.setSystemTime(Date.now() + 1);
    }

    expect(waits).toEqual([1_000, 2_000, 4_000, 8_000]);
    expect(await tryPin('2468')).toEqual({ ok: true });
    expect(await pinWaitMs()).toBe(0);
    expect(await tryPin('1111')).toMatchObject({ waitMs: 1_000 });
  });
});

describe('waitAfter', () => {
  it('should double the wait and stop at five minutes', () => {
    expect(waitAfter(0)).toBe(0);
    expect(waitAfter(3)).toBe(4_000);
    expect(waitAfter(50)).toBe(300_000);
  });
});
