/**
 * Calibration of whole-conversation scores against an expert: conversations graded (score and
 * pass/fail) before they were run, compared with what the app gives them. Pure.
 */
import { z } from 'zod';
import { MODES } from './scenario-schema';
import { transcriptSchema } from './attempt';

/** One graded conversation file: the rep's replies and the expert's verdict, given before any run. */
export const gradedConversationSchema = transcriptSchema.extend({
  id: z.string().min(1),
  scenarioId: z.string().min(1),
  mode: z.enum(MODES),
  expert: z.strictObject({
    score: z.number().min(0).max(100),
    passed: z.boolean(),
    quality: z.enum(['excellent', 'good', 'borderline', 'poor', 'terrible']),
    why: z.string(),
  }),
});

/** One conversation as graded by the expert and as scored by the app. */
export interface Judged {
  id: string;
  expertScore: number;
  expertPassed: boolean;
  appScore: number;
  appPassed: boolean;
}

export interface Agreement {
  count: number;
  /** Spearman's rank correlation of the two scores (ties get their average rank). */
  rankCorrelation: number;
  /** Share of conversations where pass/fail is the same, 0–1. */
  passAgreement: number;
  /** Cohen's κ of pass/fail: agreement beyond chance. */
  kappa: number;
  /** Mean of app score − expert score (positive: the app is more generous). */
  meanDifference: number;
  meanAbsoluteDifference: number;
}

/** Ranks 1..n with ties sharing their average rank: [10, 20, 20] -> [1, 2.5, 2.5]. */
export function ranks(values: readonly number[]): number[] {
  const order = values.map((value, index) => ({ value, index })).sort((a, b) => a.value - b.value);
  const result = new Array<number>(values.length).fill(0);
  for (let start = 0; start < order.length;) {
    let end = start;
    while (end + 1 < order.length && order[end + 1]?.value === order[start]?.value) end++;
    const rank = (start + end) / 2 + 1;
    for (let k = start; k <= end; k++) result[order[k]?.index ?? 0] = rank;
    start = end + 1;
  }
  return result;
}

function pearson(xs: readonly number[], ys: readonly number[]): number {
  const n = xs.length;
  if (n < 2) return 0;
  const mean = (values: readonly number[]) => values.reduce((a, b) => a + b, 0) / n;
  const mx = mean(xs);
  const my = mean(ys);
  let sxy = 0;
  let sxx = 0;
  let syy = 0;
  for (let i = 0; i < n; i++) {
    const dx = (xs[i] ?? 0) - mx;
    const dy = (ys[i] ?? 0) - my;
    sxy += dx * dy;
    sxx += dx * dx;
    syy += dy * dy;
  }
  return sxx === 0 || syy === 0 ? 0 : sxy / Math.sqrt(sxx * syy);
}

/** Cohen's κ of two yes/no raters; 1 when both agree perfectly even on a single class. */
export function cohensKappa(a: readonly boolean[], b: readonly boolean[]): number {
  const n = a.length;
  if (n === 0) return 0;
  let agree = 0;
  let aYes = 0;
  let bYes = 0;
  for (let i = 0; i < n; i++) {
    if (a[i] === b[i]) agree++;
    if (a[i]) aYes++;
    if (b[i]) bYes++;
  }
  const observed = agree / n;
  const chance = (aYes / n) * (bYes / n) + (1 - aYes / n) * (1 - bYes / n);
  return chance === 1 ? 1 : (observed - chance) / (1 - chance);
}

/** How far the app's scores agree with the expert's on the same conversations. */
export function agreement(judged: readonly Judged[]): Agreement {
  const expert = judged.map((j) => j.expertScore);
  const app = judged.map((j) => j.appScore);
  const differences = judged.map((j) => j.appScore - j.expertScore);
  const n = judged.length;
  const mean = (values: readonly number[]) => (n === 0 ? 0 : values.reduce((a, b) => a + b, 0) / n);
  return {
    count: n,
    rankCorrelation: pearson(ranks(expert), ranks(app)),
    passAgreement: mean(judged.map((j) => (j.expertPassed === j.appPassed ? 1 : 0))),
    kappa: cohensKappa(
      judged.map((j) => j.expertPassed),
      judged.map((j) => j.appPassed),
    ),
    meanDifference: mean(differences),
    meanAbsoluteDifference: mean(differences.map(Math.abs)),
  };
}
