/**
 * Analyzer quality against labelled replies (tests/fixtures/replies.jsonl): precision, recall,
 * F1 and support per tag plus the micro average, and the replies it got wrong. Pure.
 */
import { z } from 'zod';
import type { AnalysisContext, Analyzer } from './analyzer';
import { TAGS, type Tag } from './tags';

/** One labelled fixture line: the full expected tag set of the reply. */
export const labelledReplySchema = z.object({
  id: z.string().min(1),
  /** The scenario the reply was written for: its situation decides compensation vs value-add. */
  scenario: z.string().optional(),
  text: z.string(),
  tags: z.array(z.enum(TAGS)),
});
export type LabelledReply = z.infer<typeof labelledReplySchema>;

export interface JsonlProblem {
  line: number;
  message: string;
}

export interface Prediction {
  id: string;
  text: string;
  expected: readonly Tag[];
  got: readonly Tag[];
}

export interface Score {
  precision: number;
  recall: number;
  f1: number;
  /** Replies labelled with the tag (for the micro average: all labels). */
  support: number;
  truePositives: number;
  falsePositives: number;
  falseNegatives: number;
}

export interface Miss extends Prediction {
  missing: Tag[];
  extra: Tag[];
}

export interface EvalReport {
  perTag: Record<Tag, Score>;
  micro: Score;
  /** Mean F1 over the tags the set labels at least once. */
  macroF1: number;
  /** Share of replies whose whole tag set is right, 0–1. */
  exactSets: number;
  misclassified: Miss[];
}

/** Parses labelled JSONL; blank lines are skipped, bad ones reported with their 1-based line. */
export function parseLabelledReplies(jsonl: string): {
  replies: LabelledReply[];
  problems: JsonlProblem[];
} {
  const replies: LabelledReply[] = [];
  const problems: JsonlProblem[] = [];
  jsonl.split('\n').forEach((raw, index) => {
    if (raw.trim() === '') return;
    let value: unknown;
    try {
      value = JSON.parse(raw);
    } catch (error) {
      problems.push({ line: index + 1, message: `not JSON: ${(error as Error).message}` });
      return;
    }
    const result = labelledReplySchema.safeParse(value);
    if (result.success) replies.push(result.data);
    else {
      const issue = result.error.issues[0];
      const where = issue?.path.join('.') || 'line';
      problems.push({ line: index + 1, message: `${where}: ${issue?.message ?? 'invalid'}` });
    }
  });
  return { replies, problems };
}

function score(truePositives: number, falsePositives: number, falseNegatives: number): Score {
  // An empty denominator means nothing wrong was said (no predictions / nothing to find): 1.
  const predicted = truePositives + falsePositives;
  const actual = truePositives + falseNegatives;
  const precision = predicted === 0 ? 1 : truePositives / predicted;
  const recall = actual === 0 ? 1 : truePositives / actual;
  const f1 = precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall);
  return { precision, recall, f1, support: actual, truePositives, falsePositives, falseNegatives };
}

/** Scores predictions against labels: expected [apology], got [apology, forbidden] -> forbidden precision 0. */
export function evaluate(predictions: readonly Prediction[]): EvalReport {
  const counts = new Map<Tag, { tp: number; fp: number; fn: number }>(
    TAGS.map((tag) => [tag, { tp: 0, fp: 0, fn: 0 }]),
  );
  const misclassified: Miss[] = [];
  for (const prediction of predictions) {
    const expected = new Set(prediction.expected);
    const got = new Set(prediction.got);
    const missing = TAGS.filter((tag) => expected.has(tag) && !got.has(tag));
    const extra = TAGS.filter((tag) => got.has(tag) && !expected.has(tag));
    for (const tag of TAGS) {
      const count = counts.get(tag);
      if (!count) continue;
      if (expected.has(tag) && got.has(tag)) count.tp++;
      else if (got.has(tag)) count.fp++;
      else if (expected.has(tag)) count.fn++;
    }
    if (missing.length > 0 || extra.length > 0)
      misclassified.push({ ...prediction, missing, extra });
  }
  const perTag = {} as Record<Tag, Score>;
  let tp = 0;
  let fp = 0;
  let fn = 0;
  for (const [tag, count] of counts) {
    perTag[tag] = score(count.tp, count.fp, count.fn);
    tp += count.tp;
    fp += count.fp;
    fn += count.fn;
  }
  const present = TAGS.filter((tag) => perTag[tag].support > 0);
  const macroF1 =
    present.length === 0
      ? 1
      : present.reduce((sum, tag) => sum + perTag[tag].f1, 0) / present.length;
  const exactSets = predictions.length === 0 ? 1 : 1 - misclassified.length / predictions.length;
  return { perTag, micro: score(tp, fp, fn), macroF1, exactSets, misclassified };
}

/** Runs the analyzer on every labelled reply and scores its tags against the labels. */
export function evaluateAnalyzer(
  analyzer: Pick<Analyzer, 'analyze'>,
  replies: readonly LabelledReply[],
  contextOf: (scenarioId: string) => AnalysisContext | undefined = () => undefined,
): EvalReport {
  return evaluate(
    replies.map((reply) => ({
      id: reply.id,
      text: reply.text,
      expected: reply.tags,
      got: analyzer.analyze(reply.text, reply.scenario ? contextOf(reply.scenario) : undefined)
        .tags,
    })),
  );
}
