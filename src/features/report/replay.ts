/**
 * "Retry this turn": rebuilds the conversation up to just before a reply by re-sending the
 * earlier replies with their original timestamps, then scores a new reply in their place.
 */
import { createActor } from 'xstate';
import type { Analyzer } from '../../core/analyzer';
import {
  createScenarioMachine,
  type CustomerEntry,
  type TraineeEntry,
  type TranscriptEntry,
} from '../../core/scenario-machine';
import type { Mode, Scenario } from '../../core/scenario-schema';
import { sumPoints } from '../../core/scoring';

export interface RetryResult {
  score: number;
  /** The customer's next line after the new reply (an ending's line if it ended there). */
  reaction: CustomerEntry | undefined;
  moodBefore: number;
  moodAfter: number;
}

/** Replays `transcript` before `turn`, answers that turn with `text` at the original time, scores it. */
export function retryTurn(
  scenario: Scenario,
  analyzer: Analyzer,
  mode: Mode,
  transcript: readonly TranscriptEntry[],
  turn: number,
  text: string,
): RetryResult | undefined {
  const replies = transcript.filter((entry): entry is TraineeEntry => entry.role === 'trainee');
  const original = replies.find((entry) => entry.turn === turn);
  const startedAt = transcript[0]?.at;
  if (!original || startedAt === undefined) return undefined;
  const actor = createActor(createScenarioMachine(scenario, analyzer), {
    input: { mode, startedAt },
  });
  actor.start();
  for (const entry of replies) {
    if (entry.turn >= turn) break;
    actor.send(
      entry.timeout
        ? { type: 'TIMEOUT', at: entry.at }
        : { type: 'REPLY', text: entry.text, at: entry.at },
    );
  }
  const before = actor.getSnapshot().context;
  if (before.turn !== turn - 1) {
    actor.stop();
    return undefined;
  }
  actor.send({ type: 'REPLY', text, at: original.at });
  const after = actor.getSnapshot().context;
  actor.stop();
  const reaction = after.transcript
    .slice(before.transcript.length)
    .find((entry): entry is CustomerEntry => entry.role === 'customer');
  return {
    score: sumPoints(after.findings.filter((finding) => finding.turn === turn)),
    reaction,
    moodBefore: before.mood,
    moodAfter: after.mood,
  };
}
