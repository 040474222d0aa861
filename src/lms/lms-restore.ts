/**
 * Continuing on this computer a conversation started on another: the resume state the LMS kept
 * (`suspend_data`, read at launch) is replayed through the scenario — the same replies at the
 * same response times give the same conversation — and stored here as the attempt in progress
 * (under its original id when this browser does not know it), to be offered for resuming.
 */
import type { Analyzer } from '../core/analyzer';
import { replayTurns, startConversation } from '../core/attempt';
import type { Scenario } from '../core/scenario-schema';
import {
  abandonAttempt,
  beginAttempt,
  saveAttempt,
  type KeptAttempt,
} from '../data/attempt-repository';
import { getAttempt } from '../data/attempts';
import type { Trainee } from '../data/db';
import { lmsResumeFor, resumeStateOf, resumeTurns, takeLmsResume } from './lms-resume';

/**
 * The LMS's conversation of this scenario as a stored attempt in progress, when it is further
 * on than `local` (this browser's own unfinished attempt); otherwise undefined and `local` stands.
 */
export async function restoreFromLms(
  scenario: Scenario,
  analyzer: Analyzer,
  trainee: Trainee,
  local: KeptAttempt | undefined,
): Promise<KeptAttempt | undefined> {
  const state = lmsResumeFor(scenario.id, scenario.version);
  if (!state) return undefined;
  takeLmsResume();
  if (local && resumeStateOf(local.record).turns.length >= state.turns.length) return undefined;
  const conversation = startConversation(scenario, analyzer, {
    mode: state.mode,
    startedAt: state.startedAt,
  });
  replayTurns(conversation, resumeTurns(state));
  const ended = conversation.getSnapshot().status !== 'active';
  const snapshot = conversation.getPersistedSnapshot();
  conversation.stop();
  // A conversation that ended in the replay has nothing left to resume.
  if (ended) return undefined;
  if (local?.record.id === state.id) return saveAttempt(local, { snapshot });
  if (local) await abandonAttempt(local);
  const known = await getAttempt(state.id).catch(() => undefined);
  return beginAttempt({
    ...(known ? {} : { id: state.id }),
    scenarioId: scenario.id,
    scenarioVersion: scenario.version,
    scenarioTitle: scenario.title,
    mode: state.mode,
    trainee,
    snapshot,
    startedAt: state.startedAt,
  });
}
