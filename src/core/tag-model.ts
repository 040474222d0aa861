/**
 * The statistical part of the analyzer: per tag, a logistic model over the character 1–3-grams of
 * the normalised reply, trained by `npm run train` on the labelled replies. It only adds a tag the
 * rules missed, when its probability passes the model's threshold, and it explains itself: the
 * clause whose n-grams weigh most is the span, and the labelled example it resembles most is named.
 * No network, no download: the weights are a JSON file in the repository.
 */
import { z } from 'zod';
import { TAGS, type Tag } from './tags';

export const TAG_MODEL_SCHEMA_VERSION = 1;
export const MAX_NGRAM = 3;

export const tagModelSchema = z.strictObject({
  schemaVersion: z.literal(TAG_MODEL_SCHEMA_VERSION),
  /** A tag is added when its probability is above this. */
  threshold: z.number().min(0).max(1),
  /** What the model was trained on, for the record. */
  trainedOn: z.array(z.string()),
  tags: z.partialRecord(
    z.enum(TAGS),
    z.strictObject({
      /** This tag's own threshold, where a false alarm costs more (forbidden). */
      threshold: z.number().min(0).max(1).optional(),
      bias: z.number(),
      weights: z.record(z.string(), z.number()),
      /** Labelled replies with the tag, [as written, normalised]: the closest is shown as the likeness. */
      examples: z.array(z.tuple([z.string(), z.string()])),
    }),
  ),
});
export type TagModel = z.infer<typeof tagModelSchema>;

/** The distinct character n-grams (1 to MAX_NGRAM) of a normalised text. */
export function ngrams(text: string): Set<string> {
  const out = new Set<string>();
  for (let n = 1; n <= MAX_NGRAM; n++)
    for (let i = 0; i + n <= text.length; i++) out.add(text.slice(i, i + n));
  return out;
}

export interface ModelHit {
  tag: Tag;
  probability: number;
  /** Normalised offsets of the clause that weighs most. */
  start: number;
  end: number;
  /** Index into the tag's examples of the labelled reply it resembles most. */
  example: number;
}

const BOUNDARY = /[。?,]/;

/** Tags the model finds in a normalised text, with the clause that carries each. */
export function modelHits(model: TagModel, text: string): ModelHit[] {
  if (text.length === 0) return [];
  const grams = ngrams(text);
  const hits: ModelHit[] = [];
  for (const tag of TAGS) {
    const entry = model.tags[tag];
    if (!entry) continue;
    let z = entry.bias;
    for (const gram of grams) z += entry.weights[gram] ?? 0;
    const probability = 1 / (1 + Math.exp(-z));
    if (probability <= (entry.threshold ?? model.threshold)) continue;
    const clause = heaviestClause(entry.weights, text);
    hits.push({ tag, probability, ...clause, example: nearest(entry.examples, grams) });
  }
  return hits;
}

/** The clause whose n-grams add most weight towards the tag. */
function heaviestClause(
  weights: Record<string, number>,
  text: string,
): { start: number; end: number } {
  let best = { start: 0, end: text.length, weight: -Infinity };
  let start = 0;
  for (let i = 0; i <= text.length; i++) {
    if (i < text.length && !BOUNDARY.test(text[i] ?? '')) continue;
    if (i > start) {
      let weight = 0;
      for (const gram of ngrams(text.slice(start, i))) weight += Math.max(0, weights[gram] ?? 0);
      if (weight > best.weight) best = { start, end: i, weight };
    }
    start = i + 1;
  }
  return { start: best.start, end: best.end };
}

/** The example sharing the most n-grams of length 2 or more with the reply. */
function nearest(
  examples: readonly (readonly [string, string])[],
  grams: ReadonlySet<string>,
): number {
  let best = 0;
  let bestShared = -1;
  examples.forEach(([, normalised], index) => {
    let shared = 0;
    for (const gram of ngrams(normalised)) if (gram.length > 1 && grams.has(gram)) shared++;
    if (shared > bestShared) {
      best = index;
      bestShared = shared;
    }
  });
  return best;
}

const MODEL_RULE = /^model\.([a-z-]+)#(\d+)$/;

/** The rule id of a model span: model.<tag>#<example>. */
export function modelRuleId(tag: Tag, example: number): string {
  return `model.${tag}#${example}`;
}

/** The tag and example of a model span's rule id; undefined for a catalogue rule. */
export function parseModelRuleId(id: string): { tag: Tag; example: number } | undefined {
  const found = MODEL_RULE.exec(id);
  const tag = TAGS.find((candidate) => candidate === found?.[1]);
  return found && tag ? { tag, example: Number(found[2]) } : undefined;
}

/** The model from its JSON text; undefined (the analyzer runs on rules alone) if it is not valid. */
export function parseTagModel(text: string): TagModel | undefined {
  try {
    const parsed = tagModelSchema.safeParse(JSON.parse(text));
    return parsed.success ? parsed.data : undefined;
  } catch {
    return undefined;
  }
}
