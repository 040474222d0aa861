/**
 * Replays a scripted conversation through the scenario machine with a clock that starts at 0:
 * each reply arrives `afterMs` after the customer's line it answers. Used by `npm run play` and
 * by the transcript tests.
 */
import { z } from 'zod';
import { createActor } from 'xstate';
import type { Analyzer } from './analyzer';
import { buildReport, type Report } from './report';
import { replyLimitMs } from './scoring';
import type { Mode, Scenario } from './scenario-schema';
import { createScenarioMachine } from './scenario-machine';

export const transcriptSchema = z.strictObject({
  replies: z.array(
    z.strictObject({
      text: z.string(),
      afterMs: z.number().int().min(0),
    }),
  ),
});
export type Transcript = z.infer<typeof transcriptSchema>;

/**
 * The report of a scripted attempt. In exam mode a reply slower than the reply-time limit
 * (replyLimitMs) is preceded by TIMEOUT events (one per limit elapsed). Replies after an ending are ignored;
 * a transcript that runs out before one ends the call there (FINISH: an ending by mood).
 */
export function runTranscript(
  scenario: Scenario,
  analyzer: Analyzer,
  transcript: Transcript,
  mode: Mode = 'coach',
): Report {
  const actor = createActor(createScenarioMachine(scenario, analyzer), {
    input: { mode, startedAt: 0 },
  }).start();
  // Exam mode times every reply against the one limit the countdown and the slow mark use.
  const limitMs = mode === 'exam' ? replyLimitMs(scenario) : Infinity;
  for (const reply of transcript.replies) {
    let waited = reply.afterMs;
    while (waited > limitMs && actor.getSnapshot().status === 'active') {
      const promptedAt = actor.getSnapshot().context.promptedAt;
      actor.send({ type: 'TIMEOUT', at: promptedAt + limitMs });
      waited -= limitMs;
    }
    if (actor.getSnapshot().status !== 'active') break;
    actor.send({
      type: 'REPLY',
      text: reply.text,
      at: actor.getSnapshot().context.promptedAt + waited,
    });
  }
  // A transcript is the whole attempt: where its replies run out, the call ends there.
  if (actor.getSnapshot().status === 'active')
    actor.send({ type: 'FINISH', at: actor.getSnapshot().context.promptedAt });
  const snapshot = actor.getSnapshot();
  actor.stop();
  return buildReport(scenario, snapshot, analyzer, { mode });
}
