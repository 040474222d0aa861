/**
 * The life of one attempt, in pure code: start the conversation (or restore it), send replies
 * and timeouts, replay recorded turns, finish it, and turn it into the report that is stored.
 * The practice page, pair typing, the playtest, "retry this turn", re-scoring under new rules,
 * result-bundle imports, `npm run play` and the server all run attempts through here.
 */
import { z } from 'zod';
import { createActor, type Actor, type Snapshot } from 'xstate';
import type { Analyzer } from './analyzer';
import { buildReport, type Report } from './report';
import {
  createScenarioMachine,
  type ConversationSnapshot,
  type CustomerEntry,
  type ScenarioMachine,
  type TraineeEntry,
  type TranscriptEntry,
} from './scenario-machine';
import { perScenario } from './per-scenario';
import type { EndingKind, Mode, Scenario } from './scenario-schema';
import { replyLimitMs, sumPoints, type Finding } from './scoring';
import { toStoredReport, type StoredReport } from './stored-report';

export type Conversation = Actor<ScenarioMachine>;

/** A machine is a pure definition: every conversation of a scenario under an analyzer shares one. */
const scenarioMachineOf = perScenario(createScenarioMachine);

/** Longest reply accepted, in characters (code points). */
export const MAX_REPLY_CHARS = 2000;

/** Why a reply was not sent, for a message next to the reply box. */
export type ReplyProblem = { kind: 'empty' } | { kind: 'too-long'; count: number };

/** Checks a draft before sending: "   " → empty, 2,001 characters → too-long, "您好" → null. */
export function replyProblem(text: string): ReplyProblem | null {
  if (text.trim() === '') return { kind: 'empty' };
  const count = Array.from(text).length;
  return count > MAX_REPLY_CHARS ? { kind: 'too-long', count } : null;
}

/** A reply within the length limit (code points), for every schema that takes replies. */
export const replyTextSchema = z
  .string()
  .refine((text) => Array.from(text).length <= MAX_REPLY_CHARS, {
    error: `longer than ${MAX_REPLY_CHARS} characters`,
  });

/** A conversation as typed or said: each reply and how long after the customer's line it came. */
export const transcriptSchema = z.strictObject({
  replies: z.array(
    z.strictObject({
      text: replyTextSchema,
      afterMs: z.number().int().min(0),
    }),
  ),
});
export type Transcript = z.infer<typeof transcriptSchema>;

export interface StartOptions {
  mode: Mode;
  /** Epoch ms (0 for a scripted replay). */
  startedAt: number;
  /** A persisted snapshot to continue from (a saved attempt). */
  snapshot?: unknown;
}

/** A conversation not yet started (subscribe first to see its first snapshot), new or restored. */
export function createConversation(
  scenario: Scenario,
  analyzer: Analyzer,
  { mode, startedAt, snapshot }: StartOptions,
): Conversation {
  const machine = scenarioMachineOf(scenario, analyzer);
  const input = { mode, startedAt };
  return snapshot === undefined || snapshot === null
    ? createActor(machine, { input })
    : createActor(machine, { snapshot: snapshot as Snapshot<unknown>, input });
}

/** A running conversation: a new one, or one restored from its persisted snapshot. */
export function startConversation(
  scenario: Scenario,
  analyzer: Analyzer,
  options: StartOptions,
): Conversation {
  return createConversation(scenario, analyzer, options).start();
}

function isActive(conversation: Conversation): boolean {
  return conversation.getSnapshot().status === 'active';
}

/** Sends one reply `afterMs` after the customer's current line. */
export function reply(conversation: Conversation, text: string, afterMs: number): void {
  const at = conversation.getSnapshot().context.promptedAt + Math.max(0, afterMs);
  conversation.send({ type: 'REPLY', text, at });
}

/** The trainee said nothing before the limit ran out, `afterMs` after the line. */
export function timeOut(conversation: Conversation, afterMs: number): void {
  const at = conversation.getSnapshot().context.promptedAt + Math.max(0, afterMs);
  conversation.send({ type: 'TIMEOUT', at });
}

/** Ends a call that is still going (the transcript ran out): an ending by the customer's mood. */
export function finishConversation(conversation: Conversation): void {
  if (isActive(conversation))
    conversation.send({ type: 'FINISH', at: conversation.getSnapshot().context.promptedAt });
}

/** The trainee's turns of a transcript, in order. */
export function traineeTurns(transcript: readonly TranscriptEntry[]): TraineeEntry[] {
  return transcript.filter((entry): entry is TraineeEntry => entry.role === 'trainee');
}

/**
 * The replies of a transcript as a script runTranscript re-runs: each reply's time after the
 * customer's line, with the time-outs before it added (exam mode times them out again).
 */
export function transcriptReplies(
  transcript: readonly TranscriptEntry[],
): { text: string; afterMs: number }[] {
  const replies: { text: string; afterMs: number }[] = [];
  let waited = 0;
  for (const turn of traineeTurns(transcript)) {
    waited += turn.responseMs;
    if (turn.timeout) continue;
    replies.push({ text: turn.text, afterMs: Math.round(waited) });
    waited = 0;
  }
  return replies;
}

/** Replays recorded turns (same texts, same response times) until they run out or the call ends. */
export function replayTurns(
  conversation: Conversation,
  turns: readonly Pick<TraineeEntry, 'text' | 'responseMs' | 'timeout'>[],
): void {
  for (const turn of turns) {
    if (!isActive(conversation)) return;
    if (turn.timeout) timeOut(conversation, turn.responseMs);
    else reply(conversation, turn.text, turn.responseMs);
  }
}

/** The report of a finished (or stopped) conversation. */
export function reportOf(
  scenario: Scenario,
  analyzer: Analyzer,
  snapshot: ConversationSnapshot,
): Report {
  return buildReport(scenario, snapshot, analyzer, { mode: snapshot.context.mode });
}

/**
 * The report of a scripted attempt, with a clock that starts at 0. In exam mode a reply slower
 * than the reply-time limit (replyLimitMs) is preceded by one TIMEOUT per limit elapsed. Replies
 * after an ending are ignored; where the replies run out the call ends (FINISH: by mood).
 */
export function runTranscript(
  scenario: Scenario,
  analyzer: Analyzer,
  transcript: Transcript,
  mode: Mode = 'coach',
): Report {
  const conversation = playTranscript(scenario, analyzer, transcript, mode);
  finishConversation(conversation);
  const report = reportOf(scenario, analyzer, conversation.getSnapshot());
  conversation.stop();
  return report;
}

/** A new conversation with a scripted attempt's replies played (clock from 0), left as they leave it. */
function playTranscript(
  scenario: Scenario,
  analyzer: Analyzer,
  transcript: Transcript,
  mode: Mode,
): Conversation {
  const conversation = startConversation(scenario, analyzer, { mode, startedAt: 0 });
  // Exam mode times every reply against the one limit the countdown and the slow mark use.
  const limitMs = mode === 'exam' ? replyLimitMs(scenario) : Infinity;
  for (const { text, afterMs } of transcript.replies) {
    let waited = afterMs;
    while (waited > limitMs && isActive(conversation)) {
      timeOut(conversation, limitMs);
      waited -= limitMs;
    }
    if (!isActive(conversation)) break;
    reply(conversation, text, waited);
  }
  return conversation;
}

/** An abandoned attempt's conversation so far: its transcript and findings, never finished or scored. */
export interface ConversationSoFar {
  transcript: TranscriptEntry[];
  findings: Finding[];
}

/** Plays an abandoned scripted attempt (clock from 0) up to where the trainee left it. */
export function conversationSoFar(
  scenario: Scenario,
  analyzer: Analyzer,
  transcript: Transcript,
  mode: Mode = 'coach',
): ConversationSoFar {
  const conversation = playTranscript(scenario, analyzer, transcript, mode);
  const { context } = conversation.getSnapshot();
  conversation.stop();
  return { transcript: context.transcript, findings: context.findings };
}

/** A stored attempt's report again under another analyzer or scenario version (same replies, same times). */
export function rescoreReport(
  scenario: Scenario,
  analyzer: Analyzer,
  mode: Mode,
  transcript: readonly TranscriptEntry[],
): Report | undefined {
  const turns = traineeTurns(transcript);
  if (turns.length === 0) return undefined;
  const conversation = startConversation(scenario, analyzer, { mode, startedAt: 0 });
  replayTurns(conversation, turns);
  finishConversation(conversation);
  const report = reportOf(scenario, analyzer, conversation.getSnapshot());
  conversation.stop();
  return report;
}

export interface RetryResult {
  score: number;
  /** The customer's next line after the new reply (an ending's line if it ended there). */
  reaction: CustomerEntry | undefined;
  moodBefore: number;
  moodAfter: number;
}

/** "Retry this turn": replays the turns before `turn`, answers it with `text` at the original time, scores it. */
export function retryTurn(
  scenario: Scenario,
  analyzer: Analyzer,
  mode: Mode,
  transcript: readonly TranscriptEntry[],
  turn: number,
  text: string,
): RetryResult | undefined {
  const turns = traineeTurns(transcript);
  const original = turns.find((entry) => entry.turn === turn);
  const startedAt = transcript[0]?.at;
  if (!original || startedAt === undefined) return undefined;
  const conversation = startConversation(scenario, analyzer, { mode, startedAt });
  replayTurns(
    conversation,
    turns.filter((entry) => entry.turn < turn),
  );
  const before = conversation.getSnapshot().context;
  if (before.turn !== turn - 1 || !isActive(conversation)) {
    conversation.stop();
    return undefined;
  }
  reply(conversation, text, original.responseMs);
  const after = conversation.getSnapshot().context;
  conversation.stop();
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

/** What a finished attempt record gets: status, times, score, pass, ending and the stored report. */
export interface FinishedAttempt {
  status: 'finished';
  finishedAt: number;
  durationMs: number;
  score: number;
  passed: boolean;
  endingKind?: EndingKind;
  report: StoredReport;
}

export function finishedAttempt(
  report: Report,
  startedAt: number,
  finishedAt: number,
): FinishedAttempt {
  return {
    status: 'finished',
    finishedAt,
    durationMs: Math.max(0, finishedAt - startedAt),
    score: report.score,
    passed: report.passed,
    ...(report.ending ? { endingKind: report.ending.kind } : {}),
    report: toStoredReport(report),
  };
}
