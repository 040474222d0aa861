/**
 * The class session on screen, shared between the trainer's console and the projector window.
 * The record lives in IndexedDB; every change is saved there and announced on a
 * BroadcastChannel, and the other window reloads it (a projector opened later reads the same
 * record). Whether the projector shows the round or the class summary is kept in the record
 * too, so a projector window opened or reloaded after the switch shows the same view.
 * A class kept on the company server (data/server-classes.ts) is read and saved there instead,
 * and followed from other devices by asking the server again every few seconds; a save another
 * device beat is applied again on top of what that device saved.
 */
import { create } from 'zustand';
import { newClassCode } from '../data/class-repository';
import { projectorView, withProjectorView, type ProjectorView } from '../data/class-rounds';
import type { ClassRecord } from '../data/db';
import { ClassConflict, classRepositoryFor } from '../data/server-classes';

export const CLASSROOM_CHANNEL = 'servicedojo-classroom';

export type ClassroomMessage =
  { type: 'class-changed'; classId: string } | { type: 'results-changed'; classId: string };

interface ClassroomState {
  record: ClassRecord | undefined;
  status: 'idle' | 'loading' | 'ready' | 'missing';
  /** What the projector shows: the live round or the class summary (read from the record). */
  view: ProjectorView;
  /** Bumped when results (attempts) of the class change, so views re-read them. */
  resultsVersion: number;
  /** The last save failed (the server could not be reached): the change is on screen only. */
  saveFailed: boolean;
  open: (classId: string) => Promise<void>;
  /** Reads the open class again when it changed elsewhere (a newer revision on the server). */
  refresh: () => Promise<void>;
  /** Applies a change to the open class, saves it and tells the other windows. */
  update: (change: (record: ClassRecord) => ClassRecord) => Promise<void>;
  resultsChanged: () => void;
  /** Switches the projector's view; saved in the class record and announced like any change. */
  show: (view: ProjectorView) => Promise<void>;
  /** Follows the other window's messages for the open class; returns the unsubscribe. */
  listen: () => () => void;
  reset: () => void;
}

function post(message: ClassroomMessage): void {
  if (typeof BroadcastChannel === 'undefined') return;
  const channel = new BroadcastChannel(CLASSROOM_CHANNEL);
  channel.postMessage(message);
  channel.close();
}

export const useClassroomStore = create<ClassroomState>((set, get) => ({
  record: undefined,
  status: 'idle',
  view: 'round',
  resultsVersion: 0,
  saveFailed: false,
  open: async (classId) => {
    if (get().record?.id !== classId) set({ status: 'loading', record: undefined });
    const classes = classRepositoryFor(classId);
    const stored = await classes.get(classId).catch(() => undefined);
    // Classes made before class codes get one the first time they are opened.
    const record =
      stored && !stored.code ? await classes.save({ ...stored, code: newClassCode() }) : stored;
    set({
      record,
      status: record ? 'ready' : 'missing',
      view: record ? projectorView(record) : 'round',
    });
  },
  refresh: async () => {
    const current = get().record;
    if (!current) return;
    const stored = await classRepositoryFor(current.id)
      .get(current.id)
      .catch(() => undefined);
    // Only a newer revision: a read that left before this device's own save is not one.
    if (!stored || (stored.revision ?? 0) <= (get().record?.revision ?? 0)) return;
    set({ record: stored, view: projectorView(stored) });
  },
  update: async (change) => {
    const current = get().record;
    if (!current) return;
    const classes = classRepositoryFor(current.id);
    let saved: ClassRecord;
    try {
      saved = await classes.save(change(current)).catch((error: unknown) => {
        // Another device saved first: the same change again, on top of what it saved.
        if (error instanceof ClassConflict) return classes.save(change(error.current));
        throw error;
      });
    } catch {
      set({ record: change(current), saveFailed: true });
      return;
    }
    set({ record: saved, view: projectorView(saved), saveFailed: false });
    post({ type: 'class-changed', classId: saved.id });
  },
  resultsChanged: () => {
    const classId = get().record?.id;
    set((state) => ({ resultsVersion: state.resultsVersion + 1 }));
    if (classId) post({ type: 'results-changed', classId });
  },
  show: async (view) => {
    set({ view });
    await get().update((record) => withProjectorView(record, view));
  },
  listen: () => {
    if (typeof BroadcastChannel === 'undefined') return () => undefined;
    const channel = new BroadcastChannel(CLASSROOM_CHANNEL);
    channel.onmessage = (event: MessageEvent<ClassroomMessage>) => {
      const message = event.data;
      const classId = get().record?.id;
      if (!classId || message.classId !== classId) return;
      if (message.type === 'class-changed') void get().open(classId);
      if (message.type === 'results-changed')
        set((state) => ({ resultsVersion: state.resultsVersion + 1 }));
    };
    return () => channel.close();
  },
  reset: () =>
    set({ record: undefined, status: 'idle', view: 'round', resultsVersion: 0, saveFailed: false }),
}));
