/**
 * The trainee's profile (name, employee number, department) as the screen needs it. The
 * record itself lives in IndexedDB (data/attempts.ts); this store loads it once and saves it.
 * When the browser cannot store it, the profile is kept in memory for the tab
 * (data/memory-attempts.ts) so practice can still start.
 */
import { create } from 'zustand';
import { saveProfile } from '../data/attempts';
import type { Trainee } from '../data/db';
import {
  forgetProfile,
  isStorageFailure,
  loadProfile,
  rememberProfile,
} from '../data/memory-attempts';
import { noteStorageError } from '../data/storage-health';

export type ProfileStatus = 'idle' | 'loading' | 'ready' | 'error';

interface ProfileState {
  /** Undefined until loaded, and when the trainee has not given one yet. */
  profile: Trainee | undefined;
  status: ProfileStatus;
  /** Reads the stored profile (once; later calls return the same promise's result). */
  load: () => Promise<Trainee | undefined>;
  /**
   * Stores the profile and keeps it here. When the browser cannot store it, it is kept for
   * this tab only and the result says 'memory'; other failures throw.
   */
  save: (trainee: Trainee) => Promise<'stored' | 'memory'>;
}

let pending: Promise<Trainee | undefined> | undefined;

export const useProfileStore = create<ProfileState>((set, get) => ({
  profile: undefined,
  status: 'idle',
  load: () => {
    if (get().status === 'ready') return Promise.resolve(get().profile);
    pending ??= (async () => {
      set({ status: 'loading' });
      try {
        // Never throws: no storage reads as "no profile yet" (or the one given in this tab).
        const profile = await loadProfile();
        set({ profile, status: 'ready' });
        return profile;
      } catch {
        set({ status: 'error' });
        return undefined;
      } finally {
        pending = undefined;
      }
    })();
    return pending;
  },
  save: async (trainee) => {
    let kept: 'stored' | 'memory' = 'stored';
    try {
      await saveProfile(trainee);
      forgetProfile();
    } catch (error) {
      if (!isStorageFailure(error)) throw error;
      noteStorageError(error);
      rememberProfile(trainee);
      kept = 'memory';
    }
    set({ profile: trainee, status: 'ready' });
    return kept;
  },
}));

/** Forgets the loaded profile (tests, or after the database changes underneath). */
export function resetProfileStore(): void {
  pending = undefined;
  useProfileStore.setState({ profile: undefined, status: 'idle' });
}
