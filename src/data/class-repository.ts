/**
 * Where classes are kept: this browser's IndexedDB (here, `localClasses`) or the company server
 * (server-classes.ts); both behind one ClassRepository, so the classroom pages do not care which.
 */
import { CLASS_SCHEMA_VERSION, database, type ClassRecord, type RosterEntry } from './db';

/** A place classes are kept. */
export interface ClassRepository {
  /** Every class, newest first. */
  list(): Promise<ClassRecord[]>;
  get(id: string): Promise<ClassRecord | undefined>;
  create(input: NewClass): Promise<ClassRecord>;
  /** Saves a changed class; the server refuses one based on an older revision (ClassConflict). */
  save(record: ClassRecord): Promise<ClassRecord>;
  remove(id: string): Promise<void>;
}

export type NewClass = Pick<ClassRecord, 'name' | 'trainer' | 'date' | 'scenarioIds'> & {
  roster?: RosterEntry[];
};

/** Creates and stores a class session. */
export async function createClass(input: NewClass, now = Date.now()): Promise<ClassRecord> {
  const record: ClassRecord = {
    id: crypto.randomUUID(),
    schemaVersion: CLASS_SCHEMA_VERSION,
    name: input.name,
    trainer: input.trainer,
    date: input.date,
    scenarioIds: input.scenarioIds,
    roster: input.roster ?? [],
    groups: [],
    rounds: [],
    code: newClassCode(),
    createdAt: now,
    updatedAt: now,
  };
  await database().classes.add(record);
  return record;
}

// No 0/O, 1/I/L: read off a projector and typed on a phone without mistakes.
const CODE_ALPHABET = 'ABCDEFGHJKMNPQRSTUVWXYZ23456789';

/** A fresh class code: 8 characters of a 31-letter alphabet (about 40 bits). */
export function newClassCode(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(8));
  return [...bytes].map((byte) => CODE_ALPHABET[byte % CODE_ALPHABET.length]).join('');
}

/** Saves a changed class record. */
export async function saveClass(record: ClassRecord, now = Date.now()): Promise<ClassRecord> {
  const next = { ...record, updatedAt: now };
  await database().classes.put(next);
  return next;
}

export function getClass(id: string): Promise<ClassRecord | undefined> {
  return database().classes.get(id);
}

/** Every class, newest first. */
export async function listClasses(): Promise<ClassRecord[]> {
  const rows = await database().classes.toArray();
  return rows.sort((a, b) => b.createdAt - a.createdAt);
}

/** Deletes a class (roster, groups, rounds); attempts taken in it stay in the records. */
export async function deleteClass(id: string): Promise<void> {
  await database().classes.delete(id);
}

/** The classes of this browser. */
export const localClasses: ClassRepository = {
  list: listClasses,
  get: getClass,
  create: (input) => createClass(input),
  save: (record) => saveClass(record),
  remove: deleteClass,
};
