/**
 * The class session on screen, shared between the trainer's console and the projector window.
 * The record lives in IndexedDB; every change is saved there and announced on a
 * BroadcastChannel, and the other window reloads it (a projector opened later reads the same
 * record). Whether the projector shows the round or the class summary is kept in the record
 * too, so a projector window opened or reloaded after the switch shows the same view.
 */
import { create } from 'zustand';
import { getClass, newClassCode, saveClass } from '../data/class-repository';
import { projectorView, withProjectorView, type ProjectorView } from '../data/class-rounds';
import type { ClassRecord } from '../data/db';

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
  open: (classId: string) => Promise<void>;
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
  open: async (classId) => {
    if (get().record?.id !== classId) set({ status: 'loading', record: undefined });
    const stored = await getClass(classId);
    // Classes made before class codes get one the first time they are opened.
    const record =
      stored && !stored.code ? await saveClass({ ...stored, code: newClassCode() }) : stored;
    set({
      record,
      status: record ? 'ready' : 'missing',
      view: record ? projectorView(record) : 'round',
    });
  },
  update: async (change) => {
    const current = get().record;
    if (!current) return;
    const saved = await saveClass(change(current));
    set({ record: saved, view: projectorView(saved) });
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
  reset: () => set({ record: undefined, status: 'idle', view: 'round', resultsVersion: 0 }),
}));
