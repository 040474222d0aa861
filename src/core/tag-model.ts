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

/** An n-gram's weight for every tag (if it has any), and the n-grams one character longer. */
interface GramNode {
  row: Float64Array | undefined;
  next: Map<number, GramNode>;
  /** The text it was last counted for: an n-gram counts once per text. */
  countedFor: number;
}

/** A model made ready to score: walking a trie of n-grams by char code gives each one's weights. */
export interface CompiledTagModel {
  model: TagModel;
  tags: Tag[];
  bias: number[];
  thresholds: number[];
  grams: GramNode;
  /** Per tag, for the likeness: each n-gram (length ≥ 2) and the examples that have it. */
  examplesWith: Map<Tag, Map<string, number[]>>;
}

export function compileTagModel(model: TagModel): CompiledTagModel {
  const tags = TAGS.filter((tag) => model.tags[tag] !== undefined);
  const grams: GramNode = { row: undefined, next: new Map(), countedFor: 0 };
  tags.forEach((tag, index) => {
    for (const [gram, weight] of Object.entries(model.tags[tag]?.weights ?? {})) {
      let node = grams;
      for (let i = 0; i < gram.length; i++) {
        const code = gram.charCodeAt(i);
        let child = node.next.get(code);
        if (!child) {
          child = { row: undefined, next: new Map(), countedFor: 0 };
          node.next.set(code, child);
        }
        node = child;
      }
      node.row ??= new Float64Array(tags.length);
      node.row[index] = weight;
    }
  });
  return {
    model,
    tags,
    bias: tags.map((tag) => model.tags[tag]?.bias ?? 0),
    thresholds: tags.map((tag) => model.tags[tag]?.threshold ?? model.threshold),
    grams,
    examplesWith: new Map(tags.map((tag) => [tag, examplesByGram(model.tags[tag]?.examples)])),
  };
}

function examplesByGram(examples: readonly [string, string][] = []): Map<string, number[]> {
  const byGram = new Map<string, number[]>();
  examples.forEach(([, normalised], index) => {
    for (const gram of ngrams(normalised)) {
      if (gram.length < 2) continue;
      const list = byGram.get(gram);
      if (list) list.push(index);
      else byGram.set(gram, [index]);
    }
  });
  return byGram;
}

/** Numbers each text modelHits reads (see GramNode.countedFor). */
let textsCounted = 0;

/** Tags the model finds in a normalised text (except those in `skip`), with the clause that carries each. */
export function modelHits(
  compiled: CompiledTagModel,
  text: string,
  skip: ReadonlySet<Tag> = new Set(),
): ModelHit[] {
  if (compiled.tags.every((tag) => skip.has(tag))) return [];
  if (text.length === 0) return [];
  const z = Float64Array.from(compiled.bias);
  const counting = ++textsCounted;
  for (let i = 0; i < text.length; i++) {
    let node: GramNode | undefined = compiled.grams;
    for (let n = 0; n < MAX_NGRAM && i + n < text.length; n++) {
      node = node.next.get(text.charCodeAt(i + n));
      if (!node) break;
      if (node.countedFor === counting || !node.row) continue;
      node.countedFor = counting;
      const row = node.row;
      for (let k = 0; k < row.length; k++) z[k] = (z[k] as number) + (row[k] as number);
    }
  }
  const hits: ModelHit[] = [];
  let grams: Set<string> | undefined;
  compiled.tags.forEach((tag, index) => {
    const probability = 1 / (1 + Math.exp(-(z[index] ?? 0)));
    const entry = compiled.model.tags[tag];
    if (skip.has(tag) || !entry || probability <= (compiled.thresholds[index] ?? 1)) return;
    const clause = heaviestClause(compiled.grams, index, text);
    grams ??= ngrams(text);
    const example = nearest(compiled.examplesWith.get(tag), entry.examples.length, grams);
    hits.push({ tag, probability, ...clause, example });
  });
  return hits;
}

/** The weight towards tag `index` of the distinct n-grams of text[start, end) (negatives as 0). */
function clauseWeight(grams: GramNode, index: number, text: string, start: number, end: number) {
  const counting = ++textsCounted;
  let weight = 0;
  for (let i = start; i < end; i++) {
    let node: GramNode | undefined = grams;
    for (let n = 0; n < MAX_NGRAM && i + n < end; n++) {
      node = node.next.get(text.charCodeAt(i + n));
      if (!node) break;
      if (node.countedFor === counting || !node.row) continue;
      node.countedFor = counting;
      weight += Math.max(0, node.row[index] ?? 0);
    }
  }
  return weight;
}

/** The clause whose n-grams add most weight towards tag `index`. */
function heaviestClause(
  grams: GramNode,
  index: number,
  text: string,
): { start: number; end: number } {
  let best = { start: 0, end: text.length, weight: -Infinity };
  let start = 0;
  for (let i = 0; i <= text.length; i++) {
    if (i < text.length && !BOUNDARY.test(text[i] ?? '')) continue;
    if (i > start) {
      const weight = clauseWeight(grams, index, text, start, i);
      if (weight > best.weight) best = { start, end: i, weight };
    }
    start = i + 1;
  }
  return { start: best.start, end: best.end };
}

/** The example sharing the most n-grams of length 2 or more with the reply (the first of equals). */
function nearest(
  examplesWith: ReadonlyMap<string, readonly number[]> | undefined,
  examples: number,
  grams: ReadonlySet<string>,
): number {
  const shared = new Int32Array(examples);
  for (const gram of grams)
    for (const example of examplesWith?.get(gram) ?? [])
      shared[example] = (shared[example] ?? 0) + 1;
  let best = 0;
  for (let example = 1; example < examples; example++)
    if ((shared[example] ?? 0) > (shared[best] ?? 0)) best = example;
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
