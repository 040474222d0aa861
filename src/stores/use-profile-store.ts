/**
 * The trainee's profile (name, employee number, department) as the screen needs it. The
 * record itself lives in IndexedDB (data/attempts.ts); this store loads it once and saves it.
 */
import { create } from 'zustand';
import { getProfile, saveProfile } from '../data/attempts';
import type { Trainee } from '../data/db';

export type ProfileStatus = 'idle' | 'loading' | 'ready' | 'error';

interface ProfileState {
  /** Undefined until loaded, and when the trainee has not given one yet. */
  profile: Trainee | undefined;
  status: ProfileStatus;
  /** Reads the stored profile (once; later calls return the same promise's result). */
  load: () => Promise<Trainee | undefined>;
  /** Stores the profile and keeps it here; throws when the database refuses. */
  save: (trainee: Trainee) => Promise<void>;
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
        const record = await getProfile();
        const profile = record
          ? { name: record.name, employeeNo: record.employeeNo, department: record.department }
          : undefined;
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
    await saveProfile(trainee);
    set({ profile: trainee, status: 'ready' });
  },
}));

/** Forgets the loaded profile (tests, or after the database changes underneath). */
export function resetProfileStore(): void {
  pending = undefined;
  useProfileStore.setState({ profile: undefined, status: 'idle' });
}
