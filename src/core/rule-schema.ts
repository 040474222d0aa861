/**
 * The rule catalogue format: `scenarios/rules/*.yaml`. Rules are data written by trainers;
 * this schema is the only thing that decides whether a rule is well formed.
 */
import { z } from 'zod';
import { DIMENSIONS, TAGS } from './tags';

export const RULE_PACK_SCHEMA_VERSION = 1;

/** A text in both UI languages; zh-CN is the original, en the translation. */
export const localizedSchema = z.strictObject({
  'zh-CN': z.string().min(1),
  en: z.string().min(1),
});
export type Localized = z.infer<typeof localizedSchema>;

/** Where a rule or scenario comes from: a seed document file name (or company-policy, a company's own rule) and a section in it. */
export const sourceSchema = z.strictObject({
  doc: z
    .string()
    .regex(
      /^(\d{3}_[0-9a-f]{16}\.txt|company-policy)$/,
      'must be a seed document file name like 003_22128e453d54b396.txt, or company-policy',
    ),
  section: z.string().min(1),
});
export type Source = z.infer<typeof sourceSchema>;

/**
 * A phrase pattern, matched against the normalised reply (simplified, half-width, lower case,
 * 您 -> 你, spaces and in-phrase punctuation removed). Syntax:
 *   plain text   the phrase itself, e.g. 你弄错了
 *   …  or ...    a gap of 0–8 characters inside one clause, e.g. 你…弄错
 *   ^ at start   the phrase opens a clause;  $ at end: the phrase closes a clause
 *   (a|b)        alternatives, e.g. (吗|呢)$
 *   {name}       one of the phrases of a named word set (a pack's `sets`), e.g. {道歉词}
 */
export const patternSchema = z.string().min(1).max(200);

/** A set name: letters (any script), digits, dashes. Referenced in patterns as {name}. */
export const setNameSchema = z.string().regex(/^[\p{L}\p{N}-]+$/u, 'letters, digits and dashes');

/**
 * Conditions on the clause a match sits in (the text between two of 。？，):
 *   question  the clause asks (ends in ？ or 吗/呢/么, or holds a question word and is not a
 *             statement of ours) — true: only in questions; false: only outside them
 *   subject   who the clause is about: the nearest pronoun before the match (你/您 or 我/我们/咱)
 *   negated   a negation (不 没 别 未 无 非 不用 不必) within two characters before the match
 */
export const clauseConditionSchema = z.strictObject({
  question: z.boolean().optional(),
  subject: z.enum(['you', 'we']).optional(),
  negated: z.boolean().optional(),
});
export type ClauseCondition = z.infer<typeof clauseConditionSchema>;

export const ruleSchema = z.strictObject({
  id: z.string().regex(/^[a-z0-9][a-z0-9.-]*$/, 'lower-case letters, digits, dots and dashes'),
  tag: z.enum(TAGS),
  dimension: z.enum(DIMENSIONS),
  /** Points this rule is worth in scoring (1–20). */
  weight: z.number().int().min(1).max(20),
  patterns: z.array(patternSchema).min(1),
  /** Phrases that cancel a match when they overlap it (您没有弄错 cancels 你…弄错). */
  exceptions: z.array(patternSchema).default([]),
  /** Every match must sit in a clause like this (see clauseConditionSchema). */
  clause: clauseConditionSchema.optional(),
  /** Fires only in this situation when the reply's context is known (failure: complaint, return). */
  situation: z.enum(['failure', 'ordinary']).optional(),
  message: localizedSchema,
  better: localizedSchema,
  source: sourceSchema,
  /** Golden examples: replies that must fire this rule, and look-alikes that must not. */
  examples: z
    .strictObject({
      fires: z.array(z.string()).default([]),
      silent: z.array(z.string()).default([]),
    })
    .default({ fires: [], silent: [] }),
});
export type Rule = z.infer<typeof ruleSchema>;

export const rulePackSchema = z.strictObject({
  schemaVersion: z.literal(RULE_PACK_SCHEMA_VERSION),
  pack: z.string().min(1),
  title: localizedSchema,
  /** Named word sets, shared by the rules of every pack: {name} in a pattern is one of them. */
  sets: z.record(setNameSchema, z.array(z.string().min(1)).min(1)).default({}),
  rules: z.array(z.unknown()).default([]),
  /** Service procedures by id (core/procedure-schema.ts), checked one by one by the loader. */
  procedures: z.record(z.string(), z.unknown()).default({}),
});
