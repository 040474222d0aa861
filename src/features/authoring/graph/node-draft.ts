/** A step or ending as its form reads it: whatever is written, with broken fields read as empty. */
import { z } from 'zod';
import { ENDING_KINDS, guardSchema, MOOD_BANDS } from '../../../core/scenario-schema';
import { TAGS } from '../../../core/tags';

const localized = z
  .object({ 'zh-CN': z.string().catch(''), en: z.string().catch('') })
  .partial()
  .catch({});

const expectation = z.object({
  tag: z.enum(TAGS).catch('apology'),
  weight: z.number().catch(10),
  alsoMetBy: z.array(z.enum(TAGS)).optional().catch(undefined),
});
export type ExpectationDraft = z.infer<typeof expectation>;

const transition = z.object({
  when: guardSchema.optional().catch(undefined),
  goto: z.string().catch(''),
});
export type TransitionDraft = z.infer<typeof transition>;

export const EXPECTATION_LISTS = ['required', 'encouraged', 'avoid'] as const;

const stepDraft = z.object({
  customer: z.partialRecord(z.enum(MOOD_BANDS), localized).catch({}),
  expect: z
    .object({
      required: z.array(expectation).catch([]),
      encouraged: z.array(expectation).catch([]),
      avoid: z.array(expectation).catch([]),
    })
    .catch({ required: [], encouraged: [], avoid: [] }),
  choices: z.array(localized).catch([]),
  next: z.array(transition).catch([]),
});
export type StepDraft = z.infer<typeof stepDraft>;

const endingDraft = z.object({
  kind: z.enum(ENDING_KINDS).catch('lost'),
  customer: localized,
  debrief: localized,
});
export type EndingDraft = z.infer<typeof endingDraft>;

/** The step's fields for its form. */
export function readStep(data: unknown): StepDraft {
  return stepDraft.parse(data ?? {});
}

/** The ending's fields for its form. */
export function readEnding(data: unknown): EndingDraft {
  return endingDraft.parse(data ?? {});
}
