import { describe, expect, it } from 'vitest';
import * as validation from 'xapi-validation';
import type { Scenario } from '../../../src/core/scenario-schema';
import type { AttemptRecord } from '../../../src/data/db';
import {
  attemptStatements,
  isoDuration,
  nameUuid,
  ruleIdsExtension,
  statementOptionsFor,
} from '../../../src/lms/xapi-statements';
import { customerLine, finding, storedReport, traineeLine } from '../../support/stored-reports';

const OPTIONS = statementOptionsFor('https://training.corp.cn/servicedojo/index.html?x=1#/report');

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
    const statements = attemptStatements(finishedAttempt(), OPTIONS);
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
    const responded = attemptStatements(finishedAttempt(), OPTIONS).filter(
      (s) => s.verb.id === 'http://adlnet.gov/expapi/verbs/responded',
    );
    expect(responded[0]?.result?.response).toBe('非常抱歉让您久等了，我理解您的心情。');
    expect(responded[0]?.result?.extensions?.[ruleIdsExtension(OPTIONS)]).toEqual([
      'apology.basic',
      'empathy.understand',
    ]);
    expect(responded[1]?.result?.extensions?.[ruleIdsExtension(OPTIONS)]).toEqual([
      'ask-preference.how',
    ]);
    expect(responded[0]?.object).toMatchObject({ definition: { interactionType: 'long-fill-in' } });
  });

  it('should report score, success, completion and duration on the final statements', () => {
    const last = attemptStatements(finishedAttempt(), OPTIONS).at(-1);
    expect(last?.result).toEqual({
      score: { scaled: 0.82, raw: 82, min: 0, max: 100 },
      success: true,
      completion: true,
      duration: 'PT12M34.5S',
    });
    expect(last?.actor).toMatchObject({ name: '李明', account: { name: 'E001' } });
  });

  it('should say failed for an attempt that did not pass, and validate', () => {
    const statements = attemptStatements(finishedAttempt({ passed: false, score: 35 }), OPTIONS);
    expect(statements.at(-1)?.verb.id).toBe('http://adlnet.gov/expapi/verbs/failed');
    expect(statements.at(-1)?.result?.success).toBe(false);
    for (const statement of statements) expect(validate(statement)).toEqual([]);
  });

  it('should identify the trainee by e-mail when one is configured', () => {
    const [first] = attemptStatements(finishedAttempt(), {
      ...OPTIONS,
      emailOf: (no) => `${no.toLowerCase()}@corp.example.com`,
    });
    expect(first?.actor).toMatchObject({ mbox: 'mailto:e001@corp.example.com' });
    expect(validate(first)).toEqual([]);
  });

  it('should give the same ids when built twice and different ids for different attempts', () => {
    const once = attemptStatements(finishedAttempt(), OPTIONS).map((s) => s.id);
    const twice = attemptStatements(finishedAttempt(), OPTIONS).map((s) => s.id);
    const other = attemptStatements(finishedAttempt({ id: 'observed-7' }), OPTIONS).map(
      (s) => s.id,
    );
    expect(twice).toEqual(once);
    expect(new Set([...once, ...other]).size).toBe(once.length + other.length);
  });

  it('should send only attempted and replies for an unfinished attempt', () => {
    const statements = attemptStatements(finishedAttempt({ status: 'in-progress' }), OPTIONS);
    expect(statements.map((s) => s.verb.display?.['en-US'])).toEqual([
      'attempted',
      'responded',
      'responded',
    ]);
  });
});

describe('statementOptionsFor', () => {
  it('should name activities and trainees after where the app runs, unless an administrator set them', () => {
    expect(OPTIONS).toEqual({
      activityBase: 'https://training.corp.cn/servicedojo/xapi/',
      homePage: 'https://training.corp.cn',
    });
    expect(
      statementOptionsFor('https://lms.corp.cn/mod/scorm/player.php', {
        activityBase: 'https://id.corp.cn/servicedojo',
        homePage: 'https://hr.corp.cn/people',
      }),
    ).toEqual({
      activityBase: 'https://id.corp.cn/servicedojo/',
      homePage: 'https://hr.corp.cn/people',
    });
    const text = JSON.stringify(attemptStatements(finishedAttempt(), OPTIONS));
    expect(text).not.toMatch(/example\.com/);
  });
});

describe('the responded statements', () => {
  const steps = [
    {
      id: 'open',
      customer: { calm: { 'zh-CN': '我的沙发呢？', en: 'Where is my sofa?' } },
      choices: [
        { 'zh-CN': '请您冷静。', en: 'Please calm down.' },
        { 'zh-CN': '非常抱歉让您久等了，我理解您的心情。', en: 'So sorry for the wait.' },
        { 'zh-CN': '这不归我管。', en: 'Not my job.' },
      ],
    },
  ];
  const scenarioOf = () => ({ steps }) as unknown as Scenario;

  it('should make the step the activity, with the reply’s own score, tags and latency', () => {
    const attempt = finishedAttempt({
      report: storedReport({
        transcript: [
          customerLine('我的沙发呢？', 1),
          traineeLine(
            1,
            '非常抱歉让您久等了，我理解您的心情。',
            Date.UTC(2024, 4, 1, 1, 1),
            ['apology.basic'],
            { responseMs: 12_500 },
          ),
        ],
        turns: [{ turn: 1, stepId: 'open', text: '', timeout: false, score: 6, maximum: 8 }],
      }),
    });
    const [, responded] = attemptStatements(attempt, OPTIONS);
    expect(responded?.object).toMatchObject({
      id: 'https://training.corp.cn/servicedojo/xapi/scenarios/complaint-late-delivery/steps/open',
      definition: {
        name: { 'zh-CN': '沙发延迟送货：步骤 open', en: 'Late sofa delivery: step open' },
        description: { 'zh-CN': '我的沙发呢？', en: '我的沙发呢？' },
        interactionType: 'long-fill-in',
      },
    });
    expect(responded?.result).toMatchObject({
      score: { raw: 6, min: 0, max: 8, scaled: 0.75 },
      duration: 'PT12.5S',
      extensions: { [`${OPTIONS.activityBase}extensions/tags`]: ['apology'] },
    });
    expect(responded?.context?.language).toBe('zh-CN');
    expect(responded?.verb.display).toEqual({ 'en-US': 'responded', 'zh-CN': '回复' });
    expect(validate(responded)).toEqual([]);
  });

  it('should send a choice-mode answer as a choice with the options and the one picked', () => {
    const attempt = finishedAttempt({ mode: 'choice' });
    const [, responded] = attemptStatements(attempt, { ...OPTIONS, scenarioOf });
    expect(responded?.object).toMatchObject({
      definition: {
        interactionType: 'choice',
        description: { 'zh-CN': '我的沙发呢？', en: 'Where is my sofa?' },
        choices: [
          { id: 'choice-1', description: { 'zh-CN': '请您冷静。', en: 'Please calm down.' } },
          { id: 'choice-2', description: { en: 'So sorry for the wait.' } },
          { id: 'choice-3' },
        ],
      },
    });
    expect(responded?.result?.response).toBe('choice-2');
    expect(validate(responded)).toEqual([]);
  });
});

describe('an attempt not finished', () => {
  it('should end an abandoned attempt with terminated, and one left with suspended', () => {
    const abandoned = attemptStatements(finishedAttempt({ status: 'abandoned' }), OPTIONS);
    expect(abandoned.map((s) => s.verb.display?.['en-US'])).toEqual([
      'attempted',
      'responded',
      'responded',
      'terminated',
    ]);
    expect(abandoned.at(-1)?.result).toMatchObject({ completion: false });
    const left = attemptStatements(finishedAttempt({ status: 'in-progress' }), OPTIONS, {
      suspended: true,
    });
    expect(left.at(-1)?.verb.id).toBe('http://adlnet.gov/expapi/verbs/suspended');
    for (const statement of [...abandoned, ...left]) expect(validate(statement)).toEqual([]);
  });

  it('should come in the order it happened', () => {
    const statements = attemptStatements(finishedAttempt(), OPTIONS);
    const times = statements.map((s) => Date.parse(s.timestamp ?? ''));
    expect(times).toEqual([...times].sort((a, b) => a - b));
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
