/**
 * Static checks of a schema-valid scenario that the schema cannot express: references between
 * steps, endings and facts, and the shape of the step graph. Each issue carries the path of
 * the offending field so the loader can name its line.
 */
import type { Scenario } from './scenario-schema';
import { ENDING_KINDS } from './scenario-schema';

export interface GraphIssue {
  path: (string | number)[];
  message: string;
}

/** Problems with ids, references and reachability; [] for a sound scenario. */
export function checkScenarioGraph(scenario: Scenario): GraphIssue[] {
  const issues: GraphIssue[] = [];
  const stepIds = new Set<string>();
  const endingIds = new Set<string>();
  const factIds = new Set(scenario.persona.facts.map((fact) => fact.id));

  const seenFacts = new Set<string>();
  scenario.persona.facts.forEach((fact, index) => {
    if (seenFacts.has(fact.id))
      issues.push({
        path: ['persona', 'facts', index, 'id'],
        message: `duplicate fact id "${fact.id}"`,
      });
    seenFacts.add(fact.id);
  });
  scenario.steps.forEach((step, index) => {
    if (stepIds.has(step.id))
      issues.push({ path: ['steps', index, 'id'], message: `duplicate step id "${step.id}"` });
    stepIds.add(step.id);
  });
  scenario.endings.forEach((ending, index) => {
    if (stepIds.has(ending.id) || endingIds.has(ending.id))
      issues.push({
        path: ['endings', index, 'id'],
        message: `duplicate id "${ending.id}" (step and ending ids share one namespace)`,
      });
    endingIds.add(ending.id);
  });
  for (const kind of ENDING_KINDS) {
    if (!scenario.endings.some((ending) => ending.kind === kind))
      issues.push({ path: ['endings'], message: `needs at least one ending of kind "${kind}"` });
  }

  if (!stepIds.has(scenario.start))
    issues.push({
      path: ['start'],
      message: endingIds.has(scenario.start)
        ? `start "${scenario.start}" is an ending; it must be a step`
        : `start "${scenario.start}" is not a step`,
    });

  const known = (id: string) => stepIds.has(id) || endingIds.has(id);
  scenario.steps.forEach((step, stepIndex) => {
    step.expect.useFacts.forEach((fact, index) => {
      if (!factIds.has(fact))
        issues.push({
          path: ['steps', stepIndex, 'expect', 'useFacts', index],
          message: `unknown fact "${fact}" (persona.facts has ${[...factIds].join(', ') || 'none'})`,
        });
    });
    step.next.forEach((transition, index) => {
      if (!known(transition.goto))
        issues.push({
          path: ['steps', stepIndex, 'next', index, 'goto'],
          message: `goto "${transition.goto}" is neither a step nor an ending`,
        });
      transition.when?.facts?.forEach((fact, factIndex) => {
        if (!factIds.has(fact))
          issues.push({
            path: ['steps', stepIndex, 'next', index, 'when', 'facts', factIndex],
            message: `unknown fact "${fact}"`,
          });
      });
    });
  });

  issues.push(...reachabilityIssues(scenario, endingIds));
  return issues;
}

/** Steps (and endings) reachable from `start` along `edges` (step id -> its gotos). */
export function reachableFrom(
  start: string,
  edges: ReadonlyMap<string, readonly string[]>,
): Set<string> {
  const reached = new Set<string>();
  const queue = [start];
  while (queue.length > 0) {
    const id = queue.shift() as string;
    if (reached.has(id)) continue;
    reached.add(id);
    queue.push(...(edges.get(id) ?? []));
  }
  return reached;
}

/** Steps with some way to an ending along `edges`, and the endings themselves. */
export function ableToFinish(
  edges: ReadonlyMap<string, readonly string[]>,
  endingIds: ReadonlySet<string>,
): Set<string> {
  const canFinish = new Set<string>(endingIds);
  for (let changed = true; changed;) {
    changed = false;
    for (const [id, targets] of edges) {
      if (!canFinish.has(id) && targets.some((target) => canFinish.has(target))) {
        canFinish.add(id);
        changed = true;
      }
    }
  }
  return canFinish;
}

function reachabilityIssues(scenario: Scenario, endingIds: ReadonlySet<string>): GraphIssue[] {
  const issues: GraphIssue[] = [];
  const edges = new Map(scenario.steps.map((step) => [step.id, step.next.map((t) => t.goto)]));
  // Forward from start: steps nobody can get to. Backward from the endings: steps that can finish.
  const reached = reachableFrom(scenario.start, edges);
  const canFinish = ableToFinish(edges, endingIds);
  scenario.steps.forEach((step, index) => {
    if (edges.has(scenario.start) && !reached.has(step.id))
      issues.push({
        path: ['steps', index, 'id'],
        message: `step "${step.id}" cannot be reached from start "${scenario.start}"`,
      });
    if (!canFinish.has(step.id))
      issues.push({
        path: ['steps', index, 'next'],
        message: `step "${step.id}" can never reach an ending (a cycle with no way out)`,
      });
  });
  return issues;
}
