/**
 * The trainer PIN behind the convenience lock: stored as a salted PBKDF2 hash (WebCrypto) in the
 * settings table, with a growing wait after wrong tries. An unlock lasts for the tab: the tab
 * keeps a key derived from the PIN, which only a correct PIN produces (the stored hash is one
 * SHA-256 further, so copying it from storage does not unlock anything). Still a convenience
 * lock: whoever has this browser's storage can guess a 4–8 digit PIN offline, only slower.
 */
import { z } from 'zod';
import { database } from '../../data/db';

export const PIN_KEY = 'trainer-pin';
export const PIN_TRIES_KEY = 'trainer-pin-tries';
const SESSION_KEY = 'servicedojo-trainer-session';

/** PBKDF2-SHA-256 rounds for a new PIN; each record keeps its own count. */
export const PIN_ITERATIONS = 310_000;
/** The wait after the first wrong try, doubled after each further one up to the cap. */
export const FIRST_WAIT_MS = 1_000;
export const MAX_WAIT_MS = 5 * 60_000;

export const pinRecordSchema = z.strictObject({
  schemaVersion: z.literal(2),
  algorithm: z.literal('PBKDF2-SHA-256'),
  iterations: z.number().int().min(1),
  /** Random, base64. */
  salt: z.string().min(1),
  /** SHA-256 of the PBKDF2 key, base64. */
  hash: z.string().min(1),
});
export type PinRecord = z.infer<typeof pinRecordSchema>;

/** Version 1: hex SHA-256 of "servicedojo:" + PIN, unsalted; replaced on the next correct entry. */
const legacyPinSchema = z.string().regex(/^[0-9a-f]{64}$/);

const pinTriesSchema = z.object({
  failures: z.number().int().min(0),
  waitUntil: z.number(),
});
export type PinTries = z.infer<typeof pinTriesSchema>;

function toBase64(bytes: Uint8Array): string {
  return btoa(String.fromCharCode(...bytes));
}

function fromBase64(text: string): Uint8Array<ArrayBuffer> {
  return Uint8Array.from(atob(text), (char) => char.charCodeAt(0));
}

function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  let difference = 0;
  for (let index = 0; index < a.length; index += 1) difference |= a[index]! ^ b[index]!;
  return difference === 0;
}

async function sha256(bytes: Uint8Array<ArrayBuffer>): Promise<Uint8Array<ArrayBuffer>> {
  return new Uint8Array(await crypto.subtle.digest('SHA-256', bytes));
}

async function deriveKey(
  pin: string,
  salt: Uint8Array<ArrayBuffer>,
  iterations: number,
): Promise<Uint8Array<ArrayBuffer>> {
  const material = await crypto.subtle.importKey(
    'raw',
    new TextEncoder().encode(pin),
    'PBKDF2',
    false,
    ['deriveBits'],
  );
  const bits = await crypto.subtle.deriveBits(
    { name: 'PBKDF2', hash: 'SHA-256', salt, iterations },
    material,
    256,
  );
  return new Uint8Array(bits);
}

async function legacyHash(pin: string): Promise<string> {
  const digest = await sha256(new TextEncoder().encode(`servicedojo:${pin}`));
  return [...digest].map((byte) => byte.toString(16).padStart(2, '0')).join('');
}

/** A new record for `pin` with a fresh random salt, and the tab key it unlocks with. */
export async function hashPin(
  pin: string,
  iterations = PIN_ITERATIONS,
): Promise<{ record: PinRecord; key: Uint8Array<ArrayBuffer> }> {
  const salt = crypto.getRandomValues(new Uint8Array(16));
  const key = await deriveKey(pin, salt, iterations);
  const record: PinRecord = {
    schemaVersion: 2,
    algorithm: 'PBKDF2-SHA-256',
    iterations,
    salt: toBase64(salt),
    hash: toBase64(await sha256(key)),
  };
  return { record, key };
}

/** The tab key for `pin` if it matches `record`, else undefined. */
export async function verifyPin(
  pin: string,
  record: PinRecord,
): Promise<Uint8Array<ArrayBuffer> | undefined> {
  const key = await deriveKey(pin, fromBase64(record.salt), record.iterations);
  return sameBytes(await sha256(key), fromBase64(record.hash)) ? key : undefined;
}

/** What the settings table holds: a PIN record, a legacy hash, or nothing (no PIN set). */
export type StoredPin = PinRecord | { legacy: string } | null;

export async function readStoredPin(): Promise<StoredPin> {
  const value = (await database().settings.get(PIN_KEY))?.value;
  const record = pinRecordSchema.safeParse(value);
  if (record.success) return record.data;
  const legacy = legacyPinSchema.safeParse(value);
  return legacy.success ? { legacy: legacy.data } : null;
}

/** Sets a new PIN (4–8 digits, checked by the caller) and unlocks this tab. */
export async function setPin(pin: string): Promise<void> {
  const { record, key } = await hashPin(pin);
  await database().settings.put({ key: PIN_KEY, value: record });
  await database().settings.delete(PIN_TRIES_KEY);
  rememberSession(key);
}

async function readTries(): Promise<PinTries> {
  const parsed = pinTriesSchema.safeParse((await database().settings.get(PIN_TRIES_KEY))?.value);
  return parsed.success ? parsed.data : { failures: 0, waitUntil: 0 };
}

/** How long to wait after `failures` wrong tries in a row: 1 s, 2 s, 4 s, … up to 5 min. */
export function waitAfter(failures: number): number {
  if (failures <= 0) return 0;
  return Math.min(FIRST_WAIT_MS * 2 ** Math.min(failures - 1, 30), MAX_WAIT_MS);
}

/** Milliseconds until the next try is allowed (0: now). */
export async function pinWaitMs(now = Date.now()): Promise<number> {
  return Math.max(0, (await readTries()).waitUntil - now);
}

export type PinCheck = { ok: true } | { ok: false; waitMs: number; tooSoon: boolean };

/**
 * Checks a PIN against the stored one. A try before the wait is over is refused unchecked; a
 * wrong one makes the next wait longer (kept in the database, so a reload does not reset it).
 * A correct PIN against a legacy unsalted hash replaces it with a salted record.
 */
export async function tryPin(pin: string, now = Date.now()): Promise<PinCheck> {
  const tries = await readTries();
  if (tries.waitUntil > now) return { ok: false, waitMs: tries.waitUntil - now, tooSoon: true };
  const stored = await readStoredPin();
  let key: Uint8Array<ArrayBuffer> | undefined;
  if (stored && 'legacy' in stored) {
    if ((await legacyHash(pin)) === stored.legacy) {
      const fresh = await hashPin(pin);
      await database().settings.put({ key: PIN_KEY, value: fresh.record });
      key = fresh.key;
    }
  } else if (stored) key = await verifyPin(pin, stored);
  if (key) {
    await database().settings.delete(PIN_TRIES_KEY);
    rememberSession(key);
    return { ok: true };
  }
  const failures = tries.failures + 1;
  const waitMs = waitAfter(failures);
  await database().settings.put({
    key: PIN_TRIES_KEY,
    value: { failures, waitUntil: now + waitMs } satisfies PinTries,
  });
  return { ok: false, waitMs, tooSoon: false };
}

function rememberSession(key: Uint8Array): void {
  try {
    sessionStorage.setItem(SESSION_KEY, toBase64(key));
  } catch {
    // No session storage: the lock asks again on the next page.
  }
}

/** Locks this tab again. */
export function forgetSession(): void {
  try {
    sessionStorage.removeItem(SESSION_KEY);
  } catch {
    // Nothing was kept.
  }
}

/** Whether this tab was unlocked with the current PIN (its kept key hashes to the stored hash). */
export async function sessionUnlocked(stored: StoredPin): Promise<boolean> {
  if (!stored || 'legacy' in stored) return false;
  let kept: string | null;
  try {
    kept = sessionStorage.getItem(SESSION_KEY);
  } catch {
    return false;
  }
  if (!kept) return false;
  try {
    return sameBytes(await sha256(fromBase64(kept)), fromBase64(stored.hash));
  } catch {
    return false;
  }
}
