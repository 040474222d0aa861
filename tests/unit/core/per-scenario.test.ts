import { beforeAll, describe, expect, it } from 'vitest';
import type { Analyzer } from '../../../src/core/analyzer';
import { runTranscript } from '../../../src/core/attempt';
import type { Mode, Scenario } from '../../../src/core/scenario-schema';
import { toStoredReport } from '../../../src/core/stored-report';
import { createNodeAnalyzer } from '../../../src/node/node-rules';
import { loadNodeScenarios } from '../../../src/node/node-scenarios';
import { createFakeAnalyzer, FAKE_RULES } from '../../support/fake-analyzer';
import { miniScenario } from '../../support/mini-scenario';

const REPLIES = [
  '真是不好意思，让您久等了，换成我也着急。',
  '您能说说现在具体是什么情况吗？',
  '我马上给您安排，今天下午就处理好，办完我给您回个电话。',
  '您看这样安排可以吗？还有什么需要我们做的？',
].map((text, i) => ({ text, afterMs: 5_000 + i * 1_000 }));

function stored(scenario: Scenario, analyzer: Analyzer, mode: Mode, replies = REPLIES) {
  return toStoredReport(runTranscript(scenario, analyzer, { replies }, mode));
}

describe('what is kept per scenario and analyzer (conversation machine, best choices)', () => {
  const { scenarios } = loadNodeScenarios();
  let analyzer: Analyzer;
  beforeAll(async () => {
    analyzer = (await createNodeAnalyzer()).analyzer;
  });

  it('should give every bundled scenario the same report from kept values as from fresh ones', () => {
    expect(scenarios.length).toBeGreaterThan(3);
    for (const scenario of scenarios)
      for (const mode of ['coach', 'exam'] as const) {
        const first = stored(scenario, analyzer, mode);
        const kept = stored(scenario, analyzer, mode);
        // A copy of the scenario is another object: nothing is kept for it yet.
        const fresh = stored(structuredClone(scenario), analyzer, mode);
        expect(kept, `${scenario.id} ${mode}`).toEqual(fresh);
        expect(first, `${scenario.id} ${mode}`).toEqual(fresh);
        expect(kept.turns.some((turn) => turn.bestChoice)).toBe(true);
      }
  });

  it('should show a new scenario version’s own best choice, not the one kept for the old version', () => {
    const fake = createFakeAnalyzer();
    const version1 = miniScenario();
    const replies = [{ text: '好的', afterMs: 2_000 }];
    expect(stored(version1, fake, 'coach', replies).turns[0]?.bestChoice?.index).toBe(1);
    // Version 2 puts the apology first: its best choice is now the first one.
    const version2 = structuredClone(version1);
    version2.version = 2;
    const listen = version2.steps.find((step) => step.id === 'listen')!;
    listen.choices = [listen.choices[1]!, listen.choices[0]!, listen.choices[2]!];
    const report2 = stored(version2, fake, 'coach', replies);
    expect(report2.turns[0]?.bestChoice?.index).toBe(0);
    expect(report2.turns[0]?.bestChoice?.text).toEqual(listen.choices[0]);
    expect(stored(version1, fake, 'coach', replies).turns[0]?.bestChoice?.index).toBe(1);
  });

  it('should score with a new rule pack’s rules, not the machine and rules kept for the old pack', () => {
    const scenario = miniScenario();
    const replies = [{ text: '好的', afterMs: 2_000 }];
    const before = stored(scenario, createFakeAnalyzer(), 'coach', replies);
    // A company pack counts "好的" as an apology (and its rule comes first for the tag).
    const apology = FAKE_RULES.find((rule) => rule.tag === 'apology')!;
    const withPack = createFakeAnalyzer([
      { ...apology, id: 'company.ok', patterns: ['好的'] },
      ...FAKE_RULES,
    ]);
    const after = stored(scenario, withPack, 'coach', replies);
    expect(before.transcript.find((entry) => entry.role === 'trainee')?.analysis.tags).toEqual([]);
    expect(after.transcript.find((entry) => entry.role === 'trainee')?.analysis.tags).toEqual([
      'apology',
    ]);
    // The new pack moved the call on (its machine, not the old one) and changed the score.
    const reachedFix = (report: typeof before) =>
      report.transcript.some((entry) => entry.role === 'customer' && entry.stepId === 'fix');
    expect(reachedFix(before)).toBe(false);
    expect(reachedFix(after)).toBe(true);
    expect(after.score).toBeGreaterThan(before.score);
    const missing = (report: typeof before) =>
      report.findings.find((finding) => finding.kind === 'missing' && finding.tag === 'apology');
    expect(missing(before)?.ruleId).toBe(apology.id);
    expect(missing(after)).toBeUndefined();
    expect(after).toEqual(stored(structuredClone(scenario), withPack, 'coach', replies));
  });
});
