import { beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { reply, startConversation } from '../../../src/core/attempt';
import type { Scenario } from '../../../src/core/scenario-schema';
import type { Analyzer } from '../../../src/core/analyzer';
import { beginAttempt } from '../../../src/data/attempt-repository';
import { ServiceDojoDb, useDatabase, type AttemptRecord } from '../../../src/data/db';
import {
  decodeResume,
  encodeResume,
  offerLmsResume,
  resumeStateOf,
} from '../../../src/lms/lms-resume';
import { restoreFromLms } from '../../../src/lms/lms-restore';
import { countsForLaunch, launchQuery, scormLaunch } from '../../../src/lms/scorm-launch';
import { GOOD_REPLIES, nodeScorer } from '../../support/practised-attempts';

const trainee = { name: '李明', employeeNo: 'E001', department: '客服部' };
let scenario: Scenario;
let analyzer: Analyzer;

beforeAll(async () => {
  const scorer = await nodeScorer();
  analyzer = scorer.analyzer;
  scenario = scorer.scenarioById('complaint-late-delivery')!;
});

beforeEach(() => {
  useDatabase(new ServiceDojoDb(`test-${crypto.randomUUID()}`));
  offerLmsResume(undefined);
});

/** An attempt in progress after `count` good replies, as the practice store keeps it. */
function played(count: number, id = 'a1b2c3d4-0000-4000-8000-000000000001'): AttemptRecord {
  const conversation = startConversation(scenario, analyzer, { mode: 'exam', startedAt: 1_000 });
  for (const { text, afterMs } of GOOD_REPLIES.slice(0, count)) reply(conversation, text, afterMs);
  const snapshot = conversation.getPersistedSnapshot();
  conversation.stop();
  return {
    id,
    schemaVersion: 1,
    scenarioId: scenario.id,
    scenarioVersion: scenario.version,
    scenarioTitle: scenario.title,
    mode: 'exam',
    trainee,
    status: 'in-progress',
    startedAt: 1_000,
    updatedAt: 2_000,
    revision: 3,
    snapshot,
  };
}

/** What the LMS hands the next computer: the suspend_data text, read back at launch. */
function throughLms(attempt: AttemptRecord) {
  return decodeResume(encodeResume(resumeStateOf(attempt), 4096));
}

const replyTexts = (record: AttemptRecord) =>
  (
    record.snapshot as { context: { transcript: { role: string; text: string }[] } }
  ).context.transcript
    .filter((entry) => entry.role === 'trainee')
    .map((entry) => entry.text);

describe('restoreFromLms', () => {
  it('should continue on this computer the conversation started on another', async () => {
    const elsewhere = played(2);
    offerLmsResume(throughLms(elsewhere));
    const kept = await restoreFromLms(scenario, analyzer, trainee, undefined);
    expect(kept?.record).toMatchObject({
      id: elsewhere.id,
      status: 'in-progress',
      mode: 'exam',
      startedAt: 1_000,
    });
    expect(replyTexts(kept!.record)).toEqual(GOOD_REPLIES.slice(0, 2).map((r) => r.text));
    // The same conversation: the customer is where the other computer left them.
    expect((kept!.record.snapshot as { value: unknown }).value).toEqual(
      (elsewhere.snapshot as { value: unknown }).value,
    );
    // Offered once only.
    expect(await restoreFromLms(scenario, analyzer, trainee, undefined)).toBeUndefined();
  });

  it("should leave this browser's attempt when it is as far on as the LMS's", async () => {
    const local = await beginAttempt({ ...played(2), startedAt: 1_000 });
    offerLmsResume(throughLms(played(1, 'other')));
    expect(await restoreFromLms(scenario, analyzer, trainee, local)).toBeUndefined();
  });

  it('should offer nothing for another scenario or version', async () => {
    offerLmsResume(throughLms(played(1)));
    expect(
      await restoreFromLms(
        { ...scenario, version: scenario.version + 1 },
        analyzer,
        trainee,
        undefined,
      ),
    ).toBeUndefined();
  });
});

describe('encodeResume', () => {
  it('should write nothing when the conversation does not fit the limit', () => {
    const state = resumeStateOf(played(3));
    const text = encodeResume(state, 64_000);
    expect(decodeResume(text)).toEqual(state);
    expect(encodeResume(state, text.length - 1)).toBe('');
  });

  it("should ignore suspend data that is not ServiceDojo's", () => {
    expect(decodeResume('')).toBeUndefined();
    expect(decodeResume('bookmark=3')).toBeUndefined();
    expect(decodeResume('{"schemaVersion":99}')).toBeUndefined();
  });
});

describe('scormLaunch', () => {
  it('should read the activity from the launch URL and write it back the same', () => {
    const launch = scormLaunch('?scenario=complaint-late-delivery&mode=exam');
    expect(launch).toEqual({ scenarioId: 'complaint-late-delivery', mode: 'exam' });
    expect(scormLaunch(launchQuery(launch!))).toEqual(launch);
    expect(scormLaunch('?scenario=x&mode=observed')).toEqual({ scenarioId: 'x' });
    expect(scormLaunch('')).toBeUndefined();
  });
});

describe('countsForLaunch', () => {
  it('should count only the launched scenario, and only its mode in a one-mode package', () => {
    const exam = { scenarioId: 'complaint-late-delivery', mode: 'exam' as const };
    expect(countsForLaunch(exam, { scenarioId: 'complaint-late-delivery', mode: 'exam' })).toBe(
      true,
    );
    expect(
      countsForLaunch({ ...exam, mode: 'choice' }, { scenarioId: exam.scenarioId, mode: 'exam' }),
    ).toBe(false);
    expect(countsForLaunch({ ...exam, mode: 'coach' }, { scenarioId: exam.scenarioId })).toBe(true);
    expect(countsForLaunch(exam, { scenarioId: 'spin-office-printer' })).toBe(false);
    expect(countsForLaunch(exam, undefined)).toBe(true);
  });
});
