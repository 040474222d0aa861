/**
 * Service procedures as data (the complaint six steps, SPIN order, value-add, personalised
 * service): each step names what meets it and the document section it comes from. They live in
 * a rule pack's `procedures:` (scenarios/rules/procedures.yaml); the report's checklist and the
 * observer's scorecard both read them from the analyzer, so the two never disagree.
 */
import { z } from 'zod';
import { localizedSchema, sourceSchema } from './rule-schema';
import { PROCEDURES, type Procedure } from './scenario-schema';
import { TAGS } from './tags';

export const procedureStepSchema = z.strictObject({
  id: z.string().regex(/^[a-z0-9][a-z0-9-]*$/, 'lower-case letters, digits and dashes'),
  label: localizedSchema,
  source: sourceSchema,
  /** A reply with any of these tags does the step (the first one is the observer's tag for it). */
  metBy: z.array(z.enum(TAGS)).min(1),
  /** Only the first reply can do it, and only without a forbidden phrase (let the customer vent). */
  firstReply: z.boolean().default(false),
  /** Only a reply to a customer who did not ask for it (an unprompted extra). */
  unprompted: z.boolean().default(false),
  /** Not needed when the reply that did this other step left the customer calm. */
  notNeededWhenCalmAfter: z.string().optional(),
});
export type ProcedureStep = z.infer<typeof procedureStepSchema>;

export const procedureSchema = z.strictObject({
  title: localizedSchema,
  /** Steps must come in this order (complaint, SPIN); else any order counts. */
  ordered: z.boolean(),
  steps: z.array(procedureStepSchema).default([]),
  /** Personalised service: one step per persona fact of the scenario, citing this source. */
  personaFacts: sourceSchema.optional(),
});
export type ProcedureSpec = z.infer<typeof procedureSchema>;

/** The procedures a scenario can name ('none' has no steps). */
export const PROCEDURE_IDS = PROCEDURES.filter((id) => id !== 'none');
export type Procedures = Partial<Record<Procedure, ProcedureSpec>>;
