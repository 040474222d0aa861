/**
 * The conversation on the practice page. The running XState actor is the conversation; this
 * store holds it with the attempt record it is saved into, and what the screen shows around it
 * (phase, notices). Every turn the persisted snapshot is saved with the record's revision, so a
 * reload resumes where it stopped and a second tab that moved on first is never overwritten.
 * Where the attempt is kept (IndexedDB, or this tab's memory when the browser cannot store) is
 * data/attempt-repository.ts's business; this store only shows the notice it implies.
 */
import { create } from 'zustand';
import type { Analyzer } from '../core/analyzer';
import {
  finishedAttempt,
  replyProblem,
  reportOf,
  startConversation,
  type Conversation,
} from '../core/attempt';
import {
  isFinished,
  type ConversationEvent,
  type ConversationSnapshot,
} from '../core/scenario-machine';
import type { Mode, Scenario } from '../core/scenario-schema';
import { replyLimitMs } from '../core/scoring';
import {
  abandonAttempt,
  beginAttempt,
  resumableAttempt,
  saveAttempt,
  type KeptAttempt,
  type KeptIn,
} from '../data/attempt-repository';
import { StaleAttemptError } from '../data/attempts';
import type { AttemptRecord } from '../data/db';
import { examAllowance, mayStartExam, type ExamAllowance } from '../data/exam-limits';
import { loadProfile } from '../data/memory-attempts';
import { restoreFromLms } from '../lms/lms-restore';

export type PracticePhase =
  | 'idle'
  | 'opening'
  | 'needs-profile'
  | 'offer-resume'
  | 'limit-reached'
  | 'running'
  | 'finished'
  | 'error';

/** Seconds per reply in a mode: exam counts down the one reply-time limit (replyLimitMs); other modes none. */
export function replyLimitSec(scenario: Scenario, mode: Mode): number | undefined {
  return mode === 'exam' ? replyLimitMs(scenario) / 1000 : undefined;
}

/** Another tab saved this attempt first: whether it finished there, and the reply not taken here. */
export interface StaleNotice {
  finished: boolean;
  unsent?: string;
}

/** The memory-only notice: not needed, on screen, or put away by the trainee (shown once). */
export type MemoryNotice = 'none' | 'shown' | 'dismissed';

interface PracticeState {
  phase: PracticePhase;
  scenario: Scenario | undefined;
  analyzer: Analyzer | undefined;
  mode: Mode;
  attempt: AttemptRecord | undefined;
  /** An unfinished attempt of this scenario, offered for resuming. */
  resumable: KeptAttempt | undefined;
  snapshot: ConversationSnapshot | undefined;
  /** When the current customer line was put on screen (epoch ms); the reply clock starts here. */
  shownAt: number;
  saving: boolean;
  /** Another tab saved this attempt first; its conversation was loaded. */
  staleNotice: StaleNotice | undefined;
  /** Whether the latest turn is stored or held only in memory (storage missing or full). */
  keptIn: KeptIn;
  /** Whether some revision of the attempt is in IndexedDB (false: never stored). */
  stored: boolean;
  memoryNotice: MemoryNotice;
  /** Exam mode: attempts used and the scenario's limit; undefined in other modes. */
  examAllowance: ExamAllowance | undefined;
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
  staleNotice: undefined,
  keptIn: 'storage' as KeptIn,
  stored: true,
  memoryNotice: 'none' as MemoryNotice,
  examAllowance: undefined,
  error: undefined,
};

/** An exam's allowance; undefined in other modes or when the records cannot be read (no limit then). */
async function allowanceFor(
  scenarioId: string,
  employeeNo: string,
  mode: Mode,
): Promise<ExamAllowance | undefined> {
  if (mode !== 'exam') return undefined;
  return examAllowance(scenarioId, employeeNo).catch(() => undefined);
}

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
    // An exam's reply clock survives a reload: it runs from when the line was first shown.
    const keptClock = record?.mode === 'exam' ? record.promptShownAt : undefined;
    set({ snapshot: running.getSnapshot(), shownAt: keptClock ?? Date.now() });
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

  /** The screen's fields for where the attempt is kept: the memory notice shows until put away. */
  function keptFields(kept: KeptAttempt) {
    const notice = get().memoryNotice;
    const memoryNotice: MemoryNotice =
      kept.keptIn === 'storage'
        ? notice === 'shown'
          ? 'none'
          : notice
        : notice === 'dismissed'
          ? 'dismissed'
          : 'shown';
    return { attempt: kept.record, keptIn: kept.keptIn, stored: kept.stored, memoryNotice };
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
    const input = {
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
      promptShownAt: get().shownAt,
    };
    const kept = await beginAttempt(input);
    if (mine !== session) {
      // A newer open took over while this one was saving: drop the extra attempt quietly.
      await abandonAttempt(kept);
      return;
    }
    const allowance = get().examAllowance;
    set({
      phase: 'running',
      resumable: undefined,
      ...keptFields(kept),
      examAllowance: allowance && { ...allowance, used: allowance.used + 1 },
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
        const [local, allowance] = await Promise.all([
          resumableAttempt(scenario.id),
          allowanceFor(scenario.id, profile.employeeNo, mode),
        ]);
        if (mine !== session) return;
        // Inside an LMS: the conversation it kept from another computer, if further on.
        const open = (await restoreFromLms(scenario, analyzer, profile, local)) ?? local;
        if (mine !== session) return;
        set({ examAllowance: allowance });
        if (open && open.record.scenarioVersion === scenario.version) {
          set({ phase: 'offer-resume', resumable: open });
          return;
        }
        if (allowance && !mayStartExam(allowance)) {
          set({ phase: 'limit-reached' });
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
      set({ mode: resumable.record.mode });
      startActor(scenario, analyzer, resumable.record);
      set({ phase: 'running', resumable: undefined, ...keptFields(resumable) });
    },

    startOver: async () => {
      const { resumable, scenario, analyzer, mode, examAllowance: allowance } = get();
      if (!scenario || !analyzer) return;
      // Starting an exam over is one more attempt: refused once the limit is used up.
      if (allowance && !mayStartExam(allowance)) return;
      const mine = session;
      try {
        if (resumable) await abandonAttempt(resumable);
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
      const shownAt = Date.now();
      set({ saving: true, snapshot, shownAt, error: undefined });
      const finished = isFinished(snapshot);
      const change: Partial<AttemptRecord> = {
        snapshot: running.getPersistedSnapshot(),
        promptShownAt: shownAt,
        ...(finished ? finishChange(attempt, snapshot) : {}),
      };
      try {
        const kept = await saveAttempt(
          { record: attempt, keptIn: get().keptIn, stored: get().stored },
          change,
        );
        set({
          saving: false,
          ...keptFields(kept),
          ...(finished ? { phase: 'finished' as const } : {}),
        });
        return true;
      } catch (error) {
        if (error instanceof StaleAttemptError) {
          const latest = error.latest;
          // The reply this tab typed was not taken: say so, and keep its words on screen.
          const unsent = event.type === 'REPLY' ? { unsent: event.text } : {};
          if (latest.status === 'finished') {
            stopActor();
            set({
              attempt: latest,
              saving: false,
              phase: 'finished',
              staleNotice: { finished: true, ...unsent },
            });
            return false;
          }
          startActor(scenario, analyzer, latest);
          set({ attempt: latest, saving: false, staleNotice: { finished: false, ...unsent } });
          return false;
        }
        // Not saved: put the conversation back as it was so the reply can be sent again.
        startActor(scenario, analyzer, { ...attempt, snapshot: before });
        set({ saving: false, error: String(error) });
        return false;
      }
    },

    dismissStale: () => set({ staleNotice: undefined }),

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
