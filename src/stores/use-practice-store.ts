/**
 * The conversation on the practice page. The running XState actor is the conversation; this
 * store holds it with the attempt record it is saved into, and what the screen shows around it
 * (phase, notices). Every turn the persisted snapshot is saved with the record's revision, so a
 * reload resumes where it stopped and a second tab that moved on first is never overwritten.
 * When the browser cannot store (no IndexedDB, full disk) the conversation goes on in memory:
 * the attempt is kept in data/memory-attempts.ts for this tab, every later turn tries storage
 * again, and the first save that works writes the whole conversation so far.
 */
import { create } from 'zustand';
import type { Analyzer } from '../core/analyzer';
import { finishedAttempt, reportOf, startConversation, type Conversation } from '../core/attempt';
import {
  isFinished,
  type ConversationEvent,
  type ConversationSnapshot,
} from '../core/scenario-machine';
import type { Mode, Scenario } from '../core/scenario-schema';
import { replyLimitMs } from '../core/scoring';
import {
  StaleAttemptError,
  createAttempt,
  findInProgress,
  newAttemptRecord,
  updateAttempt,
  type NewAttempt,
} from '../data/attempts';
import type { AttemptRecord } from '../data/db';
import {
  forgetAttempt,
  isStorageFailure,
  loadProfile,
  rememberAttempt,
  rememberedAttempt,
  rememberedInProgress,
} from '../data/memory-attempts';
import { noteStorageError } from '../data/storage-health';

/** Longest reply accepted, in characters (code points). */
export const MAX_REPLY_CHARS = 2000;

export type PracticePhase =
  'idle' | 'opening' | 'needs-profile' | 'offer-resume' | 'running' | 'finished' | 'error';

/** Why a reply was not sent, for a message next to the reply box. */
export type ReplyProblem = { kind: 'empty' } | { kind: 'too-long'; count: number };

/** Checks a draft before sending: "   " → empty, 2,001 characters → too-long, "您好" → null. */
export function replyProblem(text: string): ReplyProblem | null {
  if (text.trim() === '') return { kind: 'empty' };
  const count = Array.from(text).length;
  return count > MAX_REPLY_CHARS ? { kind: 'too-long', count } : null;
}

/** Seconds per reply in a mode: exam counts down the one reply-time limit (replyLimitMs); other modes none. */
export function replyLimitSec(scenario: Scenario, mode: Mode): number | undefined {
  return mode === 'exam' ? replyLimitMs(scenario) / 1000 : undefined;
}

/** Where the attempt's latest turn is: in IndexedDB, or only in this tab's memory. */
export type KeptIn = 'storage' | 'memory';

/** The memory-only notice: not needed, on screen, or put away by the trainee (shown once). */
export type MemoryNotice = 'none' | 'shown' | 'dismissed';

function newAttemptOf(record: AttemptRecord): NewAttempt {
  const { scenarioId, scenarioVersion, scenarioTitle, mode, trainee, snapshot, startedAt } = record;
  return { scenarioId, scenarioVersion, scenarioTitle, mode, trainee, snapshot, startedAt };
}

/** Rethrows what is not a storage failure; a storage failure is noted for the banner. */
function storageFailureOnly(error: unknown): void {
  if (!isStorageFailure(error)) throw error;
  noteStorageError(error);
}

interface PracticeState {
  phase: PracticePhase;
  scenario: Scenario | undefined;
  analyzer: Analyzer | undefined;
  mode: Mode;
  attempt: AttemptRecord | undefined;
  /** An unfinished attempt of this scenario, offered for resuming. */
  resumable: AttemptRecord | undefined;
  snapshot: ConversationSnapshot | undefined;
  /** When the current customer line was put on screen (epoch ms); the reply clock starts here. */
  shownAt: number;
  saving: boolean;
  /** Another tab saved this attempt first; its conversation was loaded. */
  staleNotice: boolean;
  /** Whether the latest turn is stored or held only in memory (storage missing or full). */
  keptIn: KeptIn;
  /** Whether some revision of the attempt is in IndexedDB (false: never stored). */
  stored: boolean;
  memoryNotice: MemoryNotice;
  error: string | undefined;
  /** Opens a scenario: asks for a profile, offers to resume, or starts a new attempt. */
  open: (scenario: Scenario, analyzer: Analyzer, mode: Mode) => Promise<void>;
  resume: () => void;
  startOver: () => Promise<void>;
  /** Sends a reply or timeout and saves the turn; false when it was not taken (draft kept). */
  send: (event: ConversationEvent) => Promise<boolean>;
  dismissStale: () => void;
  dismissMemoryNotice: () => void;
  /** Swaps in a newer analyzer (the traditional-Chinese dictionary arrived); the conversation goes on. */
  upgradeAnalyzer: (analyzer: Analyzer) => void;
  reset: () => void;
}

let actor: Conversation | undefined;
/** Bumped by open and reset: an open still awaiting storage after a newer one gives up. */
let session = 0;

function stopActor(): void {
  actor?.stop();
  actor = undefined;
}

const initial = {
  phase: 'idle' as PracticePhase,
  scenario: undefined,
  analyzer: undefined,
  mode: 'coach' as Mode,
  attempt: undefined,
  resumable: undefined,
  snapshot: undefined,
  shownAt: 0,
  saving: false,
  staleNotice: false,
  keptIn: 'storage' as KeptIn,
  stored: true,
  memoryNotice: 'none' as MemoryNotice,
  error: undefined,
};

export const usePracticeStore = create<PracticeState>((set, get) => {
  function startActor(scenario: Scenario, analyzer: Analyzer, record: AttemptRecord | undefined) {
    stopActor();
    // The newest analyzer wins: the dictionary may have arrived while storage was being read.
    const running = startConversation(scenario, get().analyzer ?? analyzer, {
      mode: record?.mode ?? get().mode,
      startedAt: record?.startedAt ?? Date.now(),
      snapshot: record?.snapshot,
    });
    actor = running;
    set({ snapshot: running.getSnapshot(), shownAt: Date.now() });
    return running;
  }

  /** The fields a finished attempt gets: status, score and the stored report; the snapshot goes. */
  function finishChange(
    record: AttemptRecord,
    snapshot: ConversationSnapshot,
  ): Partial<AttemptRecord> {
    const { scenario, analyzer } = get();
    if (!scenario || !analyzer) return {};
    const report = reportOf(scenario, analyzer, snapshot);
    return { ...finishedAttempt(report, record.startedAt, Date.now()), snapshot: null };
  }

  /** Shows the memory-only notice unless the trainee already put it away. */
  function noticeForMemory(): MemoryNotice {
    return get().memoryNotice === 'dismissed' ? 'dismissed' : 'shown';
  }

  async function begin(scenario: Scenario, analyzer: Analyzer, mode: Mode, mine: number) {
    const profile = await loadProfile();
    if (mine !== session) return;
    if (!profile) {
      set({ phase: 'needs-profile' });
      return;
    }
    const running = startActor(scenario, analyzer, undefined);
    const snapshot = running.getSnapshot();
    const input: NewAttempt = {
      scenarioId: scenario.id,
      scenarioVersion: scenario.version,
      scenarioTitle: scenario.title,
      mode,
      trainee: {
        name: profile.name,
        employeeNo: profile.employeeNo,
        department: profile.department,
      },
      snapshot: running.getPersistedSnapshot(),
      startedAt: snapshot.context.startedAt,
    };
    let attempt: AttemptRecord;
    let stored = true;
    try {
      attempt = await createAttempt(input);
    } catch (error) {
      storageFailureOnly(error);
      attempt = newAttemptRecord(input);
      stored = false;
    }
    if (mine !== session) {
      // A newer open took over while this one was saving: drop the extra attempt quietly.
      if (stored)
        await updateAttempt(attempt.id, attempt.revision, { status: 'abandoned' }).catch(
          () => undefined,
        );
      return;
    }
    if (!stored) rememberAttempt(attempt, false);
    set({
      phase: 'running',
      attempt,
      resumable: undefined,
      stored,
      keptIn: stored ? 'storage' : 'memory',
      memoryNotice: stored ? 'none' : noticeForMemory(),
    });
  }

  return {
    ...initial,

    open: async (scenario, analyzer, mode) => {
      stopActor();
      const mine = ++session;
      set({ ...initial, phase: 'opening', scenario, analyzer, mode });
      try {
        const profile = await loadProfile();
        if (mine !== session) return;
        if (!profile) {
          set({ phase: 'needs-profile' });
          return;
        }
        let open = await findInProgress(scenario.id).catch((error: unknown) => {
          storageFailureOnly(error);
          return undefined;
        });
        if (mine !== session) return;
        // An attempt held in memory (storage failed) is newer than its stored revision.
        const held = rememberedInProgress(scenario.id)?.record;
        if (held && (!open || held.startedAt >= open.startedAt)) open = held;
        if (open && open.scenarioVersion === scenario.version) {
          set({ phase: 'offer-resume', resumable: open });
          return;
        }
        await begin(scenario, analyzer, mode, mine);
      } catch (error) {
        set({ phase: 'error', error: String(error) });
      }
    },

    resume: () => {
      const { resumable, scenario, analyzer } = get();
      if (!resumable || !scenario || !analyzer) return;
      set({ mode: resumable.mode });
      startActor(scenario, analyzer, resumable);
      const held = rememberedAttempt(resumable.id);
      set({
        phase: 'running',
        attempt: resumable,
        resumable: undefined,
        stored: held ? held.stored : true,
        keptIn: held ? 'memory' : 'storage',
        memoryNotice: held ? noticeForMemory() : 'none',
      });
    },

    startOver: async () => {
      const { resumable, scenario, analyzer, mode } = get();
      if (!scenario || !analyzer) return;
      const mine = session;
      try {
        if (resumable) {
          const held = rememberedAttempt(resumable.id);
          if (held) rememberAttempt({ ...held.record, status: 'abandoned' }, held.stored);
          if (!held || held.stored)
            await updateAttempt(resumable.id, resumable.revision, { status: 'abandoned' }).catch(
              (error: unknown) => {
                if (!(error instanceof StaleAttemptError)) storageFailureOnly(error);
              },
            );
        }
        await begin(scenario, analyzer, mode, mine);
      } catch (error) {
        set({ phase: 'error', error: String(error) });
      }
    },

    send: async (event) => {
      const { attempt, scenario, analyzer, saving, phase } = get();
      if (!actor || !attempt || !scenario || !analyzer || saving || phase !== 'running')
        return false;
      if (event.type === 'REPLY' && replyProblem(event.text)) return false;
      const running = actor;
      const before = running.getPersistedSnapshot();
      // The reply clock runs from when the line was put on screen, so time spent away from a
      // resumed attempt does not count as a slow reply.
      const onScreenMs = Math.max(0, event.at - get().shownAt);
      running.send({ ...event, at: running.getSnapshot().context.promptedAt + onScreenMs });
      const snapshot = running.getSnapshot();
      set({ saving: true, snapshot, shownAt: Date.now(), error: undefined });
      const finished = isFinished(snapshot);
      const change: Partial<AttemptRecord> = {
        snapshot: running.getPersistedSnapshot(),
        ...(finished ? finishChange(attempt, snapshot) : {}),
      };
      // What IndexedDB holds of this attempt; it moves on as each write below succeeds.
      let base = attempt;
      let stored = get().stored;
      try {
        if (!stored) {
          // Storage is back for an attempt that never reached it: store it now (a new id).
          const created = await createAttempt(newAttemptOf(base));
          forgetAttempt(base.id);
          base = created;
          stored = true;
        }
        const record = await updateAttempt(base.id, base.revision, change);
        forgetAttempt(record.id);
        set({
          attempt: record,
          saving: false,
          stored: true,
          keptIn: 'storage',
          memoryNotice: get().memoryNotice === 'shown' ? 'none' : get().memoryNotice,
          ...(finished ? { phase: 'finished' as const } : {}),
        });
        return true;
      } catch (error) {
        if (isStorageFailure(error)) {
          // Storage missing or full: the turn stands, held in memory for this tab.
          noteStorageError(error);
          const held: AttemptRecord = { ...base, ...change, updatedAt: Date.now() };
          rememberAttempt(held, stored);
          set({
            attempt: held,
            saving: false,
            stored,
            keptIn: 'memory',
            memoryNotice: noticeForMemory(),
            ...(finished ? { phase: 'finished' as const } : {}),
          });
          return true;
        }
        if (error instanceof StaleAttemptError) {
          const latest = error.latest;
          if (latest.status === 'finished') {
            stopActor();
            set({ attempt: latest, saving: false, phase: 'finished', staleNotice: true });
            return false;
          }
          startActor(scenario, analyzer, latest);
          set({ attempt: latest, saving: false, staleNotice: true });
          return false;
        }
        // Not saved: put the conversation back as it was so the reply can be sent again.
        startActor(scenario, analyzer, { ...attempt, snapshot: before });
        set({ saving: false, error: String(error) });
        return false;
      }
    },

    dismissStale: () => set({ staleNotice: false }),

    dismissMemoryNotice: () =>
      set((state) => (state.memoryNotice === 'shown' ? { memoryNotice: 'dismissed' } : {})),

    upgradeAnalyzer: (analyzer) => {
      const { scenario, attempt, phase, shownAt } = get();
      if (analyzer === get().analyzer) return;
      set({ analyzer });
      if (!actor || !scenario || !attempt || phase !== 'running') return;
      startActor(scenario, analyzer, { ...attempt, snapshot: actor.getPersistedSnapshot() });
      set({ shownAt });
    },

    reset: () => {
      session++;
      stopActor();
      set(initial);
    },
  };
});
