/** Builders for stored reports in tests: a complete, valid report with only what a test cares about changed. */
import type { CustomerEntry, TraineeEntry } from '../../src/core/scenario-machine';
import type { Finding } from '../../src/core/scoring';
import { REPORT_SCHEMA_VERSION, type StoredReport } from '../../src/core/stored-report';
import type { Tag } from '../../src/core/tags';

export function customerLine(
  zh: string,
  at: number,
  change: Partial<CustomerEntry> = {},
): CustomerEntry {
  return {
    role: 'customer',
    stepId: 'open',
    text: { 'zh-CN': zh, en: zh },
    at,
    mood: 50,
    ...change,
  };
}

/** A trainee reply whose analysis hit `ruleIds` (the tag is the rule id's first part). */
export function traineeLine(
  turn: number,
  text: string,
  at: number,
  ruleIds: string[] = [],
  change: Partial<TraineeEntry> = {},
): TraineeEntry {
  const spans = ruleIds.map((ruleId) => ({
    tag: ruleId.split('.')[0] as Tag,
    start: 0,
    end: text.length,
    ruleId,
  }));
  return {
    role: 'trainee',
    turn,
    stepId: 'open',
    text,
    at,
    responseMs: 5000,
    timeout: false,
    analysis: { tags: [...new Set(spans.map((span) => span.tag))].sort(), spans },
    facts: [],
    moodBefore: 50,
    moodAfter: 50,
    ...change,
  };
}

export function finding(change: Partial<Finding> = {}): Finding {
  return {
    kind: 'hit',
    words: '',
    start: 0,
    end: 0,
    stepId: 'open',
    turn: 1,
    points: 0,
    dimension: '移情性',
    message: { 'zh-CN': '说明', en: 'note' },
    better: { 'zh-CN': '', en: '' },
    source: { doc: '003_22128e453d54b396.txt', section: '投诉处理' },
    ...change,
  };
}

export function storedReport(change: Partial<StoredReport> = {}): StoredReport {
  return {
    schemaVersion: REPORT_SCHEMA_VERSION,
    scenarioId: 'complaint-late-delivery',
    version: 1,
    mode: 'exam',
    score: 80,
    passed: true,
    passScore: 60,
    dimensions: {},
    procedure: { kind: 'complaint-six-steps', items: [], adherence: 0 },
    responseTimes: { perTurnMs: [], averageMs: 0, slowTurns: 0, limitMs: 60_000 },
    findings: [],
    transcript: [],
    turns: [],
    ...change,
  };
}
