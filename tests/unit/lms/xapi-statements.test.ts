import { describe, expect, it } from 'vitest';
import * as validation from 'xapi-validation';
import type { AttemptRecord } from '../../../src/data/db';
import {
  attemptStatements,
  isoDuration,
  nameUuid,
  ruleIdsExtension,
  DEFAULT_STATEMENT_OPTIONS,
} from '../../../src/lms/xapi-statements';
import { customerLine, finding, storedReport, traineeLine } from '../../support/stored-reports';

type Validate = (statement: unknown) => unknown[];
const moduleDefault = (validation as unknown as { default: Validate | { default: Validate } })
  .default;
const validate: Validate =
  typeof moduleDefault === 'function' ? moduleDefault : moduleDefault.default;

function finishedAttempt(change: Partial<AttemptRecord> = {}): AttemptRecord {
  return {
    id: 'b3b0c1de-8f4e-4c43-9d3a-0b1c2d3e4f50',
    schemaVersion: 1,
    scenarioId: 'complaint-late-delivery',
    scenarioVersion: 2,
    scenarioTitle: { 'zh-CN': '沙发延迟送货', en: 'Late sofa delivery' },
    mode: 'exam',
    trainee: { name: '李明', employeeNo: 'E001', department: '客服部' },
    status: 'finished',
    startedAt: Date.UTC(2024, 4, 1, 1, 0),
    updatedAt: Date.UTC(2024, 4, 1, 1, 12),
    finishedAt: Date.UTC(2024, 4, 1, 1, 12),
    durationMs: 754_500,
    revision: 9,
    snapshot: null,
    score: 82,
    passed: true,
    endingKind: 'retained',
    report: storedReport({
      transcript: [
        customerLine('我的沙发呢？', 1),
        traineeLine(1, '非常抱歉让您久等了，我理解您的心情。', Date.UTC(2024, 4, 1, 1, 1), [
          'apology.basic',
          'empathy.understand',
        ]),
        traineeLine(2, '您希望我们怎么处理？', Date.UTC(2024, 4, 1, 1, 3)),
      ],
      findings: [finding({ turn: 2, ruleId: 'ask-preference.how' })],
    }),
    ...change,
  };
}

describe('attemptStatements', () => {
  it('should build statements that the xAPI validator accepts', () => {
    const statements = attemptStatements(finishedAttempt());
    expect(statements.map((s) => s.verb.display?.['en-US'])).toEqual([
      'attempted',
      'responded',
      'responded',
      'completed',
      'passed',
    ]);
    for (const statement of statements) expect(validate(statement)).toEqual([]);
  });

  it('should put each reply and the rule ids it hit into its responded statement', () => {
    const responded = attemptStatements(finishedAttempt()).filter(
      (s) => s.verb.id === 'http://adlnet.gov/expapi/verbs/responded',
    );
    expect(responded[0]?.result?.response).toBe('非常抱歉让您久等了，我理解您的心情。');
    expect(responded[0]?.result?.extensions?.[ruleIdsExtension(DEFAULT_STATEMENT_OPTIONS)]).toEqual(
      ['apology.basic', 'empathy.understand'],
    );
    expect(responded[1]?.result?.extensions?.[ruleIdsExtension(DEFAULT_STATEMENT_OPTIONS)]).toEqual(
      ['ask-preference.how'],
    );
    expect(responded[0]?.object).toMatchObject({ definition: { interactionType: 'long-fill-in' } });
  });

  it('should report score, success, completion and duration on the final statements', () => {
    const last = attemptStatements(finishedAttempt()).at(-1);
    expect(last?.result).toEqual({
      score: { scaled: 0.82, raw: 82, min: 0, max: 100 },
      success: true,
      completion: true,
      duration: 'PT12M34.5S',
    });
    expect(last?.actor).toMatchObject({ name: '李明', account: { name: 'E001' } });
  });

  it('should say failed for an attempt that did not pass, and validate', () => {
    const statements = attemptStatements(finishedAttempt({ passed: false, score: 35 }));
    expect(statements.at(-1)?.verb.id).toBe('http://adlnet.gov/expapi/verbs/failed');
    expect(statements.at(-1)?.result?.success).toBe(false);
    for (const statement of statements) expect(validate(statement)).toEqual([]);
  });

  it('should identify the trainee by e-mail when one is configured', () => {
    const [first] = attemptStatements(finishedAttempt(), {
      ...DEFAULT_STATEMENT_OPTIONS,
      emailOf: (no) => `${no.toLowerCase()}@corp.example.com`,
    });
    expect(first?.actor).toMatchObject({ mbox: 'mailto:e001@corp.example.com' });
    expect(validate(first)).toEqual([]);
  });

  it('should give the same ids when built twice and different ids for different attempts', () => {
    const once = attemptStatements(finishedAttempt()).map((s) => s.id);
    const twice = attemptStatements(finishedAttempt()).map((s) => s.id);
    const other = attemptStatements(finishedAttempt({ id: 'observed-7' })).map((s) => s.id);
    expect(twice).toEqual(once);
    expect(new Set([...once, ...other]).size).toBe(once.length + other.length);
  });

  it('should send only attempted and replies for an unfinished attempt', () => {
    const statements = attemptStatements(finishedAttempt({ status: 'in-progress' }));
    expect(statements.map((s) => s.verb.display?.['en-US'])).toEqual([
      'attempted',
      'responded',
      'responded',
    ]);
  });
});

describe('nameUuid', () => {
  it('should make a valid UUID that the validator accepts as a statement id', () => {
    expect(nameUuid('x')).toMatch(
      /^[0-9a-f]{8}-[0-9a-f]{4}-8[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/,
    );
    expect(nameUuid('x')).not.toBe(nameUuid('y'));
  });
});

describe('isoDuration', () => {
  it('should write hours, minutes and fractional seconds', () => {
    expect(isoDuration(3_723_000)).toBe('PT1H2M3S');
    expect(isoDuration(0)).toBe('PT0S');
  });
});
