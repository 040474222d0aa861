/**
 * The scenario format: one `scenarios/<id>.yaml` per scenario, written by trainers from the
 * seed documents. The compiler (scenario-machine.ts) turns it into an XState machine; nothing
 * in a scenario file is ever evaluated as code.
 */
import { z } from 'zod';
import { localizedSchema, sourceSchema } from './rule-schema';
import { TAGS, type Tag } from './tags';

export const SCENARIO_SCHEMA_VERSION = 1;

export const CATEGORIES = [
  'complaint',
  'spin',
  'value-add',
  'personalised',
  'returns',
  'after-sales',
] as const;
export type Category = (typeof CATEGORIES)[number];

export const ENDING_KINDS = ['retained', 'escalated', 'lost'] as const;
export type EndingKind = (typeof ENDING_KINDS)[number];

/** The procedure a scenario grades: its steps are data (scenarios/rules/procedures.yaml, core/procedure-schema.ts). */
export const PROCEDURES = [
  'complaint-six-steps',
  'spin',
  'value-add',
  'personalised',
  'none',
] as const;
export type Procedure = (typeof PROCEDURES)[number];

/** How an attempt is taken: coach (live hints), exam (no hints, timed), choice (pick a reply), observed (trainer scorecard). */
export const MODES = ['coach', 'exam', 'choice', 'observed'] as const;
export type Mode = (typeof MODES)[number];

/** Mood is 0 (furious) – 100 (delighted); bands pick the customer's line. */
export const MOOD_BANDS = ['angry', 'upset', 'calm'] as const;
export type MoodBand = (typeof MOOD_BANDS)[number];

const idSchema = z.string().regex(/^[a-z0-9][a-z0-9-]*$/, 'lower-case letters, digits and dashes');
const tagSchema = z.enum(TAGS);

/** A fact about the customer the trainee may use; keywords are matched in the normalised reply. */
export const factSchema = z.strictObject({
  id: idSchema,
  text: localizedSchema,
  keywords: z.array(z.string().min(1)).default([]),
});

/**
 * A move a step expects. The step's intent is met by `tag` or by any tag of `alsoMetBy`: "find out
 * what went wrong" by an open question or a problem question, "offer an extra" by a value-add
 * offer or a free one.
 */
export const expectationSchema = z.strictObject({
  tag: tagSchema,
  weight: z.number().int().min(1).max(30),
  alsoMetBy: z.array(tagSchema).optional(),
});
export type Expectation = z.infer<typeof expectationSchema>;

/** The tags that meet an expectation: its own and its alternatives. */
export function tagsMeeting(expectation: Pick<Expectation, 'tag' | 'alsoMetBy'>): Tag[] {
  return [expectation.tag, ...(expectation.alsoMetBy ?? [])];
}

/** The customer's line at a step, one per mood band (at least one; the nearest band is used). */
export const customerLinesSchema = z
  .strictObject({
    angry: localizedSchema.optional(),
    upset: localizedSchema.optional(),
    calm: localizedSchema.optional(),
  })
  .refine(
    (lines) => lines.angry ?? lines.upset ?? lines.calm,
    'needs a line for at least one mood band',
  );

/** A guard: every condition given must hold. Tags are those of the trainee's last reply. */
export const guardSchema = z.strictObject({
  all: z.array(tagSchema).optional(),
  any: z.array(tagSchema).optional(),
  none: z.array(tagSchema).optional(),
  /** Facts (ids) the last reply used. */
  facts: z.array(idSchema).optional(),
  moodAtLeast: z.number().min(0).max(100).optional(),
  moodBelow: z.number().min(0).max(100).optional(),
  /** Replies given in this step so far, counting the last one. */
  turnsAtLeast: z.number().int().min(1).optional(),
  /** The last event was a timeout (no reply within the time limit). */
  timeout: z.boolean().optional(),
});
export type Guard = z.infer<typeof guardSchema>;

export const transitionSchema = z.strictObject({
  when: guardSchema.optional(),
  goto: idSchema,
});

export const stepSchema = z.strictObject({
  id: idSchema,
  customer: customerLinesSchema,
  expect: z
    .strictObject({
      required: z.array(expectationSchema).default([]),
      encouraged: z.array(expectationSchema).default([]),
      avoid: z.array(expectationSchema).default([]),
      useFacts: z.array(idSchema).default([]),
    })
    .default({ required: [], encouraged: [], avoid: [], useFacts: [] }),
  /** Authored replies for choice mode, scored by the analyzer like typed ones. */
  choices: z.array(localizedSchema).min(3).max(4),
  /** Tried in order; the first whose guard holds wins. None holds: the customer stays here. */
  next: z.array(transitionSchema).min(1),
});
export type Step = z.infer<typeof stepSchema>;

export const endingSchema = z.strictObject({
  id: idSchema,
  kind: z.enum(ENDING_KINDS),
  customer: localizedSchema,
  debrief: localizedSchema,
});
export type Ending = z.infer<typeof endingSchema>;

export const scenarioSchema = z.strictObject({
  schemaVersion: z.literal(SCENARIO_SCHEMA_VERSION),
  id: idSchema,
  version: z.number().int().min(1),
  title: localizedSchema,
  brief: localizedSchema,
  category: z.enum(CATEGORIES),
  difficulty: z.number().int().min(1).max(3),
  durationMinutes: z.number().int().min(1).max(60),
  sources: z.array(sourceSchema).min(1),
  procedure: z.enum(PROCEDURES),
  persona: z.strictObject({
    name: localizedSchema,
    who: localizedSchema,
    situation: localizedSchema,
    mood: z.number().min(0).max(100),
    facts: z.array(factSchema).default([]),
  }),
  /** Mood change per tag in a reply; merged over the defaults in scenario-machine.ts. */
  moodEffects: z.partialRecord(tagSchema, z.number().min(-50).max(50)).default({}),
  passScore: z.number().min(0).max(100),
  /** Seconds the trainee has for each reply (exam mode); absent: no limit. */
  replyTimeLimitSec: z.number().int().min(5).max(600).optional(),
  /** Rules (ids) or tags that fail the attempt whatever the score, in the listed modes. */
  blockers: z
    .array(
      z.strictObject({
        rule: z.string().optional(),
        tag: tagSchema.optional(),
        modes: z.array(z.enum(MODES)).min(1),
      }),
    )
    .default([]),
  start: idSchema,
  steps: z.array(stepSchema).min(1),
  endings: z.array(endingSchema).min(3),
});
export type Scenario = z.infer<typeof scenarioSchema>;
