import { existsSync, readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Analyzer } from '../../../src/core/analyzer';
import {
  runTranscript,
  transcriptReplies,
  transcriptSchema,
  type Transcript,
} from '../../../src/core/attempt';
import { replyLimitMs } from '../../../src/core/scoring';
import { createNodeAnalyzer } from '../../../src/node/node-rules';
import { loadNodeScenarios } from '../../../src/node/node-scenarios';
import { createFakeAnalyzer } from '../../support/fake-analyzer';
import { miniScenario } from '../../support/mini-scenario';

const TRANSCRIPTS = 'tests/fixtures/transcripts';
const { scenarios } = loadNodeScenarios();
let analyzer: Analyzer;

beforeAll(async () => {
  analyzer = (await createNodeAnalyzer()).analyzer;
});

function transcriptOf(id: string, kind: 'strong' | 'weak'): Transcript {
  const path = `${TRANSCRIPTS}/${id}.${kind}.json`;
  expect(existsSync(path), `${path} is missing`).toBe(true);
  return transcriptSchema.parse(JSON.parse(readFileSync(path, 'utf8')));
}

describe('runTranscript', () => {
  const fake = createFakeAnalyzer();

  it('should ignore replies after the conversation reached an ending', () => {
    const report = runTranscript(miniScenario(), fake, {
      replies: [
        { text: '你弄错了', afterMs: 3_000 },
        { text: '你别激动', afterMs: 3_000 },
        { text: '对不起', afterMs: 3_000 },
      ],
    });
    expect(report.ending?.kind).toBe('escalated');
    expect(report.turns).toHaveLength(2);
  });

  it('should time out a reply slower than the limit in exam mode, not in coach mode', () => {
    const replies = [
      { text: '对不起', afterMs: 4_000 },
      { text: '我们免费换货', afterMs: 45_000 },
    ];
    const exam = runTranscript(miniScenario(), fake, { replies }, 'exam');
    // 45 s is one 30 s limit missed: the customer waits once, then takes the free exchange.
    expect(exam.turns.map((turn) => turn.timeout)).toEqual([false, true, false]);
    expect(exam.ending?.id).toBe('retained');
    expect(exam.responseTimes.slowTurns).toBe(1);
    const silent = runTranscript(
      miniScenario(),
      fake,
      { replies: [replies[0]!, { text: '我们免费换货', afterMs: 75_000 }] },
      'exam',
    );
    expect(silent.turns.map((turn) => turn.timeout)).toEqual([false, true, true]);
    expect(silent.ending?.id).toBe('lost');
    const coach = runTranscript(miniScenario(), fake, { replies }, 'coach');
    expect(coach.ending?.id).toBe('retained');
    expect(coach.responseTimes.slowTurns).toBe(1);
  });

  it('should time replies from the customer line they answer, on a clock starting at 0', () => {
    const report = runTranscript(miniScenario(), fake, {
      replies: [
        { text: '对不起', afterMs: 4_000 },
        { text: '免费换', afterMs: 6_000 },
      ],
    });
    const trainee = report.transcript.filter((entry) => entry.role === 'trainee');
    expect(trainee.map((entry) => entry.at)).toEqual([4_000, 10_000]);
    expect(report.responseTimes.perTurnMs).toEqual([4_000, 6_000]);
  });
});

describe.each(scenarios.map((scenario) => [scenario.id, scenario] as const))(
  'transcripts of %s',
  (id, scenario) => {
    it('should pass with the strong transcript, fail or score lower with the weak one', () => {
      const strong = runTranscript(scenario, analyzer, transcriptOf(id, 'strong'));
      const weak = runTranscript(scenario, analyzer, transcriptOf(id, 'weak'));
      expect(strong.passed, `strong: ${strong.notPassedBecause} (score ${strong.score})`).toBe(
        true,
      );
      expect(weak.passed && weak.score >= strong.score).toBe(false);
      expect(strong.score).toBeGreaterThan(weak.score);
    });
  },
);

describe('one reply-time limit', () => {
  it('should time out in play at the same limit the slow mark and its message use, default 60 s', () => {
    const scenario = miniScenario();
    delete scenario.replyTimeLimitSec;
    expect(replyLimitMs(scenario)).toBe(60_000);
    const report = runTranscript(
      scenario,
      createFakeAnalyzer(),
      { replies: [{ text: '对不起', afterMs: 61_000 }] },
      'exam',
    );
    expect(report.turns.map((turn) => turn.timeout)).toEqual([true, false]);
    expect(report.responseTimes.limitMs).toBe(60_000);
    const slow = report.findings.find((finding) => finding.kind === 'slow');
    expect(slow?.message['zh-CN']).toContain('60 秒');
  });
});

describe('transcriptReplies', () => {
  it('should give back the replies a transcript was played from, time-outs folded into the wait', () => {
    const scenario = miniScenario();
    const replies = [
      { text: '对不起', afterMs: 61_000 },
      { text: '我马上帮您查', afterMs: 5_000 },
    ];
    const report = runTranscript(scenario, createFakeAnalyzer(), { replies }, 'exam');
    // The slow first reply was timed out before it came.
    expect(report.turns[0]?.timeout).toBe(true);
    const again = transcriptReplies(report.transcript);
    expect(again).toEqual(replies);
    const replayed = runTranscript(scenario, createFakeAnalyzer(), { replies: again }, 'exam');
    expect(replayed.score).toBe(report.score);
  });
});
