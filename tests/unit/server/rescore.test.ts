import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runTranscript } from '../../../src/core/attempt';
import { restoreReport, toStoredReport } from '../../../src/core/stored-report';
import {
  addCompanyRule,
  COMPANY_RULE_DEFAULTS,
  EMPTY_COMPANY_PACK,
} from '../../../src/features/authoring/company-pack';
import { loadCatalog, type Catalog } from '../../../src/server/catalog';
import { scoringCatalogOf, type PublishedItem } from '../../../src/server/published-catalog';
import {
  CATALOG_NEEDED,
  inProcessRescorer,
  workerRescorer,
  type Rescorer,
  type RescoreTask,
} from '../../../src/server/rescore';
import rescoreInWorker from '../../../src/server/rescore-worker';
import { call, joined, staff, startTestServer } from './harness';

const PACK = addCompanyRule(EMPTY_COMPANY_PACK, {
  kind: 'forbidden',
  phrase: '这是公司规定',
  message: '不要拿公司规定搪塞客户',
  messageEn: 'Do not hide behind company policy',
  better: '我来看看能为您做些什么',
  betterEn: 'Let me see what I can do for you',
  example: '这是公司规定，我也没办法。',
  ...COMPANY_RULE_DEFAULTS.forbidden,
});

const TASK: Omit<RescoreTask, 'revision' | 'items'> = {
  scenarioId: 'complaint-late-delivery',
  mode: 'exam',
  replies: [
    { text: '非常抱歉让您等了这么久，这是公司规定。', afterMs: 8_000 },
    { text: '您能跟我说说当时是怎么回事吗？', afterMs: 12_000 },
  ],
};

const pack = (version: number, seq: number, text: string): PublishedItem => ({
  kind: 'rule-pack',
  id: 'company',
  version,
  text,
  publishedAt: 0,
  seq,
});

let catalog: Catalog;
let pool: Rescorer;

beforeAll(async () => {
  catalog = await loadCatalog();
  // One thread, so the same worker sees each revision in turn.
  pool = workerRescorer(1);
}, 60_000);

afterAll(async () => {
  await pool?.close();
});

async function both(items: PublishedItem[], task = TASK) {
  const scoring = scoringCatalogOf(catalog, items);
  const scenario = scoring.scenarioById(task.scenarioId)!;
  const here = await inProcessRescorer.rescore(scoring, scenario, task);
  const inWorker = await pool.rescore(scoring, scenario, task);
  return { here, inWorker, scenario, analyzer: scoring.analyzer };
}

const companyFindings = (reportJson: string) =>
  (JSON.parse(reportJson) as { findings: { ruleId?: string }[] }).findings.filter((finding) =>
    finding.ruleId?.startsWith('company.'),
  );

describe('re-scoring on the server thread or in worker threads (WORKERS)', () => {
  it('should store the report toStoredReport makes, the same from a worker', async () => {
    for (const scenarioId of ['complaint-late-delivery', 'spin-office-printer']) {
      const task = { ...TASK, scenarioId };
      const { here, inWorker, scenario, analyzer } = await both([], task);
      expect(inWorker).toEqual(here);
      const report = JSON.parse(here.reportJson) as unknown;
      expect(report).toEqual(toStoredReport(runTranscript(scenario, analyzer, task, task.mode)));
      expect(restoreReport(report)).toMatchObject({ ok: true, migrated: false });
      expect(here).toMatchObject({ score: (report as { score: number }).score });
    }
  }, 60_000);

  it('should score in the workers with each newly published rule pack, never a stale one', async () => {
    const withRule = await both([pack(1, 5, PACK)]);
    expect(withRule.inWorker).toEqual(withRule.here);
    expect(companyFindings(withRule.inWorker.reportJson)).not.toEqual([]);
    // Version 2 of the pack drops the rule: the workers build the catalogue again.
    const without = await both([pack(2, 6, EMPTY_COMPANY_PACK)]);
    expect(without.inWorker).toEqual(without.here);
    expect(companyFindings(without.inWorker.reportJson)).toEqual([]);
  }, 60_000);
});

describe('a re-scoring worker and the published items', () => {
  it('should ask for a revision’s items once, then score every task of it without them', async () => {
    const task = { ...TASK, revision: 7 };
    expect(await rescoreInWorker(task)).toBe(CATALOG_NEEDED);
    const first = await rescoreInWorker({ ...task, items: [pack(1, 7, PACK)] });
    expect(first).not.toBe(CATALOG_NEEDED);
    expect(companyFindings((first as { reportJson: string }).reportJson)).not.toEqual([]);
    expect(await rescoreInWorker(task)).toEqual(first);
    // A newer revision is asked for again.
    expect(await rescoreInWorker({ ...task, revision: 8 })).toBe(CATALOG_NEEDED);
  }, 60_000);
});

describe('POST /api/attempts with WORKERS on the embedded database', () => {
  it('should store the report a worker made, the one the server thread would have made', async () => {
    const server = await startTestServer({ workers: 1 });
    try {
      const trainer = await staff(server, 'trainer', 'trainer');
      const roster = await call(server.app, trainer, 'POST', '/api/roster', {
        csv: '李明,E001,客服部\n',
        className: '一班',
      });
      const device = await joined(server.app, roster.json().people[0].joinUrl);
      const sent = await call(server.app, device, 'POST', '/api/attempts', {
        id: 'in-a-worker',
        startedAt: Date.UTC(2026, 0, 5),
        ...TASK,
      });
      expect(sent.statusCode).toBe(201);
      const stored = await call(server.app, trainer, 'GET', '/api/attempts/in-a-worker');
      const scenario = server.catalog.scenarioById(TASK.scenarioId)!;
      const expected = toStoredReport(
        runTranscript(scenario, server.catalog.analyzer, TASK, TASK.mode),
      );
      expect(stored.json().report).toEqual(expected);
      expect(sent.json()).toMatchObject({ score: expected.score, passed: expected.passed });
    } finally {
      await server.close();
    }
  }, 120_000);
});
