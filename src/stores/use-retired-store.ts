/**
 * Scenarios a trainer retired: still known to the catalogue (old records, reports and history
 * keep showing them), but no longer offered in the library. Stored in IndexedDB.
 */
import { create } from 'zustand';
import { database } from '../data/db';

interface RetiredState {
  ids: string[];
  /** Reads the retired ids from IndexedDB (nothing retired when there is no storage). */
  load: () => Promise<void>;
  /** Retires a scenario, or restores it to the library. */
  setRetired: (scenarioId: string, retired: boolean) => Promise<void>;
}

export const useRetiredStore = create<RetiredState>((set, get) => ({
  ids: [],
  load: async () => {
    try {
      const records = await database().retiredScenarios.toArray();
      set({ ids: records.map((record) => record.scenarioId) });
    } catch {
      // No storage (private mode): nothing is retired.
    }
  },
  setRetired: async (scenarioId, retired) => {
    const table = database().retiredScenarios;
    if (retired) await table.put({ scenarioId, retiredAt: Date.now() });
    else await table.delete(scenarioId);
    const others = get().ids.filter((id) => id !== scenarioId);
    set({ ids: retired ? [...others, scenarioId] : others });
  },
}));
