/**
 * The conversation on the practice page. The running XState actor is the conversation; this
 * store holds it with the attempt record it is saved into, and what the screen shows around it
 * (phase, notices). Every turn the persisted snapshot is saved with the record's revision, so a
 * reload resumes where it stopped and a second tab that moved on first is never overwritten.
 */
import { createActor, type Actor, type Snapshot } from 'xstate';
import { create } from 'zustand';
import type { Analyzer } from '../core/analyzer';
import { buildReport } from '../core/report';
import {
  createScenarioMachine,
  isFinished,
  type ConversationEvent,
  type ConversationSnapshot,
  type ScenarioMachine,
} from '../core/scenario-machine';
import type { Mode, Scenario } from '../core/scenario-schema';
import {
  StaleAttemptError,
  createAttempt,
  findInProgress,
  getProfile,
  updateAttempt,
} from '../data/attempts';
import type { AttemptRecord } from '../data/db';

/** Longest reply accepted, in characters (code points). */
export const MAX_REPLY_CHARS = 2000;
/** Exam mode's seconds per reply when the scenario sets none. */
export const DEFAULT_EXAM_LIMIT_SEC = 90;

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

/** Seconds per reply in a mode: exam uses the scenario's limit or 90 s; other modes none. */
export function replyLimitSec(scenario: Scenario, mode: Mode): number | undefined {
  return mode === 'exam' ? (scenario.replyTimeLimitSec ?? DEFAULT_EXAM_LIMIT_SEC) : undefined;
}

type ConversationActor = Actor<ScenarioMachine>;

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
  error: string | undefined;
  /** Opens a scenario: asks for a profile, offers to resume, or starts a new attempt. */
  open: (scenario: Scenario, analyzer: Analyzer, mode: Mode) => Promise<void>;
  resume: () => void;
  startOver: () => Promise<void>;
  /** Sends a reply or timeout and saves the turn; false when it was not taken (draft kept). */
  send: (event: ConversationEvent) => Promise<boolean>;
  dismissStale: () => void;
  /** Swaps in a newer analyzer (the traditional-Chinese dictionary arrived); the conversation goes on. */
  upgradeAnalyzer: (analyzer: Analyzer) => void;
  reset: () => void;
}

let actor: ConversationActor | undefined;
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
  error: undefined,
};

export const usePracticeStore = create<PracticeState>((set, get) => {
  function startActor(scenario: Scenario, analyzer: Analyzer, record: AttemptRecord | undefined) {
    stopActor();
    // The newest analyzer wins: the dictionary may have arrived while storage was being read.
    const machine = createScenarioMachine(scenario, get().analyzer ?? analyzer);
    const mode = record?.mode ?? get().mode;
    const input = { mode, startedAt: record?.startedAt ?? Date.now() };
    actor = record
      ? createActor(machine, { snapshot: record.snapshot as Snapshot<unknown>, input })
      : createActor(machine, { input });
    actor.start();
    const running = actor;
    set({ snapshot: running.getSnapshot(), shownAt: Date.now() });
    return running;
  }

  async function finish(record: AttemptRecord, snapshot: ConversationSnapshot) {
    const { scenario, analyzer } = get();
    if (!scenario || !analyzer) return record;
    const report = buildReport(scenario, snapshot, analyzer, { mode: record.mode });
    const finishedAt = Date.now();
    return updateAttempt(record.id, record.revision, {
      status: 'finished',
      finishedAt,
      durationMs: finishedAt - record.startedAt,
      score: report.score,
      passed: report.passed,
      ...(report.ending ? { endingKind: report.ending.kind } : {}),
      report: JSON.parse(JSON.stringify(report)) as unknown,
    });
  }

  async function begin(scenario: Scenario, analyzer: Analyzer, mode: Mode, mine: number) {
    const profile = await getProfile();
    if (mine !== session) return;
    if (!profile) {
      set({ phase: 'needs-profile' });
      return;
    }
    const running = startActor(scenario, analyzer, undefined);
    const snapshot = running.getSnapshot();
    const attempt = await createAttempt({
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
    });
    if (mine !== session) {
      // A newer open took over while this one was saving: drop the extra attempt quietly.
      await updateAttempt(attempt.id, attempt.revision, { status: 'abandoned' });
      return;
    }
    set({ phase: 'running', attempt, resumable: undefined });
  }

  return {
    ...initial,

    open: async (scenario, analyzer, mode) => {
      stopActor();
      const mine = ++session;
      set({ ...initial, phase: 'opening', scenario, analyzer, mode });
      try {
        const profile = await getProfile();
        if (mine !== session) return;
        if (!profile) {
          set({ phase: 'needs-profile' });
          return;
        }
        const open = await findInProgress(scenario.id);
        if (mine !== session) return;
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
      set({ phase: 'running', attempt: resumable, resumable: undefined });
    },

    startOver: async () => {
      const { resumable, scenario, analyzer, mode } = get();
      if (!scenario || !analyzer) return;
      const mine = session;
      try {
        if (resumable) {
          await updateAttempt(resumable.id, resumable.revision, { status: 'abandoned' }).catch(
            (error: unknown) => {
              if (!(error instanceof StaleAttemptError)) throw error;
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
      try {
        let record = await updateAttempt(attempt.id, attempt.revision, {
          snapshot: running.getPersistedSnapshot(),
        });
        if (isFinished(snapshot)) {
          record = await finish(record, snapshot);
          set({ attempt: record, saving: false, phase: 'finished' });
        } else {
          set({ attempt: record, saving: false });
        }
        return true;
      } catch (error) {
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
