import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  addCompanyRule,
  COMPANY_RULE_DEFAULTS,
  EMPTY_COMPANY_PACK,
} from '../../../src/features/authoring/company-pack';
import { call, joined, staff, type As, type TestServer, startTestServer } from './harness';

let server: TestServer;
let admin: As;
let trainer: As;
let hr: As;
let device: As;

/** The company pack the authoring page writes, with one forbidden phrase. */
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

const REPLIES = [
  { text: '非常抱歉让您等了这么久，这是公司规定。', afterMs: 8_000 },
  { text: '您能跟我说说当时店员是怎么答应您的吗？', afterMs: 12_000 },
];

const yaml = (as: As, url: string, text: string) =>
  server.app.inject({
    method: 'POST',
    url,
    headers: { ...as.headers, 'content-type': 'text/yaml' },
    cookies: as.cookies,
    payload: text,
  });

beforeAll(async () => {
  server = await startTestServer();
  admin = await staff(server, 'admin', 'admin');
  trainer = await staff(server, 'trainer', 'trainer');
  hr = await staff(server, 'hr', 'hr');
  const roster = await call(server.app, trainer, 'POST', '/api/roster', {
    csv: '李明,E001,客服部\n',
    className: '一班',
  });
  device = await joined(server.app, roster.json().people[0].joinUrl);
}, 60_000);

afterAll(async () => {
  await server?.close();
});

describe('POST /api/catalog/rule-packs', () => {
  it('should refuse a trainee device, HR and nobody, and store nothing', async () => {
    expect((await yaml(device, '/api/catalog/rule-packs', PACK)).statusCode).toBe(403);
    expect((await yaml(hr, '/api/catalog/rule-packs', PACK)).statusCode).toBe(403);
    expect(
      (await yaml({ headers: {}, cookies: {} }, '/api/catalog/rule-packs', PACK)).statusCode,
    ).toBe(401);
    const catalog = await call(server.app, device, 'GET', '/api/catalog');
    expect(catalog.json()).toMatchObject({ revision: 0, rulePacks: [] });
  });

  it('should refuse a broken pack with the line and field of each problem', async () => {
    const broken = PACK.replace(/weight: 8/, 'weight: 80').replace(
      '- 这是公司规定',
      '- (这是公司规定',
    );
    const response = await yaml(trainer, '/api/catalog/rule-packs?file=company.yaml', broken);
    expect(response.statusCode).toBe(400);
    const line = (needle: string) => broken.split('\n').findIndex((l) => l.includes(needle)) + 1;
    expect(response.json().error).toMatch(/^company\.yaml was not published: /);
    expect(response.json().problems).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          file: 'company.yaml',
          line: line('weight: 80'),
          field: 'rules[0].weight',
        }),
      ]),
    );
    const syntax = await yaml(trainer, '/api/catalog/rule-packs', 'pack: [company\n');
    expect(syntax.statusCode).toBe(400);
    expect(syntax.json().problems[0]).toMatchObject({
      file: 'rule-pack.yaml',
      line: expect.any(Number),
    });
    const history = await call(server.app, trainer, 'GET', '/api/catalog/history');
    expect(history.json().versions).toEqual([]);
  });

  it('should publish versions 1 and 2 of a pack, the device pulling only the newest', async () => {
    const first = await yaml(trainer, '/api/catalog/rule-packs', EMPTY_COMPANY_PACK);
    expect(first.statusCode).toBe(201);
    expect(first.json()).toMatchObject({ kind: 'rule-pack', id: 'company', version: 1 });
    const second = await yaml(admin, '/api/catalog/rule-packs', PACK);
    expect(second.json()).toMatchObject({ id: 'company', version: 2 });
    const catalog = await call(server.app, device, 'GET', '/api/catalog');
    expect(catalog.statusCode).toBe(200);
    expect(catalog.json().rulePacks).toEqual([
      { pack: 'company', version: 2, text: PACK, publishedAt: expect.any(Number) },
    ]);
    const history = await call(server.app, hr, 'GET', '/api/catalog/history');
    expect(history.json().versions.map((v: { version: number }) => v.version)).toEqual([2, 1]);
  });

  it('should answer 304 while the catalogue is unchanged', async () => {
    const first = await call(server.app, device, 'GET', '/api/catalog');
    const etag = first.headers.etag as string;
    const again = await server.app.inject({
      method: 'GET',
      url: '/api/catalog',
      headers: { ...device.headers, 'if-none-match': etag },
    });
    expect(again.statusCode).toBe(304);
    expect(again.body).toBe('');
  });
});

describe('scoring with the published catalogue', () => {
  it('should score an attempt with the company rule, record the pack version and say why it differs', async () => {
    const response = await call(server.app, device, 'POST', '/api/attempts', {
      id: 'after-publish',
      scenarioId: 'complaint-late-delivery',
      scenarioVersion: 1,
      mode: 'coach',
      startedAt: Date.UTC(2026, 0, 5),
      replies: REPLIES,
      claimedScore: 99,
    });
    expect(response.statusCode).toBe(201);
    expect(response.json()).toMatchObject({
      rulePackVersions: { company: 2 },
      difference: {
        reason: 'rule-pack',
        claimedScore: 99,
        devicePacks: {},
        serverPacks: { company: 2 },
      },
    });
    const stored = await call(server.app, trainer, 'GET', '/api/attempts/after-publish');
    expect(stored.json()).toMatchObject({ scenarioVersion: 1, rulePacks: { company: 2 } });
    const findings = stored.json().report.findings as { ruleId?: string; words?: string }[];
    expect(findings.map((finding) => finding.ruleId)).toContain('company.forbidden-1');
  });

  it('should say "rescored" when the device scored with the same pack', async () => {
    const response = await call(server.app, device, 'POST', '/api/attempts', {
      id: 'same-pack',
      scenarioId: 'complaint-late-delivery',
      mode: 'coach',
      startedAt: Date.UTC(2026, 0, 6),
      replies: REPLIES,
      claimedScore: 99,
      rulePackVersions: { company: 2 },
    });
    expect(response.json().difference).toEqual({ reason: 'rescored', claimedScore: 99 });
  });
});

describe('POST /api/catalog/scenarios', () => {
  const bundled = readFileSync('scenarios/complaint-late-delivery.yaml', 'utf8');

  it('should refuse a version that is not newer, then publish a newer one the device pulls', async () => {
    const same = await yaml(trainer, '/api/catalog/scenarios', bundled);
    expect(same.statusCode).toBe(409);
    expect(same.json().error).toMatch(/version 1 is not newer than the current version 1/);
    const newer = bundled.replace(/^version: 1$/m, 'version: 2');
    const published = await yaml(trainer, '/api/catalog/scenarios', newer);
    expect(published.statusCode).toBe(201);
    expect(published.json()).toMatchObject({
      kind: 'scenario',
      id: 'complaint-late-delivery',
      version: 2,
    });
    const catalog = await call(server.app, device, 'GET', '/api/catalog');
    expect(catalog.json().scenarioVersions).toEqual([
      expect.objectContaining({ scenarioId: 'complaint-late-delivery', version: 2, text: newer }),
    ]);
    const attempt = await call(server.app, device, 'POST', '/api/attempts', {
      id: 'on-version-2',
      scenarioId: 'complaint-late-delivery',
      scenarioVersion: 1,
      mode: 'coach',
      startedAt: Date.UTC(2026, 0, 7),
      replies: REPLIES,
      claimedScore: 99,
    });
    expect(attempt.json()).toMatchObject({
      scenarioVersion: 2,
      difference: { reason: 'scenario-version', deviceVersion: 1, serverVersion: 2 },
    });
  });

  it('should refuse a broken scenario with its line', async () => {
    const broken = bundled
      .replace(/^version: 1$/m, 'version: 3')
      .replace(/^difficulty: 1$/m, 'difficulty: hard');
    const response = await yaml(trainer, '/api/catalog/scenarios?file=late.yaml', broken);
    expect(response.statusCode).toBe(400);
    const line = broken.split('\n').indexOf('difficulty: hard') + 1;
    expect(response.json().problems).toEqual([
      expect.objectContaining({ file: 'late.yaml', line, field: 'difficulty' }),
    ]);
  });
});
