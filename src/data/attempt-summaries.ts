/**
 * The slim summary of each attempt that the HR records read: who, which scenario, mode, status,
 * times, score, pass, ending and the five dimension scores, without the conversation snapshot or
 * the report. A DBCore middleware writes it in the same IndexedDB transaction as every write to
 * `attempts` (add, put, update, modify, bulk writes, deletes, clear), whoever the writer is, so
 * the two tables never disagree; the version 4 upgrade fills it from the attempts already stored.
 */
import type {
  DBCore,
  DBCoreMutateRequest,
  DBCoreMutateResponse,
  DBCoreTable,
  Middleware,
  Transaction,
} from 'dexie';
import { sourceOf, type AttemptRecord } from './db';
import type { RecordRow } from './records-query';

/** One row of `attemptSummaries`: the record row plus the field only an index uses. */
export interface AttemptSummary extends RecordRow {
  /** 1 when passed, else 0: booleans cannot be IndexedDB keys, so the pass filter indexes this. */
  pass: 0 | 1;
}

export const ATTEMPTS_TABLE = 'attempts';
export const SUMMARIES_TABLE = 'attemptSummaries';

/** The summary stored for an attempt; optional fields are left out when the attempt has none. */
export function toAttemptSummary(attempt: AttemptRecord): AttemptSummary {
  const summary: AttemptSummary = {
    id: attempt.id,
    name: attempt.trainee.name,
    employeeNo: attempt.trainee.employeeNo,
    department: attempt.trainee.department,
    scenarioId: attempt.scenarioId,
    scenarioVersion: attempt.scenarioVersion,
    scenarioTitle: attempt.scenarioTitle,
    mode: attempt.mode,
    status: attempt.status,
    dimensions: attempt.report?.dimensions ?? {},
    startedAt: attempt.startedAt,
    pass: attempt.passed ? 1 : 0,
  };
  if (attempt.score !== undefined) summary.score = attempt.score;
  if (attempt.passed !== undefined) summary.passed = attempt.passed;
  if (attempt.endingKind !== undefined) summary.endingKind = attempt.endingKind;
  if (attempt.finishedAt !== undefined) summary.finishedAt = attempt.finishedAt;
  if (attempt.durationMs !== undefined) summary.durationMs = attempt.durationMs;
  if (attempt.observer !== undefined) summary.observer = attempt.observer;
  if (attempt.classId !== undefined) summary.classId = attempt.classId;
  summary.source = sourceOf(attempt);
  if (attempt.claimed?.score !== undefined) summary.claimedScore = attempt.claimed.score;
  return summary;
}

/** The values a successful add/put wrote (failed positions of a bulk write are skipped). */
function writtenValues(request: DBCoreMutateRequest, response: DBCoreMutateResponse) {
  if (request.type !== 'add' && request.type !== 'put') return [];
  const values = request.values as readonly AttemptRecord[];
  if (response.numFailures === 0) return values;
  return values.filter((_, index) => !(index in response.failures));
}

/** Repeats an attempts write on the summaries, in the same transaction. */
async function mirror(
  summaries: DBCoreTable,
  request: DBCoreMutateRequest,
  response: DBCoreMutateResponse,
): Promise<void> {
  const { trans } = request;
  switch (request.type) {
    case 'add':
    case 'put': {
      const values = writtenValues(request, response).map(toAttemptSummary);
      if (values.length > 0) await summaries.mutate({ type: 'put', trans, values });
      return;
    }
    case 'delete':
      if (request.keys.length > 0)
        await summaries.mutate({ type: 'delete', trans, keys: request.keys });
      return;
    case 'deleteRange':
      // Summaries share the attempts' primary keys, so the same key range clears the same ones.
      await summaries.mutate({ type: 'deleteRange', trans, range: request.range });
      return;
  }
}

/**
 * DBCore middleware: a read-write transaction that includes `attempts` also includes
 * `attemptSummaries`, and each attempts write is repeated on the summaries before it resolves.
 */
export const attemptSummariesMiddleware: Middleware<DBCore> = {
  stack: 'dbcore',
  name: 'AttemptSummaries',
  create(down) {
    return {
      ...down,
      transaction(stores, mode, options) {
        const widen =
          mode === 'readwrite' &&
          stores.includes(ATTEMPTS_TABLE) &&
          !stores.includes(SUMMARIES_TABLE);
        return down.transaction(widen ? [...stores, SUMMARIES_TABLE] : stores, mode, options);
      },
      table(name) {
        const table = down.table(name);
        if (name !== ATTEMPTS_TABLE) return table;
        return {
          ...table,
          async mutate(request) {
            const response = await table.mutate(request);
            await mirror(down.table(SUMMARIES_TABLE), request, response);
            return response;
          },
        };
      },
    };
  },
};

/** Version 4 upgrade: a summary for every attempt already stored. */
export async function fillSummaries(tx: Transaction): Promise<void> {
  const filled: AttemptSummary[] = [];
  await tx
    .table<AttemptRecord, string>(ATTEMPTS_TABLE)
    .toCollection()
    .each((attempt) => {
      filled.push(toAttemptSummary(attempt));
    });
  await tx.table<AttemptSummary, string>(SUMMARIES_TABLE).bulkPut(filled);
}
