/**
 * The trainee's replies of an attempt, one line per reply with its step, tags, rule ids, latency
 * and points: what the HR records, SCORM interactions and xAPI statements say about each turn.
 */
import type { Localized } from './rule-schema';
import type { StoredReport } from './stored-report';

export interface ReportReply {
  turn: number;
  /** The scenario step the reply answered. */
  stepId: string;
  text: string;
  /** The analyzer's tags of the reply, sorted. */
  tags: string[];
  ruleIds: string[];
  at: number;
  /** How long after the customer's line it came (the latency). */
  responseMs: number;
  /** No reply within the time limit. */
  timeout: boolean;
  /** The reply's own points (its findings) and the most the step could give. */
  score?: number;
  maximum?: number;
  /** What the customer said just before (the step's line as the trainee saw it). */
  prompt?: Localized;
}

/** What reportReplies reads: a stored report, or the conversation so far of an attempt in progress. */
type RepliesSource = Pick<StoredReport, 'transcript' | 'findings'> & {
  turns?: StoredReport['turns'];
};

/** The trainee's replies of a stored report, in order, with the rule ids each hit (its spans and findings). */
export function reportReplies(report: RepliesSource | undefined): ReportReply[] {
  if (!report) return [];
  let prompt: Localized | undefined;
  return report.transcript.flatMap((entry) => {
    if (entry.role !== 'trainee') {
      prompt = entry.text;
      return [];
    }
    const ids = new Set(entry.analysis.spans.map((span) => span.ruleId));
    for (const finding of report.findings)
      if (finding.turn === entry.turn && finding.ruleId) ids.add(finding.ruleId);
    const turn = report.turns?.find((t) => t.turn === entry.turn);
    return [
      {
        turn: entry.turn,
        stepId: entry.stepId,
        text: entry.text,
        tags: [...entry.analysis.tags].sort(),
        ruleIds: [...ids].sort(),
        at: entry.at,
        responseMs: entry.responseMs,
        timeout: entry.timeout,
        ...(turn ? { score: turn.score, maximum: turn.maximum } : {}),
        ...(prompt ? { prompt } : {}),
      },
    ];
  });
}

/**
 * An attempt's replies so far: from its report once finished, else from the conversation in its
 * persisted snapshot (an attempt in progress or abandoned; no per-reply points yet).
 */
export function attemptReplies(attempt: {
  report?: RepliesSource | undefined;
  snapshot?: unknown;
}): ReportReply[] {
  if (attempt.report) return reportReplies(attempt.report);
  const context = (attempt.snapshot as { context?: Partial<RepliesSource> } | null)?.context;
  if (!Array.isArray(context?.transcript)) return [];
  return reportReplies({
    transcript: context.transcript,
    findings: Array.isArray(context.findings) ? context.findings : [],
  });
}
