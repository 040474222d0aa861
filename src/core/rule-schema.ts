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

/** Where a rule or scenario comes from: a seed document file name and a section in it. */
export const sourceSchema = z.strictObject({
  doc: z
    .string()
    .regex(
      /^\d{3}_[0-9a-f]{16}\.txt$/,
      'must be a seed document file name like 003_22128e453d54b396.txt',
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
 */
export const patternSchema = z.string().min(1).max(200);

export const ruleSchema = z.strictObject({
  id: z.string().regex(/^[a-z0-9][a-z0-9.-]*$/, 'lower-case letters, digits, dots and dashes'),
  tag: z.enum(TAGS),
  dimension: z.enum(DIMENSIONS),
  /** Points this rule is worth in scoring (1–20). */
  weight: z.number().int().min(1).max(20),
  patterns: z.array(patternSchema).min(1),
  /** Phrases that cancel a match when they overlap it (您没有弄错 cancels 你…弄错). */
  exceptions: z.array(patternSchema).default([]),
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
  rules: z.array(z.unknown()),
});
export type RulePackHeader = z.infer<typeof rulePackSchema>;
