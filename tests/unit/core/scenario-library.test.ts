import { beforeAll, describe, expect, it } from 'vitest';
import { getShortestPaths } from 'xstate/graph';
import type { Analyzer } from '../../../src/core/analyzer';
import {
  createScenarioMachine,
  currentStep,
  type ConversationEvent,
  type ConversationSnapshot,
} from '../../../src/core/scenario-machine';
import { ENDING_KINDS, type Scenario } from '../../../src/core/scenario-schema';
import { createNodeAnalyzer } from '../../../src/node/node-rules';
import { loadNodeScenarios, scenarioPaths } from '../../../src/node/node-scenarios';

/** Replies tried at every step besides its authored choices: rude, apologetic, generous. */
const CANNED_REPLIES = ['你弄错了', '对不起给您添麻烦了', '我们给您免费上门维修', '好的'];
/** Turns explored per path; endings further away than this count as unreachable. */
const MAX_DEPTH = 8;

const paths = scenarioPaths();
const loaded = loadNodeScenarios(paths);
let analyzer: Analyzer;

beforeAll(async () => {
  analyzer = (await createNodeAnalyzer()).analyzer;
});

/** The endings reached by shortest paths over authored choices, canned replies and timeouts. */
function reachableEndings(scenario: Scenario): Set<string> {
  const machine = createScenarioMachine(scenario, analyzer);
  const events = (snapshot: ConversationSnapshot): ConversationEvent[] => {
    const step = currentStep(snapshot, scenario);
    if (!step) return [];
    const at = snapshot.context.promptedAt + 10_000;
    const texts = [...step.choices.map((choice) => choice['zh-CN']), ...CANNED_REPLIES];
    return [
      ...texts.map((text) => ({ type: 'REPLY' as const, text, at })),
      { type: 'TIMEOUT' as const, at: at + 600_000 },
    ];
  };
  const found = getShortestPaths(machine, {
    input: { mode: 'exam', startedAt: 0 },
    events,
    serializeState: (snapshot) =>
      `${String(snapshot.value)}|${snapshot.context.mood}|${snapshot.context.turnsInStep}`,
    stopWhen: (snapshot) => snapshot.context.turn >= MAX_DEPTH,
  });
  return new Set(found.map((path) => String(path.state.value)));
}

describe('scenario library', () => {
  it('should load every scenario file with no errors', () => {
    expect(loaded.errors).toEqual([]);
    expect(loaded.scenarios).toHaveLength(paths.length);
  });

  it('should hold at least 14 scenarios', () => {
    expect(loaded.scenarios.length).toBeGreaterThanOrEqual(14);
  });

  describe.each(loaded.scenarios.map((scenario) => [scenario.id, scenario] as const))(
    '%s',
    (_id, scenario) => {
      it('should reach an ending of every kind', { timeout: 60_000 }, () => {
        const reached = reachableEndings(scenario);
        for (const kind of ENDING_KINDS) {
          const ofKind = scenario.endings.filter((ending) => ending.kind === kind);
          expect(
            ofKind.some((ending) => reached.has(ending.id)),
            `no reachable ${kind} ending (reached: ${[...reached].join(', ')})`,
          ).toBe(true);
        }
      });
    },
  );
});
