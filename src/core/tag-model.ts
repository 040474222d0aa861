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

/** A model made ready to score: one lookup per n-gram gives its weight for every tag. */
export interface CompiledTagModel {
  model: TagModel;
  tags: Tag[];
  bias: number[];
  thresholds: number[];
  weights: Map<string, number[]>;
  /** Each tag's examples as n-gram sets (length ≥ 2), for the likeness. */
  exampleGrams: Map<Tag, Set<string>[]>;
}

export function compileTagModel(model: TagModel): CompiledTagModel {
  const tags = TAGS.filter((tag) => model.tags[tag] !== undefined);
  const weights = new Map<string, number[]>();
  tags.forEach((tag, index) => {
    for (const [gram, weight] of Object.entries(model.tags[tag]?.weights ?? {})) {
      let row = weights.get(gram);
      if (!row) {
        row = new Array<number>(tags.length).fill(0);
        weights.set(gram, row);
      }
      row[index] = weight;
    }
  });
  return {
    model,
    tags,
    bias: tags.map((tag) => model.tags[tag]?.bias ?? 0),
    thresholds: tags.map((tag) => model.tags[tag]?.threshold ?? model.threshold),
    weights,
    exampleGrams: new Map(
      tags.map((tag) => [
        tag,
        (model.tags[tag]?.examples ?? []).map(
          ([, normalised]) => new Set([...ngrams(normalised)].filter((gram) => gram.length > 1)),
        ),
      ]),
    ),
  };
}

/** Tags the model finds in a normalised text (except those in `skip`), with the clause that carries each. */
export function modelHits(
  compiled: CompiledTagModel,
  text: string,
  skip: ReadonlySet<Tag> = new Set(),
): ModelHit[] {
  if (compiled.tags.every((tag) => skip.has(tag))) return [];
  if (text.length === 0) return [];
  const grams = ngrams(text);
  const z = [...compiled.bias];
  for (const gram of grams) {
    const row = compiled.weights.get(gram);
    if (row) for (let k = 0; k < row.length; k++) z[k] = (z[k] ?? 0) + (row[k] ?? 0);
  }
  const hits: ModelHit[] = [];
  compiled.tags.forEach((tag, index) => {
    const probability = 1 / (1 + Math.exp(-(z[index] ?? 0)));
    const entry = compiled.model.tags[tag];
    if (skip.has(tag) || !entry || probability <= (compiled.thresholds[index] ?? 1)) return;
    const clause = heaviestClause(entry.weights, text);
    const example = nearest(compiled.exampleGrams.get(tag) ?? [], grams);
    hits.push({ tag, probability, ...clause, example });
  });
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
function nearest(examples: readonly ReadonlySet<string>[], grams: ReadonlySet<string>): number {
  let best = 0;
  let bestShared = -1;
  examples.forEach((exampleGrams, index) => {
    let shared = 0;
    for (const gram of exampleGrams) if (grams.has(gram)) shared++;
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
