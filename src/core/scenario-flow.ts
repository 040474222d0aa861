/**
 * The shape of a scenario being drawn: its steps, endings and transitions read leniently from
 * YAML data that may not validate yet, with the problems a trainer must see on the graph
 * (steps nobody reaches, steps with no way to an ending, transitions to nowhere).
 */
import { z } from 'zod';
import { describeGuard } from './guard-words';
import type { Localized } from './rule-schema';
import { ableToFinish, reachableFrom } from './scenario-graph';
import { ENDING_KINDS, guardSchema, type EndingKind, type Guard } from './scenario-schema';

const text = z.string().catch('');
const looseLocalized = z.object({ 'zh-CN': text, en: text }).partial().catch({});

const looseTransition = z.object({
  when: guardSchema.optional().catch(undefined),
  goto: text,
});

/** A step as far as it is written (missing or broken fields read as empty). */
const looseStep = z.object({
  id: text,
  customer: z
    .object({ angry: looseLocalized, upset: looseLocalized, calm: looseLocalized })
    .partial()
    .catch({}),
  next: z.array(looseTransition.catch({ goto: '' })).catch([]),
});

const looseEnding = z.object({
  id: text,
  kind: z.enum(ENDING_KINDS).catch('lost'),
  customer: looseLocalized,
});

const looseScenario = z
  .object({
    start: text,
    steps: z.array(looseStep.catch({ id: '', customer: {}, next: [] })).catch([]),
    endings: z.array(looseEnding.catch({ id: '', kind: 'lost', customer: {} })).catch([]),
  })
  .catch({ start: '', steps: [], endings: [] });

export interface FlowStep {
  id: string;
  /** The customer's first line (the angriest band written), for the node's caption. */
  line: string;
  start: boolean;
  /** No path from the start step leads here. */
  unreachable: boolean;
  /** No path from here leads to an ending (a dead end or a cycle with no way out). */
  noWayToEnding: boolean;
}

export interface FlowEnding {
  id: string;
  kind: EndingKind;
  line: string;
}

export interface FlowEdge {
  /** `${from}#${index}`: the transition's place in its step's `next`. */
  id: string;
  from: string;
  to: string;
  index: number;
  when: Guard | undefined;
  label: Localized;
  /** Its `goto` names neither a step nor an ending. */
  dangling: boolean;
}

export interface ScenarioFlow {
  start: string;
  steps: FlowStep[];
  endings: FlowEnding[];
  edges: FlowEdge[];
}

/** The graph of a scenario's plain YAML data (`doc.toJS()`), however incomplete. */
export function scenarioFlow(data: unknown): ScenarioFlow {
  const draft = looseScenario.parse(data ?? {});
  const steps = draft.steps.filter((step) => step.id !== '');
  const endings = draft.endings.filter((ending) => ending.id !== '');
  const known = new Set([...steps.map((step) => step.id), ...endings.map((ending) => ending.id)]);
  const gotos = new Map(steps.map((step) => [step.id, step.next.map((next) => next.goto)]));
  const reached = reachableFrom(draft.start, gotos);
  const canFinish = ableToFinish(gotos, new Set(endings.map((ending) => ending.id)));
  const firstLine = (lines: Partial<Record<string, { 'zh-CN'?: string }>>) =>
    Object.values(lines).find((line) => line?.['zh-CN'])?.['zh-CN'] ?? '';
  return {
    start: draft.start,
    steps: steps.map((step) => ({
      id: step.id,
      line: firstLine(step.customer),
      start: step.id === draft.start,
      unreachable: !reached.has(step.id),
      noWayToEnding: !canFinish.has(step.id),
    })),
    endings: endings.map((ending) => ({
      id: ending.id,
      kind: ending.kind,
      line: ending.customer['zh-CN'] ?? '',
    })),
    edges: steps.flatMap((step) =>
      step.next.map((next, index) => ({
        id: `${step.id}#${index}`,
        from: step.id,
        to: next.goto,
        index,
        when: next.when,
        label: describeGuard(next.when, index === 0),
        dangling: !known.has(next.goto),
      })),
    ),
  };
}
